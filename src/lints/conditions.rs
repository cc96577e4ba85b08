//! `conditionally-required`: an element the documentation requires in a `<result>` whose
//! `<status>` is `ok` or `error` (`rules/hand/conditions.toml`), checked per `<result>`.

use crate::check::xml::name_span;
use crate::codes::{BEYOND_SCHEMA, Code, Rule};
use crate::diagnostic::Diagnostic;
use crate::rules::Direction;

use super::Context;

/// The rule and its documentation (the registry, `codes/mod.rs`, lists it as `conditionally-required`).
pub const RULE: Rule = Rule {
    name: "conditionally-required",
    summary: "A `<result>` lacks an element the Plesk documentation requires when its `<status>` is `ok` or `error` (rules/hand/conditions.toml).",
    why: "The schema makes these elements optional, so the official schema accepts the response, but the documentation promises them: a failed `reseller-plan/get` result carries `errcode` and `errtext`, a successful one `id`, `name` and `guid`. A response without them (a mock server, a recorded fixture, a proxy) misleads the code that reads it. Goes beyond the schema on purpose; `plesk-lint explain OPERATOR/OPERATION` lists the requirements with their source.",
    bad: "<reseller-plan><get><result>\n  <status>error</status>\n</result></get></reseller-plan>",
    good: "<reseller-plan><get><result>\n  <status>error</status>\n  <errcode>1013</errcode>\n  <errtext>There is no such a service plan</errtext>\n</result></get></reseller-plan>",
    fix: "Add the element the message names to the result, or fix the code that builds the response.",
    ..BEYOND_SCHEMA
};

/// Checks one `<result>` of a response against the requirements of its operation.
pub(super) fn check(context: &Context, found: &mut Vec<Diagnostic>) {
    let node = context.node;
    if context.direction != Direction::Response || context.name != "result" || context.depth != 4 {
        return;
    }
    let (Some(operator), Some(operation)) = (context.operator, context.operation) else {
        return;
    };
    let children = || node.children().filter(|n| n.is_element());
    // Without one readable status the schema check has already said what is wrong.
    let mut statuses = children().filter(|n| n.tag_name().name() == "status");
    let (Some(status), None) = (statuses.next(), statuses.next()) else {
        return;
    };
    let value = status.text().unwrap_or("").trim();
    for requirement in context.rules.requirements_of(operator, operation) {
        if requirement.status != value
            || children().any(|n| n.tag_name().name() == requirement.element)
        {
            continue;
        }
        let outcome = match value {
            "ok" => "succeeded",
            _ => "failed",
        };
        let element = &requirement.element;
        found.push(
            Diagnostic::new(
                Code::ConditionallyRequired,
                format!(
                    "`<result>` of {operator}/{operation} with status `{value}` has no \
                     `<{element}>`: the documentation requires it when the operation {outcome}"
                ),
                name_span(context.text, node),
            )
            .with_label(format!("no `<{element}>`"))
            .with_secondary(name_span(context.text, status), format!("status `{value}`"))
            .with_help(format!(
                "{}: \"{}\" (add `<{element}>` to the result, or check the code that builds \
                 this response)",
                requirement.source, requirement.quote
            )),
        );
    }
}
