//! The rule set: every rules table, from the embedded `rules/` directory, its `overrides/`, and
//! any `--rules DIR`, layered so that a later table replaces an earlier entry of the same name.
//!
//! Every rules file is read by one reader of the plain layout (`plain.rs`): a `--rules` file
//! when it is loaded, an embedded one at build time by `build.rs`, which records where each
//! string sits. Nothing is read up front but the `--rules` files: an embedded file's tables
//! are taken from those ranges when a packet first needs one of its entries (`layer.rs`), and
//! the models inside it are parsed and compiled only when a packet first uses an operation,
//! and cached for the rest of the run. Starting a run costs next to nothing, whatever the size
//! of the API.

// The public surface is the rule set (`RuleSet`, `Direction`, `RulesError`) and the tree of
// an operation that `explain` prints (`tree`); how tables are read, parsed and compiled is the
// crate's own business (the checker, the language server and the generator use the compiled
// types).
pub(crate) mod ast;
pub(crate) mod automaton;
pub(crate) mod compile;
mod embedded;
pub(crate) mod files;
mod layer;
pub(crate) mod lexer;
mod plain;
mod resolve;
pub(crate) mod syntax;
pub mod tree;
pub(crate) mod value;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use compile::ElementType;
use files::{DirPair, Entry, RulesFile};
use layer::{Index, Layer, Slot};
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
pub(crate) enum Scope {
    /// `_packet.toml`.
    Packet,
    /// `_shared.toml`.
    Shared,
    /// An operator's file.
    Operator(Arc<str>),
}

/// Compiled named types, by where they were found, shared by every entry that uses them.
#[derive(Default)]
pub(crate) struct Cache {
    pub(crate) elements: HashMap<(Scope, Direction, String), Arc<ElementType>>,
    pub(crate) values: HashMap<(Scope, Direction, String), Arc<ValueType>>,
}

/// Every rules table in effect for a run.
///
/// `Sync`: one rule set serves every worker of a parallel check. Looking up a compiled
/// operation takes no lock; compiling one locks only its own slot (so two workers never
/// compile the same operation twice, and never wait for each other's different operations)
/// and, briefly, the cache of named types.
pub struct RuleSet {
    packet: Vec<Layer>,
    shared: Vec<Layer>,
    operators: BTreeMap<Arc<str>, Vec<Layer>>,
    /// Request and response index, built on first use from the layers' operation lists.
    index: [OnceLock<Index>; 2],
    packets: [Slot; 2],
    cache: Mutex<Cache>,
}

impl RuleSet {
    /// The tables embedded in the binary, with their overrides, and then those of `dirs`.
    /// Files of `dirs` that do not parse are left out and returned as errors; embedded files
    /// are parsed when first used (the tests parse them all).
    pub fn load(dirs: &[impl AsRef<Path>]) -> (RuleSet, Vec<RulesError>) {
        Self::load_set("", dirs)
    }

    /// Like `load`, with the embedded set of another protocol version: `set` is its
    /// directory under `rules/` (`1.6.9.1`); `""` is the default set, `rules/*.toml`.
    pub(crate) fn load_set(set: &str, dirs: &[impl AsRef<Path>]) -> (RuleSet, Vec<RulesError>) {
        let mut rules = RuleSet {
            packet: Vec::new(),
            shared: Vec::new(),
            operators: BTreeMap::new(),
            index: [OnceLock::new(), OnceLock::new()],
            packets: [Slot::new(), Slot::new()],
            cache: Mutex::new(Cache::default()),
        };
        for file in embedded::FILES.iter().filter(|f| f.set == set) {
            rules.layers_mut(file.operator).push(Layer::embedded(file));
        }
        let mut errors = Vec::new();
        let mut files = Vec::new();
        for dir in dirs {
            match read_dir(dir.as_ref()) {
                Ok(found) => files.extend(found),
                Err(error) => errors.push(error),
            }
        }
        // Compiled at load against the default set only: an older protocol's set may lack a
        // named type the user's file relies on, which matters only for packets of that
        // protocol, and is reported when one is checked.
        errors.extend(rules.add_files(files, set.is_empty()));
        (rules, errors)
    }

    /// The embedded set `set` (`""`: the default; a name no set has: none) with rules files
    /// given as text instead of read from a directory: `(operator, file)` pairs, where
    /// `operator` is the file's stem (`site`, `_shared`). For the fuzz target over (rules
    /// file, packet) pairs and for tests.
    pub fn with_files(
        set: &str,
        files: Vec<(String, Arc<SourceFile>)>,
    ) -> (RuleSet, Vec<RulesError>) {
        let (mut rules, mut errors) = Self::load_set(set, &[] as &[&Path]);
        errors.extend(rules.add_files(files, true));
        (rules, errors)
    }

    /// Layers parsed files onto the tables; the errors of files that do not parse, and of
    /// every operation and packet model they define, compiled now: a broken model in an
    /// operation that no packet uses is still a rules error, not a surprise on the day a
    /// packet uses it. Called once, with every file: compiling builds the operation index,
    /// which does not change after.
    fn add_files(
        &mut self,
        files: Vec<(String, Arc<SourceFile>)>,
        compile: bool,
    ) -> Vec<RulesError> {
        let mut errors = Vec::new();
        let mut defined: Vec<(String, Vec<String>, bool)> = Vec::new();
        for (name, source) in files {
            match files::parse(&source) {
                Ok(file) => {
                    let operations = file.operations.keys().cloned().collect();
                    let packet = file.packet.request.is_some() || file.packet.response.is_some();
                    defined.push((name.clone(), operations, packet));
                    self.layers_mut(&name).push(Layer::parsed(file));
                }
                Err(error) => errors.push(error),
            }
        }
        let directions = if compile {
            &[Direction::Request, Direction::Response][..]
        } else {
            &[]
        };
        for &direction in directions {
            for (operator, operations, packet) in &defined {
                if *packet && let Err(error) = self.packet_type(direction) {
                    errors.push(error);
                }
                for operation in operations {
                    if let Some(Err(error)) = self.operation_type(operator, operation, direction) {
                        errors.push(error);
                    }
                }
            }
        }
        errors
    }

    fn layers_mut(&mut self, name: &str) -> &mut Vec<Layer> {
        match name {
            "_packet" => &mut self.packet,
            "_shared" => &mut self.shared,
            operator => self.operators.entry(operator.into()).or_default(),
        }
    }

    /// The layers of a scope, earliest first.
    pub(crate) fn layers(&self, scope: &Scope) -> &[Layer] {
        match scope {
            Scope::Packet => &self.packet,
            Scope::Shared => &self.shared,
            Scope::Operator(name) => self.operators.get(name).map_or(&[], Vec::as_slice),
        }
    }

    fn index(&self, direction: Direction) -> &Index {
        self.index[direction as usize].get_or_init(|| Index::new(&self.operators, direction))
    }

    /// The operators that have at least one operation in `direction`, sorted.
    pub fn operators(&self, direction: Direction) -> Vec<Arc<str>> {
        self.index(direction).operator_names().cloned().collect()
    }

    /// The operations of `operator` in `direction`, sorted.
    pub fn operations(&self, operator: &str, direction: Direction) -> Vec<Arc<str>> {
        self.index(direction)
            .operator(&self.operators, operator)
            .map_or_else(Vec::new, |(_, o)| o.names.clone())
    }

    /// The operators whose operations include `operation` in `direction`.
    pub(crate) fn operators_with(&self, operation: &str, direction: Direction) -> Vec<Arc<str>> {
        self.index(direction).owners(&self.operators, operation)
    }

    /// The latest entry of `operation`; an error if a layer of the operator does not parse.
    fn operation_entry(
        &self,
        operator: &str,
        operation: &str,
        direction: Direction,
    ) -> Result<Option<&Entry>, RulesError> {
        let layers = self.operators.get(operator).map_or(&[][..], Vec::as_slice);
        Self::pair_entry(layers, |f| f.operations.get(operation), direction)
    }

    fn pair_entry<'a>(
        layers: &'a [Layer],
        pick: impl Fn(&'a RulesFile) -> Option<&'a DirPair>,
        direction: Direction,
    ) -> Result<Option<&'a Entry>, RulesError> {
        for layer in layers.iter().rev() {
            if let Some(entry) = pick(layer.file()?).and_then(|pair| pair.get(direction)) {
                return Ok(Some(entry));
            }
        }
        Ok(None)
    }

    /// The root element's type.
    pub(crate) fn packet_type(&self, direction: Direction) -> Result<Arc<ElementType>, RulesError> {
        self.packets[direction as usize]
            .get_or_init(
                || match Self::pair_entry(&self.packet, |f| Some(&f.packet), direction)? {
                    Some(entry) => resolve::compile_entry(self, Scope::Packet, direction, entry),
                    None => Err(RulesError::new(
                        &Arc::new(SourceFile::new("rules/_packet.toml", "")),
                        0..0,
                        format!("no [packet] {} model", direction.as_str()),
                    )),
                },
            )
            .clone()
    }

    /// The type of an operator element, or `None` when the operator has no operation in this
    /// direction.
    pub(crate) fn operator_type(
        &self,
        operator: &str,
        direction: Direction,
    ) -> Option<Result<Arc<ElementType>, RulesError>> {
        let (key, slots) = self.index(direction).operator(&self.operators, operator)?;
        let compiled = slots.operator.get_or_init(|| {
            let layers = self.layers(&Scope::Operator(key.clone()));
            let scope = Scope::Operator(key.clone());
            match Self::pair_entry(layers, |f| Some(&f.operator), direction)? {
                Some(entry) => resolve::compile_entry(self, scope, direction, entry),
                None => resolve::compile_default_operator(self, scope, direction),
            }
        });
        Some(compiled.clone())
    }

    /// The type of an operation element, or `None` when the operator has no such operation in
    /// this direction.
    pub(crate) fn operation_type(
        &self,
        operator: &str,
        operation: &str,
        direction: Direction,
    ) -> Option<Result<Arc<ElementType>, RulesError>> {
        let (key, slots) = self.index(direction).operator(&self.operators, operator)?;
        let slot = slots.operations.get(operation)?;
        let compiled = slot.get_or_init(|| {
            let Some(entry) = self.operation_entry(operator, operation, direction)? else {
                let file = Arc::new(SourceFile::new(format!("rules/{operator}.toml"), ""));
                let message = format!("`{operation}` is indexed but has no entry: rebuild");
                return Err(RulesError::new(&file, 0..0, message));
            };
            resolve::compile_entry(self, Scope::Operator(key.clone()), direction, entry)
        });
        Some(compiled.clone())
    }

    /// The structure of an operation, as tree lines below the operation element.
    pub fn describe_operation(
        &self,
        operator: &str,
        operation: &str,
        direction: Direction,
    ) -> Option<Result<Vec<tree::TreeNode>, RulesError>> {
        let key = self.operators.get_key_value(operator)?.0.clone();
        let entry = match self.operation_entry(operator, operation, direction) {
            Ok(entry) => entry?,
            Err(error) => return Some(Err(error)),
        };
        Some(resolve::describe_entry(
            self,
            Scope::Operator(key),
            direction,
            entry,
        ))
    }

    /// The cache of compiled named types.
    pub(crate) fn cache(&self) -> std::sync::MutexGuard<'_, Cache> {
        // A panic while compiling leaves a cache that is still consistent (entries are only
        // inserted whole), so a poisoned lock is safe to reuse.
        self.cache
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Parses every file and compiles every operation of both directions; the errors of all
    /// broken files and entries.
    pub fn verify(&self) -> Vec<RulesError> {
        let layers = self.packet.iter().chain(&self.shared);
        let mut errors: Vec<RulesError> = layers
            .chain(self.operators.values().flatten())
            .filter_map(|layer| layer.file().err())
            .collect();
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

/// The comment the importer kept above `[operation.NAME]` in an embedded table (the schema's
/// annotation, such as "Add domain"), looked up in `set` (a `VersionSet::dir`) and then in the
/// default set; for hover in the editor.
pub(crate) fn operation_comment(set: &str, operator: &str, operation: &str) -> Option<String> {
    let header = format!("[operation.{operation}]");
    [set, ""].iter().find_map(|set| {
        let file = embedded::FILES
            .iter()
            .find(|f| f.set == *set && f.operator == operator && !f.path.contains("overrides/"))?;
        let (at, _) = file
            .text
            .match_indices(&header)
            .find(|(at, _)| *at == 0 || file.text[..*at].ends_with('\n'))?;
        let mut lines: Vec<&str> = file.text[..at]
            .lines()
            .rev()
            .take_while(|line| line.starts_with('#'))
            .map(|line| line.trim_start_matches('#').trim())
            .collect();
        lines.reverse();
        let comment = lines.join(" ");
        (!comment.is_empty()).then_some(comment)
    })
}

/// `overrides/site.toml` and `site.toml` both layer onto operator `site`.
fn stem(name: &str) -> String {
    let file = name.rsplit('/').next().unwrap_or(name);
    file.strip_suffix(".toml").unwrap_or(file).to_string()
}

/// The largest rules file read: the biggest embedded table is under 100 KiB.
pub(crate) const MAX_RULES_FILE: u64 = 4 << 20;

/// Reads one rules file: only a regular file (a FIFO would block forever, `/dev/zero` never
/// end), at most [`MAX_RULES_FILE`] bytes (checked while reading, as `/proc` files say they
/// are empty), and UTF-8.
fn read_rules_file(path: &Path) -> std::io::Result<String> {
    use std::io::{Error, Read};
    if !std::fs::metadata(path)?.is_file() {
        return Err(Error::other("not a regular file"));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_RULES_FILE + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_RULES_FILE {
        return Err(Error::other(format!(
            "larger than the limit of {} MiB for a rules file",
            MAX_RULES_FILE >> 20
        )));
    }
    String::from_utf8(bytes).map_err(|_| Error::other("stream did not contain valid UTF-8"))
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
    // The path is in the message too: a report on an empty source shows no file name.
    let listing = std::fs::read_dir(dir).map_err(|e| {
        fail(format!(
            "cannot read rules directory `{}`: {e}",
            dir.display()
        ))
    })?;
    let mut paths: Vec<_> = listing
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    paths.sort();
    let mut files = Vec::new();
    for path in paths {
        let text = read_rules_file(&path)
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

#[cfg(test)]
mod tests;
