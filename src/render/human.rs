//! The default format for people, in the style of rustc and ruff:
//!
//! ```text
//! error[out-of-order]: `<date>` is out of order: it belongs after `<dom_id>`
//!  --> a.xml:8:40
//!   |
//! 7 |     <dom_id>1</dom_id>
//!   |                       - `<date>` belongs here
//! 8 |     <smtp_in>10</smtp_in><date>2005-12-12</date>
//!   |                          ^^^^^^ out of order
//!   |
//!   = help: move `<date>` after `<dom_id>`
//! ```
//!
//! Drawn here rather than by a general-purpose library, because the input is hostile: each
//! marked line is a window of at most the report's width around its marks ([`window`]), so a
//! finding 3,000 columns into a minified packet, or after 16,000 tabs, is drawn in ~100
//! columns and in time bounded by that width; every name, message and snippet has its
//! invisible characters escaped ([`escape`]); and nothing here can panic on a span: spans are
//! clamped to the text and to character boundaries first.
//!
//! A file that does not start like XML (after a byte order mark and white space) shows no
//! snippet: a walk or a typo can make the tool read a key file or `/proc/self/environ`, and
//! its content must not end up in a CI log.

use std::io::{self, Write};
use std::ops::Range;

use super::escape::escape;
use super::window;
use crate::FileReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;

/// How to draw.
#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    /// Use colours.
    pub color: bool,
    /// The width to stay within (messages wrap, snippet lines are cut to fit).
    pub width: usize,
}

/// The narrowest and widest a report is drawn, whatever the width asked for.
const WIDTHS: Range<usize> = 60..121;

/// Marked lines farther apart than this have the lines between them elided.
const MAX_GAP: usize = 1;

/// Writes every finding with its snippet.
pub fn render(
    reports: &[FileReport],
    out: &mut dyn Write,
    options: HumanOptions,
) -> io::Result<()> {
    let width = options.width.clamp(WIDTHS.start, WIDTHS.end - 1);
    let style = Style::new(options.color);
    for report in reports {
        let shows = shows_content(&report.source.name, &report.source.text);
        for diagnostic in &report.diagnostics {
            // Drawn into a string first, so that a bug in drawing one finding (there is none
            // known) costs that finding's snippet, never the rest of the output.
            let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let mut text = String::new();
                draw(&mut text, &report.source, diagnostic, shows, width, &style);
                text
            }));
            let mut text = drawn.unwrap_or_else(|_| {
                let mut text = String::new();
                draw(&mut text, &report.source, diagnostic, false, width, &style);
                text
            });
            text.push('\n');
            out.write_all(text.as_bytes())?;
        }
    }
    Ok(())
}

/// Whether the file may be quoted: a packet that looks like XML, or a text file of a kind the
/// user checks on purpose — a configuration or rules file (`.toml`, `--config`; the rules
/// loader already hides a rules file that does not look like TOML) or a source file whose
/// packets were read (`.php`, `.yml`, …) — without control characters.
fn shows_content(name: &str, text: &str) -> bool {
    let xml = text
        .trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
        .starts_with('<');
    let text_kind = name.ends_with(".toml")
        || name == "--config"
        || crate::embedded::Host::of(std::path::Path::new(name)).is_some();
    let plain = !text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n'));
    xml || (text_kind && plain)
}

/// ANSI styles, or nothing.
struct Style {
    color: bool,
    /// The colour of the primary marks: the finding's severity's.
    primary: &'static str,
}

impl Style {
    fn new(color: bool) -> Style {
        Style {
            color,
            primary: Style::severity(Severity::Error),
        }
    }

    fn paint(&self, out: &mut String, code: &str, text: &str) {
        if self.color {
            out.push_str("\u{1b}[");
            out.push_str(code);
            out.push('m');
            out.push_str(text);
            out.push_str("\u{1b}[0m");
        } else {
            out.push_str(text);
        }
    }

    fn severity(severity: Severity) -> &'static str {
        match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        }
    }
}

const GUTTER: &str = "1;34";

/// One mark on one line: a byte range of the line's text and what it says.
struct Mark<'a> {
    span: Range<usize>,
    primary: bool,
    message: Option<&'a str>,
}

fn draw(
    out: &mut String,
    source: &SourceFile,
    diagnostic: &Diagnostic,
    shows: bool,
    width: usize,
    style: &Style,
) {
    let severity = diagnostic.severity;
    let style = &Style {
        color: style.color,
        primary: Style::severity(severity),
    };
    let head = format!("{}[{}]", severity.as_str(), diagnostic.code.as_str());
    style.paint(out, Style::severity(severity), &head);
    // `[*]`: `--fix` applies its fix (as ruff marks them); unsafe fixes are not marked.
    let fixable = diagnostic
        .fix
        .as_ref()
        .is_some_and(|fix| fix.applicability == crate::diagnostic::Applicability::Safe);
    let head = if fixable {
        out.push_str(" [*]");
        format!("{head} [*]")
    } else {
        head
    };
    out.push_str(": ");
    let message = escape(&diagnostic.message);
    wrap(out, &message, head.len() + 2, width, "  ");
    out.push('\n');

    let lines = if source.text.is_empty() || !shows {
        Vec::new()
    } else {
        marked_lines(source, diagnostic)
    };
    let last_line = lines.last().map_or(1, |(line, _)| *line);
    let gutter = last_line.to_string().len();
    let pad = " ".repeat(gutter);
    style.paint(out, GUTTER, &format!("{pad}--> "));
    out.push_str(&escape(&source.name));
    if !source.text.is_empty() {
        let at = source.position(clamp(source, diagnostic.primary.span.start));
        out.push_str(&format!(":{}:{}", at.line, at.column));
    }
    out.push('\n');
    if !source.text.is_empty() && !shows {
        style.paint(out, GUTTER, &format!("{pad} = "));
        out.push_str("note: the file does not look like XML, so its content is not shown\n");
    }
    if !lines.is_empty() {
        let bar = format!("{pad} |");
        style.paint(out, GUTTER, &bar);
        out.push('\n');
        let budget = width.saturating_sub(gutter + 3);
        let mut previous: Option<usize> = None;
        for (line, marks) in &lines {
            match previous {
                Some(p) if line - p > MAX_GAP + 1 => {
                    style.paint(out, GUTTER, "...");
                    out.push('\n');
                }
                Some(p) if line - p == MAX_GAP + 1 => {
                    draw_line(out, source, p + 1, &[], budget, gutter, style);
                }
                _ => {}
            }
            draw_line(out, source, *line, marks, budget, gutter, style);
            previous = Some(*line);
        }
        style.paint(out, GUTTER, &bar);
        out.push('\n');
    }
    if let Some(help) = &diagnostic.help {
        style.paint(out, GUTTER, &format!("{pad} = "));
        out.push_str("help: ");
        wrap(
            out,
            &escape(help),
            gutter + 9,
            width,
            &" ".repeat(gutter + 9),
        );
        out.push('\n');
    }
}

/// The largest character boundary at or before `offset`, inside the text.
fn clamp(source: &SourceFile, offset: usize) -> usize {
    source.floor_boundary(offset)
}

/// The lines that carry marks, in order, each with its marks as ranges of the line's text. A
/// span over several lines marks the rest of its first line and the start of its last.
fn marked_lines<'a>(
    source: &SourceFile,
    diagnostic: &'a Diagnostic,
) -> Vec<(usize, Vec<Mark<'a>>)> {
    let mut lines: Vec<(usize, Vec<Mark<'a>>)> = Vec::new();
    let mut add = |line: usize, mark: Mark<'a>| match lines.iter_mut().find(|(l, _)| *l == line) {
        Some((_, marks)) => marks.push(mark),
        None => lines.push((line, vec![mark])),
    };
    let labels = std::iter::once((&diagnostic.primary, true))
        .chain(diagnostic.secondary.iter().map(|label| (label, false)));
    for (label, primary) in labels {
        let start = clamp(source, label.span.start);
        let end = clamp(source, label.span.end).max(start);
        let first = source.line_of(start);
        let last = source.line_of(end.saturating_sub(1).max(start));
        let first_range = line_text_range(source, first);
        let message = label.message.as_deref();
        if first == last {
            let span = start - first_range.start..end.min(first_range.end) - first_range.start;
            add(
                first,
                Mark {
                    span,
                    primary,
                    message,
                },
            );
        } else {
            let span = start.min(first_range.end) - first_range.start..first_range.len();
            add(
                first,
                Mark {
                    span,
                    primary,
                    message: None,
                },
            );
            let last_range = line_text_range(source, last);
            let span = 0..end.min(last_range.end) - last_range.start;
            add(
                last,
                Mark {
                    span,
                    primary,
                    message,
                },
            );
        }
    }
    lines.sort_by_key(|(line, _)| *line);
    lines
}

/// The byte range of a line's text, without its line ending.
fn line_text_range(source: &SourceFile, line: usize) -> Range<usize> {
    let range = source.line_range(line);
    let text = source.text[range.clone()].trim_end_matches(['\n', '\r']);
    range.start..range.start + text.len()
}

/// Draws one line (windowed around its marks, once per group of marks that fit one window)
/// and the rows of marks under it.
fn draw_line(
    out: &mut String,
    source: &SourceFile,
    line: usize,
    marks: &[Mark],
    budget: usize,
    gutter: usize,
    style: &Style,
) {
    let range = line_text_range(source, line);
    let text = &source.text[range];
    let number = format!("{line:>gutter$} |");
    let pad = format!("{} |", " ".repeat(gutter));
    if marks.is_empty() {
        // A context line: only its start, if it is long.
        let window = window::choose(text, 0..0, budget);
        let (drawn, _) = window::draw(text, window, &[]);
        style.paint(out, GUTTER, &number);
        push_source(out, &drawn);
        return;
    }
    let mut order: Vec<&Mark> = marks.iter().collect();
    order.sort_by_key(|mark| (mark.span.start, mark.span.end));
    for group in groups(text, &order, budget) {
        let focus = group[0].span.start..group.iter().map(|m| m.span.end).max().unwrap_or(0);
        let window = window::choose(text, focus, budget);
        let spans: Vec<Range<usize>> = group.iter().map(|m| m.span.clone()).collect();
        let (drawn, columns) = window::draw(text, window, &spans);
        style.paint(out, GUTTER, &number);
        push_source(out, &drawn);
        draw_marks(out, &group, &columns, &pad, style);
    }
}

fn push_source(out: &mut String, drawn: &str) {
    if !drawn.is_empty() {
        out.push(' ');
        out.push_str(drawn);
    }
    out.push('\n');
}

/// Marks in order split into groups whose extent fits one window.
fn groups<'m, 'a>(text: &str, order: &[&'m Mark<'a>], budget: usize) -> Vec<Vec<&'m Mark<'a>>> {
    let mut groups: Vec<Vec<&Mark>> = Vec::new();
    for &mark in order {
        let joins = groups.last().is_some_and(|group| {
            let start = group[0].span.start;
            let end = group.iter().map(|m| m.span.end).max().unwrap_or(start);
            let end = end.max(mark.span.end).max(start);
            window::width_within(text, start..end, budget.saturating_sub(budget / 4 + 2)).is_some()
        });
        match groups.last_mut() {
            Some(group) if joins => group.push(mark),
            _ => groups.push(vec![mark]),
        }
    }
    groups
}

/// The underline row (`^` for the primary span, `-` for others) with the rightmost mark's
/// message beside it, then one row for each other message, right to left, under its mark.
/// The group is in order of position, so its last mark is the rightmost.
fn draw_marks(
    out: &mut String,
    group: &[&Mark],
    columns: &[Range<usize>],
    pad: &str,
    style: &Style,
) {
    let mut row = String::new();
    let mut used = 0;
    for (mark, columns) in group.iter().zip(columns) {
        let start = columns.start.max(used);
        row.push_str(&" ".repeat(start - used));
        let glyph = if mark.primary { "^" } else { "-" };
        row.push_str(&glyph.repeat(columns.end.max(start + 1) - start));
        used = columns.end.max(start + 1);
    }
    if let Some(message) = group.last().and_then(|mark| mark.message) {
        row.push(' ');
        row.push_str(&escape(message));
    }
    let code = if group.iter().any(|m| m.primary) {
        style.primary
    } else {
        GUTTER
    };
    style.paint(out, GUTTER, pad);
    out.push(' ');
    style.paint(out, code, &row);
    out.push('\n');
    let others = group.iter().zip(columns).rev().skip(1);
    for (mark, columns) in others {
        if let Some(message) = mark.message {
            style.paint(out, GUTTER, pad);
            out.push(' ');
            out.push_str(&" ".repeat(columns.start));
            out.push_str(&escape(message));
            out.push('\n');
        }
    }
}

/// Writes `text` wrapped at `width`, the first line starting at column `first`, the others
/// indented by `indent`.
fn wrap(out: &mut String, text: &str, first: usize, width: usize, indent: &str) {
    let mut column = first;
    let mut line_start = true;
    for word in text.split(' ') {
        let len = word.chars().count();
        if !line_start && column + 1 + len > width {
            out.push('\n');
            out.push_str(indent);
            column = indent.len();
            line_start = true;
        }
        if !line_start {
            out.push(' ');
            column += 1;
        }
        out.push_str(word);
        column += len;
        line_start = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;

    fn drawn(text: &str, diagnostic: Diagnostic) -> String {
        let source = SourceFile::new("a.xml", text);
        let mut out = String::new();
        draw(
            &mut out,
            &source,
            &diagnostic,
            shows_content("a.xml", text),
            100,
            &Style::new(false),
        );
        out
    }

    #[test]
    fn names_the_severity_and_marks_the_span() {
        let text = "<packet>\n  <bad/>\n</packet>\n";
        let at = text.find("<bad/>").unwrap();
        let diagnostic =
            Diagnostic::new(Code::UnknownElement, "unknown", at..at + 6).with_label("here");
        assert_eq!(
            drawn(text, diagnostic),
            "error[unknown-element]: unknown\n --> a.xml:2:3\n  |\n2 |   <bad/>\n  |   ^^^^^^ here\n  |\n"
        );
    }

    #[test]
    fn a_file_that_is_not_xml_is_not_quoted() {
        let text = "SECRET=hunter2\n";
        let out = drawn(text, Diagnostic::new(Code::NotAPacket, "not XML", 0..1));
        assert!(!out.contains("hunter2"), "{out}");
    }

    #[test]
    fn a_source_file_whose_packets_were_read_is_quoted_unless_binary() {
        assert!(shows_content("client.php", "<?php\n$x = '<packet/>';\n"));
        assert!(shows_content("cassette.yml", "---\nbody: '<packet/>'\n"));
        assert!(!shows_content("client.php", "\u{1b}]0;title\u{7}<?php\n"));
        assert!(!shows_content("notes.txt", "SECRET=hunter2\n"));
    }
}
