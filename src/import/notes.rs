//! What the importer could not write exactly.
//!
//! The rules grammar cannot say everything XSD can. Rather than approximate silently, each
//! such place is collected here and reported in the summary, so a person can decide on an
//! override.

use std::collections::{BTreeMap, BTreeSet};

use super::decl::Site;

/// Inexact translations: single remarks, and counted kinds of remark.
#[derive(Debug, Default)]
pub struct Notes {
    lines: BTreeSet<String>,
    counted: BTreeMap<&'static str, BTreeSet<Site>>,
}

impl Notes {
    /// A remark about one place (`file.xsd:line: what`).
    pub fn add(&mut self, line: String) {
        self.lines.insert(line);
    }

    /// One more distinct schema place of a frequent kind of remark.
    pub fn count(&mut self, label: &'static str, site: Site) {
        self.counted.entry(label).or_default().insert(site);
    }

    /// Every remark, counted kinds first, in a stable order.
    pub fn into_lines(self) -> Vec<String> {
        let counted = self
            .counted
            .into_iter()
            .map(|(label, sites)| format!("{} {label}", sites.len()));
        counted.chain(self.lines).collect()
    }
}
