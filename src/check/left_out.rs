//! Which children a skeleton of a large element leaves out (`stream.rs`): past the first
//! findings of a code, a child whose finding is one of that code whatever the other children
//! are is only counted, so that memory does not grow with millions of siblings; past the first
//! of a name, a known child the content pass reports by its name alone (moved into the gap
//! where it fits, say) is recorded in eight bytes for the skeleton's report to place
//! (`passes/content/report/left_out.rs`). A child the content pass explains from the
//! children around it (a missing wrapper's field, an element written after the sibling it
//! belongs in, `passes/content`) stays, and so do the children those explanations look at.

use std::collections::{HashMap, VecDeque};
use std::ops::Range;
use std::sync::Arc;

use super::align;
use super::cap::{MAX_PER_PARENT, Names};
use super::passes::content::alternative;
use crate::diagnostic::Code;
use crate::rules::automaton::{Automaton, ChildRule};

/// The greedy alignment ([`super::align::greedy`]) followed child by child, with how often it
/// has given each declaration so far.
pub(super) struct Greedy<'t> {
    automaton: &'t Automaton,
    pub(super) state: u32,
    /// Per declaration, the children read as it, and those moved to a missing one.
    given: Vec<u32>,
    /// The elements the alignment inserts after the last child (the state before each, and
    /// its position), when known: the content pass moves the first dropped child that can
    /// stand for one there (`alternative` in `passes/content/report.rs`), which counts as
    /// given and is no one-too-many itself.
    missing: Vec<Option<(u32, u32)>>,
}

/// What the greedy alignment does with a child, and how the content pass reports a child it
/// drops when that does not depend on the other children.
pub(super) enum Fate {
    /// Read as the next position.
    Read,
    /// Read again as the position the last child read was read as (`position`), a typed one
    /// whose declaration has no bound: nothing in the report depends on how often, so past
    /// the first two of a run only its last stays, and the report visits the others from
    /// their records, in document order, as the children it reads ([`LeftOutChild`]).
    Again { position: u32 },
    /// Dropped, a name the model does not know: one unknown child.
    Unknown,
    /// Dropped, a name whose first declaration is already read as often as it may occur: one
    /// `too-many` (the count only grows, so the report, which counts every child the
    /// alignment reads, finds it given that often too, and asks that declaration first).
    TooMany,
    /// Dropped, moved to where an element is missing at the end: kept in the skeleton.
    Moved,
    /// Dropped, a name the content pass places elsewhere, or reports as one too many, as a
    /// member of a choice already taken or as unexpected, the same way for every child of
    /// that name ([`Greedy::placed_by_name`]):
    /// past the first of the name, left out and placed by the report from its record
    /// ([`LeftOutChild`]).
    ByName,
    /// Dropped, reported depending on the others (a name of two declarations): kept in the
    /// skeleton.
    Other,
}

impl<'t> Greedy<'t> {
    pub(super) fn new(automaton: &'t Automaton) -> Greedy<'t> {
        Greedy {
            automaton,
            state: 0,
            given: vec![0; automaton.decls.len()],
            missing: Vec::new(),
        }
    }

    /// Followed a second time, knowing the state after the last child read (`last_state`, from
    /// a first pass): the children moved to the missing elements count as given.
    pub(super) fn knowing_the_end(automaton: &'t Automaton, last_state: u32) -> Greedy<'t> {
        let mut state = last_state;
        let missing = align::completion(automaton, last_state)
            .into_iter()
            .map(|position| Some((std::mem::replace(&mut state, position), position)))
            .collect();
        Greedy {
            missing,
            ..Greedy::new(automaton)
        }
    }

    pub(super) fn step(&mut self, name: &str) -> Fate {
        let automaton = self.automaton;
        if let Some(position) = automaton.step(self.state, name) {
            let again = position == self.state && self.repeats_freely(position);
            self.state = position;
            self.given[automaton.position(position).decl as usize] += 1;
            return match again {
                true => Fate::Again { position },
                false => Fate::Read,
            };
        }
        let moved = self.missing.iter_mut().find_map(|slot| {
            let (state, position) = (*slot)?;
            let taken = alternative(automaton, state, position, name)?;
            *slot = None;
            Some(taken)
        });
        if let Some(position) = moved {
            self.given[automaton.position(position).decl as usize] += 1;
            return Fate::Moved;
        }
        let mut decls = automaton
            .decls
            .iter()
            .enumerate()
            .filter(|(_, decl)| &*decl.name == name);
        match (decls.next(), decls.next()) {
            (None, _) => Fate::Unknown,
            // The report asks the name's declarations in this order, and the first one given
            // as often as it may occur answers, whatever the others (`message` of a
            // `migration` error is declared twice: 1.5 million after the first kept a tree
            // node each, 17 times the file).
            (Some((index, decl)), _) if decl.max.is_some_and(|max| self.given[index] >= max) => {
                Fate::TooMany
            }
            (Some((index, _)), None) if self.placed_by_name(index) => Fate::ByName,
            _ => Fate::Other,
        }
    }

    /// Whether a child read as `position` right after another may be visited from its record:
    /// the position is typed and named (the record's piece is checked as it), and its
    /// declaration has no bound (no count of it matters to the report).
    fn repeats_freely(&self, position: u32) -> bool {
        let at = self.automaton.position(position);
        matches!(at.rule, ChildRule::Typed(_))
            && at.name.is_some()
            && self.automaton.decls[at.decl as usize].max.is_none()
    }

    /// Whether the content pass reports every dropped child of declaration `index` alike,
    /// whichever child it is: it is the only declaration of its name and checked with one
    /// type wherever it moves. Its report then depends only on the alignment, which the
    /// children the alignment drops do not change: moved into the gap where it fits (its
    /// content checked there), one too many, a member of a choice another branch of which
    /// was taken (joining that choice's finding), or unexpected.
    fn placed_by_name(&self, index: usize) -> bool {
        let mut rules = (self.automaton.positions.iter())
            .filter(|p| p.decl as usize == index)
            .map(|p| match &p.rule {
                ChildRule::Typed(ty) => Some(ty),
                _ => None,
            });
        let Some(Some(first)) = rules.next() else {
            return false;
        };
        rules.all(|ty| ty.is_some_and(|ty| Arc::ptr_eq(ty, first)))
    }
}

/// Whether the content model of one of `automaton`'s positions knows `name`.
pub(super) fn field_of_a_position(automaton: &Automaton, name: &str) -> bool {
    automaton
        .positions
        .iter()
        .any(|p| p.children().is_some_and(|inner| inner.knows(name)))
}

/// The children of one parent whose finding is only counted, by code: the first
/// [`MAX_PER_PARENT`]` + 1` of each code stay in the skeleton (the cap shows the first ones and
/// starts its count at the next), and of the rest those left out are counted here.
#[derive(Default)]
struct Counted {
    /// Per code, the children seen so far and those left out.
    codes: Vec<(Code, usize, usize)>,
}

impl Counted {
    /// The children of each code that stay in the skeleton.
    const KEPT: usize = MAX_PER_PARENT + 1;

    /// Counts one more child whose finding has `code`: whether it may be left out.
    fn past_the_shown(&mut self, code: Code) -> bool {
        let seen = match self.codes.iter_mut().find(|(c, ..)| *c == code) {
            Some((_, seen, _)) => seen,
            None => {
                self.codes.push((code, 0, 0));
                &mut self.codes.last_mut().expect("just pushed").1
            }
        };
        *seen += 1;
        *seen > Self::KEPT
    }

    fn leave_out(&mut self, code: Code) {
        if let Some((.., left)) = self.codes.iter_mut().find(|(c, ..)| *c == code) {
            *left += 1;
        }
    }

    /// The children left out, by code.
    fn left_out(self) -> Vec<(Code, usize)> {
        self.codes
            .into_iter()
            .filter(|&(.., left)| left > 0)
            .map(|(code, _, left)| (code, left))
            .collect()
    }
}

/// What becomes of a child, decided in document order (a child may wait for the next ones).
pub(super) enum Verdict {
    /// It stays in the skeleton.
    Keep(Range<usize>),
    /// It is blanked out and counted.
    LeaveOut(Range<usize>),
    /// It is blanked out, and the report places it from its record ([`LeftOutChild`]).
    ByName(Range<usize>),
    /// It is blanked out, and the report visits it from its record as the child it reads as
    /// `position` ([`Fate::Again`]).
    Read(Range<usize>, u32),
}

/// A child left out of a skeleton whose report the content pass makes from its name alone
/// ([`Fate::ByName`]): where it stands in the element's text, and its name (an index into the
/// names of [`super::stream::Hooks`]). Eight bytes, a ninth of a tree node: a child that
/// does not fit (longer than 64 KiB, or of a name past the 65,536th) stays in the skeleton.
#[derive(Clone, Copy, Debug)]
pub(super) struct LeftOutChild {
    pub start: u32,
    pub len: u16,
    pub name: u16,
}

impl LeftOutChild {
    /// The record of a child at `range`, of name `name`, if it fits.
    fn new(range: Range<usize>, name: u16) -> Option<LeftOutChild> {
        let start = u32::try_from(range.start).ok()?;
        let len = u16::try_from(range.len()).ok()?;
        Some(LeftOutChild { start, len, name })
    }

    pub(super) fn range(&self) -> Range<usize> {
        self.start as usize..self.start as usize + self.len as usize
    }
}

/// The children of one skeleton left out to be placed by name, in document order, for the
/// walker of the skeleton (`passes/content/report/left_out.rs`); and those left out and
/// counted that the lints walk later ([`super::stream::Hooks::lint_later`]).
#[derive(Default)]
pub(super) struct ByNameChildren {
    pub children: Vec<LeftOutChild>,
    pub names: Names,
    pub lint_later: Vec<LeftOutChild>,
    /// Children read again ([`Fate::Again`]), left out: each record's `name` is the position
    /// it reads as.
    pub read: Vec<LeftOutChild>,
}

impl ByNameChildren {
    /// Room for `children` records placed by name and `lint_later` linted later, at most as
    /// many as the first pass counted: a vector grown by doubling may hold twice what it
    /// needs, and both its buffers while it grows (room reserved and not used is never
    /// touched, so it takes no memory).
    pub(super) fn with_room(children: usize, lint_later: usize, read: usize) -> ByNameChildren {
        ByNameChildren {
            children: Vec::with_capacity(children),
            names: Names::default(),
            lint_later: Vec::with_capacity(lint_later),
            read: Vec::with_capacity(read),
        }
    }

    /// Records a child at `range` read again as `position`; false when it does not fit the
    /// record, and it must stay.
    pub(super) fn record_read(&mut self, range: Range<usize>, position: u32) -> bool {
        let Some(child) = u16::try_from(position)
            .ok()
            .and_then(|position| LeftOutChild::new(range, position))
        else {
            return false;
        };
        self.read.push(child);
        true
    }

    /// Records a child at `range` left out and counted, for the lints to walk later; false
    /// when it does not fit the record, and it must be walked now.
    pub(super) fn lint_later(&mut self, range: Range<usize>) -> bool {
        let Some(child) = LeftOutChild::new(range, 0) else {
            return false;
        };
        self.lint_later.push(child);
        true
    }

    /// Records a child at `range` of the element's text, called `name`; false when it does
    /// not fit the record ([`LeftOutChild`]), and it must stay.
    pub(super) fn record(&mut self, range: Range<usize>, name: &str) -> bool {
        // A name past the numbers names nothing (`u16::MAX`): its children stay.
        let number = self.names.number(name);
        let Some(child) = LeftOutChild::new(range, number).filter(|_| number != u16::MAX) else {
            return false;
        };
        self.children.push(child);
        true
    }

    pub(super) fn name(&self, child: &LeftOutChild) -> &str {
        self.names.name(child.name)
    }
}

/// How far [`super::passes`]' search for an element written after the sibling it belongs in
/// looks back (`ESCAPED_RUN` in `passes/content/report.rs`): past this many unknown siblings
/// in a row, a child is not one of an escaped group.
const ESCAPED_LOOK_BACK: usize = 16;

/// Decides which children of one skeleton are left out ([`Verdict`]).
pub(super) struct LeaveOut<'t> {
    counted: Counted,
    /// Set when an unknown child is a field of a position's content: the explanations that
    /// look at the children around one are followed.
    fields: Option<Fields<'t>>,
    /// The unknown children in a row before the current one.
    unknown_streak: usize,
    /// The candidates for leaving out in a row before the current one.
    stretch: usize,
    /// The last candidates of the stretch, kept if it ends before more come.
    tail: VecDeque<(Range<usize>, Code)>,
    /// Per name placed by name ([`Fate::ByName`]), the children seen (for the first
    /// thousand names).
    by_name: HashMap<Box<str>, usize>,
    /// With fields, a child one too many past the first the cap shows, waiting for the next
    /// child to tell whether it may go.
    known_before: Option<Range<usize>>,
    /// The children read in the current run: read as one position, with only children
    /// dropped that never move between them (saturating).
    run: u8,
    /// The last child of the run so far past its first two, with the verdicts on the
    /// children dropped after it: it goes if the run goes on.
    last_read: Option<(Range<usize>, u32)>,
    after_last_read: Vec<Verdict>,
}

/// Children dropped after the last child of a run that wait with it, at most: past them it
/// stays, so that no child waits long.
const WAITING: usize = 64;

impl<'t> LeaveOut<'t> {
    /// For the children of an element whose model is `automaton`; `fields` when some unknown
    /// child is a field of one of its positions' content.
    pub(super) fn new(automaton: &'t Automaton, fields: bool) -> LeaveOut<'t> {
        LeaveOut {
            counted: Counted::default(),
            fields: fields.then(|| Fields::new(automaton)),
            unknown_streak: 0,
            stretch: 0,
            tail: VecDeque::new(),
            known_before: None,
            by_name: HashMap::new(),
            run: 0,
            last_read: None,
            after_last_read: Vec::new(),
        }
    }

    /// Decides on the next child, called `name`, whose fate in the greedy alignment is `fate`
    /// and whose finding, when it is dropped, has `code`. What is decided (this child, or
    /// the ones that waited before it) goes to `verdicts`, in document order.
    pub(super) fn child(
        &mut self,
        child: Range<usize>,
        name: &str,
        fate: &Fate,
        unknown_code: Code,
        verdicts: &mut Vec<Verdict>,
    ) {
        let unknown = matches!(fate, Fate::Unknown);
        let streak = self.unknown_streak;
        self.unknown_streak = if unknown { streak + 1 } else { 0 };
        let Some(fields) = &mut self.fields else {
            // A run of children read as one position: the first two stay, and the last, and
            // the others go. Every gap inside the run has the run's state, and a child that
            // moves takes the gap nearest to it (`relocate::find`): the one just after the
            // run's first child, or the one after the run, which the report places after
            // the run's last child (as it does an element missing at the end). Children
            // dropped that never move (an unknown name, one too many: `blocked`) leave the
            // run whole, and the gaps around them have its state too.
            self.run = match fate {
                Fate::Read => 1,
                Fate::Again { .. } => self.run.saturating_add(1),
                Fate::Unknown | Fate::TooMany => self.run,
                Fate::Moved | Fate::ByName | Fate::Other => 0,
            };
            if let (&Fate::Again { position }, 3..) = (fate, self.run) {
                // The run goes on: the last child of it so far goes.
                self.settle_run(verdicts, true);
                self.last_read = Some((child, position));
                return;
            }
            // No child is explained from the others: any dropped one may go, those placed by
            // name past the first the cap shows of their name (all of one code).
            let code = match fate {
                Fate::Unknown => Some(unknown_code),
                Fate::TooMany => Some(Code::TooMany),
                _ => None,
            };
            let verdict = match code {
                _ if matches!(fate, Fate::ByName) => self.by_name(child, name),
                Some(code) if self.counted.past_the_shown(code) => {
                    self.counted.leave_out(code);
                    Verdict::LeaveOut(child)
                }
                _ => Verdict::Keep(child),
            };
            // A child dropped after the run's last child waits with it, a few at most.
            if code.is_some() && self.last_read.is_some() && self.after_last_read.len() < WAITING {
                self.after_last_read.push(verdict);
            } else {
                self.settle_run(verdicts, false);
                verdicts.push(verdict);
            }
            return;
        };
        let (field, in_a_wrapper) = fields.step(name, unknown);
        // A known child one too many before this one stays if this one is unknown: an
        // escaped element's look back stops at it, and it parts two runs of a wrapper's
        // fields; any other may go, for the next known child stands between them as well.
        if let Some(before) = self.known_before.take() {
            verdicts.push(match unknown {
                true => Verdict::Keep(before),
                false => {
                    self.counted.leave_out(Code::TooMany);
                    Verdict::LeaveOut(before)
                }
            });
        }
        if matches!(fate, Fate::TooMany) {
            self.end_stretch(verdicts);
            match self.counted.past_the_shown(Code::TooMany) {
                true => self.known_before = Some(child),
                false => verdicts.push(Verdict::Keep(child)),
            }
            return;
        }
        // An unknown field with fewer unknown siblings just before it may be an escaped one
        // (`escaped_from`); one that starts or continues a run of fields some position's
        // content still takes in order may be a missing wrapper's (`report_wrappers`).
        let candidate = unknown && !in_a_wrapper && (!field || streak >= ESCAPED_LOOK_BACK);
        if !candidate {
            self.end_stretch(verdicts);
            verdicts.push(Verdict::Keep(child));
            return;
        }
        self.stretch += 1;
        // The first of a stretch stay, so that an escaped element's look back from the last
        // ones meets unknown siblings as in the whole packet.
        if !self.counted.past_the_shown(unknown_code) || self.stretch <= ESCAPED_LOOK_BACK {
            verdicts.extend(self.tail.drain(..).map(|(range, _)| Verdict::Keep(range)));
            verdicts.push(Verdict::Keep(child));
            return;
        }
        // And the last: the child after the stretch looks back at them.
        self.tail.push_back((child, unknown_code));
        if self.tail.len() > ESCAPED_LOOK_BACK
            && let Some((range, code)) = self.tail.pop_front()
        {
            self.counted.leave_out(code);
            verdicts.push(Verdict::LeaveOut(range));
        }
    }

    fn by_name(&mut self, child: Range<usize>, name: &str) -> Verdict {
        let seen = if let Some(seen) = self.by_name.get_mut(name) {
            *seen += 1;
            *seen
        } else if self.by_name.len() < 1_000 {
            self.by_name.insert(name.into(), 1);
            1
        } else {
            return Verdict::Keep(child);
        };
        if seen > Counted::KEPT {
            Verdict::ByName(child)
        } else {
            Verdict::Keep(child)
        }
    }

    /// Decides on the last child of the run so far (it goes when the run goes on), then on the
    /// children dropped after it.
    fn settle_run(&mut self, verdicts: &mut Vec<Verdict>, goes_on: bool) {
        if let Some((child, position)) = self.last_read.take() {
            verdicts.push(match goes_on {
                true => Verdict::Read(child, position),
                false => Verdict::Keep(child),
            });
        }
        verdicts.append(&mut self.after_last_read);
    }

    /// A child that is no candidate ends the stretch: the last of it stay.
    fn end_stretch(&mut self, verdicts: &mut Vec<Verdict>) {
        self.stretch = 0;
        verdicts.extend(self.tail.drain(..).map(|(range, _)| Verdict::Keep(range)));
    }

    /// After the last child: what waited stays; the children left out, by code.
    pub(super) fn finish(mut self, verdicts: &mut Vec<Verdict>) -> Vec<(Code, usize)> {
        self.settle_run(verdicts, false);
        verdicts.extend(self.known_before.take().map(Verdict::Keep));
        self.end_stretch(verdicts);
        self.counted.left_out()
    }
}

/// The positions of a model whose content is a model of its own, and for each the run of
/// consecutive unknown children it knows, as a missing wrapper's fields would be.
struct Fields<'t> {
    inners: Vec<&'t Automaton>,
    runs: Vec<Run>,
    /// Per name, which inner models know it (for the first thousand distinct names).
    known: HashMap<String, Vec<bool>>,
}

/// A run of consecutive unknown children one inner model knows.
#[derive(Clone, Copy)]
enum Run {
    /// The last child was not in one.
    Out,
    /// The model takes the run so far, in order; its state.
    Taken(u32),
    /// The model does not take it: no wrapper of it is reported.
    Refused,
}

impl<'t> Fields<'t> {
    fn new(automaton: &'t Automaton) -> Fields<'t> {
        let inners: Vec<&Automaton> = automaton
            .positions
            .iter()
            .filter_map(|p| p.children())
            .collect();
        Fields {
            runs: vec![Run::Out; inners.len()],
            inners,
            known: HashMap::new(),
        }
    }

    /// Follows the runs with the next child: whether an inner model knows it, and whether it
    /// starts or continues a run one takes so far (which the report may wrap).
    fn step(&mut self, name: &str, unknown: bool) -> (bool, bool) {
        if !unknown {
            self.runs.fill(Run::Out);
            return (false, false);
        }
        let computed;
        let knows = match self.known.get(name) {
            Some(knows) => knows,
            None => {
                let knows: Vec<bool> = self.inners.iter().map(|i| i.knows(name)).collect();
                if self.known.len() < 1_000 {
                    self.known.insert(name.to_string(), knows);
                    &self.known[name]
                } else {
                    computed = knows;
                    &computed
                }
            }
        };
        let mut in_a_wrapper = false;
        for ((run, inner), &knows) in self.runs.iter_mut().zip(&self.inners).zip(knows) {
            let state = match *run {
                _ if !knows => {
                    *run = Run::Out;
                    continue;
                }
                Run::Out => 0,
                Run::Taken(state) => state,
                Run::Refused => continue,
            };
            in_a_wrapper = true;
            *run = inner.step(state, name).map_or(Run::Refused, Run::Taken);
        }
        (knows.iter().any(|&k| k), in_a_wrapper)
    }
}
