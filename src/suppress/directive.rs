//! Finding `plesk-lint-…` directives in XML comments.
//!
//! Comments are found by a small scanner rather than the XML parser, so directives in a file
//! that is not well-formed are still seen (the parser stops at the first error). The scanner
//! skips CDATA sections and processing instructions, the only other places where `<!--` can
//! occur as text.
//!
//! Grammar, inside one comment: `plesk-lint-KIND CODE[,| ]CODE… [: reason]`, where KIND is
//! `disable-next-element`, `disable`, `enable` or `disable-file`. The reason follows a colon
//! rather than ESLint's `--`, because XML forbids `--` inside comments.

use std::ops::Range;

use crate::codes::Code;

/// What a directive does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Suppresses the codes in the element that follows the comment.
    NextElement,
    /// Suppresses the codes from here to the matching `enable` (or the end of the file).
    Disable,
    /// Ends a `disable` range.
    Enable,
    /// Suppresses the codes in the whole file.
    File,
}

/// One directive, with the spans needed to report on it.
#[derive(Debug, Clone)]
pub struct Directive {
    /// What it does.
    pub kind: Kind,
    /// The whole comment, `<!--` to `-->`.
    pub comment: Range<usize>,
    /// The codes it names, each with the span of its name.
    pub codes: Vec<(Code, Range<usize>)>,
}

/// A comment that looks like a directive but is not a valid one.
#[derive(Debug, Clone)]
pub struct Invalid {
    /// Where the mistake is.
    pub span: Range<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
}

const PREFIX: &str = "plesk-lint-";
/// The longest directive read from a source file's comment: codes and a reason fit many times.
const MAX_DIRECTIVE: usize = 4096;

/// Every directive in the text, in order, and the comments that are broken directives.
/// `host_comments`: the text is a source file (src/embedded), whose directives are in its own
/// comments (`//`, `#`, `/* … */`); the XML comments inside its packets are applied to each
/// packet when it is checked.
pub fn scan(text: &str, host_comments: bool) -> (Vec<Directive>, Vec<Invalid>) {
    let mut directives = Vec::new();
    let mut invalid = Vec::new();
    let found: Vec<(Range<usize>, usize, &str)> = if host_comments {
        source_comments(text)
    } else {
        comments(text)
            .into_iter()
            .map(|(comment, body)| {
                let trimmed = body.trim_start();
                let start = body.len() - trimmed.len() + comment.start + 4;
                (comment, start, trimmed)
            })
            .collect()
    };
    for (comment, start, trimmed) in found {
        if !trimmed.starts_with(PREFIX) {
            continue;
        }
        match parse(trimmed, start, comment.clone()) {
            Ok(directive) => directives.push(directive),
            Err(error) => invalid.push(error),
        }
    }
    (directives, invalid)
}

/// Directives in a source file's own comments: `// plesk-lint-…`, `# plesk-lint-…`,
/// `/* plesk-lint-… */`, each to the end of its line. Each is the comment's range, where the
/// directive starts, and its text.
fn source_comments(text: &str) -> Vec<(Range<usize>, usize, &str)> {
    let mut found = Vec::new();
    let mut line_end = 0;
    for (at, _) in text.match_indices(PREFIX) {
        // Back over the white space of this line only (to its start, for each mention, was
        // quadratic on a long line of them).
        let before = text[..at].trim_end_matches(|c: char| c.is_whitespace() && c != '\n');
        let opener = ["//", "#", "/*", "*"]
            .into_iter()
            .find(|o| before.ends_with(o) && !before.ends_with("<!--"));
        let Some(opener) = opener else { continue };
        // The line's end found once per line, and at most [`MAX_DIRECTIVE`] bytes of it read:
        // each from its mention to the end of a long line of them took quadratic time.
        if line_end < at {
            line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        }
        let end = text.floor_char_boundary(line_end.min(at + MAX_DIRECTIVE));
        let body = text[at..end].trim_end_matches('\r');
        let body = body.split("*/").next().unwrap_or(body).trim_end();
        let comment_start = before.len() - opener.len();
        found.push((comment_start..at + body.len(), at, body));
    }
    found
}

/// Parses one directive; `text` starts with the prefix at byte `at` of the file.
fn parse(text: &str, at: usize, comment: Range<usize>) -> Result<Directive, Invalid> {
    let text = text.split(':').next().unwrap_or(text).trim_end();
    let word_end = text.find(char::is_whitespace).unwrap_or(text.len());
    let word = &text[..word_end];
    let kind = match &word[PREFIX.len()..] {
        "disable-next-element" => Kind::NextElement,
        "disable" => Kind::Disable,
        "enable" => Kind::Enable,
        "disable-file" => Kind::File,
        _ => {
            return Err(Invalid {
                span: at..at + word.len(),
                message: format!("unknown directive `{word}`"),
                help: "use plesk-lint-disable-next-element, plesk-lint-disable, \
                       plesk-lint-enable or plesk-lint-disable-file"
                    .into(),
            });
        }
    };
    let mut codes = Vec::new();
    let mut offset = word_end;
    for token in text[word_end..].split([',', ' ', '\t', '\r', '\n']) {
        let token_at = at + offset + text[offset..].find(token).unwrap_or(0);
        offset = token_at - at + token.len();
        if token.is_empty() {
            continue;
        }
        let span = token_at..token_at + token.len();
        match Code::from_name(token) {
            Some(code) if code.is_run_error() => {
                return Err(Invalid {
                    span,
                    message: format!("`{code}` cannot be suppressed"),
                    help: "unreadable files, broken rules and bad configuration always fail \
                           the run"
                        .into(),
                });
            }
            Some(code) => codes.push((code, span)),
            None => {
                let closest = crate::check::best_match(token, Code::names());
                return Err(Invalid {
                    span,
                    message: format!("unknown rule code `{token}` in `{word}`"),
                    help: match closest {
                        Some(name) => format!("did you mean `{name}`?"),
                        None => "`plesk-lint explain CODE` documents every code".into(),
                    },
                });
            }
        }
    }
    if codes.is_empty() {
        return Err(Invalid {
            span: at..at + word.len(),
            message: format!("`{word}` names no rule code"),
            help: format!("name the codes, for example `<!-- {word} out-of-order -->`"),
        });
    }
    Ok(Directive {
        kind,
        comment,
        codes,
    })
}

/// Every comment: its full span and its body (between `<!--` and `-->`).
fn comments(text: &str) -> Vec<(Range<usize>, &str)> {
    let mut found = Vec::new();
    let mut rest = 0;
    while let Some(open) = text[rest..].find('<').map(|i| rest + i) {
        let tail = &text[open..];
        let (skip_to, close) = if tail.starts_with("<!--") {
            ("<!--".len(), "-->")
        } else if tail.starts_with("<![CDATA[") {
            ("<![CDATA[".len(), "]]>")
        } else if tail.starts_with("<?") {
            ("<?".len(), "?>")
        } else {
            rest = open + 1;
            continue;
        };
        let body_start = open + skip_to;
        let Some(end) = text[body_start..].find(close).map(|i| body_start + i) else {
            break;
        };
        if close == "-->" {
            found.push((open..end + close.len(), &text[body_start..end]));
        }
        rest = end + close.len();
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_directives_with_code_spans() {
        let text = "<a><![CDATA[<!-- plesk-lint-disable x -->]]>\
                    <!-- plesk-lint-disable-next-element out-of-order, too-many: why -->";
        let (directives, invalid) = scan(text, false);
        assert!(invalid.is_empty(), "{invalid:?}");
        assert_eq!(directives.len(), 1);
        let directive = &directives[0];
        assert_eq!(directive.kind, Kind::NextElement);
        let names: Vec<&str> = directive
            .codes
            .iter()
            .map(|(_, span)| &text[span.clone()])
            .collect();
        assert_eq!(names, ["out-of-order", "too-many"]);
    }

    #[test]
    fn reports_unknown_directives_and_codes() {
        let (_, invalid) = scan(
            "<!-- plesk-lint-disabel x --><!-- plesk-lint-disable out-of-ordr -->",
            false,
        );
        assert_eq!(invalid.len(), 2);
        assert!(invalid[1].help.contains("out-of-order"), "{invalid:?}");
        let (_, invalid) = scan("<!-- plesk-lint-disable-file -->", false);
        assert!(invalid[0].message.contains("names no rule code"));
    }
}
