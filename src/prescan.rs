//! A linear-time look at a packet before the XML parser sees it, refusing what no Plesk packet
//! has and what would make the parser slow.
//!
//! roxmltree checks each attribute against every earlier attribute of its element for
//! duplicates (100,000 attributes on one element: 32 s), and copies the namespaces in scope
//! into every element that declares one (thousands of nested declarations in 178 KB: 98 s).
//! Plesk packets use a handful of attributes and at most a namespace or two, so a packet with
//! more attributes on one element, or more namespace declarations, than the limits is
//! reported as `not-a-packet` at the first attribute past the limit and not parsed at all.
//! The limits are configurable (`[limits]` in plesk-lint.toml) for whoever has a reason.
//!
//! The scan reads start tags only as far as it must to count attributes: comments,
//! processing instructions, CDATA sections and quoted values are skipped with `memchr`, so
//! it is one pass over the bytes. Text that is not well-formed is left to the parser, which
//! reports it precisely: the scan then simply stops.

use std::ops::Range;

use memchr::memmem;
use serde::Deserialize;

use crate::diagnostic::{Code, Diagnostic};

/// What a packet may have before it is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Limits {
    /// Attributes on one element (namespace declarations included).
    pub max_attributes: usize,
    /// Namespace declarations (`xmlns`, `xmlns:p`) in the whole packet.
    pub max_namespaces: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_attributes: 64,
            max_namespaces: 64,
        }
    }
}

/// Scans `text`; `Err` with the finding when it goes past a limit.
pub fn scan(text: &str, limits: &Limits) -> Result<(), Box<Diagnostic>> {
    let bytes = text.as_bytes();
    let mut namespaces = 0;
    let mut at = 0;
    while let Some(found) = memchr::memchr(b'<', &bytes[at..]) {
        let lt = at + found;
        let rest = &bytes[lt..];
        let skip_to = |end: &[u8]| memmem::find(&rest[1..], end).map(|i| lt + 1 + i + end.len());
        let next = if rest.starts_with(b"<!--") {
            skip_to(b"-->")
        } else if rest.starts_with(b"<![CDATA[") {
            skip_to(b"]]>")
        } else if rest.starts_with(b"<?") {
            skip_to(b"?>")
        } else if rest.starts_with(b"<!") || rest.starts_with(b"</") {
            // A DTD is refused by the parser at once; an end tag has no attributes.
            skip_to(b">")
        } else {
            start_tag(bytes, lt, limits, &mut namespaces)?
        };
        match next {
            Some(next) => at = next,
            None => break,
        }
    }
    Ok(())
}

/// Counts the attributes of the start tag at `lt`; the offset after it, or `None` where the
/// tag is not well-formed (the parser will say how).
fn start_tag(
    bytes: &[u8],
    lt: usize,
    limits: &Limits,
    namespaces: &mut usize,
) -> Result<Option<usize>, Box<Diagnostic>> {
    let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
    let name_end = |from: usize| {
        bytes[from..]
            .iter()
            .position(|&b| is_space(b) || matches!(b, b'>' | b'/' | b'='))
            .map_or(bytes.len(), |i| from + i)
    };
    let element = lt + 1..name_end(lt + 1);
    let mut attributes = 0;
    let mut i = element.end;
    loop {
        while i < bytes.len() && is_space(bytes[i]) {
            i += 1;
        }
        match bytes.get(i) {
            None => return Ok(None),
            Some(b'>') => return Ok(Some(i + 1)),
            Some(b'/') => return Ok(Some(i + 1)),
            Some(_) => {}
        }
        let name = i..name_end(i);
        if name.is_empty() {
            return Ok(None);
        }
        attributes += 1;
        let declares = {
            let name = &bytes[name.clone()];
            name == b"xmlns" || name.starts_with(b"xmlns:")
        };
        if declares {
            *namespaces += 1;
        }
        if attributes > limits.max_attributes {
            return Err(refuse(
                bytes,
                &element,
                name,
                format!(
                    "more than {} attributes on one element",
                    limits.max_attributes
                ),
                "max-attributes",
            ));
        }
        if declares && *namespaces > limits.max_namespaces {
            return Err(refuse(
                bytes,
                &element,
                name,
                format!("more than {} namespace declarations", limits.max_namespaces),
                "max-namespaces",
            ));
        }
        i = name.end;
        while i < bytes.len() && is_space(bytes[i]) {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            return Ok(None);
        }
        i += 1;
        while i < bytes.len() && is_space(bytes[i]) {
            i += 1;
        }
        let Some(&quote @ (b'"' | b'\'')) = bytes.get(i) else {
            return Ok(None);
        };
        match memchr::memchr(quote, &bytes[i + 1..]) {
            Some(end) => i = i + 1 + end + 1,
            None => return Ok(None),
        }
    }
}

fn refuse(
    bytes: &[u8],
    element: &Range<usize>,
    attribute: Range<usize>,
    what: String,
    key: &str,
) -> Box<Diagnostic> {
    // Names are ASCII-delimited, so these ranges are on character boundaries; a name that
    // is not valid UTF-8 cannot occur in a `str`.
    let name = String::from_utf8_lossy(&bytes[element.clone()]);
    let name: String = name.chars().take(64).collect();
    let shown = attribute.start..attribute.end.min(attribute.start + 256);
    let shown = match std::str::from_utf8(&bytes[shown.clone()]) {
        Ok(_) => shown,
        Err(error) => shown.start..shown.start + error.valid_up_to(),
    };
    let diagnostic = Diagnostic::new(
        Code::NotAPacket,
        format!("`<{name}>`: {what}; no Plesk packet has that many, so the file is not checked"),
        shown,
    )
    .with_label("past the limit")
    .with_help(format!(
        "if this is a real packet, raise `{key}` in the `[limits]` table of plesk-lint.toml"
    ));
    Box::new(diagnostic)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_packets_pass() {
        let packet = "<?xml version=\"1.0\"?><!-- <a b='1' c='2'> --><packet version=\"1.6.9.1\" \
                      xmlns:xsi='x'><site><get><![CDATA[<x a='1'>]]></get></site></packet>";
        assert!(scan(packet, &Limits::default()).is_ok());
    }

    #[test]
    fn too_many_attributes_or_namespaces_are_refused_at_the_first_past_the_limit() {
        let limits = Limits {
            max_attributes: 3,
            max_namespaces: 2,
        };
        let packet = "<packet><a x='1' y=\"2\" z='3' w='4'/></packet>";
        let error = scan(packet, &limits).unwrap_err();
        assert_eq!(error.code, Code::NotAPacket);
        assert_eq!(&packet[error.primary.span.clone()], "w");
        let packet = "<a xmlns:a='1'><b xmlns='2'><c xmlns:c='3'/></b></a>";
        let error = scan(packet, &limits).unwrap_err();
        assert_eq!(&packet[error.primary.span.clone()], "xmlns:c");
        assert!(
            error.message.contains("namespace declarations"),
            "{}",
            error.message
        );
    }

    #[test]
    fn broken_markup_stops_the_scan_without_a_finding() {
        for text in [
            "<a b",
            "<a b=",
            "<a b='",
            "<!--",
            "<a =''>",
            "<",
            "<a\u{e9} b='1'",
        ] {
            assert!(scan(text, &Limits::default()).is_ok(), "{text}");
        }
    }
}
