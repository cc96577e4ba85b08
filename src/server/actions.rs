//! Code actions: each finding's fix as a quickfix on its diagnostic, and a source action that
//! applies every safe fix, checking again after each round until nothing safe is left.
//!
//! The fixes are those the engine attaches to its findings (the `--fix` machinery applies the
//! same edits on disk).

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, Uri, WorkspaceEdit,
};

use super::diagnostics::{self, Converter};
use super::documents::Checked;
use super::encoding::Encoding;
use crate::diagnostic::{Applicability, Diagnostic, Edit};

/// The kind of the "fix all" source action.
pub fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.fixAll.plesk-lint")
}

/// Whether an action of `kind` was asked for by `only` (a kind asks for itself and its
/// sub-kinds: `source` asks for `source.fixAll.plesk-lint`).
fn wanted(only: Option<&[CodeActionKind]>, kind: &CodeActionKind) -> bool {
    only.is_none_or(|only| {
        only.iter().any(|asked| {
            kind.as_str() == asked.as_str()
                || kind.as_str().starts_with(&format!("{}.", asked.as_str()))
        })
    })
}

/// The actions for a request on a document whose current findings are `checked`.
/// `recheck` checks a text of the document again (for the rounds of "fix all").
pub fn actions(
    uri: &Uri,
    params: &CodeActionParams,
    checked: &Checked,
    encoding: Encoding,
    recheck: &mut dyn FnMut(String) -> Vec<Diagnostic>,
) -> Vec<CodeActionOrCommand> {
    let text = &checked.source.text;
    let converter = Converter::new(text, encoding);
    let only = params.context.only.as_deref();
    let mut actions = Vec::new();
    if wanted(only, &CodeActionKind::QUICKFIX) {
        let asked: Vec<&Diagnostic> = params
            .context
            .diagnostics
            .iter()
            .filter_map(|sent| {
                diagnostics::find(sent, checked.version, &checked.diagnostics, &converter)
            })
            .collect();
        for (index, finding) in checked.diagnostics.iter().enumerate() {
            let Some(fix) = &finding.fix else { continue };
            let range = converter.range(&finding.primary.span);
            let in_range = range.start <= params.range.end && params.range.start <= range.end;
            if !in_range && !asked.iter().any(|a| std::ptr::eq(*a, finding)) {
                continue;
            }
            let edits = fix
                .edits
                .iter()
                .map(|edit| TextEdit::new(converter.range(&edit.span), edit.replacement.clone()))
                .collect();
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.description.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![converter.diagnostic(
                    uri,
                    checked.version,
                    index,
                    finding,
                )]),
                edit: Some(workspace_edit(uri, edits)),
                is_preferred: Some(fix.applicability == Applicability::Safe),
                ..CodeAction::default()
            }));
        }
    }
    if wanted(only, &fix_all_kind()) {
        let fixed = fix_all(text, &checked.diagnostics, recheck);
        if fixed != *text {
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: "Fix all safe plesk-lint findings".into(),
                kind: Some(fix_all_kind()),
                edit: Some(workspace_edit(
                    uri,
                    vec![minimal_edit(text, &fixed, &converter)],
                )),
                ..CodeAction::default()
            }));
        }
    }
    actions
}

fn workspace_edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

/// Applies the safe fixes of `findings` to `text`, then those of the findings of the result,
/// until no safe fix is left or nothing changes (at most ten rounds: a fix that keeps
/// producing findings with fixes must not hang the editor).
pub fn fix_all(
    text: &str,
    findings: &[Diagnostic],
    recheck: &mut dyn FnMut(String) -> Vec<Diagnostic>,
) -> String {
    let mut text = text.to_string();
    let mut findings = findings.to_vec();
    for _ in 0..10 {
        let next = apply_safe(&text, &findings);
        if next == text {
            break;
        }
        text = next;
        findings = recheck(text.clone());
    }
    text
}

/// Applies every safe fix that overlaps no fix applied before it, in source order.
fn apply_safe(text: &str, findings: &[Diagnostic]) -> String {
    let mut chosen: Vec<&Edit> = Vec::new();
    for fix in findings.iter().filter_map(|d| d.fix.as_ref()) {
        if fix.applicability != Applicability::Safe {
            continue;
        }
        let overlaps = fix.edits.iter().any(|edit| {
            chosen.iter().any(|c| {
                edit.span.start < c.span.end.max(c.span.start + 1)
                    && c.span.start < edit.span.end.max(edit.span.start + 1)
            })
        });
        let valid = fix.edits.iter().all(|e| {
            e.span.end <= text.len()
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
        });
        if !overlaps && valid {
            chosen.extend(&fix.edits);
        }
    }
    chosen.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in chosen {
        out.push_str(&text[at..edit.span.start]);
        out.push_str(&edit.replacement);
        at = edit.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// One edit turning `old` into `new`: the part between their common prefix and suffix.
fn minimal_edit(old: &str, new: &str, converter: &Converter) -> TextEdit {
    let mut prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let mut suffix = old[prefix..]
        .bytes()
        .rev()
        .zip(new[prefix..].bytes().rev())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    TextEdit::new(
        converter.range(&(prefix..old.len() - suffix)),
        new[prefix..new.len() - suffix].to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;

    #[test]
    fn safe_fixes_apply_without_overlap_and_the_edit_is_minimal() {
        let text = "<a><bb/></a>";
        let rename = |span: std::ops::Range<usize>, to: &str, applicability| {
            Diagnostic::new(Code::UnknownElement, "x", span.clone()).with_fix(
                "rename",
                applicability,
                vec![Edit {
                    span,
                    replacement: to.into(),
                }],
            )
        };
        let findings = vec![
            rename(4..6, "c", Applicability::Safe),
            rename(4..5, "d", Applicability::Safe),
            rename(1..2, "e", Applicability::Unsafe),
        ];
        let fixed = fix_all(text, &findings, &mut |_| Vec::new());
        assert_eq!(fixed, "<a><c/></a>");
        let converter = Converter::new(text, Encoding::Utf16);
        let edit = minimal_edit(text, &fixed, &converter);
        assert_eq!(edit.new_text, "c");
        assert_eq!(
            (edit.range.start.character, edit.range.end.character),
            (4, 6)
        );
    }
}
