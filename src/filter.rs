//! The stage between checking and rendering: configuration and suppression comments decide
//! which findings are reported, and with which severity.
//!
//! Kept out of the checker on purpose: the checker reports everything it finds, identically
//! for every user, and this stage is the one place where a user's choices apply. The order
//! matters: codes the configuration turns off go first, so a suppression comment for a code
//! that is off anyway counts as unused; the findings about suppressions then pass the same
//! selection (so `ignore = ["unused-suppression"]` works); severities are overridden last.

use crate::FileReport;
use crate::config::Settings;

/// Applies `settings` and, when `suppressions` is set (packets, not rules or configuration
/// files), the file's suppression comments.
pub fn apply(report: &mut FileReport, settings: &Settings, suppressions: bool) {
    let diagnostics = &mut report.diagnostics;
    diagnostics.retain(|d| settings.enabled(d.code));
    if suppressions {
        crate::suppress::apply(&report.source, diagnostics);
        diagnostics.retain(|d| settings.enabled(d.code));
    }
    for diagnostic in diagnostics.iter_mut() {
        diagnostic.severity = settings.severity_of(diagnostic.code, diagnostic.severity);
    }
    diagnostics.sort_by_key(|d| d.primary.span.start);
}
