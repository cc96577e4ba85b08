//! Loading the schema set: the include closure of each entry point and its symbol table.
//!
//! The folder also holds orphan files whose definitions clash with the real ones, so only
//! files reachable through `xs:include` from `agent_input.xsd` (requests) and
//! `agent_output.xsd` (responses) are read. Each direction gets its own symbol table: the two
//! closures define 13 type names differently.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use super::ImportError;
use super::decl::{ElementDecl, FileId, Site, TypeDef, TypeName};
use super::parse::{ParsedFile, parse_file};

/// The entry point of requests.
pub const REQUEST_ENTRY: &str = "agent_input.xsd";
/// The entry point of responses.
pub const RESPONSE_ENTRY: &str = "agent_output.xsd";

/// A packet direction: each has its own grammar and symbol table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Dir {
    /// Packets sent to the panel.
    Request,
    /// Packets the panel answers with.
    Response,
}

impl Dir {
    /// Both directions, requests first.
    pub const BOTH: [Dir; 2] = [Dir::Request, Dir::Response];

    /// 0 for requests, 1 for responses: the index into per-direction arrays.
    pub fn index(self) -> usize {
        match self {
            Dir::Request => 0,
            Dir::Response => 1,
        }
    }

    /// The key used in rules files (`request = ...`, `[request.model]`).
    pub fn key(self) -> &'static str {
        match self {
            Dir::Request => "request",
            Dir::Response => "response",
        }
    }
}

/// A named definition: its file and its index among that file's definitions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId {
    /// The defining file.
    pub file: FileId,
    /// Index into the file's `types`.
    pub index: usize,
}

/// One schema file, parsed.
#[derive(Debug)]
pub struct SchemaFile {
    /// Where it was read from.
    pub path: PathBuf,
    /// Its declarations.
    pub parsed: ParsedFile,
}

/// What one entry point sees.
#[derive(Debug)]
pub struct Direction {
    /// The entry point.
    pub entry: FileId,
    /// Named types visible from the entry point.
    pub types: BTreeMap<String, TypeId>,
    /// The global `packet` element of the entry point.
    pub packet: ElementDecl,
}

/// Every file read, and the two directions over them.
#[derive(Debug)]
pub struct SchemaSet {
    /// The files, each read once even when both closures include it.
    pub files: Vec<SchemaFile>,
    /// Requests.
    pub request: Direction,
    /// Responses.
    pub response: Direction,
}

impl SchemaSet {
    /// Reads both entry points of `dir` and everything they include.
    pub fn load(dir: &Path) -> Result<SchemaSet, ImportError> {
        let mut loader = Loader::default();
        let request = loader.direction(dir, REQUEST_ENTRY)?;
        let response = loader.direction(dir, RESPONSE_ENTRY)?;
        Ok(SchemaSet {
            files: loader.files,
            request,
            response,
        })
    }

    /// One direction.
    pub fn dir(&self, dir: Dir) -> &Direction {
        match dir {
            Dir::Request => &self.request,
            Dir::Response => &self.response,
        }
    }

    /// A named definition.
    pub fn def(&self, id: TypeId) -> &TypeDef {
        &self.files[id.file].parsed.types[id.index].1
    }

    /// The path of a file, for messages.
    pub fn path(&self, file: FileId) -> &Path {
        &self.files[file].path
    }

    /// An error at a site.
    pub fn error(&self, site: Site, message: impl Into<String>) -> ImportError {
        ImportError::at(self.path(site.file), site.line, message)
    }

    /// Resolves a local type name in a direction, or says where it was not found.
    pub fn resolve(&self, dir: Dir, name: &str, site: Site) -> Result<TypeId, ImportError> {
        self.dir(dir).types.get(name).copied().ok_or_else(|| {
            let entry = match dir {
                Dir::Request => REQUEST_ENTRY,
                Dir::Response => RESPONSE_ENTRY,
            };
            self.error(
                site,
                format!("type `{name}` is not defined in the closure of {entry}"),
            )
        })
    }

    /// Resolves a type name to a local definition, `None` for built-ins.
    pub fn local(
        &self,
        dir: Dir,
        name: &TypeName,
        site: Site,
    ) -> Result<Option<TypeId>, ImportError> {
        match name {
            TypeName::Builtin(_) => Ok(None),
            TypeName::Local(local) => self.resolve(dir, local, site).map(Some),
        }
    }
}

/// Reads files on demand and remembers them, so shared files are parsed once.
#[derive(Default)]
struct Loader {
    files: Vec<SchemaFile>,
    by_path: BTreeMap<PathBuf, FileId>,
}

impl Loader {
    /// The closure of one entry point, its symbol table and its packet element.
    fn direction(&mut self, dir: &Path, entry: &str) -> Result<Direction, ImportError> {
        let entry_id = self.file(&dir.join(entry), None)?;
        let mut order = Vec::new();
        let mut seen = BTreeSet::new();
        self.closure(entry_id, &mut order, &mut seen)?;
        let types = self.symbol_table(&order)?;
        let entry_file = &self.files[entry_id];
        let mut packets = entry_file
            .parsed
            .elements
            .iter()
            .filter(|e| e.name == "packet");
        let packet = match (packets.next(), packets.next()) {
            (Some(packet), None) => packet.clone(),
            _ => {
                return Err(ImportError::file(
                    &entry_file.path,
                    "expected exactly one global <packet> element",
                ));
            }
        };
        Ok(Direction {
            entry: entry_id,
            types,
            packet,
        })
    }

    /// Reads and parses a file unless it was read already.
    fn file(&mut self, path: &Path, from: Option<(FileId, u32)>) -> Result<FileId, ImportError> {
        let fail = |message: String| match from {
            Some((file, line)) => ImportError::at(&self.files[file].path, line, message),
            None => ImportError::file(path, message),
        };
        let key = fs::canonicalize(path)
            .map_err(|e| fail(format!("cannot read {}: {e}", path.display())))?;
        if let Some(&id) = self.by_path.get(&key) {
            return Ok(id);
        }
        let text = fs::read_to_string(path)
            .map_err(|e| fail(format!("cannot read {}: {e}", path.display())))?;
        let id = self.files.len();
        let parsed = parse_file(path, id, &text)?;
        self.files.push(SchemaFile {
            path: path.to_path_buf(),
            parsed,
        });
        self.by_path.insert(key, id);
        Ok(id)
    }

    /// Depth-first, pre-order: the file, then what it includes, each file once.
    fn closure(
        &mut self,
        id: FileId,
        order: &mut Vec<FileId>,
        seen: &mut BTreeSet<FileId>,
    ) -> Result<(), ImportError> {
        if !seen.insert(id) {
            return Ok(());
        }
        order.push(id);
        let base = self.files[id]
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let includes = self.files[id].parsed.includes.clone();
        for (location, line) in includes {
            let included = self.file(&base.join(&location), Some((id, line)))?;
            self.closure(included, order, seen)?;
        }
        Ok(())
    }

    /// Every named type of the closure; a name defined twice is an error.
    fn symbol_table(&self, order: &[FileId]) -> Result<BTreeMap<String, TypeId>, ImportError> {
        let mut types: BTreeMap<String, TypeId> = BTreeMap::new();
        for &file in order {
            for (index, (name, def)) in self.files[file].parsed.types.iter().enumerate() {
                if let Some(first) = types.insert(name.clone(), TypeId { file, index }) {
                    let site = def.site();
                    let first_path = self.files[first.file].path.display();
                    return Err(ImportError::at(
                        &self.files[file].path,
                        site.line,
                        format!("type `{name}` is also defined in {first_path}"),
                    ));
                }
            }
        }
        Ok(types)
    }
}
