//! The CI and editor examples do what README.md says: every `plesk-lint check …`
//! command in integrations/*.yml and every task in editors/vscode/tasks.json runs on a copy of
//! the format test packets, writes the report files the CI configuration then picks up, and
//! prints what the problem matcher parses.

use std::path::{Path, PathBuf};

use regex::Regex;
use serde_json::Value;

use crate::bin::{run, scratch, stdout};
use crate::support::root;

/// A scratch directory holding the format test packets.
fn workspace(name: &str) -> PathBuf {
    let dir = scratch(name);
    for entry in std::fs::read_dir(root().join("tests/formats/input")).expect("inputs") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, dir.join(path.file_name().expect("name"))).expect("copy");
    }
    dir
}

/// The `plesk-lint check …` commands of a CI file (plain words, no shell quoting in them).
fn commands(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter_map(|line| line.find("plesk-lint check").map(|at| &line[at..]))
        .map(|command| command.split_whitespace().map(str::to_string).collect())
        .collect()
}

fn run_ci_example(file: &str, report_key: &str) -> (PathBuf, Vec<(String, PathBuf)>) {
    let text = std::fs::read_to_string(root().join(file)).expect("example");
    let commands = commands(&text);
    assert_eq!(commands.len(), 1, "{file}");
    let dir = workspace(file.rsplit('/').next().unwrap_or(file));
    let words: Vec<&str> = commands[0][1..].iter().map(String::as_str).collect();
    let summary = dir.join("step-summary.md");
    let output = run(
        &dir,
        &words,
        &[("GITHUB_STEP_SUMMARY", summary.to_str().expect("UTF-8"))],
        None,
    );
    assert_eq!(output.status.code(), Some(1), "{file}: {output:?}");
    let mut reports = Vec::new();
    for pair in words.windows(2).filter(|w| w[0] == "--output-file") {
        let (format, path) = pair[1].split_once(':').expect("FORMAT:PATH");
        let path = dir.join(path);
        assert!(path.is_file(), "{file}: {} not written", path.display());
        let picked_up = format!("{report_key}: {}", pair[1].split_once(':').expect("").1);
        assert!(
            text.contains(&picked_up),
            "{file} does not pick up {picked_up}"
        );
        reports.push((format.to_string(), path));
    }
    assert!(!stdout(&output).is_empty());
    (dir, reports)
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("report")).expect("JSON")
}

#[test]
fn the_github_actions_example_annotates_and_writes_sarif() {
    let (dir, reports) = run_ci_example("integrations/github-actions.yml", "sarif_file");
    assert_eq!(reports.len(), 1);
    let (format, path) = &reports[0];
    assert_eq!(format, "sarif");
    let sarif = json(path);
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(
        sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "crlf-tabs.request.xml"
    );
    // All findings fit under the annotation cap here, so no job summary is needed.
    assert!(!dir.join("step-summary.md").exists());
}

#[test]
fn the_gitlab_example_writes_a_code_quality_report() {
    let (_, reports) = run_ci_example("integrations/gitlab-ci.yml", "codequality");
    let (format, path) = &reports[0];
    assert_eq!(format, "gitlab");
    let issues = json(path);
    let issues = issues.as_array().expect("array");
    assert!(issues.len() >= 5);
    for issue in issues {
        assert!(
            issue["location"]["path"]
                .as_str()
                .is_some_and(|p| !p.starts_with('/'))
        );
        assert!(issue["location"]["positions"]["begin"]["line"].as_u64() >= Some(1));
        assert!(issue["fingerprint"].as_str().is_some_and(|f| f.len() == 32));
    }
}

#[test]
fn the_vscode_tasks_print_what_their_problem_matcher_reads() {
    let tasks: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("editors/vscode/tasks.json")).expect("tasks.json"),
    )
    .expect("JSON");
    let dir = workspace("vscode");
    for task in tasks["tasks"].as_array().expect("tasks") {
        assert_eq!(task["command"], "plesk-lint");
        let args: Vec<String> = task["args"]
            .as_array()
            .expect("args")
            .iter()
            .map(|arg| {
                arg.as_str()
                    .expect("string")
                    .replace("${workspaceFolder}", dir.to_str().expect("UTF-8"))
                    .replace("${file}", "names.request.xml")
            })
            .collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = run(&dir, &args, &[], None);
        let pattern = &task["problemMatcher"]["pattern"];
        let regex = Regex::new(pattern["regexp"].as_str().expect("regexp")).expect("regex");
        let text = stdout(&output);
        assert!(text.lines().count() >= 3, "{text}");
        for line in text.lines() {
            let captures = regex
                .captures(line)
                .unwrap_or_else(|| panic!("unmatched: {line}"));
            let file = &captures[pattern["file"].as_u64().expect("group") as usize];
            assert!(dir.join(file).is_file(), "{file} resolves in the workspace");
        }
    }
}
