//! The one way to check a packet. The CLI, the language server, the tests, the fuzz target
//! and the benchmarks all call [`check`] (or [`check_source`], its form for a file): it reads
//! the protocol the packet declares, picks that protocol's rule set from [`Versions`] and
//! walks the packet against it. How it runs (threads, when to cut a large packet into
//! pieces) is in [`Options`], passed by the caller: the engine keeps no process-wide state.

use std::sync::Arc;

use crate::FileReport;
use crate::check::Outcome;
use crate::rules::{Direction, RulesError};
use crate::source::SourceFile;
use crate::versions::{Version, Versions};

/// How to check one packet.
#[derive(Debug, Clone)]
pub struct Options {
    /// Request or response, forced; `None` reads the packet as the direction it shows.
    pub kind: Option<Direction>,
    /// The protocol of a packet that declares none (`--api-version`); `None` is the newest.
    pub default_version: Option<Version>,
    /// How many threads may check the pieces of one large packet. The findings do not depend
    /// on it.
    pub threads: usize,
    /// Packets of at least this many bytes are checked in pieces (memory bounded by the largest
    /// piece). The findings do not depend on it; the tests check every fixture with 0.
    pub pieces_above: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            kind: None,
            default_version: None,
            threads: 1,
            pieces_above: crate::check::limits::pieces_above(),
        }
    }
}

impl Options {
    /// The default options with `kind` forced (or not).
    pub fn kind(kind: Option<Direction>) -> Options {
        Options {
            kind,
            ..Options::default()
        }
    }

    /// The pieces of a large packet on every core.
    pub fn on_all_cores(self) -> Options {
        Options {
            threads: std::thread::available_parallelism().map_or(1, usize::from),
            ..self
        }
    }
}

/// Checks a packet's text: every finding, in source order, with the broken rules entries met
/// and the direction it was checked as.
pub fn check(versions: &Versions, text: &str, options: &Options) -> Outcome {
    crate::versions::check_text(versions, text, options)
}

/// [`check`] for a file: its report, plus any broken rules met on the way.
pub fn check_source(
    versions: &Versions,
    source: Arc<SourceFile>,
    options: &Options,
) -> (FileReport, Vec<RulesError>) {
    let outcome = check(versions, &source.text, options);
    let report = FileReport {
        source,
        diagnostics: outcome.diagnostics,
    };
    (report, outcome.rules_errors)
}
