//! Where each named type goes, and the files that result.
//!
//! A name is looked up in the using file, then in `_shared.toml` (rules/README.md). So a
//! type used from one operator file only is defined in that file, anything else in
//! `_shared.toml`; a type used by another named type counts as used from wherever that one
//! is placed. A name goes into the `[request.*]`/`[response.*]` tables only when the two
//! directions' definitions differ; otherwise both directions share one entry.

use std::collections::{BTreeMap, BTreeSet};

use super::ImportError;
use super::generate::{DirRules, NamedRules, NamedText, OperatorRules};
use super::model::Body;
use super::write::{Entry, EntryValue, FileOut, Table, key};
use super::xsd::Dir;

/// The file a named type is defined in.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Place {
    /// An operator's file.
    Operator(String),
    /// `_shared.toml`.
    Shared,
}

/// Who writes a name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum User {
    /// An operation of an operator file.
    Operator(String),
    /// The packet (`_packet.toml` has no type tables, so this means `_shared.toml`).
    Packet,
    /// Another named type.
    Named(String),
}

/// All the files of a rule set, `_packet.toml` and `_shared.toml` first.
pub fn assemble(rules: &[DirRules; 2]) -> Result<Vec<FileOut>, ImportError> {
    let places = places(rules)?;
    let mut files = vec![packet_file(rules)];
    let shared = named_tables(rules, &places, &Place::Shared);
    files.push(FileOut {
        name: "_shared.toml".into(),
        title: "named types used by more than one operator file, or by the packet".into(),
        tables: shared
            .into_iter()
            .filter(|t| !t.entries.is_empty())
            .collect(),
    });
    for name in operator_names(rules) {
        if name.starts_with('_') {
            let message = format!("operator <{name}> would overwrite a file of the rule set");
            return Err(ImportError::general(message));
        }
        let mut tables = operator_tables(rules, &name);
        tables.extend(named_tables(rules, &places, &Place::Operator(name.clone())));
        files.push(FileOut {
            name: format!("{name}.toml"),
            title: format!("operator <{name}>"),
            tables: tables
                .into_iter()
                .filter(|t| !t.entries.is_empty())
                .collect(),
        });
    }
    Ok(files)
}

fn table(header: String, doc: Option<String>, entries: Vec<Entry>, spaced: bool) -> Table {
    Table {
        header,
        doc,
        entries,
        spaced,
    }
}

fn model_entry(key_: &str, doc: Option<String>, body: &Body) -> Entry {
    Entry {
        key: key(key_),
        doc,
        value: EntryValue::Model(body.clone()),
    }
}

fn packet_file(rules: &[DirRules; 2]) -> FileOut {
    let entries = Dir::BOTH
        .iter()
        .map(|&dir| model_entry(dir.key(), None, &rules[dir.index()].packet))
        .collect();
    FileOut {
        name: "_packet.toml".into(),
        title: "the envelope: <packet> and what it holds besides operators".into(),
        tables: vec![table("packet".into(), None, entries, false)],
    }
}

/// Operator names: request order, then those only in responses, in response order.
fn operator_names(rules: &[DirRules; 2]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for dir_rules in rules {
        for operator in &dir_rules.operators {
            if !names.contains(&operator.name) {
                names.push(operator.name.clone());
            }
        }
    }
    names
}

fn find<'a>(rules: &'a DirRules, name: &str) -> Option<&'a OperatorRules> {
    rules.operators.iter().find(|o| o.name == name)
}

/// `[operator]` and one `[operation.NAME]` per operation, in schema order: the request
/// order, with operations that only responses have inserted after their predecessor there.
fn operator_tables(rules: &[DirRules; 2], name: &str) -> Vec<Table> {
    let sides = [find(&rules[0], name), find(&rules[1], name)];
    let mut keywords = Vec::new();
    let mut order: Vec<String> = Vec::new();
    let mut doc = None;
    for (dir, side) in Dir::BOTH.iter().zip(sides) {
        let Some(operator) = side else { continue };
        doc = doc.or_else(|| operator.doc.clone());
        keywords.push(Entry {
            key: dir.key().into(),
            doc: None,
            value: EntryValue::Text(operator.keyword.clone()),
        });
        let mut at = 0;
        for operation in &operator.operations {
            match order.iter().position(|o| *o == operation.name) {
                Some(found) => at = found + 1,
                None => {
                    order.insert(at, operation.name.clone());
                    at += 1;
                }
            }
        }
    }
    let mut tables = vec![table("operator".into(), doc, keywords, false)];
    for operation in order {
        let mut entries = Vec::new();
        let mut doc = None;
        for (dir, side) in Dir::BOTH.iter().zip(sides) {
            let found = side.and_then(|o| o.operations.iter().find(|op| op.name == operation));
            if let Some(op) = found {
                doc = doc.or_else(|| op.doc.clone());
                entries.push(model_entry(dir.key(), None, &op.body));
            }
        }
        tables.push(table(
            format!("operation.{}", key(&operation)),
            doc,
            entries,
            false,
        ));
    }
    tables
}

/// `[model]`, `[value]`, then the direction tables, of the names placed at `place`.
fn named_tables(
    rules: &[DirRules; 2],
    places: &BTreeMap<String, Place>,
    place: &Place,
) -> Vec<Table> {
    let mut names: Vec<&String> = places
        .iter()
        .filter(|(_, p)| *p == place)
        .map(|(n, _)| n)
        .collect();
    names.sort_by_key(|n| (n.to_lowercase(), n.to_string()));
    let headers = [
        "model",
        "value",
        "request.model",
        "request.value",
        "response.model",
        "response.value",
    ];
    let mut tables: Vec<Table> = headers
        .iter()
        .map(|h| table(h.to_string(), None, Vec::new(), true))
        .collect();
    for name in names {
        let sides = [rules[0].named.get(name), rules[1].named.get(name)];
        let differ = matches!(sides, [Some(a), Some(b)] if a.text != b.text);
        for (i, side) in sides.iter().enumerate() {
            let Some(named) = side else { continue };
            if !differ && i == 1 && sides[0].is_some() {
                continue;
            }
            let is_value = matches!(named.text, NamedText::Value(_));
            let slot = if differ { 2 + 2 * i } else { 0 } + usize::from(is_value);
            tables[slot].entries.push(named_entry(name, named));
        }
    }
    tables
}

fn named_entry(name: &str, named: &NamedRules) -> Entry {
    let value = match &named.text {
        NamedText::Model(body) => EntryValue::Model(body.clone()),
        NamedText::Value(expr) => EntryValue::Value(expr.clone()),
    };
    Entry {
        key: key(name),
        doc: named.doc.clone(),
        value,
    }
}

/// The place of every named type of both directions.
fn places(rules: &[DirRules; 2]) -> Result<BTreeMap<String, Place>, ImportError> {
    let mut users: BTreeMap<String, BTreeSet<User>> = BTreeMap::new();
    for dir_rules in rules {
        for name in &dir_rules.packet_refs {
            users.entry(name.clone()).or_default().insert(User::Packet);
        }
        for operator in &dir_rules.operators {
            for name in operator.operations.iter().flat_map(|op| &op.refs) {
                let user = User::Operator(operator.name.clone());
                users.entry(name.clone()).or_default().insert(user);
            }
        }
        for (user, named) in &dir_rules.named {
            for name in &named.refs {
                let user = User::Named(user.clone());
                users.entry(name.clone()).or_default().insert(user);
            }
        }
    }
    let mut places = BTreeMap::new();
    for name in users.keys() {
        place_of(name, &users, &mut places, &mut Vec::new())?;
    }
    Ok(places)
}

/// One operator file if every user is in it, else `_shared.toml`.
fn place_of(
    name: &str,
    users: &BTreeMap<String, BTreeSet<User>>,
    places: &mut BTreeMap<String, Place>,
    stack: &mut Vec<String>,
) -> Result<Place, ImportError> {
    if let Some(place) = places.get(name) {
        return Ok(place.clone());
    }
    if stack.iter().any(|n| n == name) {
        let cycle = stack.join(" → ");
        let message = format!("recursive types are not supported: {cycle} → {name}");
        return Err(ImportError::general(message));
    }
    stack.push(name.to_string());
    let mut found = BTreeSet::new();
    for user in users.get(name).into_iter().flatten() {
        found.insert(match user {
            User::Operator(file) => Place::Operator(file.clone()),
            User::Packet => Place::Shared,
            User::Named(other) => place_of(other, users, places, stack)?,
        });
    }
    stack.pop();
    let place = match (found.pop_first(), found.is_empty()) {
        (Some(only), true) => only,
        _ => Place::Shared,
    };
    places.insert(name.to_string(), place.clone());
    Ok(place)
}
