//! `github`: GitHub Actions workflow commands, which the runner turns into annotations on the
//! pull request's diff.
//!
//! Three rules of the runner shape this module:
//! * Escaping (actions/toolkit `command.ts`): in the message `%`, `\r`, `\n` become `%25`,
//!   `%0D`, `%0A`; property values also escape `:` and `,` (`%3A`, `%2C`). Unescaped, a
//!   comma in a path or a newline in a message silently corrupts the annotation.
//! * Ranges: `col`/`endColumn` are only valid when `line == endLine` (and `endColumn >= col`);
//!   otherwise the runner drops the annotation as an invalid command. Multi-line spans send
//!   `line`/`endLine` only. Columns count characters.
//! * The cap: a step shows at most 10 annotations of each level. The findings past it are not
//!   dropped: they are printed as plain `path:line:col` lines in a collapsed group, a final
//!   line says how many were left out, and [`step_summary`] lists them for the job summary.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::escape::{escape, escape_keeping_line_breaks};
use crate::FileReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;

/// Annotations per level per step that GitHub shows.
pub const CAP: usize = 10;

/// Writes the first [`CAP`] findings of each level as annotations and the rest as plain lines.
pub fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let (annotated, overflow) = partition(reports);
    for (source, diagnostic) in &annotated {
        annotation(source, diagnostic, out)?;
    }
    if overflow.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "::group::{}",
        escape_data(&format!(
            "plesk-lint: {} more findings (GitHub annotates at most {CAP} per level and step)",
            overflow.len()
        ))
    )?;
    for (source, diagnostic) in &overflow {
        let position = source.position(diagnostic.primary.span.start);
        writeln!(
            out,
            "{}:{}:{}: {}: {} [{}]",
            plain_path(&source.name),
            position.line,
            position.column,
            diagnostic.severity.as_str(),
            escape(&diagnostic.message),
            diagnostic.code
        )?;
    }
    writeln!(out, "::endgroup::")?;
    writeln!(
        out,
        "plesk-lint: {} of {} findings are not annotated because of GitHub's limit of {CAP} \
         annotations per level and step; they are listed in the group above and in the job \
         summary.",
        overflow.len(),
        annotated.len() + overflow.len()
    )
}

/// Markdown for `$GITHUB_STEP_SUMMARY`: counts per code, and every finding that did not get an
/// annotation. Writes nothing when every finding was annotated.
pub fn step_summary(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let (annotated, overflow) = partition(reports);
    if overflow.is_empty() {
        return Ok(());
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, diagnostic) in annotated.iter().chain(&overflow) {
        *counts.entry(diagnostic.code.as_str()).or_default() += 1;
    }
    writeln!(
        out,
        "### plesk-lint: {} findings\n",
        annotated.len() + overflow.len()
    )?;
    writeln!(out, "| Code | Count |\n| --- | ---: |")?;
    for (code, count) in counts {
        writeln!(out, "| `{code}` | {count} |")?;
    }
    writeln!(
        out,
        "\n{} findings did not get an annotation (GitHub shows {CAP} per level and step):\n",
        overflow.len()
    )?;
    writeln!(
        out,
        "| File | Line | Column | Severity | Code | Message |\n| --- | ---: | ---: | --- | --- | --- |"
    )?;
    for (source, diagnostic) in &overflow {
        let position = source.position(diagnostic.primary.span.start);
        writeln!(
            out,
            "| {} | {} | {} | {} | [`{}`]({}) | {} |",
            markdown_cell(&source.name),
            position.line,
            position.column,
            diagnostic.severity.as_str(),
            diagnostic.code,
            diagnostic.code.docs_url(),
            markdown_cell(&diagnostic.message)
        )?;
    }
    Ok(())
}

type Finding<'a> = (&'a SourceFile, &'a Diagnostic);

/// Splits the findings into those that get an annotation and those past the cap.
fn partition(reports: &[FileReport]) -> (Vec<Finding<'_>>, Vec<Finding<'_>>) {
    let mut per_level: BTreeMap<&str, usize> = BTreeMap::new();
    let mut annotated = Vec::new();
    let mut overflow = Vec::new();
    for report in reports {
        for diagnostic in &report.diagnostics {
            let count = per_level.entry(level(diagnostic.severity)).or_default();
            *count += 1;
            if *count <= CAP {
                annotated.push((&*report.source, diagnostic));
            } else {
                overflow.push((&*report.source, diagnostic));
            }
        }
    }
    (annotated, overflow)
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

fn annotation(source: &SourceFile, diagnostic: &Diagnostic, out: &mut dyn Write) -> io::Result<()> {
    let (start, end) = super::range(source, &diagnostic.primary.span);
    let mut properties = vec![
        (
            "file",
            escape_keeping_line_breaks(&super::report_path(&source.name, None)).into_owned(),
        ),
        ("line", start.line.to_string()),
        ("endLine", end.line.to_string()),
    ];
    if start.line == end.line {
        properties.push(("col", start.column.to_string()));
        properties.push(("endColumn", end.column.max(start.column).to_string()));
    }
    properties.push(("title", format!("plesk-lint ({})", diagnostic.code)));
    let properties: Vec<String> = properties
        .into_iter()
        .map(|(key, value)| format!("{key}={}", escape_property(&value)))
        .collect();
    let mut message = escape(&diagnostic.message).into_owned();
    if let Some(help) = &diagnostic.help {
        message.push_str("\nhelp: ");
        message.push_str(&escape(help));
    }
    message.push_str("\nSee ");
    message.push_str(&diagnostic.code.docs_url());
    writeln!(
        out,
        "::{} {}::{}",
        level(diagnostic.severity),
        properties.join(","),
        escape_data(&message)
    )
}

/// Escapes a command's message (actions/toolkit `escapeData`).
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value (actions/toolkit `escapeProperty`).
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// A table cell: invisible characters and line breaks escaped, no unescaped pipes, and no
/// HTML (a file may be named `<img src=…>.xml`).
fn markdown_cell(text: &str) -> String {
    escape(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
}

/// A path on a plain log line: escaped, and never at the start of a line as `::`, which the
/// runner would take for a workflow command (a file named `::add-mask::x.xml`).
fn plain_path(name: &str) -> String {
    let name = escape(name);
    if name.trim_start().starts_with("::") || name.starts_with(char::is_whitespace) {
        format!("./{name}")
    } else {
        name.into_owned()
    }
}
