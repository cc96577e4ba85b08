//! Escaping what a reader cannot see or a consumer would obey: control characters (a newline
//! in a file name would start a new line of output, and so a new GitHub workflow command; an
//! ESC would drive the terminal), bidirectional overrides (Trojan Source), zero-width and
//! other invisible characters. Every text renderer passes file names, and the human renderer
//! also messages and snippet lines, through here.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` is invisible or acts on the output instead of being shown: C0 and C1 controls,
/// DEL, and the format, separator and blank characters that look like nothing or like a
/// space (the no-break space is one: it is the `nbsp-indentation` finding's whole point).
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}'
        | '\u{7f}'..='\u{a0}'
        | '\u{ad}'
        | '\u{34f}'
        | '\u{61c}'
        | '\u{115f}'..='\u{1160}'
        | '\u{17b4}'..='\u{17b5}'
        | '\u{180b}'..='\u{180f}'
        | '\u{2000}'..='\u{200f}'
        | '\u{2028}'..='\u{202f}'
        | '\u{205f}'..='\u{206f}'
        | '\u{3000}'
        | '\u{3164}'
        | '\u{fe00}'..='\u{fe0e}'
        | '\u{feff}'
        | '\u{ffa0}'
        | '\u{fff0}'..='\u{fffb}'
        | '\u{1d173}'..='\u{1d17a}'
        | '\u{e0000}'..='\u{e0fff}'
    )
}

/// How `c` is written when escaped: `\n`, `\r`, `\t`, `\\` or `\u{…}` (Rust's notation).
pub fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        _ => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
    }
}

/// `text` with every invisible character escaped (backslashes too when any is, so that the
/// escapes cannot be confused with text); borrowed when nothing needs it.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_invisible) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            c if is_invisible(c) => push_escaped(&mut out, c),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Like [`escape`], but keeps `\r` and `\n` for a consumer that encodes them itself (GitHub's
/// `%0A`): a path with a line break then still names its file.
pub fn escape_keeping_line_breaks(text: &str) -> Cow<'_, str> {
    let invisible = |c: char| is_invisible(c) && !matches!(c, '\r' | '\n');
    if !text.chars().any(invisible) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            c if invisible(c) => push_escaped(&mut out, c),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_cannot_be_seen_and_nothing_else() {
        assert_eq!(escape("a/b é😀.xml"), "a/b é😀.xml");
        assert_eq!(
            escape("a\n::error::x\u{1b}[31m\u{202e}\\"),
            "a\\n::error::x\\u{1b}[31m\\u{202e}\\\\"
        );
        assert_eq!(
            escape("\u{a0}\u{200b}\u{feff}"),
            "\\u{a0}\\u{200b}\\u{feff}"
        );
    }
}
