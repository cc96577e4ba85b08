//! PHP: heredocs, nowdocs (PHP 7.3 indented ones with their indentation stripped), single-
//! and double-quoted strings, and concatenations whose expressions become holes. Only code
//! between `<?php` and `?>` is read; inline HTML is not PHP.

use super::scan::{self, Body, Interpolation};
use super::text::{Braces, Extracted, Placeholders};

/// `sprintf` conversions and `{UPPER}` markers filled by `str_replace` are holes too.
const PLACEHOLDERS: Placeholders = Placeholders {
    printf: true,
    braces: Braces::Upper,
};

/// Every string literal or concatenation of literals in a PHP file.
pub fn extract(text: &str) -> Vec<Extracted> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    let mut marked = false;
    while at < bytes.len() {
        // Skip inline HTML up to the next opening tag.
        let Some(open) = scan::find(bytes, at, b"<?") else {
            break;
        };
        at = open + 2;
        while at < bytes.len() {
            let b = bytes[at];
            if bytes[at..].starts_with(b"?>") {
                at += 2;
                break;
            }
            if b == b'#' && bytes.get(at + 1) != Some(&b'[') || bytes[at..].starts_with(b"//") {
                let end = line_comment_end(bytes, at);
                marked |= scan::is_marker(&text[at..end]);
                at = end;
            } else if bytes[at..].starts_with(b"/*") {
                let end = scan::find(bytes, at + 2, b"*/").map_or(bytes.len(), |i| i + 2);
                marked |= scan::is_marker(&text[at..end]);
                at = end;
            } else if b == b'\'' || b == b'"' || bytes[at..].starts_with(b"<<<") {
                let mut e = Extracted::at(at);
                e.marked = std::mem::take(&mut marked);
                at = concatenation(&mut e, text, at);
                e.host_end = at;
                scan::worth(&mut found, e);
            } else {
                at = scan::next_char(text, at);
            }
        }
    }
    found
}

/// A `//` or `#` comment ends at the line's end or at `?>`.
fn line_comment_end(bytes: &[u8], at: usize) -> usize {
    let mut i = at;
    while i < bytes.len() && bytes[i] != b'\n' && !bytes[i..].starts_with(b"?>") {
        i += 1;
    }
    i
}

/// Reads the literal at `at` and every piece concatenated to it with `.`.
fn concatenation(e: &mut Extracted, text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut at = literal(e, text, at).unwrap_or(at + 1);
    loop {
        let dot = scan::skip_space(bytes, at);
        if bytes.get(dot) != Some(&b'.') || matches!(bytes.get(dot + 1), Some(b'=' | b'.')) {
            return at;
        }
        let next = scan::skip_space(bytes, dot + 1);
        if let Some(end) = literal(e, text, next) {
            at = end;
            continue;
        }
        // An expression: a hole when another piece follows it.
        let (end, stop) = scan::expression_end(bytes, next, b'.');
        let expression = text[next..end].trim_end();
        if stop != Some(b'.') || expression.is_empty() {
            return at;
        }
        e.hole(next..next + expression.len(), expression.len());
        at = end;
    }
}

/// Reads one literal at `at` into `e`; `None` when none starts there.
fn literal(e: &mut Extracted, text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    match bytes.get(at)? {
        b'\'' => {
            let body = Body {
                backslash_quote_only: true,
                placeholders: PLACEHOLDERS,
                ..Body::default()
            };
            Some(scan::read(e, text, at + 1, bytes.len(), b"'", body))
        }
        b'"' => Some(scan::read(
            e,
            text,
            at + 1,
            bytes.len(),
            b"\"",
            interpolating(0),
        )),
        b'<' if bytes[at..].starts_with(b"<<<") => heredoc(e, text, at),
        _ => None,
    }
}

fn interpolating(indent: usize) -> Body {
    Body {
        backslash: true,
        interpolation: Interpolation::Dollar {
            arrows: true,
            arrays: false,
        },
        dialect: scan::Dialect::Php,
        placeholders: PLACEHOLDERS,
        indent,
        ..Body::default()
    }
}

/// A heredoc or nowdoc: `<<<ID`, `<<<"ID"`, `<<<'ID'`; the closing marker's indentation is
/// stripped from every line (PHP 7.3).
fn heredoc(e: &mut Extracted, text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = at + 3;
    while bytes.get(i).is_some_and(|&b| b == b' ' || b == b'\t') {
        i += 1;
    }
    let (quote, name, i) = scan::heredoc_marker(text, i);
    if name.is_empty() {
        return None;
    }
    let body_start = scan::find(bytes, i, b"\n")? + 1;
    // The closing line: optional indentation, the name, then no identifier character.
    let mut line = body_start;
    let (close_line, indent) = loop {
        let content = line
            + bytes[line..]
                .iter()
                .take_while(|&&b| b == b' ' || b == b'\t')
                .count();
        if text[content..].starts_with(name)
            && !bytes
                .get(content + name.len())
                .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
        {
            break (line, content - line);
        }
        line = scan::find(bytes, line, b"\n")? + 1;
    };
    // The line break before the closing line is not part of the string.
    let mut body_end = close_line.saturating_sub(1).max(body_start);
    if body_end > body_start && bytes[body_end - 1] == b'\r' {
        body_end -= 1;
    }
    // The first line's indentation goes too.
    let first = scan::past_indent(bytes, body_start, body_end, indent);
    let body = if quote == Some(b'\'') {
        Body {
            indent,
            placeholders: PLACEHOLDERS,
            ..Body::default()
        }
    } else {
        interpolating(indent)
    };
    scan::read(e, text, first, body_end, b"", body);
    Some(close_line + indent + name.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heredoc_indentation_and_holes() {
        let php = "<?php\n$x = <<<XML\n    <a>\n      <b>$id</b>\n    </a>\n    XML;\n";
        let found = extract(php);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].text, "<a>\n  <b>xxx</b>\n</a>");
        let b = found[0].text.find("<b>").unwrap();
        let host = found[0].host_range(&(b..b + 3));
        assert_eq!(&php[host], "<b>");
        assert_eq!(found[0].holes.len(), 1);
    }

    #[test]
    fn concatenation_with_expressions() {
        let php = "<?php $p = '<a><b>' . $this->id . '</b></a>';";
        let found = extract(php);
        assert_eq!(found[0].text, "<a><b>xxxxxxxxx</b></a>");
        assert_eq!(&php[found[0].holes[0].host.clone()], "$this->id");
    }

    #[test]
    fn quoted_escapes() {
        let php = "<?php $p = \"<a v=\\\"1\\\">{$a['b']}</a>\";";
        let found = extract(php);
        assert_eq!(found[0].text, "<a v=\"1\">xxxxxxxxx</a>");
    }
}
