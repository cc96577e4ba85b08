//! Where each byte of a checked text came from in its source: the one span map every finding
//! and fix is moved through, once, at the edge.
//!
//! Checks and fixes speak byte ranges of the text handed to `engine::check`. For a packet file
//! that text is the source's own text and the map is the [identity](SpanMap::identity). For a
//! packet found in another file (a PHP string, a YAML cassette; `src/embedded/`) the checked
//! text is built from the host's literal, and the map is a list of segments: a straight run
//! of the literal maps byte for byte, an escape (`\"`, `''`, `\n`), a folded line break or a
//! placeholder's filler maps as one opaque unit onto the host bytes it came from, and text the
//! extractor adds (a `<packet>` envelope) maps onto an empty host range. [`SpanMap::to_origin`]
//! moves a finding into the source's text; a fix survives only where it can be written back
//! byte for byte.

use std::ops::Range;

use crate::diagnostic::Diagnostic;

/// One run of the checked text and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Segment {
    /// Byte range in the checked text.
    pub(crate) checked: Range<usize>,
    /// Byte range in the source's text.
    pub(crate) host: Range<usize>,
    /// Byte for byte (`true`), or one opaque unit.
    pub(crate) exact: bool,
}

/// The map from a checked text to its source's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpanMap {
    /// `None`: the identity. Otherwise the segments, in checked-text order.
    pub(crate) segments: Option<Vec<Segment>>,
    /// Where an offset goes when there are no segments to map it by (an empty literal).
    pub(crate) fallback: usize,
    /// Characters a fix must not write: they mean something in the host's literal (a quote,
    /// an escape, an interpolation), so the host would read them differently.
    pub(crate) special: &'static [char],
}

impl Default for SpanMap {
    fn default() -> SpanMap {
        SpanMap::identity()
    }
}

/// Characters that mean something in some host literal (a quote, an escape, an
/// interpolation, a line break in a one-line string): a fix writing one is not kept.
const HOST_SPECIAL: &[char] = &[
    '"', '\'', '\\', '$', '{', '}', '#', '`', '%', '\n', '\r', '@',
];

impl SpanMap {
    /// The checked text is the source's text.
    pub fn identity() -> SpanMap {
        SpanMap {
            segments: None,
            fallback: 0,
            special: &[],
        }
    }

    /// An empty map of a literal starting at `host_start` in its host's text; the extractor
    /// adds the segments as it reads the literal.
    pub fn literal(host_start: usize) -> SpanMap {
        SpanMap {
            segments: Some(Vec::new()),
            fallback: host_start,
            special: HOST_SPECIAL,
        }
    }

    /// Whether this is the identity.
    pub fn is_identity(&self) -> bool {
        self.segments.is_none()
    }

    /// The segments (empty for the identity).
    pub(crate) fn segments(&self) -> &[Segment] {
        self.segments.as_deref().unwrap_or_default()
    }

    /// The segments, to add to (a literal's map).
    pub(crate) fn segments_mut(&mut self) -> &mut Vec<Segment> {
        self.segments.get_or_insert_with(Vec::new)
    }

    /// The source range of a checked range. Offsets inside an opaque segment widen to it.
    pub fn origin_range(&self, range: &Range<usize>) -> Range<usize> {
        if self.is_identity() {
            return range.clone();
        }
        let start = self.origin_point(range.start, false);
        let end = if range.end > range.start {
            self.origin_point(range.end, true)
        } else {
            start
        };
        start..end.max(start)
    }

    /// The source offset of a checked offset; `end` picks the segment the offset ends.
    pub(crate) fn origin_point(&self, offset: usize, end: bool) -> usize {
        let Some(segments) = &self.segments else {
            return offset;
        };
        let last = segments.len().saturating_sub(1);
        let index = if end {
            segments
                .partition_point(|s| s.checked.end < offset)
                .min(last)
        } else {
            segments
                .partition_point(|s| s.checked.end <= offset)
                .min(last)
        };
        let Some(segment) = segments.get(index) else {
            return self.fallback;
        };
        if segment.exact {
            let into =
                offset.clamp(segment.checked.start, segment.checked.end) - segment.checked.start;
            segment.host.start + into
        } else if end && offset > segment.checked.start {
            segment.host.end
        } else {
            segment.host.start
        }
    }

    /// Whether the checked range maps byte for byte (a fix can be written back there).
    pub fn is_exact(&self, range: &Range<usize>) -> bool {
        let Some(segments) = &self.segments else {
            return true;
        };
        let first = segments.partition_point(|s| s.checked.end <= range.start);
        match segments.get(first) {
            Some(s) => s.exact && s.checked.start <= range.start && range.end <= s.checked.end,
            None => false,
        }
    }

    /// A finding about the checked text, moved to the source's text. A fix stays only where
    /// every edit maps byte for byte and writes nothing the source would read differently.
    pub fn to_origin(&self, mut d: Diagnostic) -> Diagnostic {
        if self.is_identity() {
            return d;
        }
        if let Some(fix) = &mut d.fix {
            let writable = fix
                .edits
                .iter()
                .all(|e| self.is_exact(&e.span) && !e.replacement.contains(self.special));
            if writable {
                for edit in &mut fix.edits {
                    edit.span = self.origin_range(&edit.span);
                }
            } else {
                d.fix = None;
            }
        }
        d.primary.span = self.origin_range(&d.primary.span);
        for label in &mut d.secondary {
            label.span = self.origin_range(&label.span);
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Applicability, Code, Edit};

    fn with_fix(span: Range<usize>, replacement: &str) -> Diagnostic {
        Diagnostic::new(Code::UnknownElement, "x", span.clone())
            .with_label("here")
            .with_fix(
                "fix",
                Applicability::Safe,
                vec![Edit {
                    span,
                    replacement: replacement.into(),
                }],
            )
    }

    #[test]
    fn the_identity_moves_nothing_and_keeps_every_fix() {
        let map = SpanMap::identity();
        let d = with_fix(3..7, "\"$x\"");
        assert_eq!(map.to_origin(d.clone()), d);
        assert_eq!(map.origin_range(&(5..9)), 5..9);
        assert!(map.is_exact(&(0..100)));
    }

    #[test]
    fn a_literal_map_moves_spans_and_keeps_only_writable_fixes() {
        // Host `x = '<a>it\'s</a>'`: the literal body starts at 5.
        let mut map = SpanMap::literal(4);
        map.segments_mut().extend([
            Segment {
                checked: 0..5,
                host: 5..10,
                exact: true,
            },
            Segment {
                checked: 5..6,
                host: 10..12,
                exact: false,
            },
            Segment {
                checked: 6..11,
                host: 12..17,
                exact: true,
            },
        ]);
        let moved = map.to_origin(with_fix(1..2, "b"));
        assert_eq!(moved.primary.span, 6..7);
        assert_eq!(moved.fix.expect("exact, plain").edits[0].span, 6..7);
        // Across the escape: reported over the whole escape, not fixable.
        let across = map.to_origin(with_fix(4..7, "x"));
        assert_eq!(across.primary.span, 9..13);
        assert!(across.fix.is_none());
        // A quote would end the host's string.
        assert!(map.to_origin(with_fix(7..8, "'")).fix.is_none());
    }
}
