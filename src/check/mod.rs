//! Checking one packet: parse, pick the grammar (request or response), walk the tree once
//! ([`walker`]) calling the rule passes on each element ([`passes`] for the schema's rules,
//! [`crate::lints`] for those beyond it), and collect every finding. Nothing here renders;
//! nothing here stops at the first error; nothing changes a finding once it is reported.

mod align;
mod cap;
mod left_out;
pub mod limits;
mod passes;
pub mod pieces;
mod relocate;
mod stream;
mod suggest;
pub(crate) mod visible;
mod walker;
mod wellformed;
pub(crate) mod xml;

pub use passes::legacy::replacement as legacy_replacement;
pub use suggest::{best_match, edit_distance};

use std::ops::Range;

use pieces::Skeleton;
use roxmltree::{Document, ParsingOptions};
use walker::{Setup, Walker};

use crate::diagnostic::{Applicability, Code, Diagnostic, Edit};
use crate::lints::LintRules;
use crate::rules::{Direction, RuleSet, RulesError};

/// The findings about one packet.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Findings, in source order.
    pub diagnostics: Vec<Diagnostic>,
    /// Broken rules entries met while checking (reported against the rules files).
    pub rules_errors: Vec<RulesError>,
    /// The grammar the packet was checked against, once it parsed.
    pub direction: Option<Direction>,
}

/// Checks a packet's text against one grammar ([`crate::engine::check`] picks it by version,
/// and says in `protocol` what the declared version means for the findings). `kind` forces
/// request or response; otherwise the packet is checked as what it looks like, unless only the
/// other grammar accepts it. Packets of at least `above` bytes are checked in pieces
/// ([`pieces`]) on `threads` workers, which bounds memory by the largest piece instead of the
/// whole tree. The findings depend on neither `above` nor `threads`; the tests check every
/// fixture with 0 and with 1 and 2 threads to show it.
pub(crate) fn check_text(
    rules: &RuleSet,
    protocol: &Protocol,
    text: &str,
    kind: Option<Direction>,
    threads: usize,
    above: usize,
) -> Outcome {
    let packet = Packet {
        rules,
        protocol,
        text,
        kind,
    };
    // With the default threshold, a smaller packet of very many elements is walked too.
    let dense = above == limits::pieces_above() && pieces::is_dense(text);
    if text.len() < above && !dense {
        return packet.check(None, 1).unwrap_or_default();
    }
    // Elements of at most a sixteenth of the threshold are parsed whole: 256 KiB by default,
    // every element when the tests check everything in pieces.
    let small = (above.min(text.len()) / 16).min(256 << 10);
    // Walked by envelope; else in pieces; else whole.
    stream::check(&packet, threads, small)
        .or_else(|| Skeleton::of(text).and_then(|skeleton| packet.check(Some(&skeleton), threads)))
        .unwrap_or_else(|| packet.check(None, 1).unwrap_or_default())
}

/// What the declared protocol means for a packet's findings, a service the passes ask while
/// checking (built by `versions.rs`, which knows the versions): the other versions' names,
/// a `version` that is not one, a pre-1.6 protocol.
#[derive(Default)]
pub(crate) struct Protocol<'a> {
    /// The other rule sets, asked about a name this one does not have; `None` for a pre-1.6
    /// packet.
    pub others: Option<OtherVersions<'a>>,
    /// The declared `version` is not a protocol version.
    pub invalid: Option<InvalidVersion>,
    /// The declared protocol is older than 1.6.0.0: every finding is a warning.
    pub legacy: Option<LegacyProtocol>,
}

/// A `version` that is not a protocol version.
pub(crate) struct InvalidVersion {
    /// As written.
    pub value: String,
    /// The attribute value's span.
    pub span: Range<usize>,
    /// What the packet was checked against instead, for the help.
    pub checked: String,
}

/// A pre-1.6 protocol.
pub(crate) struct LegacyProtocol {
    /// The declared version.
    pub value: String,
    /// The attribute value's span.
    pub span: Range<usize>,
    /// The grammar checked against: `2015 (for protocol 1.6.0.0)`.
    pub set: String,
}

/// What the rule sets of the other protocol versions know, a service the checker asks while
/// checking: a name unknown to the set checked against may exist in another version
/// (`<extension>` is in 1.6.9.1), and the finding then says so instead of calling it a typo.
pub(crate) struct OtherVersions<'a> {
    /// How messages name the protocol checked against: `protocol 1.6.3.0`.
    pub label: String,
    /// The other sets, by name, oldest first.
    pub sets: Vec<(&'static str, &'a RuleSet)>,
}

impl OtherVersions<'_> {
    /// The other versions whose `direction` has the operator `name`.
    pub fn having_operator(&self, direction: Direction, name: &str) -> Vec<&'static str> {
        self.sets
            .iter()
            .filter(|(_, rules)| rules.operators(direction).iter().any(|o| &**o == name))
            .map(|(set, _)| *set)
            .collect()
    }

    /// The other versions whose operator `operator` has the operation `name`.
    pub fn having_operation(
        &self,
        direction: Direction,
        operator: &str,
        name: &str,
    ) -> Vec<&'static str> {
        self.sets
            .iter()
            .filter(|(_, rules)| {
                rules
                    .operations(operator, direction)
                    .iter()
                    .any(|o| &**o == name)
            })
            .map(|(set, _)| *set)
            .collect()
    }
}

/// The parser's options: no DTD (README.md, section Robustness).
pub(crate) fn parsing_options<'input>() -> ParsingOptions<'input> {
    ParsingOptions {
        allow_dtd: false,
        ..ParsingOptions::default()
    }
}

/// One packet to check against one grammar.
struct Packet<'p> {
    rules: &'p RuleSet,
    protocol: &'p Protocol<'p>,
    text: &'p str,
    kind: Option<Direction>,
}

impl<'p> Packet<'p> {
    /// What a reading in `direction` runs: every pass when it is `full`, the schema's alone
    /// when it is on a budget.
    fn setup(&self, direction: Direction, full: bool) -> Setup<'p> {
        Setup {
            rules: self.rules,
            direction,
            protocol: self.protocol,
            full,
            lints: full.then(LintRules::builtin),
            conditions: full && direction == Direction::Response,
        }
    }

    /// Checks the text, parsed from its skeleton (a full reading's pieces on `threads`
    /// workers), or whole without one. `None` when a piece or the skeleton does not parse,
    /// which only a check of the whole text reports correctly; without a skeleton, always
    /// `Some`.
    fn check(&self, skeleton: Option<&Skeleton>, threads: usize) -> Option<Outcome> {
        let text = self.text;
        let (parsed, pieces) = match skeleton {
            Some(skeleton) => (&skeleton.text[..], &skeleton.pieces[..]),
            None => (text, &[][..]),
        };
        let document = match Document::parse_with_options(parsed, parsing_options()) {
            Ok(document) => document,
            Err(_) if skeleton.is_some() => return None,
            Err(error) => return Some(malformed(text, &error)),
        };
        // A skeleton hides its pieces from the parse, which would have failed on any of them
        // first (found by the `pieces` fuzz target): the findings below stand only if every
        // piece parses, each alone (so a large file is never parsed whole for them).
        let pieces_parse = || pieces::all_parse(text, pieces.iter());
        if let Some((span, message)) = wellformed::first_error(text) {
            if !pieces_parse() {
                return None;
            }
            let diagnostic = Diagnostic::new(Code::MalformedXml, message, span)
                .with_label("the server's parser stops here");
            return Some(Outcome {
                diagnostics: vec![escaped(diagnostic)],
                ..Outcome::default()
            });
        }
        let root = document.root_element();
        if root.tag_name().name() != "packet" || root.tag_name().namespace().is_some() {
            if !pieces_parse() {
                return None;
            }
            return Some(not_a_packet(text, root));
        }
        // A reading is full (`None`) or on a budget of findings (`Some`, see
        // `check_as_shown`).
        let walk = |direction, budget: Option<usize>| {
            let setup = self.setup(direction, budget.is_none());
            let mut walker = Walker::new(setup, text).with_pieces(pieces);
            if let Some(budget) = budget {
                walker = walker.with_budget(budget);
            } else if threads > 1 && pieces.len() > 1 {
                // A full reading's pieces are independent: check them together at the end.
                walker.deferred = Some(Vec::new());
            }
            walker.walk_root(root);
            walker.check_deferred_pieces(threads);
            // A full reading proves the packet well-formed, pieces it did not enter
            // included; a budgeted (second) reading only ever follows a full one.
            if budget.is_none() {
                walker.parse_pieces_not_entered();
            }
            if walker.piece_failed {
                return None;
            }
            let gave_up = walker.gave_up();
            Some((walker.finish(), gave_up))
        };
        let Some(direction) = self.kind else {
            let guess = if skeleton.is_some_and(|s| s.has_result) {
                Direction::Response
            } else {
                guess_direction(root)
            };
            return check_as_shown(guess, walk);
        };
        walk(direction, None).map(|(outcome, _)| outcome)
    }
}

/// `diagnostic` with every invisible character of its texts written out, as the walker
/// writes its findings ([`visible`]).
fn escaped(mut diagnostic: Diagnostic) -> Diagnostic {
    visible::escape_diagnostic(&mut diagnostic);
    diagnostic
}

fn not_a_packet(text: &str, root: roxmltree::Node) -> Outcome {
    let span = xml::name_span(text, root);
    let message = match root.tag_name().namespace() {
        Some(namespace) if root.tag_name().name() == "packet" => format!(
            "`<packet>` is in the namespace `{namespace}`; Plesk API packets use no namespace"
        ),
        _ => format!(
            "the root element is `<{}>`; a Plesk API packet is wrapped in `<packet>`",
            root.tag_name().name()
        ),
    };
    let diagnostic =
        Diagnostic::new(Code::NotAPacket, message, span).with_label("expected `<packet>`");
    Outcome {
        diagnostics: vec![escaped(diagnostic)],
        ..Outcome::default()
    }
}

/// Checks a packet whose direction was not given, as the direction it shows.
///
/// A `<result>` below an operator, or a `<system>` operator, makes a response; anything else
/// is a request, however many findings the request reading has: a request with three mistakes
/// under one wrapper is still a request, and a response reading that happens to explain it in
/// fewer findings would report a misleading one ("`<result>` is expected here") instead of its
/// real mistakes. A packet without them that the response grammar accepts (operations all
/// empty, `<dns><get_rec/></dns>`: a response without results; or a response whose operation
/// holds no `<result>`, such as server's `<lic_get_info>`) is still reported as a request (an
/// empty operation is far more often an unfinished request), and its first finding says it is
/// a valid response, for `--kind response` or a `kind` setting to settle it.
fn check_as_shown(
    guess: Direction,
    check: impl Fn(Direction, Option<usize>) -> Option<(Outcome, bool)>,
) -> Option<Outcome> {
    let (mut first, _) = check(guess, None)?;
    // What the declared protocol says holds in either direction, and is not a reading's.
    let Some(index) = first
        .diagnostics
        .iter()
        .position(|d| !about_the_protocol(d))
    else {
        return Some(first);
    };
    if guess == Direction::Response {
        return Some(first);
    }
    // The response reading only has to tell whether it is clean: a budget of one finding.
    let (second, gave_up) = check(Direction::Response, Some(1))?;
    if !gave_up && second.diagnostics.is_empty() && second.rules_errors.is_empty() {
        let note = AMBIGUOUS_HELP;
        let diagnostic = &mut first.diagnostics[index];
        diagnostic.help = Some(match diagnostic.help.take() {
            Some(help) => format!("{help}; {note}"),
            None => note.to_string(),
        });
    }
    Some(first)
}

/// Whether a finding is about the declared protocol (reported by a full reading alone,
/// whatever the direction).
fn about_the_protocol(diagnostic: &Diagnostic) -> bool {
    matches!(diagnostic.code, Code::InvalidVersion | Code::LegacyProtocol)
}

/// The help added to a packet read as a request that is also a valid response.
pub const AMBIGUOUS_HELP: &str = "read as a request; as a response (operations without \
    results) the packet is valid: if it is one, check it with `--kind response`, or set \
    `kind = \"response\"` in a plesk-lint.toml of its directory";

/// A response carries `<system>`, or a `<result>` anywhere below an operator: no request
/// model has a `<result>` element, while responses nest it (`<update><add><result>` in mail,
/// `<upload><result>`), and a mistake may push it off the first place.
fn guess_direction(root: roxmltree::Node) -> Direction {
    let looks_like_response = root.children().filter(|n| n.is_element()).any(|operator| {
        operator.tag_name().name() == "system"
            || operator
                .descendants()
                .skip(1)
                .any(|node| node.is_element() && node.tag_name().name() == "result")
    });
    if looks_like_response {
        Direction::Response
    } else {
        Direction::Request
    }
}

fn malformed(text: &str, error: &roxmltree::Error) -> Outcome {
    let position = error.pos();
    // roxmltree reports some errors at 1:1; point where the mistake is instead.
    let offset = match error {
        roxmltree::Error::UnexpectedEndOfStream | roxmltree::Error::UnclosedRootNode => text.len(),
        roxmltree::Error::DtdDetected => text.find("<!DOCTYPE").unwrap_or(0),
        _ => xml::error_offset(text, position.row, position.col),
    };
    let end = text[offset..]
        .chars()
        .next()
        .map_or(offset, |c| offset + c.len_utf8());
    // The position is in the span; the message need not repeat it.
    let message = error.to_string();
    let suffix = format!(" at {}:{}", position.row, position.col);
    let message = message.strip_suffix(&suffix).unwrap_or(&message);
    let mut diagnostic = Diagnostic::new(
        Code::MalformedXml,
        format!("not well-formed XML: {message}"),
        offset..end,
    )
    .with_label("the parser stopped here");
    if matches!(error, roxmltree::Error::DtdDetected) {
        // DTDs stay off (`allow_dtd: false`): no entity is ever expanded, so no billion
        // laughs, and no external entity is ever loaded. Say so instead of "malformed".
        diagnostic.message = "a DTD (`<!DOCTYPE …>`) in a packet: plesk-lint reads no DTD, so \
            it expands no entity and loads no external file"
            .into();
        diagnostic = diagnostic.with_label("DTD").with_help(
            "remove the DOCTYPE: Plesk API packets need no DTD; write entities such as \
             `&name;` out as text",
        );
    }
    if text.trim_matches(xml::is_xml_space).is_empty() {
        diagnostic.message = match text.is_empty() {
            true => "the file is empty: a packet is at least `<packet>…</packet>`".into(),
            false => {
                "the file holds only white space: a packet is at least `<packet>…</packet>`".into()
            }
        };
    }
    if let Some(fix) = lost_angle_bracket(text) {
        diagnostic = diagnostic
            .with_help("the XML declaration lost its `<`: the file must start with `<?xml`")
            .with_fix(
                "Restore the `<` of the XML declaration",
                Applicability::Safe,
                vec![fix],
            );
    }
    Outcome {
        diagnostics: vec![escaped(diagnostic)],
        ..Outcome::default()
    }
}

/// The documentation's reseller-plan response sample starts with `?xml version=…`: a
/// declaration whose `<` was lost in publishing.
fn lost_angle_bracket(text: &str) -> Option<Edit> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let start = text.len() - body.len();
    let leading = body.len() - body.trim_start().len();
    body.trim_start().starts_with("?xml").then(|| Edit {
        span: start + leading..start + leading,
        replacement: "<".into(),
    })
}

/// A zero-width span at `offset`.
fn point(offset: usize) -> Range<usize> {
    offset..offset
}
