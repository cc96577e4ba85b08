//! Suppression comments: next element, disable/enable ranges and whole file; unused and
//! invalid suppressions are reported.

use serde_json::Value;

use crate::bin::{run, scratch, stdout};

/// One `set_traffic` operation whose `<dom_id>` is out of order.
const OP: &str = "<set_traffic><date>2005-12-12</date><dom_id>1</dom_id><smtp_in>1</smtp_in>\
<smtp_out>2</smtp_out><pop3_imap_in>3</pop3_imap_in><pop3_imap_out>4</pop3_imap_out></set_traffic>";

/// The concise findings for `packet` (lines), with the exit status.
fn check(packet: &str, args: &[&str]) -> (Option<i32>, Vec<String>) {
    let dir = scratch("suppress");
    let mut all = vec!["check", "--output-format", "concise"];
    all.extend_from_slice(args);
    all.push("-");
    let output = run(&dir, &all, &[], Some(packet));
    let lines = stdout(&output).lines().map(str::to_string).collect();
    (output.status.code(), lines)
}

fn packet(body: &str) -> String {
    format!("<packet>\n{body}\n</packet>\n")
}

#[test]
fn next_element_suppresses_only_that_element() {
    let text = packet(&format!(
        "<site>\n<!-- plesk-lint-disable-next-element out-of-order: known -->\n{OP}\n</site>\n\
         <site>\n{OP}\n</site>"
    ));
    let (status, lines) = check(&text, &[]);
    assert_eq!(status, Some(1));
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with("<stdin>:7:38: error:"), "{lines:?}");
}

#[test]
fn ranges_end_at_enable_or_the_end_of_the_file() {
    let text = packet(&format!(
        "<!-- plesk-lint-disable out-of-order, invalid-value -->\n<site>{OP}</site>\n\
         <!-- plesk-lint-enable out-of-order -->\n<site>{OP}</site>\n\
         <site>{}</site>",
        OP.replace("<smtp_in>1<", "<smtp_in>x<")
    ));
    let (_, lines) = check(&text, &[]);
    let codes: Vec<&str> = lines
        .iter()
        .map(|l| l.rsplit(' ').next().unwrap_or(""))
        .collect();
    assert_eq!(codes, ["[out-of-order]", "[out-of-order]"], "{lines:?}");
    assert!(lines[0].starts_with("<stdin>:5:"), "{lines:?}");
}

#[test]
fn file_level_suppression_covers_everything_before_and_after() {
    let text = packet(&format!(
        "<site>{OP}</site>\n<!-- plesk-lint-disable-file out-of-order -->\n<site>{OP}</site>"
    ));
    assert_eq!(check(&text, &[]), (Some(0), vec![]));
}

#[test]
fn unused_suppressions_are_warnings_with_a_fix() {
    let text = packet(&format!(
        "  <!-- plesk-lint-disable-file too-many -->\n<site>\n\
         <!-- plesk-lint-disable-next-element out-of-order choice-conflict -->\n{OP}</site>"
    ));
    let (status, lines) = check(&text, &[]);
    assert_eq!(status, Some(0), "warnings do not fail the run: {lines:?}");
    assert_eq!(
        lines,
        [
            "<stdin>:2:3: warning: unused suppression: no `too-many` finding here [unused-suppression]",
            "<stdin>:4:51: warning: unused suppression: no `choice-conflict` finding here [unused-suppression]",
        ]
    );
    let dir = scratch("suppress-json");
    let output = run(
        &dir,
        &["check", "--output-format", "json", "-"],
        &[],
        Some(&text),
    );
    let json: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    let edit = &json[0]["fix"]["edits"][0];
    assert_eq!(edit["start"]["offset"], 9, "the whole line 2 goes");
    assert_eq!(edit["end"]["line"], 3);
    assert_eq!(json[0]["fix"]["applicability"], "safe");
    // Like any code, unused-suppression can be turned off.
    let (_, lines) = check(&text, &["--ignore", "unused-suppression"]);
    assert!(lines.is_empty(), "{lines:?}");
    // A suppression for a code the configuration turns off suppresses nothing.
    let text = packet(&format!(
        "<!-- plesk-lint-disable-file out-of-order -->\n<site>{OP}</site>"
    ));
    let (_, lines) = check(&text, &["--select", "invalid-value,unused-suppression"]);
    assert_eq!(lines.len(), 1, "{lines:?}");
}

#[test]
fn invalid_suppressions_are_reported() {
    let text = packet(&format!(
        "<!-- plesk-lint-disable-next-element out-of-ordr -->\n\
         <!-- plesk-lint-disabel out-of-order -->\n\
         <!-- plesk-lint-enable too-many -->\n\
         <!-- plesk-lint-disable-file io-error -->\n\
         <!-- plesk-lint-disable -->\n<site>{OP}</site>"
    ));
    let (status, lines) = check(&text, &[]);
    assert_eq!(status, Some(1), "nothing was suppressed: {lines:?}");
    let expected = [
        "<stdin>:2:38: warning: unknown rule code `out-of-ordr` in `plesk-lint-disable-next-element` [invalid-suppression]",
        "<stdin>:3:6: warning: unknown directive `plesk-lint-disabel` [invalid-suppression]",
        "<stdin>:4:24: warning: `too-many` is enabled here but was not disabled before [invalid-suppression]",
        "<stdin>:5:30: warning: `io-error` cannot be suppressed [invalid-suppression]",
        "<stdin>:6:6: warning: `plesk-lint-disable` names no rule code [invalid-suppression]",
    ];
    assert_eq!(lines[..5], expected, "{lines:#?}");
    assert!(lines[5].ends_with("[out-of-order]"));
}

#[test]
fn a_malformed_file_keeps_its_file_level_suppressions() {
    let text = "<!-- plesk-lint-disable-file malformed-xml -->\n<packet><site>\n";
    assert_eq!(check(text, &[]), (Some(0), vec![]));
}
