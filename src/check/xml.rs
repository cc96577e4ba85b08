//! Spans and text of the parsed document: where a tag's name is, where a value's text is, and
//! where the parser stopped.

use std::ops::Range;

use roxmltree::{Node, NodeType};

/// XML white space: space, tab, carriage return, line feed. U+00A0 is not among them.
pub fn is_xml_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

/// The span of an element's name in its start tag (`<dom_id>` → `dom_id`).
pub fn name_span(text: &str, node: Node) -> Range<usize> {
    let start = (node.range().start + 1).min(text.len());
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
    match text[range.clone()].rfind("</") {
        Some(i) if node.has_children() => range.start + i..range.end,
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

/// An element's text value: its text children joined (entities decoded, CDATA included), and
/// the span from the first to the last of them in the source.
pub fn text_value<'a>(node: Node<'a, '_>) -> (String, Option<Range<usize>>) {
    let mut value = String::new();
    let mut span: Option<Range<usize>> = None;
    for child in node.children().filter(|c| c.node_type() == NodeType::Text) {
        value.push_str(child.text().unwrap_or(""));
        let range = child.range();
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
