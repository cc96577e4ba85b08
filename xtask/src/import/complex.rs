//! Complex types → content models.
//!
//! The emitter walks one direction's declarations and builds `model.rs` trees. Named types
//! that are referenced from several places (see `usage.rs`) stay names, and every name it
//! writes is recorded so that the table defining it can be placed where the name resolves.

use std::collections::BTreeSet;

use super::ImportError;
use super::decl::*;
use super::model::{Attr, Body, Content, Node, Ty};
use super::notes::Notes;
use super::usage::Usage;
use super::xsd::{Dir, SchemaSet};

/// Inline types nested deeper than this mean a recursive type (the schema set has none).
const MAX_DEPTH: usize = 64;

/// Builds models for one direction.
pub struct Emitter<'a> {
    pub(super) set: &'a SchemaSet,
    pub(super) usage: &'a Usage,
    pub(super) dir: Dir,
    /// Names of named types written by the entry being built.
    pub(super) refs: BTreeSet<String>,
    pub(super) notes: &'a mut Notes,
    /// The packet's choice of operators, written as the `OPERATORS` keyword.
    pub(super) operators_choice: Option<Site>,
    depth: usize,
}

impl<'a> Emitter<'a> {
    /// An emitter for `dir`.
    pub fn new(set: &'a SchemaSet, usage: &'a Usage, dir: Dir, notes: &'a mut Notes) -> Self {
        Emitter {
            set,
            usage,
            dir,
            refs: BTreeSet::new(),
            notes,
            operators_choice: None,
            depth: 0,
        }
    }

    /// The names written since the last call, for placing their definitions.
    pub fn take_refs(&mut self) -> BTreeSet<String> {
        std::mem::take(&mut self.refs)
    }

    /// The body of an element that is a table entry of its own (packet, operation): the
    /// content of its type, written out even when the type also keeps its name elsewhere.
    pub fn element_body(&mut self, element: &ElementDecl) -> Result<Body, ImportError> {
        if element.nillable {
            let line = self.where_(element.site);
            self.notes.add(format!(
                "{line}: `{}` is nillable; the body of an operation cannot say so",
                element.name
            ));
        }
        match &element.ty {
            ty if is_any(ty) => Ok(self.any_body(element.site)),
            TypeUse::Named(TypeName::Builtin(name)) => {
                Ok(Body::of(Content::Text(format!("xs:{name}"))))
            }
            TypeUse::Named(TypeName::Local(name)) => {
                let id = self.set.resolve(self.dir, name, element.site)?;
                match self.set.def(id) {
                    TypeDef::Simple(_) => {
                        self.refs.insert(name.clone());
                        Ok(Body::of(Content::Text(name.clone())))
                    }
                    TypeDef::Complex(def) => self.complex_body(def),
                }
            }
            TypeUse::Complex(def) => self.complex_body(def),
            TypeUse::Simple(def) => Ok(Body::of(Content::Text(self.inline_value(def)?))),
            TypeUse::Untyped => Ok(self.any_body(element.site)),
        }
    }

    /// An untyped operation accepts anything: its body is the word `any`.
    fn any_body(&mut self, _site: Site) -> Body {
        let any = Node::Keyword("any", Occurs::ONCE);
        Body::of(Content::Model(GroupKind::Sequence, vec![any]))
    }

    /// The body of a complex type: attributes, then content.
    pub fn complex_body(&mut self, def: &ComplexDef) -> Result<Body, ImportError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self
                .set
                .error(def.site, "types nested too deep (a recursive type?)"));
        }
        let body = self.complex_body_inner(def);
        self.depth -= 1;
        body
    }

    fn complex_body_inner(&mut self, def: &ComplexDef) -> Result<Body, ImportError> {
        let mut attrs = Vec::new();
        let content = match &def.content {
            ComplexContent::Particle(particle) => self.top_model(particle.as_ref())?,
            ComplexContent::Restriction {
                base,
                base_site,
                particle,
            } => self.restriction(base, *base_site, particle.as_ref())?,
            ComplexContent::Extension {
                base,
                base_site,
                particle,
            } => self.extension(base, *base_site, particle.as_ref(), &mut attrs)?,
            ComplexContent::SimpleExtension { base, base_site } => {
                self.simple_extension(base, *base_site, &mut attrs)?
            }
        };
        for attribute in &def.attributes {
            attrs.push(Attr {
                name: attribute.name.clone(),
                required: attribute.required,
                ty: self.simple_use(&attribute.ty)?,
            });
        }
        Ok(Body { attrs, content })
    }

    /// `name?: type`
    pub fn element_node(&mut self, element: &ElementDecl) -> Result<Node, ImportError> {
        let mut ty = self.element_type(element)?;
        if element.nillable {
            match &mut ty {
                Ty::Named(name) => name.push_str(" nillable"),
                Ty::Inline(_) => {
                    let line = self.where_(element.site);
                    self.notes.add(format!(
                        "{line}: `{}` is nillable with an anonymous complex type (not expressible)",
                        element.name
                    ));
                }
            }
        }
        if let Some(default) = &element.default {
            match &mut ty {
                Ty::Named(name) => {
                    let escaped = default.replace('\\', "\\\\").replace('"', "\\\"");
                    name.push_str(&format!(" default \"{escaped}\""));
                }
                Ty::Inline(_) => {
                    let line = self.where_(element.site);
                    self.notes.add(format!(
                        "{line}: `{}` has a default and an anonymous type (not expressible)",
                        element.name
                    ));
                }
            }
        }
        Ok(Node::Element {
            name: element.name.clone(),
            occurs: element.occurs,
            ty,
        })
    }

    fn element_type(&mut self, element: &ElementDecl) -> Result<Ty, ImportError> {
        if is_any(&element.ty) {
            return Ok(Ty::Named("any".into()));
        }
        match &element.ty {
            TypeUse::Named(TypeName::Local(name)) => {
                let id = self.set.resolve(self.dir, name, element.site)?;
                match self.set.def(id) {
                    TypeDef::Complex(def) if !self.usage.keep_named(self.set, id) => {
                        Ok(Ty::Inline(self.complex_body(def)?))
                    }
                    _ => {
                        self.refs.insert(name.clone());
                        Ok(Ty::Named(name.clone()))
                    }
                }
            }
            TypeUse::Named(builtin) => Ok(Ty::Named(type_name(builtin))),
            TypeUse::Complex(def) => Ok(Ty::Inline(self.complex_body(def)?)),
            TypeUse::Simple(def) => Ok(Ty::Named(self.inline_value(def)?)),
            TypeUse::Untyped => Ok(Ty::Named("any".into())),
        }
    }

    /// `file.xsd:line`, for notes.
    pub(super) fn where_(&self, site: Site) -> String {
        let path = self.set.path(site.file);
        let file = path.file_name().map_or_else(
            || path.display().to_string(),
            |f| f.to_string_lossy().into_owned(),
        );
        format!("{file}:{}", site.line)
    }
}

/// Untyped elements and `xs:anyType` accept anything.
fn is_any(ty: &TypeUse) -> bool {
    match ty {
        TypeUse::Untyped => true,
        TypeUse::Named(TypeName::Builtin(name)) => name == "anyType",
        _ => false,
    }
}

/// A type name as the rules language writes it: built-ins with the `xs:` prefix.
pub fn type_name(name: &TypeName) -> String {
    match name {
        TypeName::Builtin(local) => format!("xs:{local}"),
        TypeName::Local(local) => local.clone(),
    }
}
