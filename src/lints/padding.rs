//! `padded-value`: white space around the value of an element the server compares as written
//! (`rules/hand/values.toml`, `[identifiers]`). The schema's `string` collapses it, so the
//! official schema accepts `<login> jdoe </login>`; the server looks up ` jdoe `.

use crate::codes::Code;
use crate::diagnostic::{Applicability, Diagnostic, Edit};

use super::{Context, text_span};

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
