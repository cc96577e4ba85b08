//! The `plesk-lint` binary: parse the arguments, run, map the result to an exit code.

/// `eprintln!` that never panics: a full or closed standard error (`2>/dev/full`) must not
/// turn a finished run into a crash; the message is lost, the exit status still says it.
macro_rules! warn {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod app;
mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    plesk_lint::batch::reserve_standard_input();
    let cli = cli::Cli::parse();
    match app::run(cli) {
        Ok(status) => ExitCode::from(status as u8),
        // A closed stdout (`plesk-lint check dir | head -1`) is not an error of ours.
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            warn!("plesk-lint: {error}");
            ExitCode::from(app::Status::Error as u8)
        }
    }
}
