//! The envelope of a packet: which elements are operators and which are operations.
//!
//! Nothing here is hard-coded: the operators are the members of the packet's choice of
//! elements (the largest one), and an operator's operations are the members of the choice
//! its type consists of. The occurrence of that choice becomes the `OPERATIONS` keyword's,
//! so `db_server` in requests (a choice occurring once) gets `OPERATIONS`.

use std::collections::BTreeSet;

use super::ImportError;
use super::decl::*;
use super::xsd::{Dir, SchemaSet};

/// The envelope of one direction.
pub struct Shape<'a> {
    /// The `packet` element.
    pub packet: &'a ElementDecl,
    /// The choice of operators inside the packet's model.
    pub choice: Site,
    /// The operators, in schema order.
    pub operators: Vec<OperatorShape<'a>>,
}

/// One operator.
pub struct OperatorShape<'a> {
    /// The operator element.
    pub element: &'a ElementDecl,
    /// Its documentation (the element's, else its type's).
    pub doc: Option<String>,
    /// How many operations one operator element holds.
    pub occurs: Occurs,
    /// The type is a sequence of one element rather than a choice of operations (`upload`):
    /// the same language, but not what the API calls operations.
    pub single_child: bool,
    /// The operation elements, in schema order.
    pub operations: Vec<&'a ElementDecl>,
}

impl Shape<'_> {
    /// The declarations that become table entries of their own.
    pub fn consumed_sites(&self) -> BTreeSet<Site> {
        let mut sites = BTreeSet::from([self.packet.site]);
        for operator in &self.operators {
            sites.insert(operator.element.site);
            sites.extend(operator.operations.iter().map(|op| op.site));
        }
        sites
    }
}

/// Finds the operators and operations of a direction.
pub fn shape(set: &SchemaSet, dir: Dir) -> Result<Shape<'_>, ImportError> {
    let packet = &set.dir(dir).packet;
    let def = complex_type(set, dir, packet)?;
    let particle = match &def.content {
        ComplexContent::Particle(particle) | ComplexContent::Extension { particle, .. } => {
            particle.as_ref()
        }
        _ => None,
    };
    let mut best: Option<&GroupDecl> = None;
    if let Some(group) = particle {
        largest_element_choice(group, &mut best);
    }
    let choice =
        best.ok_or_else(|| set.error(packet.site, "no choice of operators in <packet>"))?;
    let mut operators = Vec::new();
    for item in &choice.items {
        if let Particle::Element(element) = item {
            operators.push(operator(set, dir, element)?);
        }
    }
    Ok(Shape {
        packet,
        choice: choice.site,
        operators,
    })
}

/// The choice whose members are all elements and most numerous (nested choices included,
/// element types excluded).
fn largest_element_choice<'a>(group: &'a GroupDecl, best: &mut Option<&'a GroupDecl>) {
    let all_elements = group
        .items
        .iter()
        .all(|i| matches!(i, Particle::Element(_)));
    if group.kind == GroupKind::Choice
        && all_elements
        && best.is_none_or(|b| b.items.len() < group.items.len())
    {
        *best = Some(group);
    }
    for item in &group.items {
        if let Particle::Group(inner) = item {
            largest_element_choice(inner, best);
        }
    }
}

fn operator<'a>(
    set: &'a SchemaSet,
    dir: Dir,
    element: &'a ElementDecl,
) -> Result<OperatorShape<'a>, ImportError> {
    let def = complex_type(set, dir, element)?;
    let fail = |what: &str| {
        let name = &element.name;
        set.error(def.site, format!("operator `{name}`: {what}"))
    };
    if !def.attributes.is_empty() {
        return Err(fail("attributes on an operator are not supported"));
    }
    let ComplexContent::Particle(Some(group)) = &def.content else {
        return Err(fail("its type is not a plain choice of operations"));
    };
    let elements: Vec<&ElementDecl> = group
        .items
        .iter()
        .filter_map(|i| match i {
            Particle::Element(e) => Some(e),
            _ => None,
        })
        .collect();
    if elements.len() != group.items.len() || elements.is_empty() {
        return Err(fail(
            "its model holds something other than operation elements",
        ));
    }
    let occurs = match (group.kind, elements.as_slice()) {
        (GroupKind::Choice, _) if elements.iter().all(|e| e.occurs == Occurs::ONCE) => group.occurs,
        // sequence(result+) is the same as choice(result)+.
        (GroupKind::Sequence, [only]) if group.occurs == Occurs::ONCE => only.occurs,
        _ => {
            return Err(fail(
                "its model is not a choice of operations occurring once each",
            ));
        }
    };
    Ok(OperatorShape {
        element,
        doc: element.doc.clone().or_else(|| def.doc.clone()),
        occurs,
        single_child: group.kind == GroupKind::Sequence,
        operations: elements,
    })
}

/// The complex type of an element (named or anonymous).
fn complex_type<'a>(
    set: &'a SchemaSet,
    dir: Dir,
    element: &'a ElementDecl,
) -> Result<&'a ComplexDef, ImportError> {
    let fail = || {
        set.error(
            element.site,
            format!("`{}` has no complex type", element.name),
        )
    };
    match &element.ty {
        TypeUse::Complex(def) => Ok(def),
        TypeUse::Named(TypeName::Local(name)) => {
            match set.def(set.resolve(dir, name, element.site)?) {
                TypeDef::Complex(def) => Ok(def),
                TypeDef::Simple(_) => Err(fail()),
            }
        }
        _ => Err(fail()),
    }
}
