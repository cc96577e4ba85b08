//! Runs the XSD importer without the CLI: `cargo run --example import -- SCHEMA_DIR OUT_DIR`.
//!
//! Useful while working on the importer alone; `plesk-lint import-xsd` does the same.

// The SVG importer (`import::svg`) is compiled but not used here.
#[allow(dead_code, unused_imports)]
#[path = "../src/import/mod.rs"]
mod import;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [schema_dir, out_dir] = args.as_slice() else {
        eprintln!("usage: cargo run --example import -- SCHEMA_DIR OUT_DIR");
        return ExitCode::from(2);
    };
    match import::import_xsd(schema_dir, out_dir) {
        Ok(summary) => {
            print!("{summary}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
