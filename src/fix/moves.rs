//! Moves and removals that respect lines: an element alone on its lines moves with those whole
//! lines, the comments written directly above it and a comment after it on its last line, and
//! lands on lines of its own beside its new sibling, indented like that sibling; a removed
//! element takes its lines with it; an inserted element gets a line of its own, indented like
//! its siblings.
//!
//! Moving only the element's bytes (and the white space before it) works, but leaves an empty
//! line behind or glues two elements onto one line when the element goes before its first
//! sibling; a person moving the element in an editor moves its lines.

use std::ops::Range;

use crate::diagnostic::Edit;

/// A text that fixes are computed in, and where it starts in the file when it is a part of it
/// (a piece of a large packet, checked on its own): a line begun before the piece has the
/// file's indentation, not none.
#[derive(Debug, Clone, Copy)]
pub struct Lines<'t> {
    /// The text.
    pub text: &'t str,
    /// Where it starts.
    pub origin: Origin<'t>,
}

/// Where a text starts ([`Lines`]).
#[derive(Debug, Clone, Copy, Default)]
pub enum Origin<'t> {
    /// The text is the file.
    #[default]
    File,
    /// The text is the part of `file` from `start` on (or stands for it: the shell of an
    /// element). Looked at only when [`indentation`] looks back past the text's start, which
    /// few fixes do: finding the line's start for every piece would cost a look-back each.
    Within {
        /// The whole file.
        file: &'t str,
        /// Where the text starts in it.
        start: usize,
    },
}

impl<'t> From<&'t str> for Lines<'t> {
    fn from(text: &'t str) -> Lines<'t> {
        Lines {
            text,
            origin: Origin::File,
        }
    }
}

impl<'t> Lines<'t> {
    /// Where the part of the text from `start` on (a piece of it) starts.
    pub fn origin(&self, start: usize) -> Origin<'t> {
        match self.origin {
            Origin::File => Origin::Within {
                file: self.text,
                start,
            },
            Origin::Within { file, start: at } => Origin::Within {
                file,
                start: at + start,
            },
        }
    }
}

/// Where a moved element goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// Right after the sibling spanning this range.
    After(Range<usize>),
    /// Right before the sibling spanning this range.
    Before(Range<usize>),
}

/// The edits that move the element spanning `element` to `place`, line by line; `None` when
/// the element or the place is not on lines of its own (the caller then moves the bytes).
pub fn move_element<'t>(
    lines: impl Into<Lines<'t>>,
    element: Range<usize>,
    place: &Place,
) -> Option<Vec<Edit>> {
    let lines = lines.into();
    let text = lines.text;
    let block = own_lines(text, element.clone())?;
    let old_indent = indentation(lines, element.start);
    let (at, sibling) = match place {
        Place::After(sibling) => (line_end_after(text, sibling.end)?, sibling),
        Place::Before(sibling) => {
            let line = line_start_before(text, sibling.start)?;
            (with_comments_above(text, line), sibling)
        }
    };
    // Inside the moved lines, or where they already are: nothing to move line by line.
    if at >= block.start && at <= block.end {
        return None;
    }
    let new_indent = indentation(lines, sibling.start);
    let moved = reindent(&text[block.clone()], old_indent, new_indent);
    let mut edits = vec![
        Edit {
            span: block,
            replacement: String::new(),
        },
        Edit {
            span: at..at,
            replacement: moved,
        },
    ];
    edits.sort_by_key(|edit| edit.span.start);
    Some(edits)
}

/// The edit that removes the element spanning `element`: its whole lines (with a comment after
/// it on its last line) when it is alone on them, else the element and the white space
/// before it. Comments above it stay: they may say more than this one element.
pub fn remove_element(text: &str, element: Range<usize>) -> Edit {
    let lines = line_start_before(text, element.start)
        .and_then(|start| Some(start..line_end_after(text, element.end)?));
    let span = lines.unwrap_or_else(|| {
        let before = text[..element.start].trim_end_matches([' ', '\t', '\n', '\r']);
        before.len()..element.end
    });
    Edit {
        span,
        replacement: String::new(),
    }
}

/// The edit that inserts `element` (the text of a whole element) at `place`: on a line of its
/// own, indented like the sibling and ended like that sibling's line, when the sibling is alone
/// on its line; else right beside the sibling.
pub fn insert_element<'t>(lines: impl Into<Lines<'t>>, place: &Place, element: &str) -> Edit {
    let lines = lines.into();
    let text = lines.text;
    let (sibling, at) = match place {
        Place::After(sibling) => (
            sibling,
            line_start_before(text, sibling.start).and(line_end_after(text, sibling.end)),
        ),
        Place::Before(sibling) => (
            sibling,
            line_start_before(text, sibling.start).map(|line| with_comments_above(text, line)),
        ),
    };
    let beside = match place {
        Place::After(sibling) => sibling.end,
        Place::Before(sibling) => sibling.start,
    };
    let Some(at) = at else {
        return Edit {
            span: beside..beside,
            replacement: element.to_string(),
        };
    };
    // The line end of the sibling's line, so a CRLF file gets a CRLF line.
    let rest = &text[sibling.end..];
    let newline = match rest.find(['\n', '\r']) {
        Some(i) if rest[i..].starts_with("\r\n") => "\r\n",
        Some(i) if rest[i..].starts_with('\r') => "\r",
        _ => "\n",
    };
    let indent = indentation(lines, sibling.start);
    Edit {
        span: at..at,
        replacement: format!("{indent}{element}{newline}"),
    }
}

/// The lines the element spanning `element` occupies alone, with the comment lines directly
/// above it and a comment after it on its last line, line end included.
fn own_lines(text: &str, element: Range<usize>) -> Option<Range<usize>> {
    let start = line_start_before(text, element.start)?;
    let end = line_end_after(text, element.end)?;
    Some(with_comments_above(text, start)..end)
}

/// The start of the line `offset` is on, when only spaces and tabs come before it there.
/// Looks back over the spaces and tabs alone: a finding with a fix on a long minified line
/// must not scan back to the line's start (a one-line packet of 400,000 findings took minutes).
fn line_start_before(text: &str, offset: usize) -> Option<usize> {
    let before = text[..offset].trim_end_matches([' ', '\t']);
    match before.as_bytes().last() {
        None | Some(b'\n' | b'\r') => Some(before.len()),
        Some(_) => None,
    }
}

/// The offset after the line end that follows `offset`, when only spaces, tabs and one
/// comment come between them.
fn line_end_after(text: &str, offset: usize) -> Option<usize> {
    let mut rest = text[offset..].trim_start_matches([' ', '\t']);
    if let Some(comment) = rest.strip_prefix("<!--") {
        let close = comment.find("-->")?;
        if comment[..close].contains(['\n', '\r']) {
            return None;
        }
        rest = comment[close + 3..].trim_start_matches([' ', '\t']);
    }
    let newline = if rest.starts_with("\r\n") {
        2
    } else if rest.starts_with(['\n', '\r']) {
        1
    } else {
        return None;
    };
    Some(text.len() - rest.len() + newline)
}

/// Moves the line start `start` up over the lines above it that hold only a comment (one
/// comment may span several lines), stopping at an empty line or any other content.
fn with_comments_above(text: &str, mut start: usize) -> usize {
    loop {
        let before = &text[..start];
        let trimmed = before
            .trim_end_matches(['\n', '\r'])
            .trim_end_matches([' ', '\t']);
        // Exactly one line end between the comment and the line below it.
        let breaks = &before[trimmed.len()..];
        let one_break = matches!(breaks.trim_start_matches([' ', '\t']), "\n" | "\r\n" | "\r");
        if !one_break || !trimmed.ends_with("-->") {
            return start;
        }
        let Some(open) = trimmed.rfind("<!--") else {
            return start;
        };
        if trimmed[open..trimmed.len() - 3].contains("-->") {
            return start;
        }
        match line_start_before(text, open) {
            Some(line) => start = line,
            None => return start,
        }
    }
}

/// How far back [`indentation`] looks for the start of a line that has more than indentation
/// before `offset`: a line longer than this is not laid out by hand, and looking back to its
/// start for every finding on it would take time quadratic in its length.
const LINE_LOOK_BACK: usize = 4096;

/// The spaces and tabs that start the line `offset` is on (none on a line that starts more
/// than [`LINE_LOOK_BACK`] bytes before it), in the file a piece is part of.
pub(crate) fn indentation<'t>(lines: impl Into<Lines<'t>>, offset: usize) -> &'t str {
    let Lines { text, origin } = lines.into();
    if let Some(start) = line_start_before(text, offset) {
        return &text[start..offset];
    }
    let from = text.ceil_char_boundary(offset.saturating_sub(LINE_LOOK_BACK));
    let Some(newline) = text[from..offset].rfind(['\n', '\r']) else {
        return match (from, origin) {
            (0, Origin::File) => leading_blanks(&text[..offset]),
            // The line began before the piece: as the file has it.
            (0, Origin::Within { file, start }) if file.is_char_boundary(start + offset) => {
                indentation(file, start + offset)
            }
            _ => "",
        };
    };
    leading_blanks(&text[from + newline + 1..offset])
}

/// The spaces and tabs `line` starts with.
fn leading_blanks(line: &str) -> &str {
    &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
}

/// `block`, each line that starts with `old` starting with `new` instead.
fn reindent(block: &str, old: &str, new: &str) -> String {
    if old == new {
        return block.to_string();
    }
    block
        .split_inclusive('\n')
        .map(|line| match line.strip_prefix(old) {
            Some(rest) => format!("{new}{rest}"),
            None => line.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, edits: &[Edit]) -> String {
        let mut out = text.to_string();
        for edit in edits.iter().rev() {
            out.replace_range(edit.span.clone(), &edit.replacement);
        }
        out
    }

    fn range(text: &str, element: &str) -> Range<usize> {
        let start = text.find(element).expect("element in text");
        start..start + element.len()
    }

    #[test]
    fn moves_whole_lines_with_comments_before_the_first_sibling() {
        let text = "<a>\r\n  <b>1</b>\r\n  <!-- why -->\r\n  <c>2</c> <!-- c -->\r\n</a>\r\n";
        let c = range(text, "<c>2</c>");
        let b = range(text, "<b>1</b>");
        let edits = move_element(text, c, &Place::Before(b)).expect("line-aware");
        assert_eq!(
            apply(text, &edits),
            "<a>\r\n  <!-- why -->\r\n  <c>2</c> <!-- c -->\r\n  <b>1</b>\r\n</a>\r\n"
        );
    }

    #[test]
    fn takes_the_indentation_of_the_new_siblings() {
        let text = "<a>\n\t<b/>\n\t<c/>\n    <d>\n      <e/>\n    </d>\n</a>";
        let d = range(text, "<d>\n      <e/>\n    </d>");
        let b = range(text, "<b/>");
        let edits = move_element(text, d, &Place::After(b)).expect("line-aware");
        assert_eq!(
            apply(text, &edits),
            "<a>\n\t<b/>\n\t<d>\n\t  <e/>\n\t</d>\n\t<c/>\n</a>"
        );
    }

    #[test]
    fn removals_take_whole_lines_or_the_white_space_before() {
        let text = "<a>\r\n  <b/> <!-- b -->\r\n  <c/><d/>\r\n</a>";
        let b = remove_element(text, range(text, "<b/>"));
        assert_eq!(apply(text, &[b]), "<a>\r\n  <c/><d/>\r\n</a>");
        let d = remove_element(text, range(text, "<d/>"));
        assert_eq!(
            apply(text, &[d]),
            "<a>\r\n  <b/> <!-- b -->\r\n  <c/>\r\n</a>"
        );
    }

    #[test]
    fn insertions_get_a_line_of_their_own() {
        let text = "<a>\r\n\t<!-- c -->\r\n\t<c/>\r\n</a>";
        let c = range(text, "<c/>");
        let before = insert_element(text, &Place::Before(c.clone()), "<b>1</b>");
        assert_eq!(
            apply(text, &[before]),
            "<a>\r\n\t<b>1</b>\r\n\t<!-- c -->\r\n\t<c/>\r\n</a>"
        );
        let after = insert_element(text, &Place::After(c), "<d>1</d>");
        assert_eq!(
            apply(text, &[after]),
            "<a>\r\n\t<!-- c -->\r\n\t<c/>\r\n\t<d>1</d>\r\n</a>"
        );
        let inline = "<a><c/></a>";
        let after = insert_element(inline, &Place::After(range(inline, "<c/>")), "<d/>");
        assert_eq!(apply(inline, &[after]), "<a><c/><d/></a>");
    }

    #[test]
    fn elements_sharing_a_line_are_left_to_the_byte_move() {
        let text = "<a><b/><c/></a>";
        assert_eq!(
            move_element(
                text,
                range(text, "<c/>"),
                &Place::Before(range(text, "<b/>"))
            ),
            None
        );
    }
}
