//! Messages that show every character: a finding about `5​` (a zero-width space after the
//! 5) that printed it raw would look like a finding about a valid value. Invisible and control
//! characters in a message, a label or a help text are written out by code point and name,
//! `[U+200B ZERO WIDTH SPACE]`; everything else, non-ASCII text included, stays as it is.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::diagnostic::Diagnostic;

/// `text` with every invisible or control character written out.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| name(c).is_some()) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 32);
    for c in text.chars() {
        match name(c) {
            Some(name) => {
                let _ = write!(out, "[U+{:04X} {name}]", c as u32);
            }
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Escapes the texts a reader sees of `diagnostic`.
pub fn escape_diagnostic(diagnostic: &mut Diagnostic) {
    let fix = |text: &mut String| {
        if let Cow::Owned(escaped) = escape(text) {
            *text = escaped;
        }
    };
    fix(&mut diagnostic.message);
    if let Some(help) = &mut diagnostic.help {
        fix(help);
    }
    let labels = std::iter::once(&mut diagnostic.primary).chain(&mut diagnostic.secondary);
    for label in labels {
        if let Some(message) = &mut label.message {
            fix(message);
        }
    }
}

/// The name of a character that does not show, or shows as a plain space; `None` for the
/// others (the ASCII space included).
fn name(c: char) -> Option<&'static str> {
    Some(match c {
        '\t' => "CHARACTER TABULATION",
        '\n' => "LINE FEED",
        '\r' => "CARRIAGE RETURN",
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => "CONTROL",
        '\u{a0}' => "NO-BREAK SPACE",
        '\u{ad}' => "SOFT HYPHEN",
        '\u{34f}' => "COMBINING GRAPHEME JOINER",
        '\u{61c}' => "ARABIC LETTER MARK",
        '\u{115f}' | '\u{1160}' | '\u{3164}' | '\u{ffa0}' => "HANGUL FILLER",
        '\u{180e}' => "MONGOLIAN VOWEL SEPARATOR",
        '\u{2000}' => "EN QUAD",
        '\u{2001}' => "EM QUAD",
        '\u{2002}' => "EN SPACE",
        '\u{2003}' => "EM SPACE",
        '\u{2004}' => "THREE-PER-EM SPACE",
        '\u{2005}' => "FOUR-PER-EM SPACE",
        '\u{2006}' => "SIX-PER-EM SPACE",
        '\u{2007}' => "FIGURE SPACE",
        '\u{2008}' => "PUNCTUATION SPACE",
        '\u{2009}' => "THIN SPACE",
        '\u{200a}' => "HAIR SPACE",
        '\u{200b}' => "ZERO WIDTH SPACE",
        '\u{200c}' => "ZERO WIDTH NON-JOINER",
        '\u{200d}' => "ZERO WIDTH JOINER",
        '\u{200e}' => "LEFT-TO-RIGHT MARK",
        '\u{200f}' => "RIGHT-TO-LEFT MARK",
        '\u{2028}' => "LINE SEPARATOR",
        '\u{2029}' => "PARAGRAPH SEPARATOR",
        '\u{202a}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202b}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202c}' => "POP DIRECTIONAL FORMATTING",
        '\u{202d}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202e}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{202f}' => "NARROW NO-BREAK SPACE",
        '\u{205f}' => "MEDIUM MATHEMATICAL SPACE",
        '\u{2060}' => "WORD JOINER",
        '\u{2061}' => "FUNCTION APPLICATION",
        '\u{2062}' => "INVISIBLE TIMES",
        '\u{2063}' => "INVISIBLE SEPARATOR",
        '\u{2064}' => "INVISIBLE PLUS",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{206a}'..='\u{206f}' => "DEPRECATED FORMAT CHARACTER",
        '\u{3000}' => "IDEOGRAPHIC SPACE",
        '\u{feff}' => "ZERO WIDTH NO-BREAK SPACE",
        '\u{fff9}'..='\u{fffb}' => "INTERLINEAR ANNOTATION",
        '\u{e0000}'..='\u{e007f}' => "TAG",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn invisible_characters_are_named_and_text_stays() {
        assert_eq!(escape("`5\u{200b}`"), "`5[U+200B ZERO WIDTH SPACE]`");
        assert_eq!(
            escape("a\u{a0}b\u{1}"),
            "a[U+00A0 NO-BREAK SPACE]b[U+0001 CONTROL]"
        );
        assert_eq!(escape("Straße … 東京 a b"), "Straße … 東京 a b");
        assert_eq!(escape("x\ny"), "x[U+000A LINE FEED]y");
    }
}
