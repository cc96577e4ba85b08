//! The smallest set of edits that makes a parent's children match its content model.
//!
//! When the children do not simply run through the automaton, we search the product of child
//! index × automaton state for the cheapest path to the end, where reading a child costs
//! nothing, and deleting a child, inserting a missing element or renaming an unknown one cost
//! something. One real mistake is then one edit: a swap comes out as one deletion plus one
//! insertion of the same name (which the caller reports as one move), a misspelling as one
//! rename, an absent element as one insertion; no error cascades into the siblings after it.

use crate::rules::automaton::Automaton;

/// Cost of dropping a child that cannot stand where it is.
const DELETE: u32 = 2;
/// Cost of adding an element the model requires.
const INSERT: u32 = 2;
/// Cost of renaming an unknown child into an expected one with a similar name.
const RENAME_SIMILAR: u32 = 1;
/// Cost of renaming an unknown child into an expected one with an unrelated name; cheaper
/// than deleting and inserting, so an unknown element standing where a required one is
/// missing is reported once.
const RENAME_OTHER: u32 = 3;

/// One step of an alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Child `child` is read as position `position`.
    Match { child: usize, position: u32 },
    /// Child `child` cannot stand here; `state` is where the automaton was.
    Delete { child: usize, state: u32 },
    /// Position `position` is missing before child `before` (or at the end, `before == n`).
    Insert { before: usize, position: u32 },
    /// Unknown child `child` stands where position `position` was expected.
    Rename { child: usize, position: u32 },
}

/// Runs the children through the automaton without edits. `Some(positions)` when they match.
pub fn run(automaton: &Automaton, names: &[&str]) -> Option<Vec<u32>> {
    let mut state = 0;
    let mut positions = Vec::with_capacity(names.len());
    for name in names {
        state = automaton.step(state, name)?;
        positions.push(state);
    }
    automaton.accepting[state as usize].then_some(positions)
}

/// The cheapest alignment of `names` against `automaton`. `similar(child, position)` says
/// whether an unknown child's name looks like a typo of the position's name.
pub fn align(
    automaton: &Automaton,
    names: &[&str],
    known: &dyn Fn(&str) -> bool,
    similar: &dyn Fn(&str, &str) -> bool,
) -> Vec<Step> {
    let states = automaton.follow.len();
    let nodes = (names.len() + 1) * states;
    let mut dist = vec![u32::MAX; nodes];
    let mut back: Vec<(u32, Step)> = vec![(u32::MAX, Step::Delete { child: 0, state: 0 }); nodes];
    let mut buckets: Vec<Vec<usize>> = vec![vec![0]];
    dist[0] = 0;
    let id = |i: usize, q: usize| i * states + q;
    let mut cost = 0;
    let goal = loop {
        let Some(node) = buckets.get_mut(cost).and_then(Vec::pop) else {
            cost += 1;
            if cost >= buckets.len() {
                break None;
            }
            continue;
        };
        if dist[node] != cost as u32 {
            continue;
        }
        let (i, q) = (node / states, node % states);
        if i == names.len() && automaton.accepting[q] {
            break Some(node);
        }
        let mut relax = |target: usize, step_cost: u32, step: Step| {
            let total = cost as u32 + step_cost;
            if total < dist[target] {
                dist[target] = total;
                back[target] = (node as u32, step);
                let slot = total as usize;
                if buckets.len() <= slot {
                    buckets.resize(slot + 1, Vec::new());
                }
                buckets[slot].push(target);
            }
        };
        let follow = &automaton.follow[q];
        if let Some(name) = names.get(i) {
            let name_known = known(name);
            for &p in follow {
                let position_name = automaton.position(p).name.as_deref();
                if position_name.is_none_or(|n| n == *name) {
                    relax(
                        id(i + 1, p as usize),
                        0,
                        Step::Match {
                            child: i,
                            position: p,
                        },
                    );
                } else if !name_known {
                    let cost = if similar(name, position_name.unwrap_or("")) {
                        RENAME_SIMILAR
                    } else {
                        RENAME_OTHER
                    };
                    relax(
                        id(i + 1, p as usize),
                        cost,
                        Step::Rename {
                            child: i,
                            position: p,
                        },
                    );
                }
            }
            relax(
                id(i + 1, q),
                DELETE,
                Step::Delete {
                    child: i,
                    state: q as u32,
                },
            );
        }
        for &p in follow {
            if automaton.position(p).name.is_some() {
                relax(
                    id(i, p as usize),
                    INSERT,
                    Step::Insert {
                        before: i,
                        position: p,
                    },
                );
            }
        }
    };
    let mut steps = Vec::new();
    let mut node = goal.unwrap_or(0);
    while node != 0 {
        let (previous, step) = back[node];
        steps.push(step);
        node = previous as usize;
    }
    steps.reverse();
    steps
}
