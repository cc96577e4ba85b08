//! plesk-lint: a validator and linter for Plesk XML-RPC API packets.
//!
//! Data flows one way: [`input`] finds the files, [`source`] holds each text with its line
//! index, [`engine::check`] (the one entry point) picks the protocol's rules, [`check`] parses
//! it and walks it against the [`rules`], then [`lints`] applies the rules beyond the schema,
//! producing [`diagnostic::Diagnostic`]s, [`filter`] applies the user's [`config`] and
//! suppression comments (`suppress`), and [`render`] turns them into one of the output formats.
//! Nothing renders before all checks ran; nothing checks while rendering. [`batch`] runs the
//! reading and checking of many files on several threads, results in input order.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod batch;
pub mod check;
pub mod check_file;
pub mod codes;
pub mod config;
pub mod decode;
pub mod diagnostic;
pub mod embedded;
pub mod engine;
pub mod explain;
pub mod filter;
pub mod fix;
#[cfg(feature = "generate")]
pub mod generate;
pub mod input;
pub mod lints;
pub mod prescan;
pub mod render;
pub mod rules;
pub mod server;
pub mod source;
pub mod span_map;
pub(crate) mod suppress;
pub mod version_diff;
pub mod versions;

use std::sync::Arc;

use diagnostic::{Code, Diagnostic};
use rules::RulesError;
use source::SourceFile;

/// The findings about one file.
#[derive(Debug)]
pub struct FileReport {
    /// The file.
    pub source: Arc<SourceFile>,
    /// Its findings, in source order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reports broken rules as diagnostics in the rules files, one per distinct mistake.
pub fn rules_reports(errors: &[RulesError]) -> Vec<FileReport> {
    let mut reports: Vec<FileReport> = Vec::new();
    for error in errors {
        let diagnostic = Diagnostic {
            help: error.help.clone(),
            ..Diagnostic::new(Code::RulesError, error.message.clone(), error.span.clone())
                .with_label("here")
        };
        match reports
            .iter_mut()
            .find(|r| Arc::ptr_eq(&r.source, &error.file) || r.source.name == error.file.name)
        {
            Some(report) if report.diagnostics.contains(&diagnostic) => {}
            Some(report) => report.diagnostics.push(diagnostic),
            None => reports.push(FileReport {
                source: error.file.clone(),
                diagnostics: vec![diagnostic],
            }),
        }
    }
    reports
}
