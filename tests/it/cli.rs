//! The binary end to end: exit codes, stdin, directories, formats, explain, `--rules`.

use std::process::Output;

use crate::support::root;

/// Runs the binary at the repository root, as `bin::run` does, without colour.
fn plesk_lint(args: &[&str], stdin: Option<&str>) -> Output {
    crate::bin::run(&root(), args, &[("NO_COLOR", "1")], stdin)
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

const VALID: &str = "<packet><site><set_traffic><dom_id>1</dom_id><date>2005-12-12</date>\
<smtp_in>1</smtp_in><smtp_out>2</smtp_out><pop3_imap_in>3</pop3_imap_in>\
<pop3_imap_out>4</pop3_imap_out></set_traffic></site></packet>\n";

#[test]
fn clean_input_exits_zero() {
    let output = plesk_lint(&["check", "--output-format", "concise", "-"], Some(VALID));
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(stdout(&output), "");
}

#[test]
fn findings_exit_one_and_name_stdin() {
    let broken = VALID.replace("<date>2005-12-12</date>", "");
    let output = plesk_lint(
        &[
            "check",
            "--output-format",
            "concise",
            "--stdin-filename",
            "pkt.xml",
            "-",
        ],
        Some(&broken),
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        "pkt.xml:1:46: error: missing required element `<date>` after `<dom_id>` [missing-element]\n"
    );
}

#[test]
fn missing_path_exits_two() {
    let output = plesk_lint(
        &["check", "--output-format", "concise", "no/such/file.xml"],
        None,
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stdout(&output).contains("[io-error]"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn human_output_shows_snippet_help_and_summary() {
    let broken = VALID.replace("<dom_id>1</dom_id>", "<dom-id>1</dom-id>");
    let output = plesk_lint(&["check", "-"], Some(&broken));
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(text.contains("unknown-element"), "{text}");
    assert!(text.contains("did you mean `<dom_id>`?"), "{text}");
    assert!(text.contains("Checked 1 file"), "{text}");
}

#[test]
fn directories_are_walked_in_sorted_order() {
    let output = plesk_lint(
        &[
            "check",
            "--output-format",
            "concise",
            "samples/docs/published",
        ],
        None,
    );
    let text = stdout(&output);
    let files: Vec<&str> = text
        .lines()
        .map(|line| line.split(':').next().unwrap_or(""))
        .collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
    assert!(!files.is_empty());
}

#[test]
fn explain_prints_codes_operations_and_lists() {
    let code = stdout(&plesk_lint(&["explain", "out-of-order"], None));
    assert!(
        code.contains("Why it matters") && code.contains("Bad") && code.contains("Good"),
        "{code}"
    );
    let tree = stdout(&plesk_lint(&["explain", "webspace/set_traffic"], None));
    assert!(
        tree.contains("<dom_id>") && tree.contains("required") && tree.contains("response"),
        "{tree}"
    );
    let list = stdout(&plesk_lint(&["explain", "--list"], None));
    assert!(
        list.contains("service-plan/add-plan-item  request response"),
        "{list}"
    );
}

#[test]
fn user_rules_override_and_broken_rules_point_into_the_file() {
    let dir = std::env::temp_dir().join(format!("plesk-lint-rules-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(
        dir.join("site.toml"),
        "[operation.set_traffic]\nrequest = 'dom_id: int'\n",
    )
    .expect("write");
    let only_dom_id = "<packet><site><set_traffic><dom_id>1</dom_id></set_traffic></site></packet>";
    let output = plesk_lint(
        &["check", "--rules", dir.to_str().expect("utf-8"), "-"],
        Some(only_dom_id),
    );
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));

    std::fs::write(
        dir.join("site.toml"),
        "[operation.set_traffic]\nrequest = 'dom_id int'\n",
    )
    .expect("write");
    let output = plesk_lint(
        &[
            "check",
            "--output-format",
            "concise",
            "--rules",
            dir.to_str().expect("utf-8"),
            "-",
        ],
        Some(only_dom_id),
    );
    assert_eq!(output.status.code(), Some(2));
    let text = stdout(&output);
    assert!(
        text.contains("site.toml:2:19: error:") && text.contains("[rules-error]"),
        "{text}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_unknown_api_version_is_a_usage_error_listing_the_known_ones() {
    for args in [
        &["check", "--api-version", "9.9", "samples"][..],
        &["check", "--api-version", "1.5.2.0", "samples"],
        &["check", "--api-version", "1.6.9.2", "samples"],
        &["explain", "--api-version", "9.9", "site/get"],
    ] {
        let output = plesk_lint(args, None);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(&format!("unknown protocol version `{}`", args[2]))
                && stderr.contains(
                    "known: 1.6.0.0 to 1.6.8.x (the 2015 schema set) and 1.6.9.0 to 1.6.9.1"
                ),
            "{args:?}: {stderr}"
        );
        assert_eq!(stdout(&output), "", "nothing checked: {args:?}");
    }
    let known = plesk_lint(
        &["check", "--api-version", "1.6.3.4", "-q", "-"],
        Some(VALID),
    );
    assert_eq!(known.status.code(), Some(0));
    // The configuration's `api-version` is held to the same list.
    let config = plesk_lint(
        &[
            "check",
            "--config",
            "api-version=\"2.0\"",
            "--output-format",
            "concise",
            "-",
        ],
        Some(VALID),
    );
    assert_eq!(config.status.code(), Some(2));
    assert!(
        stdout(&config).starts_with("--config:1:13: error: unknown protocol version `2.0`"),
        "{}",
        stdout(&config)
    );
}

#[test]
fn an_unreadable_rules_directory_is_named() {
    let output = plesk_lint(&["check", "--rules", "no/such/rules", "-"], Some(VALID));
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stdout(&output).contains("cannot read rules directory `no/such/rules`: "),
        "{}",
        stdout(&output)
    );
}

#[test]
fn explain_of_an_unknown_operation_says_only_that() {
    let output = plesk_lint(&["explain", "webspace/nosuch"], None);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stdout(&output),
        "operator `webspace` has no operation `nosuch`\n"
    );
    // An operation only an older protocol has: where it exists, and how to see it there.
    let older = plesk_lint(&["explain", "customer/set-billing-info"], None);
    assert_eq!(older.status.code(), Some(2));
    assert_eq!(
        stdout(&older),
        "operator `customer` has no operation `set-billing-info`\n\
         it exists in 2015 (protocols 1.6.0.0–1.6.8.x): \
         plesk-lint explain --api-version 1.6.0.0 customer/set-billing-info\n"
    );
}

#[test]
fn explain_names_what_changed_between_protocols_element_by_element() {
    let output = stdout(&plesk_lint(&["explain", "site/get"], None));
    let diff = output
        .split_once("protocol versions of site/get:\n")
        .expect("a version diff")
        .1;
    // The 2015 set names complex types and the diagrams do not: that is no difference.
    assert!(!diff.contains("Type)"), "{diff}");
    assert!(
        diff.starts_with("  request: same in 2015 and 1.6.9.1\n  response: differs\n"),
        "{diff}"
    );
    assert!(
        diff.contains(
            "    only in 1.6.9.1 (protocols 1.6.9.0 on):\n      \
             result/data/gen_info/turn-off-action  string optional\n"
        ),
        "{diff}"
    );
    assert!(
        diff.contains(
            "    changed:\n      result/data/prefs/stat_ttl\n        \
             2015: positiveInteger | \"\" optional\n        1.6.9.1: string optional\n"
        ),
        "{diff}"
    );
}
