//! The `plesk-lint` binary: parse the arguments, run, map the result to an exit code.

mod app;
mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match app::run(cli) {
        Ok(status) => ExitCode::from(status as u8),
        // A closed stdout (`plesk-lint check dir | head -1`) is not an error of ours.
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("plesk-lint: {error}");
            ExitCode::from(app::Status::Error as u8)
        }
    }
}
