//! The documentation is tested like code: every example in README.md and docs/*.md runs.
//!
//! * A ` ```console ` block holds commands (`$ plesk-lint …`) each followed by the output it
//!   prints (standard output and error together). Each command runs with `sh` in
//!   docs/examples/, with the built binary first on the `PATH`, and its output must be the one
//!   shown. Durations (`in 8ms`) match any duration; a line `...` matches any lines, so a long
//!   output (SARIF) can be shown in part.
//! * A ` ```toml ` block whose first line is `# plesk-lint.toml` must be a valid configuration.
//! * Relative links must lead to files that exist.
//! * docs/diagnostics.md must be what the rule registry generates.
//!
//! `UPDATE_EXPECT=1` rewrites the outputs of console blocks without `...` and
//! docs/diagnostics.md instead of comparing them.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use regex::Regex;

use crate::support::{bless, root};

/// README.md and every page of docs/.
fn pages() -> Vec<PathBuf> {
    let mut pages = vec![root().join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .expect("docs/")
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    docs.sort();
    pages.extend(docs);
    pages
}

/// A fenced block: its info string, the line of its first content line (1-based), its lines.
struct Block<'a> {
    info: &'a str,
    line: usize,
    lines: Vec<&'a str>,
    /// Byte range of the content in the page, for blessing.
    range: std::ops::Range<usize>,
}

fn blocks(text: &str) -> Vec<Block<'_>> {
    let mut blocks = Vec::new();
    // The open block's info string, first line and content start.
    let mut open: Option<(&str, usize, usize)> = None;
    let mut offset = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_end();
        match open {
            None => {
                if let Some(info) = trimmed.strip_prefix("```") {
                    open = Some((info.trim(), index + 2, offset + line.len()));
                }
            }
            Some((info, first, start)) if trimmed == "```" => {
                blocks.push(Block {
                    info,
                    line: first,
                    lines: text[start..offset].lines().collect(),
                    range: start..offset,
                });
                open = None;
            }
            Some(_) => {}
        }
        offset += line.len();
    }
    blocks
}

/// One command of a console block and the output shown for it.
struct Example {
    command: String,
    expected: Vec<String>,
    line: usize,
}

fn examples(block: &Block) -> Vec<Example> {
    let mut examples: Vec<Example> = Vec::new();
    for (i, line) in block.lines.iter().enumerate() {
        if let Some(command) = line.strip_prefix("$ ") {
            examples.push(Example {
                command: command.to_string(),
                expected: Vec::new(),
                line: block.line + i,
            });
        } else if let Some(example) = examples.last_mut() {
            example.expected.push(line.trim_end().to_string());
        }
    }
    examples
}

fn run(command: &str) -> Vec<String> {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_plesk-lint"));
    let path = std::env::join_paths(
        std::iter::once(bin.parent().expect("bin dir").to_path_buf()).chain(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        )),
    )
    .expect("PATH");
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!("exec 2>&1; {command}"))
        .current_dir(root().join("docs/examples"))
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .env_remove("PLESK_LINT_OUTPUT_FORMAT")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("FORCE_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .expect("sh runs");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| line.trim_end().to_string())
        .collect()
}

fn normalize(line: &str) -> String {
    static DURATION: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    DURATION
        .get_or_init(|| Regex::new(r"\bin [0-9]+(\.[0-9]+)?(ns|µs|ms|s)\b").expect("regex"))
        .replace_all(line, "in <duration>")
        .into_owned()
}

/// Whether `actual` is `expected`, where a line `...` in `expected` stands for any lines.
fn matches(expected: &[String], actual: &[String]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((first, rest)) if first == "..." => {
            (0..=actual.len()).any(|skip| matches(rest, &actual[skip..]))
        }
        Some((first, rest)) => actual
            .split_first()
            .is_some_and(|(line, more)| normalize(first) == normalize(line) && matches(rest, more)),
    }
}

#[test]
fn every_console_example_prints_what_the_docs_show() {
    let mut failures = Vec::new();
    let mut count = 0;
    for page in pages() {
        let text = std::fs::read_to_string(&page).expect("page");
        let name = page
            .strip_prefix(root())
            .expect("under root")
            .display()
            .to_string();
        let mut blessed = text.clone();
        for block in blocks(&text).iter().rev().filter(|b| b.info == "console") {
            let examples = examples(block);
            assert!(
                !examples.is_empty(),
                "{name}:{}: a console block without `$ `",
                block.line
            );
            let mut fresh = String::new();
            let mut wildcard = false;
            for example in &examples {
                count += 1;
                let actual = run(&example.command);
                wildcard |= example.expected.iter().any(|l| l == "...");
                fresh.push_str(&format!("$ {}\n", example.command));
                for line in &actual {
                    fresh.push_str(line);
                    fresh.push('\n');
                }
                if !matches(&example.expected, &actual) {
                    failures.push(format!(
                        "{name}:{}: `{}` printed:\n{}\n--- the docs show:\n{}\n",
                        example.line,
                        example.command,
                        actual.join("\n"),
                        example.expected.join("\n")
                    ));
                }
            }
            if !wildcard {
                blessed.replace_range(block.range.clone(), &fresh);
            }
        }
        if bless() && blessed != text {
            std::fs::write(&page, blessed).expect("bless");
        }
    }
    assert!(count > 10, "only {count} console examples found");
    assert!(
        bless() || failures.is_empty(),
        "{} examples differ (UPDATE_EXPECT=1 rewrites them):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_configuration_example_is_valid() {
    let mut count = 0;
    for page in pages() {
        let text = std::fs::read_to_string(&page).expect("page");
        for block in blocks(&text).iter().filter(|b| b.info == "toml") {
            if block.lines.first() != Some(&"# plesk-lint.toml") {
                continue;
            }
            count += 1;
            let source = Arc::new(plesk_lint::source::SourceFile::new(
                "plesk-lint.toml",
                block.lines.join("\n"),
            ));
            if let Err(error) = plesk_lint::config::parse(&source, Path::new(".")) {
                panic!("{}:{}: {}", page.display(), block.line, error.message);
            }
        }
    }
    assert!(count >= 2, "only {count} configuration examples found");
}

#[test]
fn relative_links_lead_to_files() {
    let link = Regex::new(r"\]\(([^)#\s]+)(#[^)\s]*)?\)").expect("regex");
    let mut broken = Vec::new();
    for page in pages() {
        let text = std::fs::read_to_string(&page).expect("page");
        for found in link.captures_iter(&text) {
            let target = &found[1];
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let resolved = page.parent().expect("dir").join(target);
            if !resolved.exists() {
                broken.push(format!("{}: {target}", page.display()));
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

/// The registry says which codes carry fixes and how safe they are (`explain` and
/// docs/diagnostics.md print it): every fix the fixtures produce must be one it declares.
#[test]
fn every_fix_in_the_fixtures_is_declared_by_its_code() {
    let mut fixes = std::collections::BTreeSet::new();
    let mut undeclared = Vec::new();
    for dir in ["tests/fixtures", "tests/lints"] {
        for path in crate::support::xml_files(Path::new(dir)) {
            let (report, _) = crate::support::check_file(&path);
            for diagnostic in &report.diagnostics {
                let Some(fix) = &diagnostic.fix else { continue };
                let code = diagnostic.code;
                fixes.insert(code);
                match code.rule().autofix {
                    Some(autofix) if autofix.fixable.allows(fix.applicability) => {}
                    declared => undeclared.push(format!(
                        "{}: {code} carries a {:?} fix; the registry declares {declared:?}",
                        path.display(),
                        fix.applicability
                    )),
                }
            }
        }
    }
    assert!(undeclared.is_empty(), "{}", undeclared.join("\n"));
    assert!(
        fixes.len() >= 8,
        "only {} codes with fixes met: {fixes:?}",
        fixes.len()
    );
}

#[test]
fn the_diagnostics_reference_is_generated_from_the_registry() {
    let path = root().join("docs/diagnostics.md");
    let generated = plesk_lint::codes::reference_page();
    if bless() {
        std::fs::write(&path, &generated).expect("write docs/diagnostics.md");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/diagnostics.md is stale: UPDATE_EXPECT=1 cargo test --test it docs regenerates it"
    );
    for code in plesk_lint::codes::Code::ALL {
        assert!(committed.contains(&format!("\n## {code}\n")), "{code}");
        assert!(
            code.docs_url()
                .ends_with(&format!("docs/diagnostics.md#{code}"))
        );
    }
}
