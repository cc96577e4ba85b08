//! Inline suppression in XML comments, each naming the codes it suppresses:
//!
//! ```xml
//! <!-- plesk-lint-disable-next-element out-of-order -->   the element that follows
//! <!-- plesk-lint-disable invalid-value -->               from here …
//! <!-- plesk-lint-enable invalid-value -->                … to here (or the end of the file)
//! <!-- plesk-lint-disable-file nbsp-indentation -->       the whole file
//! ```
//!
//! A finding is suppressed when its primary span starts inside a directive's reach and the
//! directive names its code. Every named code that suppressed nothing is reported as
//! `unused-suppression`, so stale comments do not pile up and hide the next real finding; a
//! comment that starts like a directive but is not one is `invalid-suppression`, because a
//! typo would otherwise silently suppress nothing. Run errors (`io-error`, `rules-error`,
//! `config-error`) cannot be suppressed.

mod directive;

use std::ops::Range;

use crate::codes::Code;
use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::source::SourceFile;

use directive::{Directive, Kind};

/// Removes the suppressed findings and adds findings about the directives themselves.
pub fn apply(source: &SourceFile, diagnostics: &mut Vec<Diagnostic>) {
    if !source.text.contains("plesk-lint-") {
        return;
    }
    let host = crate::embedded::Host::of(std::path::Path::new(&source.name));
    let (directives, invalid) = directive::scan(&source.text, host.is_some());
    let well_formed = !diagnostics.iter().any(|d| d.code == Code::MalformedXml);
    let elements = if well_formed && directives.iter().any(|d| d.kind == Kind::NextElement) {
        match host {
            // In a source file the "element" after the comment is the next string literal.
            Some(host) => crate::embedded::literal_ranges(host, &source.text),
            None => element_ranges(&source.text),
        }
    } else {
        Vec::new()
    };
    let (reaches, mut unmatched) = reaches(&directives, &elements, source.text.len());
    let mut used: Vec<Vec<bool>> = directives
        .iter()
        .map(|d| vec![false; d.codes.len()])
        .collect();
    diagnostics.retain(|diagnostic| {
        let at = diagnostic.primary.span.start;
        let mut suppressed = false;
        for reach in &reaches {
            if !reach.covers(at, diagnostic.primary.span.is_empty()) {
                continue;
            }
            let directive = &directives[reach.directive];
            for (index, (code, _)) in directive.codes.iter().enumerate() {
                if *code == diagnostic.code && reach.code.is_none_or(|c| c == *code) {
                    used[reach.directive][index] = true;
                    suppressed = true;
                }
            }
        }
        !suppressed
    });
    for error in invalid {
        diagnostics.push(
            Diagnostic::new(Code::InvalidSuppression, error.message, error.span)
                .with_help(error.help),
        );
    }
    diagnostics.append(&mut unmatched);
    // A file that is not well-formed was not checked, so its suppressions cannot be judged.
    if well_formed {
        for (directive, used) in directives.iter().zip(&used) {
            if directive.kind != Kind::Enable {
                report_unused(source, directive, used, diagnostics);
            }
        }
    }
}

/// The byte range one directive reaches, for all its codes or (a `disable` range, which
/// `enable` closes code by code) for one.
struct Reach {
    directive: usize,
    code: Option<Code>,
    range: Range<usize>,
}

impl Reach {
    /// Whether a finding starting at `at` is inside. An empty span at the very end (a missing
    /// child reported at the parent's end) still belongs to the element.
    fn covers(&self, at: usize, empty: bool) -> bool {
        self.range.contains(&at) || (empty && at == self.range.end)
    }
}

/// Where each directive applies, and findings for `enable`s that end nothing and
/// `next-element` directives that precede no element.
fn reaches(
    directives: &[Directive],
    elements: &[Range<usize>],
    end: usize,
) -> (Vec<Reach>, Vec<Diagnostic>) {
    let mut reaches = Vec::new();
    let mut problems = Vec::new();
    // Open `disable` ranges: (directive, code, start).
    let mut open: Vec<(usize, Code, usize)> = Vec::new();
    for (index, directive) in directives.iter().enumerate() {
        match directive.kind {
            Kind::File => reaches.push(Reach {
                directive: index,
                code: None,
                range: 0..end,
            }),
            Kind::NextElement => match elements.iter().find(|e| e.start >= directive.comment.end) {
                Some(element) => reaches.push(Reach {
                    directive: index,
                    code: None,
                    range: element.clone(),
                }),
                None if !elements.is_empty() => problems.push(
                    Diagnostic::new(
                        Code::InvalidSuppression,
                        "no element follows this `plesk-lint-disable-next-element`",
                        directive.comment.clone(),
                    )
                    .with_help("put the comment right before the element it is about"),
                ),
                None => {}
            },
            Kind::Disable => {
                for (code, _) in &directive.codes {
                    open.push((index, *code, directive.comment.end));
                }
            }
            Kind::Enable => {
                for (code, span) in &directive.codes {
                    match open.iter().rposition(|(_, c, _)| c == code) {
                        Some(at) => {
                            let (opener, _, start) = open.remove(at);
                            reaches.push(Reach {
                                directive: opener,
                                code: Some(*code),
                                range: start..directive.comment.start,
                            });
                        }
                        None => problems.push(
                            Diagnostic::new(
                                Code::InvalidSuppression,
                                format!("`{code}` is enabled here but was not disabled before"),
                                span.clone(),
                            )
                            .with_help(format!(
                                "remove it, or add `<!-- plesk-lint-disable {code} -->` before"
                            )),
                        ),
                    }
                }
            }
        }
    }
    for (opener, code, start) in open {
        reaches.push(Reach {
            directive: opener,
            code: Some(code),
            range: start..end,
        });
    }
    (reaches, problems)
}

/// Reports the codes of `directive` that suppressed nothing: one finding with a fix that
/// deletes the comment when none of its codes was used, else one per unused code.
fn report_unused(
    source: &SourceFile,
    directive: &Directive,
    used: &[bool],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let unused: Vec<&(Code, Range<usize>)> = directive
        .codes
        .iter()
        .zip(used)
        .filter(|(_, used)| !**used)
        .map(|(code, _)| code)
        .collect();
    if unused.is_empty() {
        return;
    }
    if unused.len() == directive.codes.len() {
        let names: Vec<String> = unused.iter().map(|(c, _)| format!("`{c}`")).collect();
        diagnostics.push(
            Diagnostic::new(
                Code::UnusedSuppression,
                format!("unused suppression: no {} finding here", names.join(" or ")),
                directive.comment.clone(),
            )
            .with_help("remove the comment")
            .with_fix(
                "Remove the unused suppression comment",
                Applicability::Safe,
                vec![Edit {
                    span: removal(source, &directive.comment),
                    replacement: String::new(),
                }],
            ),
        );
        return;
    }
    for (code, span) in unused {
        diagnostics.push(
            Diagnostic::new(
                Code::UnusedSuppression,
                format!("unused suppression: no `{code}` finding here"),
                span.clone(),
            )
            .with_help(format!("remove `{code}` from the comment")),
        );
    }
}

/// The comment, and its whole lines when nothing else is on them.
fn removal(source: &SourceFile, comment: &Range<usize>) -> Range<usize> {
    let first = source.line_range(source.position(comment.start).line);
    let last = source.line_range(source.position(comment.end).line);
    let before = &source.text[first.start..comment.start];
    let after = &source.text[comment.end..last.end.max(comment.end)];
    if before.trim().is_empty() && after.trim().is_empty() {
        first.start..last.end.max(comment.end)
    } else {
        comment.clone()
    }
}

/// The byte range of every element, in document order (start tag to end of end tag). Parsed
/// with the checker's options, so no DTD is ever read here either: a packet with one is
/// refused by the check, and its comments suppress nothing.
fn element_ranges(text: &str) -> Vec<Range<usize>> {
    match roxmltree::Document::parse_with_options(text, crate::check::parsing_options()) {
        Ok(document) => document
            .descendants()
            .filter(|node| node.is_element())
            .map(|node| node.range())
            .collect(),
        Err(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::element_ranges;

    /// The suppression pass reads no DTD: a packet with one has no elements to it (the check
    /// refuses the packet), and an entity is never expanded.
    #[test]
    fn no_dtd_is_read() {
        let with_dtd = "<!DOCTYPE packet [<!ENTITY e \"x\">]>\n<packet><site>&e;</site></packet>";
        assert!(element_ranges(with_dtd).is_empty());
        assert_eq!(element_ranges("<packet><site/></packet>").len(), 2);
    }
}
