//! Spans and text of the parsed document: where a tag's name is, where a value's text is, and
//! where the parser stopped.

use std::ops::Range;

use roxmltree::{Node, NodeType};

/// XML white space: space, tab, carriage return, line feed. U+00A0 is not among them.
pub fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

/// The name an element has in Plesk's grammar: its local name, or for an element in a
/// namespace (`<p:site>`, `<site xmlns="urn:x">`), which no Plesk element is, a name that no
/// content model knows.
pub fn grammar_name<'a>(node: Node<'a, '_>) -> &'a str {
    match node.tag_name().namespace() {
        Some(_) => "\u{0}namespaced",
        None => node.tag_name().name(),
    }
}

/// The span of an element's name in its start tag (`<dom_id>` → `dom_id`).
pub fn name_span(text: &str, node: Node) -> Range<usize> {
    name_at(text, node.range().start)
}

/// The span of the name in the start tag whose `<` is at `tag_start`.
pub fn name_at(text: &str, tag_start: usize) -> Range<usize> {
    let start = (tag_start + 1).min(text.len());
    let length = text[start..]
        .find(|c: char| is_xml_space(c) || c == '/' || c == '>')
        .unwrap_or(text.len() - start);
    start..start + length
}

/// The span of an element's start tag, `<` to `>`.
pub fn start_tag_span(text: &str, node: Node) -> Range<usize> {
    let range = node.range();
    let end = node
        .first_child()
        .map_or(range.end, |child| child.range().start);
    let tag = &text[range.start..end];
    range.start..range.start + tag.find('>').map_or(tag.len(), |i| i + 1)
}

/// The span of an element's end tag, or of the whole element when it is self-closing.
pub fn end_tag_span(text: &str, node: Node) -> Range<usize> {
    let range = node.range();
    // `<a></a>` has no children but an end tag; `<a/>` has none.
    let self_closing = start_tag_span(text, node).end == range.end;
    match text[range.clone()].rfind("</") {
        Some(i) if !self_closing => range.start + i..range.end,
        _ => range,
    }
}

/// `node`'s range trimmed of XML white space on both sides.
pub fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start_matches(is_xml_space).len());
    let end = range.end - (slice.len() - slice.trim_end_matches(is_xml_space).len());
    start..end.max(start)
}

/// The source span of a text node. roxmltree merges adjacent text, references and CDATA
/// sections into one node but keeps the range of the first of them: the node runs on to its
/// next sibling, or to its parent's end tag.
pub fn text_span(text: &str, node: Node) -> Range<usize> {
    let start = node.range().start;
    let end = match (node.next_sibling(), node.parent()) {
        (Some(next), _) => next.range().start,
        (None, Some(parent)) => end_tag_span(text, parent).start,
        (None, None) => node.range().end,
    };
    start..end.max(node.range().end)
}

/// The CDATA sections in `range` of the source (`<![CDATA[` to `]]>`).
pub fn cdata_sections(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut sections = Vec::new();
    let mut at = range.start;
    while let Some(i) = text[at..range.end].find("<![CDATA[") {
        let start = at + i;
        let end = text[start..range.end]
            .find("]]>")
            .map_or(range.end, |j| start + j + 3);
        sections.push(start..end);
        at = end;
    }
    sections
}

/// An element's text value: its text children joined (entities decoded, CDATA included), and
/// the span from the first to the last of them in the source.
pub fn text_value<'a>(node: Node<'a, '_>) -> (String, Option<Range<usize>>) {
    let mut value = String::new();
    let mut span: Option<Range<usize>> = None;
    let text = node.document().input_text();
    for child in node.children().filter(|c| c.node_type() == NodeType::Text) {
        value.push_str(child.text().unwrap_or(""));
        let range = text_span(text, child);
        span = Some(match span {
            Some(s) => s.start..range.end,
            None => range,
        });
    }
    (value, span)
}

/// The byte offset roxmltree means by an error position: rows count `\n` only and columns
/// count characters from the last `\n`, both from 1.
pub fn error_offset(text: &str, row: u32, col: u32) -> usize {
    let mut line_start = 0;
    for _ in 1..row {
        match text[line_start..].find('\n') {
            Some(i) => line_start += i + 1,
            None => return text.len(),
        }
    }
    text[line_start..]
        .char_indices()
        .nth(col.saturating_sub(1) as usize)
        .map_or(text.len(), |(i, _)| line_start + i)
}
