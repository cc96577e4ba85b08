//! The one diagnostic model every check produces and every renderer consumes.
//!
//! A diagnostic is data: a stable code, a severity, a message that says what was expected,
//! labelled byte spans into one source file, optional help, and an optional fix made of
//! byte-range edits. Line and column numbers are computed only by renderers.

use std::ops::Range;

pub use crate::codes::Code;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Informational; never fails a run.
    Info,
    /// Worth fixing; does not fail a run.
    Warning,
    /// The server would reject the packet; fails the run.
    Error,
}

impl Severity {
    /// The lowercase name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A span with an optional explanation shown next to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// UTF-8 byte range into the diagnostic's source file.
    pub span: Range<usize>,
    /// What this span shows, in a few words.
    pub message: Option<String>,
}

impl Label {
    /// A label with a message.
    pub fn new(span: Range<usize>, message: impl Into<String>) -> Label {
        Label {
            span,
            message: Some(message.into()),
        }
    }
}

/// How safe it is to apply a fix without looking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applicability {
    /// Changes only layout or order; applying it cannot change what the user meant.
    Safe,
    /// Probably right, but a person should look (a renamed element, an inserted template).
    Unsafe,
}

/// One text replacement: the bytes in `span` become `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// UTF-8 byte range to replace (empty for an insertion).
    pub span: Range<usize>,
    /// The new text.
    pub replacement: String,
}

/// A set of edits that together fix one diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, as a short imperative sentence.
    pub description: String,
    /// How safe it is.
    pub applicability: Applicability,
    /// Non-overlapping edits, in source order.
    pub edits: Vec<Edit>,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule that found it.
    pub code: Code,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong and what was expected.
    pub message: String,
    /// Where it is.
    pub primary: Label,
    /// Related places (where a misplaced element belongs, the other member of a choice).
    pub secondary: Vec<Label>,
    /// How to fix it, in words.
    pub help: Option<String>,
    /// How to fix it, as edits.
    pub fix: Option<Fix>,
    /// For a packet found inside a source file (src/embedded): which packet of the file and
    /// where in it; the spans above are already in the host file.
    pub packet: Option<PacketPlace>,
}

/// Where a finding sits inside a packet embedded in a source file, for the machine formats
/// (`path#3`, line 2 column 5 of that packet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PacketPlace {
    /// The packet's number in its file, from 1.
    pub index: usize,
    /// The 1-based line in the packet's checked text.
    pub line: usize,
    /// The 1-based column, in characters, in the packet's checked text.
    pub column: usize,
    /// The byte offset in the packet's checked text.
    pub offset: usize,
}

impl Diagnostic {
    /// Moves every span (primary, secondary, fix edits) `by` bytes later: a finding about a
    /// piece of a text, made where offsets count from the piece's start.
    pub fn move_by(&mut self, by: usize) {
        let spans = std::iter::once(&mut self.primary.span)
            .chain(self.secondary.iter_mut().map(|label| &mut label.span))
            .chain(
                self.fix
                    .iter_mut()
                    .flat_map(|fix| &mut fix.edits)
                    .map(|e| &mut e.span),
            );
        for span in spans {
            *span = span.start + by..span.end + by;
        }
    }

    /// An error-severity diagnostic with a primary span and no label text.
    pub fn new(code: Code, message: impl Into<String>, span: Range<usize>) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.default_severity(),
            message: message.into(),
            primary: Label {
                span,
                message: None,
            },
            secondary: Vec::new(),
            help: None,
            fix: None,
            packet: None,
        }
    }

    /// Sets the primary label's text.
    pub fn with_label(mut self, message: impl Into<String>) -> Diagnostic {
        self.primary.message = Some(message.into());
        self
    }

    /// Adds a secondary label.
    pub fn with_secondary(mut self, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        self.secondary.push(Label::new(span, message));
        self
    }

    /// Sets the help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Sets the fix.
    pub fn with_fix(
        mut self,
        description: impl Into<String>,
        applicability: Applicability,
        edits: Vec<Edit>,
    ) -> Diagnostic {
        self.fix = Some(Fix {
            description: description.into(),
            applicability,
            edits,
        });
        self
    }
}
