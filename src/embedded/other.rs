//! String literals of Python, Ruby, JavaScript/TypeScript, Go, C#, Perl and shell, with
//! their concatenations. One loop skips each language's comments and finds its literals;
//! each language's literal forms decide escapes, interpolation and indentation.

use super::scan::{self, Body, Dialect, Interpolation};
use super::text::{Braces, Extracted, Placeholders};

/// A host language read by this module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Triple-quoted, f-strings, `%`-format, `str.format`.
    Python,
    /// `"…#{x}…"`, `'…'`, heredocs `<<~ID`, `<<-ID`, `<<ID`.
    Ruby,
    /// `'…'`, `"…"`, template literals with `${x}`.
    JavaScript,
    /// Raw `` `…` `` and interpreted `"…"`; `%s` verbs.
    Go,
    /// `"…"`, verbatim `@"…"`, interpolated `$"…"`, raw `"""…"""`.
    CSharp,
    /// `'…'`, `"…$x…"`, heredocs.
    Perl,
    /// `'…'`, `"…$X…"`, heredocs.
    Shell,
}

impl Lang {
    fn hash_comments(self) -> bool {
        matches!(self, Lang::Python | Lang::Ruby | Lang::Perl | Lang::Shell)
    }

    fn concat(self) -> Option<u8> {
        match self {
            Lang::Perl => Some(b'.'),
            Lang::Shell => None,
            _ => Some(b'+'),
        }
    }
}

/// Every literal (or concatenation) of `text`.
pub fn extract(text: &str, lang: Lang) -> Vec<Extracted> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut marked = false;
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        let line_comment = (lang.hash_comments() && b == b'#' && !is_interpolation_hash(bytes, at))
            || (!lang.hash_comments() && bytes[at..].starts_with(b"//"));
        if line_comment {
            let end = scan::find(bytes, at, b"\n").unwrap_or(bytes.len());
            marked |= scan::is_marker(&text[at..end]);
            at = end;
            continue;
        }
        if !lang.hash_comments() && bytes[at..].starts_with(b"/*") {
            let end = scan::find(bytes, at + 2, b"*/").map_or(bytes.len(), |i| i + 2);
            marked |= scan::is_marker(&text[at..end]);
            at = end;
            continue;
        }
        if matches!(lang, Lang::JavaScript | Lang::Perl)
            && let Some(end) = regex_end(bytes, at)
        {
            at = end;
            continue;
        }
        if b == b'['
            && let Some((mut e, end)) = joined_array(text, at, lang)
        {
            e.marked = std::mem::take(&mut marked);
            scan::worth(&mut found, e);
            at = end;
            continue;
        }
        let mut e = Extracted::at(at);
        match literal(&mut e, text, at, lang) {
            Some(end) => {
                e.marked = std::mem::take(&mut marked);
                at = concatenation(&mut e, text, end, lang);
                e.host_end = at;
                scan::worth(&mut found, e);
            }
            None => at = scan::next_char(text, at),
        }
    }
    found
}

/// `#` inside a word is no comment (`$#array`, `a#b` in shell).
fn is_interpolation_hash(bytes: &[u8], at: usize) -> bool {
    at > 0 && (bytes[at - 1] == b'$' || bytes[at - 1].is_ascii_alphanumeric())
}

/// Follows `+`/`.` to further literals; expressions between them become holes.
fn concatenation(e: &mut Extracted, text: &str, mut at: usize, lang: Lang) -> usize {
    let bytes = text.as_bytes();
    loop {
        let next = skip_space_and_continuations(bytes, at);
        // Python and Ruby glue adjacent literals.
        if matches!(lang, Lang::Python | Lang::Ruby) && next > at {
            let mut probe = Extracted::at(next);
            if let Some(end) = literal(&mut probe, text, next, lang) {
                at = append(e, probe, end);
                continue;
            }
        }
        let Some(op) = lang.concat() else { return at };
        if bytes.get(next) != Some(&op) || bytes.get(next + 1) == Some(&b'=') {
            return at;
        }
        let piece = scan::skip_space(bytes, next + 1);
        let mut probe = Extracted::at(piece);
        if let Some(end) = literal(&mut probe, text, piece, lang) {
            at = append(e, probe, end);
            continue;
        }
        let (end, stop) = scan::expression_end(bytes, piece, op);
        let expression = text[piece..end].trim_end();
        if stop != Some(op) || expression.is_empty() || expression.contains('\n') {
            return at;
        }
        e.hole(piece..piece + expression.len(), expression.len());
        at = end;
    }
}

/// `[ "…", `…`, … ].join("\n")` (JavaScript, TypeScript, Ruby): an array of literals only,
/// joined by a literal separator, read as one text with the separator (mapped to where each
/// element ends) between the elements; `None` when `at` starts anything else.
fn joined_array(text: &str, at: usize, lang: Lang) -> Option<(Extracted, usize)> {
    if !matches!(lang, Lang::JavaScript | Lang::Ruby) {
        return None;
    }
    let bytes = text.as_bytes();
    let mut elements: Vec<(Extracted, usize)> = Vec::new();
    let mut i = scan::skip_space(bytes, at + 1);
    while bytes.get(i) != Some(&b']') {
        let mut element = Extracted::at(i);
        let end = literal(&mut element, text, i, lang)?;
        elements.push((element, end));
        i = scan::skip_space(bytes, end);
        match bytes.get(i) {
            Some(b',') => i = scan::skip_space(bytes, i + 1),
            Some(b']') => {}
            _ => return None,
        }
    }
    let call = scan::skip_space(bytes, i + 1);
    if !text[call..].starts_with(".join(") {
        return None;
    }
    let separator_at = scan::skip_space(bytes, call + ".join(".len());
    let mut separator = Extracted::at(separator_at);
    let separator_end = literal(&mut separator, text, separator_at, lang)?;
    let close = scan::skip_space(bytes, separator_end);
    if bytes.get(close) != Some(&b')') || !separator.holes.is_empty() {
        return None;
    }
    let mut elements = elements.into_iter();
    let (mut joined, mut previous_end) = elements.next()?;
    for (element, end) in elements {
        joined.synthetic(previous_end, &separator.text);
        joined.append(element);
        previous_end = end;
    }
    Some((joined, close + 1))
}

/// Skips whitespace and backslash line continuations (`"…" \` in Ruby).
fn skip_space_and_continuations(bytes: &[u8], mut at: usize) -> usize {
    loop {
        at = scan::skip_space(bytes, at);
        match (bytes.get(at), bytes.get(at + 1)) {
            (Some(b'\\'), Some(b'\n')) => at += 2,
            (Some(b'\\'), Some(b'\r')) if bytes.get(at + 2) == Some(&b'\n') => at += 3,
            _ => return at,
        }
    }
}

/// Appends a literal read on its own; returns `end`.
fn append(e: &mut Extracted, piece: Extracted, end: usize) -> usize {
    e.append(piece);
    end
}

/// Reads the literal starting at `at`, if one does.
fn literal(e: &mut Extracted, text: &str, at: usize, lang: Lang) -> Option<usize> {
    let bytes = text.as_bytes();
    let rest = bytes.get(at..).filter(|rest| !rest.is_empty())?;
    let prev_ident = at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_');
    match lang {
        Lang::Python => {
            let prefix = rest
                .iter()
                .take(3)
                .take_while(|c| b"rRbBfFuU".contains(c))
                .count();
            if prefix > 0 && prev_ident {
                return None;
            }
            let quote = *rest.get(prefix)?;
            if quote != b'\'' && quote != b'"' {
                return None;
            }
            let flags = &text[at..at + prefix].to_ascii_lowercase();
            let raw = flags.contains('r');
            let f = flags.contains('f');
            let triple = rest[prefix..].starts_with(&[quote; 3]);
            let close = if triple { vec![quote; 3] } else { vec![quote] };
            let body = Body {
                backslash: !raw,
                dialect: Dialect::Python,
                crlf_is_lf: true,
                interpolation: if f {
                    Interpolation::Brace
                } else {
                    Interpolation::None
                },
                placeholders: Placeholders {
                    printf: true,
                    braces: if f { Braces::None } else { Braces::Any },
                },
                ..Body::default()
            };
            let start = at + prefix + close.len();
            Some(scan::read(e, text, start, bytes.len(), &close, body))
        }
        Lang::Ruby | Lang::Perl | Lang::Shell if rest.starts_with(b"<<") => {
            heredoc(e, text, at, lang)
        }
        Lang::Ruby | Lang::Perl | Lang::Shell | Lang::JavaScript | Lang::Go | Lang::CSharp
            if rest[0] == b'\'' =>
        {
            if matches!(lang, Lang::Go | Lang::CSharp) {
                // A character literal (`'"'`, `'\''`): skipped whole, so its quote starts
                // no string.
                return Some(char_literal_end(text, at));
            }
            let body = Body {
                backslash_quote_only: lang != Lang::Shell,
                backslash: lang == Lang::JavaScript,
                crlf_is_lf: lang == Lang::Ruby,
                placeholders: Placeholders {
                    printf: true,
                    braces: Braces::Upper,
                },
                ..Body::default()
            };
            let body = if lang == Lang::JavaScript {
                Body {
                    backslash_quote_only: false,
                    ..body
                }
            } else {
                body
            };
            Some(scan::read(e, text, at + 1, bytes.len(), b"'", body))
        }
        Lang::CSharp => csharp(e, text, at),
        _ if rest[0] == b'"' => {
            let interpolation = match lang {
                Lang::Ruby => Interpolation::Hash,
                Lang::Perl | Lang::Shell => Interpolation::Dollar {
                    arrows: false,
                    arrays: lang == Lang::Perl,
                },
                _ => Interpolation::None,
            };
            let body = Body {
                backslash: true,
                dialect: dialect(lang),
                crlf_is_lf: lang == Lang::Ruby,
                interpolation,
                placeholders: Placeholders {
                    printf: true,
                    braces: Braces::Upper,
                },
                ..Body::default()
            };
            Some(scan::read(e, text, at + 1, bytes.len(), b"\"", body))
        }
        Lang::JavaScript if rest[0] == b'`' => {
            let body = Body {
                backslash: true,
                crlf_is_lf: true,
                interpolation: Interpolation::DollarBrace,
                ..Body::default()
            };
            Some(scan::read(e, text, at + 1, bytes.len(), b"`", body))
        }
        Lang::Go if rest[0] == b'`' => {
            let body = Body {
                crlf_is_lf: true,
                placeholders: Placeholders {
                    printf: true,
                    braces: Braces::Upper,
                },
                ..Body::default()
            };
            Some(scan::read(e, text, at + 1, bytes.len(), b"`", body))
        }
        Lang::Ruby if rest[0] == b'%' && starts_operand(bytes, at) => ruby_percent(e, text, at),
        Lang::Perl if (rest[0] == b'q') && !prev_ident => perl_quote(e, text, at),
        _ => None,
    }
}

/// The escapes of a language's interpolating strings.
fn dialect(lang: Lang) -> Dialect {
    match lang {
        Lang::Python => Dialect::Python,
        Lang::Ruby => Dialect::Ruby,
        Lang::Perl => Dialect::Perl,
        Lang::Shell => Dialect::Shell,
        Lang::Go => Dialect::Go,
        Lang::CSharp => Dialect::CSharp,
        Lang::JavaScript => Dialect::JavaScript,
    }
}

/// Whether an operand (a literal, a regular expression) can start at `at`, judged by the
/// code before it: after an operator, an opening bracket, a comma or a keyword it can; after
/// a name, a number or a closing bracket, `/` divides and `%` is a remainder.
fn starts_operand(bytes: &[u8], at: usize) -> bool {
    let mut i = at;
    while i > 0 && matches!(bytes[i - 1], b' ' | b'\t') {
        i -= 1;
    }
    let Some(&prev) = i.checked_sub(1).and_then(|p| bytes.get(p)) else {
        return true;
    };
    if prev.is_ascii_alphanumeric() || prev == b'_' || prev == b'$' {
        let word_start = bytes[..i]
            .iter()
            .rposition(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
            .map_or(0, |p| p + 1);
        let word = &bytes[word_start..i];
        const KEYWORDS: &[&[u8]] = &[
            b"return",
            b"typeof",
            b"case",
            b"in",
            b"of",
            b"new",
            b"delete",
            b"void",
            b"throw",
            b"instanceof",
            b"yield",
            b"await",
            b"do",
            b"else",
            b"and",
            b"or",
            b"not",
            b"if",
            b"unless",
            b"while",
            b"until",
            b"when",
            b"puts",
            b"print",
        ];
        return KEYWORDS.contains(&word);
    }
    !matches!(prev, b')' | b']' | b'}' | b'"' | b'\'' | b'`')
}

/// The end of the regular expression literal at `at` (JavaScript `/…/flags`, Perl `=~ /…/`),
/// read so that its quotes start no string; `None` when `/` divides there.
fn regex_end(bytes: &[u8], at: usize) -> Option<usize> {
    if bytes.get(at) != Some(&b'/')
        || matches!(bytes.get(at + 1), Some(b'/' | b'*'))
        || !starts_operand(bytes, at)
    {
        return None;
    }
    let mut i = at + 1;
    let mut class = false;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'\n' => return None,
            b'[' => class = true,
            b']' => class = false,
            b'/' if !class => {
                i += 1;
                while bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
                    i += 1;
                }
                return Some(i);
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Ruby's `%q(…)` (as `'…'`), `%Q(…)` and `%(…)` (as `"…"`), with any delimiter, brackets
/// nesting; `%w[…]`, `%i[…]` and the like are word lists: skipped whole.
fn ruby_percent(e: &mut Extracted, text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let kind = *bytes.get(at + 1)?;
    let (open_at, kind) = if kind.is_ascii_alphabetic() {
        (at + 2, Some(kind))
    } else {
        (at + 1, None)
    };
    let open = *bytes.get(open_at)?;
    if !open.is_ascii_punctuation() || open == b'=' {
        return None;
    }
    let close = scan::closing(open);
    let end = scan::delimited_end(bytes, open_at + 1, open, close)?;
    let body = match kind {
        Some(b'q') => Body {
            backslash_quote_only: true,
            quote: Some(close),
            opening: Some(open),
            crlf_is_lf: true,
            ..Body::default()
        },
        None | Some(b'Q') => Body {
            backslash: true,
            dialect: Dialect::Ruby,
            quote: Some(close),
            crlf_is_lf: true,
            interpolation: Interpolation::Hash,
            placeholders: Placeholders {
                printf: true,
                braces: Braces::Upper,
            },
            ..Body::default()
        },
        Some(_) => return Some(end + 1),
    };
    scan::read(e, text, open_at + 1, end, b"", body);
    Some(end + 1)
}

/// Perl's `q{…}` (as `'…'`) and `qq{…}` (as `"…"`), with any delimiter, brackets nesting.
fn perl_quote(e: &mut Extracted, text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let double = bytes.get(at + 1) == Some(&b'q');
    let mut open_at = at + 1 + usize::from(double);
    if bytes
        .get(open_at)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
    {
        return None;
    }
    while bytes
        .get(open_at)
        .is_some_and(|c| *c == b' ' || *c == b'\t')
    {
        open_at += 1;
    }
    let open = *bytes.get(open_at)?;
    if !open.is_ascii_punctuation() || matches!(open, b'=' | b',' | b';' | b')' | b'#') {
        return None;
    }
    let close = scan::closing(open);
    let end = scan::delimited_end(bytes, open_at + 1, open, close)?;
    let body = if double {
        Body {
            backslash: true,
            dialect: Dialect::Perl,
            quote: Some(close),
            interpolation: Interpolation::Dollar {
                arrows: false,
                arrays: true,
            },
            placeholders: Placeholders {
                printf: true,
                braces: Braces::Upper,
            },
            ..Body::default()
        }
    } else {
        Body {
            backslash_quote_only: true,
            quote: Some(close),
            opening: Some(open),
            ..Body::default()
        }
    };
    scan::read(e, text, open_at + 1, end, b"", body);
    Some(end + 1)
}

/// C#: `"…"`, `@"…"` (`""` for a quote), `$"…{x}…"`, `$@"…"`, raw `"""…"""` whose closing
/// line's indentation is stripped.
fn csharp(e: &mut Extracted, text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let prefix = bytes[at..]
        .iter()
        .take(3)
        .take_while(|&&c| c == b'@' || c == b'$')
        .count();
    let flags = &text[at..at + prefix];
    if bytes.get(at + prefix) != Some(&b'"') {
        return None;
    }
    let start = at + prefix;
    let interpolation = match flags.matches('$').count() {
        0 => Interpolation::None,
        1 => Interpolation::Brace,
        _ => Interpolation::DoubleBrace,
    };
    let placeholders = Placeholders {
        printf: false,
        braces: if flags.contains('$') {
            Braces::None
        } else {
            Braces::Upper
        },
    };
    if bytes[start..].starts_with(b"\"\"\"") {
        let quotes = bytes[start..].iter().take_while(|&&c| c == b'"').count();
        let close = vec![b'"'; quotes];
        let body_start = scan::find(bytes, start, b"\n").map_or(start + quotes, |i| i + 1);
        let close_at = scan::find(bytes, body_start, &close)?;
        let line_start = text[..close_at].rfind('\n').map_or(0, |i| i + 1);
        let indent = close_at - line_start;
        let body_end = line_start.saturating_sub(1).max(body_start);
        let first = body_start
            + bytes[body_start..body_end]
                .iter()
                .take(indent)
                .take_while(|c| c.is_ascii_whitespace())
                .count();
        let body = Body {
            interpolation,
            placeholders,
            indent,
            ..Body::default()
        };
        scan::read(e, text, first, body_end, b"", body);
        return Some(close_at + quotes);
    }
    let verbatim = flags.contains('@');
    let body = Body {
        backslash: !verbatim,
        dialect: Dialect::CSharp,
        doubled: verbatim,
        interpolation,
        placeholders,
        ..Body::default()
    };
    Some(scan::read(e, text, start + 1, bytes.len(), b"\"", body))
}

/// A heredoc of Ruby (`<<~ID`, `<<-ID`, `<<ID`, quoted), Perl (`<<"ID"`, `<<'ID'`, `<<~ID`)
/// or shell (`<<ID`, `<<-ID`, `<<'ID'`). `~` strips the least indentation of its lines.
fn heredoc(e: &mut Extracted, text: &str, at: usize, lang: Lang) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = at + 2;
    let squiggly = bytes.get(i) == Some(&b'~');
    let dash = bytes.get(i) == Some(&b'-');
    if squiggly || dash {
        i += 1;
    }
    let (quote, name, i) = scan::heredoc_marker(text, i);
    if name.is_empty() || (quote.is_none() && !name.starts_with(|c: char| c.is_ascii_uppercase())) {
        return None;
    }
    let body_start = scan::find(bytes, i, b"\n")? + 1;
    let mut line = body_start;
    let close_line = loop {
        let end = scan::find(bytes, line, b"\n").unwrap_or(bytes.len());
        if text[line..end].trim() == name {
            break line;
        }
        if end >= bytes.len() {
            return None;
        }
        line = end + 1;
    };
    // The line break before the closing line is part of the string in these languages.
    let body_end = close_line.max(body_start);
    let indent = if squiggly {
        text[body_start..body_end]
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| l.len() - l.trim_start().len())
            .min()
            .unwrap_or(0)
    } else if dash && lang == Lang::Shell {
        usize::MAX / 2 // `<<-` strips leading tabs
    } else {
        0
    };
    let interpolation = match (quote, lang) {
        (Some(b'\''), _) => Interpolation::None,
        (_, Lang::Ruby) => Interpolation::Hash,
        _ => Interpolation::Dollar {
            arrows: false,
            arrays: lang == Lang::Perl,
        },
    };
    let tabs_only = lang == Lang::Shell;
    let first = body_start
        + bytes[body_start..body_end]
            .iter()
            .take(indent)
            .take_while(|&&b| b == b'\t' || b == b' ' && !tabs_only)
            .count();
    let body = Body {
        backslash: quote != Some(b'\''),
        dialect: dialect(lang),
        // Perl reads a heredoc's CR LF line ends as LF, as Ruby does.
        crlf_is_lf: matches!(lang, Lang::Ruby | Lang::Perl),
        tabs_only,
        interpolation,
        placeholders: Placeholders {
            printf: true,
            braces: Braces::Upper,
        },
        indent,
        ..Body::default()
    };
    scan::read(e, text, first, body_end, b"", body);
    // Reading goes on after the heredoc's opening line's end: the body is skipped by the
    // caller continuing from the closing line.
    let close_end = scan::find(bytes, close_line, b"\n").unwrap_or(bytes.len());
    Some(close_end)
}

/// The end of the character literal opening at `at` (Go runes, C# chars): after its closing
/// quote, or just after the opening one when none follows soon.
fn char_literal_end(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = at + 1;
    for _ in 0..12 {
        match bytes.get(i) {
            None | Some(b'\n') => break,
            Some(b'\'') => return i + 1,
            Some(b'\\') => i = scan::next_char(text, i + 1),
            Some(_) => i = scan::next_char(text, i),
        }
    }
    at + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_array_of_literals_joined_is_one_text() {
        let js =
            "const p = [\n  \"<packet>\",\n  `<a>${x}</a>`,\n  \"</packet>\",\n].join(\"\\n\");";
        let found = extract(js, Lang::JavaScript);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].text, "<packet>\n<a>xxxx</a>\n</packet>");
        let a = found[0].text.find("<a>").unwrap();
        assert_eq!(&js[found[0].host_range(&(a..a + 3))], "<a>");
        // Not joined, or joined by an expression: the elements stay apart.
        assert_eq!(
            extract("[\"<a>\", \"</a>\"].map(f)", Lang::JavaScript).len(),
            2
        );
        assert_eq!(
            extract("[\"<a>\", \"</a>\"].join(sep)", Lang::JavaScript).len(),
            2
        );
    }
}
