//! The rules tables compiled into the binary by `build.rs`, each with the index of its
//! operations that `build.rs` computed, so that a run needs to parse only the files it uses.

/// One embedded rules file.
pub struct Embedded {
    /// The path under `rules/` (`site.toml`, `overrides/site.toml`).
    pub path: &'static str,
    /// The file's text.
    pub text: &'static str,
    /// Its operations in file order: (name, has a request model, has a response model).
    pub operations: &'static [(&'static str, bool, bool)],
}

include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));
