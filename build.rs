//! Embeds the rules tables into the binary, in a form that needs no TOML parser at run time:
//! the list of `rules/*.toml` followed by `rules/overrides/*.toml` (so overrides layer on
//! top), then each other protocol version's set, as `include_str!` calls, each with the
//! table, key and byte range of every string in the file.
//!
//! Parsing TOML cost more than checking a small packet (60 instructions a byte with the
//! `toml` crate), so a run reads the embedded tables straight from these ranges, and parses
//! and compiles only the models of the operations a packet uses. The ranges come from a scan,
//! not a TOML parser (a build dependency on `toml` would compile it twice): it understands the
//! layout the importer writes and the rules reference documents (`[table]` headers, one
//! `key = 'literal'` or `key = '''multi-line literal'''` per entry), and fails the build on any
//! other way of writing a file. A unit test (`rules::layer::tests`) checks that every embedded
//! file reads exactly as the TOML parser reads it; `--rules` directories go through the parser.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|listing| {
            listing
                .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// One string of a rules file: its table (`operation.get`, `model`, `request.value`), its key,
/// and the byte range of its content.
struct Scanned {
    table: String,
    key: String,
    start: usize,
    end: usize,
}

/// The tables a rules file may hold, and whether their keys are the two directions.
fn table_kind(table: &str) -> Option<bool> {
    match table {
        "operator" | "packet" => Some(true),
        "model" | "value" | "request.model" | "request.value" | "response.model"
        | "response.value" => Some(false),
        _ => table.strip_prefix("operation.").map(|_| true),
    }
}

/// Every string of a rules file, in file order. Panics (failing the build) on anything the
/// scan does not read exactly as TOML does.
fn scan_entries(path: &Path, text: &str) -> Vec<Scanned> {
    let fail = |at: usize, why: &str| -> ! {
        let line = text[..at.min(text.len())].matches('\n').count() + 1;
        panic!(
            "{}:{line}: {why}; build.rs reads rules files written as `[table]` headers and \
             `key = 'literal'` or `key = '''multi-line literal'''` entries (rules/README.md)",
            path.display(),
        )
    };
    let line_end = |from: usize| text[from..].find('\n').map_or(text.len(), |i| from + i);
    // Only whitespace or a comment may follow a header or a value on its line.
    let rest_of_line_is_empty = |from: usize| {
        let rest = text[from..line_end(from)].trim();
        rest.is_empty() || rest.starts_with('#')
    };
    let mut entries = Vec::new();
    let mut tables = HashSet::new();
    let mut keys = HashSet::new();
    let mut table: Option<String> = None;
    let mut pos = 0;
    while pos < text.len() {
        let end = line_end(pos);
        let line = &text[pos..end];
        let trimmed = line.trim();
        let indent = pos + (line.len() - line.trim_start().len());
        if trimmed.is_empty() || trimmed.starts_with('#') {
            pos = end + 1;
            continue;
        }
        if let Some(header) = trimmed.strip_prefix('[') {
            if header.starts_with('[') {
                fail(indent, "arrays of tables are not rules tables");
            }
            let Some(close) = header.find(']') else {
                fail(indent, "unclosed table header")
            };
            if !rest_of_line_is_empty(indent + 1 + close + 1) {
                fail(indent, "text after a table header");
            }
            let parts: Option<Vec<String>> = header[..close].split('.').map(unquote).collect();
            let name = parts
                .unwrap_or_else(|| fail(indent, "an unusual table name"))
                .join(".");
            if table_kind(&name).is_none() {
                fail(indent, "not a rules table");
            }
            if !tables.insert(name.clone()) {
                fail(indent, "a table defined twice");
            }
            table = Some(name);
            pos = end + 1;
            continue;
        }
        let Some(table) = &table else {
            fail(indent, "a key outside any table")
        };
        let Some(equals) = line.find('=') else {
            fail(indent, "not a `key = value` line")
        };
        let key = unquote(line[..equals].trim())
            .unwrap_or_else(|| fail(indent, "an unusual key (dotted, or quoted with escapes)"));
        if table_kind(table) == Some(true) && key != "request" && key != "response" {
            fail(indent, "this table holds only `request` and `response`");
        }
        if !keys.insert((table.clone(), key.clone())) {
            fail(indent, "a key defined twice");
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
                fail(value, "an unclosed multi-line string")
            };
            let stop = start + length;
            if text[stop + 3..].starts_with('\'') {
                fail(stop, "quotes just before a closing `'''`");
            }
            (start, stop, stop + 3)
        } else if let Some(rest) = text[value..end].strip_prefix('\'') {
            let Some(length) = rest.find('\'') else {
                fail(value, "an unclosed string")
            };
            (value + 1, value + 1 + length, value + 2 + length)
        } else {
            fail(value, "not a literal string (basic strings have escapes)")
        };
        if text[start..stop].contains(|c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        {
            fail(start, "a control character in a string");
        }
        if !rest_of_line_is_empty(after) {
            fail(after, "text after a value");
        }
        entries.push(Scanned {
            table: table.clone(),
            key,
            start,
            end: stop,
        });
        pos = line_end(after) + 1;
    }
    entries
}

/// A bare TOML key, or a quoted one without escapes.
fn unquote(name: &str) -> Option<String> {
    let name = name.trim();
    let bare = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    if !name.is_empty() && name.chars().all(bare) {
        return Some(name.to_string());
    }
    let inner = name
        .strip_prefix('"')
        .and_then(|n| n.strip_suffix('"'))
        .filter(|n| !n.contains('\\'))
        .or_else(|| name.strip_prefix('\'').and_then(|n| n.strip_suffix('\'')))?;
    (!inner.contains(['"', '\''])).then(|| inner.to_string())
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let rules = root.join("rules");
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=rules/overrides");
    // The default set, then the sets of other protocol versions, `rules/1.6.9.1/` (see
    // src/versions.rs), each with its own overrides; `RuleSet::load_set` picks one set.
    let mut sets: Vec<(String, PathBuf)> = vec![(String::new(), rules.clone())];
    let mut versions: Vec<PathBuf> = std::fs::read_dir(&rules)
        .map(|listing| listing.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    // `hand/` holds the lints' data (src/lints/data.rs), not a rules set.
    versions.retain(|p| p.is_dir() && !p.ends_with("overrides") && !p.ends_with("hand"));
    versions.sort();
    for version in versions {
        println!("cargo:rerun-if-changed={}", version.display());
        let name = version
            .file_name()
            .expect("a directory")
            .to_string_lossy()
            .into_owned();
        sets.push((name, version));
    }
    let mut code = String::from(
        "/// Every embedded rules file, by set, overrides after the files they override.\n\
         pub static FILES: &[Embedded] = &[\n",
    );
    for (set, dir) in &sets {
        let mut paths = toml_files(dir);
        paths.extend(toml_files(&dir.join("overrides")));
        for path in paths {
            println!("cargo:rerun-if-changed={}", path.display());
            let text = std::fs::read_to_string(&path).expect("a readable UTF-8 rules file");
            let entries: String = scan_entries(&path, &text)
                .iter()
                .map(|e| {
                    format!(
                        "        Entry {{ table: {:?}, key: {:?}, content: {}..{} }},\n",
                        e.table, e.key, e.start, e.end
                    )
                })
                .collect();
            let relative = path.strip_prefix(&rules).expect("under rules/");
            let operator = path.file_stem().expect("a file name").to_string_lossy();
            writeln!(
                code,
                "    Embedded {{\n        path: {:?},\n        set: {set:?},\n        \
                 operator: {operator:?},\n        text: include_str!({:?}),\n        \
                 entries: &[\n{entries}        ],\n    }},",
                relative.to_string_lossy().replace('\\', "/"),
                path.display().to_string()
            )
            .expect("writing to a String");
        }
    }
    code.push_str("];\n");
    let out =
        PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo")).join("embedded_rules.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}
