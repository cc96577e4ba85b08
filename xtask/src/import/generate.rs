//! One direction's tables: the packet model, every operation's model, and the named types
//! those models refer to (found by following the names, so only reachable types appear).

use std::collections::{BTreeMap, BTreeSet};

use super::ImportError;
use super::complex::Emitter;
use super::decl::{ElementDecl, TypeDef, TypeName, TypeUse};
use super::model::Body;
use super::notes::Notes;
use super::shape::Shape;
use super::usage::Usage;
use super::value::ValueExpr;
use super::xsd::{Dir, SchemaSet};

/// Everything generated for one direction, before it is placed into files.
pub struct DirRules {
    /// The body of `<packet>`.
    pub packet: Body,
    /// Names the packet model refers to.
    pub packet_refs: BTreeSet<String>,
    /// The operators, in schema order.
    pub operators: Vec<OperatorRules>,
    /// Named types by name.
    pub named: BTreeMap<String, NamedRules>,
}

/// One operator in one direction.
pub struct OperatorRules {
    /// The operator element's name (and file name).
    pub name: String,
    /// Its documentation.
    pub doc: Option<String>,
    /// `OPERATIONS` with the occurrence of the operator's choice.
    pub keyword: String,
    /// The operator's type is a sequence of one child element, not a choice of operations.
    pub single_child: bool,
    /// Its operations, in schema order.
    pub operations: Vec<OperationRules>,
}

/// One operation in one direction.
pub struct OperationRules {
    /// The operation element's name.
    pub name: String,
    /// Its documentation.
    pub doc: Option<String>,
    /// The content of the operation element.
    pub body: Body,
    /// Names the body refers to.
    pub refs: BTreeSet<String>,
}

/// A named type's entry.
pub struct NamedRules {
    /// The type's documentation.
    pub doc: Option<String>,
    /// Its model or value expression.
    pub text: NamedText,
    /// Names the entry refers to.
    pub refs: BTreeSet<String>,
}

/// A named model (`[model]`) or a named value (`[value]`).
#[derive(Debug, Clone, PartialEq)]
pub enum NamedText {
    /// A complex type's body.
    Model(Body),
    /// A simple type's value expression.
    Value(ValueExpr),
}

/// Generates one direction.
pub fn generate(
    set: &SchemaSet,
    usage: &Usage,
    shape: &Shape,
    dir: Dir,
    notes: &mut Notes,
) -> Result<DirRules, ImportError> {
    let mut emitter = Emitter::new(set, usage, dir, notes);
    emitter.operators_choice = Some(shape.choice);
    let packet = emitter.element_body(shape.packet)?;
    let packet_refs = emitter.take_refs();
    emitter.operators_choice = None;
    let mut operators = Vec::new();
    for operator in &shape.operators {
        let mut operations = Vec::new();
        for element in &operator.operations {
            operations.push(OperationRules {
                name: element.name.clone(),
                doc: operation_doc(set, dir, element),
                body: emitter.element_body(element)?,
                refs: emitter.take_refs(),
            });
        }
        operators.push(OperatorRules {
            name: operator.element.name.clone(),
            doc: operator.doc.clone(),
            keyword: format!("OPERATIONS{}", operator.occurs.suffix()),
            single_child: operator.single_child,
            operations,
        });
    }
    let mut rules = DirRules {
        packet,
        packet_refs,
        operators,
        named: BTreeMap::new(),
    };
    named_entries(&mut emitter, &mut rules)?;
    Ok(rules)
}

/// Generates every named type referred to, and what those refer to, each once.
fn named_entries(emitter: &mut Emitter, rules: &mut DirRules) -> Result<(), ImportError> {
    let mut pending: Vec<String> = rules.packet_refs.iter().cloned().collect();
    for operator in &rules.operators {
        for operation in &operator.operations {
            pending.extend(operation.refs.iter().cloned());
        }
    }
    while let Some(name) = pending.pop() {
        if rules.named.contains_key(&name) {
            continue;
        }
        let entry = named_entry(emitter, &name)?;
        pending.extend(entry.refs.iter().cloned());
        rules.named.insert(name, entry);
    }
    Ok(())
}

fn named_entry(emitter: &mut Emitter, name: &str) -> Result<NamedRules, ImportError> {
    let set = emitter.set;
    let direction = set.dir(emitter.dir);
    let id = direction.types.get(name).copied().ok_or_else(|| {
        let message = format!("type `{name}` is referenced but not defined in this closure");
        ImportError::file(set.path(direction.entry), message)
    })?;
    let def = set.def(id);
    if matches!(name, "any" | "empty") {
        let message = format!("type `{name}` clashes with a built-in of the rules language");
        return Err(set.error(def.site(), message));
    }
    let text = match def {
        TypeDef::Complex(def) => NamedText::Model(emitter.complex_body(def)?),
        TypeDef::Simple(def) => NamedText::Value(emitter.value_expr(def)?),
    };
    Ok(NamedRules {
        doc: def.doc().map(str::to_string),
        text,
        refs: emitter.take_refs(),
    })
}

/// An operation's comment: its element's documentation, else its type's (the entry holds
/// the type's content).
fn operation_doc(set: &SchemaSet, dir: Dir, element: &ElementDecl) -> Option<String> {
    if element.doc.is_some() {
        return element.doc.clone();
    }
    match &element.ty {
        TypeUse::Complex(def) => def.doc.clone(),
        TypeUse::Named(TypeName::Local(name)) => {
            let id = *set.dir(dir).types.get(name)?;
            set.def(id).doc().map(str::to_string)
        }
        _ => None,
    }
}
