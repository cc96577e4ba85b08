//! Issue 6 for what surrounds the packets: unreadable paths, symbolic link loops, FIFOs and
//! devices, one broken file among a thousand, a closed standard output, SIGINT, and the
//! promise never to write to the user's files.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use crate::bin::{VALID, run, scratch};
use crate::robust::outcome;

/// Waits up to `limit` for the child; kills it and fails if it is still running.
fn wait_at_most(child: &mut Child, limit: Duration) -> ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status;
        }
        if started.elapsed() > limit {
            child.kill().ok();
            panic!("still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn spawn(dir: &Path, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_plesk-lint"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs")
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
}

#[test]
fn symlink_loops_and_dangling_links_are_io_errors() {
    let dir = scratch("links");
    std::os::unix::fs::symlink("b.xml", dir.join("a.xml")).expect("symlink");
    std::os::unix::fs::symlink("a.xml", dir.join("b.xml")).expect("symlink");
    std::os::unix::fs::symlink("nowhere.xml", dir.join("c.xml")).expect("symlink");
    std::fs::write(dir.join("d.xml"), VALID).expect("write");
    std::os::unix::fs::symlink("d.xml", dir.join("e.xml")).expect("symlink");
    std::os::unix::fs::symlink(".", dir.join("loop")).expect("symlink");
    let (code, out) = outcome(&run(
        &dir,
        &["check", "--output-format", "concise", "."],
        &[],
        None,
    ));
    assert_eq!(code, 2, "{out}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines[0].starts_with(
            "./a.xml:1:1: error: cannot read `./a.xml`: Too many levels of symbolic links"
        ),
        "{out}"
    );
    assert!(
        lines[2].starts_with("./c.xml:1:1: error: cannot read `./c.xml`: No such file"),
        "{out}"
    );
    let args = [
        "check",
        "--output-format",
        "concise",
        "a.xml",
        "c.xml",
        "e.xml",
    ];
    let (code, out) = outcome(&run(&dir, &args, &[], None));
    assert_eq!(code, 2, "{out}");
    assert_eq!(
        out,
        "a.xml:1:1: error: cannot read `a.xml`: Too many levels of symbolic links (os error 40) [io-error]\n\
         c.xml:1:1: error: cannot read `c.xml`: the symbolic link points to nothing [io-error]\n"
    );
}

#[test]
fn unreadable_files_and_directories_are_io_errors() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("unreadable");
    std::fs::write(dir.join("ok.xml"), VALID).expect("write");
    std::fs::write(dir.join("secret.xml"), VALID).expect("write");
    std::fs::create_dir(dir.join("locked")).expect("mkdir");
    std::fs::write(dir.join("locked/in.xml"), VALID).expect("write");
    let mode = |path: &str, mode| {
        std::fs::set_permissions(dir.join(path), std::fs::Permissions::from_mode(mode))
            .expect("chmod")
    };
    mode("secret.xml", 0o000);
    mode("locked", 0o000);
    // root reads everything: the permission bits then prove nothing.
    let enforced = std::fs::read(dir.join("secret.xml")).is_err();
    let (code, out) = outcome(&run(
        &dir,
        &["check", "--output-format", "concise", "."],
        &[],
        None,
    ));
    mode("locked", 0o755);
    mode("secret.xml", 0o644);
    if enforced {
        assert_eq!(code, 2, "{out}");
        assert!(out.contains("./locked: Permission denied"), "{out}");
        assert!(
            out.contains("cannot read `./secret.xml`: Permission denied"),
            "{out}"
        );
    } else {
        assert_eq!((code, out.as_str()), (0, ""));
    }
    // A path through a file is unreadable for everyone.
    let args = [
        "check",
        "--output-format",
        "concise",
        "ok.xml/in.xml",
        "ok.xml",
    ];
    let (code, out) = outcome(&run(&dir, &args, &[], None));
    assert_eq!(code, 2, "{out}");
    assert_eq!(
        out,
        "ok.xml/in.xml:1:1: error: cannot read `ok.xml/in.xml`: Not a directory (os error 20) [io-error]\n"
    );
}

#[test]
fn fifos_and_devices_are_never_opened() {
    let dir = scratch("fifo");
    mkfifo(&dir.join("pipe.xml"));
    std::fs::create_dir(dir.join("tree")).expect("mkdir");
    mkfifo(&dir.join("tree/pipe.xml"));
    std::fs::write(dir.join("tree/ok.xml"), VALID).expect("write");
    let mut child = spawn(
        &dir,
        &[
            "check",
            "--output-format",
            "concise",
            "pipe.xml",
            "/dev/zero",
            "tree",
        ],
    );
    let status = wait_at_most(&mut child, Duration::from_secs(20));
    let output = child.wait_with_output().expect("output");
    assert_eq!(status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "pipe.xml:1:1: error: cannot read `pipe.xml`: a FIFO (named pipe) is not a regular file; \
         only regular files are read (use `-` for standard input) [io-error]\n\
         /dev/zero:1:1: error: cannot read `/dev/zero`: a character device is not a regular \
         file; only regular files are read (use `-` for standard input) [io-error]\n"
    );
}

#[test]
fn one_broken_file_among_a_thousand_does_not_stop_the_run() {
    let dir = scratch("thousand");
    for i in 0..1000 {
        let text = match i {
            500 => "<packet><site>".to_string(),
            _ => VALID.to_string(),
        };
        std::fs::write(dir.join(format!("p{i:04}.xml")), text).expect("write");
    }
    std::fs::remove_file(dir.join("p0250.xml")).expect("rm");
    std::os::unix::fs::symlink("p0250.xml", dir.join("p0250.xml")).expect("self-loop");
    let output = run(&dir, &["check", "."], &[("NO_COLOR", "1")], None);
    let (code, out) = outcome(&output);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("cannot read `./p0250.xml`"), "{out}");
    assert!(out.contains("p0500.xml"), "{out}");
    assert!(out.contains("Checked 999 files"), "{out}");
    // Without the unreadable file, findings alone exit with 1.
    std::fs::remove_file(dir.join("p0250.xml")).expect("rm");
    let (code, _) = outcome(&run(&dir, &["check", "-q", "."], &[], None));
    assert_eq!(code, 1);
}

#[test]
fn a_closed_stdout_ends_the_run_quietly() {
    let dir = scratch("head");
    // Twenty thousand parents with a finding each: findings are capped per parent.
    let many = format!(
        "<packet>{}</packet>",
        "<site><get><filter/><x/><dataset/></get></site>".repeat(20_000)
    );
    std::fs::write(dir.join("many.xml"), many).expect("write");
    let mut child = spawn(&dir, &["check", "--output-format", "concise", "many.xml"]);
    let mut stdout = BufReader::new(child.stdout.take().expect("piped"));
    let mut line = String::new();
    stdout.read_line(&mut line).expect("one line");
    assert!(line.contains("[unknown-element]"), "{line}");
    drop(stdout);
    let status = wait_at_most(&mut child, Duration::from_secs(60));
    let output = child.wait_with_output().expect("output");
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    assert_eq!(status.code(), Some(0));
}

#[test]
fn sigint_ends_the_run_at_once_with_130() {
    use std::os::unix::process::ExitStatusExt;
    let dir = scratch("sigint");
    // Standard input is never closed: the run would wait forever. `env --default-signal`
    // undoes an inherited "ignore SIGINT" (a test run started in the background has one,
    // and a program rightly keeps it).
    let mut child = Command::new("env")
        .args([
            "--default-signal=INT",
            env!("CARGO_BIN_EXE_plesk-lint"),
            "check",
            "-",
        ])
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("env runs");
    std::thread::sleep(Duration::from_millis(300));
    let kill = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    assert!(kill.expect("kill runs").success());
    let status = wait_at_most(&mut child, Duration::from_secs(5));
    // Killed by SIGINT, which shells report as 128 + 2 = 130.
    assert_eq!(status.signal(), Some(2), "{status:?}");
}

/// Every file below `dir` with its bytes and modification time.
fn snapshot(dir: &Path) -> BTreeMap<String, (Vec<u8>, std::time::SystemTime)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|entry| entry.expect("walk"))
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let metadata = entry.metadata().expect("metadata");
            let bytes = std::fs::read(entry.path()).expect("read");
            (
                entry.path().display().to_string(),
                (bytes, metadata.modified().expect("mtime")),
            )
        })
        .collect()
}

#[test]
fn check_mode_never_writes_to_the_inputs() {
    let dir = scratch("readonly");
    let fixtures = crate::support::root().join("samples");
    for entry in walkdir::WalkDir::new(&fixtures)
        .into_iter()
        .map(|e| e.expect("walk"))
    {
        let target = dir.join(entry.path().strip_prefix(&fixtures).expect("below"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
    std::fs::write(
        dir.join("plesk-lint.toml"),
        "ignore = [\"nbsp-indentation\"]\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("suppressed.xml"),
        "<!-- plesk-lint-disable-file unknown-operator -->\n<packet><x/></packet>",
    )
    .expect("write");
    let before = snapshot(&dir);
    for format in [
        "human", "concise", "json", "sarif", "github", "gitlab", "rdjson",
    ] {
        let output = run(&dir, &["check", "--output-format", format, "."], &[], None);
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{format}: {output:?}"
        );
    }
    run(&dir, &["check", "--statistics", "."], &[], None);
    assert!(snapshot(&dir) == before, "a check run changed a file");
}
