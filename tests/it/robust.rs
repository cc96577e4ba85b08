//! Issue 6, "never crash, never hang, never lose a byte": every odd input gets one clear
//! finding at an exact position and a defined exit code. Encodings, line ends, DTDs, sizes.
//! Files, signals and pipes are in `robust_fs`, rules and configuration in `robust_config`,
//! property tests in `robust_props`.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use crate::bin::{run, scratch};

/// Writes `bytes` as `name` in a fresh directory and checks it with `args` (concise output).
pub fn check_bytes(test: &str, name: &str, bytes: &[u8], args: &[&str]) -> (i32, String) {
    let dir = scratch(test);
    std::fs::write(dir.join(name), bytes).expect("write the packet");
    let mut all = vec!["check", "--output-format", "concise", name];
    all.extend_from_slice(args);
    let output = run(&dir, &all, &[], None);
    outcome(&output)
}

/// The exit code and standard output; standard error must be empty (no panic, no noise).
pub fn outcome(output: &Output) -> (i32, String) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.is_empty(), "unexpected stderr: {stderr}");
    let code = output.status.code().expect("exited, not killed");
    (code, String::from_utf8_lossy(&output.stdout).into_owned())
}

/// `(line, column)` of the first finding of a concise report, and its code.
fn first(report: &str) -> (usize, usize, String) {
    let line = report.lines().next().expect("a finding");
    let mut parts = line.splitn(4, ':');
    parts.next();
    let l = parts.next().and_then(|p| p.parse().ok()).expect("line");
    let c = parts.next().and_then(|p| p.parse().ok()).expect("column");
    let code = line.rsplit('[').next().expect("code").trim_end_matches(']');
    (l, c, code.to_string())
}

#[test]
fn empty_and_whitespace_only_files_are_malformed() {
    let (code, out) = check_bytes("empty", "e.xml", b"", &[]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        out,
        "e.xml:1:1: error: the file is empty: a packet is at least `<packet>…</packet>` \
         [malformed-xml]\n"
    );
    let (code, out) = check_bytes("blank", "w.xml", b"  \n\t \n", &[]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        out,
        "w.xml:1:1: error: the file holds only white space: a packet is at least \
         `<packet>…</packet>` [malformed-xml]\n"
    );
}

#[test]
fn binary_file_is_named_as_such() {
    let mut bytes = b"\x7fELF\x02\x01\x01".to_vec();
    bytes.extend((0u8..=255).cycle().take(5000));
    let (code, out) = check_bytes("binary", "a.out", &bytes, &[]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        out,
        "a.out:1:8: error: this is a binary file, not an XML packet: it has a NUL byte at \
         offset 7 [malformed-xml]\n"
    );
}

#[test]
fn invalid_utf8_reports_the_byte_offset() {
    let (code, out) = check_bytes("utf8", "u.xml", b"<packet>\n  <site\xff/>\n</packet>", &[]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        out,
        "u.xml:2:8: error: the file is not valid UTF-8: invalid byte 0xFF at offset 16 \
         [malformed-xml]\n"
    );
}

/// `<packet><sitex/></packet>`: the unknown operator is at column 10 whatever the encoding.
const SITEX: &str = "<packet><sitex/></packet>";

fn assert_sitex_at_column_10(out: &str) {
    assert_eq!(first(out), (1, 10, "unknown-operator".into()), "{out}");
}

#[test]
fn utf8_bom_is_not_a_column() {
    let bytes = [b"\xef\xbb\xbf".as_slice(), SITEX.as_bytes()].concat();
    let (code, out) = check_bytes("bom", "b.xml", &bytes, &[]);
    assert_eq!(code, 1, "{out}");
    assert_sitex_at_column_10(&out);
}

#[test]
fn utf16_with_a_bom_is_decoded() {
    let units: Vec<u16> = std::iter::once(0xFEFF)
        .chain(SITEX.encode_utf16())
        .collect();
    let le: Vec<u8> = units.iter().flat_map(|u| u.to_le_bytes()).collect();
    let be: Vec<u8> = units.iter().flat_map(|u| u.to_be_bytes()).collect();
    for (name, bytes) in [("le.xml", le), ("be.xml", be)] {
        let (code, out) = check_bytes("utf16", name, &bytes, &[]);
        assert_eq!(code, 1, "{out}");
        assert_sitex_at_column_10(&out);
    }
    // Without a byte order mark, the declaration's `<?` gives UTF-16 away.
    let decl = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<packet><sitex/></packet>";
    let bytes: Vec<u8> = decl.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let (code, out) = check_bytes("utf16", "nobom.xml", &bytes, &[]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(first(&out), (2, 10, "unknown-operator".into()), "{out}");
}

#[test]
fn declared_single_byte_encodings_are_decoded() {
    // é in ISO-8859-1, "Привет" in windows-1251 and KOI8-R: one column per character.
    let cases: [(&str, &[u8]); 3] = [
        ("ISO-8859-1", b"caf\xe9"),
        ("windows-1251", b"\xcf\xf0\xe8\xe2\xe5\xf2"),
        ("KOI8-R", b"\xf0\xd2\xc9\xd7\xc5\xd4"),
    ];
    for (encoding, word) in cases {
        let mut bytes =
            format!("<?xml version=\"1.0\" encoding=\"{encoding}\"?>\n<packet><!--").into_bytes();
        bytes.extend_from_slice(word);
        bytes.extend_from_slice(b"--><sitex/></packet>");
        let (code, out) = check_bytes("legacy", "l.xml", &bytes, &[]);
        assert_eq!(code, 1, "{encoding}: {out}");
        // `<packet><!--`, the word's characters, `--><`, then the name.
        let column = 12 + word.len() + 4 + 1;
        assert_eq!(first(&out), (2, column, "unknown-operator".into()), "{out}");
    }
    let valid =
        "<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n".to_string() + crate::bin::VALID;
    let (code, out) = check_bytes("legacy", "ok.xml", valid.as_bytes(), &[]);
    assert_eq!((code, out.as_str()), (0, ""));
}

#[test]
fn unknown_or_lying_encodings_are_findings() {
    let bytes = b"<?xml version=\"1.0\" encoding=\"EBCDIC-XYZ\"?>\n<packet/>";
    let (code, out) = check_bytes("unsupported", "x.xml", bytes, &[]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        out,
        "x.xml:1:31: error: unsupported encoding `EBCDIC-XYZ` [malformed-xml]\n"
    );
    let bytes = b"<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<packet/>";
    let (code, out) = check_bytes("unsupported", "y.xml", bytes, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.starts_with("y.xml:1:31: error: the XML declaration names `UTF-16`"),
        "{out}"
    );
    let utf32: Vec<u8> = [0xFF, 0xFE, 0, 0, b'<', 0, 0, 0].to_vec();
    let (code, out) = check_bytes("unsupported", "z.xml", &utf32, &[]);
    assert_eq!(
        (code, out.as_str()),
        (
            1,
            "z.xml:1:1: error: unsupported encoding `UTF-32` [malformed-xml]\n"
        )
    );
}

#[test]
fn crlf_and_lone_cr_keep_lines_and_columns_exact() {
    for (name, newline) in [("crlf.xml", "\r\n"), ("cr.xml", "\r"), ("lf.xml", "\n")] {
        let text = [
            "<packet>",
            "  <sitex/>",
            "  <site><get></site>",
            "</packet>",
        ]
        .join(newline);
        let (code, out) = check_bytes("newlines", name, text.as_bytes(), &[]);
        assert_eq!(code, 1, "{name}: {out}");
        // The mismatched end tag: line 3, column 14 in every line-end convention.
        assert_eq!(
            first(&out),
            (3, 14, "malformed-xml".into()),
            "{name}: {out}"
        );
        let text = ["<packet>", "  <sitex/>", "</packet>"].join(newline);
        let (_, out) = check_bytes("newlines", name, text.as_bytes(), &[]);
        assert_eq!(
            first(&out),
            (2, 4, "unknown-operator".into()),
            "{name}: {out}"
        );
    }
}

fn billion_laughs() -> String {
    let mut dtd =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE packet [\n<!ENTITY l0 \"lol\">\n");
    for level in 1..10 {
        let refs = format!("&l{};", level - 1).repeat(10);
        dtd.push_str(&format!("<!ENTITY l{level} \"{refs}\">\n"));
    }
    dtd + "]>\n<packet><site><get>&l9;</get></site></packet>\n"
}

#[test]
fn dtds_are_refused_fast_and_never_expanded_or_loaded() {
    let started = Instant::now();
    let (code, out) = check_bytes("laughs", "lol.xml", billion_laughs().as_bytes(), &[]);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(code, 1, "{out}");
    assert!(out.starts_with("lol.xml:2:1: error: a DTD"), "{out}");
    let xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE packet [ <!ENTITY x SYSTEM \"file:///etc/passwd\"> ]>\n\
               <packet><site><get>&x;</get></site></packet>";
    let (code, out) = check_bytes("xxe", "xxe.xml", xxe.as_bytes(), &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.starts_with("xxe.xml:2:1: error: a DTD"), "{out}");
    assert!(!out.contains("root:"), "{out}");
}

#[test]
fn deep_nesting_wide_siblings_and_long_lines_finish() {
    // Scaled down for debug builds; README.md, section Robustness has the full-size release timings.
    let depth = 100_000;
    let deep = format!(
        "<packet><site><get>{}{}</get></site></packet>",
        "<a>".repeat(depth),
        "</a>".repeat(depth)
    );
    let (code, out) = check_bytes("deep", "deep.xml", deep.as_bytes(), &[]);
    // A request (no `<result>`): `<filter>` missing before the unknown `<a>`.
    assert_eq!((code, out.lines().count()), (1, 2), "{out}");
    // The same with something for the rules beyond the schema to look at (a placeholder),
    // which walk unknown elements too: their walk was recursive and overflowed the stack
    // (found by the `tree` fuzz target).
    let linted = deep.replacen("<get>", "<get><filter><name>$x</name></filter>", 1);
    let (code, out) = check_bytes("deep-linted", "deep.xml", linted.as_bytes(), &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("[unfilled-placeholder]"), "{out}");
    assert!(out.contains("unknown element `<a>` in `<get>`"), "{out}");
    let wide = format!(
        "<packet><site><get><filter/>{}</get></site></packet>",
        "<x/>".repeat(20_000)
    );
    let (code, out) = check_bytes("wide", "wide.xml", wide.as_bytes(), &[]);
    // Findings are capped per parent and code (issue 14): 100, and one that counts the rest.
    assert_eq!((code, out.lines().count()), (1, 101), "{out}");
    assert!(
        out.contains(": error: and 19,900 more `unknown-element` findings in `<get>`"),
        "{out}"
    );
    // The missing `<dataset>` is one of the `<x>` renamed, among the first of the run the
    // alignment's search reads (the rest are deleted whatever it finds), so it is shown.
    assert!(
        out.contains(
            "wide.xml:1:38: error: unknown element `<x>` in `<get>`; `<dataset>` is expected here"
        ),
        "{out}"
    );
    let long = format!(
        "<packet><sitex a=\"{}\"/>{}</packet>",
        "a".repeat(8 << 20),
        "<x/>"
    );
    let (code, out) = check_bytes("long", "long.xml", long.as_bytes(), &[]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(first(&out), (1, 10, "unknown-operator".into()));
    assert!(
        out.contains(&format!("long.xml:1:{}:", 8 * 1024 * 1024 + 23)),
        "{out}"
    );
}

/// miette panicked on a label past column 65,535; the human report now shows a window of
/// the line around the finding, within 120 columns, with `…` where the line is cut.
#[test]
fn human_output_survives_findings_far_along_one_line() {
    let far = format!(
        "<packet>\n<sitey/>\n<site a=\"{}\"/><sitex/></packet>",
        "a".repeat(100_000)
    );
    let dir = scratch("far");
    std::fs::write(dir.join("far.xml"), &far).expect("write");
    let (code, out) = outcome(&run(
        &dir,
        &["check", "--color", "never", "far.xml"],
        &[],
        None,
    ));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("far.xml:2:2"), "{out}");
    assert!(out.contains("--> far.xml:3:100014\n"), "{out}");
    assert!(
        out.lines()
            .any(|line| line.starts_with("3 | …aaa") && line.ends_with("\"/><sitex/></packet>")),
        "{out}"
    );
    assert!(out.lines().all(|line| line.chars().count() <= 120), "{out}");
}

#[test]
fn files_over_the_size_limit_are_reported_not_read() {
    let big = format!("<packet>{}</packet>", " ".repeat(4096));
    let (code, out) = check_bytes(
        "limit",
        "big.xml",
        big.as_bytes(),
        &["--max-file-size", "1KiB"],
    );
    assert_eq!(code, 2, "{out}");
    assert_eq!(
        out,
        "big.xml:1:1: error: cannot read `big.xml`: the file is larger than the limit of 1 KiB \
         (4 KiB); raise it with `--max-file-size` or `max-file-size` in plesk-lint.toml \
         [io-error]\n"
    );
    let dir = scratch("limit-config");
    std::fs::write(dir.join("big.xml"), &big).expect("write");
    std::fs::write(dir.join("plesk-lint.toml"), "max-file-size = \"1KiB\"\n").expect("write");
    let (code, out) = outcome(&run(
        &dir,
        &["check", "--output-format", "concise", "."],
        &[],
        None,
    ));
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("larger than the limit of 1 KiB"), "{out}");
    // The command line wins over the file; standard input has the same limit.
    let args = [
        "check",
        "--output-format",
        "concise",
        "--max-file-size",
        "1MiB",
        ".",
    ];
    let (code, out) = outcome(&run(&dir, &args, &[], None));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.starts_with("./big.xml:1:2: error: missing one of"),
        "{out}"
    );
    let args = [
        "check",
        "--output-format",
        "concise",
        "--max-file-size",
        "100",
        "-",
    ];
    let (code, out) = outcome(&run(&dir, &args, &[], Some(&big)));
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("larger than the limit of 100 bytes (more than that)"),
        "{out}"
    );
}

/// Crash and hang reproducers found by fuzzing, and hand-made odd inputs: each goes through
/// the whole pipeline with the span checks of the fuzz target.
#[test]
fn fuzz_regressions_stay_fixed() {
    let dir = crate::support::root().join("tests/robust");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/robust")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e != "md"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for file in files {
        let bytes = std::fs::read(&file).expect("readable");
        crate::robust_props::assert_pipeline_sound(&bytes, Some(Path::new(&file)));
    }
}
