//! Renderers: each output format is one small module fed by the same reports.
//!
//! Every format measures columns in its consumer's own unit, from the one line index in
//! [`crate::source`]: characters for people, compilers' conventions, JSON, GitHub and GitLab;
//! UTF-16 code units for SARIF (declared in its `columnKind`); UTF-8 bytes for reviewdog.
//! Tabs count as one column everywhere; only the human renderer draws them wider.

mod concise;
pub mod escape;
mod fingerprint;
mod github;
mod gitlab;
mod human;
mod json;
mod lazy;
mod rdjson;
mod sarif;
mod statistics;
mod window;

use std::io::{self, Write};
use std::ops::Range;
use std::path::PathBuf;

use crate::FileReport;
use crate::diagnostic::Severity;
use crate::source::{Position, SourceFile};

pub use concise::render as render_concise;
pub use github::step_summary as github_step_summary;
pub use human::{HumanOptions, render as render_human};
pub use statistics::render as render_statistics;

/// The tool's home page, carried by the formats that name the tool.
pub const HOMEPAGE: &str = "https://github.com/plesk-lint/plesk-lint";

/// Every output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Source snippets with labels and help (rustc's style), then a summary line.
    Human,
    /// `path:line:col: severity: message [code]`, one line per finding.
    Concise,
    /// One JSON array of findings.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// SARIF 2.1.0, for GitHub code scanning and SARIF viewers.
    Sarif,
    /// GitLab Code Quality (Code Climate subset).
    Gitlab,
    /// reviewdog's Diagnostic Format, one `DiagnosticResult`.
    Rdjson,
    /// reviewdog's Diagnostic Format, one `Diagnostic` per line.
    Rdjsonl,
}

impl Format {
    /// Every format, in documentation order.
    pub const ALL: [Format; 9] = [
        Format::Human,
        Format::Concise,
        Format::Json,
        Format::Jsonl,
        Format::Github,
        Format::Sarif,
        Format::Gitlab,
        Format::Rdjson,
        Format::Rdjsonl,
    ];

    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Concise => "concise",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Github => "github",
            Format::Sarif => "sarif",
            Format::Gitlab => "gitlab",
            Format::Rdjson => "rdjson",
            Format::Rdjsonl => "rdjsonl",
        }
    }

    /// The format with this name.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL
            .into_iter()
            .find(|format| format.as_str() == name)
    }

    /// Whether `--statistics` should be JSON rather than a text table in this format.
    pub fn is_json(self) -> bool {
        matches!(
            self,
            Format::Json
                | Format::Jsonl
                | Format::Sarif
                | Format::Gitlab
                | Format::Rdjson
                | Format::Rdjsonl
        )
    }
}

/// What renderers need besides the reports.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// Colours and width for the human format.
    pub human: HumanOptions,
    /// The directory relative paths are relative to (the working directory). SARIF names it as
    /// `%SRCROOT%`; SARIF and GitLab make absolute paths below it relative.
    pub root: Option<PathBuf>,
    /// `--columns bytes`: the concise format counts columns in UTF-8 bytes, not characters.
    pub byte_columns: bool,
}

/// Writes the reports in `format`.
pub fn render(
    format: Format,
    reports: &[FileReport],
    out: &mut dyn Write,
    options: &RenderOptions,
) -> io::Result<()> {
    match format {
        Format::Human => human::render(reports, out, options.human),
        Format::Concise => concise::render_with(reports, out, options.byte_columns),
        Format::Json => json::render(reports, out),
        Format::Jsonl => json::render_lines(reports, out),
        Format::Github => github::render(reports, out),
        Format::Sarif => sarif::render(reports, out, options.root.as_deref()),
        Format::Gitlab => gitlab::render(reports, out, options.root.as_deref()),
        Format::Rdjson => rdjson::render(reports, out),
        Format::Rdjsonl => rdjson::render_lines(reports, out),
    }
}

/// The start and end (exclusive) positions of a byte span.
pub(crate) fn range(source: &SourceFile, span: &Range<usize>) -> (Position, Position) {
    (source.position(span.start), source.position(span.end))
}

/// A path as CI systems want it: `/` separators, no `./` steps, and relative to `root` when
/// it is an absolute path below it (GitHub, GitLab and SARIF resolve paths against the
/// repository root, and do not all understand `./a.xml`).
pub(crate) fn report_path(name: &str, root: Option<&std::path::Path>) -> String {
    let path = std::path::Path::new(name);
    let relative = root
        .filter(|_| path.is_absolute())
        .and_then(|root| path.strip_prefix(root).ok())
        .unwrap_or(path);
    let mut out = String::new();
    for part in relative.components() {
        use std::path::Component;
        match part {
            Component::CurDir => {}
            Component::RootDir => out.push('/'),
            Component::Prefix(prefix) => out.push_str(&prefix.as_os_str().to_string_lossy()),
            Component::ParentDir | Component::Normal(_) => {
                if !out.is_empty() && !out.ends_with('/') {
                    out.push('/');
                }
                out.push_str(&part.as_os_str().to_string_lossy());
            }
        }
    }
    out
}

/// Counts for the closing summary line.
#[derive(Debug, Default, Clone, Copy)]
pub struct Summary {
    /// Files checked.
    pub files: usize,
    /// Findings of error severity.
    pub errors: usize,
    /// Other findings.
    pub others: usize,
    /// Findings with a safe fix (`[*]`).
    pub fixable: usize,
    /// Findings whose fix is unsafe.
    pub unsafe_fixable: usize,
    /// How many fixes `--fix` applied; `None` without `--fix`.
    pub fixed: Option<usize>,
}

impl Summary {
    /// Counts the findings of the reports.
    pub fn of(reports: &[FileReport], files: usize) -> Summary {
        let mut summary = Summary {
            files,
            ..Summary::default()
        };
        for diagnostic in reports.iter().flat_map(|r| &r.diagnostics) {
            if diagnostic.severity == Severity::Error {
                summary.errors += 1;
            } else {
                summary.others += 1;
            }
            match diagnostic.fix.as_ref().map(|fix| fix.applicability) {
                Some(crate::diagnostic::Applicability::Safe) => summary.fixable += 1,
                Some(crate::diagnostic::Applicability::Unsafe) => summary.unsafe_fixable += 1,
                None => {}
            }
        }
        summary
    }

    /// Writes "Checked 3 files: 2 errors." style text; with `--fix`, how many findings were
    /// fixed and how many remain; and how to apply the fixes that are left.
    pub fn write(&self, out: &mut dyn Write, elapsed: std::time::Duration) -> io::Result<()> {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let counts = format!(
            "{}, {}",
            plural(self.errors, "error"),
            plural(self.others, "other finding")
        );
        let files = plural(self.files, "file");
        match self.fixed {
            Some(fixed) => writeln!(
                out,
                "Checked {files} in {elapsed:.0?}: {fixed} fixed, {} remaining ({counts}).",
                self.errors + self.others
            )?,
            None => writeln!(out, "Checked {files} in {elapsed:.0?}: {counts}.")?,
        }
        if self.fixable > 0 {
            writeln!(
                out,
                "{} fixable with `plesk-lint check --fix` (marked [*]).",
                plural(self.fixable, "finding")
            )?;
        }
        if self.unsafe_fixable > 0 {
            writeln!(
                out,
                "{} an unsafe fix: `--fix --unsafe-fixes` applies it; review the change.",
                match self.unsafe_fixable {
                    1 => "1 finding has".to_string(),
                    n => format!("{n} findings have"),
                }
            )?;
        }
        Ok(())
    }
}
