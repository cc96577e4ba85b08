//! The rules beyond the schema (src/lints, rules/hand): the fixtures under tests/lints check
//! exactly as their `.expected` files say, every fixture is valid by the official schema
//! (these rules go beyond it on purpose), the fix of a padded value removes only the white
//! space, the codes are configurable like any code, and `explain` cites the documentation.
//! `UPDATE_EXPECT=1 cargo test --test it lints` rewrites the expected files.

use std::path::{Path, PathBuf};
use std::process::Command;

use plesk_lint::diagnostic::Code;
use plesk_lint::lints::LintRules;
use plesk_lint::rules::Direction;

use crate::bin::{run, scratch, stdout};
use crate::support::{
    check_file, compare_expected, concise, declared_direction, root, rules, skip_or_fail, xml_files,
};

const FIXTURES: &str = "tests/lints";

/// The folder a fixture lies in: the code its findings must all have, or `clean`.
fn folder(path: &Path) -> String {
    let parent = path
        .parent()
        .and_then(Path::file_name)
        .expect("in a folder");
    parent.to_string_lossy().into_owned()
}

#[test]
fn lint_fixtures_match_their_expected_output() {
    let mut failures = Vec::new();
    let files = xml_files(Path::new(FIXTURES));
    assert!(files.len() >= 18, "lint fixtures missing");
    for path in files {
        let (report, _) = check_file(&path);
        let actual = concise(&report);
        let folder = folder(&path);
        // A fixture shows its rule and nothing else: clean ones get nothing at all.
        if folder == "clean" && !report.diagnostics.is_empty() {
            failures.push(format!("{}: not clean:\n{actual}", path.display()));
        }
        if folder != "clean"
            && (report.diagnostics.is_empty()
                || report.diagnostics.iter().any(|d| d.code.as_str() != folder))
        {
            failures.push(format!(
                "{}: expected only `{folder}` findings:\n{actual}",
                path.display()
            ));
        }
        compare_expected(
            &path.display().to_string(),
            &root().join(path.with_extension("expected")),
            &actual,
            &mut failures,
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The rules beyond the schema are beyond it: libxml2 with the official schema set accepts
/// every fixture, the ones these rules report included.
#[test]
fn lint_fixtures_are_valid_by_the_official_schema() {
    let xsd = root().join("../shared/reference/xsd");
    let xsd = if xsd.is_dir() {
        xsd
    } else {
        PathBuf::from("/work/shared/reference/xsd")
    };
    if !xsd.is_dir() {
        return skip_or_fail("the official schema set (shared/reference/xsd) is not here");
    }
    if Command::new("xmllint").arg("--version").output().is_err() {
        return skip_or_fail("xmllint is not installed");
    }
    for (direction, schema) in [
        (Direction::Request, "agent_input.xsd"),
        (Direction::Response, "agent_output.xsd"),
    ] {
        let files: Vec<PathBuf> = xml_files(Path::new(FIXTURES))
            .into_iter()
            .filter(|p| declared_direction(p) == Some(direction))
            .map(|p| root().join(p))
            .collect();
        assert!(!files.is_empty());
        let output = Command::new("xmllint")
            .arg("--noout")
            .arg("--schema")
            .arg(xsd.join(schema))
            .args(&files)
            .output()
            .expect("xmllint runs");
        assert!(
            output.status.success(),
            "not schema-valid:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// Applies every fix of the findings, last edit first.
fn apply_fixes(text: &str, diagnostics: &[plesk_lint::diagnostic::Diagnostic]) -> String {
    let mut edits: Vec<_> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .flat_map(|fix| fix.edits.iter())
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    let mut text = text.to_string();
    for edit in edits {
        text.replace_range(edit.span.clone(), &edit.replacement);
    }
    text
}

#[test]
fn padded_value_fix_removes_only_the_white_space() {
    for path in xml_files(Path::new("tests/lints/padded-value")) {
        let (report, _) = check_file(&path);
        for diagnostic in &report.diagnostics {
            let fix = diagnostic.fix.as_ref().expect("a padded value has a fix");
            assert_eq!(
                fix.applicability,
                plesk_lint::diagnostic::Applicability::Safe
            );
            for edit in &fix.edits {
                let removed = &report.source.text[edit.span.clone()];
                assert!(edit.replacement.is_empty() && !removed.is_empty());
                assert!(
                    removed.chars().all(|c| " \t\r\n".contains(c)),
                    "{removed:?}"
                );
            }
        }
        let fixed = apply_fixes(&report.source.text, &report.diagnostics);
        let outcome = crate::support::check(&fixed, None);
        assert!(
            outcome.diagnostics.is_empty(),
            "{}: fixed text still has findings: {:?}",
            path.display(),
            outcome.diagnostics
        );
        // Only white space went: the text without any white space is unchanged.
        let squeeze = |t: &str| t.split_whitespace().collect::<String>();
        assert_eq!(squeeze(&fixed), squeeze(&report.source.text));
    }
    let text = "<packet><webspace><get><filter><name> a.example </name></filter>\
                <dataset><gen_info/></dataset></get></webspace></packet>";
    let outcome = crate::support::check(text, None);
    assert_eq!(
        apply_fixes(text, &outcome.diagnostics),
        text.replace("> a.example <", ">a.example<")
    );
}

/// A value the schema check already reports is not reported again by a lint.
#[test]
fn a_value_the_schema_rejects_gets_one_finding() {
    let text = "<packet><site><set_traffic><dom_id>{$id}</dom_id><date>2005-12-12</date>\
                <smtp_in>1</smtp_in><smtp_out>1</smtp_out><pop3_imap_in>1</pop3_imap_in>\
                <pop3_imap_out>1</pop3_imap_out></set_traffic></site></packet>";
    let codes: Vec<Code> = crate::support::check(text, None)
        .diagnostics
        .iter()
        .map(|d| d.code)
        .collect();
    assert_eq!(codes, [Code::InvalidValue]);
}

#[test]
fn lint_codes_are_warnings_and_configurable() {
    let lints: Vec<Code> = Code::of_kind(plesk_lint::codes::Kind::BeyondSchema).collect();
    for code in [
        Code::ConditionallyRequired,
        Code::PaddedValue,
        Code::UnfilledPlaceholder,
    ] {
        assert!(
            lints.contains(&code),
            "{code} is not declared beyond the schema"
        );
    }
    for code in lints {
        assert_eq!(code.default_severity().as_str(), "warning");
        assert_eq!(Code::from_name(code.as_str()), Some(code));
    }
    let dir = scratch("lints-config");
    let packet = root().join("tests/lints/padded-value/webspace-get-padded-name.request.xml");
    std::fs::copy(&packet, dir.join("p.xml")).expect("copy");
    let check = |extra: &[&str]| {
        let mut args = vec!["check", "--output-format", "concise"];
        args.extend_from_slice(extra);
        args.push("p.xml");
        let output = run(&dir, &args, &[], None);
        (output.status.code(), stdout(&output))
    };
    // A warning: reported, exit 0.
    let (status, out) = check(&[]);
    assert_eq!(status, Some(0), "{out}");
    assert!(
        out.contains("warning:") && out.contains("[padded-value]"),
        "{out}"
    );
    let (status, out) = check(&["--ignore", "padded-value"]);
    assert_eq!(status, Some(0));
    assert!(!out.contains("padded-value"), "{out}");
    let (status, out) = check(&["--config", "severity.padded-value=error"]);
    assert_eq!(status, Some(1), "{out}");
    assert!(
        out.contains("error:") && out.contains("[padded-value]"),
        "{out}"
    );
    std::fs::write(
        dir.join("plesk-lint.toml"),
        "select = [\"invalid-value\"]\n",
    )
    .expect("write");
    let (_, out) = check(&[]);
    assert!(!out.contains("padded-value"), "{out}"); // A suppression comment hides it, and is used (no unused-suppression).
    let text = std::fs::read_to_string(&packet).expect("fixture");
    let suppressed = text.replace(
        "<name>",
        "<!-- plesk-lint-disable-next-element padded-value: the test wants it -->\n<name>",
    );
    std::fs::remove_file(dir.join("plesk-lint.toml")).expect("remove");
    std::fs::write(dir.join("p.xml"), suppressed).expect("write");
    let (status, out) = check(&[]);
    assert_eq!(status, Some(0));
    assert!(
        !out.contains("padded-value") && !out.contains("unused"),
        "{out}"
    );
}

#[test]
fn explain_cites_the_documentation() {
    let mut out = Vec::new();
    let directions = [Direction::Request, Direction::Response];
    assert!(
        plesk_lint::explain::explain(rules(), "reseller-plan/get", &directions, &mut out)
            .expect("writes")
    );
    let out = String::from_utf8(out).expect("UTF-8");
    for element in ["errcode", "errtext", "id", "name", "guid"] {
        assert!(out.contains(&format!("must hold <{element}>")), "{out}");
    }
    assert!(out.contains("The guid node is required if the get operation succeeds."));
    assert!(out.contains("Retrieving Information About Reseller Plans"));
    let mut out = Vec::new();
    plesk_lint::explain::explain(rules(), "site/set_traffic", &directions, &mut out)
        .expect("writes");
    assert!(!String::from_utf8(out).expect("UTF-8").contains("must hold"));
    // The requirements are about responses: not shown for the request alone.
    let mut out = Vec::new();
    plesk_lint::explain::explain(
        rules(),
        "reseller-plan/get",
        &[Direction::Request],
        &mut out,
    )
    .expect("writes");
    assert!(!String::from_utf8(out).expect("UTF-8").contains("must hold"));
}

/// Whether an element of the tree `explain` prints, or a group in it, holds `tag`.
fn holds(node: &plesk_lint::rules::tree::TreeNode, tag: &str) -> bool {
    node.children.iter().any(|child| {
        child.label.starts_with(tag) || (!child.label.starts_with('<') && holds(child, tag))
    })
}

/// Every requirement names an operation with a response and an element its `<result>` can
/// hold, quotes its page, and the pages' statements are all there.
#[test]
fn conditions_data_matches_the_rules_and_the_pages() {
    let lints = LintRules::builtin();
    assert_eq!(lints.requirements.len(), 7);
    for requirement in &lints.requirements {
        let mut parts = requirement.at.split('/');
        let (operator, operation) = (parts.next().unwrap(), parts.next().unwrap());
        let tree = rules()
            .describe_operation(operator, operation, Direction::Response)
            .unwrap_or_else(|| panic!("{}: no such response", requirement.at))
            .expect("rules read");
        let result = tree
            .iter()
            .find(|n| n.label.starts_with("<result>"))
            .unwrap_or_else(|| panic!("{}: no result", requirement.at));
        assert!(
            holds(result, &format!("<{}>", requirement.element)),
            "{}: <result> cannot hold <{}>",
            requirement.at,
            requirement.element
        );
        assert!(requirement.quote.contains(&requirement.element));
    }
    let docs = root().join("../shared/reference/docs");
    let docs = if docs.is_dir() {
        docs
    } else {
        PathBuf::from("/work/shared/reference/docs")
    };
    if !docs.is_dir() {
        return skip_or_fail("the documentation pages (shared/reference/docs) are not here");
    }
    // Each quote is the page's statement, and each "required if ... fails/succeeds" statement
    // of the pages is quoted.
    let mut pages = String::new();
    for entry in std::fs::read_dir(&docs).expect("readable") {
        pages.push_str(&std::fs::read_to_string(entry.expect("entry").path()).expect("text"));
    }
    for requirement in &lints.requirements {
        assert!(pages.contains(&requirement.quote), "{}", requirement.quote);
    }
    let statements = pages
        .lines()
        .filter(|l| l.contains("required if") && (l.contains("fails") || l.contains("succeeds")))
        .count();
    // Three reseller-plan statements also depend on the request (limits, permissions,
    // ip-pool "if the request get packet specifies ..."): not checkable on a response.
    assert_eq!(statements, lints.requirements.len() + 3);
}

/// A large packet is linted the way the schema check reads it, skeleton then pieces, with the
/// findings of a whole reading.
#[test]
fn pieces_get_the_findings_of_the_whole_packet() {
    let mut text = String::from("<packet>\n<reseller-plan>\n<get>\n");
    for i in 0..300 {
        text.push_str(&match i % 4 {
            0 => format!("<result><status>ok</status><id>{i}</id><name>p{i}</name></result>\n"),
            1 => format!(
                "<result><status>ok</status><id>{i}</id><name> p{i} </name><guid>g</guid></result>\n"
            ),
            2 => "<result><status>error</status><errcode>1</errcode></result>\n".to_string(),
            _ => format!(
                "<result><status>ok</status><id>{i}</id><name>{{$n}}</name><guid>g</guid></result>\n"
            ),
        });
    }
    text.push_str(
        "</get>\n</reseller-plan>\n<customer><get><filter><login> a </login></filter>\
                   <dataset><gen_info/></dataset></get></customer>\n</packet>\n",
    );
    let skeleton = plesk_lint::check::pieces::Skeleton::of(&text).expect("cut into pieces");
    assert!(skeleton.pieces.len() >= 300);
    let lint_findings = |pieces_above: usize, threads: usize| {
        let options = plesk_lint::engine::Options {
            pieces_above,
            threads,
            ..plesk_lint::engine::Options::kind(Some(Direction::Response))
        };
        let outcome = plesk_lint::engine::check(crate::support::versions(), &text, &options);
        let beyond = [
            Code::ConditionallyRequired,
            Code::PaddedValue,
            Code::UnfilledPlaceholder,
        ];
        outcome
            .diagnostics
            .into_iter()
            .filter(|d| beyond.contains(&d.code))
            .map(|d| format!("{d:?}"))
            .collect::<Vec<_>>()
    };
    let whole = lint_findings(usize::MAX, 1);
    assert_eq!(whole.len(), 75 * 4 + 1);
    assert_eq!(lint_findings(0, 1), whole);
    assert_eq!(lint_findings(0, 2), whole);
}
