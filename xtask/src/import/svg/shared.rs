//! `_shared.toml` of the 1.6.9.1 set: the 2015 file (the carried-over operators need its
//! types) with the value types the generated files add, inserted as text so the 2015 part
//! stays byte for byte what `import-xsd` wrote.

use std::collections::{BTreeMap, BTreeSet};

use super::super::write::{Entry, EntryValue, FileOut, Table, key};
use super::HEADER;
use super::types::ValueDef;

/// The 2015 `_shared.toml` with the value types the 1.6.9.1 tables add.
pub fn shared(base: &str, values: &[BTreeMap<String, ValueDef>]) -> String {
    let entry = |name: &str, def: &ValueDef| Entry {
        key: key(name),
        doc: def.doc.clone(),
        value: EntryValue::Value(def.expr.clone()),
    };
    let mut both = Vec::new();
    let mut split: [Vec<Entry>; 2] = [Vec::new(), Vec::new()];
    let names: BTreeSet<&String> = values.iter().flat_map(|v| v.keys()).collect();
    for name in names {
        match (values[0].get(name), values[1].get(name)) {
            (Some(a), Some(b)) if a.expr == b.expr => both.push(entry(name, a)),
            (a, b) => {
                for (i, def) in [a, b].into_iter().enumerate() {
                    if let Some(def) = def {
                        split[i].push(entry(name, def));
                    }
                }
            }
        }
    }
    let mut tables = vec![Table {
        header: "value".into(),
        doc: Some("Value types the 1.6.9.1 diagrams use that the 2015 tables define elsewhere or not at all".into()),
        spaced: true,
        entries: both,
    }];
    for (header, entries) in ["request.value", "response.value"].into_iter().zip(split) {
        if !entries.is_empty() {
            tables.push(Table {
                header: header.into(),
                doc: None,
                spaced: true,
                entries,
            });
        }
    }
    let added = FileOut {
        name: String::new(),
        title: String::new(),
        tables,
    }
    .render();
    // The added [value] entries go under the base's own [value] header (a TOML table may be
    // opened once); the direction tables, which the base does not have, go at the end.
    let added_body: Vec<&str> = added
        .lines()
        .skip_while(|l| !l.starts_with("# Value"))
        .collect();
    let (values_part, direction_part) = match added_body
        .iter()
        .position(|l| l.starts_with("[request") || l.starts_with("[response"))
    {
        Some(p) => (added_body[..p].to_vec(), added_body[p..].to_vec()),
        None => (added_body, Vec::new()),
    };
    let values_part: Vec<&str> = values_part
        .into_iter()
        .filter(|l| *l != "[value]")
        .collect();
    let body: Vec<&str> = base.lines().skip_while(|l| l.starts_with('#')).collect();
    let mut out = vec![
        "# _shared.toml: the 2015 shared types, and the value types 1.6.9.1 adds".to_string(),
        "#".into(),
        HEADER.into(),
    ];
    for line in body {
        out.push(line.to_string());
        if line == "[value]" {
            out.extend(values_part.iter().map(|l| l.to_string()));
            out.push(String::new());
        }
    }
    out.extend(direction_part.iter().map(|l| l.to_string()));
    out.join("\n") + "\n"
}

/// Every name a rules file defines, in any of its type tables.
pub fn defined_names(text: &str) -> Result<BTreeSet<String>, String> {
    let table: toml::Table = text.parse().map_err(|e| format!("{e}"))?;
    let mut out = BTreeSet::new();
    let mut add = |t: Option<&toml::Value>| {
        if let Some(toml::Value::Table(t)) = t {
            out.extend(t.keys().cloned());
        }
    };
    add(table.get("model"));
    add(table.get("value"));
    for dir in ["request", "response"] {
        if let Some(toml::Value::Table(d)) = table.get(dir) {
            add(d.get("model"));
            add(d.get("value"));
        }
    }
    Ok(out)
}
