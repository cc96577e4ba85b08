//! Every output format against its expected file (tests/formats/<format>.expected), on
//! packets with non-ASCII names and values, an astral character, tabs and CRLF line ends;
//! columns checked in each format's own unit; several formats from one run; the concise lines
//! against VS Code's `$gcc` matcher and the shipped problem matcher.
//! `UPDATE_EXPECT=1 cargo test` rewrites the expected files.

use std::path::{Path, PathBuf};

use regex::Regex;
use serde_json::Value;

use crate::bin::{run, scratch, stdout};
use crate::support::{compare_expected, root};

const FORMATS: [&str; 9] = [
    "human", "concise", "json", "jsonl", "github", "sarif", "gitlab", "rdjson", "rdjsonl",
];

fn formats_dir() -> PathBuf {
    root().join("tests/formats")
}

/// Output with what depends on the machine replaced: the timing, the version, and the
/// absolute working directory in SARIF's `%SRCROOT%`.
fn normalize(text: &str, dir: &Path) -> String {
    let timing = Regex::new(r"in [0-9.]+[a-zµ]+:").expect("valid regex");
    let root_uri = format!("file://{}/", dir.display());
    let version = Regex::new(r#""semanticVersion": "[^"]*""#).expect("valid regex");
    let text = timing.replace_all(text, "in <time>:");
    let text = version.replace_all(&text, r#""semanticVersion": "<version>""#);
    text.replace(&root_uri, "file:///<root>/")
}

fn check(format: &str) -> String {
    let dir = formats_dir();
    let output = run(
        &dir,
        &["check", "--output-format", format, "input"],
        &[],
        None,
    );
    assert_eq!(output.status.code(), Some(1), "{format}: {output:?}");
    normalize(&stdout(&output), &dir)
}

#[test]
fn every_format_matches_its_expected_output() {
    let mut failures = Vec::new();
    for format in FORMATS {
        let actual = check(format);
        let path = formats_dir().join(format!("{format}.expected"));
        compare_expected(format, &path, &actual, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn one_run_prints_one_format_and_writes_several_files() {
    let out = scratch("several");
    let sarif = out.join("report.sarif");
    let gitlab = out.join("gl.json");
    let dir = formats_dir();
    let output = run(
        &dir,
        &[
            "check",
            "--output-format",
            "concise",
            "--output-file",
            &format!("sarif:{}", sarif.display()),
            "--output-file",
            &format!("gitlab:{}", gitlab.display()),
            "input",
        ],
        &[],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(normalize(&stdout(&output), &dir), check("concise"));
    let written = |path: &Path| normalize(&std::fs::read_to_string(path).expect("written"), &dir);
    assert_eq!(written(&sarif), check("sarif"));
    assert_eq!(written(&gitlab), check("gitlab"));

    let bad = run(
        &dir,
        &["check", "--output-file", "report.sarif", "input"],
        &[],
        None,
    );
    assert_eq!(
        bad.status.code(),
        Some(2),
        "a path without FORMAT: is a usage error"
    );
    let unwritable = run(
        &dir,
        &[
            "check",
            "--output-file",
            "json:/nonexistent/dir/x.json",
            "input",
        ],
        &[],
        None,
    );
    assert_eq!(unwritable.status.code(), Some(2));
}

#[test]
fn the_environment_variable_selects_the_format() {
    let output = run(
        &formats_dir(),
        &["check", "input"],
        &[("PLESK_LINT_OUTPUT_FORMAT", "jsonl")],
        None,
    );
    assert_eq!(normalize(&stdout(&output), &formats_dir()), check("jsonl"));
}

/// The `<date>` finding on line 8 of the CRLF file sits after tabs, `é` (2 bytes) and `😀`
/// (2 UTF-16 units, 4 bytes), so its column differs in every unit.
#[test]
fn columns_are_exact_in_each_format_unit() {
    let text =
        std::fs::read_to_string(formats_dir().join("input/crlf-tabs.request.xml")).expect("input");
    let line = text.split("\r\n").nth(7).expect("line 8");
    let before = &line[..line.find("date>").expect("<date> on line 8")];
    let (chars, utf16, bytes) = (
        before.chars().count() + 1,
        before.encode_utf16().count() + 1,
        before.len() + 1,
    );
    assert!(chars < utf16 && utf16 < bytes, "{chars} {utf16} {bytes}");

    let json: Value = serde_json::from_str(&check("json")).expect("json");
    let finding = &json[1];
    assert_eq!(finding["code"], "out-of-order");
    assert_eq!(finding["start"]["line"], 8);
    assert_eq!(finding["start"]["column"], chars);
    let offset = finding["start"]["offset"].as_u64().expect("offset") as usize;
    assert_eq!(&text[offset..offset + 4], "date");

    let sarif: Value = serde_json::from_str(&check("sarif")).expect("sarif");
    let region = &sarif["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startColumn"], utf16);

    let rdjson: Value = serde_json::from_str(&check("rdjson")).expect("rdjson");
    assert_eq!(
        rdjson["diagnostics"][1]["location"]["range"]["start"]["column"],
        bytes
    );

    let gitlab: Value = serde_json::from_str(&check("gitlab")).expect("gitlab");
    assert_eq!(gitlab[1]["location"]["positions"]["begin"]["column"], chars);
    let concise = check("concise");
    assert!(concise.contains(&format!("crlf-tabs.request.xml:8:{chars}: error:")));
    let github = check("github");
    assert!(
        github.contains(&format!("line=8,endLine=8,col={chars},")),
        "{github}"
    );
    let human = check("human");
    assert!(human.contains(&format!("--> input/crlf-tabs.request.xml:8:{chars}\n")));
}

/// VS Code's `$gcc` matcher (vscode-cpptools `package.json`).
const GCC: &str = r"^(.*?):(\d+):(\d*):?\s+(?:fatal\s+)?(warning|error):\s+(.*)$";

#[test]
fn concise_lines_parse_with_gcc_and_the_shipped_matcher() {
    let gcc = Regex::new(GCC).expect("valid regex");
    let tasks: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("editors/vscode/tasks.json")).expect("tasks.json"),
    )
    .expect("tasks.json is JSON");
    let pattern = &tasks["tasks"][0]["problemMatcher"]["pattern"];
    let shipped = Regex::new(pattern["regexp"].as_str().expect("regexp")).expect("valid regex");
    let concise = check("concise");
    let mut info = 0;
    for line in concise.lines() {
        let ours = shipped
            .captures(line)
            .expect("the shipped matcher parses every line");
        let group = |name: &str| &ours[pattern[name].as_u64().expect("group") as usize];
        assert!(group("file").starts_with("input/") && group("line").parse::<u32>().is_ok());
        assert!(group("code").contains('-'), "{line}");
        if group("severity") == "info" {
            info += 1;
            continue;
        }
        let theirs = gcc
            .captures(line)
            .expect("$gcc parses error and warning lines");
        assert_eq!(&theirs[1], group("file"));
        assert_eq!(&theirs[2], group("line"));
        assert_eq!(&theirs[3], group("column"));
        assert_eq!(&theirs[4], group("severity"));
    }
    assert_eq!(info, 1, "the expected output covers an info line");
}
