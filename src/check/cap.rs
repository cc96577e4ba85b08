//! Findings capped per parent: a packet of five million unknown `<a/>` siblings under one
//! operation is one mistake repeated, and five million findings (about 800 bytes each) took
//! 3.9 GB for a 20 MB file. Under one parent, each code is reported [`MAX_PER_PARENT`] times;
//! the rest are counted and reported as one finding that says how many were left out, at the
//! first of them.
//!
//! (Issue 14, item 3; kept to this file and a hook in [`Walker::push`] and around
//! the content-model pass's report of a parent's children. A walk by envelope adds to the
//! outermost cap the unknown children it left out of a skeleton: [`super::stream::Hooks`].)

use std::collections::HashMap;
use std::ops::Range;

use super::walker::Walker;
use crate::diagnostic::{Code, Diagnostic};

/// Findings of one code shown under one parent.
pub const MAX_PER_PARENT: usize = 100;

/// The counts of the parent whose children are being reported.
pub(super) struct Cap {
    parent: String,
    shown: HashMap<Code, usize>,
    /// Per code: how many were left out, and the first one's span.
    left_out: Vec<(Code, usize, Range<usize>)>,
}

impl Cap {
    pub(super) fn new(parent: &str) -> Cap {
        Cap {
            parent: parent.to_string(),
            shown: HashMap::new(),
            left_out: Vec::new(),
        }
    }

    /// Whether `diagnostic` is shown; counts it as left out if not.
    pub(super) fn admit(&mut self, diagnostic: &Diagnostic) -> bool {
        let shown = self.shown.entry(diagnostic.code).or_default();
        if *shown < MAX_PER_PARENT {
            *shown += 1;
            return true;
        }
        match self
            .left_out
            .iter_mut()
            .find(|(code, ..)| *code == diagnostic.code)
        {
            Some((_, count, _)) => *count += 1,
            None => self
                .left_out
                .push((diagnostic.code, 1, diagnostic.primary.span.clone())),
        }
        false
    }

    /// Counts `count` more findings of `code` as left out: findings of a walk's skeleton
    /// that it left out of the skeleton ([`super::stream`]), after the first of them.
    pub(super) fn add_left_out(&mut self, code: Code, count: usize) {
        if let Some((_, left_out, _)) = self.left_out.iter_mut().find(|(c, ..)| *c == code) {
            *left_out += count;
        }
    }

    /// One finding per code that was left out.
    pub(super) fn summaries(self) -> impl Iterator<Item = Diagnostic> {
        let parent = self.parent;
        self.left_out.into_iter().map(move |(code, count, span)| {
            let message = format!(
                "and {} more `{code}` findings in `<{parent}>`, not shown one by one (the \
                 first {MAX_PER_PARENT} are)",
                thousands(count)
            );
            Diagnostic::new(code, message, span).with_label("the first of them")
        })
    }
}

/// `4999990` as `4,999,990`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

impl Walker<'_> {
    /// Starts counting the findings under `parent`.
    pub(super) fn open_cap(&mut self, parent: &str) {
        self.caps.push(Cap::new(parent));
    }

    /// Stops counting under the innermost parent, adding the summaries of what it left out.
    pub(super) fn close_cap(&mut self) {
        if let Some(mut cap) = self.caps.pop() {
            if self.caps.is_empty() {
                for (code, count) in std::mem::take(&mut self.stream.left_out) {
                    cap.add_left_out(code, count);
                }
            }
            for summary in cap.summaries() {
                self.push_uncapped(summary);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_written_with_separators() {
        assert_eq!(thousands(4_999_990), "4,999,990");
        assert_eq!(thousands(100), "100");
        assert_eq!(thousands(1_000), "1,000");
    }
}
