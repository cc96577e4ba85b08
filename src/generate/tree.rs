//! The generated packets as a small element tree, and its rendering: one element per line,
//! indented by depth, so that a line number names one element.

use std::sync::Arc;

use crate::rules::value::ValueType;

/// One generated element.
#[derive(Debug, Clone)]
pub struct Element {
    /// The tag name.
    pub name: String,
    /// Attributes, in declaration order.
    pub attributes: Vec<Attribute>,
    /// What it holds.
    pub content: Content,
    /// Its children may come in any order (xs:all), which changes where a missing one is
    /// reported.
    pub unordered: bool,
    /// It stands for a wildcard (`ANY`): its name is made up, so renaming it proves nothing.
    pub wildcard: bool,
}

/// A generated attribute.
#[derive(Debug, Clone)]
pub struct Attribute {
    /// The attribute name.
    pub name: String,
    /// Its text.
    pub value: String,
    /// Its declared value type.
    pub ty: Arc<ValueType>,
}

/// The content of a generated element.
#[derive(Debug, Clone)]
pub enum Content {
    /// Nothing: written `<name/>`.
    Empty,
    /// A text value of a declared type.
    Text {
        /// The text.
        value: String,
        /// Its declared value type.
        ty: Arc<ValueType>,
    },
    /// Child elements, one per line.
    Children(Vec<Element>),
}

impl Element {
    /// An element with no attributes and no content.
    pub fn empty(name: &str) -> Element {
        Element {
            name: name.to_string(),
            attributes: Vec::new(),
            content: Content::Empty,
            unordered: false,
            wildcard: false,
        }
    }

    /// An element holding `children`.
    pub fn with_children(name: &str, children: Vec<Element>) -> Element {
        Element {
            content: Content::Children(children),
            ..Element::empty(name)
        }
    }

    /// The child elements (none for a leaf).
    pub fn children(&self) -> &[Element] {
        match &self.content {
            Content::Children(children) => children,
            _ => &[],
        }
    }

    /// The element at `path` (child indices from this element).
    pub fn at(&self, path: &[usize]) -> &Element {
        path.iter().fold(self, |node, &i| &node.children()[i])
    }

    /// The element at `path`, mutably.
    pub fn at_mut(&mut self, path: &[usize]) -> &mut Element {
        let mut node = self;
        for &i in path {
            node = match &mut node.content {
                Content::Children(children) => &mut children[i],
                _ => panic!("path runs through a leaf"),
            };
        }
        node
    }

    /// The children of the element at `path`, mutably; a leaf becomes a parent.
    pub fn children_mut(&mut self, path: &[usize]) -> &mut Vec<Element> {
        let node = self.at_mut(path);
        if !matches!(node.content, Content::Children(_)) {
            node.content = Content::Children(Vec::new());
        }
        match &mut node.content {
            Content::Children(children) => children,
            _ => unreachable!("just made a parent"),
        }
    }

    /// The paths of every element below this one, in document order.
    pub fn descendants(&self) -> Vec<Vec<usize>> {
        let mut out = Vec::new();
        let mut path = Vec::new();
        collect(self, &mut path, &mut out);
        out
    }
}

fn collect(node: &Element, path: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
    for (i, child) in node.children().iter().enumerate() {
        path.push(i);
        out.push(path.clone());
        collect(child, path, out);
        path.pop();
    }
}

/// A line of the rendered text to report: the start tag or the end tag of the element at a
/// path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anchor {
    /// The line of the element's start tag.
    Start(Vec<usize>),
    /// The line of the element's end tag (its start tag when it is written on one line).
    End(Vec<usize>),
}

/// Renders a packet with an XML declaration, one element per line; also the 1-based line of
/// each of `anchors` (`None` for an anchor that names no element).
pub fn render(root: &Element, anchors: &[Anchor]) -> (String, Vec<Option<usize>>) {
    let mut writer = Writer {
        out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
        line: 2,
        anchors,
        found: vec![None; anchors.len()],
        path: Vec::new(),
    };
    writer.element(root, 0);
    (writer.out, writer.found)
}

struct Writer<'a> {
    out: String,
    line: usize,
    anchors: &'a [Anchor],
    found: Vec<Option<usize>>,
    path: Vec<usize>,
}

impl Writer<'_> {
    fn element(&mut self, node: &Element, depth: usize) {
        self.mark(|anchor, path| matches!(anchor, Anchor::Start(p) if p == path));
        self.indent(depth);
        self.out.push('<');
        self.out.push_str(&node.name);
        for attribute in &node.attributes {
            self.out.push(' ');
            self.out.push_str(&attribute.name);
            self.out.push_str("=\"");
            escape(&attribute.value, true, &mut self.out);
            self.out.push('"');
        }
        match &node.content {
            Content::Empty => self.out.push_str("/>"),
            Content::Children(children) if children.is_empty() => self.out.push_str("/>"),
            Content::Text { value, .. } => {
                self.out.push('>');
                escape(value, false, &mut self.out);
                self.out.push_str("</");
                self.out.push_str(&node.name);
                self.out.push('>');
            }
            Content::Children(children) => {
                self.out.push('>');
                self.newline();
                for (i, child) in children.iter().enumerate() {
                    self.path.push(i);
                    self.element(child, depth + 1);
                    self.path.pop();
                }
                self.indent(depth);
                self.out.push_str("</");
                self.out.push_str(&node.name);
                self.out.push('>');
            }
        }
        self.mark(|anchor, path| matches!(anchor, Anchor::End(p) if p == path));
        self.newline();
    }

    /// Records the current line for the anchors `here` says are at the current element.
    fn mark(&mut self, here: impl Fn(&Anchor, &[usize]) -> bool) {
        for (anchor, found) in self.anchors.iter().zip(&mut self.found) {
            if here(anchor, &self.path) {
                *found = Some(self.line);
            }
        }
    }

    fn indent(&mut self, depth: usize) {
        for _ in 0..depth {
            self.out.push_str("  ");
        }
    }

    fn newline(&mut self) {
        self.out.push('\n');
        self.line += 1;
    }
}

/// Escapes markup characters; newlines inside a value would shift every later line, so they
/// are written as character references too.
fn escape(text: &str, attribute: bool, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' if attribute => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Anchor, Element, render};

    #[test]
    fn one_element_per_line_and_anchors_name_lines() {
        let packet = Element::with_children(
            "packet",
            vec![Element::with_children(
                "site",
                vec![Element::empty("get"), Element::empty("del")],
            )],
        );
        let (text, lines) = render(&packet, &[Anchor::Start(vec![0, 1]), Anchor::End(vec![0])]);
        assert_eq!(
            text,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<packet>\n  <site>\n    <get/>\n    <del/>\n  </site>\n</packet>\n"
        );
        assert_eq!(lines, [Some(5), Some(6)]);
    }
}
