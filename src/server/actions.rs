//! Code actions: each finding's fix as a quickfix on its diagnostic, a quickfix that
//! suppresses the finding with a `plesk-lint-disable-next-element` comment, and a source
//! action that applies every safe fix, checking again after each round until nothing safe is
//! left.
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
        let mut suppressions = Vec::new();
        for (index, finding) in checked.diagnostics.iter().enumerate() {
            let range = converter.range(&finding.primary.span);
            let in_range = range.start <= params.range.end && params.range.start <= range.end;
            if !in_range && !asked.iter().any(|a| std::ptr::eq(*a, finding)) {
                continue;
            }
            let diagnostic = converter.diagnostic(uri, checked.version, index, finding);
            if let Some(edit) = suppression(text, finding) {
                suppressions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("Suppress `{}` for this element", finding.code),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostic.clone()]),
                    edit: Some(workspace_edit(
                        uri,
                        vec![TextEdit::new(converter.range(&edit.span), edit.replacement)],
                    )),
                    ..CodeAction::default()
                }));
            }
            let Some(fix) = &finding.fix else { continue };
            let edits = fix
                .edits
                .iter()
                .map(|edit| TextEdit::new(converter.range(&edit.span), edit.replacement.clone()))
                .collect();
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.description.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic]),
                edit: Some(workspace_edit(uri, edits)),
                is_preferred: Some(fix.applicability == Applicability::Safe),
                ..CodeAction::default()
            }));
        }
        // The fixes first: a suppression is the last resort.
        actions.extend(suppressions);
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

/// The edit that suppresses `finding` with a `plesk-lint-disable-next-element` comment before
/// the element it is in: on a line of its own with the element's indentation when the element
/// starts its line, else right before it. `None` when the finding is not inside a start tag
/// or the text of an element (a run error, a point between elements), or cannot be
/// suppressed.
fn suppression(text: &str, finding: &Diagnostic) -> Option<Edit> {
    if finding.code.is_run_error() {
        return None;
    }
    let start = finding.primary.span.start.min(text.len());
    let open = text[..start].rfind('<')?;
    let after = text[open + 1..].chars().next()?;
    if !(after.is_alphabetic() || after == '_') {
        return None;
    }
    let line_start = text[..open].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let indent = &text[line_start..open];
    let comment = format!("<!-- plesk-lint-disable-next-element {} -->", finding.code);
    Some(if indent.chars().all(|c| c == ' ' || c == '\t') {
        let newline = if text[open..].contains("\r\n") {
            "\r\n"
        } else {
            "\n"
        };
        Edit {
            span: line_start..line_start,
            replacement: format!("{indent}{comment}{newline}"),
        }
    } else {
        Edit {
            span: open..open,
            replacement: comment,
        }
    })
}

fn workspace_edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

/// Applies the safe fixes of `findings` to `text` with the `--fix` machinery (src/fix): fixes
/// that do not overlap together, a re-check after each pass, a pass that makes the packet
/// worse undone, a bounded number of passes so that fixes producing findings with fixes
/// cannot hang the editor.
pub fn fix_all(
    text: &str,
    findings: &[Diagnostic],
    recheck: &mut dyn FnMut(String) -> Vec<Diagnostic>,
) -> String {
    let safe_only = crate::fix::Policy::default();
    crate::fix::fixpoint::fix_text(text, findings.to_vec(), &safe_only, |next| {
        recheck(next.to_string())
    })
    .text
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

    #[test]
    fn suppressions_go_before_the_element() {
        let finding = |span| Diagnostic::new(Code::OutOfOrder, "x", span);
        let text = "<a>\r\n  <b>1</b><c>2</c>\r\n</a>";
        let b = text.find("b>").unwrap();
        let edit = suppression(text, &finding(b..b + 1)).unwrap();
        assert_eq!(edit.span, 5..5);
        assert_eq!(
            edit.replacement,
            "  <!-- plesk-lint-disable-next-element out-of-order -->\r\n"
        );
        // Text inside `<c>`: before `<c>`, on the same line.
        let two = text.find('2').unwrap();
        let edit = suppression(text, &finding(two..two + 1)).unwrap();
        assert_eq!(edit.span.start, text.find("<c>").unwrap());
        // After an end tag: no element to put it before.
        let after = text.find("</b>").unwrap() + 4;
        assert!(suppression(text, &finding(after..after)).is_none());
        assert!(suppression(text, &Diagnostic::new(Code::ConfigError, "x", b..b)).is_none());
    }
}
