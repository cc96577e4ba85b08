//! `check --fix`, `--diff`, `--fix -` and `--unsafe-fixes` end to end on the cases of
//! tests/fix (every byte outside the edits kept, whatever the encoding, BOM, line ends or
//! indentation), the configuration keys, and the fix rates on the whole API's mutants.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, SystemTime};

use plesk_lint::diagnostic::{Diagnostic, Severity};
use plesk_lint::fix::{Policy, fix_text};
use plesk_lint::generate::{self, Mutation, Options, Packet};
use plesk_lint::rules::Direction;

use crate::differential::{schema_dir, xmllint_available, xmllint_valid};
use crate::support::{root, rules};

fn run(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_plesk-lint"))
        .current_dir(dir)
        .args(args)
        .env_remove("PLESK_LINT_OUTPUT_FORMAT")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    let mut input = child.stdin.take().expect("stdin");
    input
        .write_all(stdin.unwrap_or_default())
        .expect("stdin written");
    drop(input);
    child.wait_with_output().expect("binary finishes")
}

/// A fresh directory under the test temporary directory.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("fix")
        .join(name);
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// Sets a file's modification time far in the past, so that a rewrite shows.
fn age(path: &Path) -> SystemTime {
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    std::fs::File::options()
        .write(true)
        .open(path)
        .and_then(|file| file.set_modified(old))
        .expect("mtime set");
    old
}

fn modified(path: &Path) -> SystemTime {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .expect("mtime")
}

#[test]
fn every_case_keeps_every_byte_outside_its_fixes() {
    let cases = root().join("tests/fix");
    let mut names: Vec<String> = std::fs::read_dir(&cases)
        .expect("tests/fix")
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 8, "cases: {names:?}");
    for name in names {
        let case = cases.join(&name);
        let input = std::fs::read(case.join("input.request.xml")).expect("input");
        let fixed = std::fs::read(case.join("fixed.xml")).expect("fixed.xml");
        let findings = std::fs::read_to_string(case.join("findings.txt")).expect("findings.txt");
        let dir = scratch(&name);
        let file = dir.join("input.request.xml");
        std::fs::write(&file, &input).expect("copy");
        let changes = input != fixed;

        // --diff writes nothing, and exits 1 exactly when there is a diff.
        let old = age(&file);
        let diff = run(&dir, &["check", "--diff", "input.request.xml"], None);
        let shown = String::from_utf8_lossy(&diff.stdout);
        assert_eq!(std::fs::read(&file).unwrap(), input, "{name}: --diff wrote");
        assert_eq!(modified(&file), old, "{name}: --diff touched the file");
        assert_eq!(
            diff.status.code(),
            Some(i32::from(changes)),
            "{name}: {shown}"
        );
        assert_eq!(
            shown.starts_with("--- a/input.request.xml\n"),
            changes,
            "{name}"
        );

        // --fix leaves exactly the expected bytes, and the expected findings.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        let fix = run(
            &dir,
            &[
                "check",
                "--fix",
                "--output-format",
                "concise",
                "input.request.xml",
            ],
            None,
        );
        assert_eq!(String::from_utf8_lossy(&fix.stdout), findings, "{name}");
        assert_eq!(
            fix.status.code(),
            Some(i32::from(!findings.is_empty())),
            "{name}"
        );
        assert!(
            std::fs::read(&file).unwrap() == fixed,
            "{name}: not the bytes of fixed.xml"
        );
        assert_eq!(
            modified(&file) == old,
            !changes,
            "{name}: touched iff changed"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o640, "{name}: permissions kept");
        }
        assert_eq!(
            std::fs::read_dir(&dir).unwrap().count(),
            1,
            "{name}: temporary left"
        );

        // A second --fix changes nothing and does not touch the file.
        let old = age(&file);
        let again = run(&dir, &["check", "--fix", "input.request.xml"], None);
        assert_eq!(again.status.code(), fix.status.code(), "{name}");
        assert_eq!(
            modified(&file),
            old,
            "{name}: second --fix touched the file"
        );

        // --fix -: the fixed packet on stdout, the findings on stderr.
        let piped = run(
            &dir,
            &[
                "check",
                "--fix",
                "--output-format",
                "concise",
                "--stdin-filename",
                "input.request.xml",
                "-",
            ],
            Some(&input),
        );
        assert!(piped.stdout == fixed, "{name}: --fix - printed other bytes");
        assert_eq!(String::from_utf8_lossy(&piped.stderr), findings, "{name}");
    }
}

#[test]
fn configuration_and_flags_choose_the_fixes() {
    let dir = scratch("config");
    let packet = "<packet version=\"1.6.3.0\">\n  <customer>\n    <add>\n      <gen_info>\n        <login>j</login>\n        <pnam>J</pnam>\n        <passwd>p</passwd>\n        <external_id>e</external_id>\n      </gen_info>\n    </add>\n  </customer>\n</packet>\n";
    let file = dir.join("p.request.xml");
    let reset = || std::fs::write(&file, packet).expect("written");
    let text = || std::fs::read_to_string(&file).expect("read");

    // The human format marks the safe fix and says how to apply both kinds.
    reset();
    let human = run(
        &dir,
        &[
            "check",
            "--kind",
            "request",
            "--color",
            "never",
            "p.request.xml",
        ],
        None,
    );
    let out = String::from_utf8_lossy(&human.stdout);
    assert!(out.contains("error[unknown-element] [*]:"), "{out}");
    assert!(
        out.contains("1 finding fixable with `plesk-lint check --fix`"),
        "{out}"
    );
    assert!(out.contains("`--fix --unsafe-fixes`"), "{out}");

    // A typo's correction is unsafe: --fix renames only `external_id`.
    let fixed = run(
        &dir,
        &[
            "check",
            "--kind",
            "request",
            "--fix",
            "--color",
            "never",
            "p.request.xml",
        ],
        None,
    );
    assert_eq!(fixed.status.code(), Some(1));
    assert!(text().contains("<external-id>e</external-id>") && text().contains("<pnam>"));
    let out = String::from_utf8_lossy(&fixed.stdout);
    assert!(out.contains("1 fixed, "), "{out}");

    // --unsafe-fixes also applies the rename of `<pnam>`, and the move it makes possible.
    let all = run(
        &dir,
        &[
            "check",
            "--kind",
            "request",
            "--fix",
            "--unsafe-fixes",
            "p.request.xml",
        ],
        None,
    );
    assert_eq!(
        all.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&all.stdout)
    );
    assert!(
        text().contains("<pname>J</pname>\n        <login>j</login>"),
        "{}",
        text()
    );

    // `unfixable` and `fixable` in plesk-lint.toml; `fix = true` fixes without --fix.
    reset();
    std::fs::write(
        dir.join("plesk-lint.toml"),
        "unfixable = [\"unknown-element\"]\n",
    )
    .unwrap();
    run(
        &dir,
        &["check", "--kind", "request", "--fix", "p.request.xml"],
        None,
    );
    assert_eq!(text(), packet);
    std::fs::write(
        dir.join("plesk-lint.toml"),
        "fix = true\nunsafe-fixes = true\nfixable = [\"unknown-element\"]\n",
    )
    .unwrap();
    run(&dir, &["check", "--kind", "request", "p.request.xml"], None);
    assert!(
        text().contains("<pname>J</pname>\n        <passwd>"),
        "{}",
        text()
    );
    assert!(
        text().contains("<login>j</login>\n        <pname>"),
        "moves are not fixable"
    );
    // --no-fix overrides `fix = true`.
    reset();
    run(
        &dir,
        &["check", "--kind", "request", "--no-fix", "p.request.xml"],
        None,
    );
    assert_eq!(text(), packet);
}

/// The packets of the corpus to try: every `step`-th mutant, all with PLESK_LINT_SLOW_TESTS.
fn sample(packets: &[Packet]) -> Vec<(usize, usize)> {
    let step = if std::env::var_os("PLESK_LINT_SLOW_TESTS").is_some() {
        1
    } else {
        9
    };
    // Each mutant with the index of the valid packet it was made from.
    let mut original = 0;
    let mut out = Vec::new();
    for (index, packet) in packets.iter().enumerate() {
        if packet.mutation.is_none() {
            original = index;
        } else if index % step == 0 {
            out.push((index, original));
        }
    }
    out
}

fn errors(diagnostics: &[Diagnostic]) -> usize {
    diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count()
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn mutants_are_fixed_and_never_made_worse() {
    let corpus = generate::corpus(
        rules(),
        Options {
            seed: 1,
            variants: 4,
        },
    );
    let check = |text: &str| crate::support::check(text, None).diagnostics;
    // Swaps and renames as `--fix` does; the other kinds with `--unsafe-fixes`, so that the
    // unsafe fixes are held to "never worse" too.
    let safe = Policy::default();
    let all = Policy {
        unsafe_fixes: true,
        ..Policy::default()
    };
    // Per kind: (tried with errors, restored or valid, fixed at all).
    let mut tally: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    let mut renamed = Vec::new();
    let mut problems = Vec::new();
    for (index, original) in sample(&corpus.packets) {
        let packet = &corpus.packets[index];
        let before = check(&packet.text);
        if errors(&before) == 0 {
            continue;
        }
        let policy = match packet.mutation {
            Some(Mutation::Swap | Mutation::Rename) => &safe,
            _ => &all,
        };
        // Each fix alone removes its finding: one fewer finding of its code.
        for diagnostic in before.iter().filter(|d| policy.allows(d)) {
            let fix = diagnostic.fix.as_ref().expect("allowed means fixed");
            let after = check(&plesk_lint::fix::fixpoint::apply(&packet.text, &fix.edits));
            let count = |ds: &[Diagnostic]| ds.iter().filter(|d| d.code == diagnostic.code).count();
            if count(&after) >= count(&before) {
                problems.push(format!(
                    "{}: `{}` does not remove its finding `{}`",
                    packet.file, fix.description, diagnostic.message
                ));
            }
        }
        let outcome = fix_text(&packet.text, before.clone(), policy, check);
        let kind = packet.mutation.map_or("valid", Mutation::as_str);
        let counts = tally.entry(kind).or_default();
        counts[0] += 1;
        counts[2] += usize::from(outcome.fixed > 0);
        if errors(&outcome.diagnostics) > errors(&before) {
            problems.push(format!("{}: made worse", packet.file));
        }
        if !outcome.converged {
            problems.push(format!("{}: no fixpoint", packet.file));
        }
        // A fix that is still offered after the loop did not remove its finding.
        if outcome.diagnostics.iter().any(|d| policy.allows(d)) {
            problems.push(format!("{}: a fix left its finding", packet.file));
        }
        let second = fix_text(&outcome.text, outcome.diagnostics.clone(), policy, check);
        if second.text != outcome.text {
            problems.push(format!("{}: a second --fix changed it", packet.file));
        }
        match packet.mutation {
            Some(Mutation::Swap | Mutation::Duplicate) => {
                let restored = squeeze(&outcome.text) == squeeze(&corpus.packets[original].text);
                counts[1] += usize::from(restored);
            }
            Some(Mutation::Rename) => renamed.push((packet, outcome.text)),
            // A dropped element comes back only as a placeholder: counted when no error is left.
            Some(Mutation::Drop) => counts[1] += usize::from(errors(&outcome.diagnostics) == 0),
            _ => {}
        }
    }
    // Renames: schema-valid by xmllint, or (without it) by plesk-lint.
    let judged_by_xmllint = schema_dir().filter(|_| xmllint_available());
    let valid = match &judged_by_xmllint {
        Some(schemas) => {
            let dir = scratch("renamed");
            let mut by_schema: BTreeMap<&str, Vec<PathBuf>> = BTreeMap::new();
            for (i, (packet, text)) in renamed.iter().enumerate() {
                let path = dir.join(format!("{i}.xml"));
                std::fs::write(&path, text).expect("written");
                let schema = match packet.direction {
                    Direction::Request => "agent_input.xsd",
                    Direction::Response => "agent_output.xsd",
                };
                by_schema.entry(schema).or_default().push(path);
            }
            by_schema
                .iter()
                .map(|(schema, files)| xmllint_valid(&schemas.join(schema), files).len())
                .sum()
        }
        None => {
            eprintln!(
                "skipped: xmllint or the schema set is missing; renames judged by plesk-lint"
            );
            renamed
                .iter()
                .filter(|(_, text)| errors(&check(text)) == 0)
                .count()
        }
    };
    tally.entry("rename").or_default()[1] = valid;
    let rate = |kind: &str| {
        let [tried, good, _] = tally.get(kind).copied().unwrap_or_default();
        (good as f64 / tried.max(1) as f64, tried)
    };
    let (swaps, swaps_tried) = rate("swap");
    let (renames, renames_tried) = rate("rename");
    let (duplicates, duplicates_tried) = rate("duplicate");
    println!(
        "fix rates: swaps restored {:.1}% of {swaps_tried}, renames schema-valid {:.1}% of \
         {renames_tried}, duplicates restored with --unsafe-fixes {:.1}% of \
         {duplicates_tried}; per kind (tried, restored/valid, fixed at all): {tally:?}",
        100.0 * swaps,
        100.0 * renames,
        100.0 * duplicates
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        swaps_tried > 50 && swaps >= 0.95,
        "swaps restored: {swaps:.3}"
    );
    assert!(
        renames_tried > 50 && renames >= 0.90,
        "renames valid: {renames:.3}"
    );
}

#[test]
fn what_cannot_be_fixed_is_left_as_it_was() {
    let dir = scratch("left");
    // `--fix -` is a filter: an undecodable packet comes out as it went in.
    let bytes = b"<packet>\xff</packet>";
    let piped = run(&dir, &["check", "--fix", "-"], Some(bytes));
    assert_eq!(piped.stdout, bytes);
    assert_eq!(piped.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&piped.stderr).contains("malformed-xml"));
    // A symbolic link keeps pointing at its file, which gets the fix.
    #[cfg(unix)]
    {
        let case = root().join("tests/fix/bom");
        let target = dir.join("target.request.xml");
        std::fs::copy(case.join("input.request.xml"), &target).expect("copy");
        let link = dir.join("link.request.xml");
        std::os::unix::fs::symlink("target.request.xml", &link).expect("symlink");
        let fixed = run(&dir, &["check", "--fix", "link.request.xml"], None);
        assert_eq!(fixed.status.code(), Some(0));
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            std::fs::read(&target).unwrap(),
            std::fs::read(case.join("fixed.xml")).unwrap()
        );
    }
}

/// Two members of a one-of choice: the unsafe fix removes the second with its line, and the
/// packet is then clean; without `--unsafe-fixes` nothing changes.
#[test]
fn a_choice_conflict_is_fixed_by_removing_its_second_member() {
    let dir = scratch("choice-conflict");
    let fixture = root().join("tests/fixtures/plan-item/update/choice-conflict.request.xml");
    let text = std::fs::read_to_string(&fixture).expect("the fixture");
    std::fs::write(dir.join("p.xml"), &text).expect("write");
    let safe = run(&dir, &["check", "--fix", "p.xml"], None);
    assert_eq!(safe.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(dir.join("p.xml")).expect("read"),
        text
    );
    let unsafe_fix = run(&dir, &["check", "--fix", "--unsafe-fixes", "p.xml"], None);
    assert_eq!(
        unsafe_fix.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&unsafe_fix.stdout)
    );
    let fixed = std::fs::read_to_string(dir.join("p.xml")).expect("read");
    let removed = "        <name>backup-service</name>\n";
    assert!(text.contains(removed), "the fixture changed");
    assert_eq!(fixed, text.replacen(removed, "", 1));
}
