//! The engine's diagnostics as LSP diagnostics: byte spans become ranges in the negotiated
//! encoding, the code links to its documentation, secondary labels become related
//! information, and `data` says which finding of which version it is, so a code action
//! request can find the fix even when the editor sends back its own rebuilt copy.

use std::str::FromStr;

use lsp_types::{
    DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Range, Uri,
};
use serde_json::json;

use super::encoding::{Encoding, LineIndex};
use crate::diagnostic::{Diagnostic, Severity};

/// The `source` of every diagnostic.
pub const SOURCE: &str = "plesk-lint";

/// Converts byte spans of one text into ranges.
pub struct Converter<'a> {
    text: &'a str,
    index: LineIndex,
    encoding: Encoding,
}

impl<'a> Converter<'a> {
    /// A converter for `text`.
    pub fn new(text: &'a str, encoding: Encoding) -> Converter<'a> {
        Converter {
            text,
            index: LineIndex::new(text),
            encoding,
        }
    }

    /// The range of a byte span.
    pub fn range(&self, span: &std::ops::Range<usize>) -> Range {
        Range::new(
            self.index.position(self.text, span.start, self.encoding),
            self.index.position(self.text, span.end, self.encoding),
        )
    }

    /// The LSP form of the `index`-th finding of version `version` of the document `uri`.
    pub fn diagnostic(
        &self,
        uri: &Uri,
        version: i32,
        index: usize,
        diagnostic: &Diagnostic,
    ) -> lsp_types::Diagnostic {
        let mut message = diagnostic.message.clone();
        if let Some(help) = &diagnostic.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let related: Vec<DiagnosticRelatedInformation> = diagnostic
            .secondary
            .iter()
            .map(|label| DiagnosticRelatedInformation {
                location: Location::new(uri.clone(), self.range(&label.span)),
                message: label.message.clone().unwrap_or_default(),
            })
            .collect();
        lsp_types::Diagnostic {
            range: self.range(&diagnostic.primary.span),
            severity: Some(severity(diagnostic.severity)),
            code: Some(NumberOrString::String(diagnostic.code.as_str().into())),
            code_description: Uri::from_str(&diagnostic.code.docs_url())
                .ok()
                .map(|href| lsp_types::CodeDescription { href }),
            source: Some(SOURCE.into()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            tags: None,
            data: Some(json!({ "version": version, "index": index })),
        }
    }
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// Which finding an LSP diagnostic sent back by the editor stands for: its `data`, if it
/// names the version the findings are of; otherwise the first finding with its code on its
/// first line (editors may rebuild diagnostics with their own columns).
pub fn find<'d>(
    sent: &lsp_types::Diagnostic,
    version: i32,
    findings: &'d [Diagnostic],
    converter: &Converter,
) -> Option<&'d Diagnostic> {
    let data = sent.data.as_ref();
    let data_version = data.and_then(|d| d.get("version")).and_then(|v| v.as_i64());
    let data_index = data.and_then(|d| d.get("index")).and_then(|v| v.as_u64());
    if let (Some(v), Some(i)) = (data_version, data_index)
        && v == i64::from(version)
        && let Some(found) = findings.get(i as usize)
    {
        return Some(found);
    }
    let code = match &sent.code {
        Some(NumberOrString::String(code)) => code.as_str(),
        _ => return None,
    };
    findings.iter().find(|d| {
        d.code.as_str() == code
            && converter.range(&d.primary.span).start.line == sent.range.start.line
    })
}
