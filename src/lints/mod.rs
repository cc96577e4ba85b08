//! Rules beyond the schema, for what the official schema accepts but the documentation or
//! the server does not: rules of the same walk as the schema's passes
//! ([`crate::check`]'s walker calls [`lint_element`] on every element, those the schema
//! reaches and those it does not, pieces of a large packet included).
//!
//! Each lint is one file holding its rule (`RULE`: code, default severity, documentation,
//! which the registry in `codes/mod.rs` lists by one line) and its logic; what it applies to
//! is data in `rules/hand/` ([`data`]), so adding a documented requirement or an element name
//! touches no code:
//! - `conditions.rs`: elements a `<result>` must hold when its `<status>` is `ok` or `error`;
//! - `padding.rs`: white space around a name, login or GUID, which the server compares as sent;
//! - `placeholder.rs`: a template variable left unsubstituted in a value.
//!
//! A lint sees its [`Context`]: the element, the name the walk resolved for it and its
//! envelope (a misspelt operator is linted as the operator the checker renames it to), the
//! direction. Its findings are warnings by default, and one mistake is reported once: a value
//! the schema's passes already reported invalid is not linted again.

pub(crate) mod conditions;
pub mod data;
pub(crate) mod padding;
pub(crate) mod placeholder;

use std::ops::Range;

use roxmltree::Node;

use crate::diagnostic::Diagnostic;
use crate::rules::Direction;

pub use data::{LintRules, Requirement};

/// What every lint gets for one element.
pub struct Context<'a, 'input> {
    /// The parsed text (spans are offsets into it): the packet, or one piece of a large one.
    pub text: &'a str,
    /// The element.
    pub node: Node<'a, 'input>,
    /// The name the walk resolved for it: its own, or the one the checker renames a
    /// misspelling to.
    pub name: &'a str,
    /// Its depth: `<packet>` is 1, an operator 2, an operation 3.
    pub depth: usize,
    /// The operator it is below (or is), as resolved.
    pub operator: Option<&'a str>,
    /// The operation it is below (or is), as resolved.
    pub operation: Option<&'a str>,
    /// The grammar the packet is checked against.
    pub direction: Direction,
    /// The rule data.
    pub rules: &'a LintRules,
    /// Whether the schema's passes reported the element's value invalid.
    pub value_reported: bool,
    /// Whether the value lints may find anything in the text (a cheap scan said so).
    pub values: bool,
    /// Whether the documented conditions may apply to the packet.
    pub conditions: bool,
}

/// Runs every lint on one element.
pub fn lint_element(context: &Context, found: &mut Vec<Diagnostic>) {
    if context.conditions {
        conditions::check(context, found);
    }
    if context.values && !context.value_reported {
        padding::check(context, found);
        placeholder::check(context, found);
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
