//! The smallest set of edits that makes a parent's children match its content model.
//!
//! When the children do not simply run through the automaton, we search the product of child
//! index × automaton state for the cheapest path to the end, where reading a child costs
//! nothing, and deleting a child, inserting a missing element or renaming an unknown one cost
//! something. One real mistake is then one edit: a swap comes out as one deletion plus one
//! insertion of the same name (which the caller reports as one move), a misspelling as one
//! rename, an absent element as one insertion; no error cascades into the siblings after it.

use super::limits;
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

/// Whether the children of a parent are aligned by the search (else greedily).
pub fn searches(automaton: &Automaton, children: usize) -> bool {
    children <= limits::search_children()
        && (children + 1).saturating_mul(automaton.follow.len()) <= limits::search_pairs()
}

/// The search's circular buckets: one more than the dearest step, so that the costs waiting
/// (the current one and up to the dearest step beyond) each have a bucket of their own.
const BUCKETS: usize = dearest(&[DELETE, INSERT, RENAME_SIMILAR, RENAME_OTHER]) as usize + 1;

const fn dearest(costs: &[u32]) -> u32 {
    let (mut most, mut i) = (0, 0);
    while i < costs.len() {
        if costs[i] > most {
            most = costs[i];
        }
        i += 1;
    }
    most
}

/// The kinds of step, kept in the top two bits of the search's back-pointers (a node index
/// is below [`SEARCH_LIMIT`], far below 2^30).
const KIND_SHIFT: u32 = 30;
const MATCH: u32 = 0;
const RENAME: u32 = 1;
const DELETE_STEP: u32 = 2;
const INSERT_STEP: u32 = 3;

/// One step of an alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Child `child` is read as position `position`.
    Match { child: usize, position: u32 },
    /// Child `child` cannot stand here; `state` is where the automaton was.
    Delete { child: usize, state: u32 },
    /// Position `position` is missing before child `before` (or at the end, `before == n`).
    Insert { before: usize, position: u32 },
    /// Unknown child `child` stands where position `position` was expected, in `state`.
    Rename {
        child: usize,
        position: u32,
        state: u32,
    },
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
    search(
        automaton,
        names,
        known,
        similar,
        foreign_run_searched(automaton),
    )
}

/// [`align`], reading at most `run_searched` children of a run of foreign ones.
fn search(
    automaton: &Automaton,
    names: &[&str],
    known: &dyn Fn(&str) -> bool,
    similar: &dyn Fn(&str, &str) -> bool,
    run_searched: usize,
) -> Vec<Step> {
    if !searches(automaton, names.len()) {
        return greedy(automaton, names);
    }
    let states = automaton.follow.len();
    // `similar` is an edit distance: computed once per (unknown child name, position name)
    // rather than once per search node, which under `<packet>`'s ninety operator positions is
    // thousands of times per unknown child. Keyed by the child's name, not its index: the
    // answer depends on the names only, and a million siblings repeating one unknown name
    // then share one entry instead of filling a million-entry table (most of the run time).
    // Each distinct child name gets an id once (one hash per child); the search then looks
    // `known` and `similar` up in dense tables, never hashing on an edge.
    let mut ids: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let name_ids: Vec<usize> = names
        .iter()
        .map(|name| {
            let next = ids.len();
            *ids.entry(*name).or_insert(next)
        })
        .collect();
    let mut known_ids = vec![false; ids.len()];
    for (name, id) in &ids {
        known_ids[*id] = known(name);
    }
    let width = automaton.positions.len() + 1;
    let mut similarity = vec![0u8; ids.len() * width];
    let runs = ForeignRuns::of(
        automaton,
        names,
        (&name_ids, &known_ids),
        &mut similarity,
        similar,
        run_searched,
    );
    let searched = &runs.searched;
    let nodes = (searched.len() + 1) * states;
    // Eight bytes per (child, state) pair: a distance, and the node each was reached from
    // with the kind of step in its top bits (the step itself follows from the two nodes).
    // Nodes wait in Dial's circular buckets: no step costs more than the dearest, so the
    // nodes waiting have at most that many distinct costs beyond the current one, and a
    // bucket per cost ever reached (a million for a million deleted children) is not needed.
    let mut dist = vec![u32::MAX; nodes];
    let mut back: Vec<u32> = vec![u32::MAX; nodes];
    let mut buckets: [Vec<u32>; BUCKETS] = Default::default();
    buckets[0].push(0);
    dist[0] = 0;
    let id = |i: usize, q: usize| i * states + q;
    let mut cost = 0;
    let goal = loop {
        let Some(node) = buckets[cost % BUCKETS].pop().map(|n| n as usize) else {
            if buckets.iter().all(Vec::is_empty) {
                break None;
            }
            cost += 1;
            continue;
        };
        if dist[node] != cost as u32 {
            continue;
        }
        let (i, q) = (node / states, node % states);
        if i == searched.len() && automaton.accepting[q] {
            break Some(node);
        }
        let mut relax = |target: usize, step_cost: u32, kind: u32| {
            let total = cost as u32 + step_cost;
            if total < dist[target] {
                dist[target] = total;
                back[target] = node as u32 | kind << KIND_SHIFT;
                buckets[total as usize % BUCKETS].push(target as u32);
            }
        };
        let follow = &automaton.follow[q];
        if let Some(&child) = searched.get(i) {
            let (name, name_id) = (&names[child], name_ids[child]);
            let name_known = known_ids[name_id];
            for &p in follow {
                let position_name = automaton.position(p).name.as_deref();
                if position_name.is_none_or(|n| n == *name) {
                    relax(id(i + 1, p as usize), 0, MATCH);
                } else if !name_known {
                    let position_name = position_name.unwrap_or("");
                    let slot = &mut similarity[name_id * width + p as usize];
                    if *slot == 0 {
                        *slot = 1 + u8::from(similar(name, position_name));
                    }
                    let similar = *slot == 2;
                    let cost = if similar {
                        RENAME_SIMILAR
                    } else {
                        RENAME_OTHER
                    };
                    relax(id(i + 1, p as usize), cost, RENAME);
                }
            }
            relax(id(i + 1, q), DELETE, DELETE_STEP);
        }
        for &p in follow {
            if automaton.position(p).name.is_some() {
                relax(id(i, p as usize), INSERT, INSERT_STEP);
            }
        }
    };
    let mut path = Vec::new();
    let mut node = goal.unwrap_or(0);
    while node != 0 {
        let previous = (back[node] & !(3 << KIND_SHIFT)) as usize;
        let (i, q) = (previous / states, (previous % states) as u32);
        let p = (node % states) as u32;
        path.push(match back[node] >> KIND_SHIFT {
            MATCH => Step::Match {
                child: i,
                position: p,
            },
            RENAME => Step::Rename {
                child: i,
                position: p,
                state: q,
            },
            DELETE_STEP => Step::Delete { child: i, state: q },
            _ => Step::Insert {
                before: i,
                position: p,
            },
        });
        node = previous;
    }
    path.reverse();
    runs.restore(path, names.len())
}

/// The runs of *foreign* children (a name the model does not know and no position's name
/// resembles, in a model without wildcards): every step that reads one costs the same
/// whatever its name (a deletion, or a rename to an unrelated name, which costs one more),
/// so the children of a run are interchangeable. Each step through the automaton then costs
/// more than deleting the child instead, so the cheapest alignment of a run never passes
/// one state twice, and renames at most [`foreign_run_searched`] of its children, the first
/// ones as well as any. The search reads those and deletes the rest: a run of 100,000 `<a/>`
/// costs it a few nodes instead of 100,000 times the states.
struct ForeignRuns {
    /// The children the search reads, by index.
    searched: Vec<usize>,
    /// The children it does not read (deleted), each after the searched child it follows.
    left: Vec<(usize, usize)>,
}

impl ForeignRuns {
    /// The runs of `names` (each with its id, and whether the id is known to the model),
    /// of which the search reads `limit` children each. Whether a name resembles a
    /// position's goes into the search's `similarity` table, which it would otherwise fill.
    fn of(
        automaton: &Automaton,
        names: &[&str],
        (name_ids, known_ids): (&[usize], &[bool]),
        similarity: &mut [u8],
        similar: &dyn Fn(&str, &str) -> bool,
        limit: usize,
    ) -> ForeignRuns {
        let mut runs = ForeignRuns {
            searched: Vec::with_capacity(names.len()),
            left: Vec::new(),
        };
        let mut foreign_ids: Vec<Option<bool>> = vec![None; known_ids.len()];
        let width = automaton.positions.len() + 1;
        let mut run = 0;
        for (child, name) in names.iter().enumerate() {
            let id = name_ids[child];
            let foreign = *foreign_ids[id].get_or_insert_with(|| {
                !known_ids[id]
                    && is_foreign(automaton, name, &mut similarity[id * width..], similar)
            });
            run = if foreign { run + 1 } else { 0 };
            if run > limit {
                runs.left.push((runs.searched.len() - 1, child));
            } else {
                runs.searched.push(child);
            }
        }
        runs
    }

    /// The steps of the search over [`Self::searched`], in the children's indices, with the
    /// children left out deleted where they stand: after the step that read the child they
    /// follow, in the state it left.
    fn restore(&self, path: Vec<Step>, children: usize) -> Vec<Step> {
        let child_at = |i: usize| self.searched.get(i).copied().unwrap_or(children);
        let mut steps = Vec::with_capacity(path.len() + self.left.len());
        let mut left = self.left.iter().peekable();
        for step in path {
            steps.push(match step {
                Step::Match { child, position } => Step::Match {
                    child: child_at(child),
                    position,
                },
                Step::Rename {
                    child,
                    position,
                    state,
                } => Step::Rename {
                    child: child_at(child),
                    position,
                    state,
                },
                Step::Delete { child, state } => Step::Delete {
                    child: child_at(child),
                    state,
                },
                Step::Insert { before, position } => Step::Insert {
                    before: child_at(before),
                    position,
                },
            });
            let (read, state) = match step {
                Step::Match { child, position }
                | Step::Rename {
                    child, position, ..
                } => (child, position),
                Step::Delete { child, state } => (child, state),
                Step::Insert { .. } => continue,
            };
            while let Some(&(_, child)) = left.next_if(|(follows, _)| *follows == read) {
                steps.push(Step::Delete { child, state });
            }
        }
        steps
    }
}

/// Whether children called `name` are foreign to `automaton` ([`ForeignRuns`]): it has no
/// wildcard, does not know the name, and no position's name resembles it. `slots` is the
/// name's row of the search's similarity table (position `p` at `p`; 0 not asked yet, 1 not
/// similar, 2 similar), filled as far as it asks.
fn is_foreign(
    automaton: &Automaton,
    name: &str,
    slots: &mut [u8],
    similar: &dyn Fn(&str, &str) -> bool,
) -> bool {
    !automaton.knows(name)
        && automaton.positions.iter().enumerate().all(|(i, p)| {
            let Some(position_name) = p.name.as_deref() else {
                return false;
            };
            let slot = &mut slots[i + 1];
            if *slot == 0 {
                *slot = 1 + u8::from(similar(name, position_name));
            }
            *slot == 1
        })
}

/// How many children of a run of foreign children the search reads: one per state, more
/// than the renames of any cheapest alignment of the run.
fn foreign_run_searched(automaton: &Automaton) -> usize {
    automaton.follow.len()
}

/// A linear alignment for inputs too large to search: read what fits, drop what does not,
/// and complete the content with the fewest insertions at the end.
pub fn greedy(automaton: &Automaton, names: &[&str]) -> Vec<Step> {
    let mut steps = Vec::with_capacity(names.len());
    let mut state = 0;
    for (child, name) in names.iter().enumerate() {
        match automaton.step(state, name) {
            Some(position) => {
                steps.push(Step::Match { child, position });
                state = position;
            }
            None => steps.push(Step::Delete { child, state }),
        }
    }
    for position in completion(automaton, state) {
        steps.push(Step::Insert {
            before: names.len(),
            position,
        });
    }
    steps
}

/// The shortest run of positions from `state` to an accepting state (breadth-first).
pub fn completion(automaton: &Automaton, state: u32) -> Vec<u32> {
    let states = automaton.follow.len();
    let mut previous: Vec<Option<u32>> = vec![None; states];
    let mut seen = vec![false; states];
    let mut queue = std::collections::VecDeque::from([state]);
    seen[state as usize] = true;
    while let Some(q) = queue.pop_front() {
        if automaton.accepting[q as usize] {
            let mut path = Vec::new();
            let mut at = q;
            while at != state {
                path.push(at);
                at = previous[at as usize].unwrap_or(state);
            }
            path.reverse();
            return path;
        }
        for &p in &automaton.follow[q as usize] {
            if !seen[p as usize] && automaton.position(p).name.is_some() {
                seen[p as usize] = true;
                previous[p as usize] = Some(q);
                queue.push_back(p);
            }
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::check::suggest::is_similar;
    use crate::rules::compile::ContentRule;
    use crate::rules::{Direction, RuleSet};

    /// What an alignment costs, and that it reads every child once, in order.
    fn cost(automaton: &Automaton, names: &[&str], steps: &[Step]) -> u32 {
        let mut next = 0;
        let mut total = 0;
        for step in steps {
            let read = match *step {
                Step::Match { child, .. } => Some(child),
                Step::Delete { child, .. } => {
                    total += DELETE;
                    Some(child)
                }
                Step::Rename {
                    child, position, ..
                } => {
                    let name = automaton.position(position).name.as_deref().unwrap_or("");
                    total += if is_similar(names[child], name) {
                        RENAME_SIMILAR
                    } else {
                        RENAME_OTHER
                    };
                    Some(child)
                }
                Step::Insert { .. } => {
                    total += INSERT;
                    None
                }
            };
            if let Some(child) = read {
                assert_eq!(child, next, "{steps:?}");
                next += 1;
            }
        }
        assert_eq!(next, names.len(), "{steps:?}");
        total
    }

    /// Reading only the first children of a run of foreign ones finds alignments as cheap as
    /// reading them all, on every request operation's model and children that mix runs of
    /// foreign names (one repeated, or all different) with the model's own names and names
    /// like them, out of order.
    #[test]
    fn runs_of_foreign_children_are_aligned_as_cheaply_as_when_all_are_read() {
        let (rules, errors) = RuleSet::load_set("", &[] as &[&Path]);
        assert!(errors.is_empty());
        let direction = Direction::Request;
        let mut compared = 0;
        for operator in rules.operators(direction) {
            for operation in rules.operations(&operator, direction) {
                let Some(Ok(ty)) = rules.operation_type(&operator, &operation, direction) else {
                    continue;
                };
                let ContentRule::Children(automaton) = &ty.content else {
                    continue;
                };
                let own: Vec<&str> = automaton
                    .positions
                    .iter()
                    .filter_map(|p| p.name.as_deref())
                    .collect();
                let typo = own.first().map(|n| format!("{n}x")).unwrap_or_default();
                let distinct: Vec<String> = (0..40).map(|i| format!("zz{i}")).collect();
                let run = |n: usize| vec!["zz"; n];
                let mut shapes: Vec<Vec<&str>> = vec![
                    run(30),
                    distinct.iter().map(String::as_str).collect(),
                    [run(12), own.clone(), run(25)].concat(),
                    [
                        own.iter().rev().copied().collect(),
                        run(20),
                        vec![typo.as_str()],
                    ]
                    .concat(),
                ];
                let mut mixed = Vec::new();
                for (i, name) in own.iter().enumerate() {
                    mixed.extend(run(i % 7 + 1));
                    mixed.push(name);
                    mixed.extend(distinct.iter().take(i % 5).map(String::as_str));
                }
                shapes.push(mixed);
                for names in shapes {
                    let known = |name: &str| automaton.knows(name) || automaton.has_wildcard();
                    let short = align(automaton, &names, &known, &is_similar);
                    let all = search(automaton, &names, &known, &is_similar, usize::MAX);
                    assert_eq!(
                        cost(automaton, &names, &short),
                        cost(automaton, &names, &all),
                        "{operator}/{operation}: {names:?}"
                    );
                    compared += 1;
                }
            }
        }
        assert!(compared > 500, "{compared}");
    }
}
