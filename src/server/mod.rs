//! `plesk-lint server`: a language server over stdio.
//!
//! The editor gets, while typing, the findings `plesk-lint check` would report (same engine,
//! same configuration, same suppressions), each fix as a code action, hover on element and
//! attribute names, and completion of the names and values the rules allow at the cursor.
//!
//! One concern per file: [`transport`] frames messages, `main_loop` dispatches them and
//! keeps the server alive, [`documents`] holds the editor's texts (incremental sync, in the
//! [`encoding`] negotiated), [`checker`] checks off the main loop, [`diagnostics`] converts
//! findings, [`actions`], [`hover`] and [`completion`] answer requests from [`cursor`] (where
//! the cursor is in the XML) and [`schema`] (what the rules say there), and [`config`] finds
//! each document's settings. ARCHITECTURE.md says why the pieces are what they are.

pub mod actions;
pub mod checker;
pub mod completion;
pub mod config;
pub mod cursor;
pub mod diagnostics;
pub mod documents;
pub mod encoding;
pub mod hover;
mod main_loop;
pub mod schema;
pub mod transport;
pub mod uri;

use std::any::Any;
use std::io;

/// Runs the server on stdin and stdout until the client says `exit` or closes the input.
/// Returns the process's exit code: 0 after an orderly `shutdown`, 1 otherwise (the
/// protocol's rule).
pub fn run_stdio() -> io::Result<u8> {
    let (connection, threads) = transport::connect(io::stdin(), io::stdout());
    let code = main_loop::run(connection);
    threads.join()?;
    Ok(code)
}

/// The message of a caught panic.
pub(crate) fn panic_message(panic: &(dyn Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".into())
}
