//! Checking documents off the main loop: one worker thread runs the same check as `plesk-lint
//! check` (version-aware check, configuration, suppressions) on a snapshot of the text and
//! converts the findings to LSP diagnostics; the main loop keeps answering hovers and
//! completions meanwhile.
//!
//! Debouncing and cancelling stale work are decided by the main loop ([`Scheduler`]): at most
//! one check per document is in flight; a change that arrives while one runs only marks the
//! document dirty, and the result of a check whose version is no longer current is dropped
//! instead of published. So typing in a 1 MB packet costs one check at a time, and the one
//! after the last keystroke is the one shown.

use std::collections::{HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::thread;
use std::time::Instant;

use crossbeam_channel::{Receiver, Sender};
use lsp_types::Uri;

use super::diagnostics::Converter;
use super::documents::Checked;
use super::encoding::Encoding;
use crate::config::Settings;
use crate::rules::Direction;
use crate::source::SourceFile;
use crate::versions::Versions;

/// One document version to check.
pub struct Job {
    /// The document.
    pub uri: Uri,
    /// The version of `source`.
    pub version: i32,
    /// The text.
    pub source: Arc<SourceFile>,
    /// Its settings.
    pub settings: Arc<Settings>,
    /// The rule sets.
    pub versions: Arc<Versions>,
    /// The encoding of the diagnostics' ranges.
    pub encoding: Encoding,
}

/// What a job produced.
pub struct Done {
    /// The document.
    pub uri: Uri,
    /// The findings, or the panic message of a check that crashed.
    pub result: Result<(Checked, Vec<lsp_types::Diagnostic>), String>,
}

/// Runs the check of `job`: the CLI's path — the pre-scan's limits, packets in source files
/// (src/embedded) by the file's extension, the version-aware check, then the filters.
pub fn check(job: &Job) -> Checked {
    let settings = &job.settings;
    let checked = |diagnostics, direction| Checked {
        version: job.version,
        source: job.source.clone(),
        diagnostics: Arc::new(diagnostics),
        direction,
    };
    if let Some(report) = crate::check_file::refused(&job.source, settings) {
        return checked(report.diagnostics, None);
    }
    // An editor has no `--api-version`: the configuration's protocol applies.
    let options = crate::engine::Options::kind(settings.kind).on_all_cores();
    let outcome = crate::check_file::check_file(
        &job.versions,
        job.source.clone(),
        settings,
        &options,
        !settings.embedded.disabled,
    );
    checked(outcome.report.diagnostics, outcome.direction)
}

/// The LSP diagnostics of a check.
pub fn convert(uri: &Uri, checked: &Checked, encoding: Encoding) -> Vec<lsp_types::Diagnostic> {
    let converter = Converter::new(&checked.source.text, encoding);
    checked
        .diagnostics
        .iter()
        .enumerate()
        .map(|(index, d)| converter.diagnostic(uri, checked.version, index, d))
        .collect()
}

/// Starts the worker. It ends when `jobs` is dropped.
pub fn spawn(jobs: Receiver<Job>, done: Sender<Done>) -> thread::JoinHandle<()> {
    thread::Builder::new()
        .name("plesk-lint check".into())
        .spawn(move || {
            for job in jobs {
                let result = catch_unwind(AssertUnwindSafe(|| {
                    let checked = check(&job);
                    let diagnostics = convert(&job.uri, &checked, job.encoding);
                    (checked, diagnostics)
                }))
                .map_err(|panic| super::panic_message(&*panic));
                if done
                    .send(Done {
                        uri: job.uri,
                        result,
                    })
                    .is_err()
                {
                    break;
                }
            }
        })
        .expect("spawning the check thread")
}

/// Which documents wait for a check, and which are being checked.
#[derive(Default)]
pub struct Scheduler {
    /// Document → when its check may start.
    due: HashMap<Uri, Instant>,
    in_flight: HashSet<Uri>,
}

impl Scheduler {
    /// Asks for a check of `uri` at `at` (a later request moves it later: the debounce).
    pub fn schedule(&mut self, uri: Uri, at: Instant) {
        self.due.insert(uri, at);
    }

    /// Forgets a closed document's pending check.
    pub fn forget(&mut self, uri: &Uri) {
        self.due.remove(uri);
    }

    /// The earliest time a pending check may start, if any may start at all.
    pub fn next_deadline(&self) -> Option<Instant> {
        self.due
            .iter()
            .filter(|(uri, _)| !self.in_flight.contains(*uri))
            .map(|(_, at)| *at)
            .min()
    }

    /// The documents whose check may start now; they count as in flight from here.
    pub fn take_due(&mut self, now: Instant) -> Vec<Uri> {
        let ready: Vec<Uri> = self
            .due
            .iter()
            .filter(|(uri, at)| **at <= now && !self.in_flight.contains(*uri))
            .map(|(uri, _)| uri.clone())
            .collect();
        for uri in &ready {
            self.due.remove(uri);
            self.in_flight.insert(uri.clone());
        }
        ready
    }

    /// A check of `uri` ended.
    pub fn finished(&mut self, uri: &Uri) {
        self.in_flight.remove(uri);
    }
}

/// The direction to read a document as for hover and completion: the configured one, the
/// one its last check settled on, or a guess from its text.
pub fn direction(settings: &Settings, checked: Option<&Checked>, text: &str) -> Direction {
    settings
        .kind
        .or(checked.and_then(|c| c.direction))
        .unwrap_or_else(|| super::schema::guess_direction(text))
}
