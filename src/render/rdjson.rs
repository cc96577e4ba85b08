//! `rdjson` and `rdjsonl`: reviewdog's Diagnostic Format (`reviewdog.proto`).
//!
//! `rdjson` is one `DiagnosticResult`; `rdjsonl` is one `Diagnostic` per line, which reviewdog
//! can read as it streams. Columns are 1-based UTF-8 byte counts, as the format defines
//! (`'a𐐀b'`: `b` is column 6); ends are exclusive. Fix edits become `suggestions`, which
//! reviewdog posts as suggested changes.

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::FileReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;

/// Writes one `DiagnosticResult`.
pub fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let mut result = serde_json::Map::new();
    result.insert("source".into(), tool());
    let result = super::lazy::With {
        object: &result,
        key: "diagnostics",
        value: super::lazy::Array(|| objects(reports)),
    };
    super::lazy::write_pretty(out, &result)
}

/// Writes one `Diagnostic` per line.
pub fn render_lines(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    for object in objects(reports) {
        serde_json::to_writer(&mut *out, &object)?;
        writeln!(out)?;
    }
    Ok(())
}

fn tool() -> Value {
    json!({"name": "plesk-lint", "url": super::HOMEPAGE})
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
    let path = super::report_path(&source.name, None);
    let mut message = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let mut object = json!({
        "message": message,
        "location": {"path": path, "range": range(source, &diagnostic.primary.span)},
        "severity": match diagnostic.severity {
            Severity::Error => "ERROR",
            Severity::Warning => "WARNING",
            Severity::Info => "INFO",
        },
        "source": tool(),
        "code": {"value": diagnostic.code.as_str(), "url": diagnostic.code.docs_url()},
    });
    if let Some(fix) = &diagnostic.fix {
        object["suggestions"] = fix
            .edits
            .iter()
            .map(|edit| json!({"range": range(source, &edit.span), "text": edit.replacement}))
            .collect();
    }
    if !diagnostic.secondary.is_empty() {
        object["related_locations"] = diagnostic
            .secondary
            .iter()
            .map(|label| {
                json!({
                    "message": label.message.clone().unwrap_or_default(),
                    "location": {"path": path, "range": range(source, &label.span)},
                })
            })
            .collect();
    }
    object
}

/// A range in 1-based lines and 1-based byte columns, end exclusive.
fn range(source: &SourceFile, span: &std::ops::Range<usize>) -> Value {
    let (start, end) = super::range(source, span);
    json!({
        "start": {"line": start.line, "column": start.column_byte},
        "end": {"line": end.line, "column": end.column_byte},
    })
}
