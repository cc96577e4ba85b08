//! An embedded packet as it is read: the text the engine checks, and its
//! [`SpanMap`] back to the host file (the one span-map type of `crate::span_map`).
//!
//! The checked text is built piece by piece while a host literal is read. A straight run of
//! the literal is copied and maps byte for byte; an escape (`\"`, `''`, `\n`), a folded YAML
//! line break or a hole's filler maps as one opaque segment onto the host bytes it came from;
//! stripped indentation simply is not copied, so the next run starts a new segment. Text the
//! extractor adds (the `<packet>` envelope around a fragment) maps onto an empty host range.

use std::ops::Range;

use crate::rules::Direction;
use crate::span_map::{Segment, SpanMap};

/// What a hole stands for, decided by where it sits in the packet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HoleKind {
    /// Inside an element's text: some value.
    Leaf,
    /// Inside an attribute value.
    Attribute,
    /// Between elements: any number of elements.
    Subtree,
    /// In a tag: any element allowed there.
    TagName,
}

/// A placeholder of the host (`$x`, `{{ x }}`, `%s`), masked in the checked text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hole {
    /// Its filler's range in the checked text.
    pub checked: Range<usize>,
    /// Its range in the host file.
    pub host: Range<usize>,
    /// Where it sits; set once the packet is known.
    pub kind: HoleKind,
}

/// A literal (or concatenation, or template) read from a host file, before detection.
#[derive(Debug, Clone)]
pub struct Extracted {
    /// The decoded text, holes masked in place.
    pub text: String,
    /// Where each byte of `text` came from in the host file.
    pub map: SpanMap,
    /// The holes, in order.
    pub holes: Vec<Hole>,
    /// Regions a template's control flow makes optional or repeatable (checked text).
    pub optional: Vec<Range<usize>>,
    /// Whether a marker comment (`plesk-lint: packet`, `language=XML`) precedes it.
    pub marked: bool,
    /// Request or response, when the host says (a cassette's request or response body).
    pub direction: Option<Direction>,
    /// Where the literal starts in the host file.
    pub host_start: usize,
    /// Where the literal (with its closing delimiter, the last piece of a concatenation, a
    /// heredoc's closing marker) ends in the host file, when its reader says; else 0.
    pub host_end: usize,
}

impl Extracted {
    /// An empty text starting at `host_start`.
    pub fn at(host_start: usize) -> Extracted {
        Extracted {
            text: String::new(),
            map: SpanMap::literal(host_start),
            holes: Vec::new(),
            optional: Vec::new(),
            marked: false,
            direction: None,
            host_start,
            host_end: 0,
        }
    }

    /// Copies host bytes `host_start..` verbatim (`text` is exactly those bytes).
    pub fn exact(&mut self, host_start: usize, text: &str) {
        if text.is_empty() {
            return;
        }
        let at = self.text.len();
        self.text.push_str(text);
        let host = host_start..host_start + text.len();
        if let Some(last) = self.map.segments_mut().last_mut()
            && last.exact
            && last.checked.end == at
            && last.host.end == host.start
        {
            last.checked.end = self.text.len();
            last.host.end = host.end;
            return;
        }
        self.map.segments_mut().push(Segment {
            checked: at..self.text.len(),
            host,
            exact: true,
        });
    }

    /// Copies a straight run of literal text, masking the placeholders `style` recognises
    /// (`%s`, `%(name)s`, `{UPPER}`, `{name}`) as holes.
    pub fn run(&mut self, host_start: usize, text: &str, style: Placeholders) {
        let bytes = text.as_bytes();
        let mut copied = 0;
        let mut i = 0;
        while i < bytes.len() {
            let len = match bytes[i] {
                b'%' if style.printf => printf_len(&bytes[i..]),
                b'{' if style.braces != Braces::None => braces_len(&bytes[i..], style.braces),
                _ => 0,
            };
            if len == 0 {
                i += 1;
                continue;
            }
            self.exact(host_start + copied, &text[copied..i]);
            self.hole(host_start + i..host_start + i + len, len);
            i += len;
            copied = i;
        }
        self.exact(host_start + copied, &text[copied..]);
    }

    /// Appends `text`, decoded from the host bytes `host` (an escape, a folded line break).
    pub fn decoded(&mut self, host: Range<usize>, text: &str) {
        let at = self.text.len();
        self.text.push_str(text);
        self.map.segments_mut().push(Segment {
            checked: at..self.text.len(),
            host,
            exact: false,
        });
    }

    /// Appends text the host does not hold (an envelope), mapped to the empty range at `at`.
    pub fn synthetic(&mut self, host_at: usize, text: &str) {
        self.decoded(host_at..host_at, text);
    }

    /// Masks the placeholder at `host` with a filler of `len` name characters (at least one).
    pub fn hole(&mut self, host: Range<usize>, len: usize) {
        let at = self.text.len();
        let filler = "x".repeat(len.clamp(1, 64));
        self.decoded(host.clone(), &filler);
        self.holes.push(Hole {
            checked: at..self.text.len(),
            host,
            kind: HoleKind::Leaf,
        });
    }

    /// Masks a template's statement (`{% if %}`, `<?php } ?>`) with whitespace: it is no value.
    pub fn blank(&mut self, host: Range<usize>, host_text: &str) {
        let blank: String = host_text
            .chars()
            .map(|c| if c == '\n' || c == '\r' { c } else { ' ' })
            .collect();
        // Same length and same line breaks: the lines stay where they were.
        let at = self.text.len();
        self.text.push_str(&blank);
        self.map.segments_mut().push(Segment {
            checked: at..self.text.len(),
            host,
            exact: blank.len() == host_text.len(),
        });
    }

    /// Appends `other` (a further piece of a concatenation) after this text.
    pub fn append(&mut self, other: Extracted) {
        let shift = self.text.len();
        self.text.push_str(&other.text);
        let moved = |r: &Range<usize>| r.start + shift..r.end + shift;
        let segments = other.map.segments();
        self.map
            .segments_mut()
            .extend(segments.iter().map(|s| Segment {
                checked: moved(&s.checked),
                ..s.clone()
            }));
        self.holes.extend(other.holes.iter().map(|h| Hole {
            checked: moved(&h.checked),
            ..h.clone()
        }));
        self.optional.extend(other.optional.iter().map(moved));
    }

    /// Masks every match of a project's placeholder pattern inside a straight run as a hole
    /// of the same length, so every other offset stays where it was.
    pub fn mask(&mut self, pattern: &regex::Regex) {
        let mut found: Vec<(usize, Range<usize>)> = Vec::new();
        for (index, segment) in self.map.segments().iter().enumerate() {
            if !segment.exact {
                continue;
            }
            let run = &self.text[segment.checked.clone()];
            for m in pattern.find_iter(run) {
                if !m.is_empty() {
                    let at = segment.checked.start;
                    found.push((index, at + m.start()..at + m.end()));
                }
            }
        }
        for (index, range) in found.into_iter().rev() {
            let segment = self.map.segments()[index].clone();
            let host = |offset: usize| segment.host.start + (offset - segment.checked.start);
            let pieces = [
                (segment.checked.start..range.start, true),
                (range.clone(), false),
                (range.end..segment.checked.end, true),
            ];
            let replacement: Vec<Segment> = pieces
                .into_iter()
                .filter(|(r, _)| !r.is_empty())
                .map(|(r, exact)| Segment {
                    host: host(r.start)..host(r.end),
                    checked: r,
                    exact,
                })
                .collect();
            self.map.segments_mut().splice(index..=index, replacement);
            self.text
                .replace_range(range.clone(), &"x".repeat(range.len()));
            self.holes.push(Hole {
                host: host(range.start)..host(range.end),
                checked: range,
                kind: HoleKind::Leaf,
            });
        }
        self.holes.sort_by_key(|h| h.checked.start);
    }

    /// The host range of a checked range. Offsets inside an opaque segment widen to it.
    pub fn host_range(&self, range: &Range<usize>) -> Range<usize> {
        self.map.origin_range(range)
    }

    /// Whether the checked range maps byte for byte (a fix can be written back there).
    pub fn is_exact(&self, range: &Range<usize>) -> bool {
        self.map.is_exact(range)
    }

    /// The text `keep` of this one, between `prefix` and `suffix` (which map to where `keep`
    /// starts and ends): how a detected packet is cut out of its literal and a fragment gets
    /// its envelope.
    pub fn reframe(&self, keep: Range<usize>, prefix: &str, suffix: &str) -> Extracted {
        let mut out = Extracted {
            marked: self.marked,
            direction: self.direction,
            host_end: self.host_end,
            ..Extracted::at(self.host_start)
        };
        let host_at = self.map.origin_point(keep.start, false);
        out.synthetic(host_at, prefix);
        let shift = |offset: usize| offset - keep.start + prefix.len();
        for segment in self.map.segments() {
            let start = segment.checked.start.max(keep.start);
            let end = segment.checked.end.min(keep.end);
            if start >= end {
                continue;
            }
            let piece = &self.text[start..end];
            if segment.exact {
                let host = segment.host.start + (start - segment.checked.start);
                out.exact(host, piece);
            } else {
                out.decoded(segment.host.clone(), piece);
            }
        }
        let host_end = self.map.origin_point(keep.end, true);
        out.synthetic(host_end, suffix);
        out.holes = self
            .holes
            .iter()
            .filter(|h| h.checked.start >= keep.start && h.checked.end <= keep.end)
            .map(|h| Hole {
                checked: shift(h.checked.start)..shift(h.checked.end),
                ..h.clone()
            })
            .collect();
        out.optional = self
            .optional
            .iter()
            .filter(|r| r.start < keep.end && r.end > keep.start)
            .map(|r| shift(r.start.max(keep.start))..shift(r.end.min(keep.end)))
            .collect();
        out
    }
}

/// Which braces are placeholders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Braces {
    /// None.
    #[default]
    None,
    /// `{UPPER_CASE}`, filled by `str_replace` or `.Replace`.
    Upper,
    /// Any `{name}`, `{0}` or `{}` (Python's `str.format`, C#'s `string.Format`).
    Any,
}

/// The placeholders a host's plain text may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Placeholders {
    /// `%s`, `%d`, `%1$s`, `%(name)s`.
    pub printf: bool,
    /// Braces.
    pub braces: Braces,
}

/// The length of a printf conversion at the start of `b` (0 when there is none).
fn printf_len(b: &[u8]) -> usize {
    let mut i = 1;
    if b.get(1) == Some(&b'(') {
        let close = b.iter().position(|&c| c == b')').unwrap_or(0);
        if close < 3
            || !b[2..close]
                .iter()
                .all(|c| c.is_ascii_alphanumeric() || *c == b'_')
        {
            return 0;
        }
        i = close + 1;
    }
    while b
        .get(i)
        .is_some_and(|c| c.is_ascii_digit() || b"$-+ 0#.".contains(c))
    {
        i += 1;
    }
    match b.get(i) {
        Some(c) if b"sdifuxXg".contains(c) => i + 1,
        _ => 0,
    }
}

/// The length of a brace placeholder at the start of `b` (0 when there is none).
fn braces_len(b: &[u8], braces: Braces) -> usize {
    let Some(close) = b.iter().take(64).position(|&c| c == b'}') else {
        return 0;
    };
    let inner = &b[1..close];
    let ok = match braces {
        Braces::None => false,
        Braces::Upper => {
            !inner.is_empty()
                && inner
                    .iter()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == b'_')
        }
        Braces::Any => inner
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || b"_.:[]'\"".contains(c)),
    };
    if ok { close + 1 } else { 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_escapes_and_envelopes_map_back() {
        // Host: `'<a>it\'s</a>'` starting at 10; the literal body starts at 11.
        let mut e = Extracted::at(10);
        e.exact(11, "<a>it");
        e.decoded(16..18, "'");
        e.exact(18, "s</a>");
        assert_eq!(e.text, "<a>it's</a>");
        assert_eq!(e.host_range(&(0..2)), 11..13);
        assert_eq!(e.host_range(&(5..6)), 16..18);
        assert_eq!(e.host_range(&(6..7)), 18..19);
        assert!(e.is_exact(&(0..3)));
        assert!(!e.is_exact(&(4..7)));
        let framed = e.reframe(0..e.text.len(), "<packet>", "</packet>");
        assert_eq!(framed.text, "<packet><a>it's</a></packet>");
        assert_eq!(framed.host_range(&(8..10)), 11..13);
        assert_eq!(framed.host_range(&(0..8)), 11..11);
    }

    #[test]
    fn project_placeholders_keep_offsets() {
        let mut e = Extracted::at(100);
        e.exact(100, "<id>@@ID@@</id>");
        e.mask(&regex::Regex::new("@@[A-Z]+@@").unwrap());
        assert_eq!(e.text, "<id>xxxxxx</id>");
        assert_eq!(e.holes[0].host, 104..110);
        assert_eq!(e.host_range(&(10..15)), 110..115);
    }

    #[test]
    fn holes_and_blanks() {
        let mut e = Extracted::at(0);
        e.exact(0, "<id>");
        e.hole(4..8, 4);
        e.exact(8, "</id>");
        e.blank(13..20, "{% x %}");
        assert_eq!(e.text, "<id>xxxx</id>       ");
        assert_eq!(e.holes[0].checked, 4..8);
        assert_eq!(e.host_range(&(5..6)), 4..8);
        assert_eq!(e.host_range(&(14..15)), 14..15);
    }
}
