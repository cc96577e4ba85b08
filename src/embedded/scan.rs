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

/// The end (after the `}`) of the brace group opening at `open`; quoted strings inside (code
/// of an interpolation, `#{ "}" }`) are skipped.
pub fn matching_brace(bytes: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            q @ (b'"' | b'\'') if depth > 0 => {
                let mut j = i + 1;
                while j < bytes.len() && bytes[j] != q && bytes[j] != b'\n' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                if j >= bytes.len() || bytes[j] != q {
                    return None;
                }
                i = j;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The end of an identifier starting at `at` (`None` when none starts there).
pub fn name_end(bytes: &[u8], at: usize) -> Option<usize> {
    let first = *bytes.get(at)?;
    if !(first.is_ascii_alphabetic() || first == b'_') {
        return None;
    }
    Some(
        at + bytes[at..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
            .count(),
    )
}

/// The offset of the closing delimiter of a body starting at `at`: `close`, with `open`
/// nesting when it differs (Ruby `%q(a (b) c)`, Perl `q{a {b} c}`); backslash escapes skipped.
pub fn delimited_end(bytes: &[u8], at: usize, open: u8, close: u8) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = at;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\\' {
            i += 2;
            continue;
        }
        if b == close {
            if depth == 0 {
                return Some(i);
            }
            depth -= 1;
        } else if b == open && open != close {
            depth += 1;
        }
        i += 1;
    }
    None
}

/// The closing delimiter of a bracketing opening one (`(` → `)`), else the same byte.
pub fn closing(open: u8) -> u8 {
    match open {
        b'(' => b')',
        b'[' => b']',
        b'{' => b'}',
        b'<' => b'>',
        other => other,
    }
}

/// Whose backslash escapes a string body reads: each language decodes a different set, and
/// keeps or drops the backslash of the others (checked against the real languages by
/// tests/it/embedded_lexers.rs).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Dialect {
    /// JavaScript/TypeScript; also the default.
    #[default]
    JavaScript,
    /// PHP `"…"` and heredocs: unknown escapes keep their backslash.
    Php,
    /// Python: unknown escapes keep their backslash.
    Python,
    /// Ruby `"…"` and heredocs.
    Ruby,
    /// Perl `"…"`, `qq{}` and heredocs.
    Perl,
    /// POSIX shell `"…"` and heredocs: only `$`, `` ` ``, `\`, the line break (and `"` inside
    /// `"…"`) are escaped.
    Shell,
    /// Go interpreted strings.
    Go,
    /// C# regular strings.
    CSharp,
    /// YAML double-quoted scalars.
    Yaml,
}

/// Decodes the backslash escape at `at` of a body closed by `quote` (`None` for heredocs):
/// the offset after it and its text. A backslash the language keeps decodes as itself, one
/// byte long, so what follows is read as ordinary text.
pub fn escape(bytes: &[u8], at: usize, dialect: Dialect, quote: Option<u8>) -> (usize, String) {
    use Dialect::*;
    let next = bytes.get(at + 1).copied().unwrap_or(b'\\');
    let simple = |c: char| (at + 2, c.to_string());
    let kept = (at + 1, "\\".to_string());
    let digits = |from: usize, max: usize, radix: u32| -> usize {
        bytes[from.min(bytes.len())..]
            .iter()
            .take(max)
            .take_while(|c| (**c as char).is_digit(radix))
            .count()
    };
    let code = |from: usize, len: usize, radix: u32| -> Option<char> {
        let digits = std::str::from_utf8(bytes.get(from..from + len)?).ok()?;
        u32::from_str_radix(digits, radix)
            .ok()
            .and_then(char::from_u32)
    };
    // A line break after the backslash: joins lines, except in PHP which keeps both.
    if next == b'\n' || (next == b'\r' && bytes.get(at + 2) == Some(&b'\n')) {
        let after = at + if next == b'\r' { 3 } else { 2 };
        return match dialect {
            Php => kept,
            Perl => (after, "\n".into()),
            _ => (after, String::new()),
        };
    }
    if next == b'\\' {
        return simple('\\');
    }
    if Some(next) == quote && dialect != Shell {
        return simple(next as char);
    }
    if dialect == Shell {
        return match next {
            b'$' | b'`' => simple(next as char),
            b'"' if quote == Some(b'"') => simple('"'),
            _ => kept,
        };
    }
    match (next, dialect) {
        (b'n', _) => simple('\n'),
        (b't', _) => simple('\t'),
        (b'r', _) => simple('\r'),
        (b'v', Php | Python | Ruby | JavaScript | Go | CSharp) => simple('\u{b}'),
        (b'f', _) => simple('\u{c}'),
        (b'e', Php | Ruby | Perl) => simple('\u{1b}'),
        (b'a', Python | Ruby | Perl | Go | CSharp) => simple('\u{7}'),
        (b'b', Python | Ruby | Perl | JavaScript | Go | CSharp) => simple('\u{8}'),
        (b's', Ruby) => simple(' '),
        (b'0', Yaml) => simple('\0'),
        (b'a' | b'b' | b'v' | b'e', Yaml) => simple(match next {
            b'a' => '\u{7}',
            b'b' => '\u{8}',
            b'v' => '\u{b}',
            _ => '\u{1b}',
        }),
        (b'N', Yaml) => simple('\u{85}'),
        (b'_', Yaml) => simple('\u{a0}'),
        (b'L', Yaml) => simple('\u{2028}'),
        (b'P', Yaml) => simple('\u{2029}'),
        (b'$', Php | Perl) => simple('$'),
        (b'\'' | b'"', Python | Ruby | Perl | JavaScript | Go | CSharp) => simple(next as char),
        (b'0'..=b'7', Php | Python | Ruby | Perl | Go) => {
            let len = digits(at + 1, 3, 8);
            match code(at + 1, len, 8) {
                Some(c) if (c as u32) < 0x80 => (at + 1 + len, c.to_string()),
                _ => kept,
            }
        }
        // Legacy octal escapes of sloppy-mode JavaScript: up to 0o377.
        (b'0'..=b'7', JavaScript) => {
            let len = digits(at + 1, if next <= b'3' { 3 } else { 2 }, 8);
            match code(at + 1, len, 8) {
                Some(c) => (at + 1 + len, c.to_string()),
                None => simple(next as char),
            }
        }
        (b'0', CSharp) => simple('\0'),
        (b'x', _) => {
            let braced = bytes.get(at + 2) == Some(&b'{') && dialect == Perl;
            let from = at + 2 + usize::from(braced);
            let max = match dialect {
                Perl if braced => 8,
                CSharp => 4,
                _ => 2,
            };
            let len = digits(from, max, 16);
            let end = from + len + usize::from(braced);
            let exact = matches!(dialect, Python | JavaScript | Go | Yaml) && len != 2;
            let any = braced || matches!(dialect, CSharp | Python | JavaScript | Yaml);
            match code(from, len, 16) {
                Some(c) if !exact && (any || c.is_ascii()) => (end, c.to_string()),
                _ if dialect == Php => kept,
                // Perl reads `\x` without digits as NUL.
                None if dialect == Perl && len == 0 => (at + 2, "\0".into()),
                _ => (at + 2, "x".into()),
            }
        }
        (b'u' | b'U', _) => {
            let braced = bytes.get(at + 2) == Some(&b'{')
                && matches!(dialect, Php | Ruby | JavaScript)
                && next == b'u';
            if dialect == Php && !braced {
                return kept;
            }
            let from = at + 2 + usize::from(braced);
            let want = if braced {
                6
            } else if next == b'U' {
                8
            } else {
                4
            };
            if next == b'U' && !matches!(dialect, Python | Go | CSharp | Yaml) {
                return if matches!(dialect, Php) {
                    kept
                } else {
                    simple('U')
                };
            }
            let len = digits(from, want, 16);
            let complete = braced && bytes.get(from + len) == Some(&b'}') || !braced && len == want;
            match code(from, len, 16).filter(|_| complete) {
                Some(c) => (from + len + usize::from(braced), c.to_string()),
                None if matches!(dialect, Php | Python) => kept,
                None => simple('u'),
            }
        }
        (b'N', Python) if bytes.get(at + 2) == Some(&b'{') => {
            // A character by its Unicode name: no name table here; one opaque character.
            let close = find(bytes, at + 3, b"}").map_or(at + 2, |i| i + 1);
            (close, "\u{fffd}".into())
        }
        (_, Php | Python) => kept,
        (other, _) if other.is_ascii() => simple(other as char),
        // A backslash before a multi-byte character: keep both as they are.
        _ => kept,
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
    /// Whose escapes `backslash` reads.
    pub dialect: Dialect,
    /// A CR LF in the source is one LF in the string (Python, Ruby, JavaScript template
    /// literals, Go raw strings read source line ends so).
    pub crlf_is_lf: bool,
    /// Only tabs are stripped as indentation (shell `<<-`).
    pub tabs_only: bool,
    /// The delimiter a backslash escapes when the body is read up to a given end rather than
    /// to a closing delimiter (Ruby `%q(…)`, Perl `q{…}`).
    pub quote: Option<u8>,
    /// The opening delimiter of a bracketing pair, which a backslash escapes too.
    pub opening: Option<u8>,
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
        /// `@array` (Perl).
        arrays: bool,
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
            let quote = body.quote.or(close.first().copied());
            if body.backslash_quote_only {
                if next == Some(b'\\')
                    || (next.is_some() && (next == quote || next == body.opening))
                {
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
            let (after, decoded) = escape(bytes, i, body.dialect, quote);
            let after = after.min(end);
            if decoded == "\\" && after == i + 1 {
                // A backslash the language keeps: plain text, and what follows is read anew.
                e.exact(i, "\\");
                i = after;
                run = i;
                continue;
            }
            e.decoded(i..after, &decoded);
            i = after;
            run = i;
            continue;
        }
        let hole_end = match body.interpolation {
            Interpolation::None => None,
            Interpolation::Dollar { arrows, arrays } => {
                dollar_end(bytes, i, arrows).or_else(|| {
                    (arrays && b == b'@')
                        .then(|| name_end(bytes, i + 1))
                        .flatten()
                })
            }
            Interpolation::Hash if b == b'#' && bytes.get(i + 1) == Some(&b'{') => {
                matching_brace(bytes, i + 1)
            }
            // `#@ivar`, `#@@cvar`, `#$global`.
            Interpolation::Hash if b == b'#' && matches!(bytes.get(i + 1), Some(b'@' | b'$')) => {
                let sigil = if bytes[i + 1..].starts_with(b"@@") {
                    3
                } else {
                    2
                };
                name_end(bytes, i + sigil)
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
        let crlf = body.crlf_is_lf && b == b'\r' && bytes.get(i + 1) == Some(&b'\n') && i + 1 < end;
        if crlf {
            flush(e, run, i);
            e.decoded(i..i + 2, "\n");
        }
        if crlf || (b == b'\n' && body.indent > 0) {
            if !crlf {
                flush(e, run, i + 1);
            }
            let mut j = i + if crlf { 2 } else { 1 };
            let line = j;
            while j < end
                && j - line < body.indent
                && (bytes[j] == b'\t' || bytes[j] == b' ' && !body.tabs_only)
            {
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
