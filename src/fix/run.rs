//! One input through `check --fix`, `--fix -` or `--diff`: fix it (its source keeps the bytes
//! read, [`crate::source::Original`]) and write the result where the mode says. The application calls this per input and only
//! gathers the outcomes.

use std::sync::Arc;

use super::{FileFix, Policy, fix_report, write};
use crate::FileReport;
use crate::diagnostic::{Code, Diagnostic};
use crate::input::Input;
use crate::source::SourceFile;

/// What a run does with the fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Rewrite each file (standard input: print the fixed packet on standard output).
    Apply,
    /// Print a unified diff, write nothing.
    Diff,
}

/// What fixing one input came to, besides its report.
#[derive(Debug, Default)]
pub struct JobFix {
    /// How many fixes were applied (or, for `--diff`, would be).
    pub fixed: usize,
    /// The unified diff (`--diff`).
    pub diff: String,
    /// The packet to print on standard output (`--fix -`), fixed or not.
    pub stdout: Option<Vec<u8>>,
    /// Whether the fixed file could not be written (an `io-error` finding says why).
    pub failed: bool,
}

/// Fixes the input checked as `report` (its source holds the bytes read), and writes the
/// result as `mode` says; `check` gives the filtered findings of a new text. Returns the
/// report to show: the findings that remain.
pub fn fix_input(
    input: &Input,
    report: FileReport,
    mode: Mode,
    policy: &Policy,
    check: impl FnMut(&Arc<SourceFile>) -> Vec<Diagnostic>,
) -> (FileReport, JobFix) {
    // Shown instead of the fixed text's findings when the fixed text cannot be written.
    let before = FileReport {
        source: report.source.clone(),
        diagnostics: report.diagnostics.clone(),
    };
    let FileFix {
        mut report,
        fixed,
        bytes,
        diff,
        error,
    } = fix_report(report, policy, check);
    let original = before.source.original_bytes();
    let mut job = JobFix {
        fixed,
        ..JobFix::default()
    };
    if let Some(error) = error {
        job.failed = true;
        report
            .diagnostics
            .push(not_written(&report.source.name, &error));
    }
    match (mode, input) {
        (Mode::Diff, _) => job.diff = diff,
        (Mode::Apply, Input::Stdin(_)) => {
            job.stdout = Some(bytes.unwrap_or_else(|| original.into_owned()));
        }
        (Mode::Apply, Input::File(path)) => {
            if let Some(bytes) = bytes
                && let Err(error) = write::replace(path, &original, &bytes)
            {
                job.failed = true;
                job.fixed = 0;
                report = before;
                report
                    .diagnostics
                    .push(not_written(&report.source.name, &error.to_string()));
            }
        }
    }
    (report, job)
}

/// An input that cannot be fixed (it could not be decoded): `--fix -` still prints it as it
/// came (`source` holds the bytes read), as a filter must not swallow its input.
pub fn unfixed(input: &Input, source: &SourceFile, mode: Mode) -> JobFix {
    JobFix {
        stdout: (mode == Mode::Apply && matches!(input, Input::Stdin(_)))
            .then(|| source.original_bytes().into_owned()),
        ..JobFix::default()
    }
}

fn not_written(name: &str, why: &str) -> Diagnostic {
    Diagnostic::new(
        Code::IoError,
        format!("cannot write the fixes to `{name}`: {why}"),
        0..0,
    )
    .with_help("the file is left as it was")
}
