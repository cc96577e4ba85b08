//! The fixpoint loop: apply the fixes that do not overlap, check the new text, repeat until no
//! fix applies, for at most [`MAX_PASSES`] passes.
//!
//! Checking again after each pass is what makes fixes safe to combine: a fix is computed on
//! the text it applies to, never shifted by guesswork. A pass that would make the packet worse
//! (not well-formed any more, or more errors than before) is undone and its fixes are tried
//! one at a time; a fix that makes it worse alone is not applied again. So a run never leaves
//! a file worse than it found it, even if a producer has a bug.

use std::collections::HashSet;

use super::pieces::Pieces;
use super::select::{Policy, non_overlapping};
use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};

/// Passes before the loop gives up; each pass re-checks the whole packet. Overlapping fixes
/// (moves among the same siblings) need one pass each.
pub const MAX_PASSES: usize = 64;

/// What the loop did to one text.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The fixed text.
    pub text: String,
    /// The fixed text as pieces of the original one.
    pub pieces: Pieces,
    /// The findings of the fixed text.
    pub diagnostics: Vec<Diagnostic>,
    /// How many fixes were applied.
    pub fixed: usize,
    /// Passes that changed the text.
    pub passes: usize,
    /// False when the pass limit stopped the loop with fixes still applicable.
    pub converged: bool,
}

/// Fixes `text`, whose findings are `diagnostics`, with `check` finding the findings of each
/// new text.
pub fn fix_text(
    text: &str,
    diagnostics: Vec<Diagnostic>,
    policy: &Policy,
    mut check: impl FnMut(&str) -> Vec<Diagnostic>,
) -> Outcome {
    let mut current = Outcome {
        text: text.to_string(),
        pieces: Pieces::original(text.len()),
        diagnostics,
        fixed: 0,
        passes: 0,
        converged: true,
    };
    // Fixes that made the packet worse when applied alone, by their edits.
    let mut refused: Vec<Vec<Edit>> = Vec::new();
    // Hashes of the texts met so far (a 100 MB packet is not kept once per pass).
    let mut seen: HashSet<u64> = HashSet::from([hash(text)]);
    loop {
        let candidates: Vec<&Fix> = policy
            .candidates(&current.diagnostics, &current.text)
            .into_iter()
            .filter(|fix| !refused.contains(&fix.edits))
            .collect();
        if candidates.is_empty() {
            return current;
        }
        if current.passes == MAX_PASSES {
            current.converged = false;
            return current;
        }
        let (edits, count) = non_overlapping(&candidates);
        let mut next = attempt(&current, &edits, &mut check);
        let mut applied = count;
        if next
            .as_ref()
            .is_none_or(|n| worse(&current.diagnostics, &n.1))
        {
            // Undo: try the first fix alone, and remember it if it is the culprit.
            let first = candidates[0];
            next = attempt(&current, &first.edits, &mut check);
            applied = 1;
            if next
                .as_ref()
                .is_none_or(|n| worse(&current.diagnostics, &n.1))
            {
                refused.push(first.edits.clone());
                continue;
            }
        }
        let Some((new_text, new_diagnostics)) = next else {
            return current;
        };
        // A cycle (fixes undoing each other) ends the loop where it is.
        if !seen.insert(hash(&new_text)) {
            current.converged = false;
            return current;
        }
        let edits = if applied == count {
            edits
        } else {
            candidates[0].edits.clone()
        };
        current.pieces.apply(&edits);
        current.text = new_text;
        current.diagnostics = new_diagnostics;
        current.fixed += applied;
        current.passes += 1;
    }
}

/// The text with `edits` applied and its findings; `None` when the edits change nothing.
fn attempt(
    current: &Outcome,
    edits: &[Edit],
    check: &mut impl FnMut(&str) -> Vec<Diagnostic>,
) -> Option<(String, Vec<Diagnostic>)> {
    let text = apply(&current.text, edits);
    if text == current.text {
        return None;
    }
    let diagnostics = check(&text);
    Some((text, diagnostics))
}

/// `text` with the sorted, non-overlapping `edits` applied.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut from = 0;
    for edit in edits {
        out.push_str(&text[from..edit.span.start]);
        out.push_str(&edit.replacement);
        from = edit.span.end;
    }
    out.push_str(&text[from..]);
    out
}

/// Whether `after` is worse than `before`: no longer well-formed, or, as well-formed as
/// before, more errors. A packet made well-formed is better whatever its findings now are:
/// a malformed one has only the one finding of its malformation.
fn worse(before: &[Diagnostic], after: &[Diagnostic]) -> bool {
    let malformed = |ds: &[Diagnostic]| ds.iter().any(|d| d.code == Code::MalformedXml);
    let errors = |ds: &[Diagnostic]| ds.iter().filter(|d| d.severity == Severity::Error).count();
    if malformed(before) != malformed(after) {
        return malformed(after);
    }
    errors(after) > errors(before)
}

fn hash(text: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    BuildHasherDefault::<DefaultHasher>::default().hash_one(text)
}
