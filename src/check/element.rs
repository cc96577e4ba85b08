//! Walking the tree: each element against its type (attributes, then content), and each
//! child against the position the content model matched it to.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use roxmltree::{Node, NodeType};

use super::{align, suggest, xml};
use crate::diagnostic::{Applicability, Code, Diagnostic, Edit};
use crate::rules::automaton::{Automaton, ChildRule, Position};
use crate::rules::compile::{AllMember, ContentRule, ElementType};
use crate::rules::value::ValueType;
use crate::rules::{Direction, RuleSet, RulesError};

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

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

/// The state of one check of one packet in one direction.
pub struct Checker<'a> {
    pub(super) rules: &'a RuleSet,
    /// The other protocol versions, asked about a name this set does not have.
    pub(super) others: Option<&'a super::OtherVersions<'a>>,
    pub(super) direction: Direction,
    pub(super) text: &'a str,
    pub(super) diagnostics: Vec<Diagnostic>,
    pub(super) rules_errors: Vec<RulesError>,
    /// Runs of U+00A0 in element-only content, reported together as one mistake.
    pub(super) nbsp: Vec<Range<usize>>,
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
    /// ([`Checker::check_deferred_pieces`]); `None` to check each when it is met.
    pub(super) deferred: Option<Vec<(Range<usize>, Arc<ElementType>)>>,
    /// Findings counted per parent, innermost last ([`super::cap`]).
    pub(super) caps: Vec<super::cap::Cap>,
    /// What a walk of a large packet asks of this checker ([`super::stream`]).
    pub(super) stream: super::stream::Hooks,
}

#[derive(Default)]
pub(super) struct Memo {
    suggestions: HashMap<(usize, String), Option<String>>,
    /// The suggestion among the names expected in one state: a million unknown siblings
    /// under `<packet>` would otherwise compare each against ninety operator names.
    nearby: HashMap<(usize, u32, String), Option<String>>,
    owners: HashMap<String, Vec<Arc<str>>>,
    expected: HashMap<(usize, u32), String>,
}

impl<'a> Checker<'a> {
    /// A checker for one direction.
    pub fn new(rules: &'a RuleSet, direction: Direction, text: &'a str) -> Checker<'a> {
        Checker {
            rules,
            others: None,
            direction,
            text,
            diagnostics: Vec::new(),
            rules_errors: Vec::new(),
            nbsp: Vec::new(),
            memo: Memo::default(),
            budget: usize::MAX,
            out_of_budget: false,
            pieces: &[],
            piece_failed: false,
            pieces_entered: Vec::new(),
            deferred: None,
            caps: Vec::new(),
            stream: super::stream::Hooks::default(),
        }
    }

    /// A checker that gives up once it has `budget` findings ([`Checker::gave_up`]).
    pub fn with_budget(mut self, budget: usize) -> Checker<'a> {
        self.budget = budget;
        self
    }

    /// A checker for a packet parsed from its [`super::pieces::Skeleton`].
    pub fn with_pieces(mut self, pieces: &'a [Range<usize>]) -> Checker<'a> {
        self.pieces = pieces;
        self.pieces_entered = vec![false; pieces.len()];
        self
    }

    /// Whether the budget ran out (or a piece failed), so that the findings are incomplete.
    pub fn gave_up(&self) -> bool {
        self.out_of_budget || self.piece_failed || self.diagnostics.len() >= self.budget
    }

    /// Checks `<packet>` and everything in it.
    pub fn check_root(&mut self, root: Node) {
        match self.rules.packet_type(self.direction) {
            Ok(ty) => self.check_element(root, &ty, Level::Packet),
            Err(error) => self.rules_errors.push(error),
        }
    }

    /// The outcome, findings in source order.
    pub fn finish(mut self) -> super::Outcome {
        self.report_nbsp();
        self.diagnostics
            .sort_by_key(|d| (d.primary.span.start, d.primary.span.end));
        super::Outcome {
            diagnostics: self.diagnostics,
            rules_errors: self.rules_errors,
            direction: Some(self.direction),
        }
    }

    pub(super) fn check_element(&mut self, node: Node, ty: &Arc<ElementType>, level: Level) {
        // Findings only grow (a merged choice conflict replaces the one it joins), so once
        // the budget is spent the outcome can only be "at least that many".
        if self.gave_up() {
            return;
        }
        if let Some(piece) = self.piece_at(node) {
            self.check_piece(piece, ty, level);
            return;
        }
        self.check_attributes(node, ty);
        if ty.nillable
            && node
                .attribute((XSI, "nil"))
                .is_some_and(|v| matches!(v.trim_matches(xml::is_xml_space), "true" | "1"))
        {
            self.check_empty(node, " because it is nil (`xsi:nil=\"true\"`)");
            return;
        }
        match &ty.content {
            ContentRule::Any => {}
            ContentRule::Empty => self.check_empty(node, ""),
            ContentRule::Text(value) => self.check_value(node, value, ty.default.as_deref()),
            ContentRule::Children(automaton) => {
                if self.text_instead_of_elements(node, automaton) {
                    return;
                }
                self.check_text_children(node);
                self.check_children(node, automaton, level);
            }
            ContentRule::All(members) => {
                self.check_text_children(node);
                self.check_all(node, members);
            }
        }
    }

    fn check_children(&mut self, node: Node, automaton: &Automaton, level: Level) {
        let children: Vec<Node> = node.children().filter(Node::is_element).collect();
        let names: Vec<&str> = children.iter().map(|c| xml::grammar_name(*c)).collect();
        if let Some(positions) = align::run(automaton, &names) {
            for (child, p) in children.iter().zip(positions) {
                self.check_child(*child, automaton.position(p), node);
            }
            return;
        }
        // Children that do not match are at least one finding: with one left in the budget,
        // the alignment and its messages (suggestions above all) would be spent in vain.
        if self.budget.saturating_sub(self.diagnostics.len()) <= 1 {
            self.out_of_budget = true;
            return;
        }
        let known = |name: &str| automaton.knows(name) || automaton.has_wildcard();
        let steps = match self.stream.greedy_at {
            Some(start) if start == node.range().start => align::greedy(automaton, &names),
            _ => align::align(automaton, &names, &known, &suggest::is_similar),
        };
        self.report_steps(node, &children, automaton, &steps, level);
    }

    /// Checks a child against the position it was matched to.
    pub(super) fn check_child(&mut self, child: Node, position: &Position, parent: Node) {
        let name = child.tag_name().name();
        let resolved = match &position.rule {
            ChildRule::Typed(ty) => {
                self.check_element(child, ty, Level::Inner);
                return;
            }
            ChildRule::Wildcard => return,
            ChildRule::Operator => self
                .rules
                .operator_type(name, self.direction)
                .map(|r| (r, Level::Operator(name))),
            ChildRule::Operation => self
                .rules
                .operation_type(parent.tag_name().name(), name, self.direction)
                .map(|r| (r, Level::Inner)),
        };
        match resolved {
            Some((Ok(ty), level)) => self.check_element(child, &ty, level),
            Some((Err(error), _)) => self.rules_errors.push(error),
            None => {}
        }
    }

    fn check_all(&mut self, node: Node, members: &[AllMember]) {
        let mut seen: Vec<(&str, Node)> = Vec::new();
        let mut last_end = None;
        // A misspelt member is one rename, not an unknown element plus a missing one: an
        // unknown name is matched with the closest member not given, which is then not
        // reported missing.
        let present: Vec<&str> = node
            .children()
            .filter(Node::is_element)
            .map(xml::grammar_name)
            .collect();
        let mut renamed: Vec<&str> = Vec::new();
        for child in node.children().filter(Node::is_element) {
            let name = xml::grammar_name(child);
            last_end = Some(child.range().end);
            let Some(member) = members.iter().find(|m| &*m.name == name) else {
                let absent = members
                    .iter()
                    .map(|m| &*m.name)
                    .filter(|m| !present.contains(m) && !renamed.contains(m));
                let suggestion = suggest::best_match(name, absent);
                if let Some(right) = suggestion {
                    renamed.push(right);
                }
                self.unknown_element(child, node, suggestion, Level::Inner);
                continue;
            };
            if let Some((_, first)) = seen.iter().find(|(n, _)| *n == name) {
                let first_span = xml::name_span(self.text, *first);
                self.push(
                    Diagnostic::new(
                        Code::TooMany,
                        format!(
                            "`<{name}>` may occur only once in `<{}>`",
                            node.tag_name().name()
                        ),
                        xml::name_span(self.text, child),
                    )
                    .with_label("second occurrence")
                    .with_secondary(first_span, "first occurrence")
                    .with_help(format!("remove one of the `<{name}>` elements"))
                    .with_fix(
                        format!("Remove this `<{name}>` (unsafe: the one to keep is a choice)"),
                        Applicability::Unsafe,
                        vec![crate::fix::moves::remove_element(self.text, child.range())],
                    ),
                );
                continue;
            }
            seen.push((name, child));
            self.check_element(child, &member.ty.clone(), Level::Inner);
        }
        for member in members.iter().filter(|m| {
            m.required && !seen.iter().any(|(n, _)| *n == &*m.name) && !renamed.contains(&&*m.name)
        }) {
            let span = last_end.map_or_else(|| xml::name_span(self.text, node), super::point);
            self.push(
                Diagnostic::new(
                    Code::MissingElement,
                    format!(
                        "missing required element `<{}>` in `<{}>`",
                        member.name,
                        node.tag_name().name()
                    ),
                    span,
                )
                .with_label(format!("`<{}>` is expected in here", member.name)),
            );
        }
    }

    pub(super) fn check_attributes(&mut self, node: Node, ty: &ElementType) {
        for attribute in node.attributes() {
            if attribute.namespace() == Some(XSI) {
                self.check_xsi_attribute(node, ty, attribute);
                continue;
            }
            // As written, prefix included (`xml:lang`, `q:x`): the local name alone would
            // name an attribute that is not there.
            let name = match attribute.namespace() {
                Some(_) => &self.text[attribute.range_qname()],
                None => attribute.name(),
            };
            match ty
                .attributes
                .iter()
                .find(|a| &*a.name == name && attribute.namespace().is_none())
            {
                Some(rule) => {
                    if let Err(error) = rule.value.check(attribute.value()) {
                        self.push(
                            Diagnostic::new(
                                Code::InvalidValue,
                                format!("attribute `{name}`: {}", error.message),
                                attribute.range_value(),
                            )
                            .with_label("invalid value"),
                        );
                    }
                }
                None => {
                    let suggestion =
                        suggest::best_match(name, ty.attributes.iter().map(|a| &*a.name));
                    let mut diagnostic = Diagnostic::new(
                        Code::UnknownAttribute,
                        format!("`<{}>` has no attribute `{name}`", node.tag_name().name()),
                        attribute.range_qname(),
                    )
                    .with_label("unknown attribute");
                    diagnostic = match suggestion {
                        Some(right) => diagnostic.with_help(format!("did you mean `{right}`?")),
                        None if ty.attributes.is_empty() => {
                            diagnostic.with_help("this element takes no attributes; remove it")
                        }
                        None => diagnostic.with_help(format!(
                            "declared attributes: {}",
                            ty.attributes
                                .iter()
                                .map(|a| format!("`{}`", a.name))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )),
                    };
                    self.push(diagnostic);
                }
            }
        }
        for rule in ty.attributes.iter().filter(|a| a.required) {
            if node.attribute(&*rule.name).is_none() {
                self.push(
                    Diagnostic::new(
                        Code::MissingAttribute,
                        format!(
                            "`<{}>` needs the attribute `{}` ({})",
                            node.tag_name().name(),
                            rule.name,
                            rule.value.describe()
                        ),
                        xml::name_span(self.text, node),
                    )
                    .with_label(format!("`{}` missing", rule.name)),
                );
            }
        }
    }

    /// An `xsi:` attribute: the schema permits `xsi:schemaLocation` and
    /// `xsi:noNamespaceSchemaLocation` anywhere, and `xsi:nil` (a boolean) only on an element
    /// it marks nillable; any other is unknown (plesk-lint does not follow `xsi:type`:
    /// docs/libxml2-differences.md).
    fn check_xsi_attribute(
        &mut self,
        node: Node,
        ty: &ElementType,
        attribute: roxmltree::Attribute,
    ) {
        let qname = &self.text[attribute.range_qname()];
        let element = node.tag_name().name();
        let diagnostic = match attribute.name() {
            "schemaLocation" | "noNamespaceSchemaLocation" => return,
            "nil" if !ty.nillable => Diagnostic::new(
                Code::UnknownAttribute,
                format!(
                    "`<{element}>` is not nillable: the schema allows `{qname}` only on \
                     elements it marks nillable"
                ),
                attribute.range_qname(),
            )
            .with_label("not allowed here")
            .with_help(format!(
                "remove `{qname}`; to leave the value out, leave out the element if it is optional"
            )),
            "nil" => {
                let value = attribute.value().trim_matches(xml::is_xml_space);
                if matches!(value, "true" | "false" | "1" | "0") {
                    return;
                }
                Diagnostic::new(
                    Code::InvalidValue,
                    format!("attribute `{qname}`: `{value}` is not a boolean"),
                    attribute.range_value(),
                )
                .with_label("invalid value")
                .with_help("expected true, false, 1 or 0")
            }
            other => Diagnostic::new(
                Code::UnknownAttribute,
                format!("`<{element}>` has no attribute `{qname}`"),
                attribute.range_qname(),
            )
            .with_label("unknown attribute")
            .with_help(match other {
                "type" => "remove it: Plesk API packets use the types the schema declares \
                    (plesk-lint does not follow `xsi:type`)"
                    .to_string(),
                _ => "the schema allows `xsi:nil` (on nillable elements), `xsi:schemaLocation` \
                    and `xsi:noNamespaceSchemaLocation`"
                    .to_string(),
            }),
        };
        self.push(diagnostic);
    }

    fn check_empty(&mut self, node: Node, why: &str) {
        // XSD's empty content allows no text at all, not even white space: `<limits>
        // </limits>` is rejected like `<limits>x</limits>`.
        // An element inside is the mistake to point at; white space around it is only its
        // indentation.
        let offending = node
            .children()
            .find(|child| child.is_element())
            .or_else(|| {
                node.children()
                    .find(|child| child.is_text() && !child.text().unwrap_or("").is_empty())
            });
        if let Some(child) = offending {
            let span = if child.is_element() {
                xml::name_span(self.text, child)
            } else {
                let trimmed = xml::trimmed(self.text, child.range());
                if trimmed.is_empty() {
                    xml::name_span(self.text, node)
                } else {
                    trimmed
                }
            };
            let name = node.tag_name().name();
            let what = if child.is_element() {
                format!("the element `<{}>`", child.tag_name().name())
            } else if child.text().unwrap_or("").chars().all(xml::is_xml_space) {
                "white space".to_string()
            } else {
                "text".to_string()
            };
            self.push(
                Diagnostic::new(
                    Code::MustBeEmpty,
                    format!("`<{name}>` must be empty{why}, but holds {what}"),
                    span,
                )
                .with_label("content not allowed")
                .with_secondary(
                    xml::name_span(self.text, node),
                    format!("`<{name}>` starts here"),
                )
                .with_help(format!("write `<{name}/>`")),
            );
        }
    }

    fn check_value(&mut self, node: Node, value: &ValueType, default: Option<&str>) {
        let name = node.tag_name().name();
        let mut elements = node.children().filter(Node::is_element);
        if let Some(first) = elements.next() {
            // Elements inside a value are one mistake however many there are.
            let mut diagnostic = Diagnostic::new(
                Code::UnexpectedElement,
                format!(
                    "`<{name}>` holds a value ({}), not elements; `<{}>` is not allowed in it",
                    value.describe(),
                    first.tag_name().name()
                ),
                xml::name_span(self.text, first),
            )
            .with_label("element inside a value")
            .with_help(format!(
                "write the value as text: `<{name}>{}</{name}>`",
                value.sample()
            ));
            for other in elements {
                diagnostic =
                    diagnostic.with_secondary(xml::name_span(self.text, other), "also not allowed");
            }
            self.push(diagnostic);
            return;
        }
        let (text, span) = xml::text_value(node);
        // XSD validates an empty element with a default as if it held the default.
        let checked = match default {
            Some(default) if text.is_empty() => default,
            _ => text.as_str(),
        };
        match value.check(checked) {
            Ok(()) => self.check_space_around(node, value, &text, span),
            Err(error) => {
                let blank = text.chars().all(xml::is_xml_space);
                let (code, span) = match span {
                    Some(span) if !blank => (Code::InvalidValue, xml::trimmed(self.text, span)),
                    _ => (Code::EmptyValue, xml::name_span(self.text, node)),
                };
                let label = if code == Code::EmptyValue {
                    "empty"
                } else {
                    "invalid value"
                };
                self.push(
                    Diagnostic::new(code, format!("`<{name}>`: {}", error.message), span)
                        .with_label(label)
                        .with_help(format!(
                            "expected {}, for example `<{name}>{}</{name}>`",
                            value.describe(),
                            value.sample()
                        )),
                );
            }
        }
    }

    /// White space around a valid value of a type libxml2 does not trim (`long`, `date`, …):
    /// XML Schema collapses it, the server's validator rejects it.
    fn check_space_around(
        &mut self,
        node: Node,
        value: &ValueType,
        text: &str,
        span: Option<Range<usize>>,
    ) {
        let (Some(builtin), Some(span)) = (value.strict_in_libxml2(), span) else {
            return;
        };
        let trimmed = text.trim_matches(xml::is_xml_space);
        if trimmed.len() == text.len() || trimmed.is_empty() {
            return;
        }
        let name = node.tag_name().name();
        let mut diagnostic = Diagnostic::new(
            Code::InvalidValue,
            format!(
                "`<{name}>`: white space around the {builtin} `{trimmed}`: XML Schema allows \
                 it, but the server's validator (libxml2) rejects white space around a \
                 {builtin}"
            ),
            xml::trimmed(self.text, span.clone()),
        )
        .with_label("white space around the value")
        .with_help(format!("write `<{name}>{trimmed}</{name}>`"));
        // The text as written (no reference, no CDATA) can be trimmed in place.
        if self.text[span.clone()] == *text {
            diagnostic = diagnostic.with_fix(
                "Remove the white space around the value",
                Applicability::Safe,
                vec![Edit {
                    span,
                    replacement: trimmed.to_string(),
                }],
            );
        }
        self.push(diagnostic);
    }

    /// An element that needs child elements but holds only text (`<plan-item>Extra</plan-item>`):
    /// one finding, not a missing-element plus a text-not-allowed.
    fn text_instead_of_elements(&mut self, node: Node, automaton: &Automaton) -> bool {
        if node.children().any(|c| c.is_element()) || automaton.accepting[0] {
            return false;
        }
        let (text, span) = xml::text_value(node);
        let Some(span) =
            span.filter(|_| !text.chars().all(|c| xml::is_xml_space(c) || c == '\u{a0}'))
        else {
            return false;
        };
        let name = node.tag_name().name();
        let expected = self.expected(automaton, 0);
        self.push(
            Diagnostic::new(
                Code::TextNotAllowed,
                format!("`<{name}>` holds elements, not text: expected {expected}"),
                xml::trimmed(self.text, span),
            )
            .with_label("text instead of elements")
            .with_help(format!(
                "replace the text with the elements of `<{name}>` (see `plesk-lint explain`)"
            )),
        );
        true
    }

    /// Text in element-only content: a finding, unless it is only white space as libxml2
    /// (the server's validator) sees it: white space written as character references
    /// (`&#13;`, as Windows serializers write line ends) is white space, but a CDATA section
    /// is text to libxml2 even when empty or white (XML Schema would allow it). U+00A0 runs
    /// that indent a line are collected for one file-wide finding; one after other text on its
    /// line is reported where it is.
    fn check_text_children(&mut self, node: Node) {
        for child in node.children().filter(|c| c.node_type() == NodeType::Text) {
            let range = xml::text_span(self.text, child);
            let decoded = child.text().unwrap_or("");
            let only_space = decoded.chars().all(xml::is_xml_space);
            let nbsp_space = decoded
                .chars()
                .all(|c| xml::is_xml_space(c) || c == '\u{a0}');
            if (only_space || nbsp_space)
                && let Some(section) = xml::cdata_sections(self.text, range.clone()).first()
            {
                self.cdata_in_elements(node, section.clone(), only_space);
                continue;
            }
            if only_space {
                continue;
            }
            let raw = &self.text[range.clone()];
            let literal_nbsp = raw.chars().filter(|c| *c == '\u{a0}').count();
            // Only U+00A0 written as such (not `&#xA0;`) is a copying accident.
            if nbsp_space && literal_nbsp == decoded.chars().filter(|c| *c == '\u{a0}').count() {
                self.collect_nbsp(node, range);
                continue;
            }
            let span = xml::trimmed(self.text, range);
            let raw = &self.text[span.clone()];
            let mut shown: String = raw.chars().take(30).collect();
            if shown.len() < raw.len() {
                shown.push('…');
            }
            let name = node.tag_name().name();
            let help = if decoded.contains("...") || decoded.contains('…') {
                "remove the text (a `...` placeholder copied from the documentation?)".to_string()
            } else {
                format!("remove the text: only elements may stand in `<{name}>`")
            };
            self.push(
                Diagnostic::new(
                    Code::TextNotAllowed,
                    format!(
                        "text `{shown}` is not allowed in `<{name}>`, which holds only elements"
                    ),
                    span,
                )
                .with_label("text here")
                .with_help(help),
            );
        }
    }

    /// A CDATA section holding only white space (or nothing) in element-only content.
    fn cdata_in_elements(&mut self, node: Node, section: Range<usize>, white: bool) {
        let name = node.tag_name().name();
        let what = if section.len() == "<![CDATA[]]>".len() {
            "an empty CDATA section"
        } else if white {
            "a CDATA section of white space"
        } else {
            "a CDATA section of white space and U+00A0"
        };
        self.push(
            Diagnostic::new(
                Code::TextNotAllowed,
                format!(
                    "{what} in `<{name}>`, which holds only elements: XML Schema allows white \
                     space here, but the server's validator (libxml2) counts any CDATA section \
                     as text and rejects the packet"
                ),
                section.clone(),
            )
            .with_label("CDATA section")
            .with_help("remove the CDATA section")
            .with_fix(
                "Remove the CDATA section",
                Applicability::Safe,
                vec![Edit {
                    span: section,
                    replacement: String::new(),
                }],
            ),
        );
    }

    /// Collects the U+00A0 of a white text node: those before the first other character of
    /// their line are indentation, for the file-wide finding; one after an element or text on
    /// its line is text where it is.
    fn collect_nbsp(&mut self, node: Node, range: Range<usize>) {
        let mut stray = Vec::new();
        for (i, c) in self.text[range.clone()].char_indices() {
            if c != '\u{a0}' {
                continue;
            }
            let at = range.start + i;
            let line_start = self.text[..at].rfind('\n').map_or(0, |n| n + 1);
            let indents = self.text[line_start..at]
                .chars()
                .all(|c| matches!(c, ' ' | '\t' | '\u{a0}'));
            let span = at..at + c.len_utf8();
            if indents {
                self.nbsp.push(span);
            } else {
                stray.push(span);
            }
        }
        let Some(first) = stray.first().cloned() else {
            return;
        };
        let name = node.tag_name().name();
        let count = stray.len();
        let edits = stray
            .into_iter()
            .map(|span| Edit {
                span,
                replacement: " ".into(),
            })
            .collect();
        let what = if count == 1 {
            "a U+00A0 NO-BREAK SPACE".to_string()
        } else {
            format!("{count} U+00A0 NO-BREAK SPACEs")
        };
        self.push(
            Diagnostic::new(
                Code::TextNotAllowed,
                format!(
                    "{what} between the elements of `<{name}>`: XML counts U+00A0 as text, \
                     not white space, and `<{name}>` holds only elements"
                ),
                first,
            )
            .with_label("U+00A0 here")
            .with_help("replace it with an ordinary space, or remove it")
            .with_fix(
                "Replace the U+00A0 with a space",
                Applicability::Safe,
                edits,
            ),
        );
    }

    fn report_nbsp(&mut self) {
        // In file order, whatever order the pieces were checked in.
        self.nbsp.sort_unstable_by_key(|span| span.start);
        let Some(first) = self.nbsp.first().cloned() else {
            return;
        };
        let lines = self.nbsp.len();
        let edits = self
            .nbsp
            .iter()
            .map(|span| Edit {
                span: span.clone(),
                replacement: " ".into(),
            })
            .collect();
        self.push(
            Diagnostic::new(Code::NbspIndentation, format!("the indentation uses U+00A0 non-breaking spaces ({lines} in the file), which XML counts as text, not white space"), first)
                .with_label("U+00A0 here")
                .with_help("replace the non-breaking spaces with ordinary spaces (they come from copying the documentation's samples)")
                .with_fix("Replace every U+00A0 in the indentation with a space", Applicability::Safe, edits),
        );
    }

    /// The known name of this model that `name` is probably a typo of.
    pub(super) fn suggestion(&mut self, automaton: &Automaton, name: &str) -> Option<String> {
        let key = (automaton as *const Automaton as usize, name.to_string());
        self.memo
            .suggestions
            .entry(key)
            .or_insert_with(|| {
                let candidates = automaton.decls.iter().map(|d| &*d.name);
                suggest::best_match(name, candidates).map(str::to_string)
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
                let names = super::children::follow_names(automaton, state);
                suggest::best_match(name, names).map(str::to_string)
            })
            .clone()
    }

    /// The names `automaton` accepts next in `state`, as a message fragment.
    pub(super) fn expected(&mut self, automaton: &Automaton, state: u32) -> String {
        let key = (automaton as *const Automaton as usize, state);
        self.memo
            .expected
            .entry(key)
            .or_insert_with(|| super::children::expected_names(automaton, state))
            .clone()
    }

    /// The operators that have an operation called `name`.
    pub(super) fn owners(&mut self, name: &str) -> Vec<Arc<str>> {
        let (rules, direction) = (self.rules, self.direction);
        self.memo
            .owners
            .entry(name.to_string())
            .or_insert_with(|| rules.operators_with(name, direction))
            .clone()
    }

    pub(super) fn push(&mut self, diagnostic: Diagnostic) {
        if self
            .caps
            .last_mut()
            .is_none_or(|cap| cap.admit(&diagnostic))
        {
            self.diagnostics.push(diagnostic);
        }
    }
}
