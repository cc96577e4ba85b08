//! The fixed text back to bytes, byte-exactly: the original pieces are copied from the bytes
//! as read (byte order mark, line ends, encoding and all: the source's
//! [`crate::source::Original`]), and only the text the fixes wrote is encoded, in the file's
//! own encoding.
//!
//! Where each original piece starts in the bytes is found by encoding the original text up to
//! there and comparing it with the bytes read: an encoding that does not give back the same
//! bytes (a stateful one such as ISO-2022-JP, or bytes with two spellings) is refused with a
//! clear error instead of a file rewritten outside its edits.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

use super::pieces::{Piece, Pieces};
use crate::source::{SourceFile, bom_bytes};

/// Why a fixed text cannot be written byte-exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodeError(pub String);

impl std::fmt::Display for EncodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The bytes of the fixed text `pieces`, made of `source`'s text and new text.
pub fn bytes(source: &SourceFile, pieces: &Pieces) -> Result<Vec<u8>, EncodeError> {
    let original = source.original();
    if !original.exact {
        return Err(EncodeError("the file could not be decoded".into()));
    }
    let (encoding, bom) = (original.encoding, original.bom);
    let original_text = &source.text;
    // Offsets below are in the bytes after the byte order mark.
    let body = source.body_bytes();
    // The byte offset of every original-text offset a piece starts or ends at.
    let mut boundaries: Vec<usize> = pieces
        .iter()
        .filter_map(|piece| match piece {
            Piece::Original(range) => Some([range.start, range.end]),
            Piece::New(_) => None,
        })
        .flatten()
        .collect();
    boundaries.sort_unstable();
    boundaries.dedup();
    let mut offsets = Vec::with_capacity(boundaries.len());
    let (mut text_at, mut byte_at) = (0, 0);
    for &boundary in &boundaries {
        let encoded = encode(encoding, &original_text[text_at..boundary])?;
        let end = byte_at + encoded.len();
        if body.get(byte_at..end) != Some(&encoded[..]) {
            return Err(EncodeError(format!(
                "the {} text does not encode back to the bytes read near offset {}, so it \
                 cannot be rewritten byte for byte",
                encoding.name(),
                bom + byte_at
            )));
        }
        offsets.push(end);
        (text_at, byte_at) = (boundary, end);
    }
    let byte_of = |offset: usize| offsets[boundaries.binary_search(&offset).expect("a boundary")];
    let mut out = Vec::with_capacity(bom + body.len() + 64);
    out.extend_from_slice(bom_bytes(encoding, bom));
    for piece in pieces.iter() {
        match piece {
            Piece::Original(range) => {
                out.extend_from_slice(&body[byte_of(range.start)..byte_of(range.end)]);
            }
            Piece::New(text) => out.extend_from_slice(&encode(encoding, text)?),
        }
    }
    Ok(out)
}

/// `text` in `encoding`; an error for a character the encoding cannot hold.
fn encode(encoding: &'static Encoding, text: &str) -> Result<Vec<u8>, EncodeError> {
    if encoding == UTF_8 {
        return Ok(text.as_bytes().to_vec());
    }
    if encoding == UTF_16LE || encoding == UTF_16BE {
        let little = encoding == UTF_16LE;
        return Ok(text
            .encode_utf16()
            .flat_map(|unit| match little {
                true => unit.to_le_bytes(),
                false => unit.to_be_bytes(),
            })
            .collect());
    }
    let (bytes, used, unmappable) = encoding.encode(text);
    if used != encoding || unmappable {
        let what = text.chars().find(|c| !c.is_ascii()).unwrap_or('?');
        return Err(EncodeError(format!(
            "the fix writes `{what}`, which {} cannot hold",
            encoding.name()
        )));
    }
    Ok(bytes.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Edit;

    fn source(original: &[u8]) -> SourceFile {
        crate::decode::source_file("t.xml".into(), original.to_vec()).expect("decodes")
    }

    fn fixed(original: &[u8], edits: &[Edit]) -> Vec<u8> {
        let source = source(original);
        let mut pieces = Pieces::original(source.text.len());
        pieces.apply(edits);
        bytes(&source, &pieces).expect("encodes")
    }

    #[test]
    fn utf16_with_bom_keeps_its_bytes() {
        let text = "<a>\r\n<b>é</b>\r\n</a>";
        let mut original = vec![0xFF, 0xFE];
        original.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let b = text.find("<b>").unwrap();
        let edits = [Edit {
            span: b + 1..b + 2,
            replacement: "c".into(),
        }];
        let mut expected = vec![0xFF, 0xFE];
        expected.extend(
            text.replacen("<b>", "<c>", 1)
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        );
        assert_eq!(fixed(&original, &edits), expected);
    }

    #[test]
    fn utf8_with_bom_keeps_its_mark_without_a_second_copy() {
        let original = b"\xEF\xBB\xBF<a>\r\n<b/>\r\n</a>";
        let source = source(original);
        assert_eq!(source.original().bom, 3);
        assert_eq!(&*source.original_bytes(), original);
        let b = source.text.find("<b/>").unwrap();
        let edits = [Edit {
            span: b + 1..b + 2,
            replacement: "c".into(),
        }];
        assert_eq!(
            fixed(original, &edits),
            b"\xEF\xBB\xBF<a>\r\n<c/>\r\n</a>".to_vec()
        );
    }

    #[test]
    fn latin1_keeps_its_bytes_and_encodes_new_text() {
        let original = b"<?xml version='1.0' encoding='ISO-8859-1'?><a>\xE9\x80</a>".to_vec();
        let end = original.len() - 4;
        let at = source(&original).text.len() - 4;
        let edits = [Edit {
            span: at..at,
            replacement: "\u{fc}".into(),
        }];
        let mut expected = original[..end].to_vec();
        expected.push(0xFC);
        expected.extend_from_slice(b"</a>");
        assert_eq!(fixed(&original, &edits), expected);
    }

    #[test]
    fn a_character_the_encoding_cannot_hold_is_refused() {
        let original = b"<?xml version='1.0' encoding='ISO-8859-1'?><a/>".to_vec();
        let source = source(&original);
        let mut pieces = Pieces::original(source.text.len());
        pieces.apply(&[Edit {
            span: 0..0,
            replacement: "\u{4e2d}".into(),
        }]);
        assert!(bytes(&source, &pieces).is_err());
    }
}
