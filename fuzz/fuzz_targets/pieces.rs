//! Fuzzes the walk of a large packet (`src/check/stream.rs`) and its pieces
//! (`src/check/pieces.rs`) against the whole-document check: a packet is checked whole and
//! walked with every element a piece (`pieces_above = 0`), on one thread and on two, in each
//! direction, and the findings must be the same, finding by finding (code, message, every
//! span, every fix), as `tests/it/pieces.rs` requires of the fixtures. Small inputs reach
//! every path of the walk this way (shells, skeletons, text between children, the caps'
//! counts), which only files of megabytes reach with the default options.
//!
//! The first byte also picks the scale of the size limits (`plesk_lint::check::limits`): the
//! real ones, or divided by 100 or by 1,000, so that a few hundred children of one parent go
//! past the children limit and the walk leaves children out of its skeleton, as it does past
//! 100,000 children at the real scale.

#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use plesk_lint::engine::{self, Options};
use plesk_lint::rules::Direction;
use plesk_lint::versions::Versions;

fn versions() -> &'static Versions {
    static VERSIONS: OnceLock<Versions> = OnceLock::new();
    VERSIONS.get_or_init(|| Versions::load(&[] as &[PathBuf]).0)
}

fn findings(text: &str, options: &Options) -> (Vec<String>, Option<Direction>) {
    let outcome = engine::check(versions(), text, options);
    let findings = outcome
        .diagnostics
        .iter()
        .map(|d| format!("{d:?}"))
        .collect();
    (findings, outcome.direction)
}

fuzz_target!(|data: &[u8]| {
    // Only UTF-8 reaches the check as text (the decoder turns the rest into a finding).
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The first byte picks the direction and the scale, so that one input is checked one way
    // per run.
    let first = data.first().copied().unwrap_or(0);
    plesk_lint::check::limits::scale_down([1, 100, 1000][usize::from(first / 3 % 3)]);
    let kind = match data.first().map(|b| b % 3) {
        Some(1) => Some(Direction::Request),
        Some(2) => Some(Direction::Response),
        _ => None,
    };
    let whole = findings(
        text,
        &Options {
            pieces_above: usize::MAX,
            ..Options::kind(kind)
        },
    );
    for threads in [1, 2] {
        let options = Options {
            threads,
            pieces_above: 0,
            ..Options::kind(kind)
        };
        let walked = findings(text, &options);
        assert_eq!(whole, walked, "{threads} threads, {kind:?}");
    }
});
