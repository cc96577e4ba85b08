//! Change-to-diagnostics time of `plesk-lint server` (criterion): the built server process is
//! sent one incremental `didChange` (one digit of one value) and the clock stops when the
//! `publishDiagnostics` of that version arrives, as an editor would see it. Everything the
//! editor waits for is in: framing, JSON, applying the edit, the check, converting the
//! findings to UTF-16 ranges, publishing.
//!
//! - `small`: a one-operation request (under 400 bytes).
//! - `1mb`: a `customer/get` response with 1,900 results (about 1 MB).
//!
//! `cargo bench --bench server`. Results and the machine are in docs/editors.md.

use std::io::BufReader;
use std::process::{Child, ChildStdin, ChildStdout};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};

#[path = "../tests/it/lsp_wire.rs"]
mod lsp_wire;
use lsp_wire::{read_message, spawn_server, write_message};

mod packets;
use packets::{SMALL, big_response};

struct Server {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    version: i64,
}

impl Server {
    fn start(text: &str) -> Server {
        let mut child = spawn_server();
        let stdin = child.stdin.take().expect("piped");
        let stdout = BufReader::new(child.stdout.take().expect("piped"));
        let mut server = Server {
            child,
            stdin,
            stdout,
            version: 1,
        };
        server.send(json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": { "capabilities": {} } }));
        server.until(|m| m["id"] == 1);
        server.send(json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }));
        server.send(json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": { "uri": "untitled:bench", "languageId": "xml", "version": 1, "text": text }
        } }));
        server.diagnostics(1);
        server
    }

    fn send(&mut self, message: Value) {
        write_message(&mut self.stdin, &message);
    }

    fn read(&mut self) -> Value {
        read_message(&mut self.stdout).expect("server gone")
    }

    fn until(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        loop {
            let message = self.read();
            if wanted(&message) {
                return message;
            }
        }
    }

    fn diagnostics(&mut self, version: i64) -> usize {
        let message = self.until(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == version
        });
        message["params"]["diagnostics"]
            .as_array()
            .map_or(0, Vec::len)
    }

    /// Replaces the one character at `line`:`character` by the next version's digit, and
    /// waits for that version's diagnostics.
    fn edit(&mut self, line: usize, character: usize) -> Duration {
        self.version += 1;
        let digit = (self.version % 10).to_string();
        let started = Instant::now();
        self.send(
            json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": { "uri": "untitled:bench", "version": self.version },
            "contentChanges": [{ "range": {
                "start": { "line": line, "character": character },
                "end": { "line": line, "character": character + 1 } }, "text": digit }]
        } }),
        );
        self.diagnostics(self.version);
        started.elapsed()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The line and column of the first character of the first occurrence of `needle`'s end.
fn place_of(text: &str, needle: &str, from: usize) -> (usize, usize) {
    let at = text[from..].find(needle).expect("needle present") + from + needle.len() - 1;
    let line = text[..at].matches('\n').count();
    let column = at - text[..at].rfind('\n').map_or(0, |i| i + 1);
    (line, column)
}

fn change_to_diagnostics(c: &mut Criterion) {
    let mut group = c.benchmark_group("change_to_diagnostics");
    let big = big_response(1900);
    assert!(big.len() > 1_000_000, "{} bytes", big.len());
    for (name, text, needle, from) in [
        ("small", SMALL.to_string(), "<smtp_in>", 0),
        ("1mb", big.clone(), "<pcode>6270", big.len() / 2),
    ] {
        let mut server = Server::start(&text);
        let (line, column) = place_of(&text, needle, from);
        // One character after the needle: the digit to change.
        let column = column + 1;
        group.bench_function(name, |b| {
            b.iter_custom(|iterations| (0..iterations).map(|_| server.edit(line, column)).sum())
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(Duration::from_secs(5));
    targets = change_to_diagnostics
}
criterion_main!(benches);
