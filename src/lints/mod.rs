//! Rules beyond the schema: a pass over the parsed packet, after the schema check, for what
//! the official schema accepts but the documentation or the server does not.
//!
//! Each lint is one file holding its logic; what it applies to is data in `rules/hand/`
//! ([`data`]), so adding a documented requirement or an element name touches no code:
//! - [`conditions`]: elements a `<result>` must hold when its `<status>` is `ok` or `error`;
//! - [`padding`]: white space around a name, login or GUID, which the server compares as sent;
//! - [`placeholder`]: a template variable left unsubstituted in a value.
//!
//! The pass sees the document, the text and the direction only; it knows nothing of the
//! checker. Its findings are warnings by default, and one mistake is reported once: a value
//! the schema check already reported is not linted again.

mod conditions;
pub mod data;
mod padding;
mod placeholder;

use std::ops::Range;

use roxmltree::{Document, Node};

use crate::diagnostic::Diagnostic;
use crate::rules::Direction;

pub use data::{LintRules, Requirement};

/// What every lint gets for one element.
pub struct Context<'a, 'input> {
    /// The packet's text (spans are offsets into it).
    pub text: &'a str,
    /// The element.
    pub node: Node<'a, 'input>,
    /// The grammar the packet was checked against.
    pub direction: Direction,
    /// The rule data.
    pub rules: &'a LintRules,
}

/// Lints `text`, a packet the schema check parsed and read as `direction`, and adds the
/// findings to `diagnostics` in source order, leaving the order of those already there alone.
pub fn lint_into(text: &str, direction: Direction, diagnostics: &mut Vec<Diagnostic>) {
    let rules = LintRules::builtin();
    if !rules.worth_parsing(text) {
        return;
    }
    let Ok(document) = Document::parse_with_options(text, crate::check::parsing_options()) else {
        return;
    };
    let found = lint_document(&document, text, direction, rules);
    merge(diagnostics, found);
}

/// Writes the rules beyond the schema that apply to `operator/operation`, with their source,
/// for `plesk-lint explain OPERATOR/OPERATION`; nothing when none does.
pub fn explain_operation(
    operator: &str,
    operation: &str,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let requirements: Vec<_> = LintRules::builtin()
        .requirements_of(operator, operation)
        .collect();
    if requirements.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "documented requirements beyond the schema (conditionally-required, rules/hand/conditions.toml):"
    )?;
    for r in requirements {
        writeln!(
            out,
            "  <result> with <status>{}</status> must hold <{}>\n    source: {}\n    \"{}\"",
            r.status, r.element, r.source, r.quote
        )?;
    }
    Ok(())
}

/// Every finding about a parsed packet, in source order.
pub fn lint_document(
    document: &Document,
    text: &str,
    direction: Direction,
    rules: &LintRules,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for node in document.root_element().descendants() {
        if !node.is_element() {
            continue;
        }
        let context = Context {
            text,
            node,
            direction,
            rules,
        };
        conditions::check(&context, &mut found);
        padding::check(&context, &mut found);
        placeholder::check(&context, &mut found);
    }
    found.sort_by_key(|d| (d.primary.span.start, d.primary.span.end));
    found
}

/// Adds `found` to `diagnostics`, each before the first finding that starts after it, and
/// drops a lint finding about a value the schema check already reported (one mistake, one
/// finding: `<id>{$id}</id>` is an invalid integer first).
fn merge(diagnostics: &mut Vec<Diagnostic>, found: Vec<Diagnostic>) {
    for diagnostic in found {
        let value = &diagnostic.primary.span;
        let reported = diagnostics.iter().any(|d| {
            let span = &d.primary.span;
            !d.code.is_lint() && span.start <= value.end && value.start <= span.end
        });
        if reported && diagnostic.code != crate::codes::Code::ConditionallyRequired {
            continue;
        }
        let at = diagnostics
            .iter()
            .position(|d| d.primary.span.start > value.start)
            .unwrap_or(diagnostics.len());
        diagnostics.insert(at, diagnostic);
    }
}

/// The element's only content, when it is one text node: its raw span (entities and all).
/// `None` for an element with child elements, comments, CDATA sections or no text.
fn text_span(text: &str, node: Node) -> Option<Range<usize>> {
    let mut children = node.children();
    let child = children.next()?;
    if children.next().is_some() || !child.is_text() {
        return None;
    }
    let span = child.range();
    let raw = text.get(span.clone())?;
    (!raw.contains('<')).then_some(span)
}

/// The span of an element's name in its start tag.
fn name_span(text: &str, node: Node) -> Range<usize> {
    let start = (node.range().start + 1).min(text.len());
    let length = text[start..]
        .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
        .unwrap_or(text.len() - start);
    start..start + length
}

/// The path of an element below `<packet>`: `reseller-plan/get/result`.
fn path(node: Node) -> String {
    let mut names: Vec<&str> = node
        .ancestors()
        .filter(|n| n.is_element())
        .map(|n| n.tag_name().name())
        .collect();
    names.pop(); // <packet>
    names.reverse();
    names.join("/")
}
