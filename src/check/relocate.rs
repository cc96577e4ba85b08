//! Where an element that cannot stand where it is could stand instead.
//!
//! The alignment drops an optional element that is in the wrong place (dropping costs less
//! than moving), but the user did not write a superfluous element: they wrote it in the wrong
//! order. For such a dropped element we look for a gap in the aligned sequence where the model
//! would accept it without disturbing what comes after; if there is one, the finding is an
//! out-of-order move to that gap, with a fix, rather than "not allowed here".
//!
//! The gap must take the element with everything after it still accepted, not only the next
//! element: in a choice repeated at most ten times, an eleventh member fits before any other
//! member, and moving it there would only move the mistake (it is one too many).

use super::align::Step;
use crate::rules::automaton::Automaton;

/// A place between the kept children: the automaton state there, and the name of the element
/// that follows it in the aligned sequence (`None` at the end).
pub struct Gap<'a> {
    /// Index of the child the gap is before (`children.len()` at the end).
    pub before: usize,
    state: u32,
    next: Option<&'a str>,
    /// How many aligned elements come before the gap (an index into [`aligned`]).
    index: usize,
}

/// The element names of an alignment as the model reads them: kept children and inserted
/// (missing) elements, in order.
pub fn aligned<'a>(automaton: &'a Automaton, steps: &[Step], names: &[&'a str]) -> Vec<&'a str> {
    steps
        .iter()
        .filter_map(|step| match *step {
            Step::Match { child, position }
            | Step::Rename {
                child, position, ..
            } => automaton
                .position(position)
                .name
                .as_deref()
                .or(Some(names[child])),
            Step::Insert { position, .. } => automaton.position(position).name.as_deref(),
            Step::Delete { .. } => None,
        })
        .collect()
}

/// The gaps of an alignment, in order.
pub fn gaps<'a>(automaton: &'a Automaton, steps: &[Step], names: &[&'a str]) -> Vec<Gap<'a>> {
    let mut gaps = Vec::new();
    let mut state = 0;
    for step in steps {
        let (before, position, next) = match *step {
            Step::Match { child, position }
            | Step::Rename {
                child, position, ..
            } => (
                child,
                position,
                automaton
                    .position(position)
                    .name
                    .as_deref()
                    .or(Some(names[child])),
            ),
            Step::Insert { before, position } => (
                before,
                position,
                automaton.position(position).name.as_deref(),
            ),
            Step::Delete { .. } => continue,
        };
        gaps.push(Gap {
            before,
            state,
            next,
            index: gaps.len(),
        });
        state = position;
    }
    let index = gaps.len();
    gaps.push(Gap {
        before: names.len(),
        state,
        next: None,
        index,
    });
    gaps
}

/// The gap nearest to `child` where an element called `name` fits with all that follows it
/// (`aligned`, from [`aligned`]) still accepted, and the position it would take there.
/// Nearest by the children the alignment keeps between the two (`kept_before[i]`: how many
/// of the children before child `i` it keeps), the earlier gap on a tie: not by index, so
/// that children the alignment drops, which the walk of a large packet may leave out of
/// its skeleton, do not decide where another one moves.
pub fn find(
    automaton: &Automaton,
    gaps: &[Gap],
    aligned: &[&str],
    (name, child): (&str, usize),
    kept_before: &[usize],
) -> Option<(usize, u32)> {
    candidates(automaton, gaps, name)
        .filter(|&(gap, position)| accepts_from(automaton, position, &aligned[gap.index..]))
        .map(|(gap, position)| (gap.before, position))
        .min_by_key(|(before, _)| kept_before[*before].abs_diff(kept_before[child]))
}

/// Whether an element called `name` would fit where child `child` (dropped by the alignment)
/// stands, with all that follows still accepted: a rename in place is then a complete fix.
pub fn fits_at(
    automaton: &Automaton,
    gaps: &[Gap],
    aligned: &[&str],
    name: &str,
    child: usize,
) -> bool {
    let Some(here) = gaps.iter().map(|g| g.before).filter(|&b| b > child).min() else {
        return false;
    };
    candidates(automaton, gaps, name).any(|(gap, position)| {
        gap.before == here && accepts_from(automaton, position, &aligned[gap.index..])
    })
}

/// Whether an element called `name` fits some gap before its next element, whatever follows:
/// with [`find`] finding no gap, it is one too many of a bounded repetition.
pub fn fits_locally(automaton: &Automaton, gaps: &[Gap], name: &str) -> bool {
    candidates(automaton, gaps, name).next().is_some()
}

/// The gaps an element called `name` fits before the gap's next element, with the position
/// it would take.
fn candidates<'g, 'a>(
    automaton: &'g Automaton,
    gaps: &'g [Gap<'a>],
    name: &'g str,
) -> impl Iterator<Item = (&'g Gap<'a>, u32)> + 'g {
    gaps.iter().filter_map(move |gap| {
        let position = automaton.follow[gap.state as usize]
            .iter()
            .copied()
            .find(|&p| automaton.position(p).name.as_deref() == Some(name))?;
        let fits = match gap.next {
            Some(next) => automaton.step(position, next).is_some(),
            None => automaton.accepting[position as usize],
        };
        fits.then_some((gap, position))
    })
}

/// Whether the model, in `state`, reads `rest` and ends accepting.
fn accepts_from(automaton: &Automaton, mut state: u32, rest: &[&str]) -> bool {
    for name in rest {
        match automaton.step(state, name) {
            Some(next) => state = next,
            None => return false,
        }
    }
    automaton.accepting[state as usize]
}
