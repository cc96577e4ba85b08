//! Protocol versions: the 2015 and 1.6.9.1 rule sets, the version a packet is checked
//! against, and the findings that name another version or a pre-1.6 protocol.

use std::path::{Path, PathBuf};

use plesk_lint::codes::Code;
use plesk_lint::generate::{Options, corpus};
use plesk_lint::versions::{Version, Versions};

fn load() -> Versions {
    let (versions, errors) = Versions::load(&[] as &[PathBuf]);
    assert!(errors.is_empty());
    versions
}

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/versions")
        .join(name);
    std::fs::read_to_string(path).expect("fixture")
}

/// (code, message) of each finding of a fixture, checked with `default` as `--api-version`.
fn findings(versions: &Versions, name: &str, default: Option<&str>) -> Vec<(Code, String)> {
    let default = default.map(|v| Version::parse(v).expect("a version"));
    let options = plesk_lint::engine::Options {
        default_version: default,
        ..plesk_lint::engine::Options::default()
    };
    let outcome = plesk_lint::engine::check(versions, &fixture(name), &options);
    assert!(
        outcome.rules_errors.is_empty(),
        "{:?}",
        outcome.rules_errors
    );
    outcome
        .diagnostics
        .into_iter()
        .map(|d| (d.code, d.message))
        .collect()
}

#[test]
fn every_set_compiles() {
    let versions = load();
    for set in &versions.sets {
        let errors = set.rules.verify();
        assert!(errors.is_empty(), "set {}: {:?}", set.name, errors.first());
    }
}

#[test]
fn version_mapping() {
    let versions = load();
    let name = |v: Option<&str>| versions.get(v.and_then(Version::parse)).name;
    assert_eq!(name(None), "1.6.9.1");
    assert_eq!(name(Some("1.6.0.0")), "2015");
    assert_eq!(name(Some("1.6.3.0")), "2015");
    assert_eq!(name(Some("1.6.8.0")), "2015");
    assert_eq!(name(Some("1.6.9.0")), "1.6.9.1");
    assert_eq!(name(Some("1.6.9.1")), "1.6.9.1");
}

#[test]
fn new_operations_check_clean_under_1_6_9_1() {
    let versions = load();
    for name in ["extension.xml", "php_handler.xml", "get_domain_list.xml"] {
        assert_eq!(findings(&versions, name, None), vec![], "{name}");
        assert_eq!(findings(&versions, name, Some("1.6.9.1")), vec![], "{name}");
    }
}

#[test]
fn new_operations_under_an_old_version_name_the_version_that_has_them() {
    let versions = load();
    assert_eq!(
        findings(&versions, "extension_old.xml", None),
        vec![(
            Code::UnknownOperator,
            "`<extension>` is not in protocol 1.6.3.0; it exists in 1.6.9.1".to_string()
        )]
    );
    assert_eq!(
        findings(&versions, "extension.xml", Some("1.6.3.0")),
        findings(&versions, "extension_old.xml", None)
    );
    assert_eq!(
        findings(&versions, "get_domain_list_old.xml", None),
        vec![(
            Code::UnknownOperation,
            "`<customer/get-domain-list>` is not in protocol 1.6.5.0; it exists in 1.6.9.1"
                .to_string()
        )]
    );
}

#[test]
fn current_operation_is_clean_in_both_versions() {
    let versions = load();
    assert_eq!(findings(&versions, "current.xml", None), vec![]);
    assert_eq!(findings(&versions, "old_version.xml", None), vec![]);
}

#[test]
fn legacy_protocol_gets_one_note_with_the_modern_operators() {
    let versions = load();
    let found = findings(&versions, "legacy.xml", None);
    assert_eq!(found.len(), 1, "{found:?}");
    let (code, message) = &found[0];
    assert_eq!(*code, Code::LegacyProtocol);
    assert!(message.contains("1.4.2.0"), "{message}");
    assert!(
        message.contains("`<domain>` is replaced by `<webspace>`"),
        "{message}"
    );
    assert!(
        message.contains("`<client>` is replaced by `<customer>`"),
        "{message}"
    );
    assert_eq!(
        Code::LegacyProtocol.default_severity(),
        plesk_lint::diagnostic::Severity::Warning
    );
}

#[test]
fn legacy_operator_under_a_modern_protocol_is_an_error_with_the_hint() {
    let versions = load();
    let found = findings(&versions, "legacy_modern.xml", None);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().all(|(c, _)| *c == Code::UnknownOperator));
    assert!(found[0].1.contains("replaced by `<webspace>`"), "{found:?}");
}

/// The five operations the documentation shows are the same in both sets: every generated
/// packet of the 2015 set, valid or mutated, gets the same findings from both.
#[test]
fn documented_operations_agree_between_sets() {
    let mut versions = load();
    let single =
        |set: Option<plesk_lint::versions::VersionSet>| Versions::single(set.expect("a set").rules);
    let new = &single(versions.sets.pop());
    let old = &single(versions.sets.pop());
    assert_eq!(
        new.newest().name,
        "2015",
        "each alone is named as the fixed grammar"
    );
    let documented = [
        ("webspace", "set_traffic"),
        ("site", "set_traffic"),
        ("webspace", "get-limit-descriptor"),
        ("reseller-plan", "get"),
        ("service-plan", "add-plan-item"),
    ];
    let generated = corpus(
        &old.newest().rules,
        Options {
            seed: 7,
            variants: 4,
        },
    );
    let mut compared = 0;
    for packet in &generated.packets {
        if !documented.contains(&(&*packet.operator, &*packet.operation)) {
            continue;
        }
        let codes = |versions| {
            let options = plesk_lint::engine::Options::kind(Some(packet.direction));
            let outcome = plesk_lint::engine::check(versions, &packet.text, &options);
            outcome
                .diagnostics
                .iter()
                .map(|d| (d.code, d.primary.span.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(codes(old), codes(new), "{}\n{}", packet.file, packet.text);
        compared += 1;
    }
    assert!(compared > 50, "only {compared} packets");
}

fn run(args: &[&str]) -> (Option<i32>, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_plesk-lint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn cli_default_is_the_newest_and_api_version_picks_an_older_one() {
    let (code, _) = run(&["check", "tests/versions/extension.xml"]);
    assert_eq!(code, Some(0));
    let (code, out) = run(&[
        "check",
        "--output-format",
        "concise",
        "--api-version",
        "1.6.3.0",
        "tests/versions/extension.xml",
    ]);
    assert_eq!(code, Some(1));
    assert!(out.contains("it exists in 1.6.9.1"), "{out}");
    // A declared version wins over --api-version.
    let (code, _) = run(&[
        "check",
        "--api-version",
        "1.6.3.0",
        "tests/versions/php_handler.xml",
    ]);
    assert_eq!(code, Some(0));
}

#[test]
fn explain_tells_versions_apart() {
    let (_, out) = run(&["explain", "webspace/set_traffic"]);
    assert!(out.contains("request: same in 2015 and 1.6.9.1"), "{out}");
    let (_, out) = run(&["explain", "customer/get-domain-list", "--kind", "request"]);
    assert!(
        out.contains("absent in 2015 (protocols 1.6.0.0–1.6.8.x)"),
        "{out}"
    );
    let (_, old) = run(&["explain", "--list", "--api-version", "1.6.3.0"]);
    let (_, new) = run(&["explain", "--list"]);
    assert!(
        !old.contains("extension/") && new.contains("extension/get"),
        "{new}"
    );
}

#[test]
fn config_sets_the_default_protocol() {
    let dir = std::env::temp_dir().join(format!("plesk-lint-api-version-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("plesk-lint.toml"), "api-version = \"1.6.3.0\"\n").expect("write");
    std::fs::write(
        dir.join("p.xml"),
        "<packet><extension><get/></extension></packet>\n",
    )
    .expect("write");
    let run = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_plesk-lint"))
            .current_dir(&dir)
            .args(["check", "--output-format", "concise", "p.xml"])
            .output()
            .expect("binary runs")
    };
    let old = run();
    assert_eq!(old.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&old.stdout)
            .contains("is not in protocol 1.6.3.0; it exists in 1.6.9.1")
    );
    std::fs::write(dir.join("plesk-lint.toml"), "api-version = \"1.6.9.1\"\n").expect("write");
    assert_eq!(run().status.code(), Some(0));
    std::fs::remove_dir_all(&dir).ok();
}

/// Every packet under tests/versions with a `.expected` file beside it checks as that file says
/// (concise output, the default protocol: the newest), as `plesk-lint check` runs it.
/// `UPDATE_EXPECT=1` rewrites them.
#[test]
fn version_fixtures_match_their_expected_output() {
    let versions = load();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/versions");
    let mut failures = Vec::new();
    let mut compared = 0;
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/versions")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    names.sort();
    for path in names {
        let expected_path = path.with_extension("expected");
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).expect("readable");
        let source = std::sync::Arc::new(plesk_lint::source::SourceFile::new(
            format!("tests/versions/{name}"),
            text,
        ));
        let (report, _) = plesk_lint::engine::check_source(&versions, source, &Default::default());
        let mut out = Vec::new();
        plesk_lint::render::render_concise(std::slice::from_ref(&report), &mut out)
            .expect("rendering to memory");
        let actual = String::from_utf8(out).expect("UTF-8");
        if crate::support::bless() {
            std::fs::write(&expected_path, &actual).expect("writable");
            continue;
        }
        let Ok(expected) = std::fs::read_to_string(&expected_path) else {
            failures.push(format!("{name}: no {}", expected_path.display()));
            continue;
        };
        compared += 1;
        if actual != expected {
            failures.push(format!(
                "{name}:\n--- expected\n{expected}--- actual\n{actual}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(compared >= 5 || crate::support::bless());
}

/// Issue 13: a `version` that is not four numbers is an error; a pre-1.6 packet is checked
/// against the oldest grammar, with warnings.
#[test]
fn invalid_versions_are_errors_and_legacy_findings_are_warnings() {
    let versions = load();
    for value in ["abc", "", "1.6.3", "1.6.3.0.0", " 1.6.3.0x"] {
        let text = format!("<packet version=\"{value}\"><server><get_protos/></server></packet>");
        let outcome = plesk_lint::engine::check(&versions, &text, &Default::default());
        let codes: Vec<Code> = outcome.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, vec![Code::InvalidVersion], "{value:?}");
    }
    assert_eq!(
        Version::parse_protocol("1.6.3.0"),
        Some(Version([1, 6, 3, 0]))
    );
    let outcome = plesk_lint::engine::check(
        &versions,
        &fixture("legacy_swapped.xml"),
        &Default::default(),
    );
    let found: Vec<(Code, plesk_lint::diagnostic::Severity)> = outcome
        .diagnostics
        .iter()
        .map(|d| (d.code, d.severity))
        .collect();
    use plesk_lint::diagnostic::Severity::Warning;
    assert_eq!(
        found,
        vec![(Code::LegacyProtocol, Warning), (Code::OutOfOrder, Warning)]
    );
}

/// A namespaced operator is unknown for its namespace: that the other protocol has its local
/// name changes nothing: the finding says what the set expects there, as for any unknown name.
#[test]
fn a_namespaced_operator_is_not_sent_to_another_version() {
    let versions = load();
    for name in [
        "tests/fixtures/markup/unknown-operator-prefixed.request.xml",
        "tests/fixtures/adversarial/site-get-namespaced.request.xml",
    ] {
        let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(name))
            .expect("fixture");
        let messages = |outcome: plesk_lint::check::Outcome| {
            outcome
                .diagnostics
                .into_iter()
                .map(|d| d.message)
                .collect::<Vec<_>>()
        };
        let all = messages(plesk_lint::engine::check(
            &versions,
            &text,
            &Default::default(),
        ));
        assert_eq!(all.len(), 1, "{name}: {all:?}");
        assert!(all[0].contains("is in the namespace"), "{all:?}");
        assert!(all[0].contains("; expected one of"), "{all:?}");
        assert!(!all[0].contains("exists in"), "{all:?}");
    }
}
