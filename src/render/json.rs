//! `json` (one array) and `jsonl` (one object per line): every field of the diagnostic model.
//!
//! Positions carry both the byte offset (lossless, 0-based, as the engine and rustc use) and a
//! 1-based line and column, the column counted in characters (Unicode scalar values), like
//! rustc and ruff. Ends are exclusive. Keys are sorted, so the output is stable to diff.

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::FileReport;
use crate::diagnostic::{Applicability, Diagnostic, Label, PacketPlace};
use crate::source::SourceFile;

/// Writes all findings as one pretty-printed JSON array.
pub fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    super::lazy::write_pretty(out, &super::lazy::Array(|| objects(reports)))
}

/// Writes one compact JSON object per finding, one per line.
pub fn render_lines(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    for object in objects(reports) {
        serde_json::to_writer(&mut *out, &object)?;
        writeln!(out)?;
    }
    Ok(())
}

fn objects(reports: &[FileReport]) -> impl Iterator<Item = Value> + '_ {
    reports.iter().flat_map(|report| {
        report
            .diagnostics
            .iter()
            .map(|diagnostic| object(&report.source, diagnostic))
    })
}

fn object(source: &SourceFile, diagnostic: &Diagnostic) -> Value {
    let labels: Vec<Value> = std::iter::once((&diagnostic.primary, true))
        .chain(diagnostic.secondary.iter().map(|label| (label, false)))
        .map(|(label, primary)| label_object(source, label, primary))
        .collect();
    let fix = diagnostic.fix.as_ref().map(|fix| {
        json!({
            "description": fix.description,
            "applicability": match fix.applicability {
                Applicability::Safe => "safe",
                Applicability::Unsafe => "unsafe",
            },
            "edits": fix.edits.iter().map(|edit| json!({
                "start": point(source, edit.span.start),
                "end": point(source, edit.span.end),
                "replacement": edit.replacement,
            })).collect::<Vec<_>>(),
        })
    });
    let mut object = json!({
        "code": diagnostic.code.as_str(),
        "severity": diagnostic.severity.as_str(),
        "message": diagnostic.message,
        "path": source.name,
        "start": point(source, diagnostic.primary.span.start),
        "end": point(source, diagnostic.primary.span.end),
        "labels": labels,
        "help": diagnostic.help,
        "fix": fix,
        "url": diagnostic.code.docs_url(),
    });
    if let Some(place) = &diagnostic.packet {
        object["packet"] = packet_object(source, place);
    }
    object
}

/// A packet inside a source file: `path#N` and the finding's place in the packet's own text.
pub(super) fn packet_object(source: &SourceFile, place: &PacketPlace) -> Value {
    json!({
        "name": format!("{}#{}", source.name, place.index),
        "index": place.index,
        "line": place.line,
        "column": place.column,
        "offset": place.offset,
    })
}

fn label_object(source: &SourceFile, label: &Label, primary: bool) -> Value {
    json!({
        "primary": primary,
        "message": label.message,
        "start": point(source, label.span.start),
        "end": point(source, label.span.end),
    })
}

/// `{"offset": bytes from the start, "line": 1-based, "column": 1-based characters}`.
pub(super) fn point(source: &SourceFile, offset: usize) -> Value {
    let position = source.position(offset);
    json!({
        "offset": position.offset,
        "line": position.line,
        "column": position.column,
    })
}
