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
