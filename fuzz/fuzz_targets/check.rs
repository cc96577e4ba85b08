//! Fuzzes the whole path a packet takes: decode, parse, check (both grammars), suppression
//! comments, and every renderer. Beyond "no panic", it asserts what every renderer relies on:
//! each span of each finding (primary, secondary, fix edits) lies inside the text and on
//! character boundaries.

#![no_main]

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use libfuzzer_sys::fuzz_target;
use plesk_lint::FileReport;
use plesk_lint::config::Settings;
use plesk_lint::render::{self, Format, HumanOptions, RenderOptions};
use plesk_lint::versions::Versions;
use plesk_lint::source::SourceFile;

fn versions() -> &'static Versions {
    static VERSIONS: OnceLock<Versions> = OnceLock::new();
    VERSIONS.get_or_init(|| Versions::load(&[] as &[PathBuf]).0)
}

fn check_spans(text: &str, report: &FileReport) {
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

fuzz_target!(|data: &[u8]| {
    let (source, diagnostics) = match plesk_lint::decode::decode(data.to_vec()) {
        Ok(decoded) => {
            let source = Arc::new(SourceFile::new("fuzz.xml", decoded.text));
            let outcome = plesk_lint::engine::check(versions(), &source.text, &Default::default());
            (source, outcome.diagnostics)
        }
        Err(error) => {
            let diagnostic = error.diagnostic();
            (
                Arc::new(SourceFile::new("fuzz.xml", error.text)),
                vec![diagnostic],
            )
        }
    };
    let mut report = FileReport {
        source: source.clone(),
        diagnostics,
    };
    plesk_lint::filter::apply(&mut report, &Settings::default(), true);
    check_spans(&source.text, &report);
    let options = RenderOptions {
        human: HumanOptions {
            color: data.first().is_some_and(|b| b & 1 == 1),
            width: 100,
        },
        root: None,
    };
    let reports = [report];
    // One renderer per input, picked by its length, so each execution pays for one (SARIF
    // alone costs more than checking) and every renderer still sees every kind of finding.
    match Format::ALL.get(data.len() % (Format::ALL.len() + 1)) {
        Some(format) => render::render(*format, &reports, &mut std::io::sink(), &options),
        None => render::render_statistics(&reports, Format::Json, &mut std::io::sink()),
    }
    .expect("rendering to a sink cannot fail");
});
