//! What every fuzz target does with a report: every span of every finding lies inside the
//! text on character boundaries, and one renderer (picked by `pick`) writes it without panic.

use std::sync::Arc;

use plesk_lint::FileReport;
use plesk_lint::config::Settings;
use plesk_lint::render::{self, Format, HumanOptions, RenderOptions};
use plesk_lint::source::SourceFile;

pub fn check_spans(text: &str, report: &FileReport) {
    let inside = |span: &std::ops::Range<usize>| {
        span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end)
    };
    for diagnostic in &report.diagnostics {
        assert!(inside(&diagnostic.primary.span), "{diagnostic:?}");
        for label in &diagnostic.secondary {
            assert!(inside(&label.span), "{diagnostic:?}");
        }
        for edit in diagnostic.fix.iter().flat_map(|fix| &fix.edits) {
            assert!(inside(&edit.span), "{diagnostic:?}");
        }
    }
}

/// Decodes `data`, checks it with `check`, filters, checks the spans and renders with the
/// format `pick` selects (one renderer per execution: SARIF alone costs more than checking).
pub fn run(
    data: &[u8],
    pick: usize,
    check: impl FnOnce(&str) -> Vec<plesk_lint::diagnostic::Diagnostic>,
) {
    // As in `plesk-lint check`: suppression comments are read only from a packet that was
    // decoded and passed the pre-scan (reading them parses the text).
    let (source, diagnostics, parsed) = match plesk_lint::decode::decode(data.to_vec()) {
        Ok(decoded) => {
            let source = Arc::new(SourceFile::new("fuzz.xml", decoded.text));
            let limits = plesk_lint::prescan::Limits::default();
            match plesk_lint::prescan::scan(&source.text, &limits) {
                Ok(()) => {
                    let diagnostics = check(&source.text);
                    (source, diagnostics, true)
                }
                Err(refused) => (source, vec![*refused], false),
            }
        }
        Err(error) => {
            let diagnostic = error.diagnostic();
            (
                Arc::new(SourceFile::new("fuzz.xml", error.text)),
                vec![diagnostic],
                false,
            )
        }
    };
    let mut report = FileReport {
        source: source.clone(),
        diagnostics,
    };
    plesk_lint::filter::apply(&mut report, &Settings::default(), parsed);
    check_spans(&source.text, &report);
    let options = RenderOptions {
        human: HumanOptions {
            color: pick & 1 == 1,
            width: 100,
        },
        root: None,
        byte_columns: false,
    };
    let reports = [report];
    match Format::ALL.get(pick % (Format::ALL.len() + 1)) {
        Some(format) => render::render(*format, &reports, &mut std::io::sink(), &options),
        None => render::render_statistics(&reports, Format::Json, &mut std::io::sink()),
    }
    .expect("rendering to a sink cannot fail");
}
