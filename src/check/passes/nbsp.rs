//! Text between the elements of element-only content: a finding where it is, unless it is
//! white space as libxml2 sees it; U+00A0 that indents lines, collected over the whole walk
//! (pieces included) into one finding for the file.

use std::ops::Range;

use roxmltree::{Node, NodeType};

use super::Context;
use crate::check::walker::Walker;
use crate::check::xml;
use crate::diagnostic::{Applicability, Code, Diagnostic, Edit};

/// Text in element-only content: a finding, unless it is only white space as libxml2
/// (the server's validator) sees it: white space written as character references
/// (`&#13;`, as Windows serializers write line ends) is white space, but a CDATA section
/// is text to libxml2 even when empty or white (XML Schema would allow it). U+00A0 runs
/// that indent a line are collected for one file-wide finding; one after other text on its
/// line is reported where it is.
pub(crate) fn check_text_children(w: &mut Walker, cx: &Context) {
    let node = cx.node;
    for child in node.children().filter(|c| c.node_type() == NodeType::Text) {
        let range = xml::text_span(w.text, child);
        let decoded = child.text().unwrap_or("");
        let only_space = decoded.chars().all(xml::is_xml_space);
        let nbsp_space = decoded
            .chars()
            .all(|c| xml::is_xml_space(c) || c == '\u{a0}');
        if (only_space || nbsp_space)
            && let Some(section) = xml::cdata_sections(w.text, range.clone()).first()
        {
            cdata_in_elements(w, node, section.clone(), only_space);
            continue;
        }
        if only_space {
            continue;
        }
        let raw = &w.text[range.clone()];
        let literal_nbsp = raw.chars().filter(|c| *c == '\u{a0}').count();
        // Only U+00A0 written as such (not `&#xA0;`) is a copying accident.
        if nbsp_space && literal_nbsp == decoded.chars().filter(|c| *c == '\u{a0}').count() {
            collect_nbsp(w, node, range);
            continue;
        }
        let span = xml::trimmed(w.text, range);
        let raw = &w.text[span.clone()];
        let mut shown: String = raw.chars().take(30).collect();
        if shown.len() < raw.len() {
            shown.push('…');
        }
        let name = node.tag_name().name();
        let help = if decoded.contains("...") || decoded.contains('…') {
            "remove the text (a `...` placeholder copied from the documentation?)".to_string()
        } else {
            format!("remove the text: only elements may stand in `<{name}>`")
        };
        w.push(
            Diagnostic::new(
                Code::TextNotAllowed,
                format!("text `{shown}` is not allowed in `<{name}>`, which holds only elements"),
                span,
            )
            .with_label("text here")
            .with_help(help),
        );
    }
}

/// A CDATA section holding only white space (or nothing) in element-only content.
fn cdata_in_elements(w: &mut Walker, node: Node, section: Range<usize>, white: bool) {
    let name = node.tag_name().name();
    let what = if section.len() == "<![CDATA[]]>".len() {
        "an empty CDATA section"
    } else if white {
        "a CDATA section of white space"
    } else {
        "a CDATA section of white space and U+00A0"
    };
    w.push(
        Diagnostic::new(
            Code::TextNotAllowed,
            format!(
                "{what} in `<{name}>`, which holds only elements: XML Schema allows white \
                 space here, but the server's validator (libxml2) counts any CDATA section \
                 as text and rejects the packet"
            ),
            section.clone(),
        )
        .with_label("CDATA section")
        .with_help("remove the CDATA section")
        .with_fix(
            "Remove the CDATA section",
            Applicability::Safe,
            vec![Edit {
                span: section,
                replacement: String::new(),
            }],
        ),
    );
}

/// Collects the U+00A0 of a white text node: those before the first other character of
/// their line are indentation, for the file-wide finding; one after an element or text on
/// its line is text where it is.
fn collect_nbsp(w: &mut Walker, node: Node, range: Range<usize>) {
    let mut stray = Vec::new();
    // Whether all since the line's start is blank, followed forward through the node: looking
    // back to the line's start from each U+00A0 took time quadratic in a line of them.
    let blank = |c: char| matches!(c, ' ' | '\t' | '\u{a0}');
    let before = w.text[..range.start].trim_end_matches(blank);
    let mut indents = before.is_empty() || before.ends_with('\n');
    for (i, c) in w.text[range.clone()].char_indices() {
        match c {
            '\n' => indents = true,
            '\u{a0}' => {
                let at = range.start + i;
                let span = at..at + c.len_utf8();
                if indents {
                    w.nbsp.push(span);
                } else {
                    stray.push(span);
                }
            }
            c if !blank(c) => indents = false,
            _ => {}
        }
    }
    let Some(first) = stray.first().cloned() else {
        return;
    };
    let name = node.tag_name().name();
    let count = stray.len();
    let edits = stray
        .into_iter()
        .map(|span| Edit {
            span,
            replacement: " ".into(),
        })
        .collect();
    let what = if count == 1 {
        "a U+00A0 NO-BREAK SPACE".to_string()
    } else {
        format!("{count} U+00A0 NO-BREAK SPACEs")
    };
    w.push(
        Diagnostic::new(
            Code::TextNotAllowed,
            format!(
                "{what} between the elements of `<{name}>`: XML counts U+00A0 as text, \
                 not white space, and `<{name}>` holds only elements"
            ),
            first,
        )
        .with_label("U+00A0 here")
        .with_help("replace it with an ordinary space, or remove it")
        .with_fix(
            "Replace the U+00A0 with a space",
            Applicability::Safe,
            edits,
        ),
    );
}

/// The file-wide finding about the U+00A0 collected in the indentation, at the end of the
/// walk.
pub(in crate::check) fn report(w: &mut Walker) {
    // In file order, whatever order the pieces were checked in.
    w.nbsp.sort_unstable_by_key(|span| span.start);
    let Some(first) = w.nbsp.first().cloned() else {
        return;
    };
    let lines = w.nbsp.len();
    let edits = w
        .nbsp
        .iter()
        .map(|span| Edit {
            span: span.clone(),
            replacement: " ".into(),
        })
        .collect();
    w.push(
        Diagnostic::new(Code::NbspIndentation, format!("the indentation uses U+00A0 non-breaking spaces ({lines} in the file), which XML counts as text, not white space"), first)
            .with_label("U+00A0 here")
            .with_help("replace the non-breaking spaces with ordinary spaces (they come from copying the documentation's samples)")
            .with_fix("Replace every U+00A0 in the indentation with a space", Applicability::Safe, edits),
    );
}
