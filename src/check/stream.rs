//! Checking a large packet without a tree of its envelope, so that memory stays a small
//! multiple of the file whatever its shape.
//!
//! [`super::pieces`] parses a *skeleton* of the packet, one roxmltree node (72 bytes and more)
//! per element above the pieces. That bounds a response of 200,000 `<result>`s, but not a
//! packet of 500,000 small operators (the skeleton is most of the tree) nor five million
//! `<a/>` siblings under one operation (a node per four bytes of file). So this walk never
//! parses an element with many children: it scans the element's children from the text, one
//! at a time, and runs their names through the content model as the content-model pass does
//! ([`super::align::run`]); each child is then walked like any piece ([`Walker::check_piece`],
//! with the operator and operation it is in), parsed on its own, or walked the same way when
//! it is large. What the element holds besides its children (its start tag, the white space,
//! comments and processing instructions between them) is parsed as a *shell* without them and
//! visited ([`Walker::visit_shell`]): the passes about the element itself (attributes, what the
//! protocol says on `<packet>`) and its lints run on it, and the parse proves it well-formed.
//! Text between the children is checked stretch by stretch ([`Walk::text_between`]).
//! Children the schema's passes do not enter (under a wildcard) are walked for the lints alone.
//!
//! An element whose children do not run through the model is walked on a skeleton of that
//! element alone (its children's content blanked, each child a piece), by a [`Walker`] with
//! its own passes: the findings are the whole check's. When that alignment is the greedy one (too many
//! children for the search, [`super::align::SEARCH_LIMIT`]), a child it drops as an unknown
//! name or as one too many is one finding of one code under one parent, and all but the first
//! [`super::cap::MAX_PER_PARENT`]` + 1` of them would only be counted by [`super::cap`]: they
//! are blanked out of the skeleton entirely (after being parsed on their own, for
//! well-formedness, and walked for the lints), and their number is added to the cap's count
//! ([`Hooks`]). Five million `<a/>` are then a skeleton of a hundred nodes. Where the report
//! explains an unknown child from the children around it, [`super::left_out`] keeps what
//! the explanation looks at; a known child the report places by its name alone (moved into
//! the gap where it fits, say) is left out too, recorded in eight bytes, and the skeleton's
//! report places it from the record (`passes/content/report/left_out.rs`).
//!
//! Whatever this walk cannot follow exactly (a namespace declaration around the children, a
//! DTD, a reserved processing instruction, anything that does not parse) makes it give up,
//! and the packet is checked as before: the findings are always those of the whole-document
//! check, which `tests/it/pieces.rs` compares on every fixture and the `pieces` fuzz target
//! on whatever it builds.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;
use std::sync::Arc;

use memchr::{memchr, memrchr};
use roxmltree::Document;

use super::left_out::{
    ByNameChildren, Fate, Greedy, LeaveOut, LeftOutChild, Verdict, field_of_a_position,
};
use super::limits;
use super::pieces::tag_end;
use super::walker::{Level, Place, Walker};
use super::{Outcome, Packet, align, parsing_options, xml};
use crate::batch;
use crate::diagnostic::Code;
use crate::rules::Direction;
use crate::rules::automaton::{Automaton, ChildRule};
use crate::rules::compile::{ContentRule, ElementType};

/// Elements nested this deep and still large are not walked (no content model is this deep).
const MAX_DEPTH: usize = 32;

/// What the walker of one element's skeleton needs to follow this module's plan: set only on
/// the walker of a skeleton ([`Walk::skeleton`]).
#[derive(Default)]
pub(super) struct Hooks {
    /// The start (in the walked text) of the element whose children are aligned greedily,
    /// as the whole-document check aligned them: the skeleton holds fewer children than the
    /// packet, too few to make [`align::align`] choose its greedy alignment itself.
    pub greedy_at: Option<usize>,
    /// Findings left out of the skeleton, by code, added to the counts of the outermost cap
    /// when it closes: the children blanked out of the skeleton, each one finding.
    pub left_out: Vec<(Code, usize)>,
    /// The children blanked out of the skeleton that the content pass places by their name
    /// (moved, one too many, a member of a choice taken, unexpected), with their offsets in
    /// the element's text.
    pub by_name: ByNameChildren,
    /// The children blanked out of the skeleton that the lints walk with the element's other
    /// children not placed (`Walker::visit_the_rest`): those with content of the ones only
    /// counted, and those the content pass placed by name without moving them.
    pub lint_later: Vec<LeftOutChild>,
}

/// Checks the packet by walking it, or `None` when the walk cannot follow it exactly (the
/// caller then checks it as before). Elements of at most `small` bytes are parsed whole.
pub(super) fn check(packet: &Packet, threads: usize, small: usize) -> Option<Outcome> {
    let text = packet.text;
    if super::wellformed::first_error(text).is_some() {
        return None;
    }
    let root = root_element(text)?;
    if name_of(text, root.start) != "packet" {
        return None;
    }
    let check = |direction, budget: Option<usize>| {
        let setup = packet.setup(direction, budget.is_none());
        let mut walker = Walker::new(setup, text);
        if let Some(budget) = budget {
            walker = walker.with_budget(budget);
        }
        let mut walk = Walk {
            walker,
            ends: Rc::new(Ends::new(text.len())),
            threads: if budget.is_none() { threads } else { 1 },
            full: budget.is_none(),
            small,
            batch: Vec::new(),
            batch_bytes: 0,
            failed: false,
        };
        match packet.rules.packet_type(direction) {
            Ok(ty) => walk.element(root.clone(), &ty, Level::Packet, "packet", 0, true),
            Err(error) => walk.walker.push_rules_error(error),
        }
        walk.flush();
        if walk.failed || walk.walker.piece_failed {
            return None;
        }
        let gave_up = walk.walker.gave_up();
        Some((walk.walker.finish(), gave_up))
    };
    match packet.kind {
        Some(direction) => check(direction, None).map(|(outcome, _)| outcome),
        None => super::check_as_shown(guess_direction(text), check),
    }
}

/// A piece waiting for the worker threads: its element, its type, where its children are,
/// the name it is walked as, and where the walk was.
type Batched<'a> = (
    Range<usize>,
    Arc<ElementType>,
    Level<'a>,
    Arc<str>,
    Place<'a>,
);

/// What an element is walked as: its type, where its children are, and its name (its own,
/// or the one a misspelling is renamed to).
#[derive(Clone, Copy)]
struct Walked<'s, 'a> {
    ty: &'s Arc<ElementType>,
    level: Level<'a>,
    name: &'s str,
}

/// One walk of the packet in one direction.
struct Walk<'a> {
    /// The packet's walker: it follows the envelope as the walk enters elements (for the
    /// lints, which ask which operator and operation they are in), walks the pieces, and every
    /// finding ends up in it, moved to where it is in the file.
    walker: Walker<'a>,
    threads: usize,
    /// A full reading (no budget): every part of the packet is parsed, to prove it
    /// well-formed; pieces are checked on the worker threads.
    full: bool,
    small: usize,
    /// Pieces waiting for the worker threads, in document order.
    batch: Vec<Batched<'a>>,
    batch_bytes: usize,
    /// Set when the walk met what it cannot follow exactly.
    failed: bool,
    /// The ends of the large elements scanned so far.
    ends: Rc<Ends>,
}

impl<'a> Walk<'a> {
    /// Checks the element at `range` as `ty`, walked as `name`, like [`Walker::visit`]. The
    /// root's shell or skeleton takes the text around it (declaration, comments) too.
    fn element(
        &mut self,
        range: Range<usize>,
        ty: &Arc<ElementType>,
        level: Level<'a>,
        name: &str,
        depth: usize,
        root: bool,
    ) {
        if self.failed || self.walker.gave_up() {
            return;
        }
        let text = self.walker.text;
        let Some(tag_end) = tag_end(&text.as_bytes()[range.start..]).map(|n| range.start + n)
        else {
            self.failed = true;
            return;
        };
        let self_closing = tag_end == range.end;
        let automaton = match &ty.content {
            ContentRule::Children(automaton) if !self_closing => automaton,
            _ if !root => return self.piece(range, ty, level, name),
            _ => return self.failed = true,
        };
        if (range.len() <= self.small && !root) || depth > MAX_DEPTH {
            if depth > MAX_DEPTH {
                self.failed = true;
            }
            return self.piece(range, ty, level, name);
        }
        // A namespace declared here would reach the children, which are parsed alone.
        if memchr::memmem::find(&text.as_bytes()[range.start..tag_end], b"xmlns").is_some() {
            self.failed = true;
            return;
        }
        let Some(content_end) = memrchr(b'<', &text.as_bytes()[range.clone()]) else {
            self.failed = true;
            return;
        };
        let content = tag_end..range.start + content_end;
        let Some(summary) = Summary::of(text, content.clone(), automaton, &self.ends) else {
            self.failed = true;
            return;
        };
        let outer = if root { 0..text.len() } else { range.clone() };
        let walked = Walked { ty, level, name };
        // The documented conditions of a `<result>` (below an operation) look at its
        // children, which its shell does not hold: a large element where they apply is
        // checked as a skeleton, which holds them (and its `<status>` whole).
        if !summary.clean || (summary.children > 0 && self.conditions_look_inside(name)) {
            return self.skeleton(outer, content, &walked, automaton, summary);
        }
        self.shell(&outer, tag_end, &content, &walked, summary.children == 0);
        if !summary.spaced {
            self.text_between(&range, &content, &walked);
        }
        let saved = self.walker.enter(name);
        self.children(&range, content, automaton, depth);
        self.walker.leave(saved);
    }

    /// Checks what concerns the element itself (its attributes; on `<packet>`, what the
    /// protocol says; the lints when `lint`) on its shell: the text of `outer` without the
    /// children of the element, which also proves the rest well-formed.
    fn shell(
        &mut self,
        outer: &Range<usize>,
        tag_end: usize,
        content: &Range<usize>,
        walked: &Walked<'_, 'a>,
        lint: bool,
    ) {
        let Walked { ty, level, name } = *walked;
        let text = self.walker.text;
        let mut shell = String::from(&text[outer.start..tag_end]);
        for item in Items::remembering(text, content.clone(), &self.ends) {
            match item {
                Item::Text(r) | Item::Markup(r) => shell.push_str(&text[r]),
                Item::Element(_) => {}
                Item::Broken => return self.failed = true,
            }
        }
        shell.push_str(&text[content.end..outer.end]);
        let Ok(document) = Document::parse_with_options(&shell, parsing_options()) else {
            return self.failed = true;
        };
        let node = document.root_element();
        if matches!(level, Level::Packet)
            && (node.tag_name().name() != "packet" || node.tag_name().namespace().is_some())
        {
            return self.failed = true;
        }
        if ty.nillable && node.attributes().any(|a| a.name() == "nil") {
            return self.failed = true;
        }
        self.flush();
        let budget = self.budget_left();
        let origin = self.walker.lines().origin(outer.start);
        let mut inner = (self.walker.place())
            .walker(&shell, origin)
            .with_budget(budget);
        inner.visit_shell(node, ty, level, name, lint);
        self.walker.out_of_budget |= inner.out_of_budget;
        let parts = inner.into_parts();
        self.walker.merge_parts(outer.start, parts);
    }

    /// Checks the text between the children of a clean element, as the text pass does
    /// (`passes::nbsp`): each stretch between two children (or the tags around them) that
    /// holds more than white space is parsed alone inside a copy of the element's tags and
    /// checked there. A stretch is what the whole element's tree holds as text nodes there,
    /// whatever stands around it, and its findings are moved back to where it is. (Before,
    /// text between the children made the element a skeleton of every child: 303,030
    /// operators with text between them took 6.5 times the file.)
    fn text_between(&mut self, range: &Range<usize>, content: &Range<usize>, walked: &Walked) {
        let Walked { ty, level, name } = *walked;
        let text = self.walker.text;
        // Its own name, which the findings name, not the one it is walked as.
        let tag = name_of(text, range.start);
        let mut stretch = content.start;
        let mut texty = false;
        let mut stretches = Vec::new();
        for item in Items::remembering(text, content.clone(), &self.ends) {
            match item {
                Item::Text(r) => texty |= holds_text(&text[r]),
                Item::Markup(_) => {}
                Item::Element(child) => {
                    if std::mem::take(&mut texty) {
                        stretches.push(stretch..child.start);
                    }
                    stretch = child.end;
                }
                Item::Broken => return self.failed = true,
            }
        }
        if texty {
            stretches.push(stretch..content.end);
        }
        self.flush();
        for stretch in stretches {
            let copy = format!("<{tag}>{}</{tag}>", &text[stretch.clone()]);
            let Ok(document) = Document::parse_with_options(&copy, parsing_options()) else {
                return self.failed = true;
            };
            let budget = self.budget_left();
            // The copy's start tag stands where the element's content before the stretch is.
            // (Its text is not the file's there, but no finding about text indents a line.)
            let start = stretch.start - (tag.len() + 2);
            let origin = self.walker.lines().origin(start);
            let mut inner = (self.walker.place())
                .walker(&copy, origin)
                .with_budget(budget);
            inner.visit_text_of(document.root_element(), ty, level, name);
            self.walker.out_of_budget |= inner.out_of_budget;
            let parts = inner.into_parts();
            self.walker.merge_parts(start, parts);
        }
    }

    /// Checks each child of a clean element (its children run through `automaton`), as
    /// [`Walker::visit_child`] does; the walker has entered the element.
    fn children(
        &mut self,
        range: &Range<usize>,
        content: Range<usize>,
        automaton: &Automaton,
        depth: usize,
    ) {
        let text = self.walker.text;
        let (rules, direction) = (self.walker.rules(), self.walker.direction());
        // The operations of a misspelt operator are those of the operator it is renamed to.
        let operator = self.walker.operator.clone();
        let parent = operator.as_deref().unwrap_or(name_of(text, range.start));
        let mut state = 0;
        for item in Items::remembering(text, content, &self.ends) {
            let Item::Element(child) = item else {
                continue;
            };
            if self.failed || self.walker.gave_up() {
                return;
            }
            let name = name_of(text, child.start);
            let Some(position) = automaton.step(state, name) else {
                return self.failed = true;
            };
            state = position;
            let resolved = match &automaton.position(position).rule {
                ChildRule::Typed(ty) => Some((Ok(ty.clone()), Level::Inner)),
                ChildRule::Wildcard => None,
                ChildRule::Operator => rules
                    .operator_type(name, direction)
                    .map(|r| (r, Level::Operator(name))),
                ChildRule::Operation => rules
                    .operation_type(parent, name, direction)
                    .map(|r| (r, Level::Inner)),
            };
            match resolved {
                Some((Ok(ty), level)) => self.element(child, &ty, level, name, depth + 1, false),
                Some((Err(error), _)) => {
                    self.walker.push_rules_error(error);
                    self.untyped(child);
                }
                None => self.untyped(child),
            }
        }
    }

    /// Checks an element whose children do not run through its model on a skeleton of it:
    /// `outer` with each child's content blanked (each child a piece), and the unknown
    /// children the greedy alignment drops, past the first ones the cap shows, blanked whole.
    fn skeleton(
        &mut self,
        outer: Range<usize>,
        content: Range<usize>,
        walked: &Walked<'_, 'a>,
        automaton: &Automaton,
        summary: Summary,
    ) {
        let Walked { ty, level, name } = *walked;
        let text = self.walker.text;
        let greedy = !align::searches(automaton, summary.children);
        let blank_dropped = greedy && summary.blankable(automaton);
        // Where an unknown child is a field, a missing wrapper may take an element missing
        // at the end before any child moves there: only what is read counts as given.
        let mut follow = match summary.dropped_field {
            true => Greedy::new(automaton),
            false => Greedy::knowing_the_end(automaton, summary.state),
        };
        let mut leave_out = LeaveOut::new(automaton, summary.dropped_field);
        let mut verdicts = Vec::new();
        let mut made = Skeleton {
            bytes: text.as_bytes()[outer.clone()].to_vec(),
            outer: outer.clone(),
            pieces: Vec::new(),
            by_name: match blank_dropped {
                true => ByNameChildren::with_room(
                    summary.by_name,
                    summary.dropped_with_content,
                    summary.again,
                ),
                false => ByNameChildren::default(),
            },
            // The documented conditions read the `<status>` of a `<result>`: it stays whole.
            status_whole: self.conditions_look_inside(name),
        };
        // The children blanked out are walked for the lints alone, from inside the element.
        let saved = self.walker.enter(name);
        for item in Items::remembering(text, content, &self.ends) {
            let Item::Element(child) = item else {
                continue;
            };
            if blank_dropped {
                let child_name = name_of(text, child.start);
                let fate = follow.step(child_name);
                let code = unknown_code(level);
                leave_out.child(child, child_name, &fate, code, &mut verdicts);
            } else {
                verdicts.push(Verdict::Keep(child));
            }
            self.blank(&mut verdicts, &mut made);
        }
        let left_out = leave_out.finish(&mut verdicts);
        self.blank(&mut verdicts, &mut made);
        let Skeleton {
            bytes,
            pieces,
            mut by_name,
            ..
        } = made;
        self.walker.leave(saved);
        if self.failed {
            return;
        }
        // Only whole characters between ASCII delimiters became spaces.
        let Ok(skeleton) = String::from_utf8(bytes) else {
            return self.failed = true;
        };
        let Ok(document) = Document::parse_with_options(&skeleton, parsing_options()) else {
            return self.failed = true;
        };
        self.flush();
        let budget = self.budget_left();
        let mut inner = self
            .walker
            .place()
            .walker(
                &text[outer.clone()],
                self.walker.lines().origin(outer.start),
            )
            .with_pieces(&pieces)
            .with_budget(budget);
        inner.memo = std::mem::take(&mut self.walker.memo);
        let root = document.root_element();
        if greedy {
            inner.stream.greedy_at = Some(root.range().start);
        }
        inner.stream.left_out = left_out;
        inner.stream.lint_later = std::mem::take(&mut by_name.lint_later);
        inner.stream.by_name = by_name;
        if self.full && self.threads > 1 && pieces.len() > 1 {
            inner.deferred = Some(Vec::new());
        }
        inner.visit(root, ty, level, name);
        inner.check_deferred_pieces(self.threads);
        if self.full {
            inner.parse_pieces_not_entered();
        }
        self.walker.memo = std::mem::take(&mut inner.memo);
        self.walker.out_of_budget |= inner.out_of_budget;
        let parts = inner.into_parts();
        self.walker.merge_parts(outer.start, parts);
    }

    /// Checks a small element parsed alone: now, or with the batch on the worker threads.
    fn piece(&mut self, range: Range<usize>, ty: &Arc<ElementType>, level: Level<'a>, name: &str) {
        if self.threads <= 1 {
            self.walker.check_piece(range, ty, level, name);
            return;
        }
        self.batch_bytes += range.len();
        let place = self.walker.place();
        self.batch
            .push((range, ty.clone(), level, Arc::from(name), place));
        if self.batch_bytes >= limits::batch_bytes() || self.batch.len() >= limits::batch_pieces() {
            self.flush();
        }
    }

    /// Checks the batch of pieces on the worker threads, and adds their findings in order.
    fn flush(&mut self) {
        if self.batch.is_empty() {
            return;
        }
        let batch = std::mem::take(&mut self.batch);
        self.batch_bytes = 0;
        let lines = self.walker.lines();
        let checked =
            batch::map_ordered(&batch, self.threads, |(range, ty, level, name, place)| {
                let text = &lines.text[range.clone()];
                let document = Document::parse_with_options(text, parsing_options()).ok()?;
                let mut inner = place.walker(text, lines.origin(range.start));
                inner.visit(document.root_element(), ty, *level, name);
                Some(inner.into_parts())
            });
        for ((range, ..), parts) in batch.iter().zip(checked) {
            match parts {
                Some(parts) => self.walker.merge_parts(range.start, parts),
                None => self.failed = true,
            }
        }
    }

    /// An element the schema's passes do not enter (under a wildcard, a broken rules entry,
    /// an unknown child left out of a skeleton): the lints still walk it, and the packet is
    /// well-formed only if it is. Only a full reading does either.
    fn untyped(&mut self, range: Range<usize>) {
        if self.full {
            self.walker.lint_piece(range);
        }
    }

    /// Makes the skeleton being made say what each of `verdicts` (taken out) decides of a
    /// child: left out, it is blanked whole (and walked for the lints alone, or recorded for
    /// the content pass to place by name); kept, its content is blanked and it becomes a
    /// piece, unless it is an empty-element tag (`<a/>`, whole in the skeleton: checked
    /// there, it needs no piece; a million of them made a million pieces put aside for the
    /// workers) or a `<status>` the conditions read.
    fn blank(&mut self, verdicts: &mut Vec<Verdict>, made: &mut Skeleton) {
        for verdict in verdicts.drain(..) {
            self.blank_one(verdict, made);
        }
    }

    fn blank_one(&mut self, verdict: Verdict, made: &mut Skeleton) {
        let text = self.walker.text;
        let Skeleton {
            outer,
            bytes,
            pieces,
            by_name,
            status_whole,
        } = made;
        let status_whole = *status_whole;
        let local = |child: &Range<usize>| child.start - outer.start..child.end - outer.start;
        match verdict {
            Verdict::LeaveOut(child) => {
                bytes[local(&child)].fill(b' ');
                // One with content is walked for the lints where the whole check walks it,
                // among the children not placed; `<a/>` holds nothing they look at.
                let empty = tag_end(&text.as_bytes()[child.clone()]) == Some(child.len());
                if empty || !by_name.lint_later(local(&child)) {
                    self.untyped(child);
                }
            }
            Verdict::ByName(child) if by_name.record(local(&child), name_of(text, child.start)) => {
                bytes[local(&child)].fill(b' ');
            }
            // The documented conditions' lint reads the children of its `<result>`.
            Verdict::Read(child, position)
                if !status_whole && by_name.record_read(local(&child), position) =>
            {
                bytes[local(&child)].fill(b' ');
            }
            Verdict::Keep(child) | Verdict::ByName(child) | Verdict::Read(child, _) => {
                let local = local(&child);
                let Some(tag) = tag_end(&text.as_bytes()[child.clone()]) else {
                    return self.failed = true;
                };
                let status = || local_name(name_of(text, child.start)) == "status";
                if tag < child.len() && !(status_whole && status()) {
                    let end = memrchr(b'<', &text.as_bytes()[child.clone()]).unwrap_or(tag);
                    bytes[local.start + tag..local.start + end].fill(b' ');
                    pieces.push(local);
                }
            }
        }
    }

    /// Whether the documented conditions apply to the element walked as `name` (a `<result>`
    /// below an operation they concern), whose lint reads its children.
    fn conditions_look_inside(&mut self, name: &str) -> bool {
        let saved = self.walker.enter(name);
        let apply = self.walker.conditions_apply() && self.walker.depth > 3;
        self.walker.leave(saved);
        apply
    }

    fn budget_left(&self) -> usize {
        self.walker
            .budget
            .saturating_sub(self.walker.diagnostics_len())
    }
}

/// A skeleton being made ([`Walk::blank`]).
struct Skeleton {
    /// The element's range in the walked text.
    outer: Range<usize>,
    /// The element's text, its children blanked as they are decided.
    bytes: Vec<u8>,
    /// The children kept as pieces, in the element's text.
    pieces: Vec<Range<usize>>,
    /// The children left out for the content pass, or for the lints later.
    by_name: ByNameChildren,
    /// Whether a `<status>` child stays whole ([`Walk::conditions_look_inside`]).
    status_whole: bool,
}

/// What one pass over an element's children finds.
struct Summary {
    /// The element children.
    children: usize,
    /// Whether the children run through the model: the passes then find nothing in the
    /// element itself but its attributes and any text between the children.
    clean: bool,
    /// Whether everything between the children is white space (or comments, processing
    /// instructions): blanking a child then only joins white space.
    spaced: bool,
    /// Whether the greedy alignment drops an unknown child that a position's content knows:
    /// a missing wrapper's field, or an element written after the sibling it belongs in,
    /// which the content pass explains from the children around it.
    dropped_field: bool,
    /// The automaton's state after the last child the greedy alignment reads.
    state: u32,
    /// The children the greedy alignment drops that the content pass places by name
    /// ([`Fate::ByName`]; a few of them move to elements missing at the end instead).
    by_name: usize,
    /// The children the greedy alignment drops that hold more than their start tag: at most
    /// as many are left out to be linted later ([`Hooks::lint_later`]).
    dropped_with_content: usize,
    /// The children read again ([`Fate::Again`]): at most as many are left out.
    again: usize,
}

impl Summary {
    fn of(
        text: &str,
        content: Range<usize>,
        automaton: &Automaton,
        ends: &Rc<Ends>,
    ) -> Option<Summary> {
        let mut summary = Summary {
            children: 0,
            clean: true,
            spaced: true,
            dropped_field: false,
            state: 0,
            by_name: 0,
            dropped_with_content: 0,
            again: 0,
        };
        let mut markup = 0;
        let mut follow = Greedy::new(automaton);
        // Whether each unknown name is a field, for the first thousand distinct names.
        let mut fields: HashMap<&str, bool> = HashMap::new();
        for item in Items::remembering(text, content, ends) {
            match item {
                Item::Text(r) => summary.spaced &= !holds_text(&text[r]),
                Item::Markup(_) => markup += 1,
                Item::Element(child) => {
                    summary.children += 1;
                    let tag_end = tag_end(&text.as_bytes()[child.start..])?;
                    let tag = &text.as_bytes()[child.start..child.start + tag_end];
                    let name = name_of(text, child.start);
                    // A name the scan would read otherwise than the parser.
                    if name.contains(':') || memchr::memmem::find(tag, b"xmlns").is_some() {
                        return None;
                    }
                    let fate = follow.step(name);
                    let read = matches!(fate, Fate::Read | Fate::Again { .. });
                    if !read && tag_end < child.len() {
                        summary.dropped_with_content += 1;
                    }
                    match fate {
                        Fate::Read => {}
                        Fate::Again { .. } => summary.again += 1,
                        Fate::Unknown => {
                            summary.clean = false;
                            let field = match fields.get(name) {
                                Some(&field) => field,
                                None => {
                                    let field = field_of_a_position(automaton, name);
                                    if fields.len() < 1_000 {
                                        fields.insert(name, field);
                                    }
                                    field
                                }
                            };
                            summary.dropped_field |= field;
                        }
                        Fate::ByName => {
                            summary.clean = false;
                            summary.by_name += 1;
                        }
                        Fate::TooMany | Fate::Moved | Fate::Other => summary.clean = false,
                    }
                }
                Item::Broken => return None,
            }
        }
        if markup > limits::max_markup() {
            return None;
        }
        summary.state = follow.state;
        summary.clean &= automaton.accepting[summary.state as usize];
        Some(summary)
    }

    /// Whether children the greedy alignment drops as unknown or as one too many ([`Fate`])
    /// can be left out of the skeleton without changing the findings but for their count
    /// ([`LeaveOut`] says which): only white space stands between the children, and the
    /// model has no wildcard. (Where the others go does not depend on them: a misplaced child
    /// moves to the gap nearest by the children kept, `relocate::find`.)
    fn blankable(&self, automaton: &Automaton) -> bool {
        self.spaced && !automaton.has_wildcard()
    }
}

/// Whether a run of character data between children is more than the white space between
/// elements (a CDATA section is text to libxml2 even when white).
fn holds_text(run: &str) -> bool {
    run.starts_with("<![CDATA[")
        || !run
            .bytes()
            .all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
}

/// The code of an unknown child's finding at `level` (the content-model pass's report).
fn unknown_code(level: Level) -> Code {
    match level {
        Level::Packet => Code::UnknownOperator,
        Level::Operator(_) => Code::UnknownOperation,
        Level::Inner => Code::UnknownElement,
    }
}

/// A response carries `<system>`, or a `<result>` anywhere below an operator
/// ([`super::guess_direction`]), found by a scan of the tags.
fn guess_direction(text: &str) -> Direction {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut at = 0;
    while let Some(found) = memchr(b'<', &bytes[at..]) {
        let start = at + found;
        let Some(end) = skip_markup(bytes, start) else {
            if bytes[start + 1..].starts_with(b"/") {
                depth = depth.saturating_sub(1);
                at = start + 1;
                continue;
            }
            let Some(length) = tag_end(&bytes[start..]) else {
                break;
            };
            // roxmltree reads a name with an empty prefix (`<:result>`) without it.
            let name = name_of(text, start);
            let name = name.strip_prefix(':').unwrap_or(name);
            if (depth >= 2 && name == "result") || (depth == 1 && name == "system") {
                return Direction::Response;
            }
            if bytes[start + length - 2] != b'/' {
                depth += 1;
            }
            at = start + length;
            continue;
        };
        at = end;
    }
    Direction::Request
}

/// The root element's range: the one element of the document, with nothing but white space,
/// comments and processing instructions around it.
fn root_element(text: &str) -> Option<Range<usize>> {
    let mut root = None;
    for item in Items::new(text, 0..text.len()) {
        match item {
            Item::Element(range) if root.is_none() => root = Some(range),
            Item::Text(_) | Item::Markup(_) => {}
            _ => return None,
        }
    }
    root
}

/// One part of an element's content, as the scan sees it.
enum Item {
    /// A child element, start tag to end tag.
    Element(Range<usize>),
    /// Text, or a CDATA section.
    Text(Range<usize>),
    /// A comment or a processing instruction.
    Markup(Range<usize>),
    /// Markup the scan does not follow (a DTD, an end tag out of place, an unclosed tag).
    Broken,
}

/// The parts of the content in `range`, in order; after [`Item::Broken`], nothing.
struct Items<'t> {
    bytes: &'t [u8],
    at: usize,
    end: usize,
    ends: Option<Rc<Ends>>,
}

impl<'t> Items<'t> {
    fn new(text: &'t str, range: Range<usize>) -> Items<'t> {
        Items {
            bytes: text.as_bytes(),
            at: range.start,
            end: range.end,
            ends: None,
        }
    }

    /// Items that find the end of a large element in `ends`, and leave there the ends of
    /// the large elements they scan.
    fn remembering(text: &'t str, range: Range<usize>, ends: &Rc<Ends>) -> Items<'t> {
        Items {
            ends: Some(Rc::clone(ends)),
            ..Items::new(text, range)
        }
    }
}

/// The ends of the elements of at least [`Ends::LARGE`] bytes that a scan has met, by start.
/// The walk passes over a large element's children three times (its summary, its shell, its
/// children) at every level of the packet, and finding each child's end scans all of the
/// child: without these, each byte of a response's `<result>`s was scanned nine times.
struct Ends {
    by_start: RefCell<HashMap<usize, usize>>,
    /// At most this many are kept (a sixty-fourth of the text's length), so that memory
    /// stays a small fraction of the file whatever its shape.
    most: usize,
}

impl Ends {
    const LARGE: usize = 256;

    fn new(text_len: usize) -> Ends {
        Ends {
            by_start: RefCell::new(HashMap::new()),
            most: text_len / 64,
        }
    }

    fn get(&self, start: usize) -> Option<usize> {
        self.by_start.borrow().get(&start).copied()
    }

    fn remember(&self, start: usize, end: usize) {
        let mut by_start = self.by_start.borrow_mut();
        if end - start >= Ends::LARGE && by_start.len() < self.most {
            by_start.insert(start, end);
        }
    }
}

impl Iterator for Items<'_> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        let start = self.at;
        if start >= self.end {
            return None;
        }
        let bytes = &self.bytes[..self.end];
        if bytes[start] != b'<' {
            self.at = memchr(b'<', &bytes[start..]).map_or(self.end, |i| start + i);
            return Some(Item::Text(start..self.at));
        }
        let item = if bytes[start..].starts_with(b"<![CDATA[") {
            skip_markup(bytes, start).map(|end| (Item::Text(start..end), end))
        } else if let Some(end) = skip_markup(bytes, start) {
            Some((Item::Markup(start..end), end))
        } else if bytes[start..].starts_with(b"<!") || bytes[start..].starts_with(b"</") {
            None
        } else {
            element_end(bytes, start, self.ends.as_deref())
                .map(|end| (Item::Element(start..end), end))
        };
        match item {
            Some((item, end)) => {
                self.at = end;
                Some(item)
            }
            None => {
                self.at = self.end;
                Some(Item::Broken)
            }
        }
    }
}

/// The end of the comment, CDATA section or processing instruction at `start`; `None` for
/// anything else (or one that does not end).
fn skip_markup(bytes: &[u8], start: usize) -> Option<usize> {
    let rest = &bytes[start..];
    let (open, close): (usize, &[u8]) = if rest.starts_with(b"<!--") {
        (4, b"-->")
    } else if rest.starts_with(b"<![CDATA[") {
        (9, b"]]>")
    } else if rest.starts_with(b"<?") {
        (2, b"?>")
    } else {
        return None;
    };
    memchr::memmem::find(&rest[open..], close).map(|i| start + open + i + close.len())
}

/// The end of the element whose start tag is at `start`, found by counting start and end
/// tags (the parse of each part checks that their names agree).
///
/// With `ends`, the end of a large element already scanned is looked up, and the ends of
/// the large elements inside this one are remembered.
fn element_end(bytes: &[u8], start: usize, ends: Option<&Ends>) -> Option<usize> {
    if let Some(end) = ends.and_then(|ends| ends.get(start)) {
        return Some(end);
    }
    let first = start + tag_end(&bytes[start..])?;
    if bytes[first - 2] == b'/' {
        return Some(first);
    }
    // The starts of the open elements, this one first.
    let mut open_starts = vec![start];
    let mut at = first;
    while let Some(found) = memchr(b'<', &bytes[at..]) {
        let open = at + found;
        if let Some(end) = skip_markup(bytes, open) {
            at = end;
        } else if bytes[open..].starts_with(b"</") {
            at = open + memchr(b'>', &bytes[open..])? + 1;
            let opened = open_starts.pop()?;
            if let Some(ends) = ends {
                ends.remember(opened, at);
            }
            if open_starts.is_empty() {
                return Some(at);
            }
        } else if bytes[open..].starts_with(b"<!") {
            return None;
        } else {
            at = open + tag_end(&bytes[open..])?;
            if bytes[at - 2] != b'/' {
                open_starts.push(open);
            }
        }
    }
    None
}

/// The name in the start tag at `start`.
fn name_of(text: &str, start: usize) -> &str {
    &text[xml::name_at(text, start)]
}

/// A name without its prefix, as roxmltree reads `<:status>` (an empty prefix) as `status`.
fn local_name(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_follow_the_markup() {
        let text = "<a x='>'>t<!-- <b> --><b><c/></b><![CDATA[<d>]]><?p <e>?></a>";
        let kinds: Vec<String> = Items::new(text, 9..text.len() - 4)
            .map(|item| match item {
                Item::Element(r) => format!("E {}", &text[r]),
                Item::Text(r) => format!("T {}", &text[r]),
                Item::Markup(r) => format!("M {}", &text[r]),
                Item::Broken => "broken".into(),
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "T t",
                "M <!-- <b> -->",
                "E <b><c/></b>",
                "T <![CDATA[<d>]]>",
                "M <?p <e>?>"
            ]
        );
        assert_eq!(
            root_element("<?xml version='1.0'?>\n<p><q/></p>\n"),
            Some(22..33)
        );
        assert_eq!(root_element("<!DOCTYPE p><p/>"), None);
        assert_eq!(root_element("<p/><q/>"), None);
    }

    #[test]
    fn responses_are_told_by_their_results_or_system() {
        let guess = |text| guess_direction(text);
        assert_eq!(
            guess("<packet><site><get><result/></get></site></packet>"),
            Direction::Response
        );
        assert_eq!(guess("<packet><system/></packet>"), Direction::Response);
        assert_eq!(
            guess("<packet><result/><site><!-- <x><result/> --></site></packet>"),
            Direction::Request
        );
    }
}

#[cfg(test)]
mod walks {
    use super::*;
    use crate::rules::RuleSet;

    fn rules() -> RuleSet {
        RuleSet::load(&[] as &[std::path::PathBuf]).0
    }

    /// The walk follows these packets itself (it does not give up), and finds what the
    /// whole-document check finds.
    #[test]
    fn the_walk_follows_clean_and_unclean_envelopes() {
        let rules = rules();
        let siblings = format!(
            "<packet><site><get>{}</get></site></packet>",
            "<a/>".repeat(300)
        );
        let operator = "<site><set_traffic><dom_id>1</dom_id><date>2005-12-12</date>\
            <smtp_in>1</smtp_in><smtp_out>2</smtp_out><pop3_imap_in>3</pop3_imap_in>\
            <pop3_imap_out>4</pop3_imap_out></set_traffic></site>";
        let operators = format!("<packet>\n{}</packet>", operator.repeat(50));
        let broken = operators
            .replacen("<dom_id>1", "<dom_id>x", 1)
            .replacen("<site>", "<sitee>", 3)
            .replacen("</site>", "</sitee>", 3);
        // Past the alignment's search limit under `<packet>`: greedy, most of them blanked.
        let unknown = format!(
            "<packet><site><get/></site>{}</packet>",
            "<a/>".repeat(50_000)
        );
        // A placeholder in one of the children left out of the skeleton: the lints still
        // walk it.
        let placeholder = format!(
            "<packet><site><get/></site>{}<a>${{DOMAIN}}</a>{}</packet>",
            "<a/>".repeat(40_000),
            "<a/>".repeat(10_000)
        );
        let protocol = super::super::Protocol::default();
        let lints_found = |o: &Outcome| {
            o.diagnostics
                .iter()
                .filter(|d| d.code == Code::UnfilledPlaceholder)
                .count()
        };
        let packet = Packet {
            rules: &rules,
            protocol: &protocol,
            text: &placeholder,
            kind: None,
        };
        let walked = check(&packet, 1, 0).expect("walked");
        assert_eq!(lints_found(&walked), 1);
        for text in [&siblings, &operators, &broken, &unknown, &placeholder] {
            let packet = Packet {
                rules: &rules,
                protocol: &protocol,
                text,
                kind: None,
            };
            for threads in [1, 2] {
                let walked = check(&packet, threads, 0).expect("walked");
                let whole = super::super::check_text(&rules, &protocol, text, None, 1, usize::MAX);
                let show = |o: &Outcome| {
                    o.diagnostics
                        .iter()
                        .map(|d| format!("{d:?}"))
                        .collect::<Vec<_>>()
                };
                assert_eq!(show(&walked), show(&whole), "{}", &text[..60]);
            }
        }
    }

    /// The lints run in the walk with the envelope each piece is in: the documented conditions
    /// of `reseller-plan/get` hold in each `<result>`, a piece below the shells of
    /// `<packet>`, `<reseller-plan>` and `<get>`.
    #[test]
    fn pieces_are_linted_in_their_envelope() {
        let rules = rules();
        let result = "<result><status>ok</status><id>2</id><name>Default Reseller</name>\
            <limits><limit><name>max_cl</name><value>-1</value></limit></limits></result>";
        let text = format!(
            "<packet><reseller-plan><get>{}</get></reseller-plan></packet>",
            result.repeat(50)
        );
        let protocol = super::super::Protocol::default();
        let packet = Packet {
            rules: &rules,
            protocol: &protocol,
            text: &text,
            kind: None,
        };
        let whole = super::super::check_text(&rules, &protocol, &text, None, 1, usize::MAX);
        let show = |o: &Outcome| {
            o.diagnostics
                .iter()
                .map(|d| format!("{d:?}"))
                .collect::<Vec<_>>()
        };
        let conditions = whole
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::ConditionallyRequired)
            .count();
        assert_eq!(conditions, 50, "{:?}", show(&whole));
        for threads in [1, 2] {
            let walked = check(&packet, threads, result.len()).expect("walked");
            assert_eq!(show(&walked), show(&whole));
        }
    }
}
