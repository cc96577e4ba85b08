//! The rules tables compiled into the binary by `build.rs`, each with the byte range of every
//! string in it, so that a run reads the tables it uses without parsing any TOML.

use std::ops::Range;

/// One embedded rules file.
pub struct Embedded {
    /// The path under `rules/` (`site.toml`, `overrides/site.toml`, `1.6.9.1/site.toml`).
    pub path: &'static str,
    /// The rule set it belongs to: `""` for the default one, else its directory (`1.6.9.1`).
    pub set: &'static str,
    /// The operator it describes (`site`), or `_packet` / `_shared`.
    pub operator: &'static str,
    /// The file's text.
    pub text: &'static str,
    /// Its strings in file order.
    pub entries: &'static [Entry],
}

/// One `key = '…'` of an embedded file.
pub struct Entry {
    /// The table it is in: `operator`, `packet`, `operation.NAME`, `model`, `value`,
    /// `request.model`, `response.value`, ….
    pub table: &'static str,
    /// Its key: `request` or `response` in the first three, a type name in the others.
    pub key: &'static str,
    /// The byte range of the string's content in `text`.
    pub content: Range<usize>,
}

include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));
