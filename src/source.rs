//! The source model: one input as it was read and as it is checked. A [`SourceFile`] holds
//! the display name, the decoded text every stage checks, and the [`Original`] it came from
//! (its bytes, encoding, byte order mark and line-ending style), so that `--fix` writes a
//! fixed text back byte for byte ([`crate::fix::encode`]). The CLI's inputs, the fixer's
//! passes and the language server's documents are all `SourceFile`s.
//!
//! It also converts byte offsets into the positions every output format wants (1-based line;
//! column in characters, UTF-16 code units or bytes). Spans stay UTF-8 byte ranges of the text
//! everywhere in the engine (a packet found inside another file has them mapped to the host's
//! text once, by its [`crate::span_map::SpanMap`]); only renderers convert them, through one
//! line index built once per file, so rendering many diagnostics of a large file never rescans
//! it from the start.

use std::borrow::Cow;
use std::sync::{Mutex, OnceLock};

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// Bytes between two column checkpoints of a long line.
const CHECKPOINT: usize = 4096;

/// One input: a packet file, stdin, or a rules file that a diagnostic points into.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as the user should see it in reports.
    pub name: String,
    /// The decoded text.
    pub text: String,
    original: Original,
    line_ending: OnceLock<LineEnding>,
    line_starts: OnceLock<Vec<usize>>,
    /// Columns at every [`CHECKPOINT`] bytes, built on the first position asked far from
    /// both its line start and the last position: without them, positions asked out of
    /// order on one long line (a fix edit before its finding, a secondary label) recount
    /// from the line start, quadratic on a minified packet.
    checkpoints: OnceLock<Vec<Position>>,
    /// The last position computed: renderers ask in source order, so counting columns from
    /// here instead of from the line start keeps a 50 MB single-line file linear.
    last: Mutex<Option<Position>>,
}

/// The bytes a text was decoded from: what a fix must write back around its edits.
#[derive(Debug, Clone)]
pub struct Original {
    /// The encoding the bytes are in.
    pub encoding: &'static Encoding,
    /// The length of the byte order mark (0 when there is none); never part of the text.
    pub bom: usize,
    /// The bytes as read, when they are not simply the byte order mark followed by the
    /// text's own bytes (a UTF-8 file keeps no second copy).
    bytes: Option<Vec<u8>>,
    /// Whether the text is exactly the bytes decoded. Not so for a file that could not be
    /// decoded (its text shows replacement characters); such a file is never rewritten.
    pub exact: bool,
}

impl Original {
    /// UTF-8 without a byte order mark: the text is its own bytes (a text given as text, by
    /// an editor, a test or a fix pass).
    pub fn utf8() -> Original {
        Original {
            encoding: UTF_8,
            bom: 0,
            bytes: None,
            exact: true,
        }
    }

    /// Decoded from `bytes` (the whole file, byte order mark included) in `encoding`; `None`
    /// when they are the byte order mark followed by the text's UTF-8.
    pub fn decoded(encoding: &'static Encoding, bom: usize, bytes: Option<Vec<u8>>) -> Original {
        Original {
            encoding,
            bom,
            bytes,
            exact: true,
        }
    }

    /// `bytes` that could not be decoded; the text is the best that could be shown.
    pub fn undecodable(bytes: Vec<u8>) -> Original {
        Original {
            encoding: UTF_8,
            bom: 0,
            bytes: Some(bytes),
            exact: false,
        }
    }
}

/// The byte order mark of `encoding`, `bom` bytes long (0 or the mark's full length).
pub fn bom_bytes(encoding: &'static Encoding, bom: usize) -> &'static [u8] {
    let mark: &'static [u8] = if encoding == UTF_16LE {
        &[0xFF, 0xFE]
    } else if encoding == UTF_16BE {
        &[0xFE, 0xFF]
    } else {
        &[0xEF, 0xBB, 0xBF]
    };
    &mark[..bom.min(mark.len())]
}

/// How the lines of a text end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnding {
    /// `\n` only.
    Lf,
    /// `\r\n` only.
    CrLf,
    /// A lone `\r` only (classic Mac OS).
    Cr,
    /// More than one kind.
    Mixed,
    /// A single line.
    None,
}

impl LineEnding {
    /// The line ending of `text`.
    pub fn of(text: &str) -> LineEnding {
        let bytes = text.as_bytes();
        let (mut lf, mut crlf, mut cr) = (false, false, false);
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            match bytes[i] {
                b'\n' if i > 0 && bytes[i - 1] == b'\r' => crlf = true,
                b'\n' => lf = true,
                _ if bytes.get(i + 1) != Some(&b'\n') => cr = true,
                _ => {}
            }
        }
        match (lf, crlf, cr) {
            (false, false, false) => LineEnding::None,
            (true, false, false) => LineEnding::Lf,
            (false, true, false) => LineEnding::CrLf,
            (false, false, true) => LineEnding::Cr,
            _ => LineEnding::Mixed,
        }
    }

    /// What a new line written into the text should end with: the text's own style, `\n`
    /// when it has none or several.
    pub fn as_str(self) -> &'static str {
        match self {
            LineEnding::CrLf => "\r\n",
            LineEnding::Cr => "\r",
            _ => "\n",
        }
    }
}

/// A position in a file, in every unit the output formats need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in Unicode scalar values (characters).
    pub column: usize,
    /// 1-based column in UTF-16 code units (LSP, SARIF's default).
    pub column_utf16: usize,
    /// 1-based column in bytes.
    pub column_byte: usize,
    /// The byte offset itself.
    pub offset: usize,
}

impl SourceFile {
    /// A file with its display name and text, which is its own UTF-8 ([`Original::utf8`]).
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        SourceFile::with_original(name, text, Original::utf8())
    }

    /// A file with its display name, its text and the bytes it was decoded from.
    pub fn with_original(
        name: impl Into<String>,
        text: impl Into<String>,
        original: Original,
    ) -> SourceFile {
        SourceFile {
            name: name.into(),
            text: text.into(),
            original,
            line_ending: OnceLock::new(),
            line_starts: OnceLock::new(),
            checkpoints: OnceLock::new(),
            last: Mutex::new(None),
        }
    }

    /// What the text was decoded from.
    pub fn original(&self) -> &Original {
        &self.original
    }

    /// The file's bytes as read, byte order mark included.
    pub fn original_bytes(&self) -> Cow<'_, [u8]> {
        match &self.original.bytes {
            Some(bytes) => Cow::Borrowed(bytes),
            None if self.original.bom == 0 => Cow::Borrowed(self.text.as_bytes()),
            None => {
                let mut bytes = bom_bytes(self.original.encoding, self.original.bom).to_vec();
                bytes.extend_from_slice(self.text.as_bytes());
                Cow::Owned(bytes)
            }
        }
    }

    /// The bytes after the byte order mark, which decode to the text.
    pub fn body_bytes(&self) -> &[u8] {
        match &self.original.bytes {
            Some(bytes) => bytes.get(self.original.bom..).unwrap_or_default(),
            None => self.text.as_bytes(),
        }
    }

    /// How the text's lines end (computed on first use).
    pub fn line_ending(&self) -> LineEnding {
        *self.line_ending.get_or_init(|| LineEnding::of(&self.text))
    }

    /// Byte offsets where each line starts. A line ends at `\n`, at `\r\n`, or at a lone `\r`
    /// (XML treats all three as line ends, and so do editors).
    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let bytes = self.text.as_bytes();
            let mut starts = vec![0];
            let mut i = 0;
            while i < bytes.len() {
                match bytes[i] {
                    b'\n' => starts.push(i + 1),
                    b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                    _ => {}
                }
                i += 1;
            }
            starts
        })
    }

    /// The position of a byte offset. Offsets past the end or inside a character are clamped
    /// to the nearest character boundary before it.
    pub fn position(&self, offset: usize) -> Position {
        let offset = self.floor_boundary(offset);
        let starts = self.line_starts();
        let line_index = starts.partition_point(|&start| start <= offset) - 1;
        let line_start = starts[line_index];
        let mut last = self
            .last
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut base = match *last {
            Some(p) if p.line == line_index + 1 && p.offset <= offset => p,
            _ => Position {
                line: line_index + 1,
                column: 1,
                column_utf16: 1,
                column_byte: 1,
                offset: line_start,
            },
        };
        if offset - base.offset > 2 * CHECKPOINT {
            let checkpoints = self.checkpoints();
            let index = checkpoints.partition_point(|p| p.offset <= offset);
            if let Some(&nearest) = index.checked_sub(1).and_then(|i| checkpoints.get(i))
                && nearest.line == line_index + 1
                && nearest.offset > base.offset
            {
                base = nearest;
            }
        }
        let between = &self.text[base.offset..offset];
        let position = Position {
            line: line_index + 1,
            column: base.column + between.chars().count(),
            column_utf16: base.column_utf16 + between.encode_utf16().count(),
            column_byte: base.column_byte + between.len(),
            offset,
        };
        *last = Some(position);
        position
    }

    /// The 1-based line of a byte offset, without counting columns (a binary search).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = self.floor_boundary(offset);
        self.line_starts().partition_point(|&start| start <= offset)
    }

    fn checkpoints(&self) -> &[Position] {
        self.checkpoints.get_or_init(|| {
            let mut checkpoints = Vec::new();
            let mut line = 1;
            let mut column = 1;
            let mut column_utf16 = 1;
            let mut line_start = 0;
            let mut next = CHECKPOINT;
            let bytes = self.text.as_bytes();
            for (offset, c) in self.text.char_indices() {
                if offset >= next {
                    checkpoints.push(Position {
                        line,
                        column,
                        column_utf16,
                        column_byte: offset - line_start + 1,
                        offset,
                    });
                    next = offset + CHECKPOINT;
                }
                let ends_line = c == '\n' || (c == '\r' && bytes.get(offset + 1) != Some(&b'\n'));
                if ends_line {
                    line += 1;
                    column = 1;
                    column_utf16 = 1;
                    line_start = offset + 1;
                } else {
                    column += 1;
                    column_utf16 += c.len_utf16();
                }
            }
            checkpoints
        })
    }

    /// The byte offset of a 1-based line and character column (as parsers report them).
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        let starts = self.line_starts();
        let Some(&line_start) = starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let line_end = starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len())
            .max(line_start);
        self.text[line_start..line_end]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line_end, |(index, _)| line_start + index)
    }

    /// The text of the 1-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        let starts = self.line_starts();
        let Some(&start) = starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let end = starts.get(line).copied().unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// The byte range of the 1-based line, including its line ending.
    pub fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        let starts = self.line_starts();
        let start = starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len());
        let end = starts.get(line).copied().unwrap_or(self.text.len());
        start..end
    }

    /// How many lines the file has.
    pub fn line_count(&self) -> usize {
        self.line_starts().len()
    }

    /// The largest character boundary at or before `offset`.
    pub fn floor_boundary(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings_are_named() {
        assert_eq!(LineEnding::of("a\r\nb\r\n"), LineEnding::CrLf);
        assert_eq!(LineEnding::of("a\nb"), LineEnding::Lf);
        assert_eq!(LineEnding::of("a\rb\r"), LineEnding::Cr);
        assert_eq!(LineEnding::of("a\r\nb\n"), LineEnding::Mixed);
        assert_eq!(LineEnding::of("ab"), LineEnding::None);
        assert_eq!(LineEnding::CrLf.as_str(), "\r\n");
    }

    #[test]
    fn a_utf8_file_keeps_no_second_copy_and_gives_its_bytes_back() {
        let file = SourceFile::with_original("t.xml", "<a/>", Original::decoded(UTF_8, 3, None));
        assert_eq!(&*file.original_bytes(), b"\xEF\xBB\xBF<a/>");
        assert_eq!(file.body_bytes(), b"<a/>");
        let plain = SourceFile::new("t.xml", "<a/>");
        assert!(matches!(plain.original_bytes(), Cow::Borrowed(b"<a/>")));
    }

    #[test]
    fn columns_in_every_unit() {
        let file = SourceFile::new("t.xml", "ab\r\n\u{e9}\u{1f600}x\rz");
        let x = file.text.find('x').unwrap();
        let pos = file.position(x);
        assert_eq!(
            (pos.line, pos.column, pos.column_utf16, pos.column_byte),
            (2, 3, 4, 7)
        );
        assert_eq!(file.position(file.text.find('z').unwrap()).line, 3);
        assert_eq!(file.offset_of(2, 3), x);
        assert_eq!(file.line_text(2), "\u{e9}\u{1f600}x");
    }

    #[test]
    fn positions_asked_out_of_order_on_a_long_line_agree_with_counting() {
        let text = format!(
            "a\r\n{}\rb\n{}",
            "\u{e9}x\u{1f600}".repeat(20_000),
            "yz".repeat(9_000)
        );
        let file = SourceFile::new("t.xml", text.as_str());
        let offsets: Vec<usize> = (0..text.len()).step_by(997).rev().collect();
        for &offset in &offsets {
            let offset = file.floor_boundary(offset);
            let line_start = file.line_range(file.line_of(offset)).start;
            let before = &text[line_start..offset];
            let position = file.position(offset);
            assert_eq!(position.line, file.line_of(offset));
            assert_eq!(position.column, before.chars().count() + 1, "{offset}");
            assert_eq!(position.column_utf16, before.encode_utf16().count() + 1);
            assert_eq!(position.column_byte, before.len() + 1);
        }
    }
}
