//! A structure-aware target: the input is a program that builds a packet, so a few bytes
//! become deep, wide or attribute-heavy trees of real API names megabytes long (run with
//! `-max_len=1048576`). It reaches what only size reaches: the pre-scan's limits, checking
//! in pieces (above 4 MiB), findings capped per parent, long lines in the human snippet.
//!
//! The program's first bytes pick the scale. A program starting with 0xFF 0xFF builds up to
//! 5 MiB and is checked at the real limits; one starting with 0xFE builds up to 52 KiB checked
//! with the size limits of `plesk_lint::check::limits` divided by 100, one starting with 0xFD
//! up to 5 KiB with them divided by 1,000, and every other one up to 512 bytes with them
//! divided by 10,000 (two bytes for the real limits, because libFuzzer's mutations write 0xFF
//! often: with one, 2 % of the executions took most of the time). At a ten-thousandth, 11
//! children stand for 100,001 and a packet of 420 bytes is walked in pieces, a batch of
//! pieces at a time: the size-driven paths run in a millisecond where at the real scale each
//! takes a second, so a run reaches them millions of times. The target counts its executions
//! at each scale on stderr.

#![no_main]

mod common;

use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use libfuzzer_sys::fuzz_target;
use plesk_lint::rules::RuleSet;
use plesk_lint::versions::Versions;

/// The 2015 rules alone, the grammar the tree is built from and checked against.
fn versions() -> &'static Versions {
    static VERSIONS: OnceLock<Versions> = OnceLock::new();
    VERSIONS.get_or_init(|| Versions::single(RuleSet::load(&[] as &[PathBuf]).0))
}

/// Names of the API (operators, operations, common elements) and a few that are not.
const NAMES: [&str; 32] = [
    "packet",
    "site",
    "webspace",
    "customer",
    "get",
    "set",
    "add",
    "del",
    "filter",
    "name",
    "id",
    "gen_setup",
    "hosting",
    "vrt_hst",
    "property",
    "value",
    "dataset",
    "gen_info",
    "stat",
    "prefs",
    "limits",
    "limit",
    "result",
    "status",
    "errcode",
    "errtext",
    "set_traffic",
    "dom_id",
    "date",
    "a",
    "x:y",
    "owner-id",
];

/// The largest packet built at the real limits: enough for checking in pieces.
const MAX_OUTPUT: usize = 5 << 20;

/// The divisors of the limits, by how the program starts, and the executions at each.
const SCALES: [(&[u8], usize); 4] = [
    (b"\xFF\xFF", 1),
    (b"\xFE", 100),
    (b"\xFD", 1_000),
    (b"", 10_000),
];
static EXECUTIONS: [AtomicU64; 4] = [const { AtomicU64::new(0) }; 4];

/// Which of [`SCALES`] a program runs at.
fn scale(program: &[u8]) -> usize {
    SCALES
        .iter()
        .position(|&(start, _)| program.starts_with(start))
        .expect("every program starts with the empty string")
}

/// Counts an execution at `scale`; every 2^16 executions, prints the counts.
fn count(scale: usize) {
    EXECUTIONS[scale].fetch_add(1, Ordering::Relaxed);
    let counts = EXECUTIONS.each_ref().map(|n| n.load(Ordering::Relaxed));
    if counts.iter().sum::<u64>() % (1 << 16) == 0 {
        eprintln!(
            "tree executions: {} at the real limits, {} at 1/100, {} at 1/1,000, {} at 1/10,000",
            counts[0], counts[1], counts[2], counts[3]
        );
    }
}

struct Builder<'a> {
    program: &'a [u8],
    at: usize,
    out: String,
    open: Vec<&'static str>,
    max_output: usize,
}

impl Builder<'_> {
    fn byte(&mut self) -> u8 {
        let b = self.program.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        b
    }

    /// A count from two bytes, scaled so that a few bytes can ask for hundreds of thousands.
    fn count(&mut self) -> usize {
        let small = usize::from(self.byte());
        let shift = usize::from(self.byte() % 10);
        small << shift
    }

    fn name(&mut self) -> &'static str {
        NAMES[usize::from(self.byte()) % NAMES.len()]
    }

    fn room(&self) -> bool {
        self.out.len() < self.max_output
    }

    /// `<name>`, left open until a later end tag (or never).
    fn start_tag(&mut self, name: &'static str) {
        self.out.push('<');
        self.out.push_str(name);
        self.out.push('>');
        self.open.push(name);
    }

    fn end_tag(&mut self, name: &str) {
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    fn empty_tag(&mut self, name: &str) {
        self.out.push('<');
        self.out.push_str(name);
        self.out.push_str("/>");
    }

    fn run(&mut self) {
        self.out.push_str("<packet>");
        self.open.push("packet");
        while self.at < self.program.len() && self.room() {
            match self.byte() % 10 {
                0 | 1 => {
                    let name = self.name();
                    self.start_tag(name);
                }
                2 => {
                    if let Some(name) = self.open.pop() {
                        self.end_tag(name);
                    }
                }
                3 => {
                    // Many siblings: `<name/>` repeated.
                    let (name, n) = (self.name(), self.count());
                    for _ in 0..n {
                        if !self.room() {
                            break;
                        }
                        self.empty_tag(name);
                    }
                }
                4 => {
                    // Deep nesting: n open elements, closed later or never.
                    let (name, n) = (self.name(), self.count());
                    for _ in 0..n {
                        if !self.room() {
                            break;
                        }
                        self.start_tag(name);
                    }
                }
                5 => {
                    // One element with many attributes, or namespace declarations.
                    let (name, n, ns) = (self.name(), self.count(), self.byte() & 1 == 1);
                    self.out.push('<');
                    self.out.push_str(name);
                    for i in 0..n {
                        if !self.room() {
                            break;
                        }
                        let prefix = if ns { "xmlns:p" } else { "a" };
                        self.out.push_str(&format!(" {prefix}{i}=\"{i}\""));
                    }
                    self.out.push('>');
                    self.open.push(name);
                }
                6 => {
                    // A long text or a run of tabs and wide characters on one line.
                    let (n, kind) = (self.count(), self.byte() % 4);
                    let piece = ["x", "\t", "😀", "\u{a0}"][usize::from(kind)];
                    for _ in 0..n.min(self.max_output - self.out.len()) {
                        self.out.push_str(piece);
                    }
                }
                7 => {
                    let name = self.name();
                    self.out
                        .push_str(&format!("<!-- plesk-lint-disable-next-element {name} -->"));
                }
                8 => {
                    let end = if self.byte() & 1 == 0 { "\n" } else { "\r\n" };
                    self.out.push_str(end);
                }
                _ => {
                    // Raw bytes as text, for whatever the table above cannot say.
                    let n = usize::from(self.byte() % 16);
                    for _ in 0..n {
                        let c = char::from(self.byte());
                        self.out.push(c);
                    }
                }
            }
        }
        if self.program.first().is_some_and(|b| b & 1 == 1) {
            while let Some(name) = self.open.pop() {
                self.end_tag(name);
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let scale = scale(data);
    let divisor = SCALES[scale].1;
    count(scale);
    plesk_lint::check::limits::scale_down(divisor);
    let mut builder = Builder {
        program: data,
        at: 0,
        out: String::new(),
        open: Vec::new(),
        max_output: MAX_OUTPUT / divisor,
    };
    builder.run();
    let packet = builder.out;
    // To reproduce a finding with the real binary: the packet this input builds.
    if let Some(path) = std::env::var_os("PLESK_FUZZ_DUMP") {
        std::fs::write(path, &packet).expect("dump the packet");
    }
    common::run(packet.as_bytes(), data.len(), |text| {
        plesk_lint::engine::check(versions(), text, &Default::default()).diagnostics
    });
});
