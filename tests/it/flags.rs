//! Control flags (--statistics, --exit-zero, --quiet, --color), the GitHub format's escaping,
//! range rules and annotation cap, and `explain` for every code.

use std::collections::HashMap;

use plesk_lint::codes::Code;
use serde_json::Value;

use crate::bin::{VALID, run, scratch, stdout};

fn broken() -> String {
    VALID.replace("<date>2005-12-12</date>", "")
}

#[test]
fn statistics_count_per_code_in_text_or_json() {
    let dir = scratch("statistics");
    let packet = broken().replace("<smtp_in>1</smtp_in>", "<smtp_in>x</smtp_in>");
    std::fs::write(dir.join("a.xml"), &packet).expect("write");
    std::fs::write(dir.join("b.xml"), broken()).expect("write");
    let text = run(&dir, &["check", "--statistics", "."], &[], None);
    assert_eq!(text.status.code(), Some(1));
    assert_eq!(
        stdout(&text).lines().next(),
        Some("     2  missing-element  error")
    );
    assert!(
        stdout(&text).contains("Checked 2 files"),
        "human keeps its summary"
    );
    let json = run(
        &dir,
        &["check", "--statistics", "--output-format", "json", "."],
        &[],
        None,
    );
    let counts: Value = serde_json::from_str(&stdout(&json)).expect("JSON statistics");
    assert_eq!(counts[0]["code"], "missing-element");
    assert_eq!(counts[0]["count"], 2);
    assert_eq!(counts[1]["code"], "invalid-value");
    assert!(
        counts[1]["url"]
            .as_str()
            .is_some_and(|u| u.ends_with("#invalid-value"))
    );
}

#[test]
fn exit_zero_and_quiet() {
    let dir = scratch("exit-zero");
    let output = run(&dir, &["check", "--exit-zero", "-"], &[], Some(&broken()));
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("missing-element"));
    let output = run(&dir, &["check", "--exit-zero", "missing.xml"], &[], None);
    assert_eq!(output.status.code(), Some(2), "a failed run still fails");
    let output = run(&dir, &["check", "--quiet", "-"], &[], Some(&broken()));
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains("missing-element") && !text.contains("Checked"),
        "{text}"
    );
}

#[test]
fn color_follows_the_flag_no_color_and_force_color() {
    let dir = scratch("color");
    let colored = |args: &[&str], env: &[(&str, &str)]| {
        let mut all = vec!["check"];
        all.extend_from_slice(args);
        all.push("-");
        stdout(&run(&dir, &all, env, Some(&broken()))).contains('\u{1b}')
    };
    assert!(!colored(&[], &[]), "not a terminal");
    assert!(colored(&["--color", "always"], &[("NO_COLOR", "1")]));
    assert!(!colored(&["--color", "never"], &[("FORCE_COLOR", "1")]));
    assert!(colored(&[], &[("FORCE_COLOR", "1")]));
    assert!(!colored(&[], &[("FORCE_COLOR", "1"), ("NO_COLOR", "1")]));
    assert!(!colored(&[], &[("FORCE_COLOR", "0")]));
}

/// Splits `::level props::message` into its parts.
fn command(line: &str) -> Option<(&str, HashMap<&str, &str>, &str)> {
    let rest = line.strip_prefix("::")?;
    let (head, message) = rest.split_once("::")?;
    let (level, properties) = head.split_once(' ')?;
    let properties = properties
        .split(',')
        .map(|pair| pair.split_once('=').expect("key=value"))
        .collect();
    Some((level, properties, message))
}

#[test]
fn github_annotations_escape_respect_ranges_and_summarise_the_overflow() {
    let dir = scratch("github");
    for index in 0..12 {
        let name = format!("a,b:c%{index:02}.xml");
        std::fs::write(dir.join(name), broken()).expect("write");
    }
    let summary = dir.join("summary.md");
    let output = run(
        &dir,
        &["check", "--output-format", "github", "."],
        &[("GITHUB_STEP_SUMMARY", summary.to_str().expect("UTF-8"))],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let mut annotations = 0;
    let mut plain = 0;
    let mut in_group = false;
    for line in text.lines() {
        if line.starts_with("::group::") {
            in_group = true;
        } else if line == "::endgroup::" {
            in_group = false;
        } else if let Some((level, properties, message)) = command(line) {
            annotations += 1;
            assert_eq!(level, "error");
            let file = properties["file"];
            assert!(file.starts_with("a%2Cb%3Ac%25"), "{file}");
            assert!(!message.contains('\n') && message.contains("%0Ahelp: "));
            assert!(!message.replace("%25", "").replace("%0A", "").contains('%'));
            assert_eq!(properties["line"], properties["endLine"]);
            let (col, end): (u32, u32) = (
                properties["col"].parse().expect("col"),
                properties["endColumn"].parse().expect("endColumn"),
            );
            assert!(end >= col);
        } else if in_group {
            assert!(
                line.starts_with("./a,b:c%") && line.contains(": error: "),
                "{line}"
            );
            plain += 1;
        }
    }
    assert_eq!((annotations, plain), (10, 2), "{text}");
    assert!(
        text.contains("2 of 12 findings are not annotated"),
        "{text}"
    );
    let summary = std::fs::read_to_string(summary).expect("step summary written");
    assert!(summary.contains("| `missing-element` | 12 |"), "{summary}");
    assert_eq!(summary.matches("a,b:c%1").count(), 2, "{summary}");
}

#[test]
fn github_multi_line_spans_send_lines_only() {
    let dir = scratch("github-lines");
    let packet = "<!-- plesk-lint-disable-file\n  too-many -->\n".to_string() + VALID;
    let output = run(
        &dir,
        &["check", "--output-format", "github", "-"],
        &[],
        Some(&packet),
    );
    let line = stdout(&output);
    let (level, properties, _) = command(line.trim_end()).expect("one command");
    assert_eq!(level, "warning");
    assert_eq!((properties["line"], properties["endLine"]), ("1", "2"));
    assert!(!properties.contains_key("col") && !properties.contains_key("endColumn"));
}

#[test]
fn explain_documents_every_code() {
    let docs = std::fs::read_to_string(crate::support::root().join("docs/diagnostics.md"))
        .expect("docs/diagnostics.md");
    let dir = scratch("explain");
    for code in Code::ALL {
        let output = run(&dir, &["explain", code.as_str()], &[], None);
        assert_eq!(output.status.code(), Some(0), "{code}");
        let text = stdout(&output);
        for section in [
            "What it catches",
            "Why it matters",
            "Bad",
            "Good",
            "Fix",
            "Docs: ",
        ] {
            assert!(text.contains(section), "{code} lacks {section}:\n{text}");
        }
        assert!(text.contains(&code.docs_url()), "{code}");
        let doc = code.rule();
        for part in [doc.summary, doc.why, doc.bad, doc.good, doc.fix] {
            assert!(part.trim().len() > 3, "{code} has an empty section");
        }
        assert_ne!(doc.bad, doc.good, "{code}");
        // The docs link of every finding points at this heading.
        let heading = format!("\n## {code}\n");
        assert!(
            docs.contains(&heading),
            "docs/diagnostics.md lacks `## {code}`"
        );
        assert!(
            docs.contains(doc.summary),
            "docs/diagnostics.md: stale summary of {code}"
        );
    }
}
