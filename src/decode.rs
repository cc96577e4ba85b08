//! Bytes to text: which encoding a packet is in, and its text as the checker sees it.
//!
//! Plesk installs in many languages, and packets written by hand on a Windows machine come in
//! that machine's code page, so the encoding is found as XML 1.0 (appendix F) says: a byte
//! order mark first (UTF-8, UTF-16 LE or BE), then the `encoding` of the XML declaration,
//! and UTF-8 when neither says anything. Every encoding of the WHATWG Encoding Standard is
//! decoded (`encoding_rs`: ISO-8859-*, windows-125*, KOI8-R, Shift_JIS, GBK, Big5, …); any
//! other (UTF-32, EBCDIC, a misspelt label) is a clear finding instead of a wrong guess.
//!
//! The text is what every later stage sees: spans are byte ranges into it, and the byte order
//! mark is not part of it, so it never counts as a column. Decoding never replaces a byte
//! silently: a byte that is not in the encoding is a finding at its place, with the byte
//! offset in the file.

use std::ops::Range;

use encoding_rs::{DecoderResult, Encoding, UTF_8, UTF_16BE, UTF_16LE};

use crate::FileReport;
use crate::diagnostic::{Code, Diagnostic};
use crate::source::{Original, SourceFile};

/// How many leading bytes are searched for a NUL to call the file binary (as git does).
const BINARY_PROBE: usize = 8000;

/// A decoded packet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte order mark.
    pub text: String,
    /// The encoding (`UTF-8`, `windows-1251`).
    pub encoding: &'static Encoding,
    /// The length of the byte order mark (0 when there is none).
    pub bom: usize,
    /// The bytes read, byte order mark included, unless they are just the mark and the text's
    /// own UTF-8 (which then is not copied).
    pub bytes: Option<Vec<u8>>,
}

impl Decoded {
    /// What the text was decoded from, for [`SourceFile`].
    pub fn original(&mut self) -> Original {
        Original::decoded(self.encoding, self.bom, self.bytes.take())
    }
}

/// Why a file could not be decoded, with the best text that can be shown for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// The file's text as far as it could be decoded, with replacement characters for the
    /// rest, so that the finding can show the place.
    pub text: String,
    /// Where in `text` the problem is.
    pub span: Range<usize>,
    /// What is wrong, with the byte offset in the file where it applies.
    pub message: String,
    /// What to do about it.
    pub help: String,
}

impl DecodeError {
    /// The problem as a `malformed-xml` finding: XML 1.0 makes an encoding error fatal.
    pub fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(Code::MalformedXml, self.message.clone(), self.span.clone())
            .with_label("here")
            .with_help(self.help.clone())
    }
}

/// Decodes the bytes of the file reported as `name`, keeping them in the [`SourceFile`]; a
/// file that cannot be decoded becomes the report of its one finding, on the text as far as
/// it could be decoded (its source still holds the bytes, for `--fix -` to pass them on).
pub fn source_file(name: String, bytes: Vec<u8>) -> Result<SourceFile, FileReport> {
    match decode_keeping(bytes) {
        Ok(mut decoded) => {
            let original = decoded.original();
            Ok(SourceFile::with_original(name, decoded.text, original))
        }
        Err((error, bytes)) => {
            let diagnostic = error.diagnostic();
            let source = SourceFile::with_original(name, error.text, Original::undecodable(bytes));
            Err(FileReport {
                source: std::sync::Arc::new(source),
                diagnostics: vec![diagnostic],
            })
        }
    }
}

/// Decodes a file's bytes.
pub fn decode(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    decode_keeping(bytes).map_err(|(error, _)| error)
}

/// [`decode`], giving the bytes back with an error.
fn decode_keeping(bytes: Vec<u8>) -> Result<Decoded, (DecodeError, Vec<u8>)> {
    if bytes.starts_with(&[0, 0, 0xFE, 0xFF]) || bytes.starts_with(&[0xFF, 0xFE, 0, 0]) {
        let error = unsupported(&bytes, "UTF-32", 0..0);
        return Err((error, bytes));
    }
    if let Some((encoding, bom)) = Encoding::for_bom(&bytes) {
        // A UTF-8 mark with a declaration naming UTF-16 contradicts itself; libxml2 refuses
        // it ("Document labelled UTF-16 but has UTF-8 content").
        if encoding == UTF_8
            && let Some(label) = declared_encoding(&bytes[bom..])
            && let Some(declared) = Encoding::for_label(&bytes[bom..][label.clone()])
            && (declared == UTF_16LE || declared == UTF_16BE)
        {
            let label = bom + label.start..bom + label.end;
            let name = String::from_utf8_lossy(&bytes[label.clone()]).into_owned();
            let text = String::from_utf8_lossy(&bytes[bom..]).into_owned();
            let span = text_span(&bytes[bom..], label.start - bom..label.end - bom);
            let error = DecodeError {
                text,
                span,
                message: format!(
                    "the file starts with a UTF-8 byte order mark, but its XML declaration \
                     names `{name}`"
                ),
                help: "name `UTF-8` in the declaration (the file is UTF-8), or save the file \
                       as UTF-16"
                    .into(),
            };
            return Err((error, bytes));
        }
        return decode_with(bytes, encoding, bom);
    }
    // UTF-16 without a byte order mark is recognisable by its `<?` (XML 1.0, appendix F).
    if bytes.starts_with(&[0x3C, 0, 0x3F, 0]) {
        return decode_with(bytes, UTF_16LE, 0);
    }
    if bytes.starts_with(&[0, 0x3C, 0, 0x3F]) {
        return decode_with(bytes, UTF_16BE, 0);
    }
    if bytes.starts_with(&[0x4C, 0x6F, 0xA7, 0x94]) {
        let error = unsupported(&bytes, "EBCDIC", 0..0);
        return Err((error, bytes));
    }
    if let Some(nul) = memchr::memchr(0, &bytes[..bytes.len().min(BINARY_PROBE)]) {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        // The NUL's offset in the text: replacement characters before it change the count.
        let at = String::from_utf8_lossy(&bytes[..nul]).len();
        let error = DecodeError {
            span: at..at,
            text,
            message: format!(
                "this is a binary file, not an XML packet: it has a NUL byte at offset {nul}"
            ),
            help: "check that the path names a packet; XML text never contains NUL bytes".into(),
        };
        return Err((error, bytes));
    }
    let Some(label) = declared_encoding(&bytes) else {
        return decode_with(bytes, UTF_8, 0);
    };
    match Encoding::for_label(&bytes[label.clone()]) {
        Some(encoding) if encoding == UTF_16LE || encoding == UTF_16BE => {
            let name = String::from_utf8_lossy(&bytes[label.clone()]).into_owned();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let span = text_span(&bytes, label);
            let error = DecodeError {
                text,
                span,
                message: format!(
                    "the XML declaration names `{name}`, but the file is not UTF-16: it has no \
                     byte order mark and its declaration is in single bytes"
                ),
                help: "name the encoding the file is saved in (most likely `UTF-8`)".into(),
            };
            Err((error, bytes))
        }
        Some(encoding) if encoding.name() != "replacement" => decode_with(bytes, encoding, 0),
        _ => {
            let name = String::from_utf8_lossy(&bytes[label.clone()]).into_owned();
            let error = unsupported(&bytes, &name, label);
            Err((error, bytes))
        }
    }
}

/// Decodes `bytes` after a byte order mark of `bom` bytes, reporting the first byte that is
/// not in `encoding`.
fn decode_with(
    mut bytes: Vec<u8>,
    encoding: &'static Encoding,
    bom: usize,
) -> Result<Decoded, (DecodeError, Vec<u8>)> {
    if encoding == UTF_8 {
        // The text takes the bytes over: a UTF-8 file is not kept twice.
        bytes.drain(..bom);
        return match String::from_utf8(bytes) {
            Ok(text) => Ok(Decoded {
                text,
                encoding: UTF_8,
                bom,
                bytes: None,
            }),
            Err(error) => {
                let at = error.utf8_error().valid_up_to();
                let byte = error.as_bytes()[at];
                let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
                let error_found = invalid(text, at, bom + at, byte, encoding);
                let mut bytes = crate::source::bom_bytes(UTF_8, bom).to_vec();
                bytes.extend_from_slice(&error.into_bytes());
                Err((error_found, bytes))
            }
        };
    }
    let body = &bytes[bom..];
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(
        decoder
            .max_utf8_buffer_length_without_replacement(body.len())
            .unwrap_or(body.len()),
    );
    let mut read_total = 0;
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(&body[read_total..], &mut text, true);
        read_total += read;
        match result {
            DecoderResult::InputEmpty => {
                return Ok(Decoded {
                    text,
                    encoding,
                    bom,
                    bytes: Some(bytes),
                });
            }
            DecoderResult::OutputFull => text.reserve(body.len() - read_total + 16),
            DecoderResult::Malformed(bad, after) => {
                let offset = read_total.saturating_sub(usize::from(after) + usize::from(bad));
                let at = text.len();
                let byte = body.get(offset).copied().unwrap_or_default();
                // The text up to the bad byte is exact; the rest is shown with replacements.
                let (rest, _) = encoding.decode_without_bom_handling(&body[offset..]);
                text.push_str(&rest);
                let error = invalid(text, at, bom + offset, byte, encoding);
                return Err((error, bytes));
            }
        }
    }
}

fn invalid(
    text: String,
    at: usize,
    offset: usize,
    byte: u8,
    encoding: &'static Encoding,
) -> DecodeError {
    let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
    let help = if encoding == UTF_8 {
        "save the file as UTF-8, or name its encoding in the XML declaration, e.g. \
         `<?xml version=\"1.0\" encoding=\"windows-1251\"?>`"
            .to_string()
    } else {
        format!(
            "save the file as {}, or name the encoding it is saved in",
            encoding.name()
        )
    };
    DecodeError {
        span: at..end,
        text,
        message: format!(
            "the file is not valid {}: invalid byte 0x{byte:02X} at offset {offset}",
            encoding.name()
        ),
        help,
    }
}

fn unsupported(bytes: &[u8], name: &str, label: Range<usize>) -> DecodeError {
    let text = String::from_utf8_lossy(bytes).into_owned();
    let span = text_span(bytes, label);
    DecodeError {
        text,
        span,
        message: format!("unsupported encoding `{name}`"),
        help: "save the file as UTF-8; plesk-lint reads UTF-8, UTF-16 and the encodings of the \
               WHATWG Encoding Standard (ISO-8859-*, windows-125*, KOI8-R, Shift_JIS, GBK, …)"
            .into(),
    }
}

/// The span of `bytes[range]` in the lossy `text`: the same offsets while everything before it
/// is valid UTF-8, else the start of the file.
fn text_span(bytes: &[u8], range: Range<usize>) -> Range<usize> {
    if std::str::from_utf8(&bytes[..range.end]).is_ok() {
        range
    } else {
        0..0
    }
}

/// The byte range of the `encoding` value in the XML declaration, if there is one. Lenient on
/// purpose: white space before the declaration, or a declaration that lost its `<`, is a
/// finding of the checker, which must still see the text in the right encoding.
fn declared_encoding(bytes: &[u8]) -> Option<Range<usize>> {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    let rest = &bytes[start..];
    let rest = rest.strip_prefix(b"<").unwrap_or(rest);
    let after = rest.strip_prefix(b"?xml")?;
    if !after.first().is_some_and(u8::is_ascii_whitespace) {
        return None;
    }
    let base = bytes.len() - after.len();
    // To the declaration's end, however long: a declaration padded past any fixed window
    // must not have its encoding ignored.
    let end = memchr::memmem::find(after, b"?>")?;
    let decl = &after[..end];
    let key = memchr::memmem::find(decl, b"encoding")?;
    let mut i = key + 8;
    while decl.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    if decl.get(i) != Some(&b'=') {
        return None;
    }
    i += 1;
    while decl.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    let quote = *decl.get(i).filter(|q| matches!(q, b'"' | b'\''))?;
    let value_start = i + 1;
    let length = decl[value_start..].iter().position(|&b| b == quote)?;
    Some(base + value_start..base + value_start + length)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_source_gives_back_the_bytes_it_was_read_from() {
        use crate::source::LineEnding;
        let utf16 = |little: bool, bom: bool, text: &str| {
            let mut bytes = match (bom, little) {
                (false, _) => vec![],
                (true, true) => vec![0xFF, 0xFE],
                (true, false) => vec![0xFE, 0xFF],
            };
            bytes.extend(text.encode_utf16().flat_map(|unit| match little {
                true => unit.to_le_bytes(),
                false => unit.to_be_bytes(),
            }));
            bytes
        };
        let cases: Vec<(Vec<u8>, &str, usize, LineEnding)> = vec![
            (b"<packet/>".to_vec(), "UTF-8", 0, LineEnding::None),
            (
                b"\xEF\xBB\xBF<a>\r\n</a>\r\n".to_vec(),
                "UTF-8",
                3,
                LineEnding::CrLf,
            ),
            (
                utf16(true, true, "<a>\n\u{e9}</a>"),
                "UTF-16LE",
                2,
                LineEnding::Lf,
            ),
            (
                utf16(false, false, "<?xml version='1.0'?>\r<a/>"),
                "UTF-16BE",
                0,
                LineEnding::Cr,
            ),
            (
                b"<?xml version='1.0' encoding='windows-1251'?>\n<a>\xCF\xF0</a>\r\n".to_vec(),
                "windows-1251",
                0,
                LineEnding::Mixed,
            ),
        ];
        for (bytes, encoding, bom, line_ending) in cases {
            let source = source_file("t.xml".into(), bytes.clone()).expect("decodes");
            let original = source.original();
            assert_eq!(original.encoding.name(), encoding);
            assert_eq!(original.bom, bom, "{encoding}");
            assert!(original.exact);
            assert_eq!(source.line_ending(), line_ending, "{encoding}");
            assert_eq!(&*source.original_bytes(), &bytes[..], "{encoding}");
            assert_eq!(source.body_bytes(), &bytes[bom..], "{encoding}");
        }
        for bytes in [
            b"<a>\xFF</a>".to_vec(),
            b"\xEF\xBB\xBF<a>\xC3</a>".to_vec(),
            b"<a>\0</a>".to_vec(),
            b"<?xml version='1.0' encoding='x-nonsense'?><a/>".to_vec(),
        ] {
            let report = source_file("t.xml".into(), bytes.clone()).expect_err("undecodable");
            assert!(!report.source.original().exact);
            assert_eq!(&*report.source.original_bytes(), &bytes[..]);
        }
    }

    #[test]
    fn declared_encoding_is_found() {
        let bytes = b"<?xml version='1.0' encoding = \"KOI8-R\" ?><packet/>";
        let range = declared_encoding(bytes).expect("found");
        assert_eq!(&bytes[range], b"KOI8-R");
        assert_eq!(declared_encoding(b"<?xml-stylesheet encoding='x'?>"), None);
        assert_eq!(declared_encoding(b"<packet encoding='x'/>"), None);
    }

    #[test]
    fn multibyte_error_offsets_are_exact() {
        let mut bytes = b"<?xml version='1.0' encoding='Shift_JIS'?><a>".to_vec();
        let at = bytes.len();
        bytes.extend_from_slice(&[0x82, 0xA0, 0x82, 0x20, 0x3C]);
        let error = decode(bytes).expect_err("0x82 0x20 is not Shift_JIS");
        assert!(
            error.message.contains(&format!("offset {}", at + 2)),
            "{error:?}"
        );
        assert_eq!(
            &error.text[..error.span.start],
            "<?xml version='1.0' encoding='Shift_JIS'?><a>\u{3042}"
        );
    }
}
