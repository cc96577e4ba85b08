//! Embeds the rules tables into the binary, in a form that needs no TOML parser at run time:
//! the list of `rules/*.toml` followed by `rules/overrides/*.toml` (so overrides layer on
//! top), then each other protocol version's set, as `include_str!` calls, each with the
//! table, key and byte range of every string in the file.
//!
//! Parsing TOML cost more than checking a small packet (60 instructions a byte with the
//! `toml` crate), so a run reads the embedded tables straight from these ranges, and parses
//! and compiles only the models of the operations a packet uses. The ranges come from the one
//! reader of rules tables, `src/rules/plain.rs`, included here (a build dependency on `toml`
//! would compile it twice): it reads the plain layout the importer writes and the rules
//! reference documents (`[table]` headers, one `key = 'literal'` or
//! `key = '''multi-line literal'''` per entry), and fails the build with the file, line and
//! column of any other way of writing a file. `--rules` directories go through the same reader
//! when loaded; a unit test (`rules::files::tests`) checks that it reads every embedded file
//! exactly as the TOML parser does.

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

/// The one reader of rules tables, shared with the run time (`rules::files` reads a
/// `--rules` file with it).
#[path = "src/rules/plain.rs"]
mod plain;

/// Every string of a rules file, in file order. Panics (failing the build) with the file,
/// line and column of anything outside the layout.
fn scan_entries(path: &Path, text: &str) -> Vec<plain::Entry> {
    plain::read(text).unwrap_or_else(|error| {
        let before = &text[..error.span.start];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        panic!(
            "{}:{line}:{column}: {}; {}",
            path.display(),
            error.message,
            plain::LAYOUT
        )
    })
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
                        e.table, e.key, e.content.start, e.content.end
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
