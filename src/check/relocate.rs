//! Where an element that cannot stand where it is could stand instead.
//!
//! The alignment drops an optional element that is in the wrong place (dropping costs less
//! than moving), but the user did not write a superfluous element: they wrote it in the wrong
//! order. For such a dropped element we look for a gap in the aligned sequence where the model
//! would accept it without disturbing what comes after; if there is one, the finding is an
//! out-of-order move to that gap, with a fix, rather than "not allowed here".

use super::align::Step;
use crate::rules::automaton::Automaton;

/// A place between the kept children: the automaton state there, and the name of the element
/// that follows it in the aligned sequence (`None` at the end).
pub struct Gap<'a> {
    /// Index of the child the gap is before (`children.len()` at the end).
    pub before: usize,
    state: u32,
    next: Option<&'a str>,
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
        });
        state = position;
    }
    gaps.push(Gap {
        before: names.len(),
        state,
        next: None,
    });
    gaps
}

/// The gap nearest to `child` where an element called `name` fits, and the position it would
/// take there.
pub fn find(automaton: &Automaton, gaps: &[Gap], name: &str, child: usize) -> Option<(usize, u32)> {
    gaps.iter()
        .filter_map(|gap| {
            let position = automaton.follow[gap.state as usize]
                .iter()
                .copied()
                .find(|&p| automaton.position(p).name.as_deref() == Some(name))?;
            let fits = match gap.next {
                Some(next) => automaton.step(position, next).is_some(),
                None => automaton.accepting[position as usize],
            };
            fits.then_some((gap.before, position))
        })
        .min_by_key(|(before, _)| before.abs_diff(child))
}
