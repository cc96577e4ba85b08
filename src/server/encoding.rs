//! LSP positions and byte offsets: a position is a 0-based line and a column counted in the
//! negotiated encoding (UTF-16 code units unless the client offers UTF-8 or UTF-32), while the
//! engine's spans are UTF-8 byte offsets. Both directions go through one line index, so a
//! change or a diagnostic in a 1 MB document never rescans it from the start.

use lsp_types::{Position, PositionEncodingKind};

/// The unit columns are counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Bytes: what the engine uses, so the cheapest.
    Utf8,
    /// UTF-16 code units: the protocol's default and the only one Neovim 0.7 speaks.
    Utf16,
    /// Unicode scalar values (characters).
    Utf32,
}

impl Encoding {
    /// The encoding to use among those the client offers, in its order of preference we
    /// would pick: UTF-8 costs no conversion, UTF-32 a count of characters, UTF-16 the most.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        let offered = offered.unwrap_or_default();
        let has = |kind: &PositionEncodingKind| offered.iter().any(|o| o == kind);
        if has(&PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else if has(&PositionEncodingKind::UTF32) {
            Encoding::Utf32
        } else {
            Encoding::Utf16
        }
    }

    /// The protocol's name for it.
    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }
}

/// Where each line of a text starts. A line ends at `\n`, `\r\n` or a lone `\r`, as the
/// protocol says (and as XML and `SourceFile` count them).
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// The index of `text`.
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            let lone_cr = bytes[at] == b'\r' && bytes.get(at + 1) != Some(&b'\n');
            if bytes[at] == b'\n' || lone_cr {
                starts.push(at + 1);
            }
        }
        LineIndex { starts }
    }

    /// The byte range of 0-based `line` without its line ending; `None` past the last line.
    fn line(&self, text: &str, line: usize) -> Option<(usize, usize)> {
        let start = *self.starts.get(line)?;
        let end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let content = text[start..end].trim_end_matches(['\n', '\r']);
        Some((start, start + content.len()))
    }

    /// The byte offset of a position. A line past the end means the end of the text; a
    /// column past the end of its line means the line's end (the protocol's rule); a column
    /// inside a character (half a surrogate pair) means that character's start.
    pub fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let Some((start, end)) = self.line(text, position.line as usize) else {
            return text.len();
        };
        let wanted = position.character as usize;
        if encoding == Encoding::Utf8 {
            let mut at = (start + wanted).min(end);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            return at;
        }
        let mut units = 0;
        for (index, c) in text[start..end].char_indices() {
            units += encoding.width(c);
            if units > wanted {
                return start + index;
            }
        }
        end
    }

    /// The position of a byte offset (clamped to the text, and to a character boundary).
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let before = &text[self.starts[line]..offset];
        let character = match encoding {
            Encoding::Utf8 => before.len(),
            Encoding::Utf16 => before.encode_utf16().count(),
            Encoding::Utf32 => before.chars().count(),
        };
        Position::new(line as u32, character as u32)
    }

    /// How many lines the text has.
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_in_the_negotiated_unit() {
        // é is 2 bytes, 1 UTF-16 unit; 😀 is 4 bytes, 2 UTF-16 units, 1 character.
        let text = "ab\r\n\u{e9}\u{1f600}x\ry";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 3);
        let x = text.find('x').unwrap();
        for (encoding, column) in [
            (Encoding::Utf8, 6),
            (Encoding::Utf16, 3),
            (Encoding::Utf32, 2),
        ] {
            let position = index.position(text, x, encoding);
            assert_eq!(position, Position::new(1, column), "{encoding:?}");
            assert_eq!(index.offset(text, position, encoding), x, "{encoding:?}");
        }
        // Past the end of a line: its end; past the last line: the end of the text.
        assert_eq!(index.offset(text, Position::new(0, 99), Encoding::Utf16), 2);
        assert_eq!(
            index.offset(text, Position::new(9, 0), Encoding::Utf16),
            text.len()
        );
        // Inside the surrogate pair: the emoji's start.
        let emoji = text.find('\u{1f600}').unwrap();
        assert_eq!(
            index.offset(text, Position::new(1, 2), Encoding::Utf16),
            emoji
        );
        assert_eq!(index.position(text, text.len(), Encoding::Utf16).line, 2);
    }

    #[test]
    fn negotiation_prefers_bytes_and_defaults_to_utf16() {
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        let offered = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF32];
        assert_eq!(Encoding::negotiate(Some(&offered)), Encoding::Utf32);
        let offered = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&offered)), Encoding::Utf8);
    }

    /// The position of `offset` counted the slow way, one character at a time from the start.
    fn naive_position(text: &str, offset: usize, encoding: Encoding) -> Position {
        let (mut line, mut column) = (0, 0);
        let mut chars = text[..offset].chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\n' => (line, column) = (line + 1, 0),
                '\r' if chars.peek() != Some(&'\n') => (line, column) = (line + 1, 0),
                '\r' => {}
                c => column += encoding.width(c),
            }
        }
        Position::new(line, column as u32)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 200, failure_persistence: None, ..Default::default()
        })]

        /// Every character boundary of any text converts to the position a character-by-
        /// character count gives, and back, in every encoding.
        #[test]
        fn positions_agree_with_counting(text in "[a\u{e9}\u{1f600}<>\r\n]{0,40}") {
            let index = LineIndex::new(&text);
            for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
                // `\r\n` is one line end: its middle is no position of its own.
                let inside_crlf = offset > 0
                    && text.as_bytes()[offset - 1] == b'\r'
                    && text.as_bytes().get(offset) == Some(&b'\n');
                if inside_crlf {
                    continue;
                }
                for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
                    let position = index.position(&text, offset, encoding);
                    proptest::prop_assert_eq!(position, naive_position(&text, offset, encoding));
                    proptest::prop_assert_eq!(index.offset(&text, position, encoding), offset);
                }
            }
        }
    }
}
