//! One rules file of the rule set, read only when a check first needs it, and the index of
//! operators and operations that the envelope needs, which needs no reading at all.
//!
//! Parsing the TOML of the whole API took longer than checking a small packet, so embedded
//! files are never read at run time: `build.rs` found the byte range of every string with the
//! rules reader (`plain.rs`), and a run that
//! checks one `<site>` packet reads the tables of `_packet.toml`, `_shared.toml` and
//! `site.toml` from those ranges, and nothing else. The names of every operator's operations
//! come from the same ranges, and from the (eager) reading of files given with `--rules`, whose
//! errors are reported before any packet is checked.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, OnceLock};

use super::embedded::Embedded;
use super::files::{self, RulesFile};
use super::{Direction, RulesError};
use crate::source::SourceFile;

/// A rules file and, once asked for, its parsed tables.
pub(crate) struct Layer {
    origin: Origin,
    parsed: OnceLock<Result<RulesFile, RulesError>>,
}

enum Origin {
    /// Compiled into the binary, read on first use.
    Embedded(&'static Embedded),
    /// Read from a `--rules` directory, parsed when the rule set was loaded.
    Read,
}

impl Layer {
    /// An embedded file, not parsed yet.
    pub(crate) fn embedded(file: &'static Embedded) -> Layer {
        Layer {
            origin: Origin::Embedded(file),
            parsed: OnceLock::new(),
        }
    }

    /// A file parsed already.
    pub(crate) fn parsed(file: RulesFile) -> Layer {
        Layer {
            origin: Origin::Read,
            parsed: OnceLock::from(Ok(file)),
        }
    }

    /// The file's tables, read on first use.
    pub(crate) fn file(&self) -> Result<&RulesFile, RulesError> {
        let parsed = self.parsed.get_or_init(|| match self.origin {
            Origin::Embedded(embedded) => {
                let source = SourceFile::new(format!("rules/{}", embedded.path), embedded.text);
                let entries = embedded.entries.iter();
                let entries = entries.map(|e| (e.table, e.key, e.content.clone()));
                Ok(files::from_entries(&Arc::new(source), entries))
            }
            Origin::Read => unreachable!("read files are parsed when loaded"),
        });
        parsed.as_ref().map_err(Clone::clone)
    }

    /// The names of the operations that have a model in `direction`, without parsing.
    fn operations(&self, direction: Direction) -> Vec<&str> {
        match self.origin {
            Origin::Embedded(embedded) => embedded
                .entries
                .iter()
                .filter(|entry| entry.key == direction.as_str())
                .filter_map(|entry| entry.table.strip_prefix("operation."))
                .collect(),
            Origin::Read => match self.parsed.get() {
                Some(Ok(file)) => file
                    .operations
                    .iter()
                    .filter(|(_, pair)| pair.get(direction).is_some())
                    .map(|(name, _)| name.as_str())
                    .collect(),
                _ => Vec::new(),
            },
        }
    }
}

/// Compiled operator and operation types, one slot each, filled on first use. Each slot is its
/// own lock, so that parallel checks wait only for a type being compiled that they need, and
/// never for a lookup.
pub(crate) type Slot = OnceLock<Result<Arc<super::compile::ElementType>, RulesError>>;

/// What one direction of one operator holds.
pub(crate) struct OperatorIndex {
    /// Its operations, sorted.
    pub(crate) names: Vec<Arc<str>>,
    /// The operator element's compiled type.
    pub(crate) operator: Slot,
    /// Each operation's compiled type.
    pub(crate) operations: HashMap<Arc<str>, Slot>,
}

impl OperatorIndex {
    fn build(layers: &[Layer], direction: Direction) -> OperatorIndex {
        let mut names: Vec<Arc<str>> = layers
            .iter()
            .flat_map(|layer| layer.operations(direction))
            .map(Arc::from)
            .collect();
        names.sort();
        names.dedup();
        let operations = names.iter().map(|n| (n.clone(), Slot::new())).collect();
        OperatorIndex {
            names,
            operator: Slot::new(),
            operations,
        }
    }
}

/// Operators and operations of one direction. Each part is built when first asked for: a run
/// that checks one packet lists the operators (for the envelope) and the operations of the
/// operators it meets, not those of the whole API.
pub(crate) struct Index {
    direction: Direction,
    /// Operators with at least one operation.
    operators: BTreeMap<Arc<str>, OnceLock<OperatorIndex>>,
    /// The operators having an operation of that name, sorted.
    owners: OnceLock<HashMap<Arc<str>, Vec<Arc<str>>>>,
}

impl Index {
    /// The index of `direction` over every operator's layers.
    pub(crate) fn new(layers: &BTreeMap<Arc<str>, Vec<Layer>>, direction: Direction) -> Index {
        let operators = layers
            .iter()
            .filter(|(_, files)| files.iter().any(|f| !f.operations(direction).is_empty()))
            .map(|(name, _)| (name.clone(), OnceLock::new()))
            .collect();
        Index {
            direction,
            operators,
            owners: OnceLock::new(),
        }
    }

    /// The operators with at least one operation, sorted.
    pub(crate) fn operator_names(&self) -> impl Iterator<Item = &Arc<str>> {
        self.operators.keys()
    }

    /// An operator's name and index, if it has operations in this direction.
    pub(crate) fn operator<'a>(
        &'a self,
        layers: &BTreeMap<Arc<str>, Vec<Layer>>,
        name: &str,
    ) -> Option<(&'a Arc<str>, &'a OperatorIndex)> {
        let (key, slot) = self.operators.get_key_value(name)?;
        let index = slot.get_or_init(|| OperatorIndex::build(&layers[name], self.direction));
        Some((key, index))
    }

    /// The operators having an operation called `operation`, sorted.
    pub(crate) fn owners(
        &self,
        layers: &BTreeMap<Arc<str>, Vec<Layer>>,
        operation: &str,
    ) -> Vec<Arc<str>> {
        let owners = self.owners.get_or_init(|| {
            let mut owners: HashMap<Arc<str>, Vec<Arc<str>>> = HashMap::new();
            for name in self.operators.keys() {
                let (operator, index) = self.operator(layers, name).expect("listed");
                for operation in &index.names {
                    owners
                        .entry(operation.clone())
                        .or_default()
                        .push(operator.clone());
                }
            }
            owners
        });
        owners.get(operation).cloned().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::super::embedded::FILES;
    use super::*;
    use crate::rules::files::tests::flatten;

    /// What `build.rs` recorded of each embedded file is what the reader reads in it at run
    /// time: the same tables, keys, strings and offsets, and so the same operations in both
    /// directions, from the index that reads no table. (That the reader reads every file as
    /// the TOML parser does is `files::tests`.)
    #[test]
    fn embedded_tables_read_as_at_run_time() {
        assert!(FILES.len() > 40, "the API's rules files are embedded");
        for embedded in FILES {
            let source = Arc::new(SourceFile::new(embedded.path, embedded.text));
            let parsed = files::parse(&source)
                .unwrap_or_else(|e| panic!("{}: {}", embedded.path, e.message));
            let layer = Layer::embedded(embedded);
            let read = layer.file().expect("embedded files always read");
            assert_eq!(flatten(read), flatten(&parsed), "{}", embedded.path);
            for direction in [Direction::Request, Direction::Response] {
                let mut from_toml: Vec<&str> = parsed
                    .operations
                    .iter()
                    .filter(|(_, pair)| pair.get(direction).is_some())
                    .map(|(name, _)| name.as_str())
                    .collect();
                let mut indexed = layer.operations(direction);
                from_toml.sort_unstable();
                indexed.sort_unstable();
                assert_eq!(indexed, from_toml, "{} {direction:?}", embedded.path);
            }
        }
    }
}
