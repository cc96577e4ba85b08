//! YAML, as recorded traffic holds it (VCR and vcrpy cassettes): every mapping value that is a
//! scalar, in block (`|`, `>`), plain, single- or double-quoted style, decoded with its escapes
//! and line folding, each piece mapped back to its bytes. A value under a `request` key is
//! checked as a request, one under `response` as a response.
//!
//! A hand scanner rather than a YAML library: the cassettes' shape is simple, and no YAML
//! crate available keeps the byte positions of a scalar's pieces after decoding (markers give
//! where a scalar starts, not where its folded lines and escapes came from).

use super::scan;
use super::text::Extracted;
use crate::rules::Direction;

/// Every scalar mapping value holding a `<`.
pub fn extract(text: &str) -> Vec<Extracted> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    // (indentation, key) of the mappings the current line is inside.
    let mut path: Vec<(usize, String)> = Vec::new();
    let mut line = 0;
    let mut marked = false;
    while line < bytes.len() {
        let line_end = scan::find(bytes, line, b"\n").unwrap_or(bytes.len());
        let content = &text[line..line_end];
        let trimmed = content.trim_start();
        let mut indent = content.len() - trimmed.len();
        let mut rest = trimmed;
        let mut item = false;
        if let Some(after_dash) = rest.strip_prefix("- ") {
            indent += 2;
            rest = after_dash.trim_start();
            item = true;
        }
        if rest.starts_with('#') {
            marked |= scan::is_marker(rest);
            line = line_end + 1;
            continue;
        }
        // A mapping value, or a sequence item that is a scalar itself (`- <packet …>`).
        let (key, value_at) = match key_of(rest) {
            Some(found) => found,
            None if item && !rest.trim().is_empty() => ("-", 0),
            None => {
                line = line_end + 1;
                continue;
            }
        };
        while path.last().is_some_and(|(i, _)| *i >= indent) {
            path.pop();
        }
        let key_indent = if key == "-" { indent - 2 } else { indent };
        path.push((key_indent, key.to_string()));
        let value_start = line + (content.len() - rest.len()) + value_at;
        let value = text[value_start..line_end].trim();
        if value.is_empty()
            || !value.contains(['<', '|', '>', '\'', '"']) && !continues(text, line_end, key_indent)
        {
            line = line_end + 1;
            continue;
        }
        let start = scan::skip_space(bytes, value_start).min(line_end);
        let start = past_tag_and_flow_key(bytes, start, line_end);
        let mut e = Extracted::at(start);
        e.marked = std::mem::take(&mut marked);
        e.direction = path.iter().rev().find_map(|(_, k)| match k.as_str() {
            "request" => Some(Direction::Request),
            "response" => Some(Direction::Response),
            _ => None,
        });
        let next = match bytes[start] {
            b'|' | b'>' => block(&mut e, text, start, line_end, key_indent),
            b'\'' | b'"' => quoted(&mut e, text, start),
            _ => plain(&mut e, text, start, line_end, key_indent),
        };
        scan::worth(&mut found, e);
        line = if next > line_end {
            scan::find(bytes, next, b"\n").map_or(bytes.len(), |i| i + 1)
        } else {
            line_end + 1
        };
    }
    found
}

/// Where the scalar itself starts: after a tag (`!!python/unicode`, as vcrpy writes bodies)
/// and after the opening of a one-key flow mapping (`{string: "…"}`, as vcrpy writes
/// response bodies).
fn past_tag_and_flow_key(bytes: &[u8], start: usize, line_end: usize) -> usize {
    let mut at = start;
    if bytes.get(at) == Some(&b'{') {
        let key_end =
            (at + 1..line_end).find(|&i| bytes[i] == b':' && bytes.get(i + 1) == Some(&b' '));
        match key_end {
            Some(colon) => at = scan::skip_space(bytes, colon + 1).min(line_end),
            None => return start,
        }
    }
    if bytes.get(at) == Some(&b'!') {
        let tag_end = (at..line_end)
            .find(|&i| bytes[i] == b' ')
            .unwrap_or(line_end);
        at = scan::skip_space(bytes, tag_end).min(line_end);
    }
    if at < line_end { at } else { start }
}

/// `key:` at the start of `rest`: the key and where the value starts.
fn key_of(rest: &str) -> Option<(&str, usize)> {
    let colon = rest.find(": ").or_else(|| {
        rest.trim_end_matches('\r')
            .strip_suffix(':')
            .map(|r| r.len())
    })?;
    let key = rest[..colon].trim().trim_matches(['"', '\'']);
    let simple = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ' ' | ':'));
    simple.then_some((key, (colon + 1).min(rest.len())))
}

/// Whether the line after `line_end` is indented deeper than `indent` (a plain scalar's
/// continuation).
fn continues(text: &str, line_end: usize, indent: usize) -> bool {
    let next = &text[(line_end + 1).min(text.len())..];
    let spaces = next.bytes().take_while(|&b| b == b' ').count();
    spaces > indent && !next[spaces..].starts_with('\n')
}

/// A block scalar: `|` keeps line breaks, `>` folds them into spaces (a run of breaks into
/// one fewer); the final break is kept once (`|`, clip), dropped (`|-`) or kept with the
/// trailing blank lines (`|+`). Every break reads as LF, whatever the file's line ends.
fn block(e: &mut Extracted, text: &str, header: usize, header_end: usize, parent: usize) -> usize {
    let bytes = text.as_bytes();
    let folded = bytes[header] == b'>';
    let chomp = &text[header..header_end];
    let (strip, keep) = (chomp.contains('-'), chomp.contains('+'));
    let mut line = header_end + 1;
    let mut indent = None;
    let mut last_end = header_end;
    // The breaks since the last line with content: (host offset, length with any CR).
    let mut breaks: Vec<(usize, usize)> = Vec::new();
    let mut started = false;
    let emit = |e: &mut Extracted, (at, len): (usize, usize), as_text: &str| {
        if as_text == "\n" && len == 1 {
            e.exact(at, "\n");
        } else {
            e.decoded(at..at + len, as_text);
        }
    };
    while line < bytes.len() {
        let end = scan::find(bytes, line, b"\n").unwrap_or(bytes.len());
        let body = &text[line..end];
        let spaces = body.bytes().take_while(|&b| b == b' ').count();
        let blank = body.trim().is_empty();
        if !blank {
            let want = *indent.get_or_insert(spaces);
            if spaces < want || spaces <= parent {
                break;
            }
            if started {
                for (n, &brk) in breaks.iter().enumerate() {
                    let as_text = match (folded, n, breaks.len()) {
                        (true, 0, 1) => " ",
                        (true, 0, _) => "",
                        _ => "\n",
                    };
                    emit(e, brk, as_text);
                }
            }
            breaks.clear();
            started = true;
            let strip_at = indent.unwrap_or(spaces).min(spaces);
            let piece = body[strip_at..].trim_end_matches('\r');
            e.run(line + strip_at, piece, Default::default());
            let piece_end = line + strip_at + piece.len();
            breaks.push((piece_end, (end + 1).min(bytes.len()) - piece_end));
        } else if started {
            let at = line + body.len() - body.trim_start_matches(' ').len();
            let at = at.min(end);
            breaks.push((at, (end + 1).min(bytes.len()) - at));
        }
        last_end = end;
        line = end + 1;
    }
    let kept = if strip {
        0
    } else if keep {
        breaks.len()
    } else {
        breaks.len().min(1)
    };
    for &brk in breaks.iter().take(kept) {
        if brk.1 > 0 {
            emit(e, brk, "\n");
        }
    }
    last_end
}

/// A single- or double-quoted scalar, possibly over several lines.
fn quoted(e: &mut Extracted, text: &str, open: usize) -> usize {
    let bytes = text.as_bytes();
    let quote = bytes[open];
    let mut i = open + 1;
    let mut run = i;
    let flush = |e: &mut Extracted, from: usize, to: usize| {
        if from < to {
            e.run(from, &text[from..to], Default::default());
        }
    };
    while i < bytes.len() {
        let b = bytes[i];
        if b == quote {
            if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                flush(e, run, i);
                e.decoded(i..i + 2, "'");
                i += 2;
                run = i;
                continue;
            }
            flush(e, run, i);
            return i + 1;
        }
        if b == b'\\' && quote == b'"' {
            flush(e, run, i);
            let next = bytes.get(i + 1).copied();
            let (after, decoded) = if matches!(next, Some(b'\n' | b'\r')) {
                // An escaped line break: joined without a space.
                (skip_fold(bytes, i + 1).0, String::new())
            } else if next == Some(b'/') || next == Some(b' ') {
                (i + 2, (next.unwrap_or(b' ') as char).to_string())
            } else {
                scan::escape(bytes, i, scan::Dialect::Yaml, Some(b'"'))
            };
            e.decoded(i..after, &decoded);
            i = after;
            run = i;
            continue;
        }
        if b == b'\n' || b == b'\r' {
            // Folding: trailing spaces, the break and the next line's indentation become one
            // space, or one line break per blank line.
            let trail = text[run..i].trim_end_matches([' ', '\t']).len() + run;
            flush(e, run, trail);
            let (after, blank_lines) = skip_fold(bytes, i);
            let replacement = if blank_lines == 0 {
                " ".to_string()
            } else {
                "\n".repeat(blank_lines)
            };
            e.decoded(trail..after, &replacement);
            i = after;
            run = i;
            continue;
        }
        i += 1;
    }
    flush(e, run, i);
    i
}

/// Skips a line break and the indentation (and blank lines) after it: the offset after them
/// and the number of blank lines.
fn skip_fold(bytes: &[u8], at: usize) -> (usize, usize) {
    let mut i = at;
    let mut breaks = 0;
    while i < bytes.len() && matches!(bytes[i], b'\n' | b'\r' | b' ' | b'\t') {
        if bytes[i] == b'\n' {
            breaks += 1;
        }
        i += 1;
    }
    (i, breaks.max(1) - 1)
}

/// A plain scalar, folded over its more-indented continuation lines.
fn plain(e: &mut Extracted, text: &str, start: usize, line_end: usize, parent: usize) -> usize {
    let bytes = text.as_bytes();
    let mut piece_end = text[start..line_end]
        .find(" #")
        .map_or(line_end, |i| start + i);
    e.run(
        start,
        text[start..piece_end].trim_end_matches('\r'),
        Default::default(),
    );
    let mut end = line_end;
    while continues(text, end, parent) {
        let next = end + 1;
        let next_end = scan::find(bytes, next, b"\n").unwrap_or(bytes.len());
        let content_at = scan::skip_space(bytes, next).min(next_end);
        e.decoded(piece_end..content_at, " ");
        piece_end = next_end;
        e.run(
            content_at,
            text[content_at..next_end].trim_end_matches('\r'),
            Default::default(),
        );
        end = next_end;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cassette_bodies() {
        let yaml = "http_interactions:\n- request:\n    body:\n      string: '<packet><a \n        b=''1''/></packet>'\n  response:\n    body:\n      string: |\n        <packet>\n          <x/>\n        </packet>\n";
        let found = extract(yaml);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].text, "<packet><a b='1'/></packet>");
        assert_eq!(found[0].direction, Some(Direction::Request));
        assert_eq!(found[1].text, "<packet>\n  <x/>\n</packet>\n");
        assert_eq!(found[1].direction, Some(Direction::Response));
        let x = found[1].text.find("<x/>").unwrap();
        assert_eq!(&yaml[found[1].host_range(&(x..x + 4))], "<x/>");
    }

    #[test]
    fn vcrpy_tags_flow_mappings_and_escaped_line_breaks() {
        let yaml = "- request:\n    body: !!python/unicode \"<packet>\\n\\\n      \\t<a/></packet>\"\n  response:\n    body: {string: !!python/unicode \"<packet>\\n\\\n        \\  <b/></packet>\"}\n";
        let found = extract(yaml);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].text, "<packet>\n\t<a/></packet>");
        assert_eq!(found[1].text, "<packet>\n  <b/></packet>");
        assert_eq!(found[1].direction, Some(Direction::Response));
    }

    #[test]
    fn double_quoted_escapes() {
        let yaml = "body: \"<packet>\\n<a x=\\\"1\\\"/></packet>\"\n";
        let found = extract(yaml);
        assert_eq!(found[0].text, "<packet>\n<a x=\"1\"/></packet>");
    }
}
