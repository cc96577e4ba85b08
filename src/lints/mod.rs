//! Rules beyond the schema: a pass over the parsed packet, after the schema check, for what
//! the official schema accepts but the documentation or the server does not.
//!
//! Each lint is one file holding its logic; what it applies to is data in `rules/hand/`
//! ([`data`]), so adding a documented requirement or an element name touches no code:
//! - `conditions.rs`: elements a `<result>` must hold when its `<status>` is `ok` or `error`;
//! - `padding.rs`: white space around a name, login or GUID, which the server compares as sent;
//! - `placeholder.rs`: a template variable left unsubstituted in a value.
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

use crate::check::pieces::{PIECES_ABOVE, Skeleton};
use crate::diagnostic::{Code, Diagnostic};
use crate::rules::Direction;

pub use data::{LintRules, Requirement};

/// What every lint gets for one element.
pub struct Context<'a, 'input> {
    /// The parsed text (spans are offsets into it): the packet, or one piece of a large one.
    pub text: &'a str,
    /// The element.
    pub node: Node<'a, 'input>,
    /// The names of the elements above the parsed text's root, `<packet>` first: empty for a
    /// whole packet, `packet`, the operator and the operation for a piece.
    pub above: &'a [&'a str],
    /// The grammar the packet was checked against.
    pub direction: Direction,
    /// The rule data.
    pub rules: &'a LintRules,
}

impl Context<'_, '_> {
    /// The path of the element below `<packet>`: `reseller-plan/get/result`.
    pub fn path(&self) -> String {
        let mut names: Vec<&str> = self
            .node
            .ancestors()
            .filter(|n| n.is_element())
            .map(|n| n.tag_name().name())
            .collect();
        names.extend(self.above.iter().rev());
        names.pop(); // <packet>
        names.reverse();
        names.join("/")
    }
}

/// Lints `text`, a packet the schema check parsed and read as `direction`, and adds the
/// findings to `diagnostics` in source order, leaving the order of those already there alone.
pub fn lint_into(text: &str, direction: Direction, diagnostics: &mut Vec<Diagnostic>) {
    let rules = LintRules::builtin();
    if !rules.worth_parsing(text, direction) {
        return;
    }
    let found = if text.len() >= PIECES_ABOVE
        && let Some(skeleton) = Skeleton::of(text)
        && let Some(found) = lint_in_pieces(text, &skeleton, direction, rules)
    {
        found
    } else {
        lint_whole(text, direction, rules)
    };
    merge(diagnostics, found);
}

/// Every finding about a packet, parsed whole; none if it does not parse.
pub fn lint_whole(text: &str, direction: Direction, rules: &LintRules) -> Vec<Diagnostic> {
    let Ok(document) = Document::parse_with_options(text, crate::check::parsing_options()) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    lint_tree(
        document.root_element(),
        text,
        &[],
        direction,
        rules,
        &mut found,
    );
    found.sort_by_key(|d| (d.primary.span.start, d.primary.span.end));
    found
}

/// Every finding about a large packet, parsed as the schema check parses it (`check::pieces`):
/// its skeleton, then each piece on its own, so memory stays bounded by the largest piece.
/// The findings are those of [`lint_whole`]; `None` when a piece does not parse on its own.
pub fn lint_in_pieces(
    text: &str,
    skeleton: &Skeleton,
    direction: Direction,
    rules: &LintRules,
) -> Option<Vec<Diagnostic>> {
    let document =
        Document::parse_with_options(&skeleton.text, crate::check::parsing_options()).ok()?;
    let mut found = Vec::new();
    // The skeleton's pieces are blank (white space only): no lint finds anything in them.
    lint_tree(
        document.root_element(),
        &skeleton.text,
        &[],
        direction,
        rules,
        &mut found,
    );
    let mut pieces = skeleton.pieces.iter().peekable();
    for node in document.descendants().filter(|n| n.is_element()) {
        let Some(piece) = pieces.next_if(|p| **p == node.range()) else {
            continue;
        };
        let above: Vec<&str> = {
            let mut names: Vec<&str> = node
                .ancestors()
                .skip(1)
                .filter(|n| n.is_element())
                .map(|n| n.tag_name().name())
                .collect();
            names.reverse();
            names
        };
        let slice = &text[piece.clone()];
        // Most pieces of a large packet need no second parse: only those with a value worth
        // a look, or the results of an operation with documented conditions.
        let conditions = direction == Direction::Response
            && above.len() == 3
            && rules.requirements_of(above[1], above[2]).next().is_some();
        if !conditions && !LintRules::values_worth_parsing(slice) {
            continue;
        }
        let part = Document::parse_with_options(slice, crate::check::parsing_options()).ok()?;
        let mut in_piece = Vec::new();
        lint_tree(
            part.root_element(),
            slice,
            &above,
            direction,
            rules,
            &mut in_piece,
        );
        for mut diagnostic in in_piece {
            diagnostic.move_by(piece.start);
            found.push(diagnostic);
        }
    }
    if pieces.next().is_some() {
        return None;
    }
    found.sort_by_key(|d| (d.primary.span.start, d.primary.span.end));
    Some(found)
}

/// Runs every lint on `root` and the elements below it.
fn lint_tree(
    root: Node,
    text: &str,
    above: &[&str],
    direction: Direction,
    rules: &LintRules,
    found: &mut Vec<Diagnostic>,
) {
    for node in root.descendants().filter(|n| n.is_element()) {
        let context = Context {
            text,
            node,
            above,
            direction,
            rules,
        };
        conditions::check(&context, found);
        padding::check(&context, found);
        placeholder::check(&context, found);
    }
}

/// Adds `found` to `diagnostics`, each before the first finding that starts after it, and
/// drops a lint finding about a value the schema check already reported (one mistake, one
/// finding: `<id>{$id}</id>` is an invalid integer first). Linear: both lists are in source
/// order, and the values of two elements never overlap.
fn merge(diagnostics: &mut Vec<Diagnostic>, found: Vec<Diagnostic>) {
    if found.is_empty() {
        return;
    }
    let values: Vec<Range<usize>> = diagnostics
        .iter()
        .filter(|d| matches!(d.code, Code::InvalidValue | Code::EmptyValue))
        .map(|d| d.primary.span.clone())
        .collect();
    let reported = |span: &Range<usize>| {
        let before = values.partition_point(|v| v.start <= span.end);
        before > 0 && values[before - 1].end >= span.start
    };
    let schema = std::mem::take(diagnostics);
    let mut schema = schema.into_iter().peekable();
    for diagnostic in found {
        let span = &diagnostic.primary.span;
        if diagnostic.code != Code::ConditionallyRequired && reported(span) {
            continue;
        }
        while let Some(earlier) = schema.next_if(|d| d.primary.span.start <= span.start) {
            diagnostics.push(earlier);
        }
        diagnostics.push(diagnostic);
    }
    diagnostics.extend(schema);
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
        "documented requirements beyond the schema (conditionally-required, \
         rules/hand/conditions.toml):"
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
