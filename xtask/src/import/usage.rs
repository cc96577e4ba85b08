//! Which named types keep their name and which are written in place.
//!
//! A named complex type referenced from one place only reads best written where it is used;
//! one referenced from several places (or documented) keeps its name, so the tables say it
//! once. References are counted by *place in the schema text*, over both directions: a
//! type reached twice through the same declaration is still used from one place.

use std::collections::{BTreeMap, BTreeSet};

use super::ImportError;
use super::decl::*;
use super::xsd::{Dir, SchemaSet, TypeId};

/// Reference places of every reachable named type.
#[derive(Debug, Default)]
pub struct Usage {
    sites: BTreeMap<TypeId, BTreeSet<Site>>,
    /// Places whose type becomes a table entry of its own (the packet, operators,
    /// operations): a type used only there is written as that entry's body.
    consumed: BTreeSet<Site>,
}

impl Usage {
    /// Counts the references reachable from both packets; `consumed` are the element
    /// declarations of the packet, the operators and the operations.
    pub fn count(set: &SchemaSet, consumed: BTreeSet<Site>) -> Result<Usage, ImportError> {
        let mut usage = Usage {
            sites: BTreeMap::new(),
            consumed,
        };
        for dir in Dir::BOTH {
            let mut walker = Walker {
                set,
                dir,
                usage: &mut usage,
                visited: BTreeSet::new(),
            };
            walker.element(&set.dir(dir).packet)?;
        }
        Ok(usage)
    }

    /// Whether a named type is written by name (else its content is written in place).
    /// Simple types always keep their name: they are short and their names say something.
    /// A complex type keeps its name when it is referenced from several places, or from one
    /// place and documented. References from the packet, operator and operation elements
    /// do not count: those entries always hold the type's content itself, so that an
    /// operation's table shows its model rather than a name to look up.
    pub fn keep_named(&self, set: &SchemaSet, id: TypeId) -> bool {
        let Some(sites) = self.sites.get(&id) else {
            return true;
        };
        match set.def(id) {
            TypeDef::Simple(_) => true,
            TypeDef::Complex(def) => {
                let places = sites.iter().filter(|s| !self.consumed.contains(s)).count();
                places > 1 || (places == 1 && def.doc.is_some())
            }
        }
    }
}

/// A depth-first walk over one direction's declarations, each named type entered once.
struct Walker<'a> {
    set: &'a SchemaSet,
    dir: Dir,
    usage: &'a mut Usage,
    visited: BTreeSet<TypeId>,
}

impl Walker<'_> {
    fn element(&mut self, element: &ElementDecl) -> Result<(), ImportError> {
        match &element.ty {
            TypeUse::Untyped => Ok(()),
            TypeUse::Named(name) => self.name(name, element.site),
            TypeUse::Complex(def) => self.complex(def),
            TypeUse::Simple(def) => self.simple(def),
        }
    }

    /// A reference to a named type from `site`.
    fn name(&mut self, name: &TypeName, site: Site) -> Result<(), ImportError> {
        let Some(id) = self.set.local(self.dir, name, site)? else {
            return Ok(());
        };
        self.usage.sites.entry(id).or_default().insert(site);
        if !self.visited.insert(id) {
            return Ok(());
        }
        match self.set.def(id) {
            TypeDef::Complex(def) => self.complex(def),
            TypeDef::Simple(def) => self.simple(def),
        }
    }

    fn complex(&mut self, def: &ComplexDef) -> Result<(), ImportError> {
        for attribute in &def.attributes {
            self.simple_use(&attribute.ty)?;
        }
        let particle = match &def.content {
            ComplexContent::Particle(particle) => particle,
            ComplexContent::Extension {
                base,
                base_site,
                particle,
            } => {
                self.name(base, *base_site)?;
                particle
            }
            // A restriction is written as its own model: the base is not referenced.
            ComplexContent::Restriction { particle, .. } => particle,
            ComplexContent::SimpleExtension { base, base_site } => {
                return self.name(base, *base_site);
            }
        };
        match particle {
            Some(group) => self.group(group),
            None => Ok(()),
        }
    }

    fn group(&mut self, group: &GroupDecl) -> Result<(), ImportError> {
        for item in &group.items {
            match item {
                Particle::Element(element) => self.element(element)?,
                Particle::Group(inner) => self.group(inner)?,
                Particle::Any { .. } => {}
            }
        }
        Ok(())
    }

    fn simple(&mut self, def: &SimpleDef) -> Result<(), ImportError> {
        match &def.kind {
            SimpleKind::Restriction { base, .. } => self.simple_use(base),
            SimpleKind::Union(members) => {
                for member in members {
                    self.simple_use(member)?;
                }
                Ok(())
            }
            SimpleKind::List => Ok(()),
        }
    }

    fn simple_use(&mut self, use_: &SimpleUse) -> Result<(), ImportError> {
        match use_ {
            SimpleUse::Untyped => Ok(()),
            SimpleUse::Named(name, site) => self.name(name, *site),
            SimpleUse::Inline(def) => self.simple(def),
        }
    }
}
