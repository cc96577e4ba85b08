//! The floor of the benchmarks: read every packet and parse it with roxmltree, nothing else.
//!
//! `scripts/bench.sh` times this next to `plesk-lint check` on the same files, so that the
//! cost of checking can be told apart from the cost of reading and parsing that any
//! validator pays. Files are found as `plesk-lint check` finds them (directories: every
//! `*.xml`, sorted) and parsed with the checker's options, on as many threads as asked.
//!
//! ```sh
//! cargo run --release --example parse_only -- [--threads N] PATHS...
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use plesk_lint::batch;
use plesk_lint::input::{self, Input};

fn parse(input: &Input) -> Result<usize, String> {
    let bytes = input.read().map_err(|e| e.to_string())?;
    let text = String::from_utf8(bytes).map_err(|e| e.to_string())?;
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..roxmltree::ParsingOptions::default()
    };
    let document = roxmltree::Document::parse_with_options(&text, options);
    // Count nodes so that the parse cannot be optimised away; a malformed file counts 0.
    Ok(document.map_or(0, |d| d.descendants().count()))
}

fn main() -> ExitCode {
    let mut threads = batch::default_threads();
    let mut paths: Vec<PathBuf> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--threads" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) => threads = n,
                None => {
                    eprintln!("parse_only: --threads needs a number");
                    return ExitCode::from(2);
                }
            },
            _ => paths.push(arg.into()),
        }
    }
    let (inputs, errors) = input::collect(&paths, None, &input::WalkOptions::default());
    for error in &errors {
        eprintln!("parse_only: {}: {}", error.path, error.message);
    }
    let results = batch::map_ordered(&inputs, threads, parse);
    let mut nodes = 0;
    for (input, result) in inputs.iter().zip(results) {
        match result {
            Ok(count) => nodes += count,
            Err(error) => eprintln!("parse_only: {}: {error}", input.display_name()),
        }
    }
    println!("parsed {} files, {nodes} nodes", inputs.len());
    ExitCode::SUCCESS
}
