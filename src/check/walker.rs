//! The walk: each element of a packet (or of one piece of a large one) visited once, with its
//! resolved type, and handed to the rule passes ([`super::passes`] for the schema's rules,
//! [`crate::lints`] for the rules beyond it).
//!
//! The walker owns everything about the traversal and nothing about what is wrong: the
//! findings and their per-parent caps ([`super::cap`]), the budget of a probing reading, the
//! memoized lookups, the pieces of a large packet and their deferral ([`super::pieces`]), the
//! names the envelope resolved (a misspelt operator is walked as the operator it is renamed
//! to, by the lints too), and the protocol service the passes ask ([`super::Protocol`]). The
//! passes decide what is wrong and say so through [`Walker::push`]; the content-model pass
//! also says where each child stands in its parent's model, and the walker descends.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use roxmltree::Node;

use super::cap::{Admission, OPEN_CONFLICTS, OpenConflict};
use super::passes::{self, Context};
use super::{Protocol, visible};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::fix::moves::{Lines, Origin};
use crate::lints::LintRules;
use crate::rules::automaton::{Automaton, ChildRule, Position};
use crate::rules::compile::ElementType;
use crate::rules::{Direction, RuleSet, RulesError};

/// Where in the envelope an element's children are: operators under `<packet>`, operations
/// under an operator, or ordinary fields.
#[derive(Debug, Clone, Copy)]
pub enum Level<'a> {
    /// Children are operators.
    Packet,
    /// Children are operations of this operator.
    Operator(&'a str),
    /// Children are fields.
    Inner,
}

/// What every walk of one packet shares, pieces included: the grammar, the direction, the
/// protocol service, and which passes run.
#[derive(Clone, Copy)]
pub struct Setup<'a> {
    pub rules: &'a RuleSet,
    pub direction: Direction,
    pub protocol: &'a Protocol<'a>,
    /// A full reading runs every pass; a probing one (on a budget, only asking whether the
    /// other grammar is clean) runs the schema's passes alone.
    pub full: bool,
    /// The rules beyond the schema, when a full reading has anything for them to look at.
    pub lints: Option<&'a LintRules>,
    /// Whether the documented conditions may apply: a full reading of a response. Which
    /// operations they apply to is decided as the walk enters each.
    pub conditions: bool,
}

/// The state of one walk of one packet (or piece) in one direction.
pub struct Walker<'a> {
    setup: Setup<'a>,
    /// The parsed text: the packet, its skeleton's source, or one piece.
    pub(super) text: &'a str,
    diagnostics: Vec<Diagnostic>,
    /// The findings of the rules beyond the schema: not capped per parent, and merged after
    /// the schema's findings at the same place.
    beyond: Vec<Diagnostic>,
    rules_errors: Vec<RulesError>,
    /// Runs of U+00A0 in element-only content, reported together as one mistake.
    pub(super) nbsp: Vec<Range<usize>>,
    /// Elements written just after the sibling they belong in: the sibling's span and the
    /// element's name. Their `unknown-element` finding says where they belong, so the
    /// sibling's `missing-element` for that name is the same mistake ([`Walker::finish`]).
    pub(super) escaped: Vec<(Range<usize>, String)>,
    /// Answers already computed for an unknown name, so that a file repeating one mistake a
    /// million times costs a million lookups, not a million searches.
    pub(super) memo: Memo,
    /// The number of findings after which the check stops: a check that only decides whether
    /// the other grammar explains a packet better need not finish once it cannot.
    pub(super) budget: usize,
    /// Set when a mismatch was found with one finding of budget left: it is at least one
    /// finding, so the check stops before working out which.
    pub(super) out_of_budget: bool,
    /// The elements whose content the parsed text leaves out, checked each on its own
    /// ([`super::pieces`]); sorted.
    pub(super) pieces: &'a [Range<usize>],
    /// Set when a piece did not parse on its own: the packet must be checked whole.
    pub(super) piece_failed: bool,
    /// Which pieces were parsed and checked.
    pub(super) pieces_entered: Vec<bool>,
    /// Pieces met by a full reading, checked at the end on several threads
    /// ([`Walker::check_deferred_pieces`]); `None` to check each when it is met.
    pub(super) deferred: Option<Vec<Deferred<'a>>>,
    /// Findings counted per parent, innermost last ([`super::cap`]).
    pub(super) caps: Vec<super::cap::Cap>,
    /// Findings counted per packet ([`super::cap::PacketCap`]).
    packet_cap: super::cap::PacketCap,
    /// Whether the value lints may find anything in this text (a cheap scan); `false` spares
    /// the walk every lint call and the visit of what the schema does not reach.
    values_lints: bool,
    /// Elements visited with a type, by node index: the others are visited for the lints
    /// alone. Kept only when a lint runs.
    visited: Vec<bool>,
    /// The depth of the element being visited: `<packet>` is 1.
    pub(super) depth: usize,
    /// The operator and operation being walked, as resolved (a misspelt one by its rename).
    pub(super) operator: Option<Arc<str>>,
    pub(super) operation: Option<Arc<str>>,
    /// Whether a documented condition applies to the operation being walked, as resolved.
    conditions_here: bool,
    /// What a walk of a large packet by envelope asks of this walker ([`super::stream`]).
    pub(super) stream: super::stream::Hooks,
    /// Where the walked text starts in the file, when it is a piece of it: the fixes indent as
    /// in the file.
    origin: Origin<'a>,
    /// Set on the walker of a piece met while its parent's children are reported: the
    /// findings about the piece's element itself (its value, its attributes, text instead of
    /// elements) count under the parent's cap, as in the whole check, so they are handed
    /// over apart (`for_parent_cap`) for the parent's walker to count.
    pub(super) in_parent_cap: bool,
    for_parent_cap: Vec<Diagnostic>,
}

/// Where a walk is: what a piece's walker starts from.
#[derive(Clone)]
pub(super) struct Place<'a> {
    setup: Setup<'a>,
    depth: usize,
    operator: Option<Arc<str>>,
    operation: Option<Arc<str>>,
    conditions_here: bool,
    values_lints: bool,
}

impl<'a> Place<'a> {
    /// A walker of `text`, one piece (starting at `origin` in the file), from here.
    pub(super) fn walker(&self, text: &'a str, origin: Origin<'a>) -> Walker<'a> {
        // A piece of a packet without a value lint's trigger has none either: no second scan.
        let values_lints = self.values_lints && LintRules::values_worth_parsing(text);
        let mut walker = Walker::with_value_lints(self.setup, text, values_lints);
        walker.depth = self.depth;
        walker.operator = self.operator.clone();
        walker.operation = self.operation.clone();
        walker.conditions_here = self.conditions_here;
        walker.origin = origin;
        walker
    }
}

/// A piece put aside by a full reading: its element, its type, the name it is walked as, and
/// where the walk was.
pub(super) type Deferred<'a> = (Range<usize>, Arc<ElementType>, Arc<str>, Place<'a>);

#[derive(Default)]
pub(super) struct Memo {
    suggestions: HashMap<(usize, String), Option<String>>,
    /// The suggestion among the names expected in one state: a million unknown siblings
    /// under `<packet>` would otherwise compare each against ninety operator names.
    nearby: HashMap<(usize, u32, String), Option<String>>,
    owners: HashMap<String, Vec<Arc<str>>>,
    expected: HashMap<(usize, u32), String>,
}

impl<'a> Walker<'a> {
    /// A walker of `text`.
    pub fn new(setup: Setup<'a>, text: &'a str) -> Walker<'a> {
        let values_lints = setup.lints.is_some() && LintRules::values_worth_parsing(text);
        Walker::with_value_lints(setup, text, values_lints)
    }

    /// A walker of `text`, whose value lints run if `values_lints`.
    fn with_value_lints(setup: Setup<'a>, text: &'a str, values_lints: bool) -> Walker<'a> {
        Walker {
            setup,
            text,
            diagnostics: Vec::new(),
            beyond: Vec::new(),
            rules_errors: Vec::new(),
            nbsp: Vec::new(),
            escaped: Vec::new(),
            memo: Memo::default(),
            budget: usize::MAX,
            out_of_budget: false,
            pieces: &[],
            piece_failed: false,
            pieces_entered: Vec::new(),
            deferred: None,
            caps: Vec::new(),
            packet_cap: super::cap::PacketCap::default(),
            values_lints,
            visited: Vec::new(),
            depth: 0,
            operator: None,
            operation: None,
            conditions_here: false,
            stream: super::stream::Hooks::default(),
            origin: Origin::File,
            in_parent_cap: false,
            for_parent_cap: Vec::new(),
        }
    }

    /// A walker that gives up once it has `budget` findings ([`Walker::gave_up`]).
    pub fn with_budget(mut self, budget: usize) -> Walker<'a> {
        self.budget = budget;
        self
    }

    /// A walker of a packet parsed from its [`super::pieces::Skeleton`].
    pub fn with_pieces(mut self, pieces: &'a [Range<usize>]) -> Walker<'a> {
        self.pieces = pieces;
        self.pieces_entered = vec![false; pieces.len()];
        self
    }

    /// A walker of one piece of the packet this one walks (the element at `piece`), below
    /// the same envelope.
    pub(super) fn for_piece(&self, piece: Range<usize>) -> Walker<'a> {
        let origin = self.lines().origin(piece.start);
        self.place().walker(&self.text[piece], origin)
    }

    /// The walked text, as the fixes see its lines.
    pub(super) fn lines(&self) -> Lines<'a> {
        Lines {
            text: self.text,
            origin: self.origin,
        }
    }

    /// Where the walk is, for the walkers of pieces put aside.
    pub(super) fn place(&self) -> Place<'a> {
        Place {
            setup: self.setup,
            depth: self.depth,
            operator: self.operator.clone(),
            operation: self.operation.clone(),
            conditions_here: self.conditions_here,
            values_lints: self.values_lints,
        }
    }

    /// The number of the schema's findings so far.
    pub(super) fn diagnostics_len(&self) -> usize {
        self.diagnostics.len()
    }

    pub(super) fn setup(&self) -> Setup<'a> {
        self.setup
    }

    /// The grammar walked against.
    pub(super) fn rules(&self) -> &'a RuleSet {
        self.setup.rules
    }

    /// The direction walked as.
    pub(super) fn direction(&self) -> Direction {
        self.setup.direction
    }

    /// What the packet's declared protocol means for the findings.
    pub(super) fn protocol(&self) -> &'a Protocol<'a> {
        self.setup.protocol
    }

    /// Whether the budget ran out (or a piece failed), so that the findings are incomplete.
    pub fn gave_up(&self) -> bool {
        self.out_of_budget || self.piece_failed || self.diagnostics.len() >= self.budget
    }

    /// Whether the budget leaves room for at most one more finding: children that do not
    /// match are at least one, so their alignment and messages would be spent in vain. Marks
    /// the walk as out of budget if so.
    pub(super) fn nearly_out_of_budget(&mut self) -> bool {
        let nearly = self.budget.saturating_sub(self.diagnostics.len()) <= 1;
        self.out_of_budget |= nearly;
        nearly
    }

    /// Walks `<packet>` and everything in it.
    pub fn walk_root(&mut self, root: Node) {
        match self.rules().packet_type(self.direction()) {
            Ok(ty) => self.visit(root, &ty, Level::Packet, "packet"),
            Err(error) => self.rules_errors.push(error),
        }
    }

    /// The outcome, findings in source order: the schema's, and after those at the same
    /// place, the rules' beyond it.
    pub fn finish(mut self) -> super::Outcome {
        passes::nbsp::report(&mut self);
        self.drop_missing_escaped();
        let cap = std::mem::take(&mut self.packet_cap);
        for mut summary in cap.summaries() {
            grade(self.setup.protocol, &mut summary);
            self.diagnostics.push(summary);
        }
        let key = |d: &Diagnostic| (d.primary.span.start, d.primary.span.end);
        self.diagnostics.sort_by_key(key);
        self.beyond.sort_by_key(key);
        let beyond = std::mem::take(&mut self.beyond);
        merge(&mut self.diagnostics, beyond);
        let direction = Some(self.direction());
        super::Outcome {
            diagnostics: self.diagnostics,
            rules_errors: self.rules_errors,
            direction,
        }
    }

    /// One mistake, one finding: `<filter>…</filter><mailname>` is reported as a `<mailname>`
    /// that belongs in the `<filter>` before it, not also as a `<filter>` lacking one. Done
    /// once every finding in the walked text is in (at [`Walker::finish`], or when a piece's
    /// walker hands its findings over), because the sibling is checked before the element
    /// after it is met, or on another thread when it is a piece of a large packet.
    fn drop_missing_escaped(&mut self) {
        if self.escaped.is_empty() {
            return;
        }
        // Per name, the siblings' spans merged into disjoint runs, so that each finding is
        // looked up, not compared with every sibling.
        let mut siblings: HashMap<String, Vec<Range<usize>>> = HashMap::new();
        for (span, name) in std::mem::take(&mut self.escaped) {
            siblings.entry(name).or_default().push(span);
        }
        for spans in siblings.values_mut() {
            *spans = disjoint(std::mem::take(spans));
        }
        let covered = |offset: usize, name: &str| {
            siblings.get(name).is_some_and(|spans| {
                let after = spans.partition_point(|span| span.start <= offset);
                after > 0 && spans[after - 1].contains(&offset)
            })
        };
        self.diagnostics.retain(|d| {
            super::cap::required_name(d).is_none_or(|name| !covered(d.primary.span.start, name))
        });
        self.packet_cap.drop_escaped(covered);
    }

    /// Visits `node` as an element of type `ty`, walked as `name` (its own, or the one a
    /// misspelling is renamed to), whose children are at `level`.
    pub(super) fn visit(&mut self, node: Node, ty: &Arc<ElementType>, level: Level, name: &str) {
        // Findings only grow (a merged choice conflict replaces the one it joins), so once
        // the budget is spent the outcome can only be "at least that many".
        if self.gave_up() {
            return;
        }
        // An element walked twice (children a wrapper's finding checks again) is linted once.
        let first_visit = self.mark_visited(node);
        if let Some(piece) = self.piece_at(node) {
            self.check_piece(piece, ty, level, name);
            return;
        }
        self.inside(node, ty, level, name, |w, context| {
            let value_reported = passes::check_element(w, context);
            if w.lints_run() {
                if first_visit {
                    w.lint(node, name, value_reported);
                }
                w.visit_the_rest(node);
            }
        });
    }

    /// Runs `visit` on `node` as an element of type `ty` walked as `name`, with the walk
    /// inside it (its depth, operator and operation).
    fn inside(
        &mut self,
        node: Node,
        ty: &Arc<ElementType>,
        level: Level,
        name: &str,
        visit: impl FnOnce(&mut Walker<'a>, &Context),
    ) {
        let saved = self.enter(name);
        let context = Context {
            node,
            ty,
            level,
            text: self.text,
        };
        visit(self, &context);
        self.leave(saved);
    }

    /// Visits the shell of a large element ([`super::stream`]): the element without its
    /// children, which are walked one by one. The schema's passes that concern the element
    /// itself run on it (its attributes, the envelope); the lints too when `lint` (the shell
    /// holds no child that the element's lints would have to see).
    pub(super) fn visit_shell(
        &mut self,
        node: Node,
        ty: &Arc<ElementType>,
        level: Level,
        name: &str,
        lint: bool,
    ) {
        if self.gave_up() {
            return;
        }
        self.inside(node, ty, level, name, |w, context| {
            passes::check_shell(w, context);
            if lint && w.lints_run() {
                w.lint(node, name, false);
            }
        });
    }

    /// Checks the text `node` holds between its elements, alone ([`super::stream`]: `node` is
    /// a copy of an element around one stretch of its content).
    pub(super) fn visit_text_of(
        &mut self,
        node: Node,
        ty: &Arc<ElementType>,
        level: Level,
        name: &str,
    ) {
        self.inside(node, ty, level, name, passes::nbsp::check_text_children);
    }

    /// Whether a documented condition applies to the operation being walked (its lint looks
    /// at the children of each `<result>` in it).
    pub(super) fn conditions_apply(&self) -> bool {
        self.conditions_here
    }

    /// Records a broken rules entry met on the walk.
    pub(super) fn push_rules_error(&mut self, error: RulesError) {
        self.rules_errors.push(error);
    }

    /// Visits a child as the position of its parent's content model it was matched to.
    pub(super) fn visit_child(&mut self, child: Node, position: &Position, parent: Node) {
        let name = child.tag_name().name();
        let resolved = match &position.rule {
            ChildRule::Typed(ty) => {
                let as_name = position.name.as_deref().unwrap_or(name);
                self.visit(child, ty, Level::Inner, as_name);
                return;
            }
            ChildRule::Wildcard => return,
            ChildRule::Operator => self
                .rules()
                .operator_type(name, self.direction())
                .map(|r| (r, Level::Operator(name))),
            // Of the operator as resolved: the operations of a misspelt operator are those of
            // the operator it is renamed to.
            ChildRule::Operation => {
                let operator = self.operator.clone();
                let operator = operator.as_deref().unwrap_or(parent.tag_name().name());
                self.rules()
                    .operation_type(operator, name, self.direction())
                    .map(|r| (r, Level::Inner))
            }
        };
        self.visit_resolved(child, resolved, name);
    }

    /// Visits an element whose type was looked up by name (an operator, an operation, or
    /// a misspelt one renamed), or records the broken rules entry.
    pub(super) fn visit_resolved(
        &mut self,
        child: Node,
        resolved: Option<(Result<Arc<ElementType>, RulesError>, Level)>,
        name: &str,
    ) {
        match resolved {
            Some((Ok(ty), level)) => self.visit(child, &ty, level, name),
            Some((Err(error), _)) => self.rules_errors.push(error),
            None => {}
        }
    }

    /// Visits an element the schema's passes do not reach (unknown, misplaced, inside a
    /// value, under a wildcard) for the rules beyond the schema alone, which hold whatever
    /// the grammar makes of the element.
    ///
    /// With an explicit stack, not by recursion: unknown elements can nest tens of thousands
    /// deep, which overflowed the stack (found by the `tree` fuzz target).
    pub(super) fn visit_untyped(&mut self, node: Node) {
        enum Next<'a, 'input> {
            /// Visit the element; `unless_visited`: unless a pass placed it already.
            Visit {
                node: Node<'a, 'input>,
                unless_visited: bool,
            },
            /// Leave an element whose descendants were visited.
            Leave(Option<Arc<str>>),
        }
        let mut stack = vec![Next::Visit {
            node,
            unless_visited: false,
        }];
        while let Some(next) = stack.pop() {
            let node = match next {
                Next::Leave(saved) => {
                    self.leave(saved);
                    continue;
                }
                Next::Visit {
                    node,
                    unless_visited,
                } => {
                    if unless_visited && self.was_visited(node) {
                        continue;
                    }
                    node
                }
            };
            if let Some(piece) = self.piece_at(node) {
                self.lint_piece(piece);
                continue;
            }
            let name = node.tag_name().name();
            let saved = self.enter(name);
            self.mark_visited(node);
            if !self.lints_run() {
                self.leave(saved);
                continue;
            }
            self.lint(node, name, false);
            stack.push(Next::Leave(saved));
            // The element children that no pass placed in the content model, in document
            // order (the last pushed is visited first).
            let children: Vec<Node> = node.children().filter(Node::is_element).collect();
            stack.extend(children.into_iter().rev().map(|node| Next::Visit {
                node,
                unless_visited: true,
            }));
        }
    }

    /// Visits, for the lints, the element children of `node` that no pass placed in its
    /// content model.
    fn visit_the_rest(&mut self, node: Node) {
        // In a skeleton, the children left out that the content pass did not place are
        // walked among them, as in the whole element.
        let mut left_out = match self.stream.greedy_at {
            Some(start) if start == node.range().start => {
                std::mem::take(&mut self.stream.lint_later)
            }
            _ => Vec::new(),
        };
        // Those only counted, and those the content pass placed by name after them.
        left_out.sort_unstable_by_key(|left| left.start);
        let mut left_out = left_out.iter().peekable();
        for child in node.children().filter(Node::is_element) {
            let at = child.range().start;
            while let Some(left) = left_out.next_if(|left| left.range().start < at) {
                self.lint_piece(left.range());
            }
            if !self.was_visited(child) {
                self.visit_untyped(child);
            }
        }
        for left in left_out {
            self.lint_piece(left.range());
        }
    }

    /// Whether a pass placed `node` in its parent's content model, or the lints visited it.
    fn was_visited(&self, node: Node) -> bool {
        self.visited
            .get(node.id().get_usize())
            .copied()
            .unwrap_or(false)
    }

    /// Whether a lint may find anything where the walk is: the value lints anywhere in a text
    /// with their triggers, the documented conditions in the envelope of a response (which
    /// operation they concern is known only below it) and in an operation they apply to.
    #[inline]
    pub(super) fn lints_run(&self) -> bool {
        self.values_lints || self.conditions_here || (self.setup.conditions && self.depth < 3)
    }

    /// Marks `node` as visited; whether it was not yet (always, when no lint runs).
    #[inline]
    fn mark_visited(&mut self, node: Node) -> bool {
        if !self.lints_run() {
            return true;
        }
        let index = node.id().get_usize();
        if self.visited.len() <= index {
            self.visited.resize(index + 1, false);
        }
        !std::mem::replace(&mut self.visited[index], true)
    }

    /// Runs the rules beyond the schema on one element.
    fn lint(&mut self, node: Node, name: &str, value_reported: bool) {
        let Some(rules) = self.setup.lints else {
            return;
        };
        let context = crate::lints::Context {
            text: self.text,
            node,
            name,
            depth: self.depth,
            operator: self.operator.as_deref(),
            operation: self.operation.as_deref(),
            direction: self.direction(),
            rules,
            value_reported,
            values: self.values_lints,
            conditions: self.conditions_here,
        };
        let mut found = Vec::new();
        crate::lints::lint_element(&context, &mut found);
        for mut diagnostic in found {
            grade(self.setup.protocol, &mut diagnostic);
            if let Some(kept) = self.packet_cap.admit(diagnostic).kept() {
                self.beyond.push(kept);
            }
        }
    }

    /// Goes one level down to an element walked as `name`; what [`Walker::leave`] restores.
    #[inline]
    pub(super) fn enter(&mut self, name: &str) -> Option<Arc<str>> {
        self.depth += 1;
        if self.depth > 3 {
            return None;
        }
        self.enter_envelope(name)
    }

    /// [`Walker::enter`] an operator or operation.
    fn enter_envelope(&mut self, name: &str) -> Option<Arc<str>> {
        match self.depth {
            2 => self.operator.replace(Arc::from(name)),
            3 => {
                self.conditions_here = self.setup.conditions
                    && self.setup.lints.zip(self.operator.as_deref()).is_some_and(
                        |(lints, operator)| lints.requirements_of(operator, name).next().is_some(),
                    );
                self.operation.replace(Arc::from(name))
            }
            _ => None,
        }
    }

    #[inline]
    pub(super) fn leave(&mut self, saved: Option<Arc<str>>) {
        if self.depth > 3 {
            self.depth -= 1;
            return;
        }
        match self.depth {
            2 => self.operator = saved,
            3 => {
                self.operation = saved;
                self.conditions_here = false;
            }
            _ => {}
        }
        self.depth -= 1;
    }

    /// Reports a finding of the schema's passes (capped per parent, [`super::cap`]): its
    /// texts show every character, and under a pre-1.6 protocol it is a warning.
    pub(super) fn push(&mut self, mut diagnostic: Diagnostic) {
        grade(self.protocol(), &mut diagnostic);
        if self.caps.is_empty() && self.in_parent_cap {
            self.for_parent_cap.push(diagnostic);
            return;
        }
        self.admit(diagnostic);
    }

    /// Keeps a graded finding, or counts it, as the caps say.
    fn admit(&mut self, diagnostic: Diagnostic) {
        let conflict = diagnostic.code == Code::ChoiceConflict;
        let open = if self
            .caps
            .last_mut()
            .is_none_or(|cap| cap.admit(&diagnostic))
        {
            match self.packet_cap.admit(diagnostic) {
                Admission::Kept(kept) => {
                    self.diagnostics.push(kept);
                    OpenConflict::Shown(self.diagnostics.len() - 1)
                }
                Admission::LeftOut(left_out) => OpenConflict::LeftOut(Box::new(left_out)),
            }
        } else {
            OpenConflict::LeftOut(Box::new(diagnostic))
        };
        // The next member of its choice joins it ([`Walker::join_conflict`]).
        if let (true, Some(cap)) = (conflict, self.caps.last_mut()) {
            if cap.conflicts.len() == OPEN_CONFLICTS {
                cap.conflicts.remove(0);
            }
            cap.conflicts.push(open);
        }
    }

    /// Reports a per-parent cap's summary of `count` findings left out, outside the
    /// per-parent caps.
    pub(super) fn push_summary(&mut self, mut summary: Diagnostic, count: usize) {
        grade(self.protocol(), &mut summary);
        if let Some(summary) = self.packet_cap.admit_summary(summary, count) {
            self.diagnostics.push(summary);
        }
    }

    /// Joins a choice's member to the finding already open for its choice under the parent
    /// being reported, shown or left out, when `joins` says it is that choice's (whatever
    /// findings came between): `join` rewrites it in place, so that the caps count it once,
    /// and says whether its texts must be escaped again. Whether it was joined.
    pub(super) fn join_conflict(
        &mut self,
        joins: impl Fn(&Diagnostic) -> bool,
        join: impl FnOnce(&mut Diagnostic) -> bool,
    ) -> bool {
        let Some(cap) = self.caps.last_mut() else {
            return false;
        };
        for open in cap.conflicts.iter_mut().rev() {
            let open = match open {
                OpenConflict::Shown(index) => self.diagnostics.get_mut(*index),
                OpenConflict::LeftOut(diagnostic) => Some(&mut **diagnostic),
            };
            if let Some(open) = open
                && open.code == Code::ChoiceConflict
                && joins(open)
            {
                if join(open) {
                    visible::escape_diagnostic(open);
                }
                return true;
            }
        }
        false
    }

    /// The known name of this model that `name` is probably a typo of.
    pub(super) fn suggestion(&mut self, automaton: &Automaton, name: &str) -> Option<String> {
        let key = (automaton as *const Automaton as usize, name.to_string());
        self.memo
            .suggestions
            .entry(key)
            .or_insert_with(|| {
                let candidates = automaton.decls.iter().map(|d| &*d.name);
                super::suggest::best_match(name, candidates).map(str::to_string)
            })
            .clone()
    }

    /// The closest of the names `automaton` accepts next in `state` to `name`, memoized.
    pub(super) fn nearby_suggestion(
        &mut self,
        automaton: &Automaton,
        state: u32,
        name: &str,
    ) -> Option<String> {
        let key = (
            automaton as *const Automaton as usize,
            state,
            name.to_string(),
        );
        self.memo
            .nearby
            .entry(key)
            .or_insert_with(|| {
                let names = passes::content::follow_names(automaton, state);
                super::suggest::best_match(name, names).map(str::to_string)
            })
            .clone()
    }

    /// The names `automaton` accepts next in `state`, as a message fragment.
    pub(super) fn expected(&mut self, automaton: &Automaton, state: u32) -> String {
        let key = (automaton as *const Automaton as usize, state);
        self.memo
            .expected
            .entry(key)
            .or_insert_with(|| passes::content::expected_names(automaton, state))
            .clone()
    }

    /// The operators that have an operation called `name`.
    pub(super) fn owners(&mut self, name: &str) -> Vec<Arc<str>> {
        let (rules, direction) = (self.rules(), self.direction());
        self.memo
            .owners
            .entry(name.to_string())
            .or_insert_with(|| rules.operators_with(name, direction))
            .clone()
    }

    /// What a piece's own walker found. It holds every finding inside its piece (its own
    /// pieces were merged into it), so the elements escaped from a sibling in it are settled
    /// here: a packet of many operations need not keep them all until the end.
    pub(super) fn into_parts(mut self) -> PieceParts {
        self.drop_missing_escaped();
        PieceParts {
            diagnostics: self.diagnostics,
            beyond: self.beyond,
            rules_errors: self.rules_errors,
            nbsp: self.nbsp,
            piece_failed: self.piece_failed,
            cap: self.packet_cap,
            for_parent_cap: self.for_parent_cap,
        }
    }

    /// Adds a piece's findings, moved by `by`, the piece's offset in the file.
    pub(super) fn merge_parts(&mut self, by: usize, parts: PieceParts) {
        self.piece_failed |= parts.piece_failed;
        self.rules_errors.extend(parts.rules_errors);
        self.nbsp
            .extend(parts.nbsp.iter().map(|span| span.start + by..span.end + by));
        // Before the piece's other findings, as the whole check reports them.
        for mut diagnostic in parts.for_parent_cap {
            diagnostic.move_by(by);
            self.admit(diagnostic);
        }
        for (from, into) in [
            (parts.diagnostics, &mut self.diagnostics),
            (parts.beyond, &mut self.beyond),
        ] {
            for mut diagnostic in from {
                diagnostic.move_by(by);
                if let Some(kept) = self.packet_cap.admit(diagnostic).kept() {
                    into.push(kept);
                }
            }
        }
        self.packet_cap.absorb(parts.cap, by);
    }
}

/// What walking one piece found, its offsets counted from the piece's start.
pub(super) struct PieceParts {
    diagnostics: Vec<Diagnostic>,
    beyond: Vec<Diagnostic>,
    rules_errors: Vec<RulesError>,
    nbsp: Vec<Range<usize>>,
    piece_failed: bool,
    cap: super::cap::PacketCap,
    for_parent_cap: Vec<Diagnostic>,
}

/// What every finding goes through: invisible characters written out, and the severity the
/// declared protocol gives it (under a pre-1.6 protocol, a warning: the grammar checked
/// against is not the packet's).
fn grade(protocol: &Protocol, diagnostic: &mut Diagnostic) {
    visible::escape_diagnostic(diagnostic);
    if protocol.legacy.is_some() && diagnostic.code != Code::LegacyProtocol {
        diagnostic.severity = Severity::Warning;
    }
}

/// `spans` (element spans: nested or disjoint) as the disjoint runs they cover, in order.
fn disjoint(mut spans: Vec<Range<usize>>) -> Vec<Range<usize>> {
    spans.sort_by_key(|span| span.start);
    let mut runs: Vec<Range<usize>> = Vec::with_capacity(spans.len());
    for span in spans {
        match runs.last_mut() {
            Some(run) if span.start <= run.end => run.end = run.end.max(span.end),
            _ => runs.push(span),
        }
    }
    runs
}

/// Adds `found` (the rules beyond the schema, in source order) to `diagnostics` (the schema's,
/// in source order), each after the schema's findings that start where it does or before.
fn merge(diagnostics: &mut Vec<Diagnostic>, found: Vec<Diagnostic>) {
    if found.is_empty() {
        return;
    }
    let schema = std::mem::take(diagnostics);
    let mut schema = schema.into_iter().peekable();
    for diagnostic in found {
        let start = diagnostic.primary.span.start;
        while let Some(earlier) = schema.next_if(|d| d.primary.span.start <= start) {
            diagnostics.push(earlier);
        }
        diagnostics.push(diagnostic);
    }
    diagnostics.extend(schema);
}
