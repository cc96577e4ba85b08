//! The content of complex types: compositors, and the three derivations (complexContent
//! extension and restriction, simpleContent extension).
//!
//! Groups are written as the schema nests them, minus what changes nothing: a group that
//! occurs once inside a group of the same kind is flattened, and a one-member group that
//! occurs once is its member. Everything else keeps its parentheses and occurrence, so
//! `choice minOccurs="0"` stays `( a | b )?` and `sequence minOccurs="0"` stays `( a, b )?`.

use super::ImportError;
use super::complex::{Emitter, type_name};
use super::decl::*;
use super::model::{Attr, Content, Node};

impl Emitter<'_> {
    /// complexContent extension: the base's particles first (a splice when the base keeps
    /// its name, else its content in place), then the extension's own.
    pub(super) fn extension(
        &mut self,
        base: &TypeName,
        base_site: Site,
        particle: Option<&GroupDecl>,
        attrs: &mut Vec<Attr>,
    ) -> Result<Content, ImportError> {
        let mut items = Vec::new();
        if let Some(id) = self.set.local(self.dir, base, base_site)? {
            let TypeDef::Complex(def) = self.set.def(id) else {
                let message = "complexContent extends a simple type";
                return Err(self.set.error(base_site, message));
            };
            if self.usage.keep_named(self.set, id) && self.spliceable(def, 0) {
                items.push(Node::Splice(type_name(base)));
                self.refs.insert(type_name(base));
            } else {
                let body = self.complex_body(def)?;
                attrs.extend(body.attrs);
                if particle.is_none() {
                    return Ok(body.content);
                }
                items.extend(as_sequence_items(body.content, base_site, self)?);
            }
        } else if type_name(base) != "xs:anyType" {
            let message = "complexContent extends a built-in type";
            return Err(self.set.error(base_site, message));
        }
        if items.is_empty() {
            return self.top_model(particle);
        }
        if let Some(group) = particle {
            let own = self.top_model(Some(group))?;
            items.extend(as_sequence_items(own, group.site, self)?);
        }
        Ok(Content::Model(GroupKind::Sequence, items))
    }

    /// Whether a named model can be spliced: the rules grammar splices sequences and
    /// choices only, not an `&` model or a text value, so those bases are written in place.
    fn spliceable(&self, def: &ComplexDef, depth: usize) -> bool {
        match &def.content {
            ComplexContent::Particle(particle) | ComplexContent::Restriction { particle, .. } => {
                particle.as_ref().is_none_or(|g| g.kind != GroupKind::All)
            }
            ComplexContent::SimpleExtension { .. } => false,
            ComplexContent::Extension {
                particle: Some(_), ..
            } => true,
            ComplexContent::Extension {
                base,
                base_site,
                particle: None,
            } => match self.set.local(self.dir, base, *base_site) {
                Ok(Some(id)) => match self.set.def(id) {
                    TypeDef::Complex(base) => depth < 64 && self.spliceable(base, depth + 1),
                    TypeDef::Simple(_) => false,
                },
                Ok(None) => true,
                Err(_) => false,
            },
        }
    }

    /// complexContent restriction: the restricted model itself. Attributes would be
    /// inherited from the base; the one restriction in the schema set has none, and any
    /// other case is reported rather than guessed.
    pub(super) fn restriction(
        &mut self,
        base: &TypeName,
        base_site: Site,
        particle: Option<&GroupDecl>,
    ) -> Result<Content, ImportError> {
        if let Some(id) = self.set.local(self.dir, base, base_site)?
            && let TypeDef::Complex(def) = self.set.def(id)
            && !def.attributes.is_empty()
        {
            let line = self.where_(base_site);
            self.notes.add(format!(
                "{line}: attributes inherited by a restriction are not written"
            ));
        }
        self.top_model(particle)
    }

    /// simpleContent extension: `#text: Base` plus the attributes.
    pub(super) fn simple_extension(
        &mut self,
        base: &TypeName,
        base_site: Site,
        attrs: &mut Vec<Attr>,
    ) -> Result<Content, ImportError> {
        match self.set.local(self.dir, base, base_site)? {
            None => Ok(Content::Text(type_name(base))),
            Some(id) => match self.set.def(id) {
                TypeDef::Simple(_) => {
                    self.refs.insert(type_name(base));
                    Ok(Content::Text(type_name(base)))
                }
                TypeDef::Complex(def) => {
                    let body = self.complex_body(def)?;
                    attrs.extend(body.attrs);
                    match body.content {
                        Content::Text(text) => Ok(Content::Text(text)),
                        _ => Err(self
                            .set
                            .error(base_site, "simpleContent of element content")),
                    }
                }
            },
        }
    }

    /// The model of a type's top-level particle: its members joined without parentheses
    /// when it occurs once, else one group carrying the occurrence.
    pub(super) fn top_model(
        &mut self,
        particle: Option<&GroupDecl>,
    ) -> Result<Content, ImportError> {
        let Some(group) = particle else {
            return Ok(Content::Empty);
        };
        let items = self.members(group)?;
        if group.kind == GroupKind::All && group.occurs != Occurs::ONCE {
            return Ok(self.optional_all(group, items));
        }
        if items.is_empty() {
            return Ok(self.empty_group(group));
        }
        if group.occurs == Occurs::ONCE {
            return Ok(Content::Model(group.kind, items));
        }
        let node = group_node(group.kind, items, group.occurs);
        Ok(Content::Model(GroupKind::Sequence, vec![node]))
    }

    /// `xs:all minOccurs="0"`: the spec writes optional alls by making members optional.
    /// That is exact when every member is optional already (the all may then be empty
    /// anyway); otherwise it is reported.
    fn optional_all(&mut self, group: &GroupDecl, items: Vec<Node>) -> Content {
        let all_optional = group.items.iter().all(|item| match item {
            Particle::Element(e) => e.occurs.min == 0,
            _ => false,
        });
        if !(all_optional && group.occurs.min == 0 && group.occurs.max == Some(1)) {
            let line = self.where_(group.site);
            let occurs = group.occurs.suffix();
            self.notes.add(format!(
                "{line}: an xs:all occurring `{occurs}` with required members is written as a \
                 plain all (inexact)"
            ));
        }
        Content::Model(GroupKind::All, items)
    }

    fn empty_group(&mut self, group: &GroupDecl) -> Content {
        if group.kind == GroupKind::Choice && group.occurs.min > 0 {
            let line = self.where_(group.site);
            self.notes.add(format!(
                "{line}: an empty required xs:choice is written as empty"
            ));
        }
        Content::Empty
    }

    /// The members of a group, ready to be joined with the group's separator: nested
    /// groups of the same kind that occur once are flattened, one-member groups that occur
    /// once are replaced by their member, and the packet's operator choice by `OPERATORS`.
    fn members(&mut self, group: &GroupDecl) -> Result<Vec<Node>, ImportError> {
        let mut out = Vec::new();
        for item in &group.items {
            match item {
                Particle::Element(element) => out.push(self.element_node(element)?),
                Particle::Any {
                    occurs,
                    process_contents,
                    site,
                } => {
                    if process_contents != "lax" {
                        let line = self.where_(*site);
                        self.notes.add(format!(
                            "{line}: xs:any processContents=\"{process_contents}\" is written ANY (lax)"
                        ));
                    }
                    out.push(Node::Keyword("ANY", *occurs));
                }
                Particle::Group(inner) if Some(inner.site) == self.operators_choice => {
                    out.push(Node::Keyword("OPERATORS", inner.occurs));
                }
                Particle::Group(inner) => {
                    let members = self.members(inner)?;
                    let once = inner.occurs == Occurs::ONCE;
                    if inner.kind == GroupKind::All {
                        let line = self.where_(inner.site);
                        self.notes
                            .add(format!("{line}: a nested xs:all (not XSD 1.0)"));
                    }
                    if members.is_empty() {
                        let _ = self.empty_group(inner);
                    } else if once && (inner.kind == group.kind || members.len() == 1) {
                        out.extend(members);
                    } else {
                        out.push(group_node(inner.kind, members, inner.occurs));
                    }
                }
            }
        }
        Ok(out)
    }
}

/// A group node; callers have already flattened what can be.
fn group_node(kind: GroupKind, items: Vec<Node>, occurs: Occurs) -> Node {
    Node::Group {
        kind,
        items,
        occurs,
    }
}

/// Content as members of an enclosing sequence (an extension's base part or own part).
fn as_sequence_items(
    content: Content,
    site: Site,
    emitter: &mut Emitter,
) -> Result<Vec<Node>, ImportError> {
    match content {
        Content::Empty => Ok(Vec::new()),
        Content::Model(GroupKind::Sequence, items) => Ok(items),
        Content::Model(kind, items) if items.len() == 1 && kind != GroupKind::All => Ok(items),
        Content::Model(GroupKind::All, items) => {
            let line = emitter.where_(site);
            emitter.notes.add(format!(
                "{line}: an xs:all extended by particles (not XSD 1.0)"
            ));
            Ok(vec![group_node(GroupKind::All, items, Occurs::ONCE)])
        }
        Content::Model(kind, items) => Ok(vec![group_node(kind, items, Occurs::ONCE)]),
        Content::Text(_) => Err(emitter
            .set
            .error(site, "a complex extension of a text type")),
    }
}
