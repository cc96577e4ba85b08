//! `--statistics`: how many findings of each code, instead of the findings themselves.
//!
//! Sorted by count (most frequent first), then by code, so the biggest problem leads. Text
//! for the formats people read; a JSON array (or one object per line for the line-oriented
//! formats) for the machine formats, so a pipeline that asked for JSON gets JSON.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::json;

use super::Format;
use crate::FileReport;
use crate::codes::Code;
use crate::diagnostic::Severity;

/// Writes the counts per code in the style of `format`.
pub fn render(reports: &[FileReport], format: Format, out: &mut dyn Write) -> io::Result<()> {
    let mut counts: BTreeMap<Code, (usize, Severity)> = BTreeMap::new();
    for diagnostic in reports.iter().flat_map(|r| &r.diagnostics) {
        let entry = counts
            .entry(diagnostic.code)
            .or_insert((0, diagnostic.severity));
        entry.0 += 1;
        entry.1 = entry.1.max(diagnostic.severity);
    }
    let mut rows: Vec<(Code, usize, Severity)> = counts
        .into_iter()
        .map(|(code, (count, severity))| (code, count, severity))
        .collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let objects = rows.iter().map(|(code, count, severity)| {
        json!({
            "code": code.as_str(),
            "count": count,
            "severity": severity.as_str(),
            "url": code.docs_url(),
        })
    });
    match format {
        Format::Jsonl | Format::Rdjsonl => {
            for object in objects {
                serde_json::to_writer(&mut *out, &object)?;
                writeln!(out)?;
            }
        }
        _ if format.is_json() => {
            serde_json::to_writer_pretty(&mut *out, &objects.collect::<Vec<_>>())?;
            writeln!(out)?;
        }
        _ => {
            let width = rows.iter().map(|(code, ..)| code.as_str().len()).max();
            for (code, count, severity) in &rows {
                writeln!(
                    out,
                    "{count:>6}  {:<width$}  {}",
                    code.as_str(),
                    severity.as_str(),
                    width = width.unwrap_or(0)
                )?;
            }
        }
    }
    Ok(())
}
