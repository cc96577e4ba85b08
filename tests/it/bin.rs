//! Running the built binary in a chosen directory, with a controlled environment.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Environment variables that would change the output and must not leak in from the
/// developer's shell or a CI runner.
const SCRUBBED: [&str; 6] = [
    "PLESK_LINT_OUTPUT_FORMAT",
    "GITHUB_STEP_SUMMARY",
    "FORCE_COLOR",
    "NO_COLOR",
    "CLICOLOR_FORCE",
    "TERM",
];

/// Runs `plesk-lint ARGS` in `dir` with extra environment variables and optional stdin.
pub fn run(dir: &Path, args: &[&str], env: &[(&str, &str)], stdin: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_plesk-lint"));
    command.current_dir(dir).args(args);
    for name in SCRUBBED {
        command.env_remove(name);
    }
    command.envs(env.iter().copied());
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    if let Some(text) = stdin {
        // A run that stops before reading its input (a usage error) closes the pipe first.
        let written = child
            .stdin
            .take()
            .expect("piped")
            .write_all(text.as_bytes());
        if let Err(error) = written {
            assert_eq!(error.kind(), std::io::ErrorKind::BrokenPipe, "{error}");
        }
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("binary finishes")
}

/// Standard output as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

/// A fresh, empty scratch directory under the test binary's temporary directory.
pub fn scratch(name: &str) -> PathBuf {
    // One directory per call: tests of one module share a name and run side by side, and one
    // wiping the directory another's process runs in made that process fail under load.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("it")
        .join(format!("{name}-{}-{call}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// A minimal valid request packet.
pub const VALID: &str = "<packet><site><set_traffic><dom_id>1</dom_id><date>2005-12-12</date>\
<smtp_in>1</smtp_in><smtp_out>2</smtp_out><pop3_imap_in>3</pop3_imap_in>\
<pop3_imap_out>4</pop3_imap_out></set_traffic></site></packet>\n";
