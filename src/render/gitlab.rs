//! `gitlab`: GitLab Code Quality, the Code Climate subset GitLab reads from a
//! `codequality` report artifact.
//!
//! GitLab reads `description`, `check_name`, `fingerprint`, `severity` and `location.path`
//! with `lines.begin`, the form its documentation gives, which every issue carries; issues
//! also carry `positions` with 1-based character columns (Code Climate's unit) for consumers
//! that show columns (GitLab takes `lines.begin` first). Findings with equal fingerprints collapse into one in the
//! merge request widget, so fingerprints are unique per run (see `fingerprint.rs`). Paths must
//! be relative to the project directory; absolute paths below the working directory are made
//! relative. The Code Climate fields GitLab ignores (`type`, `categories`, `content` with the
//! help and the rule's docs link, `engine_name`) are filled in for other consumers.

use std::io::{self, Write};
use std::path::Path;

use serde_json::{Value, json};

use crate::FileReport;
use crate::diagnostic::{Diagnostic, Severity};

/// Writes one JSON array of Code Quality issues.
pub fn render(reports: &[FileReport], out: &mut dyn Write, root: Option<&Path>) -> io::Result<()> {
    let fingerprints = super::fingerprint::fingerprints(reports);
    let issues = || {
        reports
            .iter()
            .zip(&fingerprints)
            .flat_map(|(report, prints)| {
                let path = super::report_path(&report.source.name, root);
                (report.diagnostics.iter().zip(prints))
                    .map(move |(diagnostic, print)| issue(report, &path, diagnostic, print))
            })
    };
    super::lazy::write_pretty(out, &super::lazy::Array(issues))
}

fn issue(report: &FileReport, path: &str, diagnostic: &Diagnostic, print: &str) -> Value {
    let (start, end) = super::range(&report.source, &diagnostic.primary.span);
    let mut body = String::new();
    if let Some(help) = &diagnostic.help {
        body.push_str(help);
        body.push_str("\n\n");
    }
    body.push_str(&format!(
        "See [{}]({}).",
        diagnostic.code,
        diagnostic.code.docs_url()
    ));
    json!({
        "type": "issue",
        "engine_name": "plesk-lint",
        "check_name": diagnostic.code.as_str(),
        "description": format!("{}: {}", diagnostic.code, diagnostic.message),
        "content": {"body": body},
        "categories": ["Bug Risk"],
        "severity": severity(diagnostic.severity),
        "fingerprint": print,
        "location": {
            "path": path,
            "lines": {"begin": start.line, "end": end.line},
            "positions": {
                "begin": {"line": start.line, "column": start.column},
                "end": {"line": end.line, "column": end.column},
            },
        },
    })
}

/// GitLab's scale is info, minor, major, critical, blocker. A packet the server rejects is a
/// `major` defect; nothing here can corrupt data, so nothing is `critical`.
fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}
