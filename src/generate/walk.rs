//! Paths through a content model's automaton: the shortest one to acceptance (the minimal
//! valid content) and seeded random ones that take optional parts, other choice branches and
//! repetitions.

use std::collections::{HashMap, HashSet, VecDeque};

use super::rng::Rng;
use crate::rules::automaton::Automaton;

/// No path to acceptance from this state.
const UNREACHABLE: u32 = u32::MAX;

/// How a walk chooses among the positions that may come next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// The fewest children that make the content complete.
    Minimal,
    /// Take whatever has not been taken yet, stopping when nothing new can be reached.
    Thorough,
    /// Random choices, stopping at an accepting state now and then.
    Random,
}

/// Declarations (or xs:all members) already used by an earlier packet of the same operation,
/// so later variants prefer the parts not yet shown. Keys are the model's address and the
/// declaration's index: addresses only decide membership, never an order, so the output
/// stays deterministic.
#[derive(Debug, Default)]
pub struct Coverage {
    seen: HashSet<(usize, u32)>,
}

impl Coverage {
    /// Whether `decl` of the model at `model` was used before.
    pub fn seen(&self, model: usize, decl: u32) -> bool {
        self.seen.contains(&(model, decl))
    }

    /// Marks `decl` of the model at `model` as used.
    pub fn mark(&mut self, model: usize, decl: u32) {
        self.seen.insert((model, decl));
    }
}

/// Distances to acceptance, per automaton, computed once.
#[derive(Debug, Default)]
pub struct Distances {
    by_model: HashMap<(usize, usize), Vec<u32>>,
}

impl Distances {
    /// For every state of `automaton`, the fewest positions still to read before it may end.
    pub fn of(&mut self, automaton: &Automaton) -> &[u32] {
        // The state count guards against an address reused by another model.
        let key = (
            automaton as *const Automaton as usize,
            automaton.follow.len(),
        );
        self.by_model
            .entry(key)
            .or_insert_with(|| distances(automaton))
    }
}

/// Backward breadth-first search from the accepting states.
fn distances(automaton: &Automaton) -> Vec<u32> {
    let states = automaton.follow.len();
    let mut incoming: Vec<Vec<u32>> = vec![Vec::new(); states];
    for (q, next) in automaton.follow.iter().enumerate() {
        for &p in next {
            incoming[p as usize].push(q as u32);
        }
    }
    let mut dist = vec![UNREACHABLE; states];
    let mut queue = VecDeque::new();
    for (q, &accepting) in automaton.accepting.iter().enumerate() {
        if accepting {
            dist[q] = 0;
            queue.push_back(q);
        }
    }
    while let Some(p) = queue.pop_front() {
        for &q in &incoming[p] {
            if dist[q as usize] == UNREACHABLE {
                dist[q as usize] = dist[p] + 1;
                queue.push_back(q as usize);
            }
        }
    }
    dist
}

/// A path of positions from the start state to an accepting one.
pub fn walk(
    automaton: &Automaton,
    dist: &[u32],
    style: Style,
    rng: &mut Rng,
    coverage: &mut Coverage,
) -> Vec<u32> {
    let model = automaton as *const Automaton as usize;
    let mut path = Vec::new();
    let mut state = 0u32;
    if dist[0] == UNREACHABLE {
        return path;
    }
    let mut uses: HashMap<u32, u32> = HashMap::new();
    // Enough steps to visit every declaration once, plus a few repetitions.
    let mut budget = automaton.decls.len() + 3;
    loop {
        let here = state as usize;
        let options: Vec<u32> = automaton.follow[here]
            .iter()
            .copied()
            .filter(|&p| dist[p as usize] != UNREACHABLE)
            .collect();
        let weights: Vec<u32> = options
            .iter()
            .map(|&p| weight(automaton, p, model, &uses, coverage))
            .collect();
        let explore = style != Style::Minimal && budget > 0;
        let fresh = weights.iter().any(|&w| w >= FRESH);
        let stop = match style {
            _ if !automaton.accepting[here] => false,
            Style::Minimal => true,
            _ if !explore || weights.iter().all(|&w| w == 0) => true,
            Style::Thorough => !fresh,
            Style::Random => options.is_empty() || rng.chance(30),
        };
        if stop {
            return path;
        }
        let picked = match style {
            _ if !explore => None,
            // Everything not shown yet, in declaration order (the first branch of a choice;
            // the random variants pick the others).
            Style::Thorough => (0..options.len())
                .filter(|&i| weights[i] > 0)
                .max_by_key(|&i| (weights[i], std::cmp::Reverse(options[i])))
                .map(|i| options[i]),
            _ => rng.weighted(&weights).map(|i| options[i]),
        };
        let next = picked.unwrap_or_else(|| shortest_step(automaton, dist, &options));
        budget = budget.saturating_sub(1);
        let decl = automaton.position(next).decl;
        *uses.entry(decl).or_default() += 1;
        coverage.mark(model, decl);
        path.push(next);
        state = next;
    }
}

/// Weight of a declaration no earlier packet of the operation used.
const FRESH: u32 = 12;

fn weight(
    automaton: &Automaton,
    p: u32,
    model: usize,
    uses: &HashMap<u32, u32>,
    coverage: &Coverage,
) -> u32 {
    let position = automaton.position(p);
    let used = uses.get(&position.decl).copied().unwrap_or(0);
    match (used, position.name.is_none()) {
        // A second copy of an element shows a repetition; a third shows nothing new.
        (0, false) if !coverage.seen(model, position.decl) => FRESH,
        (0, _) => 4,
        (1, _) => 1,
        _ => 0,
    }
}

/// The next position on a shortest path to acceptance: named elements before wildcards, then
/// the earliest declared.
fn shortest_step(automaton: &Automaton, dist: &[u32], options: &[u32]) -> u32 {
    *options
        .iter()
        .min_by_key(|&&p| (dist[p as usize], automaton.position(p).name.is_none(), p))
        .expect("a state that is not accepting has a way on")
}
