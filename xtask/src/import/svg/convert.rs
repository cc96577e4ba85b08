//! Diagram boxes → the importer's model trees (`model.rs`), so the 1.6.9.1 tables are laid
//! out by the same code as the 2015 ones and read the same.
//!
//! The diagram expands every named complex type in place, so models are written inline;
//! value types keep their names and are defined by the caller (`Types`), from the 2015
//! schema where it has the name.

use super::super::decl::{GroupKind, Occurs};
use super::super::model::{Attr, Body, Content, Node, Ty};
use super::tree::{Box_, Kind};

/// What a leaf element's type name becomes: the caller looks names up in the 2015 schema.
pub trait Types {
    /// The type to write for a named type drawn without children (a value type, or a
    /// complex type whose content the diagram does not draw, such as an empty one).
    fn leaf(&mut self, name: &str) -> Ty;
}

/// Whether `element` is XsdVi's drawing of an untyped element (`type: anyType` or none) with
/// a content of `sequence(any lax 0..∞)` (plus anyAttribute), which the rules call `any`.
pub fn untyped(element: &Box_) -> bool {
    if element
        .ty
        .as_deref()
        .is_some_and(|t| t != "anyType" && t != "xs:anyType")
    {
        return false;
    }
    let content: Vec<&Box_> = content_children(element).collect();
    match content.as_slice() {
        [] => true,
        [seq] => {
            seq.kind == Kind::Compositor(GroupKind::Sequence)
                && seq.occurs == Occurs::ONCE
                && matches!(seq.children.as_slice(),
                    [any] if matches!(&any.kind, Kind::Any(p) if p == "lax")
                        && any.occurs == Occurs { min: 0, max: None })
        }
        _ => false,
    }
}

/// Children that are content (not attributes).
fn content_children(element: &Box_) -> impl Iterator<Item = &Box_> {
    element
        .children
        .iter()
        .filter(|c| !matches!(c.kind, Kind::Attribute(_) | Kind::AnyAttribute))
}

/// The body of an element: attributes, then its one compositor (or nothing).
pub fn body(element: &Box_, types: &mut dyn Types) -> Body {
    let attrs = element
        .children
        .iter()
        .filter_map(|c| match c.kind {
            Kind::Attribute(required) => Some(Attr {
                name: c.name.clone(),
                required,
                ty: match types.leaf(c.ty.as_deref().unwrap_or("string")) {
                    Ty::Named(name) => name,
                    Ty::Inline(_) => "string".into(),
                },
            }),
            _ => None,
        })
        .collect();
    let items: Vec<Node> = content_children(element).map(|c| node(c, types)).collect();
    let content = match items.as_slice() {
        [] => Content::Empty,
        [
            Node::Group {
                kind,
                items,
                occurs,
            },
        ] if *occurs == Occurs::ONCE => Content::Model(*kind, items.clone()),
        _ => Content::Model(GroupKind::Sequence, items),
    };
    Body { attrs, content }
}

/// The type of an element: `any`, a name, or `{ body }`.
pub fn element_ty(element: &Box_, types: &mut dyn Types) -> Ty {
    if untyped(element) {
        return Ty::Named("any".into());
    }
    let has_content = element
        .children
        .iter()
        .any(|c| !matches!(c.kind, Kind::AnyAttribute));
    let ty = if !has_content {
        types.leaf(element.ty.as_deref().unwrap_or("any"))
    } else {
        Ty::Inline(body(element, types))
    };
    match ty {
        Ty::Named(name) if element.nillable => Ty::Named(format!("{name} nillable")),
        other => other,
    }
}

/// One particle.
pub fn node(b: &Box_, types: &mut dyn Types) -> Node {
    match &b.kind {
        Kind::Element => Node::Element {
            name: b.name.clone(),
            occurs: b.occurs,
            ty: element_ty(b, types),
        },
        // The rules grammar has one `ANY`: lax. XsdVi shows a handful of `skip` wildcards,
        // which accept the same documents for a checker that does not validate inside them.
        Kind::Any(_) => Node::Keyword("ANY", b.occurs),
        Kind::Compositor(kind) => {
            let mut items = Vec::new();
            for child in content_children(b) {
                match node(child, types) {
                    // A sequence of one inside a sequence says nothing: flatten it.
                    Node::Group {
                        kind: GroupKind::Sequence,
                        items: inner,
                        occurs,
                    } if *kind == GroupKind::Sequence && occurs == Occurs::ONCE => {
                        items.extend(inner)
                    }
                    other => items.push(other),
                }
            }
            Node::Group {
                kind: *kind,
                items,
                occurs: b.occurs,
            }
        }
        Kind::Schema | Kind::Attribute(_) | Kind::AnyAttribute => {
            unreachable!("filtered by content_children")
        }
    }
}
