//! The pre-commit hook end to end, as a user meets it: pre-commit (installed with pip into a
//! private virtualenv) clones this repository at a pinned revision, builds it with
//! `cargo install` (`language: rust`), and runs it on a scratch repository: a broken packet
//! fails the commit with the finding, an excluded broken packet is skipped (the hook passes
//! `--force-exclude`), and the fixed packet passes.
//!
//! The "fresh clone" is of a git repository made from exactly the files a clone of this
//! working tree would hold (`git ls-files` plus untracked, not ignored files), so the test
//! checks uncommitted work too. Needs python3 with venv, git, cargo, PyPI and crates.io. Where
//! pip cannot reach PyPI the test says so and passes, except in CI (`CI` set), where that is a
//! failure. The virtualenv, pre-commit's cache and cargo's build directory are kept under the
//! test target directory, so a second run reuses them; even so the hook's build takes minutes,
//! so the test runs only with `PLESK_LINT_SLOW_TESTS=1` (as .ci/run sets it).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::bin::{VALID, scratch};
use crate::support::{root, skip_or_fail, slow_tests};

fn cache() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("precommit")
}

fn command(program: impl AsRef<std::ffi::OsStr>, dir: &Path, args: &[&str]) -> Output {
    Command::new(&program)
        .current_dir(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "test")
        .env("GIT_AUTHOR_EMAIL", "test@example.invalid")
        .env("GIT_COMMITTER_NAME", "test")
        .env("GIT_COMMITTER_EMAIL", "test@example.invalid")
        .env("PRE_COMMIT_HOME", cache().join("home"))
        .env("CARGO_TARGET_DIR", cache().join("cargo-target"))
        .env("PLESK_LINT_OUTPUT_FORMAT", "concise")
        .env_remove("GIT_DIR")
        .env_remove("GIT_INDEX_FILE")
        .output()
        .unwrap_or_else(|error| panic!("cannot run {:?}: {error}", program.as_ref()))
}

fn ok(output: &Output, what: &str) {
    assert!(
        output.status.success(),
        "{what} failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// pre-commit in a private virtualenv, or `None` (after saying why) where PyPI is out of
/// reach outside CI.
fn pre_commit() -> Option<PathBuf> {
    let venv = cache().join("venv");
    let bin = venv.join("bin/pre-commit");
    if bin.exists() {
        return Some(bin);
    }
    let dir = cache();
    std::fs::create_dir_all(&dir).expect("cache directory");
    let created = command("python3", &dir, &["-m", "venv", venv.to_str()?]);
    let installed = created.status.success().then(|| {
        let pip = venv.join("bin/pip");
        command(&pip, &dir, &["install", "--quiet", "pre-commit"])
    });
    match installed {
        Some(output) if output.status.success() => Some(bin),
        failure => {
            let why = failure.map_or_else(
                || String::from_utf8_lossy(&created.stderr).into_owned(),
                |output| String::from_utf8_lossy(&output.stderr).into_owned(),
            );
            skip_or_fail(&format!(
                "cannot install pre-commit with pip (PyPI unreachable?):\n{why}"
            ));
            let _ = std::fs::remove_dir_all(&venv);
            None
        }
    }
}

/// A git repository holding what a clone of this working tree would hold; its HEAD revision.
fn hook_repository(dir: &Path) -> String {
    let listed = command(
        "git",
        &root(),
        &[
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ],
    );
    ok(&listed, "git ls-files");
    for name in listed.stdout.split(|b| *b == 0).filter(|n| !n.is_empty()) {
        let name = std::str::from_utf8(name).expect("UTF-8 file names");
        let from = root().join(name);
        if !from.is_file() {
            continue; // deleted in the working tree
        }
        let to = dir.join(name);
        std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        std::fs::copy(&from, &to).expect("copy");
    }
    ok(&command("git", dir, &["init", "--quiet"]), "git init");
    ok(&command("git", dir, &["add", "--all"]), "git add");
    ok(
        &command("git", dir, &["commit", "--quiet", "-m", "snapshot"]),
        "git commit",
    );
    let head = command("git", dir, &["rev-parse", "HEAD"]);
    ok(&head, "git rev-parse");
    String::from_utf8(head.stdout)
        .expect("hex")
        .trim()
        .to_string()
}

#[test]
fn the_hook_fails_on_a_broken_packet_and_passes_once_it_is_fixed() {
    if !slow_tests("the pre-commit end-to-end test (it builds the hook with cargo install)") {
        return;
    }
    let Some(pre_commit) = pre_commit() else {
        return;
    };
    let work = scratch("precommit");
    let hooks = work.join("hooks");
    let project = work.join("project");
    std::fs::create_dir_all(&hooks).expect("mkdir");
    std::fs::create_dir_all(project.join("packets")).expect("mkdir");
    std::fs::create_dir_all(project.join("vendor")).expect("mkdir");
    let rev = hook_repository(&hooks);

    std::fs::write(
        project.join(".pre-commit-config.yaml"),
        format!(
            "repos:\n- repo: {}\n  rev: {rev}\n  hooks:\n  - id: plesk-lint\n",
            hooks.display()
        ),
    )
    .expect("write config");
    std::fs::write(project.join("plesk-lint.toml"), "exclude = [\"vendor\"]\n").expect("write");
    let broken = VALID.replace("<date>2005-12-12</date>", "");
    std::fs::write(project.join("packets/site.xml"), &broken).expect("write");
    std::fs::write(project.join("vendor/upstream.xml"), "not even XML").expect("write");
    ok(&command("git", &project, &["init", "--quiet"]), "git init");
    ok(&command("git", &project, &["add", "--all"]), "git add");

    let run = || {
        command(
            &pre_commit,
            &project,
            &["run", "--all-files", "--color", "never"],
        )
    };
    let failed = run();
    let text = String::from_utf8_lossy(&failed.stdout).into_owned()
        + &String::from_utf8_lossy(&failed.stderr);
    assert_eq!(failed.status.code(), Some(1), "{text}");
    assert!(
        text.contains("packets/site.xml:1:")
            && text.contains(": error: missing required element `<date>`")
            && text.contains("[missing-element]"),
        "{text}"
    );
    assert!(!text.contains("vendor/upstream.xml"), "excluded: {text}");

    std::fs::write(project.join("packets/site.xml"), VALID).expect("write");
    ok(&command("git", &project, &["add", "--all"]), "git add");
    let passed = run();
    ok(&passed, "pre-commit on the fixed packet");
    assert!(String::from_utf8_lossy(&passed.stdout).contains("Passed"));
}
