//! Embeds the rules tables into the binary: writes the list of `rules/*.toml` followed by
//! `rules/overrides/*.toml` (so overrides layer on top) as `include_str!` calls, each with the
//! index of its operations (which have a request model, which a response model).
//!
//! The index is what lets a run start without parsing any TOML: the envelope needs to know
//! which operators and operations exist, and only the files of the operators a packet uses
//! are parsed, when it uses them. The index comes from a line scan, not a TOML parser (a build
//! dependency on `toml` would compile it twice); the scan understands the layout the importer
//! writes and the rules reference documents, and fails the build on any other way of writing
//! an operation. A unit test (`rules::layer::tests`) compares the index with a real parse.

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

/// One operation of a file: its name, and whether it has a request and a response model.
type Operation = (String, bool, bool);

/// The operations of a rules file, in file order. Panics (failing the build) on a way of
/// writing an operation that the scan does not understand.
fn scan_operations(path: &Path, text: &str) -> Vec<Operation> {
    let fail = |line: usize, why: &str| -> ! {
        panic!(
            "{}:{}: {why}; build.rs indexes operations written as `[operation.NAME]` tables \
             with `request = …` and `response = …` keys",
            path.display(),
            line + 1
        )
    };
    let mut operations: Vec<Operation> = Vec::new();
    let mut table = String::new();
    // The closing delimiter while inside a multi-line string.
    let mut open: Option<&str> = None;
    for (number, line) in text.lines().enumerate() {
        if let Some(delimiter) = open {
            if line.contains(delimiter) {
                open = None;
            }
            continue;
        }
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(header) = line.strip_prefix('[') {
            if header.starts_with('[') {
                fail(number, "arrays of tables are not rules tables");
            }
            let Some(end) = header.find(']') else {
                fail(number, "unclosed table header")
            };
            table = header[..end]
                .split('.')
                .map(str::trim)
                .collect::<Vec<_>>()
                .join(".");
            if let Some(name) = table.strip_prefix("operation.") {
                let name = unquote(name).unwrap_or_else(|| fail(number, "an unusual name"));
                operations.push((name, false, false));
            } else if table == "operation" {
                fail(number, "`[operation]` table");
            }
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            fail(number, "not a `key = value` line");
        };
        let key = key.trim();
        if key.starts_with("operation") && table.is_empty() {
            fail(number, "an operation written as a dotted key");
        }
        if table.starts_with("operation.") {
            let last = operations.last_mut().expect("pushed with the header");
            match key {
                "request" => last.1 = true,
                "response" => last.2 = true,
                _ => fail(
                    number,
                    "an operation table holds only `request` and `response`",
                ),
            }
        }
        let value = value.trim();
        for delimiter in ["'''", "\"\"\""] {
            if let Some(rest) = value.strip_prefix(delimiter)
                && !rest.contains(delimiter)
            {
                open = Some(delimiter);
            }
        }
    }
    operations
}

/// A bare TOML key, or a quoted one without escapes.
fn unquote(name: &str) -> Option<String> {
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
    let mut code = String::from(
        "/// Every embedded rules file, overrides last.\npub static FILES: &[Embedded] = &[\n",
    );
    let overrides = rules.join("overrides");
    // Then the rule sets of other protocol versions, `rules/1.6.9.1/` (see src/versions.rs),
    // each with its own overrides; `RuleSet::load_set` picks one set by path prefix.
    let mut versions: Vec<PathBuf> = std::fs::read_dir(&rules)
        .map(|listing| listing.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    versions.retain(|p| p.is_dir() && !p.ends_with("overrides"));
    versions.sort();
    let mut paths = toml_files(&rules);
    paths.extend(toml_files(&overrides));
    for version in &versions {
        println!("cargo:rerun-if-changed={}", version.display());
        paths.extend(toml_files(version));
        paths.extend(toml_files(&version.join("overrides")));
    }
    for path in paths {
        let relative = path.strip_prefix(&rules).expect("under rules/");
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).expect("a readable UTF-8 rules file");
        let operations: String = scan_operations(&path, &text)
            .iter()
            .map(|(name, request, response)| format!("({name:?}, {request}, {response}), "))
            .collect();
        writeln!(
            code,
            "    Embedded {{ path: {:?}, text: include_str!({:?}), operations: &[{operations}] }},",
            relative.to_string_lossy().replace('\\', "/"),
            path.display().to_string()
        )
        .expect("writing to a String");
    }
    code.push_str("];\n");
    let out =
        PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo")).join("embedded_rules.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}
