//! `padded-value`: white space around the value of an element the server compares as written
//! (`rules/hand/values.toml`, `[identifiers]`). The schema's `string` collapses it, so the
//! official schema accepts `<login> jdoe </login>`; the server looks up ` jdoe `.

use crate::codes::{Autofix, BEYOND_SCHEMA, Code, Fixable, Rule};
use crate::diagnostic::{Applicability, Diagnostic, Edit};

use super::{Context, text_span};

/// The rule and its documentation (the registry, `codes/mod.rs`, lists it as `padded-value`).
pub const RULE: Rule = Rule {
    name: "padded-value",
    summary: "White space around the value of a name, login, domain name or GUID, which the server compares as written (rules/hand/values.toml).",
    why: "Plesk's `string` type collapses white space, so the official schema accepts `<login> jdoe </login>`, but the server looks up ` jdoe `: the filter matches nothing, or a new object gets a name no one can type. Goes beyond the schema on purpose.",
    bad: "<filter><login> jdoe\n</login></filter>",
    good: "<filter><login>jdoe</login></filter>",
    fix: "Remove the white space; the fix does it (safe: the value itself is kept).",
    autofix: Some(Autofix {
        fixable: Fixable::Safe,
        how: "Automatic, safe: `plesk-lint check --fix` removes it; `--diff` shows the change first.",
    }),
    ..BEYOND_SCHEMA
};

/// XML white space, the only kind the fix removes (an NBSP may be part of a name).
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

pub(super) fn check(context: &Context, found: &mut Vec<Diagnostic>) {
    let node = context.node;
    // The lookup by the resolved name, the message with the name as written.
    let (resolved, name) = (context.name, node.tag_name().name());
    if !context.rules.identifiers.contains(resolved) {
        return;
    }
    let Some(span) = text_span(context.text, node) else {
        return;
    };
    let raw = &context.text[span.clone()];
    let trimmed = raw.trim_matches(is_space);
    // All white space is an empty value: the schema check's business, not padding.
    if trimmed.is_empty() || trimmed.len() == raw.len() {
        return;
    }
    let lead = raw.len() - raw.trim_start_matches(is_space).len();
    let trail = raw.len() - raw.trim_end_matches(is_space).len();
    let mut edits = Vec::new();
    if lead > 0 {
        edits.push(Edit {
            span: span.start..span.start + lead,
            replacement: String::new(),
        });
    }
    if trail > 0 {
        edits.push(Edit {
            span: span.end - trail..span.end,
            replacement: String::new(),
        });
    }
    let (start, end) = match (lead > 0, trail > 0) {
        (true, true) => ("leading", " and trailing"),
        (true, false) => ("leading", ""),
        (false, _) => ("trailing", ""),
    };
    found.push(
        Diagnostic::new(
            Code::PaddedValue,
            format!(
                "{start}{end} white space in `<{name}>`: the server compares `{trimmed}` \
                 as written, white space included"
            ),
            span,
        )
        .with_label("white space around the value")
        .with_help(format!(
            "write `<{name}>{trimmed}</{name}>`; the schema's `string` ignores the white space, \
             the server's lookup does not"
        ))
        .with_fix(
            "Remove the white space around the value",
            Applicability::Safe,
            edits,
        ),
    );
}
