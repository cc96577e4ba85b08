//! The one reader of rules tables: the plain layout of `rules/README.md`, `[table]` headers
//! and one `key = '…'` or `key = '''…'''` per entry, a subset of TOML in which every string is
//! a byte range of the file.
//!
//! Both kinds of rules files go through it. `build.rs` includes this file (`#[path]`) and runs
//! it on every embedded table at build time, recording the ranges, so a run reads the embedded
//! tables without parsing anything; a `--rules DIR` file is read by it when loaded. Anything
//! outside the layout is an error at its line and column, never read differently from TOML:
//! `rules::files::tests` checks that the reader agrees with the `toml` crate on every embedded
//! file and on files written every way the layout allows. It uses nothing but `std`, so that
//! the build script can include it.

use std::collections::HashSet;
use std::ops::Range;

/// One string of a rules file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its table: `operator`, `packet`, `operation.NAME`, `model`, `value`, `request.model`,
    /// `response.value`, ….
    pub table: String,
    /// Its key: `request` or `response` in the first three, a type name in the others.
    pub key: String,
    /// The byte range of the string's content in the file.
    pub content: Range<usize>,
}

/// Something outside the layout, at a byte range of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutError {
    /// Where.
    pub span: Range<usize>,
    /// What is wrong, in the words of the layout.
    pub message: String,
}

/// How a file in the layout is written, for the help of every error.
pub const LAYOUT: &str = "rules tables are written as `[table]` headers and `key = '…'` or \
                          `key = '''…'''` entries (rules/README.md)";

/// The tables a rules file may hold, and whether their keys are the two directions.
pub fn table_kind(table: &str) -> Option<bool> {
    match table {
        "operator" | "packet" => Some(true),
        "model" | "value" | "request.model" | "request.value" | "response.model"
        | "response.value" => Some(false),
        _ => table.strip_prefix("operation.").map(|_| true),
    }
}

/// Every string of a rules file, in file order; the first thing outside the layout, or that
/// the layout does not allow (an unknown table, a key twice), is an error.
pub fn read(text: &str) -> Result<Vec<Entry>, LayoutError> {
    let fail = |at: usize, message: &str| {
        let end = text[at..].find(['\n', '\r']).map_or(text.len(), |i| at + i);
        Err(LayoutError {
            span: at..end.max(at),
            message: message.to_string(),
        })
    };
    let line_end = |from: usize| text[from..].find('\n').map_or(text.len(), |i| from + i);
    // Only white space or a comment may follow a header or a value on its line: where
    // something else starts, if anything does.
    let text_after = |from: usize| {
        let rest = &text[from..line_end(from)];
        let trimmed = rest.trim_start();
        let found = !trimmed.trim_end().is_empty() && !trimmed.starts_with('#');
        found.then(|| from + rest.len() - trimmed.len())
    };
    let mut entries = Vec::new();
    let mut tables = HashSet::new();
    let mut keys = HashSet::new();
    let mut table: Option<String> = None;
    // A byte order mark, as some editors save one, is not part of the first line.
    let mut pos = if text.starts_with('\u{feff}') { 3 } else { 0 };
    while pos < text.len() {
        let end = line_end(pos);
        let line = &text[pos..end];
        let trimmed = line.trim();
        let indent = pos + (line.len() - line.trim_start().len());
        if let Some(at) = line.find(|c: char| c.is_control() && !matches!(c, '\t' | '\r')) {
            return fail(pos + at, "a control character");
        }
        if trimmed.is_empty() || trimmed.starts_with('#') {
            pos = end + 1;
            continue;
        }
        if let Some(header) = trimmed.strip_prefix('[') {
            if header.starts_with('[') {
                return fail(indent, "an array of tables (`[[…]]`) is not a rules table");
            }
            let Some(close) = header.find(']') else {
                return fail(
                    indent + trimmed.len(),
                    "unclosed table header, expected `]`",
                );
            };
            if let Some(at) = text_after(indent + 1 + close + 1) {
                return fail(at, "text after a table header");
            }
            let parts: Option<Vec<String>> = header[..close].split('.').map(unquote).collect();
            let Some(name) = parts.map(|parts| parts.join(".")) else {
                return fail(
                    indent + 1,
                    "an unusual table name (quoted with escapes, or empty)",
                );
            };
            if table_kind(&name).is_none() {
                return fail(
                    indent + 1,
                    &format!(
                        "`[{name}]` is not a rules table: expected `[operator]`, \
                         `[operation.NAME]`, `[packet]`, `[model]`, `[value]`, \
                         `[request.model]`, `[request.value]`, `[response.model]` or \
                         `[response.value]`"
                    ),
                );
            }
            if !tables.insert(name.clone()) {
                return fail(indent + 1, &format!("table `[{name}]` defined twice"));
            }
            table = Some(name);
            pos = end + 1;
            continue;
        }
        let Some(equals) = line.find('=') else {
            return fail(indent, "expected `key = '…'`");
        };
        let Some(key) = unquote(&line[..equals]) else {
            return fail(
                indent,
                "an unusual key (dotted, empty, or quoted with escapes)",
            );
        };
        let Some(table) = &table else {
            return fail(
                indent,
                "a key outside any table: expected a `[table]` header first",
            );
        };
        if table_kind(table) == Some(true) && key != "request" && key != "response" {
            return fail(
                indent,
                &format!("unknown key `{key}`: `[{table}]` holds only `request` and `response`"),
            );
        }
        if !keys.insert((table.clone(), key.clone())) {
            return fail(indent, &format!("key `{key}` defined twice in `[{table}]`"));
        }
        let after_equals = pos + equals + 1;
        let value = after_equals
            + (text[after_equals..end].len() - text[after_equals..end].trim_start().len());
        let (start, stop, after) = if let Some(rest) = text[value..].strip_prefix("'''") {
            // TOML drops a newline right after the opening delimiter.
            let skip = if rest.starts_with("\r\n") {
                2
            } else {
                usize::from(rest.starts_with('\n'))
            };
            let start = value + 3 + skip;
            let Some(length) = text[start..].find("'''") else {
                return fail(value, "an unclosed multi-line string, expected `'''`");
            };
            let stop = start + length;
            if text[stop + 3..].starts_with('\'') {
                return fail(stop, "quotes just before a closing `'''`");
            }
            if let Some(at) = lone_control(&text[start..stop]) {
                return fail(start + at, "a control character in a string");
            }
            (start, stop, stop + 3)
        } else if let Some(rest) = text[value..end].strip_prefix('\'') {
            let Some(length) = rest.find(['\'', '\r']) else {
                return fail(value, "an unclosed string, expected `'`");
            };
            if rest[length..].starts_with('\r') {
                return fail(value, "an unclosed string, expected `'`");
            }
            (value + 1, value + 1 + length, value + 2 + length)
        } else if text[value..end].starts_with('"') {
            return fail(
                value,
                "a basic string (`\"…\"`): rules tables use literal strings, `'…'` or \
                 `'''…'''`, whose every byte is a byte of the file",
            );
        } else {
            // A line of a hundred thousand brackets is named by its start.
            let line = text[value..end].trim();
            let found = match line.char_indices().nth(40) {
                Some((cut, _)) => format!("{}…", &line[..cut]),
                None => line.to_string(),
            };
            return fail(
                value,
                &if found.is_empty() {
                    "expected a string, `'…'` or `'''…'''`".to_string()
                } else {
                    format!("expected a string, `'…'` or `'''…'''`, found `{found}`")
                },
            );
        };
        if let Some(at) = text_after(after) {
            return fail(at, "text after a value");
        }
        entries.push(Entry {
            table: table.clone(),
            key,
            content: start..stop,
        });
        pos = line_end(after) + 1;
    }
    Ok(entries)
}

/// The offset of a control character other than tab and a line end (`\n`, `\r\n`).
fn lone_control(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    text.char_indices()
        .find(|&(i, c)| {
            c.is_control()
                && c != '\t'
                && c != '\n'
                && !(c == '\r' && bytes.get(i + 1) == Some(&b'\n'))
        })
        .map(|(i, _)| i)
}

/// A bare TOML key, or a quoted one without escapes.
fn unquote(name: &str) -> Option<String> {
    let name = name.trim_matches([' ', '\t']);
    let bare = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    if !name.is_empty() && name.chars().all(bare) {
        return Some(name.to_string());
    }
    let inner = name
        .strip_prefix('"')
        .and_then(|n| n.strip_suffix('"'))
        .filter(|n| !n.contains('\\'))
        .or_else(|| name.strip_prefix('\'').and_then(|n| n.strip_suffix('\'')))?;
    (!inner.is_empty() && !inner.contains(['"', '\''])).then(|| inner.to_string())
}
