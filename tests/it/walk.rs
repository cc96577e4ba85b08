//! Directory walks check the packets the repository means: not what git ignores, not hidden or
//! version control directories, not `node_modules` or Cargo's `target/`, and never through a
//! symbolic link out of the tree, unless asked (`--no-ignore`, `respect-gitignore = false`,
//! `--hidden`, `--follow`). Paths named on the command line are always checked.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use crate::bin::{VALID, run, scratch, stdout};
use crate::support::skip_or_fail;

/// A packet with one finding (the `<date>` is missing), so every checked file shows up.
fn broken() -> String {
    VALID.replace("<date>2005-12-12</date>", "")
}

fn write(dir: &Path, path: &str, text: &str) {
    let path = dir.join(path);
    std::fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// The files a `check` reported findings in, from its concise output.
fn reported(dir: &Path, args: &[&str]) -> BTreeSet<String> {
    let home = dir.join("home");
    let config = home.join(".config");
    let env = [
        ("HOME", home.to_str().expect("UTF-8")),
        ("XDG_CONFIG_HOME", config.to_str().expect("UTF-8")),
    ];
    let mut all = vec!["check", "--output-format", "concise"];
    all.extend_from_slice(args);
    let output = run(&dir.join("repo"), &all, &env, None);
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{out}");
    out.lines()
        .map(|line| line.split(':').next().expect("a path").to_string())
        .collect()
}

fn set(paths: &[&str]) -> BTreeSet<String> {
    paths.iter().map(|p| p.to_string()).collect()
}

/// A git repository holding a broken packet in every place a walk must and must not look.
fn repository(name: &str) -> Option<std::path::PathBuf> {
    let dir = scratch(&format!("walk-{name}"));
    let repo = dir.join("repo");
    std::fs::create_dir_all(&repo).expect("mkdir");
    let init = Command::new("git")
        .args(["init", "--quiet"])
        .current_dir(&repo)
        .env("HOME", dir.join("home"))
        .status();
    if !init.is_ok_and(|status| status.success()) {
        skip_or_fail("the walk tests need `git` on the PATH");
        return None;
    }
    let bad = broken();
    for path in [
        "top.xml",
        "packets/a.xml",
        "packets/deep/b.xml",
        // Git-ignored by the repository, by .git/info/exclude and by the user's global file.
        "generated/c.xml",
        "packets/d.generated.xml",
        "excluded.xml",
        "mine.local.xml",
        // Ignored by .ignore (ripgrep's file, honoured outside git too).
        "scratch/e.xml",
        "node_modules/pkg/f.xml",
        "target/debug/g.xml",
        ".cache/h.xml",
        ".hidden.xml",
        ".git/hooks/i.xml",
    ] {
        write(&repo, path, &bad);
    }
    write(&repo, ".gitignore", "/generated/\n*.generated.xml\n");
    write(&repo, ".git/info/exclude", "excluded.xml\n");
    write(&repo, ".ignore", "scratch/\n");
    write(&dir, "home/.config/git/ignore", "*.local.xml\n");
    // As Cargo tags its target directory.
    write(
        &repo,
        "target/CACHEDIR.TAG",
        "Signature: 8a477f597d28d172789f06886806bc55\n# created by cargo\n",
    );
    // Links: to a packet inside the tree, to one outside it, to a directory outside it.
    write(&dir, "outside/o.xml", &bad);
    write(&dir, "outside/dir/p.xml", &bad);
    std::os::unix::fs::symlink("packets/a.xml", repo.join("inside-link.xml")).expect("symlink");
    std::os::unix::fs::symlink(dir.join("outside/o.xml"), repo.join("outside-link.xml"))
        .expect("symlink");
    std::os::unix::fs::symlink(dir.join("outside/dir"), repo.join("linked-dir")).expect("symlink");
    Some(dir)
}

const MEANT: [&str; 4] = [
    "./inside-link.xml",
    "./packets/a.xml",
    "./packets/deep/b.xml",
    "./top.xml",
];

const IGNORED: [&str; 7] = [
    "./excluded.xml",
    "./generated/c.xml",
    "./mine.local.xml",
    "./node_modules/pkg/f.xml",
    "./packets/d.generated.xml",
    "./scratch/e.xml",
    "./target/debug/g.xml",
];

#[test]
fn a_walk_checks_only_the_packets_the_repository_means() {
    let Some(dir) = repository("means") else {
        return;
    };
    assert_eq!(reported(&dir, &["."]), set(&MEANT));
    // The default path is `.`; a subdirectory's walk still honours the root's .gitignore.
    assert_eq!(reported(&dir, &[]), set(&MEANT));
    assert_eq!(
        reported(&dir, &["packets"]),
        set(&["packets/a.xml", "packets/deep/b.xml"])
    );
}

#[test]
fn no_ignore_and_the_configuration_check_what_the_ignore_rules_skip() {
    let Some(dir) = repository("no-ignore") else {
        return;
    };
    let everything: BTreeSet<String> = MEANT
        .iter()
        .chain(&IGNORED)
        .map(|p| p.to_string())
        .collect();
    assert_eq!(reported(&dir, &["--no-ignore", "."]), everything);
    assert_eq!(
        reported(&dir, &["--config", "respect-gitignore=false", "."]),
        everything
    );
    write(
        &dir.join("repo"),
        "plesk-lint.toml",
        "respect-gitignore = false\n",
    );
    assert_eq!(reported(&dir, &["."]), everything);
    // The command line's --config wins over the file.
    assert_eq!(
        reported(&dir, &["--config", "respect-gitignore=true", "."]),
        set(&MEANT)
    );
    // A value that is not a boolean is a configuration error, not a guess.
    let output = run(
        &dir.join("repo"),
        &[
            "check",
            "--output-format",
            "concise",
            "--config",
            "respect-gitignore=\"no\"",
            ".",
        ],
        &[],
        None,
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stdout(&output),
        "--config:1:19: error: invalid configuration: invalid type: string \"no\", \
         expected a boolean [config-error]\n"
    );
}

#[test]
fn hidden_walks_into_hidden_directories_but_never_into_version_control() {
    let Some(dir) = repository("hidden") else {
        return;
    };
    let mut expected = set(&MEANT);
    expected.extend(set(&["./.cache/h.xml", "./.hidden.xml"]));
    assert_eq!(reported(&dir, &["--hidden", "."]), expected);
    let mut all = expected.clone();
    all.extend(IGNORED.iter().map(|p| p.to_string()));
    assert_eq!(reported(&dir, &["--hidden", "--no-ignore", "."]), all);
}

#[test]
fn paths_named_on_the_command_line_are_always_checked() {
    let Some(dir) = repository("named") else {
        return;
    };
    let named = [
        "generated/c.xml",
        ".git/hooks/i.xml",
        "node_modules/pkg/f.xml",
        ".hidden.xml",
        "outside-link.xml",
    ];
    assert_eq!(reported(&dir, &named), set(&named));
    // A named directory is walked even when ignored; what is below it follows the rules.
    assert_eq!(reported(&dir, &["generated"]), set(&["generated/c.xml"]));
    assert_eq!(reported(&dir, &[".git"]), set(&[".git/hooks/i.xml"]));
}

#[test]
fn symbolic_links_are_not_followed_out_of_the_tree_unless_asked() {
    let Some(dir) = repository("links") else {
        return;
    };
    // Without --follow: the link inside the tree only (see the first test).
    assert!(
        !reported(&dir, &["."])
            .iter()
            .any(|p| p.contains("outside") || p.contains("linked"))
    );
    let mut expected = set(&MEANT);
    expected.extend(set(&["./linked-dir/p.xml", "./outside-link.xml"]));
    assert_eq!(reported(&dir, &["--follow", "."]), expected);
}

#[test]
fn following_links_into_a_loop_is_an_error_not_a_hang() {
    let dir = scratch("walk-loop");
    write(&dir, "tree/a.xml", VALID);
    std::os::unix::fs::symlink(".", dir.join("tree/up")).expect("symlink");
    let output = run(
        &dir,
        &["check", "--output-format", "concise", "--follow", "tree"],
        &[],
        None,
    );
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(2), "{out}");
    assert_eq!(
        out,
        "tree/up:1:1: error: cannot read `tree/up`: the symbolic link leads back to `tree`, \
         in a loop [io-error]\n"
    );
    // Without --follow the link to a directory is not walked at all.
    let output = run(&dir, &["check", "-q", "tree"], &[], None);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

#[test]
fn an_ignore_file_that_is_not_a_regular_file_is_an_error_not_a_hang() {
    // The walker would open a FIFO named .gitignore and wait for a writer for ever.
    let dir = scratch("walk-fifo");
    let bad = broken();
    write(&dir, "tree/a.xml", &bad);
    write(&dir, "tree/sub/b.xml", &bad);
    let check_tree = || {
        run(
            &dir,
            &["check", "--output-format", "concise", "tree"],
            &[],
            None,
        )
    };
    let status = Command::new("mkfifo")
        .arg(dir.join("tree/sub/.gitignore"))
        .status();
    if !status.is_ok_and(|s| s.success()) {
        skip_or_fail("mkfifo is not available");
        return;
    }
    let output = check_tree();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stdout(&output),
        "tree/sub/.gitignore:1:1: error: cannot read `tree/sub/.gitignore`: a FIFO (named pipe) \
         is not a regular file; `tree/sub` is not walked (name its packets, or use --no-ignore) \
         [io-error]\n\
         tree/a.xml:1:46: error: missing required element `<date>` after `<dom_id>` \
         [missing-element]\n"
    );
    // At the top of the walk: nothing is walked, and the run says why.
    std::fs::rename(dir.join("tree/sub/.gitignore"), dir.join("tree/.ignore")).expect("mv");
    let output = check_tree();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stdout(&output).starts_with("tree/.ignore:1:1: error: cannot read `tree/.ignore`: a FIFO"),
        "{}",
        stdout(&output)
    );
    // --no-ignore reads no ignore file, so it checks everything.
    let output = run(&dir, &["check", "-q", "--no-ignore", "tree"], &[], None);
    assert_eq!(output.status.code(), Some(1));
}
