//! Renderers: each output format is one small module fed by the same reports.

mod concise;
mod human;

use std::io::{self, Write};

use crate::FileReport;

pub use concise::render as render_concise;
pub use human::{HumanOptions, render as render_human};

/// Counts for the closing summary line.
#[derive(Debug, Default, Clone, Copy)]
pub struct Summary {
    /// Files checked.
    pub files: usize,
    /// Findings of error severity.
    pub errors: usize,
    /// Other findings.
    pub others: usize,
}

impl Summary {
    /// Counts the findings of the reports.
    pub fn of(reports: &[FileReport], files: usize) -> Summary {
        let mut summary = Summary {
            files,
            ..Summary::default()
        };
        for diagnostic in reports.iter().flat_map(|r| &r.diagnostics) {
            if diagnostic.severity == crate::diagnostic::Severity::Error {
                summary.errors += 1;
            } else {
                summary.others += 1;
            }
        }
        summary
    }

    /// Writes "Checked 3 files: 2 errors." style text.
    pub fn write(&self, out: &mut dyn Write, elapsed: std::time::Duration) -> io::Result<()> {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        writeln!(
            out,
            "Checked {} in {:.0?}: {}, {}.",
            plural(self.files, "file"),
            elapsed,
            plural(self.errors, "error"),
            plural(self.others, "other finding")
        )
    }
}
