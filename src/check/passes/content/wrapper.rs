//! A missing wrapper: fields written straight into `<add>` without their `<gen_info>`, or
//! into mail's `<create>` without `<filter>`. The alignment sees a missing `<gen_info>` and
//! one unknown element per field; the mistake is one, so the finding is one, at the first
//! orphan, with a fix that wraps them. The orphans are then checked as the wrapper's content,
//! so a mistake inside them is still found.

use roxmltree::Node;

use super::report::Report;
use crate::check::align::Step;
use crate::check::{align, xml};
use crate::diagnostic::{Applicability, Code, Diagnostic, Edit};
use crate::rules::automaton::Automaton;

impl Report<'_, '_> {
    /// Finds missing wrappers in an alignment: a missing element (inserted, or put in the
    /// place of a child by a rename) whose content model takes a run of consecutive children
    /// that are out of place here (deleted, or that renamed child), in that order. Each is
    /// reported once; its insertion and deletions are taken out of the lists, and which
    /// children it covers is returned (by child index), for their renames not to be reported.
    pub(super) fn report_wrappers(
        &mut self,
        parent: Node,
        children: &[Node],
        automaton: &Automaton,
        steps: &[Step],
        deletes: &mut Vec<(usize, u32)>,
        inserts: &mut [Option<(usize, u32, u32)>],
    ) -> Vec<bool> {
        let renames: Vec<(usize, u32)> = steps
            .iter()
            .filter_map(|step| match *step {
                Step::Rename {
                    child, position, ..
                } => Some((child, position)),
                _ => None,
            })
            .collect();
        // Candidates: (insert slot or none, the child the run must reach, the position).
        let mut candidates: Vec<(Option<usize>, usize, u32)> = Vec::new();
        for (slot, insert) in inserts.iter().enumerate() {
            if let Some((before, position, _)) = *insert {
                candidates.push((Some(slot), before, position));
            }
        }
        for &(child, position) in &renames {
            candidates.push((None, child, position));
        }
        // Per child, looked up in each run: searching the lists for each child of a run took
        // time quadratic in it (200,000 orphaned fields: 16 s).
        let mut deleted = vec![false; children.len()];
        for &(child, _) in deletes.iter() {
            deleted[child] = true;
        }
        let mut renamed_to = vec![None; children.len()];
        for &(child, position) in &renames {
            renamed_to[child] = Some(position);
        }
        let mut covered = vec![false; children.len()];
        for (slot, anchor, position) in candidates {
            let position_rule = automaton.position(position);
            let (Some(inner), Some(wrapper)) = (position_rule.children(), &position_rule.name)
            else {
                continue;
            };
            let out_of_place = |i: usize| {
                let name = xml::grammar_name(children[i]);
                let dropped = deleted[i] || renamed_to[i] == Some(position);
                dropped && !covered[i] && !automaton.knows(name) && inner.knows(name)
            };
            let start = (0..anchor)
                .rev()
                .take_while(|&i| out_of_place(i))
                .last()
                .unwrap_or(anchor);
            let end = (start..children.len())
                .take_while(|&i| out_of_place(i))
                .last()
                .map_or(start, |i| i + 1);
            // A rename's child must be in the run; an insertion must touch it.
            if end == start || (slot.is_none() && !(start..end).contains(&anchor)) {
                continue;
            }
            let orphans = &children[start..end];
            let names: Vec<&str> = orphans.iter().map(|c| xml::grammar_name(*c)).collect();
            // In the wrapper's order, or it is not the wrapper they lost.
            let Some(positions) = align::run(inner, &names) else {
                continue;
            };
            if let Some(slot) = slot {
                inserts[slot] = None;
            }
            deletes.retain(|&(child, _)| !(start..end).contains(&child));
            covered[start..end].fill(true);
            self.report_wrapper(parent, wrapper, orphans);
            for (child, p) in orphans.iter().zip(positions) {
                self.visit_child(*child, inner.position(p), parent);
            }
        }
        covered
    }

    fn report_wrapper(&mut self, parent: Node, wrapper: &str, orphans: &[Node]) {
        let (first, last) = (orphans[0], orphans[orphans.len() - 1]);
        let mut listed: Vec<String> = orphans
            .iter()
            .take(3)
            .map(|c| format!("`<{}>`", c.tag_name().name()))
            .collect();
        if orphans.len() > 3 {
            listed.push("…".into());
        }
        let listed = listed.join(", ");
        let parent_name = parent.tag_name().name();
        let indent = crate::fix::moves::indentation(self.lines(), first.range().start);
        let diagnostic = Diagnostic::new(
            Code::MissingWrapper,
            format!(
                "{listed} belong in `<{wrapper}>`, which is missing from `<{parent_name}>`: wrap \
                 them in `<{wrapper}>`"
            ),
            xml::name_span(self.text, first),
        )
        .with_label(format!("`<{wrapper}>` should start here"))
        .with_secondary(
            xml::name_span(self.text, last),
            format!("and end after `<{}>`", last.tag_name().name()),
        )
        .with_help(format!(
            "put the {} element(s) inside `<{wrapper}>…</{wrapper}>`",
            orphans.len()
        ))
        .with_fix(
            format!("Wrap the elements in `<{wrapper}>`"),
            Applicability::Unsafe,
            vec![
                Edit {
                    span: first.range().start..first.range().start,
                    replacement: format!("<{wrapper}>\n{indent}"),
                },
                Edit {
                    span: last.range().end..last.range().end,
                    replacement: format!("\n{indent}</{wrapper}>"),
                },
            ],
        );
        self.push(diagnostic);
    }
}
