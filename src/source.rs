//! A checked file's text, its display name, and the conversion of byte offsets into the
//! positions every output format wants (1-based line; column in characters, UTF-16 code units
//! or bytes).
//!
//! Spans stay UTF-8 byte ranges everywhere in the engine; only renderers convert them, through
//! one line index built once per file, so rendering many diagnostics of a large file never
//! rescans it from the start.

use std::sync::{Mutex, OnceLock};

/// Bytes between two column checkpoints of a long line.
const CHECKPOINT: usize = 4096;

/// One input: a packet file, stdin, or a rules file that a diagnostic points into.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as the user should see it in reports.
    pub name: String,
    /// The decoded text.
    pub text: String,
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
    /// A file with its display name and text.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        SourceFile {
            name: name.into(),
            text: text.into(),
            line_starts: OnceLock::new(),
            checkpoints: OnceLock::new(),
            last: Mutex::new(None),
        }
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
