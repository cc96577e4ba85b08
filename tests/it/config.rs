//! plesk-lint.toml: discovery from each file upward, select/ignore, severities, excludes
//! (and --force-exclude), rules directories, the default kind, command-line overrides, and
//! clear exit-2 errors that point into the file.

use std::path::Path;

use crate::bin::{VALID, run, scratch, stdout};

/// A packet with one out-of-order and one invalid-value finding.
fn two_findings() -> String {
    VALID
        .replace(
            "<dom_id>1</dom_id><date>2005-12-12</date>",
            "<date>2005-12-12</date><dom_id>1</dom_id>",
        )
        .replace("<smtp_in>1</smtp_in>", "<smtp_in>x</smtp_in>")
}

fn write(dir: &Path, path: &str, text: &str) {
    let path = dir.join(path);
    std::fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

fn concise(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let mut all = vec!["check", "--output-format", "concise"];
    all.extend_from_slice(args);
    let output = run(dir, &all, &[], None);
    (output.status.code(), stdout(&output))
}

fn codes(text: &str) -> Vec<String> {
    let mut codes: Vec<String> = text
        .lines()
        .filter_map(|line| {
            let file = line.split(':').next()?;
            let code = line.rsplit_once('[')?.1.trim_end_matches(']');
            Some(format!("{file} {code}"))
        })
        .collect();
    codes.sort();
    codes
}

#[test]
fn the_closest_file_governs_each_packet() {
    let dir = scratch("config-discovery");
    write(&dir, "plesk-lint.toml", "ignore = [\"out-of-order\"]\n");
    write(&dir, "sub/plesk-lint.toml", "select = [\"out-of-order\"]\n");
    write(&dir, "a.xml", &two_findings());
    write(&dir, "sub/deeper/b.xml", &two_findings());
    let (status, text) = concise(&dir, &["."]);
    assert_eq!(status, Some(1));
    assert_eq!(
        codes(&text),
        ["./a.xml invalid-value", "./sub/deeper/b.xml out-of-order"]
    );
}

#[test]
fn severities_excludes_rules_and_kind() {
    let dir = scratch("config-settings");
    write(
        &dir,
        "plesk-lint.toml",
        "exclude = [\"skip\", \"*.draft.xml\"]\nrules = [\"my-rules\"]\nkind = \"request\"\n\
         [severity]\nout-of-order = \"warning\"\ninvalid-value = \"info\"\n",
    );
    write(
        &dir,
        "my-rules/site.toml",
        "[operation.set_traffic]\nrequest = 'dom_id: int'\n",
    );
    write(&dir, "skip/a.xml", "not xml");
    write(&dir, "b.draft.xml", "not xml");
    write(
        &dir,
        "c.xml",
        "<packet><site><set_traffic><dom_id>x</dom_id></set_traffic></site></packet>",
    );
    let (status, text) = concise(&dir, &["."]);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(
        text.starts_with("./c.xml:1:") && text.contains(": info: `<dom_id>`: `x` is not"),
        "{text}"
    );
    assert_eq!(status, Some(0), "info findings do not fail the run");

    // (A directory of its own: the rules above replace set_traffic's content model.)
    write(
        &dir,
        "sev/plesk-lint.toml",
        "[severity]\nout-of-order = \"warning\"\ninvalid-value = \"info\"\n",
    );
    write(&dir, "sev/d.xml", &two_findings());
    let (status, text) = concise(&dir, &["sev/d.xml"]);
    assert_eq!(status, Some(0), "{text}");
    assert!(
        text.contains("warning: `<dom_id>` is out of order"),
        "{text}"
    );
    assert!(text.contains(": info: `<smtp_in>`"), "{text}");

    // Explicit paths are checked unless --force-exclude, which pre-commit uses.
    let (status, _) = concise(&dir, &["skip/a.xml", "b.draft.xml"]);
    assert_eq!(status, Some(1));
    let (status, text) = concise(&dir, &["--force-exclude", "skip/a.xml", "b.draft.xml"]);
    assert_eq!((status, text.as_str()), (Some(0), ""));
}

#[test]
fn command_line_select_ignore_and_overrides() {
    let dir = scratch("config-cli");
    write(&dir, "p.xml", &two_findings());
    write(&dir, "other.toml", "select = [\"invalid-value\"]\n");
    let found = |args: &[&str]| codes(&concise(&dir, args).1);
    assert_eq!(
        found(&["--select", "out-of-order", "p.xml"]),
        ["p.xml out-of-order"]
    );
    assert_eq!(
        found(&["--ignore", "out-of-order,invalid-value", "p.xml"]),
        [] as [&str; 0]
    );
    assert_eq!(
        found(&["--config", "other.toml", "p.xml"]),
        ["p.xml invalid-value"]
    );
    assert_eq!(
        found(&[
            "--config",
            "other.toml",
            "--select",
            "out-of-order",
            "p.xml"
        ]),
        ["p.xml out-of-order"]
    );
    assert_eq!(
        found(&["--config", "ignore=[\"invalid-value\"]", "p.xml"]),
        ["p.xml out-of-order"]
    );
    let (status, text) = concise(
        &dir,
        &[
            "--config",
            "severity.out-of-order=warning",
            "--ignore",
            "invalid-value",
            "p.xml",
        ],
    );
    assert_eq!(status, Some(0));
    assert!(text.contains(": warning: "), "{text}");
    let (status, _) = concise(&dir, &["--select", "out-of-ordr", "p.xml"]);
    assert_eq!(
        status,
        Some(2),
        "an unknown code on the command line is a usage error"
    );
}

#[test]
fn a_bad_configuration_is_an_error_pointing_into_the_file() {
    let cases = [
        (
            "select = [\"out-of-order\", \"too-mny\"]\n",
            "plesk-lint.toml:1:27: error: unknown rule code `too-mny` [config-error]",
        ),
        (
            "ignored = []\n",
            "plesk-lint.toml:1:1: error: invalid configuration: unknown field `ignored`",
        ),
        (
            "[severity]\nout-of-order = \"fatal\"\n",
            "plesk-lint.toml:2:16: error: unknown severity `fatal` [config-error]",
        ),
        (
            "exclude = [\"a[\"]\n",
            "plesk-lint.toml:1:12: error: invalid exclude pattern `a[`",
        ),
        (
            "kind = \"both\"\n",
            "plesk-lint.toml:1:8: error: unknown kind `both` [config-error]",
        ),
    ];
    for (config, expected) in cases {
        let dir = scratch("config-bad");
        write(&dir, "plesk-lint.toml", config);
        write(&dir, "p.xml", VALID);
        let (status, text) = concise(&dir, &["p.xml"]);
        assert_eq!(status, Some(2), "{config}: {text}");
        assert!(text.starts_with(expected), "{config}:\n{text}");
    }
    let dir = scratch("config-bad-override");
    write(&dir, "p.xml", VALID);
    let (status, text) = concise(
        &dir,
        &["--config", "severity.out-of-order=\"fatal\"", "p.xml"],
    );
    assert_eq!(status, Some(2));
    assert!(text.starts_with("--config:1:"), "{text}");
    let (status, text) = concise(&dir, &["--config", "no-such.toml", "p.xml"]);
    assert_eq!(status, Some(2));
    assert!(text.contains("neither an existing file"), "{text}");
    // The human format shows the configuration snippet too.
    write(&dir, "plesk-lint.toml", "select = [\"nope\"]\n");
    let output = run(&dir, &["check", "p.xml"], &[], None);
    assert_eq!(output.status.code(), Some(2));
    assert!(stdout(&output).contains("select = [\"nope\"]"));
}
