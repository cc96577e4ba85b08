//! The Language Server Protocol's wire, as an editor speaks it to `plesk-lint server`:
//! spawning the built server, writing one framed message, reading one. Shared by the
//! protocol tests (tests/it/server.rs) and the change-to-diagnostics benchmark
//! (benches/server.rs, which includes this file by path).

use std::io::{BufRead, Write};
use std::process::{Child, Command, Stdio};

use serde_json::Value;

/// The built `plesk-lint server` with piped stdin and stdout; stderr is dropped.
pub fn spawn_server() -> Child {
    Command::new(env!("CARGO_BIN_EXE_plesk-lint"))
        .arg("server")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server starts")
}

/// Writes `message` with its `Content-Length` header.
pub fn write_message(to: &mut impl Write, message: &Value) {
    let body = message.to_string();
    write!(to, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("written");
    to.flush().expect("flushed");
}

/// The next framed message; `None` once the server has closed its stdout.
pub fn read_message(from: &mut impl BufRead) -> Option<Value> {
    let mut length = 0;
    loop {
        let mut line = String::new();
        if from.read_line(&mut line).unwrap_or(0) == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse().expect("a length");
        }
    }
    let mut body = vec![0; length];
    from.read_exact(&mut body).ok()?;
    Some(serde_json::from_slice(&body).expect("the server sends JSON"))
}
