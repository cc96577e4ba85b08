//! The open documents: their text as the editor has it (unsaved changes included), kept in
//! step by incremental changes, and what the last check of each found.
//!
//! A closed document is removed whole, its findings with it: the server's memory follows what
//! the editor has open, not what it ever opened.

use std::collections::HashMap;
use std::sync::Arc;

use lsp_types::{TextDocumentContentChangeEvent, Uri};

use super::encoding::{Encoding, LineIndex};
use crate::diagnostic::Diagnostic;
use crate::source::SourceFile;

/// One open document.
#[derive(Debug)]
pub struct Document {
    /// The editor's version number of the text.
    pub version: i32,
    /// The language the editor says it is in (`xml`, `php`, …).
    pub language: String,
    text: String,
    index: LineIndex,
    /// The findings of the newest check, with the version it checked.
    pub checked: Option<Checked>,
}

/// What one check of a document found.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The version checked.
    pub version: i32,
    /// The text checked.
    pub source: Arc<SourceFile>,
    /// The findings after configuration and suppressions, fixes included.
    pub diagnostics: Arc<Vec<Diagnostic>>,
    /// The grammar the packet was read as, once it parsed.
    pub direction: Option<crate::rules::Direction>,
}

impl Document {
    /// A document as opened.
    pub fn new(text: String, version: i32, language: String) -> Document {
        Document {
            version,
            language,
            index: LineIndex::new(&text),
            text,
            checked: None,
        }
    }

    /// The current text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The line index of the current text.
    pub fn index(&self) -> &LineIndex {
        &self.index
    }

    /// Applies the changes of one `didChange`, in order: a change with a range replaces that
    /// range (positions in `encoding`, counted in the text as the previous changes left it);
    /// one without replaces the whole text.
    pub fn apply(
        &mut self,
        changes: Vec<TextDocumentContentChangeEvent>,
        version: i32,
        encoding: Encoding,
    ) {
        for change in changes {
            match change.range {
                Some(range) => {
                    let start = self.index.offset(&self.text, range.start, encoding);
                    let end = self.index.offset(&self.text, range.end, encoding);
                    // A reversed range from a confused client is read as the same range.
                    let (start, end) = (start.min(end), start.max(end));
                    self.text.replace_range(start..end, &change.text);
                }
                None => self.text = change.text,
            }
            self.index = LineIndex::new(&self.text);
        }
        self.version = version;
    }

    /// The findings of the current version, if it has been checked.
    pub fn current(&self) -> Option<&Checked> {
        self.checked.as_ref().filter(|c| c.version == self.version)
    }
}

/// Every open document by URI.
#[derive(Debug, Default)]
pub struct Documents {
    open: HashMap<Uri, Document>,
}

impl Documents {
    /// Opens (or reopens) a document.
    pub fn open(&mut self, uri: Uri, document: Document) {
        self.open.insert(uri, document);
    }

    /// Forgets a document and everything known about it.
    pub fn close(&mut self, uri: &Uri) -> Option<Document> {
        self.open.remove(uri)
    }

    /// An open document.
    pub fn get(&self, uri: &Uri) -> Option<&Document> {
        self.open.get(uri)
    }

    /// An open document, to change.
    pub fn get_mut(&mut self, uri: &Uri) -> Option<&mut Document> {
        self.open.get_mut(uri)
    }

    /// The URIs of every open document.
    pub fn uris(&self) -> Vec<Uri> {
        self.open.keys().cloned().collect()
    }

    /// How many documents are open.
    pub fn len(&self) -> usize {
        self.open.len()
    }

    /// Whether no document is open.
    pub fn is_empty(&self) -> bool {
        self.open.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    fn change(
        range: Option<((u32, u32), (u32, u32))>,
        text: &str,
    ) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: range.map(|(s, e)| Range::new(Position::new(s.0, s.1), Position::new(e.0, e.1))),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn incremental_changes_apply_in_order_in_the_negotiated_unit() {
        let mut doc = Document::new("<a>\u{1f600}x</a>\n<b/>".into(), 1, "xml".into());
        // UTF-16: the emoji is two units, so column 5 is after it.
        doc.apply(
            vec![
                change(Some(((0, 5), (0, 6))), "yz"),
                change(Some(((1, 1), (1, 2))), "c"),
                change(Some(((2, 0), (2, 0))), "\n"),
            ],
            3,
            Encoding::Utf16,
        );
        assert_eq!(doc.text(), "<a>\u{1f600}yz</a>\n<c/>\n");
        assert_eq!(doc.version, 3);
        doc.apply(vec![change(None, "new")], 4, Encoding::Utf16);
        assert_eq!(doc.text(), "new");
        assert_eq!(doc.index().line_count(), 1);
    }
}
