//! Issue 6 for the other inputs: a user's rules tables (`--rules DIR`) and configuration
//! files. A broken one is a finding pointing into that file and exit code 2, never a panic,
//! and never a hang or an allocation the size of the machine.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::bin::{run, scratch};
use crate::robust::outcome;

const SET_TRAFFIC: &str =
    "<packet><site><set_traffic><dom_id>1</dom_id></set_traffic></site></packet>";

/// Checks `SET_TRAFFIC` from stdin with `site.toml` holding `rules`; the rules findings
/// (the packet's own are dropped), and the exit code.
fn with_rules(test: &str, rules: &[u8]) -> (i32, String) {
    let dir = scratch(test);
    std::fs::write(dir.join("site.toml"), rules).expect("write the rules");
    let args = ["check", "--output-format", "concise", "--rules", ".", "-"];
    let started = Instant::now();
    let (code, out) = outcome(&run(&dir, &args, &[], Some(SET_TRAFFIC)));
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    let rules_lines: Vec<&str> = out.lines().filter(|l| !l.starts_with("<stdin>")).collect();
    (code, rules_lines.join("\n"))
}

fn assert_rules_error(test: &str, rules: &str, expected: &str) {
    let (code, out) = with_rules(test, rules.as_bytes());
    assert_eq!(code, 2, "{out}");
    assert_eq!(
        out,
        format!("./site.toml:{expected} [rules-error]"),
        "{rules}"
    );
}

#[test]
fn broken_toml_in_a_rules_file() {
    assert_rules_error(
        "rules-toml",
        "[operation.set_traffic\nrequest = 'dom_id: int'\n",
        "1:23: error: unclosed table header, expected `]`",
    );
    assert_rules_error(
        "rules-toml",
        "[operation.set_traffic]\nrequest = 42\n",
        "2:11: error: expected a string, `'…'` or `'''…'''`, found `42`",
    );
    // Valid TOML outside the plain layout: refused where it leaves it, saying what to write.
    assert_rules_error(
        "rules-toml",
        "[operation.set_traffic]\nrequest = \"dom_id: int\"\n",
        "2:11: error: a basic string (`\"…\"`): rules tables use literal strings, `'…'` or \
         `'''…'''`, whose every byte is a byte of the file",
    );
    assert_rules_error(
        "rules-toml",
        "[operation]\nset_traffic.request = 'dom_id: int'\n",
        "1:2: error: `[operation]` is not a rules table: expected `[operator]`, \
         `[operation.NAME]`, `[packet]`, `[model]`, `[value]`, `[request.model]`, \
         `[request.value]`, `[response.model]` or `[response.value]`",
    );
    let nested = format!(
        "[operation.x]\nrequest = {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let (code, out) = with_rules("rules-toml", nested.as_bytes());
    assert_eq!(code, 2);
    assert!(
        out.starts_with(
            "./site.toml:2:11: error: expected a string, `'…'` or `'''…'''`, found `[[["
        ),
        "{out}"
    );
    let (code, out) = with_rules(
        "rules-toml",
        b"[operation.set_traffic]\nrequest = \"\xff\"\n",
    );
    assert_eq!(code, 2);
    assert!(
        out.contains("stream did not contain valid UTF-8 [rules-error]"),
        "{out}"
    );
}

#[test]
fn bad_model_syntax_and_unknown_types() {
    assert_rules_error(
        "rules-syntax",
        "[operation.set_traffic]\nrequest = 'dom_id: int,, date: date'\n",
        "2:24: error: expected an element, `(`, `...` or `ANY`, found `,`",
    );
    assert_rules_error(
        "rules-syntax",
        "[operation.set_traffic]\nrequest = 'dom_id: NoSuchType'\n",
        "2:20: error: unknown type `NoSuchType` (not a named model, a named value, or a built-in)",
    );
    assert_rules_error(
        "rules-syntax",
        "[value]\nV = 'string pattern \"[\"'\n[operation.set_traffic]\nrequest = 'dom_id: V'\n",
        "2:13: error: invalid pattern `[`: unclosed `[`",
    );
}

#[test]
fn self_referencing_types() {
    assert_rules_error(
        "rules-self",
        "[operation.set_traffic]\nrequest = 'dom_id: Loop'\n[model]\nLoop = 'a?: Loop'\n",
        "4:13: error: `Loop` contains itself",
    );
    assert_rules_error(
        "rules-self",
        "[operation.set_traffic]\nrequest = 'dom_id: A'\n[model]\nA = 'b?: B'\nB = 'a?: A'\n",
        "4:10: error: `A` contains itself",
    );
    assert_rules_error(
        "rules-self",
        "[operation.set_traffic]\nrequest = '...Loop'\n[model]\nLoop = 'x: int, ...Loop'\n",
        "4:20: error: `Loop` contains itself",
    );
}

#[test]
fn huge_repetition_bounds() {
    assert_rules_error(
        "rules-bounds",
        "[operation.set_traffic]\nrequest = 'dom_id{1,4294967295}: int'\n",
        "2:12: error: repetition bounds above 64 are not supported",
    );
    let (code, out) = with_rules(
        "rules-bounds",
        b"[operation.set_traffic]\nrequest = 'dom_id{0,99999999999999999999}: int'\n",
    );
    assert_eq!(code, 2);
    assert!(
        out.starts_with("./site.toml:2:21: error: expected a count"),
        "{out}"
    );
}

/// Bounds nest multiplicatively (64⁴ = 16 million positions here): compiling stops at the
/// automaton size limit, with an error at the repeated particle that crossed it, at once.
#[test]
fn nested_repetition_bounds_are_limited() {
    let (code, out) = with_rules(
        "rules-nested-bounds",
        b"[operation.set_traffic]\nrequest = '(((dom_id{1,64}: int){1,64}){1,64}){1,64}'\n",
    );
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("2:15: error: this model unrolls to more than 4096 element positions"),
        "{out}"
    );
}

/// The model parser recurses once per `(`: 100,000 of them get an error at the 65th, not a
/// stack overflow.
#[test]
fn deeply_nested_groups_are_limited() {
    let model = format!("{}dom_id: int{}", "(".repeat(100_000), ")".repeat(100_000));
    let rules = format!("[operation.set_traffic]\nrequest = '{model}'\n");
    let (code, out) = with_rules("rules-deep", rules.as_bytes());
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("2:76: error: groups and inline types nest more than 64 deep"),
        "{out}"
    );
    let inline = format!("{}#text{}", "x: {".repeat(1000), "}".repeat(1000));
    let rules = format!("[operation.set_traffic]\nrequest = '{inline}'\n");
    let (code, out) = with_rules("rules-deep-inline", rules.as_bytes());
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("nest more than 64 deep"), "{out}");
}

fn with_config(test: &str, config: &str) -> (i32, String) {
    let dir = scratch(test);
    std::fs::write(dir.join("plesk-lint.toml"), config).expect("write the config");
    std::fs::write(dir.join("p.xml"), crate::bin::VALID).expect("write the packet");
    outcome(&run(
        Path::new(&dir),
        &["check", "--output-format", "concise", "p.xml"],
        &[],
        None,
    ))
}

#[test]
fn broken_configuration_files() {
    let cases = [
        (
            "select = [\"out-of-order\"\n",
            "1:25: error: invalid configuration: unclosed array, expected `]`",
        ),
        (
            "selct = []\n",
            "1:1: error: invalid configuration: unknown field `selct`, expected one of `select`, `ignore`, `severity`, `exclude`, `rules`, `kind`, `max-file-size`, `api-version`, `respect-gitignore`, `fix`, `unsafe-fixes`, `fixable`, `unfixable`, `embedded`, `limits`",
        ),
        (
            "max-file-size = \"12 parsecs\"\n",
            "1:17: error: unknown size unit `parsecs`; use B, KiB, MiB, GiB, KB, MB or GB",
        ),
        (
            "max-file-size = -5\n",
            "1:17: error: invalid configuration: a size: a number of bytes, or a text such as \"64MiB\"",
        ),
        (
            "[severity]\nout-of-order = \"fatal\"\n",
            "2:16: error: unknown severity `fatal`",
        ),
    ];
    for (config, expected) in cases {
        let (code, out) = with_config("config-broken", config);
        assert_eq!(code, 2, "{config}: {out}");
        assert_eq!(
            out,
            format!("plesk-lint.toml:{expected} [config-error]\n"),
            "{config}"
        );
    }
    let nested = format!("select = {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let (code, out) = with_config("config-broken", &nested);
    assert_eq!(code, 2);
    assert!(
        out.contains("max recursion depth met [config-error]"),
        "{out}"
    );
}
