//! `sarif`: SARIF 2.1.0, as GitHub code scanning and SARIF viewers read it.
//!
//! What GitHub's ingestion needs and this writes: every code as a rule with short and full
//! descriptions, help (text and Markdown), `helpUri` and a default level; results with a
//! rule id and index, a level, one location with a region, related locations for the
//! secondary labels, `partialFingerprints`, and fixes. URIs are relative to `%SRCROOT%` (the
//! working directory, declared in `originalUriBaseIds`), so the file is valid on any checkout;
//! regions count columns in UTF-16 code units and say so in `columnKind`, because the SARIF
//! spec requires it for text results and GitHub's own examples use that unit.

use std::io::{self, Write};
use std::path::Path;

use serde_json::{Value, json};

use crate::FileReport;
use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;

/// The base id relative URIs resolve against.
const SRCROOT: &str = "%SRCROOT%";

/// Writes one SARIF log with one run.
pub fn render(reports: &[FileReport], out: &mut dyn Write, root: Option<&Path>) -> io::Result<()> {
    let fingerprints = super::fingerprint::fingerprints(reports);
    let results = || {
        reports
            .iter()
            .zip(&fingerprints)
            .flat_map(|(report, prints)| {
                (report.diagnostics.iter().zip(prints))
                    .map(|(diagnostic, print)| result(&report.source, diagnostic, print, root))
            })
    };
    let mut run = json!({
        "tool": {"driver": {
            "name": "plesk-lint",
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "informationUri": super::HOMEPAGE,
            "rules": Code::ALL.iter().map(|code| rule(*code)).collect::<Vec<_>>(),
        }},
        "columnKind": "utf16CodeUnits",
    });
    if let Some(root) = root {
        run["originalUriBaseIds"] = json!({SRCROOT: {"uri": directory_uri(root)}});
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
    });
    let (run, log) = (super::lazy::members(run), super::lazy::members(log));
    // The results are written one by one: the run is the one member not held whole.
    let run = super::lazy::With {
        object: &run,
        key: "results",
        value: super::lazy::Array(results),
    };
    let log = super::lazy::With {
        object: &log,
        key: "runs",
        value: [run],
    };
    super::lazy::write_pretty(out, &log)
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule(code: Code) -> Value {
    let doc = code.rule();
    let language = doc.example_language;
    let severity = code.default_severity();
    let text = format!(
        "{}\n\nBad:\n{}\n\nGood:\n{}\n\nFix: {}",
        doc.why, doc.bad, doc.good, doc.fix
    );
    let markdown = format!(
        "{}\n\n**Bad**\n\n```{language}\n{}\n```\n\n**Good**\n\n```{language}\n{}\n```\n\n**Fix:** {}\n\n[Documentation]({})",
        doc.why,
        doc.bad,
        doc.good,
        doc.fix,
        code.docs_url()
    );
    json!({
        "id": code.as_str(),
        "name": code.pascal_name(),
        "shortDescription": {"text": doc.summary},
        "fullDescription": {"text": format!("{} {}", doc.summary, doc.why)},
        "help": {"text": text, "markdown": markdown},
        "helpUri": code.docs_url(),
        "defaultConfiguration": {"level": level(severity), "enabled": code.enabled_by_default()},
        "properties": {
            "tags": ["plesk", "xml-rpc"],
            "precision": "very-high",
            "problem.severity": match severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "recommendation",
            },
        },
    })
}

fn result(source: &SourceFile, diagnostic: &Diagnostic, print: &str, root: Option<&Path>) -> Value {
    let artifact = artifact(&source.name, root);
    let location = |span: &std::ops::Range<usize>| {
        json!({"physicalLocation": {
            "artifactLocation": artifact,
            "region": region(source, span),
        }})
    };
    let mut message = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let mut result = json!({
        "ruleId": diagnostic.code.as_str(),
        "ruleIndex": diagnostic.code.index(),
        "level": level(diagnostic.severity),
        "message": {"text": message},
        "locations": [location(&diagnostic.primary.span)],
        "partialFingerprints": {"pleskLint/v1": print},
    });
    if let Some(place) = &diagnostic.packet {
        result["properties"] = json!({"packet": super::json::packet_object(source, place)});
    }
    if !diagnostic.secondary.is_empty() {
        let related: Vec<Value> = diagnostic
            .secondary
            .iter()
            .enumerate()
            .map(|(index, label)| {
                let mut related = location(&label.span);
                related["id"] = json!(index + 1);
                if let Some(text) = &label.message {
                    related["message"] = json!({"text": text});
                }
                related
            })
            .collect();
        result["relatedLocations"] = json!(related);
    }
    if let Some(fix) = &diagnostic.fix {
        let replacements: Vec<Value> = fix
            .edits
            .iter()
            .map(|edit| {
                json!({
                    "deletedRegion": region(source, &edit.span),
                    "insertedContent": {"text": edit.replacement},
                })
            })
            .collect();
        result["fixes"] = json!([{
            "description": {"text": fix.description},
            "artifactChanges": [{"artifactLocation": artifact, "replacements": replacements}],
            // SARIF has no word for it; `plesk-lint check --fix` applies the safe ones.
            "properties": {"applicability": match fix.applicability {
                crate::diagnostic::Applicability::Safe => "safe",
                crate::diagnostic::Applicability::Unsafe => "unsafe",
            }},
        }]);
    }
    result
}

/// A region in UTF-16 columns (the run's `columnKind`), end exclusive.
fn region(source: &SourceFile, span: &std::ops::Range<usize>) -> Value {
    let (start, end) = super::range(source, span);
    json!({
        "startLine": start.line,
        "startColumn": start.column_utf16,
        "endLine": end.line,
        "endColumn": end.column_utf16,
    })
}

/// A relative path becomes a relative URI under `%SRCROOT%`; an absolute one below the root is
/// made relative first; any other absolute path becomes a `file:` URI.
fn artifact(name: &str, root: Option<&Path>) -> Value {
    let path = super::report_path(name, root);
    if Path::new(&path).is_absolute() || path.starts_with('/') {
        json!({"uri": format!("file://{}", encode(&absolute_prefix(&path)))})
    } else {
        json!({"uri": encode(&path), "uriBaseId": SRCROOT})
    }
}

/// `C:/x` needs a leading slash in a `file:` URI; `/x` already has one.
fn absolute_prefix(path: &str) -> String {
    if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    }
}

fn directory_uri(root: &Path) -> String {
    let mut path = absolute_prefix(&root.to_string_lossy().replace('\\', "/"));
    if !path.ends_with('/') {
        path.push('/');
    }
    format!("file://{}", encode(&path))
}

/// Percent-encodes everything but RFC 3986 unreserved characters, `/` and the colon of a
/// Windows drive in an absolute path (`/C:/…`). A colon anywhere else is encoded, so a relative
/// path such as `a:b.xml` cannot be read as a URI with scheme `a`.
pub fn encode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut encoded = String::with_capacity(path.len());
    for (index, &byte) in bytes.iter().enumerate() {
        let drive_colon =
            byte == b':' && index == 2 && bytes[0] == b'/' && bytes[1].is_ascii_alphabetic();
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) || drive_colon {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}
