//! Reading one rules file into entries that remember where their text sits in the file: a
//! `--rules` file through the TOML parser, an embedded one from the byte ranges `build.rs`
//! found (the same tables, without parsing; `rules::layer::tests` checks they agree).
//!
//! Models are kept as text until an operation that uses them is checked; all this module does
//! is find every entry and the byte offset of its first character, so that an error found
//! later inside a model points at the exact character of the file.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use super::embedded;
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

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawPair {
    request: Option<Spanned<String>>,
    response: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawTypes {
    #[serde(default)]
    model: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    value: BTreeMap<String, Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawFile {
    operator: Option<RawPair>,
    #[serde(default)]
    operation: BTreeMap<String, RawPair>,
    packet: Option<RawPair>,
    #[serde(default)]
    model: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    value: BTreeMap<String, Spanned<String>>,
    request: Option<RawTypes>,
    response: Option<RawTypes>,
}

/// Parses a rules file; a TOML error points into the file.
pub fn parse(file: &Arc<SourceFile>) -> Result<RulesFile, RulesError> {
    let raw: RawFile = toml::from_str(&file.text).map_err(|error| {
        let span = error.span().unwrap_or(0..0);
        let message = error.message().trim().to_string();
        if looks_like_toml(&file.text) {
            return RulesError::new(file, span, message);
        }
        // Not shown: a rules directory may hold a link to `/proc/self/environ` or a key.
        let at = file.position(span.start);
        let hidden = Arc::new(SourceFile::new(file.name.clone(), ""));
        RulesError::new(
            &hidden,
            0..0,
            format!(
                "not a rules table: {message} (line {}, column {}); the file does not look like \
                 TOML, so its content is not shown",
                at.line, at.column
            ),
        )
    })?;
    let entry = |spanned: Spanned<String>| make_entry(file, spanned);
    let pair = |raw: Option<RawPair>| {
        let raw = raw.unwrap_or_default();
        DirPair {
            request: raw.request.map(entry),
            response: raw.response.map(entry),
        }
    };
    let types = |models: BTreeMap<String, Spanned<String>>,
                 values: BTreeMap<String, Spanned<String>>| Types {
        models: models.into_iter().map(|(k, v)| (k, entry(v))).collect(),
        values: values.into_iter().map(|(k, v)| (k, entry(v))).collect(),
    };
    let request = raw.request.unwrap_or_default();
    let response = raw.response.unwrap_or_default();
    Ok(RulesFile {
        operator: pair(raw.operator),
        operations: raw
            .operation
            .into_iter()
            .map(|(name, raw)| (name, pair(Some(raw))))
            .collect(),
        packet: pair(raw.packet),
        shared: types(raw.model, raw.value),
        request: types(request.model, request.value),
        response: types(response.model, response.value),
    })
}

/// Whether a file that failed to parse still looks like a TOML file with a mistake in it, and
/// so may be quoted: text without control characters (`/proc/self/environ` is NUL-separated)
/// whose first line that is neither blank nor a comment is a table header or a `key =`
/// (a private key, a binary or prose is neither).
fn looks_like_toml(text: &str) -> bool {
    let control = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    let first = text
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

/// An embedded file's tables, from the entries `build.rs` found in it. `build.rs` admits only
/// the tables named here, and no key twice.
pub fn from_embedded(file: &Arc<SourceFile>, entries: &[embedded::Entry]) -> RulesFile {
    let mut rules = RulesFile::default();
    for found in entries {
        let entry = Entry {
            file: file.clone(),
            text: file.text[found.content.clone()].to_string(),
            offset: found.content.start,
        };
        let pair = match found.table {
            "operator" => Some(&mut rules.operator),
            "packet" => Some(&mut rules.packet),
            table => table
                .strip_prefix("operation.")
                .map(|name| rules.operations.entry(name.to_string()).or_default()),
        };
        if let Some(pair) = pair {
            match found.key {
                "request" => pair.request = Some(entry),
                _ => pair.response = Some(entry),
            }
            continue;
        }
        let (types, kind) = match found.table.split_once('.') {
            Some(("request", kind)) => (&mut rules.request, kind),
            Some((_, kind)) => (&mut rules.response, kind),
            None => (&mut rules.shared, found.table),
        };
        let names = match kind {
            "model" => &mut types.models,
            _ => &mut types.values,
        };
        names.insert(found.key.to_string(), entry);
    }
    rules
}

/// Finds where the string's content starts: after `'''` and the newline TOML trims, after
/// `'`, or (for basic strings, whose escapes make offsets inexact) after the quote.
fn make_entry(file: &Arc<SourceFile>, spanned: Spanned<String>) -> Entry {
    let start = spanned.span().start;
    let rest = file.text.get(start..).unwrap_or("");
    let offset = if let Some(after) = rest
        .strip_prefix("'''")
        .or_else(|| rest.strip_prefix("\"\"\""))
    {
        let newline = if after.starts_with("\r\n") {
            2
        } else {
            usize::from(after.starts_with('\n'))
        };
        start + 3 + newline
    } else {
        start + 1
    };
    Entry {
        file: file.clone(),
        text: spanned.into_inner(),
        offset,
    }
}
