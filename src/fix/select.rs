//! Which fixes a run applies, and which of them can go into one pass together.
//!
//! A fix is applied when its applicability is allowed (safe, or unsafe with
//! `--unsafe-fixes`) and its code is fixable (`fixable`/`unfixable` in plesk-lint.toml). A
//! packet that is not well-formed gets only the fix of its malformation: every other finding
//! about it is a guess. In one pass, fixes whose edits overlap are not applied together: the
//! first in file order goes in, the others wait for the next pass, where the text is checked
//! again and their findings are made anew.

use std::collections::BTreeSet;
use std::ops::Range;

use crate::codes::Code;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};

/// What a run may fix.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policy {
    /// Also apply fixes marked unsafe.
    pub unsafe_fixes: bool,
    /// Only these codes are fixed (`None`: every code).
    pub fixable: Option<BTreeSet<Code>>,
    /// These codes are never fixed.
    pub unfixable: BTreeSet<Code>,
}

impl Policy {
    /// Whether the fix of `diagnostic` may be applied (whether it has one aside).
    pub fn allows(&self, diagnostic: &Diagnostic) -> bool {
        let Some(fix) = &diagnostic.fix else {
            return false;
        };
        (fix.applicability == Applicability::Safe || self.unsafe_fixes)
            && self
                .fixable
                .as_ref()
                .is_none_or(|codes| codes.contains(&diagnostic.code))
            && !self.unfixable.contains(&diagnostic.code)
    }

    /// The fixes to try on a text with these findings, in file order of their first edit.
    pub fn candidates<'d>(&self, diagnostics: &'d [Diagnostic], text: &str) -> Vec<&'d Fix> {
        let malformed = diagnostics.iter().any(|d| d.code == Code::MalformedXml);
        let mut allowed: Vec<&Diagnostic> = diagnostics
            .iter()
            .filter(|d| !malformed || d.code == Code::MalformedXml)
            .filter(|d| self.allows(d))
            .filter(|d| {
                d.fix
                    .as_ref()
                    .is_some_and(|f| well_formed_edits(&f.edits, text))
            })
            .collect();
        // Inserting a placeholder for a missing element is the last resort: a rename or a move
        // often brings the element back, and the next pass checks again.
        if allowed.iter().any(|d| d.code != Code::MissingElement) {
            allowed.retain(|d| d.code != Code::MissingElement);
        }
        let mut fixes: Vec<&Fix> = allowed.iter().filter_map(|d| d.fix.as_ref()).collect();
        fixes.sort_by_key(|fix| fix.edits.first().map_or(0, |e| e.span.start));
        fixes
    }
}

/// Whether `edits` are in order, inside the text on character boundaries and
/// non-overlapping: anything else is a producer's bug, and such a fix is skipped rather than
/// trusted.
fn well_formed_edits(edits: &[Edit], text: &str) -> bool {
    !edits.is_empty()
        && edits.iter().all(|e| {
            e.span.start <= e.span.end
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
        })
        && edits.windows(2).all(|w| w[0].span.end <= w[1].span.start)
}

/// The edits of the fixes that can be applied together, sorted: a fix goes in when none of
/// its edits overlaps an edit already taken (two insertions at one place overlap: their
/// order would be a guess). Returns the edits and how many fixes went in.
pub fn non_overlapping(fixes: &[&Fix]) -> (Vec<Edit>, usize) {
    let mut taken: Vec<Range<usize>> = Vec::new();
    let mut edits: Vec<Edit> = Vec::new();
    let mut count = 0;
    for fix in fixes {
        if fix.edits.iter().any(|e| overlaps_any(&taken, &e.span)) {
            continue;
        }
        for edit in &fix.edits {
            let key = (edit.span.start, edit.span.end);
            let at = taken.partition_point(|t| (t.start, t.end) < key);
            taken.insert(at, edit.span.clone());
        }
        edits.extend(fix.edits.iter().cloned());
        count += 1;
    }
    // Insertions before replacements that start at the same place.
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    (edits, count)
}

/// Whether `span` overlaps one of the sorted, disjoint `taken` spans.
fn overlaps_any(taken: &[Range<usize>], span: &Range<usize>) -> bool {
    // Only the neighbours of where `span` would go can overlap it.
    let at = taken.partition_point(|t| t.end < span.start);
    taken[at..]
        .iter()
        .take_while(|t| t.start <= span.end)
        .any(|t| overlap(t, span))
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> bool {
    if a.is_empty() && b.is_empty() {
        return a.start == b.start;
    }
    a.start < b.end && b.start < a.end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(spans: &[(usize, usize)]) -> Fix {
        Fix {
            description: String::new(),
            applicability: Applicability::Safe,
            edits: spans
                .iter()
                .map(|&(start, end)| Edit {
                    span: start..end,
                    replacement: "x".into(),
                })
                .collect(),
        }
    }

    #[test]
    fn overlapping_fixes_wait_for_the_next_pass() {
        let a = fix(&[(0, 4), (10, 10)]);
        let b = fix(&[(2, 3)]);
        let c = fix(&[(4, 4), (12, 14)]);
        let d = fix(&[(10, 10)]);
        let e = fix(&[(8, 11)]);
        let (edits, count) = non_overlapping(&[&a, &b, &c, &d, &e]);
        assert_eq!(count, 2);
        let spans: Vec<_> = edits.iter().map(|e| e.span.clone()).collect();
        assert_eq!(spans, vec![0..4, 4..4, 10..10, 12..14]);
    }
}
