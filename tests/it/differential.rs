//! The independent oracle: on every fixture and sample, plesk-lint's verdict (errors or none)
//! agrees with `xmllint --noout --schema` on the official schema set, except for the
//! deliberate differences listed with their reason in tests/fixtures/differences.toml.
//!
//! Needs xmllint and the schema set (`PLESK_XSD`, by default ../shared/reference/xsd); without
//! them the test prints `skipped: …` and passes, except in CI (`CI` set), where it fails.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use plesk_lint::diagnostic::Severity;
use plesk_lint::rules::Direction;

use crate::support::{check_file, declared_direction, root, skip_or_fail, xml_files};

/// The official schema set: the directory `PLESK_XSD` names, by default
/// ../shared/reference/xsd beside the repository. `None` after saying `skipped: …` when it is
/// not there; a failure in CI.
pub fn schema_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("PLESK_XSD") {
        Some(dir) => PathBuf::from(dir),
        None => root().join("../shared/reference/xsd"),
    };
    if dir.join("agent_input.xsd").is_file() {
        return Some(dir);
    }
    skip_or_fail(&format!(
        "no schema set at {} (set PLESK_XSD to the directory holding agent_input.xsd)",
        dir.display()
    ));
    None
}

/// Whether xmllint runs here, after saying `skipped: …` when it does not; a failure in CI.
pub fn xmllint_available() -> bool {
    let found = Command::new("xmllint").arg("--version").output().is_ok();
    if !found {
        skip_or_fail("xmllint is not installed (apt-get install libxml2-utils)");
    }
    found
}

/// Runs xmllint once over `files` (relative to the root); the set of files it accepts.
pub fn xmllint_valid(schema: &Path, files: &[PathBuf]) -> BTreeSet<PathBuf> {
    let mut valid = BTreeSet::new();
    for chunk in files.chunks(2000) {
        let output = Command::new("xmllint")
            .current_dir(root())
            .arg("--noout")
            .arg("--schema")
            .arg(schema)
            .args(chunk)
            .output()
            .expect("xmllint runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        for line in stderr.lines() {
            if let Some(file) = line.strip_suffix(" validates") {
                valid.insert(PathBuf::from(file));
            }
        }
    }
    valid
}

fn deliberate_differences() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(root().join("tests/fixtures/differences.toml"))
        .expect("differences.toml exists");
    toml::from_str(&text).expect("differences.toml is a table of path = reason")
}

#[test]
fn verdicts_agree_with_xmllint() {
    let Some(schemas) = schema_dir() else { return };
    if !xmllint_available() {
        return;
    }
    let mut files = xml_files(Path::new("tests/fixtures"));
    files.extend(xml_files(Path::new("samples")));
    let differences = deliberate_differences();
    let mut by_direction: BTreeMap<Direction, Vec<PathBuf>> = BTreeMap::new();
    for path in &files {
        let direction = declared_direction(path).unwrap_or_else(|| {
            panic!(
                "{} does not say .request.xml or .response.xml",
                path.display()
            )
        });
        by_direction
            .entry(direction)
            .or_default()
            .push(path.clone());
    }
    let mut disagreements = Vec::new();
    let mut compared = 0;
    for (direction, paths) in by_direction {
        let schema = schemas.join(match direction {
            Direction::Request => "agent_input.xsd",
            Direction::Response => "agent_output.xsd",
        });
        let valid = xmllint_valid(&schema, &paths);
        for path in paths {
            compared += 1;
            let (report, _) = check_file(&path);
            let ours_valid = !report
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error);
            let theirs_valid = valid.contains(&path);
            let listed = differences.contains_key(&path.display().to_string());
            if (ours_valid != theirs_valid) != listed {
                disagreements.push(format!(
                    "{}: plesk-lint {}, xmllint {}{}",
                    path.display(),
                    verdict(ours_valid),
                    verdict(theirs_valid),
                    if listed {
                        " (listed as a deliberate difference, but they agree)"
                    } else {
                        ""
                    }
                ));
            }
        }
    }
    println!(
        "differential: {compared} files compared with xmllint, {} disagreements",
        disagreements.len()
    );
    assert!(
        disagreements.is_empty(),
        "verdicts differ from xmllint:\n{}",
        disagreements.join("\n")
    );
}

fn verdict(valid: bool) -> &'static str {
    if valid { "valid" } else { "invalid" }
}

/// The mistakes a hand-written adversarial packet declares in its first comment,
/// `<!-- mistakes: 6, 9|10 -->` (each mistake: the line, or the lines, where its finding
/// belongs), or `<!-- mistakes: none -->`.
fn declared_mistakes(text: &str) -> Option<Vec<Vec<usize>>> {
    let start = text.find("<!-- mistakes:")? + "<!-- mistakes:".len();
    let list = text[start..].split("-->").next()?.trim();
    if list == "none" {
        return Some(Vec::new());
    }
    list.split(',')
        .map(|item| {
            item.split('|')
                .map(|line| line.trim().parse().ok())
                .collect()
        })
        .collect()
}

/// Issue 13's acceptance: the hand-written adversarial packets (documented operations, common
/// operations, responses; tests/fixtures/adversarial) get the server's verdict (libxml2 with
/// the official schema of the direction the name declares) on every packet, checked without
/// `--kind`; a finding on the line of every mistake; and exactly one finding per mistake on
/// at least 97% of them.
#[test]
fn adversarial_packets_get_the_servers_verdict() {
    let files = xml_files(Path::new("tests/fixtures/adversarial"));
    assert!(files.len() >= 40, "adversarial packets missing");
    let Some(schemas) = schema_dir() else {
        eprintln!("skipped: ../shared/reference/xsd is not beside the repository");
        assert!(
            std::env::var_os("CI").is_none(),
            "the schemas are required in CI"
        );
        return;
    };
    if !xmllint_available() {
        eprintln!("skipped: xmllint is not installed");
        return;
    }
    let mut by_direction: BTreeMap<Direction, Vec<PathBuf>> = BTreeMap::new();
    for path in &files {
        let direction = declared_direction(path).expect(".request.xml or .response.xml");
        by_direction
            .entry(direction)
            .or_default()
            .push(path.clone());
    }
    let mut valid = BTreeSet::new();
    for (direction, paths) in &by_direction {
        let schema = schemas.join(match direction {
            Direction::Request => "agent_input.xsd",
            Direction::Response => "agent_output.xsd",
        });
        valid.extend(xmllint_valid(&schema, paths));
    }
    let mut failures = Vec::new();
    let (mut exact, mut mistakes_total) = (0, 0);
    for path in &files {
        let text = std::fs::read_to_string(root().join(path)).expect("readable");
        let mistakes = declared_mistakes(&text)
            .unwrap_or_else(|| panic!("{}: no `<!-- mistakes: … -->` comment", path.display()));
        mistakes_total += mistakes.len();
        let (report, _) = check_file(path);
        let lines: Vec<usize> = report
            .diagnostics
            .iter()
            .map(|d| {
                text[..d.primary.span.start.min(text.len())]
                    .matches('\n')
                    .count()
                    + 1
            })
            .collect();
        let ours_valid = !report
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error);
        let theirs_valid = valid.contains(path);
        if ours_valid != theirs_valid {
            failures.push(format!(
                "{}: plesk-lint {}, xmllint {}",
                path.display(),
                verdict(ours_valid),
                verdict(theirs_valid)
            ));
        }
        if theirs_valid != mistakes.is_empty() {
            failures.push(format!(
                "{}: declares {} mistake(s) but xmllint finds it {}",
                path.display(),
                mistakes.len(),
                verdict(theirs_valid)
            ));
        }
        let mut one_each = lines.len() == mistakes.len();
        for mistake in &mistakes {
            let hits = lines.iter().filter(|l| mistake.contains(l)).count();
            if hits == 0 {
                failures.push(format!(
                    "{}: no finding on line {mistake:?} (findings on lines {lines:?})",
                    path.display()
                ));
            }
            one_each &= hits == 1;
        }
        if one_each {
            exact += 1;
        } else {
            println!(
                "adversarial: {}: {} finding(s) for {} mistake(s), on lines {lines:?}",
                path.display(),
                lines.len(),
                mistakes.len()
            );
        }
    }
    let rate = exact as f64 / files.len() as f64;
    println!(
        "adversarial: {} packets, {mistakes_total} mistakes; verdicts and lines: {} failure(s); \
         exactly one finding per mistake on {exact} ({:.1}%)",
        files.len(),
        failures.len(),
        100.0 * rate
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        rate >= 0.97,
        "one finding per mistake on {:.1}%",
        100.0 * rate
    );
}
