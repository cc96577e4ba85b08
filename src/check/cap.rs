//! Findings capped per parent and per packet: a packet of five million unknown `<a/>`
//! siblings under one operation is one mistake repeated, and five million findings (about 800
//! bytes each) took 3.9 GB for a 20 MB file. Under one parent, each code is reported
//! [`MAX_PER_PARENT`] times; the rest are counted and reported as one finding that says how
//! many were left out, at the first of them.
//!
//! The same mistake under many parents (130,560 empty `<site/>` operators in 930 KB, one
//! finding each: 122 MB, found by the `tree` fuzz target) is capped per packet: each code is
//! kept [`MAX_PER_PACKET`] times, in the order the walk reports them, and the rest are
//! counted the same way ([`PacketCap`]). The count is exact: a member of a choice joins the
//! finding open for its choice in place, shown or left out ([`OpenConflict`]), and a finding
//! left out that turns out not to be a mistake of its own (the `missing-element` of a sibling
//! an element escaped from) is taken back from it.
//!
//! (Issue 14, item 3; kept to this file and hooks in [`Walker::push`], around the
//! content-model pass's report of a parent's children, and where a piece's findings are
//! merged. A walk by envelope adds to the outermost cap the unknown children it left out of a
//! skeleton: [`super::stream::Hooks`].)

use std::collections::HashMap;
use std::ops::Range;

use super::walker::Walker;
use crate::diagnostic::{Code, Diagnostic};

/// Findings of one code shown under one parent.
pub const MAX_PER_PARENT: usize = 100;

/// Findings of one code kept for one packet (each of a source file's packets has its own).
pub const MAX_PER_PACKET: usize = 1_000;

/// The counts of the parent whose children are being reported.
pub(super) struct Cap {
    parent: String,
    shown: HashMap<Code, usize>,
    /// Per code: how many were left out, and the first one's span.
    left_out: Vec<(Code, usize, Range<usize>)>,
    /// The `choice-conflict` findings open under this parent, the latest last: the next
    /// member of a choice joins its choice's ([`Walker::join_conflict`]), whatever members of
    /// other choices come between. At most [`OPEN_CONFLICTS`]: a finding left out is kept
    /// whole here, and no model has more one-of choices in one element than that.
    pub(super) conflicts: Vec<OpenConflict>,
}

/// The open `choice-conflict` findings a parent keeps, at most.
pub(super) const OPEN_CONFLICTS: usize = 8;

/// Where the open `choice-conflict` finding of a parent is.
pub(super) enum OpenConflict {
    /// Shown: its index among the walker's findings.
    Shown(usize),
    /// Left out by a cap, counted once.
    LeftOut(Box<Diagnostic>),
}

impl Cap {
    pub(super) fn new(parent: &str) -> Cap {
        Cap {
            parent: parent.to_string(),
            shown: HashMap::new(),
            left_out: Vec::new(),
            conflicts: Vec::new(),
        }
    }

    /// Whether `diagnostic` is shown; counts it as left out if not.
    pub(super) fn admit(&mut self, diagnostic: &Diagnostic) -> bool {
        let shown = self.shown.entry(diagnostic.code).or_default();
        if *shown < MAX_PER_PARENT {
            *shown += 1;
            return true;
        }
        self.count_one(diagnostic.code, &diagnostic.primary.span);
        false
    }

    /// Counts a finding of `code` at `span` as left out, one the walk of a skeleton knows
    /// only by its code: always after the ones shown.
    fn count_one(&mut self, code: Code, span: &Range<usize>) {
        match self.left_out.iter_mut().find(|(c, ..)| *c == code) {
            Some((_, count, _)) => *count += 1,
            None => self.left_out.push((code, 1, span.clone())),
        }
    }

    /// Counts `count` more findings of `code` as left out: findings of a walk's skeleton
    /// that it left out of the skeleton ([`super::stream`]), after the first of them.
    pub(super) fn add_left_out(&mut self, code: Code, count: usize) {
        if let Some((_, left_out, _)) = self.left_out.iter_mut().find(|(c, ..)| *c == code) {
            *left_out += count;
        }
    }

    /// One finding per code that was left out, with how many it stands for.
    pub(super) fn summaries(self) -> impl Iterator<Item = (Diagnostic, usize)> {
        let parent = self.parent;
        self.left_out.into_iter().map(move |(code, count, span)| {
            let message = format!(
                "and {} more `{code}` findings in `<{parent}>`, not shown one by one (the \
                 first {MAX_PER_PARENT} are)",
                thousands(count)
            );
            let summary = Diagnostic::new(code, message, span).with_label("the first of them");
            (summary, count)
        })
    }
}

/// What [`PacketCap::admit`] made of a finding.
pub(super) enum Admission {
    Kept(Diagnostic),
    /// Counted; the walker keeps the last one a while, as the next finding may join it.
    LeftOut(Diagnostic),
}

impl Admission {
    pub(super) fn kept(self) -> Option<Diagnostic> {
        match self {
            Admission::Kept(diagnostic) => Some(diagnostic),
            Admission::LeftOut(_) => None,
        }
    }
}

/// The counts of one packet ([`MAX_PER_PACKET`]); a piece's walker has its own, added to the
/// packet's when its findings are ([`PacketCap::absorb`]).
#[derive(Default)]
pub(super) struct PacketCap {
    kept: HashMap<Code, usize>,
    /// Per code: how many were left out, and the first one's span.
    left_out: Vec<(Code, usize, Range<usize>)>,
    /// The `missing-element` findings about one required element that were left out, to take
    /// back those that turn out to be the same mistake as an element escaped from its sibling
    /// ([`PacketCap::drop_escaped`]): one a operation in a packet of many, so kept small.
    missing: Notes,
    /// The names `missing` refers to.
    names: Names,
}

/// A `missing-element` finding left out: its span, and the required element's name. Eight
/// bytes, for millions of them (a child left out of a skeleton and moved, each missing an
/// element: `src/check/left_out.rs`). Past 4 GiB into a packet (far past
/// `--max-file-size`), or past the 65,535th name, no escaped element takes one back; a span
/// longer than 64 KiB is cut (only a summary shows it).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Missing {
    start: u32,
    len: u16,
    name: u16,
}

impl Missing {
    fn span(&self) -> Range<usize> {
        self.start as usize..self.start as usize + self.len as usize
    }
}

/// The notes of [`Missing`] findings, in chunks: a vector grown by doubling holds up to
/// twice what it needs, and both its old and new buffers while it grows (millions of notes,
/// one per moved child missing an element, made that a fifth of the peak).
#[derive(Default)]
struct Notes {
    chunks: Vec<Vec<Missing>>,
    len: usize,
}

impl Notes {
    const CHUNK: usize = 8_192;

    fn push(&mut self, note: Missing) {
        match self.chunks.last_mut() {
            Some(chunk) if chunk.len() < Notes::CHUNK => chunk.push(note),
            _ => {
                let mut chunk = Vec::with_capacity(Notes::CHUNK);
                chunk.push(note);
                self.chunks.push(chunk);
            }
        }
        self.len += 1;
    }

    fn len(&self) -> usize {
        self.len
    }

    fn first(&self) -> Option<&Missing> {
        self.chunks.iter().find_map(|chunk| chunk.first())
    }

    fn retain(&mut self, mut keep: impl FnMut(&Missing) -> bool) {
        for chunk in &mut self.chunks {
            chunk.retain(&mut keep);
        }
        self.chunks.retain(|chunk| !chunk.is_empty());
        self.len = self.chunks.iter().map(Vec::len).sum();
    }

    fn into_iter(self) -> impl Iterator<Item = Missing> {
        self.chunks.into_iter().flatten()
    }

    #[cfg(test)]
    fn get(&self, index: usize) -> Option<&Missing> {
        self.chunks.iter().flatten().nth(index)
    }
}

/// Names by number, for records that keep a name in two bytes (also the children a skeleton
/// leaves out, `left_out.rs`).
#[derive(Default)]
pub(super) struct Names {
    numbers: HashMap<Box<str>, u16>,
    names: Vec<Box<str>>,
}

impl Names {
    pub(super) fn number(&mut self, name: &str) -> u16 {
        if let Some(&number) = self.numbers.get(name) {
            return number;
        }
        // `u16::MAX` is no name's number: it names nothing.
        let Some(number) = u16::try_from(self.names.len())
            .ok()
            .filter(|&n| n < u16::MAX)
        else {
            return u16::MAX;
        };
        self.names.push(name.into());
        self.numbers.insert(name.into(), number);
        number
    }

    pub(super) fn name(&self, number: u16) -> &str {
        self.names.get(number as usize).map_or("", |name| name)
    }

    /// The names, in the order of their numbers.
    pub(super) fn all(&self) -> &[Box<str>] {
        &self.names
    }
}

impl PacketCap {
    /// Whether `diagnostic` is kept or counted as left out.
    pub(super) fn admit(&mut self, diagnostic: Diagnostic) -> Admission {
        if self.keeps(diagnostic.code) {
            return Admission::Kept(diagnostic);
        }
        if let Some(name) = required_name(&diagnostic) {
            let missing = self.missing_record(&diagnostic.primary.span, name);
            self.missing.push(missing);
        }
        self.count(diagnostic.code, 1, &diagnostic.primary.span);
        Admission::LeftOut(diagnostic)
    }

    /// A summary of `count` findings left out under one parent: kept if there is room for
    /// one more finding of its code, else its count is added to the packet's.
    pub(super) fn admit_summary(
        &mut self,
        summary: Diagnostic,
        count: usize,
    ) -> Option<Diagnostic> {
        if self.keeps(summary.code) {
            return Some(summary);
        }
        self.count(summary.code, count, &summary.primary.span);
        None
    }

    /// Whether one more finding of `code` is kept, counting it if so.
    fn keeps(&mut self, code: Code) -> bool {
        let kept = self.kept.entry(code).or_default();
        if *kept < MAX_PER_PACKET {
            *kept += 1;
            true
        } else {
            false
        }
    }

    fn missing_record(&mut self, span: &Range<usize>, name: &str) -> Missing {
        Missing {
            start: u32::try_from(span.start).unwrap_or(u32::MAX),
            len: u16::try_from(span.len()).unwrap_or(u16::MAX),
            name: self.names.number(name),
        }
    }

    fn uncount_code(&mut self, code: Code, count: usize) {
        if let Some(index) = self.left_out.iter().position(|(c, ..)| *c == code) {
            let left = &mut self.left_out[index].1;
            *left = left.saturating_sub(count);
            if *left == 0 {
                self.left_out.remove(index);
            }
        }
    }

    fn count(&mut self, code: Code, count: usize, span: &Range<usize>) {
        match self.left_out.iter_mut().find(|(c, ..)| *c == code) {
            Some((_, left, _)) => *left += count,
            None => self.left_out.push((code, count, span.clone())),
        }
    }

    /// Adds the counts of a piece's walker, whose offsets are `by` bytes into this one's text.
    pub(super) fn absorb(&mut self, piece: PacketCap, by: usize) {
        for (code, count, span) in piece.left_out {
            self.count(code, count, &(span.start + by..span.end + by));
        }
        for missing in piece.missing.into_iter() {
            let name = self.names.number(piece.names.name(missing.name));
            let start = u32::try_from(missing.start as usize + by).unwrap_or(u32::MAX);
            self.missing.push(Missing {
                start,
                name,
                ..missing
            });
        }
    }

    /// Takes back the `missing-element` findings left out that lie in a sibling an element
    /// named in them escaped from (`covered` says which), as [`Walker::finish`] drops the
    /// kept ones.
    pub(super) fn drop_escaped(&mut self, covered: impl Fn(usize, &str) -> bool) {
        let before = self.missing.len();
        let names = &self.names;
        (self.missing).retain(|missing| !covered(missing.start as usize, names.name(missing.name)));
        self.uncount_code(Code::MissingElement, before - self.missing.len());
        // The summary stands at the first finding still left out.
        let first = self.missing.first().map(Missing::span);
        if let Some(((_, count, span), first)) = (self.left_out.iter_mut())
            .find(|(code, ..)| *code == Code::MissingElement)
            .zip(first)
            && *count == self.missing.len()
        {
            *span = first;
        }
    }

    /// One finding per code that was left out.
    pub(super) fn summaries(self) -> impl Iterator<Item = Diagnostic> {
        self.left_out.into_iter().map(|(code, count, span)| {
            let message = format!(
                "and {} more `{code}` findings in this packet, not shown one by one (the \
                 first {} are)",
                thousands(count),
                thousands(MAX_PER_PACKET)
            );
            Diagnostic::new(code, message, span).with_label("the first of them")
        })
    }
}

/// The element a `missing-element` finding says is required, as the escaped-element check
/// reads it (`missing required element `<name>` …`).
pub(super) fn required_name(diagnostic: &Diagnostic) -> Option<&str> {
    if diagnostic.code != Code::MissingElement {
        return None;
    }
    let rest = diagnostic
        .message
        .strip_prefix("missing required element `<")?;
    let (name, after) = rest.split_once(">`")?;
    after.starts_with(' ').then_some(name)
}

/// `4999990` as `4,999,990`.
pub(super) fn thousands(n: usize) -> String {
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
    /// Counts a finding the parent's cap would leave out, of a child left out of a skeleton
    /// and placed by name (`passes/content/report/left_out.rs`): the first children of its name,
    /// in the skeleton, filled the cap with findings of its code before it.
    pub(super) fn count_in_parent_cap(&mut self, code: Code, span: &Range<usize>) {
        if let Some(cap) = self.caps.last_mut() {
            cap.count_one(code, span);
        }
    }

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
            for (summary, count) in cap.summaries() {
                self.push_summary(summary, count);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn missing(at: usize, name: &str) -> Diagnostic {
        let message = format!("missing required element `<{name}>` inside `<filter>`");
        Diagnostic::new(Code::MissingElement, message, at..at + 1)
    }

    /// Fills a packet's cap with `missing-element` findings, one a byte, then `extra` more.
    fn full_cap(extra: usize) -> PacketCap {
        let mut cap = PacketCap::default();
        for at in 0..MAX_PER_PACKET {
            assert!(cap.admit(missing(at, "name")).kept().is_some());
        }
        for at in 0..extra {
            assert!(
                cap.admit(missing(MAX_PER_PACKET + at, "name"))
                    .kept()
                    .is_none()
            );
        }
        cap
    }

    fn left_out(cap: &PacketCap) -> Vec<(Code, usize, Range<usize>)> {
        cap.left_out.clone()
    }

    #[test]
    fn a_packet_keeps_a_thousand_findings_of_a_code_and_counts_the_rest() {
        let mut cap = full_cap(3);
        let first = MAX_PER_PACKET..MAX_PER_PACKET + 1;
        assert_eq!(left_out(&cap), [(Code::MissingElement, 3, first.clone())]);
        // Another code has its own thousand.
        let other = Diagnostic::new(Code::UnknownElement, "unknown", 0..1);
        assert!(cap.admit(other).kept().is_some());
        let summary: Vec<_> = cap
            .summaries()
            .map(|d| (d.message, d.primary.span))
            .collect();
        assert_eq!(
            summary,
            [(
                "and 3 more `missing-element` findings in this packet, not shown one by one (the \
                 first 1,000 are)"
                    .to_string(),
                first
            )]
        );
    }

    #[test]
    fn findings_left_out_in_a_sibling_an_element_escaped_from_are_taken_back() {
        let mut cap = full_cap(4);
        // The first two left out lie in the sibling `<name>` escaped from.
        let escaped = MAX_PER_PACKET..MAX_PER_PACKET + 2;
        cap.drop_escaped(|at, name| name == "name" && escaped.contains(&at));
        let after = MAX_PER_PACKET + 2..MAX_PER_PACKET + 3;
        assert_eq!(left_out(&cap), [(Code::MissingElement, 2, after)]);
        // Another name's are not.
        cap.drop_escaped(|_, name| name == "login");
        assert_eq!(left_out(&cap)[0].1, 2);
        cap.drop_escaped(|_, _| true);
        assert!(left_out(&cap).is_empty());
    }

    #[test]
    fn a_pieces_counts_are_added_where_the_piece_is() {
        let mut cap = full_cap(1);
        let mut piece = full_cap(2);
        piece.count(Code::TooMany, 7, &(3..4));
        cap.absorb(piece, 100);
        let first = MAX_PER_PACKET..MAX_PER_PACKET + 1;
        assert_eq!(
            left_out(&cap),
            [
                (Code::MissingElement, 3, first),
                (Code::TooMany, 7, 103..104)
            ]
        );
        assert_eq!(cap.missing.len(), 3);
        assert_eq!(
            cap.missing.get(1).map(Missing::span).unwrap_or_default(),
            MAX_PER_PACKET + 100..MAX_PER_PACKET + 101
        );
        assert_eq!(
            cap.names
                .name(cap.missing.get(1).map_or(u16::MAX, |m| m.name)),
            "name"
        );
        // A per-parent summary with no room left adds the count it stands for.
        let summary = missing(9, "name");
        assert!(cap.admit_summary(summary, 40).is_none());
        assert_eq!(left_out(&cap)[0].1, 43);
    }

    #[test]
    fn the_required_name_is_read_as_the_escaped_check_reads_it() {
        assert_eq!(required_name(&missing(0, "site-id")), Some("site-id"));
        let one_of = Diagnostic::new(Code::MissingElement, "missing one of `<a>` | `<b>`", 0..1);
        assert_eq!(required_name(&one_of), None);
        let other = Diagnostic::new(Code::TooMany, "missing required element `<a>` x", 0..1);
        assert_eq!(required_name(&other), None);
    }

    #[test]
    fn counts_are_written_with_separators() {
        assert_eq!(thousands(4_999_990), "4,999,990");
        assert_eq!(thousands(100), "100");
        assert_eq!(thousands(1_000), "1,000");
    }
}
