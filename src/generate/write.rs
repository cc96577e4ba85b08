//! Writing a corpus: one file per packet under `request/` and `response/`, and
//! `manifest.jsonl` with one JSON object per packet.

use std::io::{self, Write};
use std::path::Path;

use super::{Corpus, Packet};

/// The manifest's file name in the output directory.
pub const MANIFEST: &str = "manifest.jsonl";

/// Writes every packet of `corpus` below `out`, and the manifest.
pub fn write_corpus(corpus: &Corpus, out: &Path) -> io::Result<()> {
    for direction in ["request", "response"] {
        std::fs::create_dir_all(out.join(direction))?;
    }
    let mut manifest = io::BufWriter::new(std::fs::File::create(out.join(MANIFEST))?);
    for packet in &corpus.packets {
        std::fs::write(out.join(&packet.file), &packet.text)?;
        serde_json::to_writer(&mut manifest, &manifest_entry(packet))?;
        manifest.write_all(b"\n")?;
    }
    manifest.flush()
}

/// One line of the manifest.
fn manifest_entry(packet: &Packet) -> serde_json::Value {
    serde_json::json!({
        "file": packet.file,
        "direction": packet.direction.as_str(),
        "kind": if packet.mutation.is_some() { "mutant" } else { "valid" },
        "mutation": packet.mutation.map(|m| m.as_str()),
        "line": packet.line,
        "other_line": packet.other_line,
        "operator": &*packet.operator,
        "operation": &*packet.operation,
        "variant": packet.variant,
        "detail": packet.detail,
    })
}
