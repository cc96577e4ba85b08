//! Embeds the rules tables into the binary: writes the list of `rules/*.toml` followed by
//! `rules/overrides/*.toml` (so overrides layer on top) as `include_str!` calls.

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

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let rules = root.join("rules");
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=rules/overrides");
    let mut code = String::from(
        "/// Every embedded rules file: (path under rules/, text).\npub static FILES: &[(&str, &str)] = &[\n",
    );
    let overrides = rules.join("overrides");
    for path in toml_files(&rules).into_iter().chain(toml_files(&overrides)) {
        let relative = path.strip_prefix(&rules).expect("under rules/");
        println!("cargo:rerun-if-changed={}", path.display());
        writeln!(
            code,
            "    ({:?}, include_str!({:?})),",
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
