//! What a hole stands for, by where it sits, and which findings it (or a template's control
//! flow) makes meaningless.
//!
//! A hole in leaf text or an attribute is some value: no value finding there. A hole between
//! elements is any number of elements, and a hole in a tag name any element allowed there:
//! the parent's occurrence and order findings cannot be trusted. A region that control flow
//! makes optional or repeatable (`{% if %}`, `<?php foreach ?>`) has the same effect on the
//! occurrence findings of the element that holds it.

use std::ops::Range;

use super::text::{Extracted, HoleKind};
use crate::codes::Code;
use crate::diagnostic::Diagnostic;

/// Sets each hole's kind from the text around it.
pub fn classify(packet: &mut Extracted) {
    let text = packet.text.as_bytes();
    for hole in &mut packet.holes {
        let before = &text[..hole.checked.start];
        let last_open = before.iter().rposition(|&b| b == b'<');
        let last_close = before.iter().rposition(|&b| b == b'>');
        let in_tag = match (last_open, last_close) {
            (Some(open), Some(close)) => open > close,
            (Some(_), None) => true,
            _ => false,
        };
        hole.kind = if in_tag {
            let open = last_open.unwrap_or(0);
            let head = &before[open + 1..];
            let quotes = head.iter().filter(|&&b| b == b'"' || b == b'\'').count();
            if quotes % 2 == 1 {
                HoleKind::Attribute
            } else if head
                .iter()
                .all(|&b| b == b'/' || b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            {
                HoleKind::TagName
            } else {
                HoleKind::Attribute
            }
        } else {
            // Leaf text when only text separates it from a start tag before and an end tag
            // after; between elements otherwise.
            let prev = last_close.map(|close| {
                let open = before[..close]
                    .iter()
                    .rposition(|&b| b == b'<')
                    .unwrap_or(0);
                before[open + 1] != b'/'
                    && before[close.saturating_sub(1)] != b'/'
                    // A hole on a line of its own stands for elements, not a value.
                    && !before[close..].contains(&b'\n')
            });
            let after = &text[hole.checked.end..];
            let next_is_end = after
                .iter()
                .position(|&b| b == b'<')
                .is_some_and(|i| after.get(i + 1) == Some(&b'/'));
            if prev == Some(true) && next_is_end {
                HoleKind::Leaf
            } else {
                HoleKind::Subtree
            }
        };
    }
}

/// Marks the elements the `closers` (end tags added at `cut`, innermost first) close as
/// open: the rest of their content comes from later statements of the host, so no finding
/// about what they hold can be trusted.
pub fn leave_open(packet: &mut Extracted, cut: usize, closers: &[String]) {
    let mut end = cut;
    for closer in closers {
        end += closer.len();
        packet.optional.push(cut..end);
    }
}

/// Findings about occurrence and order: a hole between elements or an optional region can
/// make them right or wrong.
fn about_occurrence(code: Code) -> bool {
    matches!(
        code,
        Code::MissingElement
            | Code::TooMany
            | Code::ChoiceConflict
            | Code::OutOfOrder
            | Code::UnexpectedElement
            | Code::TextNotAllowed
    )
}

/// Findings about a value: a hole in a value makes them meaningless.
fn about_value(code: Code) -> bool {
    matches!(
        code,
        Code::InvalidValue | Code::EmptyValue | Code::MustBeEmpty | Code::TextNotAllowed
    ) || about_occurrence(code)
        || matches!(
            code,
            Code::UnknownElement
                | Code::MalformedXml
                | Code::MissingAttribute
                | Code::InvalidVersion
                | Code::PaddedValue
                | Code::UnfilledPlaceholder
        )
}

/// Findings about an element's name: a hole in the name (`<{$op}>`) makes them meaningless,
/// down to the operator and operation levels.
fn about_name(code: Code) -> bool {
    matches!(code, Code::UnknownOperator | Code::UnknownOperation)
}

/// Drops the findings a hole or an optional region makes meaningless (checked coordinates).
pub fn keep_meaningful(packet: &Extracted, diagnostics: &mut Vec<Diagnostic>) {
    if packet.holes.is_empty() && packet.optional.is_empty() {
        return;
    }
    let elements = element_ranges(&packet.text);
    // Elements whose children a hole or a region leaves open.
    let open: Vec<Range<usize>> = packet
        .holes
        .iter()
        .filter(|h| matches!(h.kind, HoleKind::Subtree | HoleKind::TagName))
        .map(|h| h.checked.clone())
        .chain(packet.optional.iter().cloned())
        .filter_map(|inside| innermost(&elements, &inside, true))
        .collect();
    diagnostics.retain(|d| {
        let span = &d.primary.span;
        let on_hole = packet.holes.iter().any(|h| {
            overlaps(span, &h.checked)
                || (h.kind == HoleKind::TagName
                    && contains(&element_of(&elements, &h.checked), span))
        });
        if on_hole && (about_value(d.code) || about_name(d.code)) {
            return false;
        }
        if about_occurrence(d.code) {
            let holder = innermost(&elements, span, false);
            let parent = holder.as_ref().and_then(|h| innermost(&elements, h, true));
            if [holder, parent]
                .iter()
                .flatten()
                .any(|element| open.contains(element))
            {
                return false;
            }
            if packet.optional.iter().any(|r| overlaps(span, r)) {
                return false;
            }
        }
        true
    });
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end.max(a.start + 1)
}

fn contains(outer: &Option<Range<usize>>, inner: &Range<usize>) -> bool {
    outer
        .as_ref()
        .is_some_and(|o| o.start <= inner.start && inner.end <= o.end)
}

/// The element whose tag holds `hole` (a tag-name hole): everything in it is unknown.
fn element_of(elements: &[Range<usize>], hole: &Range<usize>) -> Option<Range<usize>> {
    innermost(elements, hole, false)
}

/// The smallest element range holding `span`; `strict` excludes `span` itself.
fn innermost(elements: &[Range<usize>], span: &Range<usize>, strict: bool) -> Option<Range<usize>> {
    elements
        .iter()
        .filter(|e| e.start <= span.start && span.end <= e.end && !(strict && *e == span))
        .min_by_key(|e| e.end - e.start)
        .cloned()
}

/// Every element's range in the checked text (none when it does not parse).
fn element_ranges(text: &str) -> Vec<Range<usize>> {
    match roxmltree::Document::parse_with_options(text, crate::check::parsing_options()) {
        Ok(doc) => doc
            .descendants()
            .filter(|n| n.is_element())
            .map(|n| n.range())
            .collect(),
        Err(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(parts: &[(&str, bool)]) -> Vec<HoleKind> {
        let mut e = Extracted::at(0);
        let mut at = 0;
        for (text, hole) in parts {
            if *hole {
                e.hole(at..at + text.len(), text.len());
            } else {
                e.exact(at, text);
            }
            at += text.len();
        }
        classify(&mut e);
        e.holes.iter().map(|h| h.kind).collect()
    }

    #[test]
    fn kinds_by_position() {
        assert_eq!(
            kinds(&[("<a><id>", false), ("$id", true), ("</id></a>", false)]),
            [HoleKind::Leaf]
        );
        assert_eq!(
            kinds(&[("<a v=\"", false), ("$v", true), ("\"/>", false)]),
            [HoleKind::Attribute]
        );
        assert_eq!(
            kinds(&[("<a><b/>", false), ("$rest", true), ("</a>", false)]),
            [HoleKind::Subtree]
        );
        assert_eq!(
            kinds(&[("<a><", false), ("$m", true), ("/></a>", false)]),
            [HoleKind::TagName]
        );
    }
}
