//! Fuzzes the whole path a packet takes: decode, parse, check (both grammars), suppression
//! comments, and every renderer. Beyond "no panic", it asserts what every renderer relies on:
//! each span of each finding (primary, secondary, fix edits) lies inside the text and on
//! character boundaries.

#![no_main]

mod common;

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use plesk_lint::versions::Versions;

fn versions() -> &'static Versions {
    static VERSIONS: OnceLock<Versions> = OnceLock::new();
    VERSIONS.get_or_init(|| Versions::load(&[] as &[PathBuf]).0)
}

fuzz_target!(|data: &[u8]| {
    // One renderer per input, picked by its length, so every renderer sees every kind of
    // finding; the colour by the first byte.
    let pick = data.len() + usize::from(data.first().is_some_and(|b| b & 1 == 1));
    common::run(data, pick, |text| {
        plesk_lint::engine::check(versions(), text, &Default::default()).diagnostics
    });
});
