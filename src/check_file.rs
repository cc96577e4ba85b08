//! How one file is checked, the same for `plesk-lint check` and the language server: the
//! pre-scan's limits first, then the packet itself or, in a source file (src/embedded), the
//! packets it holds, then the configuration's filters and suppressions.

use std::path::Path;
use std::sync::Arc;

use crate::FileReport;
use crate::config::Settings;
use crate::embedded::{self, Host};
use crate::engine::{self, Options};
use crate::rules::{Direction, RulesError};
use crate::source::SourceFile;
use crate::versions::Versions;

/// What checking a file found.
pub struct FileOutcome {
    /// Its findings, filtered.
    pub report: FileReport,
    /// Broken rules met on the way.
    pub rules_errors: Vec<RulesError>,
    /// The direction an XML packet was read as; `None` for a source file's packets.
    pub direction: Option<Direction>,
}

/// The pre-scan's one finding, filtered, when `source` goes past `settings`' limits: such a
/// text is never parsed (suppression comments included, as they need the parse).
pub fn refused(source: &Arc<SourceFile>, settings: &Settings) -> Option<FileReport> {
    let refused = crate::prescan::scan(&source.text, &settings.limits).err()?;
    let mut report = FileReport {
        source: source.clone(),
        diagnostics: vec![*refused],
    };
    crate::filter::apply(&mut report, settings, false);
    Some(report)
}

/// Checks `source` (past the pre-scan) with `settings`. A source file's packets are read when
/// `read_embedded` holds. The protocol of a packet that declares none is
/// `options.default_version` (`--api-version`), else for a source file the `[embedded]`
/// table's, else `api-version`.
pub fn check_file(
    versions: &Versions,
    source: Arc<SourceFile>,
    settings: &Settings,
    options: &Options,
    read_embedded: bool,
) -> FileOutcome {
    let path = Path::new(&source.name);
    let host = Host::of(path).filter(|_| read_embedded);
    let declared_elsewhere = host.and_then(|_| settings.embedded.version_for(path));
    let options = Options {
        default_version: options
            .default_version
            .or(declared_elsewhere)
            .or(settings.api_version),
        ..options.clone()
    };
    let (mut report, rules_errors, direction) = match host {
        Some(host) => {
            let (report, errors) = embedded::check_source_with(
                versions,
                source,
                host,
                &options,
                &settings.embedded.placeholders,
            );
            (report, errors, None)
        }
        None => {
            let outcome = engine::check(versions, &source.text, &options);
            let report = FileReport {
                source,
                diagnostics: outcome.diagnostics,
            };
            (report, outcome.rules_errors, outcome.direction)
        }
    };
    crate::filter::apply(&mut report, settings, true);
    FileOutcome {
        report,
        rules_errors,
        direction,
    }
}
