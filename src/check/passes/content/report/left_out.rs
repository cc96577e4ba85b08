//! The children a skeleton left out for the content pass to place by their name
//! ([`crate::check::left_out::Fate::ByName`]): known children the greedy alignment drops,
//! each reported as the first children of its name in the skeleton are, whichever child it
//! is. A moved one is counted under the parent's cap and its content checked where it moves,
//! in the order the whole check visits it; any other is counted and walked for the lints.

use std::ops::Range;

use roxmltree::Node;

use super::{Matched, Report, blocked};
use crate::check::left_out::{ByNameChildren, LeftOutChild};
use crate::check::relocate::{self, Gap};
use crate::check::walker::Level;
use crate::diagnostic::Code;
use crate::rules::automaton::{Automaton, ChildRule};

/// How the children of one name left out are reported.
#[derive(Clone, Copy)]
pub(super) enum Placement {
    /// Moved into a gap, as the position there.
    Moved(u32),
    /// One finding of the code, where it stands.
    Counted(Code),
    /// A member of a one-of choice whose branch `other` (a child) took: it joins that
    /// choice's finding, in document order among the others reported.
    Conflict { choice: u32, other: usize },
}

/// The placement of each name of `left` ([`ByNameChildren::names`]), as the report of a
/// dropped child of that name decides it: the same tests in the same order.
pub(super) fn placements(
    automaton: &Automaton,
    left: &ByNameChildren,
    matched: &Matched,
    (gaps, aligned, kept_before): (&[Gap], &[&str], &[usize]),
) -> Vec<Placement> {
    let placement = |name: &str| {
        if !blocked(automaton, matched, name) {
            // Which gap depends on the child; whether there is one, and the declaration
            // (hence the type) it moves as, do not.
            if let Some((_, position)) =
                relocate::find(automaton, gaps, aligned, (name, 0), kept_before)
            {
                return Placement::Moved(position);
            }
            if relocate::fits_locally(automaton, gaps, name) {
                return Placement::Counted(Code::TooMany);
            }
        }
        delete_placement(automaton, matched, name)
    };
    left.names
        .all()
        .iter()
        .map(|name| placement(name))
        .collect()
}

/// What `report_delete` makes of a dropped known child named `name` (of one declaration):
/// one too many when the alignment gave it as often as it may be, else a member of a
/// choice another branch of which the alignment took, else unexpected.
fn delete_placement(automaton: &Automaton, matched: &Matched, name: &str) -> Placement {
    let Some((index, decl)) = (automaton.decls.iter().enumerate()).find(|(_, d)| &*d.name == name)
    else {
        return Placement::Counted(Code::UnexpectedElement);
    };
    let given = matched.by_decl.get(&(index as u32)).map_or(0, Vec::len);
    if given > 0 && decl.max.is_some_and(|max| given as u32 >= max) {
        return Placement::Counted(Code::TooMany);
    }
    for &(choice, branch) in &decl.choices {
        if let Some(&(_, other)) =
            (matched.branches.iter()).find(|((c, b), _)| *c == choice && *b != branch)
        {
            return Placement::Conflict { choice, other };
        }
    }
    Placement::Counted(Code::UnexpectedElement)
}

/// The span of a finding about a left-out child: its name in the start tag.
fn name_span(child: &LeftOutChild, name: &str) -> Range<usize> {
    let start = child.start as usize + 1;
    start..start + name.len()
}

impl Report<'_, '_> {
    /// A left-out child moved to `position`: its out-of-order finding counted, and its
    /// content checked as the moved element's.
    pub(super) fn left_out_move(
        &mut self,
        automaton: &Automaton,
        left: &ByNameChildren,
        child: &LeftOutChild,
        position: u32,
    ) {
        let name = left.name(child);
        self.count_in_parent_cap(Code::OutOfOrder, &name_span(child, name));
        if self.gave_up() {
            return;
        }
        let position = automaton.position(position);
        if let ChildRule::Typed(ty) = &position.rule {
            let as_name = position.name.as_deref().unwrap_or(name);
            self.check_piece(child.range(), ty, Level::Inner, as_name);
        }
    }

    /// A left-out child read again as the position its record names ([`LeftOutChild`]):
    /// visited as the child read there, a piece of its own.
    pub(super) fn left_out_read(&mut self, automaton: &Automaton, child: &LeftOutChild) {
        let position = automaton.position(u32::from(child.name));
        if self.gave_up() {
            return;
        }
        if let (ChildRule::Typed(ty), Some(name)) = (&position.rule, &position.name) {
            self.check_piece(child.range(), ty, Level::Inner, name);
        }
    }

    /// A left-out member of a one-of choice another branch of which the alignment took
    /// (`other`): it joins the choice's finding, or opens one, as a dropped child does; and it
    /// is walked for the lints with the children not placed.
    pub(super) fn left_out_conflict(
        &mut self,
        (automaton, children): (&Automaton, &[Node]),
        left: &ByNameChildren,
        child: &LeftOutChild,
        (choice, other): (u32, usize),
    ) {
        let extra = name_span(child, left.name(child));
        self.choice_conflict(automaton, choice, children[other], (extra, child.range()));
        self.stream.lint_later.push(*child);
    }

    /// The left-out children not moved: each one finding counted, and walked for the lints
    /// where the whole check walks a dropped child, among the parent's other children not
    /// placed (`Walker::visit_the_rest`).
    pub(super) fn left_out_counted(&mut self, left: &ByNameChildren, placements: &[Placement]) {
        for child in &left.children {
            let Some(&Placement::Counted(code)) = placements.get(child.name as usize) else {
                continue;
            };
            self.count_in_parent_cap(code, &name_span(child, left.name(child)));
            self.stream.lint_later.push(*child);
        }
    }
}
