//! The default format for people: miette's source snippets with labels and help.
//!
//! miette is used only here, through an adapter. The adapter also gives miette our own source
//! lookup: miette's default rescans the text from the start for every span, which is quadratic
//! on a large file with many findings; ours goes through the file's line index.
//!
//! miette's `[file:line:col]` header counts the column in bytes, which is wrong on any line
//! with non-ASCII text before the finding. So its own position is turned off and the snippet's
//! name carries ours, with the column in characters like every other text format.

use std::fmt;
use std::io::{self, Write};

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use crate::FileReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;

/// Snippets larger than this many bytes are not shown. miette prints a snippet's lines whole
/// and panics on a label past column 65,535 (the limit of Rust's formatting widths), which a
/// finding at the end of a minified multi-megabyte packet is; such a finding is shown with
/// its position and no snippet.
const MAX_SNIPPET: usize = 32 * 1024;

/// How to draw.
#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    /// Use colours.
    pub color: bool,
    /// Terminal width to wrap at.
    pub width: usize,
}

/// Writes every finding with its snippet.
pub fn render(
    reports: &[FileReport],
    out: &mut dyn Write,
    options: HumanOptions,
) -> io::Result<()> {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_links(false)
        .without_primary_span_start();
    for report in reports {
        for diagnostic in &report.diagnostics {
            let adapter = Adapter {
                diagnostic,
                source: Source(&report.source),
                fits: snippets_fit(&report.source.text, diagnostic),
            };
            let mut text = String::new();
            handler
                .render_report(&mut text, &adapter)
                .map_err(|_| io::Error::other("formatting failed"))?;
            writeln!(out, "{text}")?;
        }
    }
    Ok(())
}

/// Whether every label's snippet (its lines and one line of context on each side) is small
/// enough to show. Looks at most `MAX_SNIPPET` bytes around each span, so it costs little
/// even for a million findings on one 50 MB line.
fn snippets_fit(text: &str, diagnostic: &Diagnostic) -> bool {
    let bytes = text.as_bytes();
    // Two line ends (the context line's and the label line's) within the window, or the
    // start or end of the file. `\r` counts only in files without `\n` (old Mac line ends).
    let two_breaks = |window: &[u8], forward: bool| {
        let count = |needle: u8| match forward {
            true => memchr::memchr_iter(needle, window).take(2).count(),
            false => memchr::memrchr_iter(needle, window).take(2).count(),
        };
        count(b'\n') == 2 || count(b'\r') == 2
    };
    let spans = std::iter::once(&diagnostic.primary).chain(&diagnostic.secondary);
    spans.map(|label| &label.span).all(|span| {
        let end = span.end.min(bytes.len());
        let start = span.start.min(end);
        let from = start.saturating_sub(MAX_SNIPPET);
        let to = end.saturating_add(MAX_SNIPPET).min(bytes.len());
        end - start <= MAX_SNIPPET
            && (from == 0 || two_breaks(&bytes[from..start], false))
            && (to == bytes.len() || two_breaks(&bytes[end..to], true))
    })
}

struct Source<'a>(&'a SourceFile);

impl SourceCode for Source<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let file = self.0;
        if span.offset() + span.len() > file.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let first = file.position(span.offset()).line;
        let last = file
            .position(
                (span.offset() + span.len())
                    .saturating_sub(1)
                    .max(span.offset()),
            )
            .line;
        let from = first.saturating_sub(before).max(1);
        let to = (last + after).min(file.line_count());
        let start = file.line_range(from).start;
        let end = file.line_range(to).end;
        let at = file.position(span.offset());
        Ok(Box::new(MietteSpanContents::new_named(
            format!("{}:{}:{}", file.name, at.line, at.column),
            &file.text.as_bytes()[start..end],
            (start, end - start).into(),
            from - 1,
            0,
            to - from + 1,
        )))
    }
}

struct Adapter<'a> {
    diagnostic: &'a Diagnostic,
    source: Source<'a>,
    /// Whether the snippets are shown; if not, the message carries the position.
    fits: bool,
}

impl fmt::Debug for Adapter<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl fmt::Display for Adapter<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)?;
        if !self.fits {
            let file = self.source.0;
            let at = file.position(self.diagnostic.primary.span.start);
            write!(
                f,
                "\n[{}:{}:{}; the line is too long to show]",
                file.name, at.line, at.column
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for Adapter<'_> {}

impl miette::Diagnostic for Adapter<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        // `[*]`: `--fix` applies its fix (as ruff marks them); unsafe fixes are not marked.
        let fixable = self
            .diagnostic
            .fix
            .as_ref()
            .is_some_and(|fix| fix.applicability == crate::diagnostic::Applicability::Safe);
        let marker = if fixable { " [*]" } else { "" };
        Some(Box::new(format!(
            "{}{marker}",
            self.diagnostic.code.as_str()
        )))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diagnostic
            .help
            .as_ref()
            .map(|help| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        // An unreadable file has no text: an empty snippet box would only add noise.
        (!self.source.0.text.is_empty() && self.fits).then_some(&self.source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let primary = &self.diagnostic.primary;
        let primary =
            LabeledSpan::new_primary_with_span(primary.message.clone(), primary.span.clone());
        let secondary = self
            .diagnostic
            .secondary
            .iter()
            .map(|label| LabeledSpan::new_with_span(label.message.clone(), label.span.clone()));
        Some(Box::new(std::iter::once(primary).chain(secondary)))
    }
}
