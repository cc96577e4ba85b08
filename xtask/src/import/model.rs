//! The content models the importer writes, as a small tree, and their layout as text.
//!
//! Models are built as a tree first so that the same model can be written on one line when
//! it is short and one particle per line (nested inline types indented) when it is not. The
//! text follows the grammar of rules/README.md exactly; nothing else in the importer
//! produces model syntax.

use super::decl::{GroupKind, Occurs};

/// Lines longer than this are broken, one particle per line.
pub const WIDTH: usize = 90;

/// How far a nested level is indented.
const INDENT: usize = 2;

/// One particle of a model.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// `name?: type`
    Element {
        /// The element name.
        name: String,
        /// Its occurrence.
        occurs: Occurs,
        /// Its type.
        ty: Ty,
    },
    /// `( ... )?`
    Group {
        /// Sequence, choice or all.
        kind: GroupKind,
        /// The members.
        items: Vec<Node>,
        /// Occurrence of the whole group.
        occurs: Occurs,
    },
    /// `...TypeName`
    Splice(String),
    /// `OPERATIONS+`, `OPERATORS+`, `ANY*`.
    Keyword(&'static str, Occurs),
}

/// What an element contains: a type name (with facets or `nillable`) or `{ body }`.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    /// A named type, a built-in, or a value type with facets written in place.
    Named(String),
    /// An anonymous model.
    Inline(Body),
}

/// The inside of `{ ... }`: attributes, then content.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// `@name?: Type`, in schema order.
    pub attrs: Vec<Attr>,
    /// Elements, a text value, or nothing.
    pub content: Content,
}

/// `@name?: Type`
#[derive(Debug, Clone, PartialEq)]
pub struct Attr {
    /// The attribute name.
    pub name: String,
    /// Written without `?`.
    pub required: bool,
    /// The value type, facets included.
    pub ty: String,
}

/// The content of a body.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    /// No elements and no text.
    Empty,
    /// A top-level model: its items joined by `,`, `|` or `&`, without parentheses.
    Model(GroupKind, Vec<Node>),
    /// `#text: Type`
    Text(String),
}

impl Body {
    /// A body with no attributes.
    pub fn of(content: Content) -> Body {
        Body {
            attrs: Vec::new(),
            content,
        }
    }

    /// The body on one line, without braces.
    pub fn flat(&self) -> String {
        let mut parts: Vec<String> = self
            .attrs
            .iter()
            .map(|a| format!("{},", a.flat()))
            .collect();
        match &self.content {
            Content::Empty => {}
            Content::Text(ty) => parts.push(format!("#text: {ty}")),
            Content::Model(kind, items) => parts.push(join_flat(*kind, items)),
        }
        parts.join(" ")
    }

    /// The body one particle per line, each line indented by `indent`. A lone particle is
    /// opened up even if it would fit: the caller asks for lines because the entry's line
    /// (key included) is too wide.
    pub fn lines(&self, indent: usize) -> Vec<String> {
        let mut out = Vec::new();
        self.push_lines(indent, true, &mut out);
        out
    }

    fn push_lines(&self, indent: usize, open_lone: bool, out: &mut Vec<String>) {
        let pad = " ".repeat(indent);
        for attr in &self.attrs {
            out.push(format!("{pad}{},", attr.flat()));
        }
        match &self.content {
            Content::Empty => {}
            Content::Text(ty) => out.push(format!("{pad}#text: {ty}")),
            Content::Model(kind, items) => {
                let open = open_lone && self.attrs.is_empty() && items.len() == 1;
                push_items(*kind, items, indent, open, out);
            }
        }
    }
}

impl Attr {
    fn flat(&self) -> String {
        let optional = if self.required { "" } else { "?" };
        format!("@{}{optional}: {}", self.name, self.ty)
    }
}

impl Node {
    /// The particle on one line.
    pub fn flat(&self) -> String {
        match self {
            Node::Element { name, occurs, ty } => {
                format!("{name}{}: {}", occurs.suffix(), ty.flat())
            }
            Node::Group {
                kind,
                items,
                occurs,
            } => format!("({}){}", join_flat(*kind, items), occurs.suffix()),
            Node::Splice(name) => format!("...{name}"),
            Node::Keyword(word, occurs) => format!("{word}{}", occurs.suffix()),
        }
    }
}

impl Ty {
    fn flat(&self) -> String {
        match self {
            Ty::Named(name) => name.clone(),
            Ty::Inline(body) if body.attrs.is_empty() && body.content == Content::Empty => {
                "{ }".into()
            }
            Ty::Inline(body) => format!("{{ {} }}", body.flat()),
        }
    }
}

/// The separator written between the members of a group on one line.
fn separator(kind: GroupKind) -> &'static str {
    match kind {
        GroupKind::Sequence => ", ",
        GroupKind::Choice => " | ",
        GroupKind::All => " & ",
    }
}

fn join_flat(kind: GroupKind, items: &[Node]) -> String {
    let flat: Vec<String> = items.iter().map(Node::flat).collect();
    flat.join(separator(kind))
}

/// Members one per line: a sequence ends each line but the last with `,`; a choice (or
/// all) starts each line but the first with `| ` (or `& `), the first with two spaces so
/// the branches line up.
fn push_items(kind: GroupKind, items: &[Node], indent: usize, open: bool, out: &mut Vec<String>) {
    for (i, item) in items.iter().enumerate() {
        let last = i + 1 == items.len();
        let (prefix, suffix) = match kind {
            GroupKind::Sequence => ("", if last { "" } else { "," }),
            GroupKind::Choice if items.len() > 1 => (if i == 0 { "  " } else { "| " }, ""),
            GroupKind::All if items.len() > 1 => (if i == 0 { "  " } else { "& " }, ""),
            _ => ("", ""),
        };
        push_item(item, indent, (prefix, suffix), open, out);
    }
}

/// One member: on one line if it fits (and `open` is not asked), else opened, its members
/// indented, and closed.
fn push_item(
    node: &Node,
    indent: usize,
    (prefix, suffix): (&str, &str),
    open: bool,
    out: &mut Vec<String>,
) {
    let pad = " ".repeat(indent);
    let flat = format!("{pad}{prefix}{}{suffix}", node.flat());
    let inner = indent + prefix.len() + INDENT;
    let open = open || width(&flat) > WIDTH;
    match node {
        Node::Element {
            name,
            occurs,
            ty: Ty::Inline(body),
        } if open && body.content != Content::Empty => {
            out.push(format!("{pad}{prefix}{name}{}: {{", occurs.suffix()));
            body.push_lines(inner, false, out);
            out.push(format!("{pad}{}}}{suffix}", " ".repeat(prefix.len())));
        }
        Node::Group {
            kind,
            items,
            occurs,
        } if open => {
            out.push(format!("{pad}{prefix}("));
            push_items(*kind, items, inner, false, out);
            let close = " ".repeat(prefix.len());
            out.push(format!("{pad}{close}){}{suffix}", occurs.suffix()));
        }
        _ => out.push(flat),
    }
}

/// Display width in characters (the schema's names and literals are ASCII, but a
/// documentation string or enumeration need not be).
pub fn width(text: &str) -> usize {
    text.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn element(name: &str, occurs: Occurs, ty: &str) -> Node {
        Node::Element {
            name: name.into(),
            occurs,
            ty: Ty::Named(ty.into()),
        }
    }

    #[test]
    fn optional_choice_and_extension_print_as_in_the_spec() {
        let optional = Occurs {
            min: 0,
            max: Some(1),
        };
        let choice = Node::Group {
            kind: GroupKind::Choice,
            items: vec![
                element("owner-id", Occurs::ONCE, "id_type"),
                element("owner-login", Occurs::ONCE, "string"),
            ],
            occurs: optional,
        };
        assert_eq!(choice.flat(), "(owner-id: id_type | owner-login: string)?");
        let result = Body::of(Content::Model(
            GroupKind::Sequence,
            vec![
                Node::Splice("resultType".into()),
                Node::Group {
                    kind: GroupKind::Sequence,
                    items: vec![element("id", Occurs::ONCE, "int")],
                    occurs: optional,
                },
            ],
        ));
        let node = Node::Element {
            name: "result".into(),
            occurs: Occurs::ONCE,
            ty: Ty::Inline(result),
        };
        assert_eq!(node.flat(), "result: { ...resultType, (id: int)? }");
    }

    #[test]
    fn attributes_only_keep_their_commas() {
        let body = Body {
            attrs: vec![Attr {
                name: "total".into(),
                required: true,
                ty: "xs:string".into(),
            }],
            content: Content::Empty,
        };
        assert_eq!(body.flat(), "@total: xs:string,");
    }

    #[test]
    fn long_groups_break_one_member_per_line() {
        let items = (0..8)
            .map(|i| element(&format!("element-number-{i}"), Occurs::ONCE, "string"))
            .collect();
        let group = Node::Group {
            kind: GroupKind::Choice,
            items,
            occurs: Occurs {
                min: 0,
                max: Some(1),
            },
        };
        let body = Body::of(Content::Model(GroupKind::Sequence, vec![group]));
        let lines = body.lines(0);
        assert_eq!(lines[0], "(");
        assert_eq!(lines[1], "    element-number-0: string");
        assert_eq!(lines[2], "  | element-number-1: string");
        assert_eq!(lines[9], ")?");
    }
}
