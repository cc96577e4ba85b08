//! Template files of XML: WHMCS-style `.tpl` (PHP tags and Smarty `{$x}` in XML) and Jinja
//! (`.j2`: `{{ x }}`, `{% … %}`, `{# … #}`). The whole file is the candidate; a tag that
//! prints a value becomes a hole, a statement is blanked with whitespace of the same shape,
//! and control flow (`if`, `for`, `foreach`, `while`) makes the region it opens optional.
//! A template is checked as a request.

use std::ops::Range;

use super::scan;
use super::text::{Braces, Extracted, Placeholders};

/// Which template language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// `<?php … ?>`, `<?= … ?>` and Smarty `{$x}`.
    Php,
    /// `{{ … }}`, `{% … %}`, `{# … #}`.
    Jinja,
}

/// The template as one candidate.
pub fn extract(text: &str, dialect: Dialect) -> Vec<Extracted> {
    let bytes = text.as_bytes();
    let mut e = Extracted::at(0);
    // Templates build requests; a response is recorded, not templated.
    e.direction = Some(crate::rules::Direction::Request);
    let mut run = 0;
    let mut at = 0;
    let mut open_regions: Vec<usize> = Vec::new();
    let placeholders = Placeholders {
        printf: false,
        braces: Braces::Upper,
    };
    while at < bytes.len() {
        let tag = match dialect {
            Dialect::Php
                if bytes[at..].starts_with(b"<?php") || bytes[at..].starts_with(b"<?=") =>
            {
                scan::find(bytes, at + 3, b"?>").map(|i| (i + 2, php_tag(&text[at..i + 2])))
            }
            Dialect::Php if bytes[at] == b'{' && bytes.get(at + 1) == Some(&b'$') => {
                scan::matching_brace(bytes, at).map(|end| (end, Tag::Value))
            }
            Dialect::Jinja if bytes[at..].starts_with(b"{{") => {
                scan::find(bytes, at + 2, b"}}").map(|i| (i + 2, Tag::Value))
            }
            Dialect::Jinja if bytes[at..].starts_with(b"{%") => {
                scan::find(bytes, at + 2, b"%}").map(|i| (i + 2, jinja_tag(&text[at + 2..i])))
            }
            Dialect::Jinja if bytes[at..].starts_with(b"{#") => {
                scan::find(bytes, at + 2, b"#}").map(|i| (i + 2, Tag::Statement))
            }
            _ => None,
        };
        let Some((end, tag)) = tag else {
            at = scan::next_char(text, at);
            continue;
        };
        if run < at {
            e.run(run, &text[run..at], placeholders);
        }
        let host: Range<usize> = at..end;
        let before = e.text.len();
        match tag {
            Tag::Value => e.hole(host, end - at),
            Tag::Statement | Tag::Open | Tag::Close | Tag::Else => e.blank(host, &text[at..end]),
        }
        let here = e.text.len();
        match tag {
            Tag::Open => open_regions.push(here),
            Tag::Close => {
                if let Some(start) = open_regions.pop() {
                    e.optional.push(start..before);
                }
            }
            Tag::Else => {
                if let Some(start) = open_regions.pop() {
                    e.optional.push(start..before);
                }
                open_regions.push(here);
            }
            _ => {}
        }
        at = end;
        run = end;
    }
    if run < bytes.len() {
        e.run(run, &text[run..], placeholders);
    }
    let len = e.text.len();
    e.optional
        .extend(open_regions.into_iter().map(|start| start..len));
    vec![e]
}

/// What a template tag does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    /// Prints a value.
    Value,
    /// Neither prints nor branches.
    Statement,
    /// Opens a conditional or repeated region.
    Open,
    /// Closes one.
    Close,
    /// Closes one and opens the next (`else`, `elif`).
    Else,
}

fn php_tag(tag: &str) -> Tag {
    let body = tag
        .trim_start_matches("<?php")
        .trim_start_matches("<?=")
        .trim_end_matches("?>")
        .trim();
    if tag.starts_with("<?=") || body.starts_with("echo") || body.starts_with("print") {
        return Tag::Value;
    }
    let opens = ["if", "foreach", "for", "while"]
        .iter()
        .any(|k| body.starts_with(k))
        && (body.ends_with('{') || body.ends_with(':'));
    let closes = body.starts_with('}') || body.starts_with("end");
    let else_ = body.contains("else");
    match (opens, closes || else_) {
        (_, true) if else_ => Tag::Else,
        (true, _) => Tag::Open,
        (false, true) => Tag::Close,
        _ => Tag::Statement,
    }
}

fn jinja_tag(body: &str) -> Tag {
    let word = body
        .trim_matches(|c: char| c == '-' || c == '+' || c.is_whitespace())
        .split_whitespace()
        .next()
        .unwrap_or("");
    match word {
        "if" | "for" | "macro" | "block" | "call" | "filter" => Tag::Open,
        "elif" | "else" => Tag::Else,
        w if w.starts_with("end") => Tag::Close,
        _ => Tag::Statement,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jinja_masks_in_place() {
        let j2 = "<a>{% if x %}<b>{{ v }}</b>{% endif %}</a>";
        let e = &extract(j2, Dialect::Jinja)[0];
        assert_eq!(e.text.len(), j2.len());
        assert_eq!(
            e.text,
            format!("<a>{}<b>xxxxxxx</b>{}</a>", " ".repeat(10), " ".repeat(11))
        );
        assert_eq!(e.optional.len(), 1);
        assert_eq!(e.optional[0], 13..27);
    }

    #[test]
    fn php_tags() {
        let tpl = "<a><?php if ($x) { ?><b><?php echo $v; ?></b><?php } ?></a>";
        let e = &extract(tpl, Dialect::Php)[0];
        assert_eq!(e.holes.len(), 1);
        assert_eq!(e.optional.len(), 1);
    }
}
