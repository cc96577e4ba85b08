//! `hole-in-typed-value` (off by default): a placeholder fills a value that must be of a type.
//!
//! A hole's filler (`xxx`) is no integer, date or member of a list, so the engine reports an
//! `invalid-value` at every hole that stands where a typed value must be, and at none where any
//! text will do. [`super::holes`] drops those findings: the program decides what goes there.
//! Before it does, each becomes this note, pointing at the placeholder and saying what the
//! program must put there, for a user who wants to review those places.

use super::text::{Extracted, HoleKind};
use crate::codes::Code;
use crate::diagnostic::Diagnostic;

/// One note per hole of `packet` at which `found` (checked coordinates) holds an
/// `invalid-value`; `host` is the host file's text, to quote the placeholder.
pub fn notes(packet: &Extracted, found: &[Diagnostic], host: &str) -> Vec<Diagnostic> {
    let mut notes: Vec<Diagnostic> = Vec::new();
    for hole in &packet.holes {
        if !matches!(hole.kind, HoleKind::Leaf | HoleKind::Attribute) {
            continue;
        }
        let Some(invalid) = found.iter().find(|d| {
            d.code == Code::InvalidValue
                && d.primary.span.start < hole.checked.end
                && hole.checked.start < d.primary.span.end
        }) else {
            continue;
        };
        let placeholder = host.get(hole.host.clone()).unwrap_or("the placeholder");
        let placeholder: String = placeholder.chars().take(60).collect();
        let whose = invalid
            .message
            .split_once(": ")
            .map_or("the value", |(whose, _)| whose);
        let expected = invalid
            .help
            .as_deref()
            .and_then(|help| help.strip_prefix("expected "))
            .map(|rest| rest.split(", for example").next().unwrap_or(rest))
            .unwrap_or("a value of its type");
        let mut note = Diagnostic::new(
            Code::HoleInTypedValue,
            format!(
                "{whose}: `{placeholder}` fills a typed value (expected {expected}); \
                 plesk-lint cannot check what the program puts there"
            ),
            hole.checked.clone(),
        )
        .with_label("placeholder");
        if let Some(help) = &invalid.help {
            note = note.with_help(help.clone());
        }
        notes.push(note);
    }
    notes
}
