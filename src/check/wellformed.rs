//! Well-formedness errors roxmltree lets through but libxml2 (the server's parser) refuses: a
//! processing instruction named `xml` in any case (`<?XML …?>`, reserved by XML 1.0 §2.6),
//! and a character reference to a surrogate (`&#xD800;`, not a character: XML 1.0 §4.1),
//! which roxmltree would turn into U+FFFD.

use std::ops::Range;

/// The first such error in `text`: its span and what is wrong.
pub fn first_error(text: &str) -> Option<(Range<usize>, String)> {
    let bytes = text.as_bytes();
    // The XML declaration, the one place `<?xml` may stand, is at the very start (after a
    // BOM); roxmltree already refuses it anywhere else.
    let declaration = text.strip_prefix('\u{feff}').map_or(0, |_| 3);
    let mut at = 0;
    while let Some(i) = memchr::memchr2(b'<', b'&', &bytes[at..]) {
        let start = at + i;
        let rest = &text[start..];
        at = start + 1;
        if rest.starts_with("<!--") {
            at = skip_past(text, start, "-->")?;
        } else if rest.starts_with("<![CDATA[") {
            at = skip_past(text, start, "]]>")?;
        } else if let Some(body) = rest.strip_prefix("<?") {
            let end = body
                .find(|c: char| c == '?' || super::xml::is_xml_space(c))
                .unwrap_or(body.len());
            let target = &body[..end];
            if target.eq_ignore_ascii_case("xml") && !(start == declaration && target == "xml") {
                return Some((
                    start + 2..start + 2 + end,
                    format!(
                        "not well-formed XML: the processing instruction `<?{target}` uses a \
                         name reserved by XML (`xml` in any case); only the XML declaration \
                         `<?xml …?>` at the very start may use it"
                    ),
                ));
            }
            at = skip_past(text, start, "?>")?;
        } else if let Some(reference) = rest.strip_prefix("&#") {
            let end = reference.find(';').unwrap_or(reference.len());
            let digits = &reference[..end];
            let value = match digits.strip_prefix('x') {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => digits.parse().ok(),
            };
            if value.is_some_and(|v| (0xD800..=0xDFFF).contains(&v)) {
                return Some((
                    start..start + 2 + end + 1,
                    format!(
                        "not well-formed XML: `&#{digits};` refers to a UTF-16 surrogate, \
                         which is not a character"
                    ),
                ));
            }
        }
    }
    None
}

/// The offset just past the first `end` after `start`; `None` when there is none (the parser
/// has already accepted the text, so that cannot happen).
fn skip_past(text: &str, start: usize, end: &str) -> Option<usize> {
    text[start..].find(end).map(|i| start + i + end.len())
}

#[cfg(test)]
mod tests {
    use super::first_error;

    #[test]
    fn reserved_names_and_surrogates_are_found_outside_comments_and_cdata() {
        let found = |text: &str| first_error(text).map(|(span, _)| span);
        assert_eq!(found("<?xml version=\"1.0\"?><a/>"), None);
        assert_eq!(found("\u{feff}<?xml version=\"1.0\"?><a/>"), None);
        assert_eq!(found("<a><?XML x?></a>"), Some(5..8));
        assert_eq!(found("<a><?xMl?></a>"), Some(5..8));
        assert_eq!(found("<a><?xml-stylesheet x?></a>"), None);
        assert_eq!(found("<a>&#xD800;</a>"), Some(3..11));
        assert_eq!(found("<a b='&#57343;'/>"), Some(6..14));
        assert_eq!(found("<a>&#xD7FF;&#xE000;</a>"), None);
        assert_eq!(found("<a><!-- &#xD800; <?XML?> --></a>"), None);
        assert_eq!(found("<a><![CDATA[&#xD800;<?XML?>]]></a>"), None);
    }
}
