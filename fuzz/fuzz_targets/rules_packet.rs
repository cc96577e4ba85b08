//! Fuzzes (rules file, packet) pairs: the input is a rules file, a NUL byte, and a packet.
//! The rules file is named by its first byte and checked with the real packet and shared tables;
//! every operation of that operator is compiled (a broken model must be a `rules-error`,
//! never a panic, a stack overflow or minutes of work), then the packet is checked against
//! the result and rendered like in the `check` target.

#![no_main]

mod common;

use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use plesk_lint::rules::RuleSet;
use plesk_lint::source::SourceFile;

/// What the fuzzed file is: the packet or shared tables, or an operator's (those the seed
/// packets use).
const PACKET: &str = include_str!("../../rules/_packet.toml");
const SHARED: &str = include_str!("../../rules/_shared.toml");

const NAMES: [&str; 6] = [
    "_packet", "_shared", "site", "webspace", "customer", "server",
];

fuzz_target!(|data: &[u8]| {
    let (rules_bytes, packet) = match memchr_nul(data) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    let name = NAMES[usize::from(rules_bytes.first().copied().unwrap_or(0)) % NAMES.len()];
    let text = String::from_utf8_lossy(rules_bytes.get(1..).unwrap_or_default()).into_owned();
    let file = Arc::new(SourceFile::new(format!("{name}.toml"), text));
    // No embedded set (building its operation index parses all fifty files, which made
    // executions twenty times slower): the fuzzed file, and the real packet and shared
    // tables unless it replaces one of them.
    let mut files = vec![(name.to_string(), file)];
    for (fixed, text) in [("_packet", PACKET), ("_shared", SHARED)] {
        if fixed != name {
            let source = Arc::new(SourceFile::new(format!("{fixed}.toml"), text));
            files.push((fixed.to_string(), source));
        }
    }
    let (rules, _errors) = RuleSet::with_files("none", files);
    // Compiles the packet model and every operator and operation of both directions.
    let _ = rules.verify();
    // The fuzzed tables alone, as the one grammar.
    let versions = plesk_lint::versions::Versions::single(rules);
    common::run(packet, data.len(), |text| {
        plesk_lint::engine::check(&versions, text, &Default::default()).diagnostics
    });
});

fn memchr_nul(data: &[u8]) -> Option<usize> {
    data.iter().position(|&b| b == 0)
}
