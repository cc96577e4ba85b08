//! Content models compiled into position (Glushkov) automata.
//!
//! Every element occurrence of a model, after bounded repetitions are unrolled, is one
//! *position*; the automaton's states are "nothing read yet" (state 0) and "just read position
//! p" (state p). A child sequence matches when a path of positions spells its element names
//! and ends in an accepting state. The construction is linear in the model, needs no
//! backtracking, and for the deterministic (UPA) models of the Plesk schema every state has at
//! most one successor per name, so the common valid case walks straight through.

use std::sync::Arc;

use super::compile::ElementType;

/// What a position's element is checked against.
#[derive(Debug, Clone)]
pub enum ChildRule {
    /// A compiled element type.
    Typed(Arc<ElementType>),
    /// An operator under `<packet>`, compiled on first use.
    Operator,
    /// An operation under an operator, compiled on first use.
    Operation,
    /// `ANY`: any element, not checked.
    Wildcard,
}

/// One element occurrence in a model.
#[derive(Debug, Clone)]
pub struct Position {
    /// The element name; `None` for a wildcard.
    pub name: Option<Arc<str>>,
    /// How to check the element.
    pub rule: ChildRule,
    /// The declaration this position was unrolled from (index into `Automaton::decls`).
    pub decl: u32,
}

impl Position {
    /// The content model of the position's element, when it is a compiled type whose
    /// content is element children.
    pub fn children(&self) -> Option<&Automaton> {
        match &self.rule {
            ChildRule::Typed(ty) => match &ty.content {
                super::compile::ContentRule::Children(inner) => Some(inner),
                _ => None,
            },
            _ => None,
        }
    }
}

/// One element declaration as written in the rules, shared by all of its unrolled positions.
#[derive(Debug, Clone)]
pub struct Decl {
    /// The element name (`*` for a wildcard).
    pub name: Arc<str>,
    /// How often it may occur in one parent, counting enclosing groups' repetition.
    pub max: Option<u32>,
    /// The one-of choices this declaration is a branch of: (choice id, branch index). Only
    /// choices that cannot repeat are listed, since only they forbid a second member.
    pub choices: Vec<(u32, u32)>,
    /// The choice it is directly a branch of (repeatable or not), for "missing one of".
    pub alternatives: Option<u32>,
}

/// A regular expression over positions, the intermediate form between the syntax tree and the
/// automaton.
#[derive(Debug)]
pub enum Re {
    /// Matches the empty sequence.
    Empty,
    /// One position.
    Pos(u32),
    /// Concatenation.
    Seq(Vec<Re>),
    /// Alternation.
    Alt(Vec<Re>),
    /// Zero or more.
    Star(Box<Re>),
    /// Zero or one.
    Opt(Box<Re>),
}

/// A compiled content model.
#[derive(Debug, Clone, Default)]
pub struct Automaton {
    /// Positions; position `p` is `positions[p - 1]`, state `p` is "just read position p".
    pub positions: Vec<Position>,
    /// Declarations, for diagnostics.
    pub decls: Vec<Decl>,
    /// Choice groups by id: the names that start each branch, for "only one of" messages.
    pub choice_names: Vec<Vec<Arc<str>>>,
    /// `follow[state]`: the positions that may come next.
    pub follow: Vec<Vec<u32>>,
    /// `accepting[state]`: the content may end here.
    pub accepting: Vec<bool>,
}

struct Sets {
    nullable: bool,
    first: Vec<u32>,
    last: Vec<u32>,
}

impl Automaton {
    /// Builds the automaton of `re` over `positions`.
    pub fn build(
        re: &Re,
        positions: Vec<Position>,
        decls: Vec<Decl>,
        choice_names: Vec<Vec<Arc<str>>>,
    ) -> Automaton {
        let states = positions.len() + 1;
        let mut follow = vec![Vec::new(); states];
        let sets = glushkov(re, &mut follow);
        follow[0] = sets.first;
        let mut accepting = vec![false; states];
        accepting[0] = sets.nullable;
        for p in sets.last {
            accepting[p as usize] = true;
        }
        for list in &mut follow {
            list.sort_unstable();
            list.dedup();
        }
        Automaton {
            positions,
            decls,
            choice_names,
            follow,
            accepting,
        }
    }

    /// The position with number `p` (1-based).
    pub fn position(&self, p: u32) -> &Position {
        &self.positions[p as usize - 1]
    }

    /// The successor of `state` on an element called `name`: an exact name wins over a
    /// wildcard.
    pub fn step(&self, state: u32, name: &str) -> Option<u32> {
        let next = &self.follow[state as usize];
        next.iter()
            .copied()
            .find(|&p| self.position(p).name.as_deref() == Some(name))
            .or_else(|| {
                next.iter()
                    .copied()
                    .find(|&p| self.position(p).name.is_none())
            })
    }

    /// Whether the model knows an element of this name anywhere.
    pub fn knows(&self, name: &str) -> bool {
        self.decls.iter().any(|decl| &*decl.name == name)
    }

    /// Whether the model has a wildcard.
    pub fn has_wildcard(&self) -> bool {
        self.positions.iter().any(|p| p.name.is_none())
    }
}

/// Computes nullable/first/last of `re` and adds its internal follow edges.
fn glushkov(re: &Re, follow: &mut [Vec<u32>]) -> Sets {
    match re {
        Re::Empty => Sets {
            nullable: true,
            first: Vec::new(),
            last: Vec::new(),
        },
        Re::Pos(p) => Sets {
            nullable: false,
            first: vec![*p],
            last: vec![*p],
        },
        Re::Seq(items) => {
            let mut acc = glushkov(&Re::Empty, follow);
            for item in items {
                let next = glushkov(item, follow);
                for &l in &acc.last {
                    follow[l as usize].extend_from_slice(&next.first);
                }
                if acc.nullable {
                    acc.first.extend_from_slice(&next.first);
                }
                acc.last = if next.nullable {
                    let mut last = acc.last;
                    last.extend_from_slice(&next.last);
                    last
                } else {
                    next.last
                };
                acc.nullable &= next.nullable;
            }
            acc
        }
        Re::Alt(items) => {
            let mut acc = Sets {
                nullable: items.is_empty(),
                first: Vec::new(),
                last: Vec::new(),
            };
            for item in items {
                let next = glushkov(item, follow);
                acc.nullable |= next.nullable;
                acc.first.extend(next.first);
                acc.last.extend(next.last);
            }
            acc
        }
        Re::Star(inner) | Re::Opt(inner) => {
            let sets = glushkov(inner, follow);
            if matches!(re, Re::Star(_)) {
                for &l in &sets.last {
                    follow[l as usize].extend_from_slice(&sets.first);
                }
            }
            Sets {
                nullable: true,
                ..sets
            }
        }
    }
}
