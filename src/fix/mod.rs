//! `check --fix`: applying the findings' fixes to the files, byte-exactly.
//!
//! The parts, one concern each: [`select`] decides which fixes a run applies and which go
//! into one pass together; [`fixpoint`] applies them, checks again and repeats; [`pieces`]
//! follows the fixed text as pieces of the original one, so that [`encode`] can copy every
//! byte outside the edits as it was read (encoding, byte order mark, line ends) and encode only
//! the new text; [`write`] replaces the file atomically; [`diff`] shows the change for
//! `--diff`. [`moves`] gives the engine's out-of-order fixes whole lines to move.
//!
//! The writer works on a [`SourceFile`] (its text and the [`crate::source::Original`] bytes it
//! was decoded from) and the pieces of the fixed text, never on paths. A packet embedded in
//! another file is fixed the same way: its fixes were moved to the host's text by its
//! [`crate::span_map::SpanMap`] (only those that map byte for byte survive), and the host's
//! source is written back.

pub mod diff;
pub mod encode;
pub mod fixpoint;
pub mod moves;
pub mod pieces;
pub mod run;
pub mod select;
pub mod write;

use std::sync::Arc;

pub use fixpoint::{MAX_PASSES, Outcome, fix_text};
pub use select::Policy;

use crate::FileReport;
use crate::diagnostic::Diagnostic;
use crate::source::{Original, SourceFile};

/// What fixing one file came to.
#[derive(Debug)]
pub struct FileFix {
    /// The findings that remain, on the fixed text (the original report when nothing was
    /// fixed or the fixed text cannot be written).
    pub report: FileReport,
    /// How many fixes were applied.
    pub fixed: usize,
    /// The fixed file's bytes, when they differ from the original ones.
    pub bytes: Option<Vec<u8>>,
    /// The unified diff of the text (empty when nothing changes).
    pub diff: String,
    /// Why the fixed text cannot be written, if it cannot.
    pub error: Option<String>,
}

/// Fixes the file whose first check gave `report` (its source holds the bytes read); `check`
/// gives the findings (filtered as the run reports them) of a new text of the same file.
pub fn fix_report(
    report: FileReport,
    policy: &Policy,
    mut check: impl FnMut(&Arc<SourceFile>) -> Vec<Diagnostic>,
) -> FileFix {
    let name = report.source.name.clone();
    let unchanged = |report: FileReport, error: Option<String>| FileFix {
        report,
        fixed: 0,
        bytes: None,
        diff: String::new(),
        error,
    };
    if !report.diagnostics.iter().any(|d| policy.allows(d)) {
        return unchanged(report, None);
    }
    let old_text = report.source.text.clone();
    let outcome = fix_text(&old_text, report.diagnostics.clone(), policy, |text| {
        check(&Arc::new(SourceFile::new(name.clone(), text)))
    });
    if outcome.fixed == 0 {
        return unchanged(report, None);
    }
    let bytes = match encode::bytes(&report.source, &outcome.pieces) {
        Ok(bytes) => bytes,
        Err(error) => return unchanged(report, Some(error.0)),
    };
    let before = report.source.original();
    // The fixed text's source is the bytes about to be written (the UTF-8 ones are its text).
    let written = Original::decoded(
        before.encoding,
        before.bom,
        (before.encoding != encoding_rs::UTF_8).then(|| bytes.clone()),
    );
    let changed = bytes != *report.source.original_bytes();
    FileFix {
        diff: diff::unified(&name, &old_text, &outcome.text),
        report: FileReport {
            source: Arc::new(SourceFile::with_original(name, outcome.text, written)),
            diagnostics: outcome.diagnostics,
        },
        fixed: outcome.fixed,
        bytes: changed.then_some(bytes),
        error: None,
    }
}
