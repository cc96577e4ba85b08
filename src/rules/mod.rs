//! The rule set: every rules table, from the embedded `rules/` directory, its `overrides/`, and
//! any `--rules DIR`, layered so that a later table replaces an earlier entry of the same name.
//!
//! Files are parsed as TOML when the rule set is built; the models inside them are parsed and
//! compiled only when a packet first uses an operation, and cached for the rest of the run.

pub mod ast;
pub mod automaton;
pub mod compile;
mod embedded;
pub mod files;
pub mod lexer;
mod resolve;
pub mod syntax;
pub mod tree;
pub mod value;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{Arc, Mutex};

use compile::ElementType;
use files::{DirPair, Entry, RulesFile};
use value::ValueType;

use crate::source::SourceFile;

/// Request or response: the two grammars of the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Direction {
    /// A packet sent to the server.
    Request,
    /// A packet the server answers with.
    Response,
}

impl Direction {
    /// `request` or `response`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Request => "request",
            Direction::Response => "response",
        }
    }
}

/// A mistake in a rules file, at a byte span of that file.
#[derive(Debug, Clone)]
pub struct RulesError {
    /// The rules file.
    pub file: Arc<SourceFile>,
    /// Where in it.
    pub span: std::ops::Range<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl RulesError {
    /// An error at `span` of `file`.
    pub fn new(
        file: &Arc<SourceFile>,
        span: std::ops::Range<usize>,
        message: String,
    ) -> RulesError {
        RulesError {
            file: file.clone(),
            span,
            message,
            help: None,
        }
    }
}

/// Where a rules entry lives, which decides how the names inside it are looked up.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Scope {
    /// `_packet.toml`.
    Packet,
    /// `_shared.toml`.
    Shared,
    /// An operator's file.
    Operator(Arc<str>),
}

/// Compiled types, by where they were found.
#[derive(Default)]
pub(crate) struct Cache {
    pub(crate) elements: HashMap<(Scope, Direction, String), Arc<ElementType>>,
    pub(crate) values: HashMap<(Scope, Direction, String), Arc<ValueType>>,
    operations: HashMap<(Arc<str>, String, Direction), Result<Arc<ElementType>, RulesError>>,
    operators: HashMap<(Arc<str>, Direction), Result<Arc<ElementType>, RulesError>>,
    packets: HashMap<Direction, Result<Arc<ElementType>, RulesError>>,
}

/// Every rules table in effect for a run.
pub struct RuleSet {
    packet: Vec<RulesFile>,
    shared: Vec<RulesFile>,
    operators: BTreeMap<Arc<str>, Vec<RulesFile>>,
    cache: Mutex<Cache>,
}

impl RuleSet {
    /// The tables embedded in the binary, with their overrides, and then those of `dirs`.
    /// Files that do not parse are left out and returned as errors.
    pub fn load(dirs: &[impl AsRef<Path>]) -> (RuleSet, Vec<RulesError>) {
        let mut sources: Vec<(String, Arc<SourceFile>)> = embedded::FILES
            .iter()
            .map(|(name, text)| {
                (
                    stem(name),
                    Arc::new(SourceFile::new(format!("rules/{name}"), *text)),
                )
            })
            .collect();
        let mut errors = Vec::new();
        for dir in dirs {
            match read_dir(dir.as_ref()) {
                Ok(files) => sources.extend(files),
                Err(error) => errors.push(error),
            }
        }
        let mut rules = RuleSet {
            packet: Vec::new(),
            shared: Vec::new(),
            operators: BTreeMap::new(),
            cache: Mutex::new(Cache::default()),
        };
        for (name, source) in sources {
            match files::parse(&source) {
                Ok(file) => rules.layers_mut(&name).push(file),
                Err(error) => errors.push(error),
            }
        }
        (rules, errors)
    }

    fn layers_mut(&mut self, name: &str) -> &mut Vec<RulesFile> {
        match name {
            "_packet" => &mut self.packet,
            "_shared" => &mut self.shared,
            operator => self.operators.entry(operator.into()).or_default(),
        }
    }

    /// The layers of a scope, earliest first.
    pub(crate) fn layers(&self, scope: &Scope) -> &[RulesFile] {
        match scope {
            Scope::Packet => &self.packet,
            Scope::Shared => &self.shared,
            Scope::Operator(name) => self.operators.get(name).map_or(&[], Vec::as_slice),
        }
    }

    /// The operators that have at least one operation in `direction`, sorted.
    pub fn operators(&self, direction: Direction) -> Vec<Arc<str>> {
        self.operators
            .keys()
            .filter(|op| !self.operations(op, direction).is_empty())
            .cloned()
            .collect()
    }

    /// The operations of `operator` in `direction`, sorted.
    pub fn operations(&self, operator: &str, direction: Direction) -> Vec<Arc<str>> {
        let mut names: Vec<Arc<str>> = self
            .operators
            .get(operator)
            .into_iter()
            .flatten()
            .flat_map(|file| &file.operations)
            .filter(|(_, pair)| pair.get(direction).is_some())
            .map(|(name, _)| name.as_str().into())
            .collect();
        names.sort();
        names.dedup();
        names
    }

    /// The operators whose operations include `operation` in `direction`.
    pub fn operators_with(&self, operation: &str, direction: Direction) -> Vec<Arc<str>> {
        self.operators(direction)
            .into_iter()
            .filter(|op| self.operation_entry(op, operation, direction).is_some())
            .collect()
    }

    fn operation_entry(
        &self,
        operator: &str,
        operation: &str,
        direction: Direction,
    ) -> Option<&Entry> {
        let layers = self.operators.get(operator)?;
        layers
            .iter()
            .rev()
            .find_map(|file| file.operations.get(operation)?.get(direction))
    }

    fn pair_entry<'a>(
        layers: &'a [RulesFile],
        pick: impl Fn(&'a RulesFile) -> &'a DirPair,
        direction: Direction,
    ) -> Option<&'a Entry> {
        layers
            .iter()
            .rev()
            .find_map(|file| pick(file).get(direction))
    }

    /// The root element's type.
    pub fn packet_type(&self, direction: Direction) -> Result<Arc<ElementType>, RulesError> {
        let mut cache = self.lock();
        if let Some(found) = cache.packets.get(&direction) {
            return found.clone();
        }
        let result = match Self::pair_entry(&self.packet, |f| &f.packet, direction) {
            Some(entry) => {
                resolve::compile_entry(self, &mut cache, Scope::Packet, direction, entry)
            }
            None => Err(RulesError::new(
                &Arc::new(SourceFile::new("rules/_packet.toml", "")),
                0..0,
                format!("no [packet] {} model", direction.as_str()),
            )),
        };
        cache.packets.insert(direction, result.clone());
        result
    }

    /// The type of an operator element, or `None` when the operator has no operation in this
    /// direction.
    pub fn operator_type(
        &self,
        operator: &str,
        direction: Direction,
    ) -> Option<Result<Arc<ElementType>, RulesError>> {
        let (key, layers) = self.operators.get_key_value(operator)?;
        if self.operations(operator, direction).is_empty() {
            return None;
        }
        let mut cache = self.lock();
        if let Some(found) = cache.operators.get(&(key.clone(), direction)) {
            return Some(found.clone());
        }
        let scope = Scope::Operator(key.clone());
        let result = match Self::pair_entry(layers, |f| &f.operator, direction) {
            Some(entry) => resolve::compile_entry(self, &mut cache, scope, direction, entry),
            None => resolve::compile_default_operator(self, &mut cache, scope, direction),
        };
        cache
            .operators
            .insert((key.clone(), direction), result.clone());
        Some(result)
    }

    /// The type of an operation element, or `None` when the operator has no such operation in
    /// this direction.
    pub fn operation_type(
        &self,
        operator: &str,
        operation: &str,
        direction: Direction,
    ) -> Option<Result<Arc<ElementType>, RulesError>> {
        let key = self.operators.get_key_value(operator)?.0.clone();
        let entry = self.operation_entry(operator, operation, direction)?;
        let mut cache = self.lock();
        let cache_key = (key.clone(), operation.to_string(), direction);
        if let Some(found) = cache.operations.get(&cache_key) {
            return Some(found.clone());
        }
        let result =
            resolve::compile_entry(self, &mut cache, Scope::Operator(key), direction, entry);
        cache.operations.insert(cache_key, result.clone());
        Some(result)
    }

    /// The structure of an operation, as tree lines below the operation element.
    pub fn describe_operation(
        &self,
        operator: &str,
        operation: &str,
        direction: Direction,
    ) -> Option<Result<Vec<tree::TreeNode>, RulesError>> {
        let key = self.operators.get_key_value(operator)?.0.clone();
        let entry = self.operation_entry(operator, operation, direction)?;
        let mut cache = self.lock();
        Some(resolve::describe_entry(
            self,
            &mut cache,
            Scope::Operator(key),
            direction,
            entry,
        ))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Cache> {
        // A panic while compiling leaves a cache that is still consistent (entries are only
        // inserted whole), so a poisoned lock is safe to reuse.
        self.cache
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Compiles every operation of both directions; the errors of all broken entries.
    pub fn verify(&self) -> Vec<RulesError> {
        let mut errors = Vec::new();
        for direction in [Direction::Request, Direction::Response] {
            if let Err(error) = self.packet_type(direction) {
                errors.push(error);
            }
            for operator in self.operators(direction) {
                if let Some(Err(error)) = self.operator_type(&operator, direction) {
                    errors.push(error);
                }
                for operation in self.operations(&operator, direction) {
                    if let Some(Err(error)) = self.operation_type(&operator, &operation, direction)
                    {
                        errors.push(error);
                    }
                }
            }
        }
        errors
    }
}

/// `overrides/site.toml` and `site.toml` both layer onto operator `site`.
fn stem(name: &str) -> String {
    let file = name.rsplit('/').next().unwrap_or(name);
    file.strip_suffix(".toml").unwrap_or(file).to_string()
}

/// The `*.toml` files of a user rules directory, sorted by name.
fn read_dir(dir: &Path) -> Result<Vec<(String, Arc<SourceFile>)>, RulesError> {
    let fail = |message: String| {
        RulesError::new(
            &Arc::new(SourceFile::new(dir.display().to_string(), "")),
            0..0,
            message,
        )
    };
    let listing =
        std::fs::read_dir(dir).map_err(|e| fail(format!("cannot read rules directory: {e}")))?;
    let mut paths: Vec<_> = listing
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    paths.sort();
    let mut files = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path)
            .map_err(|e| fail(format!("cannot read {}: {e}", path.display())))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        files.push((
            stem(&name),
            Arc::new(SourceFile::new(path.display().to_string(), text)),
        ));
    }
    Ok(files)
}
