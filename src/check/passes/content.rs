//! The content model: an element's children against what its type allows. Children a
//! sequence or choice matches are visited as the positions they matched; children that do not
//! match are aligned to the model (`crate::check::align`) and each mistake is explained once
//! ([`report`], [`wrapper`]). Also `xs:all` groups, empty and nil elements, and text where
//! elements belong.

pub(super) mod report;
mod wrapper;

use roxmltree::Node;

use report::Report;
pub(in crate::check) use report::{alternative, expected_names, follow_names};

use super::Context;
use crate::check::walker::{Level, Walker};
use crate::check::{align, suggest, xml};
use crate::diagnostic::{Applicability, Code, Diagnostic};
use crate::rules::automaton::Automaton;
use crate::rules::compile::AllMember;

/// Element children against the content model: matched, each is visited as the position it
/// matched; otherwise the alignment explains each mistake once ([`report`]).
pub(super) fn check_children(w: &mut Walker, cx: &Context, automaton: &Automaton) {
    let (node, level) = (cx.node, cx.level);
    let children: Vec<Node> = node.children().filter(Node::is_element).collect();
    let names: Vec<&str> = children.iter().map(|c| xml::grammar_name(*c)).collect();
    if let Some(positions) = align::run(automaton, &names) {
        for (child, p) in children.iter().zip(positions) {
            w.visit_child(*child, automaton.position(p), node);
        }
        return;
    }
    // Children that do not match are at least one finding: with one left in the budget,
    // the alignment and its messages (suggestions above all) would be spent in vain.
    if w.nearly_out_of_budget() {
        return;
    }
    let known = |name: &str| automaton.knows(name) || automaton.has_wildcard();
    // A large element's skeleton holds fewer children than the packet, too few for `align`
    // to choose the greedy alignment the whole check would have: the walk says so.
    let steps = match w.stream.greedy_at {
        Some(start) if start == node.range().start => align::greedy(automaton, &names),
        _ => align::align(automaton, &names, &known, &suggest::is_similar),
    };
    Report::new(w).report_steps(node, &children, automaton, &steps, level);
}

/// The members of an `xs:all` group: each at most once, the required ones present, in any
/// order.
pub(super) fn check_all(w: &mut Walker, cx: &Context, members: &[AllMember]) {
    let node = cx.node;
    let mut seen: Vec<(&str, Node)> = Vec::new();
    let mut last_end = None;
    // A misspelt member is one rename, not an unknown element plus a missing one: an
    // unknown name is matched with the closest member not given, which is then not
    // reported missing.
    let present: std::collections::HashSet<&str> = node
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
            Report::new(w).unknown_element(child, node, suggestion, Level::Inner);
            continue;
        };
        if let Some((_, first)) = seen.iter().find(|(n, _)| *n == name) {
            let first_span = xml::name_span(cx.text, *first);
            w.push(
                Diagnostic::new(
                    Code::TooMany,
                    format!(
                        "`<{name}>` may occur only once in `<{}>`",
                        node.tag_name().name()
                    ),
                    xml::name_span(cx.text, child),
                )
                .with_label("second occurrence")
                .with_secondary(first_span, "first occurrence")
                .with_help(format!("remove one of the `<{name}>` elements"))
                .with_fix(
                    format!("Remove this `<{name}>` (unsafe: the one to keep is a choice)"),
                    Applicability::Unsafe,
                    vec![crate::fix::moves::remove_element(cx.text, child.range())],
                ),
            );
            continue;
        }
        seen.push((name, child));
        w.visit(child, &member.ty.clone(), Level::Inner, name);
    }
    for member in members.iter().filter(|m| {
        m.required && !seen.iter().any(|(n, _)| *n == &*m.name) && !renamed.contains(&&*m.name)
    }) {
        let span = last_end.map_or_else(|| xml::name_span(cx.text, node), crate::check::point);
        w.push(
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

/// An element whose content must be empty (declared so, or nil).
pub(super) fn check_empty(w: &mut Walker, cx: &Context, why: &str) {
    let node = cx.node;
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
            xml::name_span(cx.text, child)
        } else {
            let trimmed = xml::trimmed(cx.text, child.range());
            if trimmed.is_empty() {
                xml::name_span(cx.text, node)
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
        w.push(
            Diagnostic::new(
                Code::MustBeEmpty,
                format!("`<{name}>` must be empty{why}, but holds {what}"),
                span,
            )
            .with_label("content not allowed")
            .with_secondary(
                xml::name_span(cx.text, node),
                format!("`<{name}>` starts here"),
            )
            .with_help(format!("write `<{name}/>`")),
        );
    }
}

/// An element that needs child elements but holds only text (`<plan-item>Extra</plan-item>`):
/// one finding, not a missing-element plus a text-not-allowed.
pub(super) fn text_instead_of_elements(
    w: &mut Walker,
    cx: &Context,
    automaton: &Automaton,
) -> bool {
    let node = cx.node;
    if node.children().any(|c| c.is_element()) || automaton.accepting[0] {
        return false;
    }
    let (text, span) = xml::text_value(node);
    let Some(span) = span.filter(|_| !text.chars().all(|c| xml::is_xml_space(c) || c == '\u{a0}'))
    else {
        return false;
    };
    let name = node.tag_name().name();
    let expected = w.expected(automaton, 0);
    w.push(
        Diagnostic::new(
            Code::TextNotAllowed,
            format!("`<{name}>` holds elements, not text: expected {expected}"),
            xml::trimmed(cx.text, span),
        )
        .with_label("text instead of elements")
        .with_help(format!(
            "replace the text with the elements of `<{name}>` (see `plesk-lint explain`)"
        )),
    );
    true
}
