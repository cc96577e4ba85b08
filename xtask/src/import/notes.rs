//! What the importer could not write exactly.
//!
//! The rules grammar cannot say everything XSD can. Rather than approximate silently, each
//! such place is collected here and reported in the summary, so a person can decide on an
//! override.

use std::collections::BTreeSet;

/// Inexact translations, one remark per schema place.
#[derive(Debug, Default)]
pub struct Notes {
    lines: BTreeSet<String>,
}

impl Notes {
    /// A remark about one place (`file.xsd:line: what`).
    pub fn add(&mut self, line: String) {
        self.lines.insert(line);
    }

    /// Every remark, in a stable order.
    pub fn into_lines(self) -> Vec<String> {
        self.lines.into_iter().collect()
    }
}
