//! Reading one rules file into entries that remember where their text sits in the file,
//! through the one reader of the plain layout ([`super::plain`]): a `--rules` file when it is
//! loaded, an embedded one from the byte ranges the same reader found at build time.
//!
//! Models are kept as text until an operation that uses them is checked; all this module does
//! is find every entry and the byte offset of its first character, so that an error found
//! later inside a model points at the exact character of the file.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use super::plain;
use super::{Direction, RulesError};
use crate::source::SourceFile;

/// One model or value string of a rules file.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The file it comes from.
    pub file: Arc<SourceFile>,
    /// The string's content.
    pub text: String,
    /// Byte offset of `text`'s first character in the file.
    pub offset: usize,
}

/// A `request = '…'` / `response = '…'` pair.
#[derive(Debug, Default, Clone)]
pub struct DirPair {
    /// The request model.
    pub request: Option<Entry>,
    /// The response model.
    pub response: Option<Entry>,
}

impl DirPair {
    /// The model for one direction.
    pub fn get(&self, direction: Direction) -> Option<&Entry> {
        match direction {
            Direction::Request => self.request.as_ref(),
            Direction::Response => self.response.as_ref(),
        }
    }
}

/// Named types of one scope: models and values.
#[derive(Debug, Default, Clone)]
pub struct Types {
    /// `[model]`
    pub models: BTreeMap<String, Entry>,
    /// `[value]`
    pub values: BTreeMap<String, Entry>,
}

/// A parsed rules file.
#[derive(Debug, Default, Clone)]
pub struct RulesFile {
    /// `[operator]`: how many operations one operator element holds.
    pub operator: DirPair,
    /// `[operation.NAME]`
    pub operations: BTreeMap<String, DirPair>,
    /// `[packet]` (only in `_packet.toml`).
    pub packet: DirPair,
    /// `[model]` and `[value]`: both directions.
    pub shared: Types,
    /// `[request.model]` and `[request.value]`.
    pub request: Types,
    /// `[response.model]` and `[response.value]`.
    pub response: Types,
}

impl RulesFile {
    /// The named types for a direction: the direction's own tables first, then the shared ones.
    pub fn types(&self, direction: Direction) -> [&Types; 2] {
        match direction {
            Direction::Request => [&self.request, &self.shared],
            Direction::Response => [&self.response, &self.shared],
        }
    }
}

/// Reads a `--rules` file; anything outside the plain layout is an error at its line and
/// column.
pub(crate) fn parse(file: &Arc<SourceFile>) -> Result<RulesFile, RulesError> {
    let entries = plain::read(&file.text).map_err(|error| {
        if looks_like_toml(&file.text) {
            return RulesError {
                help: Some(format!("{}.", upper_first(plain::LAYOUT))),
                ..RulesError::new(file, error.span, error.message)
            };
        }
        // Not shown: a rules directory may hold a link to `/proc/self/environ` or a key.
        let at = file.position(error.span.start);
        let hidden = Arc::new(SourceFile::new(file.name.clone(), ""));
        RulesError::new(
            &hidden,
            0..0,
            format!(
                "not a rules table: {} (line {}, column {}); the file does not look like \
                 TOML, so its content is not shown",
                error.message, at.line, at.column
            ),
        )
    })?;
    Ok(from_entries(
        file,
        entries
            .iter()
            .map(|e| (e.table.as_str(), e.key.as_str(), e.content.clone())),
    ))
}

fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Whether a file that failed to parse still looks like a TOML file with a mistake in it, and
/// so may be quoted: text without control characters (`/proc/self/environ` is NUL-separated)
/// whose first line that is neither blank nor a comment is a table header or a `key =`
/// (a private key, a binary or prose is neither).
fn looks_like_toml(text: &str) -> bool {
    let control = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    let first = text
        .trim_start_matches('\u{feff}')
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty() && !line.starts_with('#'));
    let starts_like_toml = first.is_none_or(|line| {
        let key = line.trim_start_matches(|c: char| {
            c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '"' | '\'')
        });
        line.starts_with('[') || (key.len() < line.len() && key.trim_start().starts_with('='))
    });
    starts_like_toml && !text.chars().any(control)
}

/// A file's tables from its entries, `(table, key, content)` as [`plain::read`] found them:
/// at run time for a `--rules` file, at build time for an embedded one. The reader admits only
/// the tables named here, and no key twice.
pub(crate) fn from_entries<'a>(
    file: &Arc<SourceFile>,
    entries: impl IntoIterator<Item = (&'a str, &'a str, Range<usize>)>,
) -> RulesFile {
    let mut rules = RulesFile::default();
    for (table, key, content) in entries {
        let entry = Entry {
            file: file.clone(),
            text: file.text[content.clone()].to_string(),
            offset: content.start,
        };
        let pair = match table {
            "operator" => Some(&mut rules.operator),
            "packet" => Some(&mut rules.packet),
            table => table
                .strip_prefix("operation.")
                .map(|name| rules.operations.entry(name.to_string()).or_default()),
        };
        if let Some(pair) = pair {
            match key {
                "request" => pair.request = Some(entry),
                _ => pair.response = Some(entry),
            }
            continue;
        }
        let (types, kind) = match table.split_once('.') {
            Some(("request", kind)) => (&mut rules.request, kind),
            Some((_, kind)) => (&mut rules.response, kind),
            None => (&mut rules.shared, table),
        };
        let names = match kind {
            "model" => &mut types.models,
            _ => &mut types.values,
        };
        names.insert(key.to_string(), entry);
    }
    rules
}

#[cfg(test)]
pub(super) mod tests;
