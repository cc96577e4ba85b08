//! Type names of the diagram → the 2015 schema's definitions.
//!
//! The diagram keeps type *names* but loses facets, enumerations and whether `string` is
//! common.xsd's collapsing `string` or `xs:string`. The 2015 schema defines almost every
//! name the diagram uses, so each name is looked up there and translated by the XSD
//! importer's own code (`Emitter::value_expr`); a name the 2015 schema lacks (`statTtl`) is
//! defined as `string` with a comment saying why.

use std::collections::{BTreeMap, BTreeSet};

use super::super::Notes;
use super::super::complex::Emitter;
use super::super::decl::TypeDef;
use super::super::model::Ty;
use super::super::value::{Member, ValueExpr};
use super::super::xsd::{Dir, SchemaSet};
use super::convert::Types;

/// XSD built-in names the diagram shows without prefix when the schema set does not shadow
/// them (common.xsd shadows `string`, `int`, `long`, `boolean`, `date`, ...).
const BUILTINS: &[&str] = &[
    "string",
    "normalizedString",
    "token",
    "anySimpleType",
    "boolean",
    "decimal",
    "integer",
    "long",
    "int",
    "short",
    "byte",
    "unsignedLong",
    "unsignedInt",
    "unsignedShort",
    "unsignedByte",
    "positiveInteger",
    "nonNegativeInteger",
    "negativeInteger",
    "nonPositiveInteger",
    "float",
    "double",
    "date",
    "dateTime",
    "time",
    "duration",
    "base64Binary",
    "hexBinary",
    "anyURI",
    "NMTOKEN",
    "Name",
    "NCName",
    "language",
];

/// A value type the 1.6.9.1 tables define: its expression and a comment.
pub struct ValueDef {
    /// The expression.
    pub expr: ValueExpr,
    /// Why it is written this way, when it is not the 2015 definition.
    pub doc: Option<String>,
}

/// Looks names up for one direction and collects the value types to define.
pub struct Lookup<'a> {
    set: &'a SchemaSet,
    emitter: Emitter<'a>,
    dir: Dir,
    /// Names `_shared.toml` of the 2015 set already defines (it is carried over as is).
    known: &'a BTreeSet<String>,
    /// Value types to define, by name.
    pub values: BTreeMap<String, ValueDef>,
}

impl<'a> Lookup<'a> {
    /// A lookup in `set` for `dir`.
    pub fn new(
        set: &'a SchemaSet,
        usage: &'a super::super::Usage,
        dir: Dir,
        notes: &'a mut Notes,
        known: &'a BTreeSet<String>,
    ) -> Self {
        Lookup {
            set,
            emitter: Emitter::new(set, usage, dir, notes),
            dir,
            known,
            values: BTreeMap::new(),
        }
    }

    /// Makes sure `name` is defined: in the 2015 `_shared.toml`, or here.
    fn define(&mut self, name: &str) {
        if self.known.contains(name) || self.values.contains_key(name) {
            return;
        }
        let def = match self.set.dir(self.dir).types.get(name) {
            Some(&id) => match self.set.def(id) {
                TypeDef::Simple(def) => match self.emitter.value_expr(def) {
                    Ok(expr) => ValueDef { expr, doc: None },
                    Err(e) => fallback(format!("the 2015 definition did not translate: {e}")),
                },
                TypeDef::Complex(_) => fallback("a complex type in 2015, drawn as a value".into()),
            },
            None => fallback("not in the 2015 schema, only named in 1.6.9.1: any text".into()),
        };
        self.values.insert(name.to_string(), def);
        for r in self.emitter.take_refs() {
            self.define(&r);
        }
    }
}

fn fallback(why: String) -> ValueDef {
    ValueDef {
        expr: ValueExpr {
            members: vec![Member {
                base: "string".into(),
                facets: Vec::new(),
            }],
        },
        doc: Some(why),
    }
}

impl Types for Lookup<'_> {
    fn leaf(&mut self, name: &str) -> Ty {
        let name = name.strip_prefix("xs:").unwrap_or(name);
        if name == "anyType" {
            return Ty::Named("any".into());
        }
        match self.set.dir(self.dir).types.get(name) {
            Some(&id) => {
                if let TypeDef::Complex(def) = self.set.def(id) {
                    // A complex type drawn without children: empty, or text with
                    // attributes the diagram does not draw. The 2015 body says which.
                    if let Ok(body) = self.emitter.complex_body(def) {
                        for r in self.emitter.take_refs() {
                            self.define(&r);
                        }
                        return Ty::Inline(body);
                    }
                }
                self.define(name);
                Ty::Named(name.to_string())
            }
            None if BUILTINS.contains(&name) => Ty::Named(format!("xs:{name}")),
            None => {
                self.define(name);
                Ty::Named(name.to_string())
            }
        }
    }
}
