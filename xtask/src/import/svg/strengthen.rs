//! Rule sets never weaker than the schema. The 1.6.9.1 diagrams name an element's type but
//! draw no facets: where the 2015 schema restricts an element's value in place (an inline
//! enumeration, pattern, range or length: DNS record `type`, `overuse`), the diagram shows
//! only the base type (`string`), and translating it as drawn would silently accept what the
//! server refuses. So each element of a 1.6.9.1 operation whose drawn type is the base of the
//! 2015 element's restricted type, at the same place in the same operation, keeps the 2015
//! type. A drawn type that is not that base is a real change and is kept as drawn.

use std::collections::BTreeMap;

use super::super::generate::{NamedRules, NamedText};
use super::super::model::{Body, Content, Node, Ty};

/// Gives the elements of `body` (1.6.9.1, as drawn) the 2015 restriction of the same element
/// in `base` where the drawing shows only its base type; returns the paths it changed.
pub fn strengthen(
    body: &mut Body,
    base: &Body,
    named: &BTreeMap<String, NamedRules>,
) -> Vec<String> {
    let mut changed = Vec::new();
    walk(body, base, named, "", &mut changed);
    changed
}

fn walk(
    body: &mut Body,
    base: &Body,
    named: &BTreeMap<String, NamedRules>,
    path: &str,
    changed: &mut Vec<String>,
) {
    let (Content::Model(_, items), Content::Model(_, base_items)) =
        (&mut body.content, &base.content)
    else {
        return;
    };
    let mut base_elements = Vec::new();
    for item in base_items {
        elements(item, named, &mut base_elements);
    }
    for item in items.iter_mut() {
        visit(item, &base_elements, named, path, changed);
    }
}

fn visit(
    node: &mut Node,
    base_elements: &[(&str, &Ty)],
    named: &BTreeMap<String, NamedRules>,
    path: &str,
    changed: &mut Vec<String>,
) {
    match node {
        Node::Element { name, ty, .. } => {
            let Some((_, base_ty)) = base_elements.iter().find(|(n, _)| n == name) else {
                return;
            };
            let here = format!("{path}/{name}");
            match (ty, base_ty) {
                (Ty::Named(drawn), Ty::Named(restricted)) => {
                    if let Some(stronger) = stronger(drawn, restricted, named) {
                        *drawn = stronger;
                        changed.push(here);
                    }
                }
                (Ty::Inline(inner), Ty::Inline(base_inner)) => {
                    walk(inner, base_inner, named, &here, changed);
                }
                // The diagram expands named models in place.
                (Ty::Inline(inner), Ty::Named(model)) => {
                    if let Some(NamedText::Model(base_inner)) =
                        named.get(model.as_str()).map(|n| &n.text)
                    {
                        walk(inner, base_inner, named, &here, changed);
                    }
                }
                _ => {}
            }
        }
        Node::Group { items, .. } => {
            for item in items {
                visit(item, base_elements, named, path, changed);
            }
        }
        Node::Splice(_) | Node::Keyword(..) => {}
    }
}

/// The elements of a particle, through its groups and spliced named models, by name.
fn elements<'a>(
    node: &'a Node,
    named: &'a BTreeMap<String, NamedRules>,
    out: &mut Vec<(&'a str, &'a Ty)>,
) {
    match node {
        Node::Element { name, ty, .. } => out.push((name, ty)),
        Node::Group { items, .. } => items.iter().for_each(|item| elements(item, named, out)),
        Node::Splice(model) => {
            if let Some(NamedText::Model(Body {
                content: Content::Model(_, items),
                ..
            })) = named.get(model.as_str()).map(|n| &n.text)
            {
                items.iter().for_each(|item| elements(item, named, out));
            }
        }
        Node::Keyword(..) => {}
    }
}

/// The 2015 type to keep instead of `drawn`, if `restricted` narrows it: written in place
/// (`string ("A" | "CNAME")`), or a named value type with facets on that base.
fn stronger(drawn: &str, restricted: &str, named: &BTreeMap<String, NamedRules>) -> Option<String> {
    let (drawn_base, nillable) = match drawn.strip_suffix(" nillable") {
        Some(base) => (base, " nillable"),
        None => (drawn, ""),
    };
    let restricted = restricted.strip_suffix(" nillable").unwrap_or(restricted);
    if restricted == drawn_base {
        return None;
    }
    let same_base = |base: &str| {
        base.strip_prefix("xs:").unwrap_or(base)
            == drawn_base.strip_prefix("xs:").unwrap_or(drawn_base)
    };
    // Written in place: `xs:string ("text/html" | "text/plain")`, `int range 1..65535`,
    // `xs:string collapse length 1..`. A `default` alone restricts nothing.
    if let Some((base, facets)) = restricted.split_once(' ')
        && same_base(base)
        && [
            "(", "range ", "length ", "pattern ", "collapse", "replace", "preserve",
        ]
        .iter()
        .any(|facet| facets.starts_with(facet))
    {
        return Some(format!("{restricted}{nillable}"));
    }
    match named.get(restricted).map(|n| &n.text) {
        Some(NamedText::Value(expr))
            if expr.members.len() == 1
                && same_base(&expr.members[0].base)
                && !expr.members[0].facets.is_empty() =>
        {
            Some(format!("{restricted}{nillable}"))
        }
        _ => None,
    }
}
