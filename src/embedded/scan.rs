//! What every host-language reader shares: skipping comments (and seeing marker comments in
//! them), expressions between concatenated literals, and `$`-interpolation.

use super::text::{Extracted, Placeholders};

/// Whether a comment's text opts the next literal in.
pub fn is_marker(comment: &str) -> bool {
    comment.contains("plesk-lint: packet") || comment.contains("language=XML")
}

/// The end of the expression starting at `at`: the first `stop` byte, `;`, `,` or closing
/// bracket at depth 0, outside quotes. Returns the end and the byte found there.
pub fn expression_end(bytes: &[u8], at: usize, stop: u8) -> (usize, Option<u8>) {
    let mut depth = 0usize;
    let mut i = at;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' if depth == 0 => return (i, Some(b)),
            b')' | b']' | b'}' => depth -= 1,
            b'\'' | b'"' | b'`' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b';' | b',' if depth == 0 => return (i, Some(b)),
            _ if b == stop && depth == 0 => return (i, Some(b)),
            _ => {}
        }
        i += 1;
    }
    (bytes.len(), None)
}

/// Skips spaces, tabs and line breaks.
pub fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() && bytes[at].is_ascii_whitespace() {
        at += 1;
    }
    at
}

/// The end of a `$name`, `$name[...]`, `$name->prop` or `${...}` / `{$...}` at `at`, or
/// `None` when no interpolation starts there. `arrows` allows `->prop` (PHP).
pub fn dollar_end(bytes: &[u8], at: usize, arrows: bool) -> Option<usize> {
    let b = *bytes.get(at)?;
    if b == b'{' && bytes.get(at + 1) == Some(&b'$')
        || b == b'$' && bytes.get(at + 1) == Some(&b'{')
    {
        return matching_brace(bytes, if b == b'{' { at } else { at + 1 });
    }
    if b != b'$' {
        return None;
    }
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let first = *bytes.get(at + 1)?;
    if !(first.is_ascii_alphabetic() || first == b'_') {
        return None;
    }
    let mut i = at + 1;
    while i < bytes.len() && ident(bytes[i]) {
        i += 1;
    }
    if bytes.get(i) == Some(&b'[') {
        if let Some(close) = bytes[i..].iter().take(64).position(|&c| c == b']') {
            i += close + 1;
        }
    } else if arrows
        && bytes.get(i) == Some(&b'-')
        && bytes.get(i + 1) == Some(&b'>')
        && bytes
            .get(i + 2)
            .is_some_and(|&c| c.is_ascii_alphabetic() || c == b'_')
    {
        i += 2;
        while i < bytes.len() && ident(bytes[i]) {
            i += 1;
        }
    }
    Some(i)
}

/// The end (after the `}`) of the brace group opening at `open`.
pub fn matching_brace(bytes: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, &b) in bytes.iter().enumerate().skip(open) {
        match b {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// The common literal reader of C-like escapes: `\n`, `\t`, `\r`, `\\`, quotes, `\xHH`,
/// `\u{…}`/`\uHHHH`; anything else keeps its backslash (`kept`) or drops it.
pub fn escape(bytes: &[u8], at: usize) -> (usize, String) {
    let next = bytes.get(at + 1).copied().unwrap_or(b'\\');
    let simple = |c: char| (at + 2, c.to_string());
    match next {
        b'n' => simple('\n'),
        b't' => simple('\t'),
        b'r' => simple('\r'),
        b'0' => simple('\0'),
        b'x' => {
            let hex: String = bytes[at + 2..]
                .iter()
                .take(2)
                .take_while(|c| c.is_ascii_hexdigit())
                .map(|&c| c as char)
                .collect();
            let value = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
            match value {
                Some(c) => (at + 2 + hex.len(), c.to_string()),
                None => (at + 2, "x".into()),
            }
        }
        b'u' => {
            let (digits_at, braced) = if bytes.get(at + 2) == Some(&b'{') {
                (at + 3, true)
            } else {
                (at + 2, false)
            };
            let hex: String = bytes[digits_at.min(bytes.len())..]
                .iter()
                .take(if braced { 6 } else { 4 })
                .take_while(|c| c.is_ascii_hexdigit())
                .map(|&c| c as char)
                .collect();
            let end = digits_at + hex.len() + usize::from(braced);
            match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                Some(c) => (end, c.to_string()),
                None => (at + 2, "u".into()),
            }
        }
        b'\n' => (at + 2, String::new()),
        other if other.is_ascii() => simple(other as char),
        // A backslash before a multi-byte character: keep both as they are.
        _ => (at + 1, "\\".into()),
    }
}

/// A heredoc's opening name from `at` (after `<<`, `<<<` and any flags): the quote around
/// it if any, the name, and where the name ends. Ruby, Perl, shell and PHP share this form.
pub fn heredoc_marker(text: &str, at: usize) -> (Option<u8>, &str, usize) {
    let bytes = text.as_bytes();
    let mut i = at;
    let quote = bytes.get(i).copied().filter(|&b| b == b'\'' || b == b'"');
    if quote.is_some() {
        i += 1;
    }
    let name_start = i;
    while bytes
        .get(i)
        .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_')
    {
        i += 1;
    }
    (quote, &text[name_start..i], i)
}

/// Where a heredoc body starting at `start` begins once at most `indent` blanks of its first
/// line are stripped (never past `end`).
pub fn past_indent(bytes: &[u8], start: usize, end: usize, indent: usize) -> usize {
    start
        + bytes[start..end]
            .iter()
            .take(indent)
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count()
}

/// Finds the next `needle` at or after `at`.
pub fn find(bytes: &[u8], at: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(bytes.get(at..)?, needle).map(|i| at + i)
}

/// Keeps the candidate literals worth detection: those with a `<` in them.
pub fn worth(found: &mut Vec<Extracted>, literal: Extracted) {
    if literal.text.contains('<') {
        found.push(literal);
    }
}

/// How a host's string body is written.
#[derive(Debug, Clone, Copy, Default)]
pub struct Body {
    /// `\n`, `\"` and the like are escapes.
    pub backslash: bool,
    /// Backslash escapes only of the closing quote and of backslash (PHP and Ruby `'…'`).
    pub backslash_quote_only: bool,
    /// The closing delimiter written twice stands for itself (C# `@"…"`, YAML `'…'`).
    pub doubled: bool,
    /// Which interpolations are holes.
    pub interpolation: Interpolation,
    /// Which placeholders in plain text are holes.
    pub placeholders: Placeholders,
    /// Whitespace stripped from the start of each line after the first (indented heredocs).
    pub indent: usize,
}

/// Interpolation syntax of a host string.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Interpolation {
    /// None (raw, single-quoted).
    #[default]
    None,
    /// `$name`, `${…}`, `{$…}` (PHP with `->`, Perl, shell).
    Dollar {
        /// `$obj->prop` (PHP).
        arrows: bool,
    },
    /// `#{…}` (Ruby).
    Hash,
    /// `${…}` (JavaScript template literals).
    DollarBrace,
    /// `{…}` with `{{`/`}}` for braces (Python f-strings, C# `$"…"`).
    Brace,
    /// `{{…}}`, single braces literal (C# 11 `$$"""…"""`).
    DoubleBrace,
}

/// Reads a string body from `at` up to the closing `close` (or `end`, whichever first) into
/// `e`. Returns the offset after the closing delimiter (or `end`).
pub fn read(
    e: &mut Extracted,
    text: &str,
    at: usize,
    end: usize,
    close: &[u8],
    body: Body,
) -> usize {
    let bytes = text.as_bytes();
    let mut run = at;
    let mut i = at;
    let flush = |e: &mut Extracted, from: usize, to: usize| {
        if from < to {
            e.run(from, &text[from..to], body.placeholders);
        }
    };
    while i < end {
        let b = bytes[i];
        if !close.is_empty() && bytes[i..end].starts_with(close) {
            if body.doubled && bytes[i + close.len()..end].starts_with(close) {
                flush(e, run, i);
                e.decoded(i..i + 2 * close.len(), &text[i..i + close.len()]);
                i += 2 * close.len();
                run = i;
                continue;
            }
            flush(e, run, i);
            return i + close.len();
        }
        if b == b'\\' && (body.backslash || body.backslash_quote_only) {
            let next = bytes.get(i + 1).copied();
            if body.backslash_quote_only {
                if next == Some(b'\\') || (next.is_some() && close.first() == next.as_ref()) {
                    flush(e, run, i);
                    e.decoded(i..i + 2, &text[i + 1..i + 2]);
                    i += 2;
                    run = i;
                } else {
                    i += 1;
                }
                continue;
            }
            flush(e, run, i);
            let (after, decoded) = escape(bytes, i);
            let after = after.min(end);
            e.decoded(i..after, &decoded);
            i = after;
            run = i;
            continue;
        }
        let hole_end = match body.interpolation {
            Interpolation::None => None,
            Interpolation::Dollar { arrows } => dollar_end(bytes, i, arrows),
            Interpolation::Hash if b == b'#' && bytes.get(i + 1) == Some(&b'{') => {
                matching_brace(bytes, i + 1)
            }
            Interpolation::DollarBrace if b == b'$' && bytes.get(i + 1) == Some(&b'{') => {
                matching_brace(bytes, i + 1)
            }
            Interpolation::DoubleBrace if bytes[i..end].starts_with(b"{{") => {
                find(bytes, i + 2, b"}}").map(|close| close + 2)
            }
            Interpolation::Brace if b == b'{' || b == b'}' => {
                if bytes.get(i + 1) == Some(&b) {
                    flush(e, run, i);
                    e.decoded(i..i + 2, &text[i..i + 1]);
                    i += 2;
                    run = i;
                    continue;
                }
                if b == b'{' {
                    matching_brace(bytes, i)
                } else {
                    None
                }
            }
            _ => None,
        };
        if let Some(hole_end) = hole_end.filter(|&h| h <= end) {
            flush(e, run, i);
            e.hole(i..hole_end, hole_end - i);
            i = hole_end;
            run = i;
            continue;
        }
        if b == b'\n' && body.indent > 0 {
            flush(e, run, i + 1);
            let mut j = i + 1;
            while j < end && j - (i + 1) < body.indent && (bytes[j] == b' ' || bytes[j] == b'\t') {
                j += 1;
            }
            i = j;
            run = j;
            continue;
        }
        i += 1;
    }
    flush(e, run, end.min(i));
    end
}

/// The offset of the character after the one at `at`: readers step by characters, so that
/// every offset they slice at is a character boundary.
pub fn next_char(text: &str, at: usize) -> usize {
    let mut next = at + 1;
    while next < text.len() && !text.is_char_boundary(next) {
        next += 1;
    }
    next
}
