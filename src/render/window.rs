//! A window of one source line for the human snippet: the part around the marked spans that
//! fits the columns available, with `…` where the line is cut, tabs drawn as four spaces,
//! invisible characters escaped, and wide characters counted two columns.
//!
//! Everything here walks at most a few times the window's width from the marked span, never
//! the whole line: a million findings on one 50 MB line cost a million small windows.

use std::ops::Range;

use unicode_width::UnicodeWidthChar;

use super::escape::{is_invisible, push_escaped};

/// How a tab is drawn.
const TAB: &str = "    ";

/// The cut mark.
pub const ELLIPSIS: char = '…';

/// At most this many characters are walked per column of the window: zero-width characters
/// (combining marks) take no column, and must not make a walk unbounded.
const STEPS_PER_COLUMN: usize = 4;

/// The columns `c` takes when drawn.
pub fn width(c: char) -> usize {
    match c {
        '\t' => TAB.len(),
        c if is_invisible(c) => escaped_len(c),
        c => c.width().unwrap_or_else(|| escaped_len(c)),
    }
}

fn escaped_len(c: char) -> usize {
    let mut s = String::new();
    push_escaped(&mut s, c);
    s.len()
}

fn push_drawn(out: &mut String, c: char) {
    match c {
        '\t' => out.push_str(TAB),
        c if is_invisible(c) || c.width().is_none() => push_escaped(out, c),
        c => out.push(c),
    }
}

/// The width of `line[range]`, or `None` if it is wider than `limit` (found without walking
/// further than that).
pub fn width_within(line: &str, range: Range<usize>, limit: usize) -> Option<usize> {
    let mut total = 0;
    for (steps, c) in line[range].chars().enumerate() {
        total += width(c);
        if total > limit || steps > limit * STEPS_PER_COLUMN {
            return None;
        }
    }
    Some(total)
}

/// The byte range of `line` to show so that `focus` (a byte range inside it) is in view,
/// preceded by a little context, within `budget` columns including the cut marks.
pub fn choose(line: &str, focus: Range<usize>, budget: usize) -> Range<usize> {
    if width_within(line, 0..line.len(), budget).is_some() {
        return 0..line.len();
    }
    // Both cut marks may be needed.
    let budget = budget.saturating_sub(2).max(8);
    let max_steps = budget * STEPS_PER_COLUMN;
    let walk_back = |from: usize, columns: usize| {
        let mut start = from;
        let mut used = 0;
        for (steps, (at, c)) in line[..from].char_indices().rev().enumerate() {
            used += width(c);
            if used > columns || steps > max_steps {
                break;
            }
            start = at;
        }
        (start, used.min(columns))
    };
    let (start, _) = walk_back(focus.start, budget / 4);
    let mut end = start;
    let mut used = 0;
    for (steps, (at, c)) in line[start..].char_indices().enumerate() {
        used += width(c);
        if used > budget || steps > max_steps {
            used -= width(c);
            break;
        }
        end = start + at + c.len_utf8();
    }
    // At the line's end with columns to spare: show more of what comes before.
    if end == line.len() && used < budget {
        let (earlier, _) = walk_back(start, budget - used);
        return earlier..end;
    }
    start..end
}

/// The drawn text of `line[window]`, with a cut mark on each side where the line goes on,
/// and the columns (start, end exclusive, 0-based) of each mark, clipped to the window. An
/// empty mark (an insertion point) takes one column.
pub fn draw(
    line: &str,
    window: Range<usize>,
    marks: &[Range<usize>],
) -> (String, Vec<Range<usize>>) {
    let mut text = String::new();
    let mut column = 0;
    if window.start > 0 {
        text.push(ELLIPSIS);
        column += 1;
    }
    // The column where each character of the window starts, and where the window ends.
    let mut starts: Vec<(usize, usize)> = Vec::new();
    for (at, c) in line[window.clone()].char_indices() {
        starts.push((window.start + at, column));
        push_drawn(&mut text, c);
        column += width(c);
    }
    let end_column = column;
    if window.end < line.len() {
        text.push(ELLIPSIS);
    }
    let column_of = |offset: usize| {
        let index = starts.partition_point(|&(at, _)| at < offset);
        starts.get(index).map_or(end_column, |&(_, column)| column)
    };
    let columns = marks
        .iter()
        .map(|mark| {
            let start = column_of(mark.start.max(window.start));
            let end = column_of(mark.end.min(window.end)).max(start + 1);
            start..end
        })
        .collect();
    (text, columns)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::single_range_in_vec_init)]
    use super::*;

    #[test]
    fn a_short_line_is_shown_whole() {
        let line = "\t<a>x</a>";
        assert_eq!(choose(line, 4..5, 80), 0..line.len());
        let (text, marks) = draw(line, 0..line.len(), &[4..5]);
        assert_eq!(text, "    <a>x</a>");
        assert_eq!(marks, vec![7..8]);
    }

    #[test]
    fn a_long_line_is_cut_around_the_mark_within_the_budget() {
        let line = format!("{}<bad/>{}", "\t".repeat(20_000), "😀".repeat(20_000));
        let at = line.find("<bad/>").unwrap();
        let window = choose(&line, at..at + 6, 100);
        let (text, marks) = draw(&line, window, &[at..at + 6]);
        assert!(
            text.starts_with(ELLIPSIS) && text.ends_with(ELLIPSIS),
            "{text}"
        );
        assert!(text.chars().map(width).sum::<usize>() <= 100, "{text}");
        let mark = marks[0].clone();
        assert_eq!(mark.len(), 6);
        let chars: Vec<char> = text.chars().collect();
        // Every character before the mark is one column wide here (a cut mark and spaces).
        assert_eq!(chars[mark.start], '<');
    }

    proptest::proptest! {
        /// Whatever the line (tabs, wide, zero-width and invisible characters, any length)
        /// and wherever the mark, the window fits the budget, contains the mark's start, and
        /// the mark's columns lie inside the drawn text.
        #[test]
        fn windows_fit_and_hold_their_mark(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec!["a", "\t", "😀", "\u{301}", "\u{202e}", "\u{0}", "é", "<x/>"]),
                0..3000,
            ),
            at in 0usize..10_000,
            len in 0usize..50,
            budget in 20usize..200,
        ) {
            let line: String = pieces.concat();
            let floor = |mut i: usize| {
                i = i.min(line.len());
                while !line.is_char_boundary(i) {
                    i -= 1;
                }
                i
            };
            let start = floor(at);
            let end = floor(start + len).max(start);
            let window = choose(&line, start..end, budget);
            proptest::prop_assert!(window.start <= start && start <= window.end);
            let (text, marks) = draw(&line, window, &[start..end]);
            let columns: usize = text.chars().map(width).sum();
            proptest::prop_assert!(columns <= budget, "{} > {}", columns, budget);
            proptest::prop_assert!(marks[0].start <= columns && marks[0].end <= columns + 1);
        }
    }

    #[test]
    fn invisible_characters_are_escaped_and_counted() {
        let line = "a\u{202e}b\u{0}c";
        let (text, marks) = draw(line, 0..line.len(), &[line.find('c').unwrap()..line.len()]);
        assert_eq!(text, "a\\u{202e}b\\u{0}c");
        assert_eq!(marks, vec![15..16]);
    }
}
