//! The real-project corpus (tests/corpus/embedded; docs/embedded.md, "Real-project corpus"):
//! source files of public repositories that carry Plesk packets, checked as `plesk-lint
//! check` reports them, and measured against the hand-written ledger of their real mistakes
//! (tests/corpus/embedded/ledger.toml): the share found at the right host line, the false
//! findings, the findings at placeholders, and the findings in files whose `<packet>` belongs
//! to another protocol. `cargo test --test it corpus -- --nocapture` prints the numbers.
//!
//! Each corpus file's findings are also held, as concise output in host coordinates, in the
//! `.expected` file beside it (`UPDATE_EXPECT=1` rewrites them); the ledger is not derived
//! from them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use regex::Regex;
use serde::Deserialize;

use crate::bin::{run, stdout};
use crate::support::{compare_expected, root};

const CORPUS: &str = "tests/corpus/embedded";

/// tests/corpus/embedded/ledger.toml.
#[derive(Debug, Deserialize)]
struct Ledger {
    mistake: Vec<Mistake>,
    #[serde(rename = "other-protocols")]
    other_protocols: OtherProtocols,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Mistake {
    file: String,
    line: usize,
    codes: Vec<String>,
    anchor: String,
    what: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OtherProtocols {
    files: Vec<String>,
}

/// One line of concise output.
#[derive(Debug, Clone)]
struct Finding {
    /// Relative to the corpus directory.
    file: String,
    line: usize,
    column: usize,
    code: String,
    text: String,
}

/// The corpus's host files (not the `.expected` outputs, the ledger, the notes or the
/// projects' `plesk-lint.toml`), relative to the repository root.
fn corpus_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root().join(CORPUS))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(root())
                .expect("under the root")
                .to_path_buf()
        })
        .filter(|p| {
            p.extension()
                .is_none_or(|x| !matches!(x.to_str(), Some("expected" | "toml" | "md")))
        })
        .collect();
    files.sort();
    files
}

/// `plesk-lint check` over the corpus, as a user runs it from the repository root (each
/// project's `plesk-lint.toml` applies to its files).
fn check_corpus() -> (String, Vec<Finding>) {
    let output = run(
        &root(),
        &["check", "--output-format", "concise", CORPUS],
        &[],
        None,
    );
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "check failed: {output:?}"
    );
    let text = stdout(&output);
    let line = Regex::new(r"^(.+?):(\d+):(\d+): \w+: .* \[([a-z-]+)\]$").expect("pattern");
    let prefix = format!("{CORPUS}/");
    let findings = text
        .lines()
        .map(|l| {
            let c = line
                .captures(l)
                .unwrap_or_else(|| panic!("not concise output: {l}"));
            Finding {
                file: c[1]
                    .strip_prefix(&prefix)
                    .expect("inside the corpus")
                    .to_string(),
                line: c[2].parse().expect("line"),
                column: c[3].parse().expect("column"),
                code: c[4].to_string(),
                text: l.to_string(),
            }
        })
        .collect();
    (text, findings)
}

fn host_line(file: &str, line: usize) -> String {
    let text = std::fs::read_to_string(root().join(CORPUS).join(file)).expect("corpus file");
    text.lines().nth(line - 1).unwrap_or("").to_string()
}

/// The 1-based column (in characters, as findings count them) where `anchor` first occurs.
fn anchor_column(file: &str, line: usize, anchor: &str) -> usize {
    let text = host_line(file, line);
    let at = text
        .find(anchor)
        .unwrap_or_else(|| panic!("{file}:{line}: the ledger's anchor `{anchor}` is not there"));
    text[..at].chars().count() + 1
}

/// Whether the 1-based `column` of `line` falls on a placeholder of the host: found by
/// patterns of the host syntaxes here, not by plesk-lint's own readers.
fn at_placeholder(line: &str, column: usize) -> bool {
    let patterns = [
        r"\$\{[^}]*\}",                                    // ${x}
        r"\{\$[^}]*\}",                                    // {$x}
        r"\$[A-Za-z_]\w*(?:\[[^\]]*\]|->\w+|\{[^}]*\})*",  // $x, $a['b'], $this->x, $h{x}
        r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}",                // Jinja
        r"<\?(?:php|=).*?\?>",                             // PHP in templates
        r"#\{[^}]*\}",                                     // Ruby
        r"%(?:\([^)]*\))?[sdif]",                          // printf
        r"\{[A-Za-z_][\w.]*\}|\{\d+\}",                    // {x}, {UPPER}, {0}
        r#"(["'`])\s*[.+]\s*[^"'`\n]+?\s*[.+]\s*(["'`])"#, // an expression between pieces
    ];
    let byte = line
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    patterns.iter().any(|p| {
        Regex::new(p)
            .expect("pattern")
            .find_iter(line)
            .any(|m| m.start() <= byte && byte < m.end())
    })
}

/// The kind of host a corpus file is, as the issue counts them.
fn host_format(path: &Path) -> Option<&'static str> {
    Some(match path.extension()?.to_str()? {
        "php" | "phtml" | "inc" => "PHP",
        "tpl" | "j2" | "jinja" | "jinja2" | "twig" => "templates",
        "yml" | "yaml" => "YAML cassettes",
        "py" => "Python",
        "rb" => "Ruby",
        "js" | "mjs" | "cjs" | "jsx" | "ts" | "tsx" | "mts" | "cts" => "JavaScript/TypeScript",
        "go" => "Go",
        "cs" => "C#",
        "pl" | "pm" => "Perl",
        "sh" | "bash" => "shell",
        _ => return None,
    })
}

#[test]
fn every_corpus_file_reports_as_expected_in_host_coordinates() {
    let (_, findings) = check_corpus();
    let mut failures = Vec::new();
    for path in corpus_files() {
        let relative = path
            .strip_prefix(CORPUS)
            .expect("in the corpus")
            .to_string_lossy()
            .replace('\\', "/");
        let actual: String = findings
            .iter()
            .filter(|f| f.file == relative)
            .map(|f| format!("{}\n", f.text))
            .collect();
        compare_expected(
            &path.display().to_string(),
            &root().join(format!("{}.expected", path.display())),
            &actual,
            &mut failures,
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn corpus_real_mistakes_are_found_at_their_host_lines() {
    let ledger: Ledger = toml::from_str(
        &std::fs::read_to_string(root().join(CORPUS).join("ledger.toml")).expect("ledger"),
    )
    .expect("ledger.toml reads");
    let (_, findings) = check_corpus();
    let files = corpus_files();

    // The corpus's make-up: projects (owner__repo directories) and host formats.
    let projects: BTreeSet<String> = files
        .iter()
        .filter_map(|p| p.strip_prefix(CORPUS).ok()?.iter().next())
        .map(|c| c.to_string_lossy().into_owned())
        .filter(|c| c.contains("__"))
        .collect();
    let formats: BTreeSet<&str> = files.iter().filter_map(|p| host_format(p)).collect();

    // Each finding goes to the nearest unclaimed ledger mistake of its line and code.
    let mut claimed = vec![false; ledger.mistake.len()];
    let mut exact_columns = 0;
    let mut extra = Vec::new();
    let mut false_findings = Vec::new();
    let mut at_placeholders = Vec::new();
    let mut other_protocol = Vec::new();
    let mut by_place: BTreeMap<(&str, usize), Vec<&Finding>> = BTreeMap::new();
    for f in &findings {
        by_place.entry((&f.file, f.line)).or_default().push(f);
        if at_placeholder(&host_line(&f.file, f.line), f.column) {
            at_placeholders.push(f.text.clone());
        }
        if ledger.other_protocols.files.contains(&f.file) {
            other_protocol.push(f.text.clone());
        }
    }
    for ((file, line), found) in &by_place {
        for f in found {
            let best = ledger
                .mistake
                .iter()
                .enumerate()
                .filter(|(i, m)| {
                    !claimed[*i] && m.file == *file && m.line == *line && m.codes.contains(&f.code)
                })
                .min_by_key(|(_, m)| anchor_column(file, *line, &m.anchor).abs_diff(f.column));
            match best {
                Some((i, m)) => {
                    claimed[i] = true;
                    if anchor_column(file, *line, &m.anchor) == f.column {
                        exact_columns += 1;
                    }
                }
                None if ledger
                    .mistake
                    .iter()
                    .any(|m| m.file == *file && m.line == *line) =>
                {
                    extra.push(f.text.clone())
                }
                None => false_findings.push(f.text.clone()),
            }
        }
    }
    let missed: Vec<String> = ledger
        .mistake
        .iter()
        .zip(&claimed)
        .filter(|(_, c)| !**c)
        .map(|(m, _)| format!("{}:{}: {}", m.file, m.line, m.what))
        .collect();
    let found = claimed.iter().filter(|c| **c).count();
    let total = ledger.mistake.len();
    let recall = found as f64 / total as f64;

    println!(
        "corpus: {} files, {} projects, {} host formats ({})",
        files.len(),
        projects.len(),
        formats.len(),
        formats.iter().copied().collect::<Vec<_>>().join(", ")
    );
    println!(
        "real mistakes found at their host line: {found}/{total} ({:.1}%), {exact_columns} of \
         them at the ledger's column",
        100.0 * recall
    );
    println!("missed: {}", missed.len());
    for m in &missed {
        println!("  {m}");
    }
    println!(
        "more findings for a mistake already found (same line): {}",
        extra.len()
    );
    for e in &extra {
        println!("  {e}");
    }
    println!("false findings: {}", false_findings.len());
    for f in &false_findings {
        println!("  {f}");
    }
    println!("findings at placeholders: {}", at_placeholders.len());
    println!(
        "findings in files of other protocols: {}",
        other_protocol.len()
    );

    assert!(projects.len() >= 12, "projects: {projects:?}");
    assert!(formats.len() >= 7, "host formats: {formats:?}");
    assert!(
        at_placeholders.is_empty(),
        "findings at placeholders: {at_placeholders:#?}"
    );
    assert!(
        other_protocol.is_empty(),
        "findings in other protocols' packets: {other_protocol:#?}"
    );
    assert!(
        false_findings.len() <= 2,
        "false findings: {false_findings:#?}"
    );
    assert!(
        recall >= 0.95,
        "found {found} of {total} real mistakes; missed: {missed:#?}"
    );
}

#[test]
fn placeholder_positions_are_recognised_by_the_corpus_test_itself() {
    assert!(at_placeholder("<id>$id</id>", 6));
    assert!(at_placeholder("<name>{{ domain }}</name>", 10));
    assert!(at_placeholder(
        "'<site>' . htmlspecialchars($d) . '</site>'",
        12
    ));
    assert!(at_placeholder("<v>${escapeXml(x)}</v>", 4));
    assert!(!at_placeholder("<id>$id</id>", 2));
    assert!(!at_placeholder("<site-id>1</site-id>", 3));
}
