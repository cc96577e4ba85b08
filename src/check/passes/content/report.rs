//! Turning an alignment into diagnostics: a deletion and an insertion of the same name become
//! one out-of-order finding, a rename becomes an unknown-element finding with a suggestion,
//! consecutive insertions at one place become one missing-element finding, and a deletion is
//! classified as too many, a choice conflict, or simply unexpected.

use std::collections::HashMap;
use std::ops::Range;

use roxmltree::Node;

use crate::check::align::Step;
use crate::check::left_out::LeftOutChild;
use crate::check::passes::legacy;
use crate::check::walker::{Level, Walker};
use crate::check::{point, relocate, suggest, xml};
use crate::diagnostic::{Applicability, Code, Diagnostic, Edit};
use crate::fix::moves::Place;
use crate::rules::automaton::{Automaton, ChildRule, Position};
use crate::rules::compile::ContentRule;
use left_out::Placement;

mod left_out;

/// The content-model pass reporting on one parent's children: the walker's services (findings,
/// memoized lookups, descending into a child as the position it stands for), and the
/// mistakes worked out of an alignment.
pub(in crate::check) struct Report<'w, 'a> {
    walker: &'w mut Walker<'a>,
}

impl<'w, 'a> Report<'w, 'a> {
    pub(in crate::check) fn new(walker: &'w mut Walker<'a>) -> Report<'w, 'a> {
        Report { walker }
    }

    /// Reports a finding, except an operator of the pre-1.6 protocols in a packet that
    /// declares one of them: valid in its protocol, it is named in the envelope's note instead
    /// (`passes/envelope.rs`).
    fn push(&mut self, diagnostic: Diagnostic) {
        let legacy_operator = diagnostic.code == Code::UnknownOperator
            && self.protocol().legacy.is_some()
            && legacy::replacement(self.text.get(diagnostic.primary.span.clone()).unwrap_or(""))
                .is_some();
        if !legacy_operator {
            self.walker.push(diagnostic);
        }
    }
}

impl<'a> std::ops::Deref for Report<'_, 'a> {
    type Target = Walker<'a>;
    fn deref(&self) -> &Walker<'a> {
        self.walker
    }
}

impl std::ops::DerefMut for Report<'_, '_> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        self.walker
    }
}

/// How many expected names a message lists before it says "…".
const LIST_LIMIT: usize = 8;

/// A deleted child paired with the insertion of the same name.
struct Move {
    child: usize,
    before: usize,
    position: u32,
}

impl Report<'_, '_> {
    /// Reports the alignment's findings under `parent`, at most [`crate::check::cap::MAX_PER_PARENT`]
    /// of each code, and checks the children it matched.
    pub(super) fn report_steps(
        &mut self,
        parent: Node,
        children: &[Node],
        automaton: &Automaton,
        steps: &[Step],
        level: Level,
    ) {
        self.open_cap(parent.tag_name().name());
        self.report_all_steps(parent, children, automaton, steps, level);
        self.close_cap();
    }

    fn report_all_steps(
        &mut self,
        parent: Node,
        children: &[Node],
        automaton: &Automaton,
        steps: &[Step],
        level: Level,
    ) {
        let mut deletes: Vec<(usize, u32)> = Vec::new();
        // Each insertion with the automaton state before it.
        let mut inserts: Vec<Option<(usize, u32, u32)>> = Vec::new();
        let mut stays = vec![false; children.len()];
        let mut state = 0;
        for step in steps {
            match *step {
                Step::Delete { child, state } => deletes.push((child, state)),
                Step::Insert { before, position } => {
                    inserts.push(Some((before, position, state)));
                    state = position;
                }
                Step::Match {
                    child, position, ..
                }
                | Step::Rename {
                    child, position, ..
                } => {
                    stays[child] = true;
                    state = position;
                }
            }
        }
        // The children a skeleton of `parent` left out for this report to place by name, or
        // to visit as read.
        let left = match self.stream.greedy_at {
            Some(start) if start == parent.range().start => {
                std::mem::take(&mut self.stream.by_name)
            }
            _ => Default::default(),
        };
        let stays = Stays::new(stays).counting_read(children, &left.read);
        let wrapped = self.report_wrappers(
            parent,
            children,
            automaton,
            steps,
            &mut deletes,
            &mut inserts,
        );
        let mut moves = Vec::new();
        into_moves(&mut deletes, &mut moves, &mut |child| {
            let name = xml::grammar_name(children[child]);
            inserts.iter_mut().find_map(|slot| {
                let (before, position, state) = (*slot)?;
                let taken = alternative(automaton, state, position, name)?;
                *slot = None;
                Some((before, taken))
            })
        });
        // The moves to missing elements come first, then the moves into gaps in document
        // order, among which the left-out children moved take their places.
        let first_moves = moves.len();
        let matched = matched_decls(steps, &moves, automaton);
        let names: Vec<&str> = children.iter().map(|c| xml::grammar_name(*c)).collect();
        let gaps = relocate::gaps(automaton, steps, &names);
        let aligned = relocate::aligned(automaton, steps, &names);
        // Known elements that fit a gap but not with all that follows: one too many of a
        // bounded repetition, not misplaced.
        let mut overflowing = vec![false; children.len()];
        into_moves(&mut deletes, &mut moves, &mut |child| {
            let name = names[child];
            if !automaton.knows(name) || blocked(automaton, &matched, name) {
                return None;
            }
            let found = relocate::find(
                automaton,
                &gaps,
                &aligned,
                (name, child),
                &stays.kept_before,
            );
            if found.is_none() && relocate::fits_locally(automaton, &gaps, name) {
                overflowing[child] = true;
            }
            found
        });

        // The children read, those left out among them in document order.
        let mut left_read = left.read.iter().peekable();
        for step in steps {
            if let Step::Match { child, .. } | Step::Rename { child, .. } = *step {
                let at = children[child].range().start;
                while let Some(read) = left_read.next_if(|c| c.range().start < at) {
                    self.left_out_read(automaton, read);
                }
            }
            match *step {
                Step::Match { child, position } => {
                    self.visit_child(children[child], automaton.position(position), parent)
                }
                Step::Rename {
                    child,
                    position,
                    state,
                } if !wrapped[child] => {
                    self.report_rename(parent, children[child], automaton, (position, state), level)
                }
                _ => {}
            }
        }
        for read in left_read {
            self.left_out_read(automaton, read);
        }
        let placements = match left.children.is_empty() {
            true => Vec::new(),
            false => {
                let gaps_and_order = (&gaps[..], &aligned[..], &stays.kept_before[..]);
                left_out::placements(automaton, &left, &matched, gaps_and_order)
            }
        };
        let mut left_moved = (left.children.iter())
            .filter_map(|c| match placements.get(c.name as usize) {
                Some(&Placement::Moved(position)) => Some((c, position)),
                _ => None,
            })
            .peekable();
        for (index, m) in moves.iter().enumerate() {
            let at = children[m.child].range().start;
            while index >= first_moves
                && let Some((c, position)) = left_moved.next_if(|(c, _)| c.range().start < at)
            {
                self.left_out_move(automaton, &left, c, position);
            }
            self.report_move(parent, children, &stays, m);
            self.visit_child(children[m.child], automaton.position(m.position), parent);
        }
        for (c, position) in left_moved {
            self.left_out_move(automaton, &left, c, position);
        }
        // The left-out members of a choice join its finding in document order among the
        // children dropped, as they would in the whole element.
        let mut left_conflicts = (left.children.iter())
            .filter_map(|c| match placements.get(c.name as usize) {
                Some(&Placement::Conflict { choice, other }) => Some((c, (choice, other))),
                _ => None,
            })
            .peekable();
        for &(child, state) in &deletes {
            let at = children[child].range().start;
            while let Some((c, conflict)) = left_conflicts.next_if(|(c, _)| c.range().start < at) {
                self.left_out_conflict((automaton, children), &left, c, conflict);
            }
            if overflowing[child] {
                self.report_overflow(parent, children[child], automaton);
                continue;
            }
            // Whether an element renamed to `name` would stand right here, with all that
            // follows it still accepted.
            let fits_here = |name: &str| relocate::fits_at(automaton, &gaps, &aligned, name, child);
            self.report_delete(
                parent, children, automaton, child, state, &matched, level, &fits_here,
            );
        }
        for (c, conflict) in left_conflicts {
            self.left_out_conflict((automaton, children), &left, c, conflict);
        }
        self.left_out_counted(&left, &placements);
        let inserts: Vec<(usize, u32)> = inserts
            .into_iter()
            .flatten()
            .map(|(before, position, _)| (before, position))
            .collect();
        for group in inserts.chunk_by(|a, b| a.0 == b.0) {
            self.report_missing(parent, children, &stays, automaton, group);
        }
    }

    fn report_move(&mut self, parent: Node, children: &[Node], stays: &Stays, m: &Move) {
        let child = children[m.child];
        let name = child.tag_name().name();
        let (place, at, anchor) = self.place(parent, children, stays, m.before);
        let text = self.text;
        let start = child
            .prev_sibling()
            .filter(|s| s.is_text() && s.text().is_some_and(|t| t.chars().all(xml::is_xml_space)))
            .map_or(child.range().start, |s| s.range().start);
        let moved = &text[start..child.range().end];
        let mut edits = vec![
            Edit {
                span: start..child.range().end,
                replacement: String::new(),
            },
            Edit {
                span: point(at),
                replacement: moved.to_string(),
            },
        ];
        edits.sort_by_key(|e| e.span.start);
        // Whole lines, comments and the new siblings' indentation when the layout allows.
        if let Some(lines) =
            anchor.and_then(|a| crate::fix::moves::move_element(self.lines(), child.range(), &a))
        {
            edits = lines;
        }
        let fix_ok = !(start..child.range().end).contains(&at) || at == start;
        let mut diagnostic = Diagnostic::new(
            Code::OutOfOrder,
            format!("`<{name}>` is out of order: it belongs {place}"),
            xml::name_span(text, child),
        )
        .with_label("out of order")
        .with_secondary(point(at), format!("`<{name}>` belongs here"))
        .with_help(format!("move `<{name}>` {place}"));
        if fix_ok {
            diagnostic = diagnostic.with_fix(
                format!("Move `<{name}>` {place}"),
                Applicability::Safe,
                edits,
            );
        }
        self.push(diagnostic);
    }

    /// Describes the place before child `before` in words, its byte offset, and the child
    /// it is beside (the first whose end or start it is) for a move by lines.
    fn place(
        &self,
        parent: Node,
        children: &[Node],
        stays: &Stays,
        before: usize,
    ) -> (String, usize, Option<Place>) {
        match (stays.previous[before], stays.next[before]) {
            (Some(i), _) => (
                format!("after `<{}>`", children[i].tag_name().name()),
                children[i].range().end,
                Some(Place::After(children[i].range())),
            ),
            (None, Some(i)) => {
                let at = children[i].range().start;
                // The child before, when it ends right there, is the one beside it.
                let anchor = match i.checked_sub(1).map(|j| children[j].range()) {
                    Some(r) if r.end == at => Place::After(r),
                    _ => Place::Before(children[i].range()),
                };
                (
                    format!("before `<{}>`", children[i].tag_name().name()),
                    at,
                    Some(anchor),
                )
            }
            (None, None) => {
                let at = xml::start_tag_span(self.text, parent).end;
                let anchor = children
                    .first()
                    .filter(|c| c.range().start == at)
                    .map(|c| Place::Before(c.range()));
                (
                    format!("inside `<{}>`", parent.tag_name().name()),
                    at,
                    anchor,
                )
            }
        }
    }

    fn report_missing(
        &mut self,
        parent: Node,
        children: &[Node],
        stays: &Stays,
        automaton: &Automaton,
        group: &[(usize, u32)],
    ) {
        let before = group[0].0;
        let (place, ..) = self.place(parent, children, stays, before);
        let previous = stays.previous[before];
        let span = match previous {
            Some(i) => point(children[i].range().end),
            None => xml::name_span(self.text, parent),
        };
        let names: Vec<String> = group
            .iter()
            .map(|&(_, p)| self.describe_missing(automaton, p))
            .collect();
        let what = names.join(", ");
        let message = match names.as_slice() {
            [one] if one.starts_with("one of") => format!("missing {one} {place}"),
            [one] => format!("missing required element {one} {place}"),
            _ => format!("missing required elements {what} {place}"),
        };
        let is_choice = what.starts_with("one of");
        let label = if is_choice {
            "expected here".to_string()
        } else {
            format!("{what} expected here")
        };
        let mut diagnostic = Diagnostic::new(Code::MissingElement, message, span).with_label(label);
        let template = self.template(automaton, group[0].1);
        if let (Some(template), false) = (template, is_choice) {
            diagnostic = diagnostic.with_help(format!("insert `{template}` {place}"));
            // One missing leaf with a typed sample value: insertable, but the value is a
            // placeholder the user must replace.
            let beside = match (previous, stays.next[before]) {
                (Some(i), _) => Some(Place::After(children[i].range())),
                (None, Some(i)) => Some(Place::Before(children[i].range())),
                (None, None) => None,
            };
            if let (Some(beside), [_], false) = (beside, group, template.contains('…')) {
                let edit = crate::fix::moves::insert_element(self.lines(), &beside, &template);
                diagnostic = diagnostic.with_fix(
                    format!("Insert `{template}` {place} (unsafe: the value is a placeholder)"),
                    Applicability::Unsafe,
                    vec![edit],
                );
            }
        }
        self.push(diagnostic);
    }

    /// `<name>`, or "one of `<a>` | `<b>`" when the position is a branch of a one-of choice.
    fn describe_missing(&self, automaton: &Automaton, position: u32) -> String {
        let decl = &automaton.decls[automaton.position(position).decl as usize];
        match decl.alternatives {
            Some(choice) if automaton.choice_names[choice as usize].len() > 1 => {
                let all = &automaton.choice_names[choice as usize];
                let names: Vec<String> = all
                    .iter()
                    .take(LIST_LIMIT)
                    .map(|n| display_name(n))
                    .collect();
                let more = match all.len().saturating_sub(LIST_LIMIT) {
                    0 => String::new(),
                    n => format!(" and {n} more"),
                };
                format!("one of {}{more}", names.join(" | "))
            }
            _ => format!("`<{}>`", decl.name),
        }
    }

    /// An example element to insert: a sample value for leaf types.
    fn template(&self, automaton: &Automaton, position: u32) -> Option<String> {
        let p = automaton.position(position);
        let name = p.name.as_deref()?;
        Some(match &p.rule {
            ChildRule::Typed(ty) => match &ty.content {
                ContentRule::Text(value) => format!("<{name}>{}</{name}>", value.sample()),
                _ => format!("<{name}>…</{name}>"),
            },
            _ => format!("<{name}>…</{name}>"),
        })
    }

    /// An unknown child standing where an element was expected: a typo of it, or something
    /// else in its place.
    fn report_rename(
        &mut self,
        parent: Node,
        child: Node,
        automaton: &Automaton,
        (position, state): (u32, u32),
        level: Level,
    ) {
        let expected = automaton.position(position).name.as_deref().unwrap_or("*");
        let name = child.tag_name().name();
        // The alignment renamed into whichever expected name it met first; the suggestion is
        // the closest of all the names expected here.
        if let Some(best) = suggest::best_match(name, follow_names(automaton, state)) {
            if !matches!(level, Level::Inner) {
                self.unknown_element(child, parent, Some(best), level);
                return;
            }
            let mut diagnostic = self.unknown_diagnostic(child, parent, level, Some(best));
            if best == expected {
                self.push(diagnostic);
                // Checked as the element it is renamed to.
                self.visit_child(child, automaton.position(position), parent);
                return;
            }
            // The closest name fits here but not with what follows (`<stats/><gen_info/>`
            // where `<stat>` comes after `<gen_info>`): the rename alone is no safe fix.
            if let Some(fix) = &mut diagnostic.fix {
                fix.applicability = Applicability::Unsafe;
            }
            let help = diagnostic.help.take().unwrap_or_default();
            diagnostic.help = Some(format!(
                "{help}, and check its place: `<{best}>` may not be in order here"
            ));
            self.push(diagnostic);
            return;
        }
        let mut diagnostic = self.unknown_diagnostic(child, parent, level, None);
        if self.in_other_versions(child, level).is_some() {
            // The finding says where the name exists; what this set expects is beside the point.
            self.push(diagnostic);
            return;
        }
        let choices = self.expected(automaton, state);
        diagnostic.message = if automaton.follow[state as usize].len() == 1 {
            format!("{}; `<{expected}>` is expected here", diagnostic.message)
        } else {
            format!("{}; expected one of {choices}", diagnostic.message)
        };
        self.push(diagnostic);
    }

    /// An unknown element, with a did-you-mean when there is one.
    pub(super) fn unknown_element(
        &mut self,
        child: Node,
        parent: Node,
        suggestion: Option<&str>,
        level: Level,
    ) {
        let diagnostic = self.unknown_diagnostic(child, parent, level, suggestion);
        let renamed = diagnostic.fix.is_some();
        self.push(diagnostic);
        // A misspelt operator or operation is checked as what it is renamed to: its mistakes
        // are found now, not after the rename.
        if let (true, Some(right)) = (renamed, suggestion) {
            let (rules, direction) = (self.rules(), self.direction());
            let resolved = match level {
                Level::Packet => rules
                    .operator_type(right, direction)
                    .map(|ty| (ty, Level::Operator(right))),
                Level::Operator(operator) => rules
                    .operation_type(operator, right, direction)
                    .map(|ty| (ty, Level::Inner)),
                Level::Inner => None,
            };
            self.visit_resolved(child, resolved, right);
        }
    }

    /// An operator or operation this set does not have that other protocol versions have: how
    /// findings name it (`` `<extension>` ``, `` `<site/get>` ``) and those versions.
    fn in_other_versions(&self, child: Node, level: Level) -> Option<(String, Vec<&'static str>)> {
        let others = self.protocol().others.as_ref()?;
        // A namespaced element is unknown for its namespace, whatever its local name.
        if child.tag_name().namespace().is_some() {
            return None;
        }
        let name = child.tag_name().name();
        let (what, versions) = match level {
            Level::Packet => (
                format!("`<{name}>`"),
                others.having_operator(self.direction(), name),
            ),
            Level::Operator(op) => (
                format!("`<{op}/{name}>`"),
                others.having_operation(self.direction(), op, name),
            ),
            Level::Inner => return None,
        };
        (!versions.is_empty()).then_some((what, versions))
    }

    fn unknown_diagnostic(
        &mut self,
        child: Node,
        parent: Node,
        level: Level,
        suggestion: Option<&str>,
    ) -> Diagnostic {
        let name = child.tag_name().name();
        let parent_name = parent.tag_name().name();
        let (code, message) = match level {
            Level::Packet => (
                Code::UnknownOperator,
                format!("unknown operator `<{name}>`"),
            ),
            Level::Operator(op) => (
                Code::UnknownOperation,
                format!("unknown operation `<{name}>` of operator `<{op}>`"),
            ),
            Level::Inner => (
                Code::UnknownElement,
                format!("unknown element `<{name}>` in `<{parent_name}>`"),
            ),
        };
        let mut diagnostic =
            Diagnostic::new(code, message, xml::name_span(self.text, child)).with_label("unknown");
        if let Some(namespace) = child.tag_name().namespace() {
            let name = &self.text[xml::name_span(self.text, child)];
            diagnostic.message = format!(
                "`<{name}>` is in the namespace `{namespace}`: Plesk API elements are in no \
                 namespace, so the server does not know it"
            );
            return diagnostic
                .with_label("in a namespace")
                .with_help("remove the namespace prefix or the `xmlns` declaration");
        }
        if let Some((what, versions)) = self.in_other_versions(child, level) {
            let label = self.protocol().others.as_ref().map_or("", |o| &o.label);
            diagnostic.message = format!(
                "{what} is not in {label}; it exists in {}",
                versions.join(", ")
            );
            return diagnostic.with_help(format!(
                "declare a protocol that has it (`<packet version=\"…\">`), or check with \
                 `--api-version`; `plesk-lint explain {}` shows the versions",
                what.trim_matches(|c| c == '`' || c == '<' || c == '>')
            ));
        }
        if let (Level::Packet, Some(modern)) = (level, legacy::replacement(name)) {
            diagnostic.message =
                format!("`<{name}>` is an operator of the pre-1.6 protocols, replaced by {modern}");
            return diagnostic
                .with_label("legacy operator")
                .with_help(format!("rewrite the operation with {modern}; the server accepts `<{name}>` only in packets that declare a protocol older than 1.6.0.0"));
        }
        if let Some(right) = suggestion {
            diagnostic.message = format!("{}: did you mean `<{right}>`?", diagnostic.message);
            let mut edits = vec![Edit {
                span: xml::name_span(self.text, child),
                replacement: right.into(),
            }];
            // The end tag's name too, also of an empty `<a></a>` (only `<a/>` has none).
            let end = xml::end_tag_span(self.text, child);
            let whole = &self.text[end.clone()];
            let name_len = edits[0].span.len();
            if let Some(close) = whole.rfind("</").filter(|_| !whole.ends_with("/>")) {
                let start = end.start + close + 2;
                edits.push(Edit {
                    span: start..start + name_len,
                    replacement: right.into(),
                });
            }
            // Safe only when the names differ in case or `-`/`_` alone, which never tell two
            // Plesk names apart; a typo's correction is a guess a person should look at.
            let fold = |c: char| {
                if c == '-' {
                    '_'
                } else {
                    c.to_ascii_lowercase()
                }
            };
            let (applicability, why) = if name.chars().map(fold).eq(right.chars().map(fold)) {
                (Applicability::Safe, "")
            } else {
                (Applicability::Unsafe, " (unsafe: the name is a guess)")
            };
            return diagnostic
                .with_help(format!("rename `<{name}>` to `<{right}>`"))
                .with_fix(
                    format!("Rename `<{name}>` to `<{right}>`{why}"),
                    applicability,
                    edits,
                );
        }
        match level {
            Level::Operator(_) => {
                let elsewhere = self.owners(name);
                if !elsewhere.is_empty() {
                    let list: Vec<String> = elsewhere.iter().map(|o| format!("`<{o}>`")).collect();
                    diagnostic = diagnostic.with_help(format!(
                        "`<{name}>` exists under operator {}",
                        list.join(", ")
                    ));
                }
            }
            Level::Packet => {
                let owners = self.owners(name);
                if !owners.is_empty() {
                    let list: Vec<String> = owners.iter().map(|o| format!("`<{o}>`")).collect();
                    diagnostic = diagnostic.with_help(format!(
                        "`<{name}>` is an operation, not an operator: wrap it in {}",
                        list.join(" or ")
                    ));
                }
            }
            Level::Inner => {}
        }
        diagnostic
    }

    /// An element of a repeated group beyond the group's bound (an eleventh member of a choice
    /// repeated at most ten times): wherever it moved, the group would be one too long.
    fn report_overflow(&mut self, parent: Node, node: Node, automaton: &Automaton) {
        let name = node.tag_name().name();
        let parent_name = parent.tag_name().name();
        let bound = automaton
            .decls
            .iter()
            .filter(|d| &*d.name == name)
            .find_map(|d| d.max)
            .map_or(String::new(), |max| format!(" (at most {max})"));
        self.push(
            Diagnostic::new(
                Code::TooMany,
                format!(
                    "`<{name}>` is one element too many in `<{parent_name}>`: it belongs to a \
                     group whose repetitions are bounded{bound}, and the elements before it \
                     already use them all"
                ),
                xml::name_span(self.text, node),
            )
            .with_label("one too many")
            .with_help(format!(
                "remove `<{name}>` or another member of the group; moving it cannot help"
            )),
        );
    }

    #[allow(clippy::too_many_arguments)]
    fn report_delete(
        &mut self,
        parent: Node,
        children: &[Node],
        automaton: &Automaton,
        child: usize,
        state: u32,
        matched: &Matched,
        level: Level,
        fits_here: &dyn Fn(&str) -> bool,
    ) {
        let node = children[child];
        let name = node.tag_name().name();
        let span = xml::name_span(self.text, node);
        if !automaton.knows(name) {
            // A name expected right here first; any other name of the model only if adding it
            // would not be one too many.
            let nearby = self
                .nearby_suggestion(automaton, state, name)
                .filter(|right| !blocked(automaton, matched, right));
            let elsewhere = nearby.as_deref().is_none_or(|right| !fits_here(right));
            let suggestion = nearby.or_else(|| {
                self.suggestion(automaton, name)
                    .filter(|right| !blocked(automaton, matched, right))
            });
            let mut diagnostic =
                self.unknown_diagnostic(node, parent, level, suggestion.as_deref());
            // A name the model does not expect at this place: renamed, the element would be
            // out of order, so the rename alone is no safe fix.
            if let (true, Some(right), Some(fix)) = (elsewhere, &suggestion, &mut diagnostic.fix) {
                fix.applicability = Applicability::Unsafe;
                let help = diagnostic.help.take().unwrap_or_default();
                diagnostic.help = Some(format!(
                    "{help}, and move it: `<{right}>` is not expected at this place"
                ));
            }
            let escaped = match suggestion {
                None => escaped_from(automaton, node),
                Some(_) => None,
            };
            if let Some((sibling, _)) = escaped {
                let sibling_name = sibling.tag_name().name();
                self.escaped.push((sibling.range(), name.to_string()));
                diagnostic.message = format!(
                    "{}: it belongs in the `<{sibling_name}>` before it",
                    diagnostic.message
                );
                diagnostic.help = Some(format!(
                    "move `<{name}>` into `<{sibling_name}>`, before `</{sibling_name}>`"
                ));
            } else if suggestion.is_none() {
                let expected = self.expected(automaton, state);
                if !expected.is_empty() && diagnostic.help.is_none() {
                    diagnostic = diagnostic.with_help(format!("expected here: {expected}"));
                }
            }
            self.push(diagnostic);
            // Its content is checked where it belongs, so that the mistakes inside it are
            // found now rather than after the move.
            if let Some((sibling, position)) = escaped {
                self.visit_child(node, position, sibling);
            }
            return;
        }
        for (decl_index, decl) in automaton
            .decls
            .iter()
            .enumerate()
            .filter(|(_, d)| &*d.name == name)
        {
            if let Some(given) = matched.by_decl.get(&(decl_index as u32))
                && let Some(first) = given.first()
                && decl.max.is_some_and(|max| given.len() as u32 >= max)
            {
                let times = match decl.max {
                    Some(1) => "only once".to_string(),
                    Some(n) => format!("at most {n} times"),
                    None => String::new(),
                };
                self.push(
                    Diagnostic::new(
                        Code::TooMany,
                        format!(
                            "`<{name}>` may occur {times} in `<{}>`",
                            parent.tag_name().name()
                        ),
                        span,
                    )
                    .with_label("one too many")
                    .with_secondary(
                        xml::name_span(self.text, children[*first]),
                        "already given here",
                    )
                    .with_help(format!("remove this `<{name}>`"))
                    .with_fix(
                        format!("Remove this `<{name}>` (unsafe: the one to keep is a choice)"),
                        Applicability::Unsafe,
                        vec![crate::fix::moves::remove_element(self.text, node.range())],
                    ),
                );
                return;
            }
            for &(choice, branch) in &decl.choices {
                if let Some(&(_, other)) = matched
                    .branches
                    .iter()
                    .find(|((c, b), _)| *c == choice && *b != branch)
                {
                    self.choice_conflict(automaton, choice, children[other], (span, node.range()));
                    return;
                }
            }
        }
        let expected = self.expected(automaton, state);
        let mut diagnostic = Diagnostic::new(
            Code::UnexpectedElement,
            format!(
                "`<{name}>` is not allowed here in `<{}>`",
                parent.tag_name().name()
            ),
            span,
        )
        .with_label("unexpected");
        if !expected.is_empty() {
            diagnostic =
                diagnostic.with_help(format!("expected here: {expected}; or remove `<{name}>`"));
        } else {
            diagnostic = diagnostic.with_help(format!(
                "the content of `<{}>` is already complete; remove `<{name}>`",
                parent.tag_name().name()
            ));
        }
        self.push(diagnostic);
    }
}

impl Report<'_, '_> {
    /// Reports members of a one-of choice given together. Further members of the same choice
    /// join the same finding, since giving four members of a one-of is one mistake, not three
    /// (whatever other findings come between them); the labels follow document order
    /// whichever member the alignment kept, the first [`MAX_MEMBER_LABELS`] of them, and the
    /// message counts the rest.
    ///
    /// The member the alignment kept is `kept_node`, of `choice`; `extra` is the span of the
    /// other's name and `extra_element` its whole element: with two members, the unsafe fix
    /// removes the second one (which to keep is the user's choice, hence unsafe).
    fn choice_conflict(
        &mut self,
        automaton: &Automaton,
        choice: u32,
        kept_node: Node,
        (extra, extra_element): (Range<usize>, Range<usize>),
    ) {
        let names: Vec<String> = automaton.choice_names[choice as usize]
            .iter()
            .map(|n| display_name(n))
            .collect();
        let kept = xml::name_span(self.text, kept_node);
        let conflict = Conflict {
            text: self.text,
            choice: names.join(" | "),
            elements: [
                (kept.clone(), kept_node.range()),
                (extra.clone(), extra_element),
            ],
        };
        let joins = |open: &Diagnostic| {
            open.primary.span == kept || open.secondary.iter().any(|l| l.span == kept)
        };
        let joined = self.join_conflict(joins, |open| {
            let labelled = 1 + open.secondary.len();
            let given = members_given(&open.message).unwrap_or(labelled);
            let after_the_labels = std::iter::once(&open.primary)
                .chain(&open.secondary)
                .all(|label| label.span.start < extra.start);
            // One more after a full set of labels (a million members, one by one): the count
            // alone changes, in words of ours.
            if labelled >= MAX_MEMBER_LABELS && after_the_labels {
                let (message, help) = conflict.many(given + 1);
                open.message = message;
                open.help = Some(help);
                return false;
            }
            let members = std::iter::once(open.primary.span.clone())
                .chain(open.secondary.iter().map(|l| l.span.clone()))
                .chain([kept.clone(), extra.clone()])
                .collect();
            let severity = open.severity;
            *open = conflict.diagnostic(members, given - labelled);
            open.severity = severity;
            true
        });
        if !joined {
            let diagnostic = conflict.diagnostic(vec![kept.clone(), extra.clone()], 0);
            self.push(diagnostic);
        }
    }
}

/// What a `choice-conflict` finding says, from its members.
struct Conflict<'t> {
    text: &'t str,
    /// The members' names, for messages.
    choice: String,
    /// The members met last, as spans of their names, with their whole elements.
    elements: [(Range<usize>, Range<usize>); 2],
}

impl Conflict<'_> {
    /// The message and help for `given` members.
    fn many(&self, given: usize) -> (String, String) {
        let (choice, others) = (&self.choice, crate::check::cap::thousands(given - 1));
        (
            format!(
                "only one of {choice} is allowed, but {} are given",
                crate::check::cap::thousands(given)
            ),
            format!("keep one of them and remove the other {others}"),
        )
    }

    /// The finding for `members` (spans of their names, in any order) and `beyond` more
    /// members not labelled.
    fn diagnostic(&self, mut members: Vec<Range<usize>>, mut beyond: usize) -> Diagnostic {
        members.sort_by_key(|span| span.start);
        members.dedup();
        if members.len() > MAX_MEMBER_LABELS {
            beyond += members.len() - MAX_MEMBER_LABELS;
            members.truncate(MAX_MEMBER_LABELS);
        }
        let given = members.len() + beyond;
        let tag = |span: &Range<usize>| format!("`<{}>`", &self.text[span.clone()]);
        let (first, second) = (tag(&members[0]), tag(&members[1]));
        let choice = &self.choice;
        let (message, help) = match given {
            2 => (
                format!("only one of {choice} is allowed; {first} is already given"),
                format!("keep either {first} or {second}"),
            ),
            _ => self.many(given),
        };
        let mut diagnostic = Diagnostic::new(Code::ChoiceConflict, message, members[1].clone())
            .with_label("second member of the choice")
            .with_secondary(members[0].clone(), "first member")
            .with_help(help);
        for span in &members[2..] {
            diagnostic = diagnostic.with_secondary(span.clone(), "another member");
        }
        let second_element = (self.elements.iter())
            .find(|(name, _)| *name == members[1])
            .map(|(_, element)| element.clone());
        if let (2, Some(element)) = (given, second_element) {
            diagnostic = diagnostic.with_fix(
                format!("Remove {second} (unsafe: which member to keep is a choice)"),
                Applicability::Unsafe,
                vec![crate::fix::moves::remove_element(self.text, element)],
            );
        }
        diagnostic
    }
}

/// The members of one choice a `choice-conflict` finding labels; the others are counted in
/// its message (a million members given together were a million labels).
const MAX_MEMBER_LABELS: usize = 100;

/// How many members a `choice-conflict` message says are given (`…, but 5 are given`).
fn members_given(message: &str) -> Option<usize> {
    let (_, rest) = message.rsplit_once(", but ")?;
    rest.strip_suffix(" are given")?
        .replace(',', "")
        .parse()
        .ok()
}

/// The most elements [`escaped_from`] takes for one group written after their sibling.
const ESCAPED_RUN: usize = 16;

/// An element written just after the end of the sibling it belongs in
/// (`<filter>…</filter><mailname>` for `<filter>…<mailname>…</mailname></filter>`): the
/// element sibling before `node`, and the position of the sibling's content model `node`
/// would take there, when the parent's model does not know `node`'s name and that sibling's
/// model does. Decided from names and types alone, so a skeleton (whose children's content
/// is blanked) decides it as the whole packet does.
fn escaped_from<'m, 'a, 'input>(
    automaton: &'m Automaton,
    node: Node<'a, 'input>,
) -> Option<(Node<'a, 'input>, &'m Position)> {
    // Past the elements escaped before this one (`<filter/><name/><mailname/>`), to the
    // sibling the parent's model knows; a few at most: a run of thousands of unknown siblings is not one escaped group, and
    // walking back over it from each of them would take time quadratic in the run.
    let mut sibling = node.prev_sibling_element()?;
    let mut escaped = vec![node];
    while !automaton.knows(xml::grammar_name(sibling)) {
        if escaped.len() == ESCAPED_RUN {
            return None;
        }
        escaped.push(sibling);
        sibling = sibling.prev_sibling_element()?;
    }
    let sibling_name = xml::grammar_name(sibling);
    let inner = automaton
        .positions
        .iter()
        .find(|p| p.name.as_deref() == Some(sibling_name))?
        .children()?;
    if !escaped.iter().all(|e| inner.knows(xml::grammar_name(*e))) {
        return None;
    }
    let name = xml::grammar_name(node);
    let position = inner
        .positions
        .iter()
        .find(|p| p.name.as_deref() == Some(name))?;
    Some((sibling, position))
}

/// A choice member for messages: `<name>`, or a description such as "any operator".
fn display_name(name: &str) -> String {
    if name.contains(' ') {
        name.to_string()
    } else {
        format!("`<{name}>`")
    }
}

/// The element names `automaton` accepts next in `state`.
pub(in crate::check) fn follow_names(
    automaton: &Automaton,
    state: u32,
) -> impl Iterator<Item = &str> {
    automaton.follow[state as usize]
        .iter()
        .filter_map(|&p| automaton.position(p).name.as_deref())
}

/// Keeps a deletion unless `target` finds where the element goes, which makes it a move.
/// The position an element called `name` takes in place of the missing `position` (reached
/// from `state`): `position` itself, or another member of the same choice, one the model
/// continues from as it does from `position`. A misplaced member of a choice is a move to
/// where the choice is missing, not an unexpected element plus a missing one.
pub(in crate::check) fn alternative(
    automaton: &Automaton,
    state: u32,
    position: u32,
    name: &str,
) -> Option<u32> {
    let named = |p: u32| automaton.position(p).name.as_deref() == Some(name);
    if named(position) {
        return Some(position);
    }
    automaton.follow[state as usize].iter().copied().find(|&p| {
        named(p)
            && automaton.follow[p as usize] == automaton.follow[position as usize]
            && automaton.accepting[p as usize] == automaton.accepting[position as usize]
    })
}

fn into_moves(
    deletes: &mut Vec<(usize, u32)>,
    moves: &mut Vec<Move>,
    target: &mut dyn FnMut(usize) -> Option<(usize, u32)>,
) {
    deletes.retain(|&(child, _)| match target(child) {
        Some((before, position)) => {
            moves.push(Move {
                child,
                before,
                position,
            });
            false
        }
        None => true,
    });
}

/// Whether a dropped known element is there once too often, or a second member of a one-of
/// choice: then it is not merely misplaced.
fn blocked(automaton: &Automaton, matched: &Matched, name: &str) -> bool {
    automaton
        .decls
        .iter()
        .enumerate()
        .filter(|(_, d)| &*d.name == name)
        .any(|(index, decl)| {
            let given = matched.by_decl.get(&(index as u32)).map_or(0, Vec::len) as u32;
            let too_many = decl.max.is_some_and(|max| given >= max);
            let conflict = decl.choices.iter().any(|&(choice, branch)| {
                matched
                    .branches
                    .iter()
                    .any(|((c, b), _)| *c == choice && *b != branch)
            });
            too_many || conflict
        })
}

/// The children an alignment keeps (matched or renamed), as the places between children see
/// them; computed once per parent, since looking along the children for the nearest kept one
/// from each finding took time quadratic in a long run of dropped ones.
struct Stays {
    /// `previous[i]`: the last kept child before child `i` (`i` up to the number of children).
    previous: Vec<Option<usize>>,
    /// `next[i]`: the first kept child from child `i` on.
    next: Vec<Option<usize>>,
    /// `kept_before[i]`: how many children before child `i` are kept.
    kept_before: Vec<usize>,
}

impl Stays {
    fn new(kept: Vec<bool>) -> Stays {
        let n = kept.len();
        let mut stays = Stays {
            previous: Vec::with_capacity(n + 1),
            next: vec![None; n + 1],
            kept_before: Vec::with_capacity(n + 1),
        };
        let (mut last, mut count) = (None, 0);
        for (i, &k) in kept.iter().enumerate() {
            stays.previous.push(last);
            stays.kept_before.push(count);
            if k {
                last = Some(i);
                count += 1;
            }
        }
        stays.previous.push(last);
        stays.kept_before.push(count);
        for i in (0..n).rev() {
            stays.next[i] = if kept[i] { Some(i) } else { stays.next[i + 1] };
        }
        stays
    }

    /// Counts among the children kept those read that a skeleton left out (`read`, in
    /// document order): the nearest gap is measured in the whole element's children.
    fn counting_read(mut self, children: &[Node], read: &[LeftOutChild]) -> Stays {
        if read.is_empty() {
            return self;
        }
        let mut before = 0;
        for (i, kept_before) in self.kept_before.iter_mut().enumerate() {
            let at = children.get(i).map_or(usize::MAX, |c| c.range().start);
            while read.get(before).is_some_and(|c| c.range().start < at) {
                before += 1;
            }
            *kept_before += before;
        }
        self
    }
}

/// Which declarations and choice branches the alignment used, and by which children.
struct Matched {
    by_decl: HashMap<u32, Vec<usize>>,
    branches: Vec<((u32, u32), usize)>,
}

fn matched_decls(steps: &[Step], moves: &[Move], automaton: &Automaton) -> Matched {
    let mut matched = Matched {
        by_decl: HashMap::new(),
        branches: Vec::new(),
    };
    let pairs = steps
        .iter()
        .filter_map(|step| match *step {
            Step::Match { child, position }
            | Step::Rename {
                child, position, ..
            } => Some((child, position)),
            _ => None,
        })
        .chain(moves.iter().map(|m| (m.child, m.position)));
    for (child, position) in pairs {
        let decl = automaton.position(position).decl;
        matched.by_decl.entry(decl).or_default().push(child);
        for &branch in &automaton.decls[decl as usize].choices {
            matched.branches.push((branch, child));
        }
    }
    for list in matched.by_decl.values_mut() {
        list.sort_unstable();
    }
    matched
}

/// The names the automaton accepts next in `state`, for messages.
pub(in crate::check) fn expected_names(automaton: &Automaton, state: u32) -> String {
    let mut names: Vec<&str> = Vec::new();
    for &p in &automaton.follow[state as usize] {
        let name = automaton
            .position(p)
            .name
            .as_deref()
            .unwrap_or("any element");
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let shown: Vec<String> = names
        .iter()
        .take(LIST_LIMIT)
        .map(|n| display_name(n))
        .collect();
    let more = names.len().saturating_sub(LIST_LIMIT);
    let mut list = shown.join(", ");
    if more > 0 {
        list.push_str(&format!(" and {more} more"));
    }
    list
}
