//! Packets inside source files, templates and cassettes (src/embedded, docs/embedded.md).
//!
//! Every file under tests/embedded checks exactly as its `.expected` file says (concise
//! output, host line and column); `UPDATE_EXPECT=1` rewrites them. The property test wraps
//! packets in every host syntax, escaping what the syntax needs, and requires the findings to
//! be those of the bare packet, moved to where the wrapper put each byte.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use plesk_lint::FileReport;
use plesk_lint::embedded::{self, Host, detect::Vocabulary};
use plesk_lint::rules::Direction;
use plesk_lint::source::SourceFile;
use plesk_lint::versions::Versions;
use proptest::prelude::*;

use crate::bin::{run, scratch, stdout};
use crate::support::{compare_expected, concise, root, xml_files};

fn versions() -> &'static Versions {
    static VERSIONS: OnceLock<Versions> = OnceLock::new();
    VERSIONS.get_or_init(|| {
        let (versions, errors) = Versions::load(&[] as &[PathBuf]);
        assert!(errors.is_empty(), "embedded rules do not load: {errors:?}");
        versions
    })
}

fn check_host(name: &str, text: String, kind: Option<Direction>) -> FileReport {
    let host = Host::of(Path::new(name)).expect("a host file");
    let source = Arc::new(SourceFile::new(name, text));
    let (mut report, errors) = embedded::check_source(versions(), source, host, kind, None);
    assert!(errors.is_empty(), "broken rules: {errors:?}");
    // As `check` reports it: the host's suppression comments apply.
    plesk_lint::filter::apply(&mut report, &plesk_lint::config::Settings::default(), true);
    report
}

fn embedded_fixtures() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root().join("tests/embedded"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(root())
                .expect("under root")
                .to_path_buf()
        })
        .filter(|p| p.extension().is_none_or(|x| x != "expected"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_source_kind_checks_as_expected_in_host_coordinates() {
    let files = embedded_fixtures();
    let mut kinds: Vec<Host> = files.iter().filter_map(|p| Host::of(p)).collect();
    kinds.dedup();
    assert!(kinds.len() >= 11, "a fixture per source kind: {kinds:?}");
    let mut failures = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(root().join(&path)).expect("readable fixture");
        let report = check_host(&path.display().to_string(), text, None);
        let actual = concise(&report);
        compare_expected(
            &path.display().to_string(),
            &root().join(format!("{}.expected", path.display())),
            &actual,
            &mut failures,
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn other_protocols_packets_are_left_alone() {
    for path in embedded_fixtures() {
        if !path.starts_with("tests/embedded/other-protocols") {
            continue;
        }
        let text = std::fs::read_to_string(root().join(&path)).expect("readable");
        let host = Host::of(&path).expect("host");
        let vocabulary = Vocabulary::of(versions());
        assert!(
            embedded::packets(&vocabulary, host, &text).is_empty(),
            "{} holds no Plesk packet",
            path.display()
        );
    }
}

#[test]
fn files_without_operator_names_are_not_read() {
    let vocabulary = Vocabulary::of(versions());
    assert!(!vocabulary.may_hold_packet(b"<?php echo '<div><p>hello</p></div>';"));
    assert!(vocabulary.may_hold_packet(b"x = '<webspace><get/></webspace>'"));
    assert!(vocabulary.may_hold_packet(b"# plesk-lint: packet\nx = '<a/>'"));
}

#[test]
fn marker_comment_opts_a_literal_in() {
    // Neither a version nor a known operator: only the marker makes it a Plesk packet.
    let js = "// language=XML\nconst p = '<packet><nonsense/></packet>';\n";
    let report = check_host("m.js", js.to_string(), None);
    let found = concise(&report);
    assert!(found.starts_with("m.js:2:21: error:"), "{found}");
    let unmarked = js.replace("// language=XML", "// nothing");
    assert!(check_host("m.js", unmarked, None).diagnostics.is_empty());
}

#[test]
fn holes_in_values_attributes_subtrees_and_tag_names_find_nothing() {
    let php = r#"<?php
$a = "<packet version=\"$v\"><webspace><get><filter><id>$id</id></filter><dataset><gen_info/></dataset></get></webspace></packet>";
$b = "<packet version=\"1.6.3.0\"><webspace><get>$whole</get></webspace></packet>";
$c = "<packet version=\"1.6.3.0\"><webspace><get><filter/><dataset><{$part}/></dataset></get></webspace></packet>";
$d = '<packet version="1.6.3.0"><webspace><get><filter><id>' . $id . '</id></filter><dataset><gen_info/></dataset></get></webspace></packet>';
"#;
    let report = check_host("h.php", php.to_string(), None);
    assert_eq!(concise(&report), "");
    // The same packets with real mistakes next to the holes are still reported.
    let wrong = php.replace("<gen_info/>", "<gen_inf/>");
    let found = check_host("h.php", wrong, None);
    assert_eq!(found.diagnostics.len(), 2, "{}", concise(&found));
}

#[test]
fn leading_line_break_of_a_literal_is_not_part_of_the_packet() {
    let php = "<?php\n$x = <<<XML\n\n<?xml version=\"1.0\"?>\n<packet version=\"1.6.3.0\"><server><get><gen_info/></get></server></packet>\nXML;\n";
    assert_eq!(concise(&check_host("l.php", php.to_string(), None)), "");
}

#[test]
fn template_control_flow_makes_regions_optional() {
    let j2 = "<packet version=\"1.6.3.0\"><webspace><get><filter><id>1</id></filter>\
{% for d in sets %}<dataset><gen_info/></dataset>{% endfor %}</get></webspace></packet>";
    assert_eq!(concise(&check_host("t.j2", j2.to_string(), None)), "");
    // Without the loop, two datasets are one too many.
    let twice = j2
        .replace("{% for d in sets %}", "")
        .replace("{% endfor %}", "<dataset><hosting/></dataset>");
    let found = check_host("t.j2", twice, None);
    assert_eq!(found.diagnostics.len(), 1, "{}", concise(&found));
}

#[test]
fn check_walks_source_files_and_reads_stdin_by_its_name() {
    let dir = scratch("embedded-walk");
    std::fs::create_dir_all(dir.join("src")).expect("dir");
    let php = "<?php\n$p = '<packet version=\"1.6.3.0\"><server><get><gen_inf/></get></server></packet>';\n";
    std::fs::write(dir.join("src/api.php"), php).expect("write");
    std::fs::write(dir.join("src/readme.txt"), php).expect("write");
    let output = run(
        &dir,
        &["check", "--output-format", "concise", "."],
        &[],
        None,
    );
    let found = stdout(&output);
    assert!(
        found.contains("api.php:2:47: error: unknown element `<gen_inf>`"),
        "{found}"
    );
    assert!(!found.contains("readme.txt"), "{found}");
    assert_eq!(found.lines().count(), 1, "{found}");
    let piped = run(
        &dir,
        &[
            "check",
            "--output-format",
            "concise",
            "--stdin-filename",
            "x.php",
            "-",
        ],
        &[],
        Some(php),
    );
    assert!(
        stdout(&piped).starts_with("x.php:2:47: error:"),
        "{}",
        stdout(&piped)
    );
}

// ---------------------------------------------------------------------------------------
// Property: a packet wrapped in any host syntax finds what the bare packet finds.

/// A packet written in a host syntax, and where each of its bytes went.
struct Wrapped {
    name: &'static str,
    text: String,
    /// Host offset where the encoding of packet byte `i` starts (one past the end at `len`).
    start: Vec<usize>,
    /// Host offset where the encoding of packet byte `i` ends.
    end: Vec<usize>,
}

/// Writes `packet` between `head` and `tail`, each byte through `encode`.
fn wrap(
    name: &'static str,
    head: &str,
    packet: &str,
    tail: &str,
    encode: impl Fn(&str, char) -> String,
) -> Wrapped {
    let mut text = head.to_string();
    let mut start = vec![0; packet.len() + 1];
    let mut end = vec![0; packet.len() + 1];
    for (i, c) in packet.char_indices() {
        let encoded = encode(&packet[..i], c);
        for k in 0..c.len_utf8() {
            start[i + k] = text.len();
            end[i + k] = text.len() + encoded.len();
        }
        text.push_str(&encoded);
    }
    start[packet.len()] = text.len();
    end[packet.len()] = text.len();
    text.push_str(tail);
    Wrapped {
        name,
        text,
        start,
        end,
    }
}

fn escape_with(table: &'static [(char, &'static str)]) -> impl Fn(&str, char) -> String {
    move |_, c| {
        table
            .iter()
            .find(|(from, _)| *from == c)
            .map_or_else(|| c.to_string(), |(_, to)| (*to).to_string())
    }
}

/// Every host syntax the property covers.
fn wrappings(packet: &str, direction: Option<Direction>) -> Vec<Wrapped> {
    // A cassette tells the direction by where the body is.
    let (block, quoted) = match direction {
        Some(Direction::Response) => (
            "interactions:\n- response:\n    body:\n      string: |\n        ",
            "- response:\n    body: \"",
        ),
        _ => (
            "interactions:\n- request:\n    body:\n      string: |\n        ",
            "- request:\n    body: \"",
        ),
    };
    let indent = |prefix: &'static str| {
        move |_: &str, c: char| {
            if c == '\n' {
                format!("\n{prefix}")
            } else {
                c.to_string()
            }
        }
    };
    let mut all = vec![
        wrap(
            "p.php",
            "<?php\n$x = <<<'XML'\n",
            packet,
            "\nXML;\n",
            |_, c| c.to_string(),
        ),
        wrap(
            "p.php",
            "<?php\nfunction f() {\n    return <<<XML\n    ",
            packet,
            "\n    XML;\n}\n",
            |_, c| match c {
                '\n' => "\n    ".into(),
                '\\' => "\\\\".into(),
                '$' => "\\$".into(),
                _ => c.to_string(),
            },
        ),
        wrap(
            "p.php",
            "<?php $x = '",
            packet,
            "';\n",
            escape_with(&[('\'', "\\'"), ('\\', "\\\\")]),
        ),
        wrap(
            "p.php",
            "<?php $x = \"",
            packet,
            "\";\n",
            escape_with(&[
                ('"', "\\\""),
                ('\\', "\\\\"),
                ('$', "\\$"),
                ('\n', "\\n"),
                ('\t', "\\t"),
            ]),
        ),
        wrap(
            "p.rb",
            "def f\n  <<~XML\n    ",
            packet,
            "\n  XML\nend\n",
            |_, c| match c {
                '\n' => "\n    ".into(),
                '\\' => "\\\\".into(),
                '#' => "\\#".into(),
                _ => c.to_string(),
            },
        ),
        wrap(
            "p.js",
            "const x = `",
            packet,
            "`;\n",
            escape_with(&[('\\', "\\\\"), ('`', "\\`"), ('$', "\\$")]),
        ),
        wrap(
            "p.cs",
            "class C { const string X = @\"",
            packet,
            "\"; }\n",
            escape_with(&[('"', "\"\"")]),
        ),
        wrap(
            "p.yml",
            block,
            packet,
            "\n    method: POST\n",
            indent("        "),
        ),
        wrap(
            "p.yml",
            quoted,
            packet,
            "\"\n",
            escape_with(&[
                ('"', "\\\""),
                ('\\', "\\\\"),
                ('\n', "\\n"),
                ('\t', "\\t"),
                ('\r', "\\r"),
            ]),
        ),
        wrap(
            "p.sh",
            "curl -d @- \"$URL\" <<'EOF'\n",
            packet,
            "\nEOF\n",
            |_, c| c.to_string(),
        ),
    ];
    // Raw forms that cannot hold their own delimiter.
    if !packet.contains('`') {
        all.push(wrap(
            "p.go",
            "package p\n\nconst X = `",
            packet,
            "`\n",
            |_, c| c.to_string(),
        ));
    }
    if !packet.contains("{{") && !packet.contains("{%") && !packet.contains("{#") {
        all.push(wrap("p.xml.j2", "", packet, "\n", |_, c| c.to_string()));
    }
    all
}

/// Findings as (code, host start, host end).
type Found = Vec<(String, usize, usize)>;

/// Checks `packet` bare and in every wrapping: `None` when the packet is not one the
/// property covers, else the first disagreement, if any.
fn disagreement(packet: &str) -> Option<Option<String>> {
    let vocabulary = Vocabulary::of(versions());
    let frame = vocabulary.detect(packet, false)?;
    // Only packets that are the whole text: anything around them is not checked embedded.
    // A literal's leading line break before `<?xml` is trimmed on purpose (see
    // `leading_line_break_of_a_literal_is_not_part_of_the_packet`).
    if frame.keep.start != 0 || packet[frame.keep.end..].trim() != "" || frame.fragment {
        return None;
    }
    // Placeholder-looking text would be masked on purpose.
    if ["%", "{", "$", "#{", "<?php", "<?="]
        .iter()
        .any(|p| packet.contains(p))
    {
        return None;
    }
    let bare = plesk_lint::engine::check(versions(), packet, &Default::default());
    let direction = bare.direction;
    for wrapped in wrappings(packet, direction) {
        if wrapped.name.ends_with(".j2") && direction != Some(Direction::Request) {
            continue;
        }
        let mut expected: Found = bare
            .diagnostics
            .iter()
            .map(|d| {
                let s = d.primary.span.start.min(packet.len());
                let e = d.primary.span.end.min(packet.len());
                if s == packet.len() {
                    return (d.code.as_str().to_string(), usize::MAX, usize::MAX);
                }
                let end = if e > s {
                    wrapped.end[e - 1]
                } else {
                    wrapped.start[s]
                };
                (d.code.as_str().to_string(), wrapped.start[s], end)
            })
            .collect();
        let report = check_host(wrapped.name, wrapped.text.clone(), direction);
        let mut actual: Found = report
            .diagnostics
            .iter()
            .map(|d| {
                // The end of the text: after the packet, or after the line break a heredoc's
                // string holds after it (Ruby, Perl, shell).
                if d.primary.span.start >= wrapped.start[packet.len()]
                    && wrapped.text[wrapped.start[packet.len()]..d.primary.span.start]
                        .trim()
                        .is_empty()
                    && d.primary.span.is_empty()
                {
                    return (d.code.as_str().to_string(), usize::MAX, usize::MAX);
                }
                (
                    d.code.as_str().to_string(),
                    d.primary.span.start,
                    d.primary.span.end,
                )
            })
            .collect();
        expected.sort();
        actual.sort();
        if expected != actual {
            return Some(Some(format!(
                "{} differs:\n{}\nexpected {expected:?}\nactual   {actual:?}",
                wrapped.name, wrapped.text
            )));
        }
    }
    Some(None)
}

#[test]
fn every_fixture_packet_finds_the_same_in_every_host_syntax() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for path in xml_files(Path::new("tests/fixtures")) {
        let Ok(packet) = std::fs::read_to_string(root().join(&path)) else {
            continue;
        };
        let packet = packet.trim_end().to_string();
        match disagreement(&packet) {
            Some(Some(why)) => failures.push(format!("{}: {why}", path.display())),
            Some(None) => checked += 1,
            None => {}
        }
    }
    // Most fixtures are compared, not skipped.
    assert!(checked > 150, "only {checked} fixtures compared");
    assert!(
        failures.is_empty(),
        "{} differ:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

fn generated() -> &'static Vec<String> {
    static CORPUS: OnceLock<Vec<String>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let rules = &versions().newest().rules;
        let options = plesk_lint::generate::Options {
            seed: 7,
            variants: 1,
        };
        plesk_lint::generate::corpus(rules, options)
            .packets
            .into_iter()
            .map(|p| p.text.trim_end().to_string())
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn generated_packets_find_the_same_in_every_host_syntax(index in any::<prop::sample::Index>(), crlf in any::<bool>()) {
        let packets = generated();
        let mut packet = index.get(packets).clone();
        if crlf {
            packet = packet.replace('\n', "\r\n");
        }
        let outcome = disagreement(&packet);
        prop_assert!(outcome.is_some(), "a generated packet is always covered:\n{}", packet);
        if let Some(Some(why)) = outcome {
            prop_assert!(false, "{}", why);
        }
    }
}

#[test]
fn configuration_turns_reading_off_and_names_the_version() {
    let dir = scratch("embedded-config");
    let api = dir.join("templates/api/1.6.3.0");
    std::fs::create_dir_all(&api).expect("dir");
    // `php-handler` exists from protocol 1.6.9.0 on; the packet declares no version.
    let php = "<?php\n$p = '<packet><php-handler><get><filter/></get></php-handler></packet>';\n";
    std::fs::write(api.join("handlers.php"), php).expect("write");
    let check = || {
        let output = run(
            &dir,
            &["check", "--output-format", "concise", "."],
            &[],
            None,
        );
        stdout(&output)
    };
    let newest = check();
    assert!(!newest.contains("[unknown-operator]"), "{newest}");
    std::fs::write(
        dir.join("plesk-lint.toml"),
        "[embedded]\nversion-from-path = ['templates/api/(?<version>[0-9.]+)/']\n",
    )
    .expect("write");
    let by_path = check();
    assert!(
        by_path.contains("handlers.php:2:16: error:") && by_path.contains("[unknown-operator]"),
        "{by_path}"
    );
    std::fs::write(
        dir.join("plesk-lint.toml"),
        "[embedded]\ndefault-version = \"1.6.3.0\"\n",
    )
    .expect("write");
    assert_eq!(check(), by_path);
    std::fs::write(dir.join("plesk-lint.toml"), "embedded = false\n").expect("write");
    assert_eq!(check(), "");
    std::fs::write(
        dir.join("plesk-lint.toml"),
        "[embedded]\ndefault-version = \"one\"\n",
    )
    .expect("write");
    let output = run(
        &dir,
        &["check", "--output-format", "concise", "."],
        &[],
        None,
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stdout(&output).contains("`one` is not a protocol version"),
        "{}",
        stdout(&output)
    );
}

/// Text made of the pieces host syntaxes are made of, so the readers' every branch is hit.
fn host_soup() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "<?php ",
        "?>",
        "<<<XML\n",
        "<<<'X'\n",
        "\nXML;\n",
        "XML",
        "<<~E\n",
        "\nE\n",
        "<<-E\n",
        "'",
        "\"",
        "`",
        "\\",
        "\\\n",
        "$",
        "${",
        "#{",
        "{$",
        "{",
        "}",
        "{{",
        "}}",
        "{%",
        "%}",
        "%s",
        "%(a)s",
        "@\"",
        "$\"",
        "\"\"\"",
        "$$\"\"\"",
        "f\"",
        "r'",
        " . ",
        " + ",
        "//",
        "#",
        "/*",
        "*/",
        "\n",
        "\r\n",
        "\t",
        "  ",
        "key: ",
        "- ",
        "|\n",
        ">\n",
        "é",
        "\u{3000}",
        "日本",
        "<packet version=\"1.6.3.0\">",
        "</packet>",
        "<webspace>",
        "<get>",
        "</get>",
        "<filter>",
        "</filter>",
        "<id>",
        "</id>",
        "x",
        "plesk-lint: packet",
        "language=XML",
        "<!-- plesk-lint-disable x -->",
        "// plesk-lint-disable-next-element unknown-element\n",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn no_host_text_makes_a_reader_panic(text in host_soup()) {
        for name in ["a.php", "a.tpl", "a.j2", "a.yml", "a.py", "a.rb", "a.js", "a.go", "a.cs", "a.pl", "a.sh"] {
            let report = check_host(name, text.clone(), None);
            for d in &report.diagnostics {
                prop_assert!(d.primary.span.end <= text.len() && d.primary.span.start <= d.primary.span.end);
                prop_assert!(text.is_char_boundary(d.primary.span.start) && text.is_char_boundary(d.primary.span.end));
            }
        }
    }
}

#[test]
fn project_placeholder_patterns_are_holes() {
    let dir = scratch("embedded-placeholders");
    let php = "<?php\n$p = '<packet version=\"1.6.3.0\"><webspace><get><filter><id>@@ID@@</id></filter><dataset><gen_info/></dataset></get></webspace></packet>';\n";
    std::fs::write(dir.join("a.php"), php).expect("write");
    let check = || {
        stdout(&run(
            &dir,
            &["check", "--output-format", "concise", "."],
            &[],
            None,
        ))
    };
    let plain = check();
    assert!(
        plain.contains("a.php:2:60:") && plain.contains("[invalid-value]"),
        "{plain}"
    );
    std::fs::write(
        dir.join("plesk-lint.toml"),
        "[embedded]\nplaceholders = ['@@[A-Z_]+@@']\n",
    )
    .expect("write");
    assert_eq!(check(), "");
}

#[test]
fn crlf_host_files_report_the_same_lines_and_columns() {
    let positions = |report: &FileReport| -> Vec<(usize, usize, &'static str)> {
        report
            .diagnostics
            .iter()
            .map(|d| {
                let at = report.source.position(d.primary.span.start);
                (at.line, at.column, d.code.as_str())
            })
            .collect()
    };
    let mut compared = 0;
    for path in embedded_fixtures() {
        let text = std::fs::read_to_string(root().join(&path)).expect("readable");
        let name = path.display().to_string();
        let lf = check_host(&name, text.clone(), None);
        let crlf = check_host(&name, text.replace('\n', "\r\n"), None);
        assert_eq!(positions(&lf), positions(&crlf), "{name}");
        compared += lf.diagnostics.len();
    }
    assert!(compared > 20, "the fixtures have findings to compare");
}

/// The pre-commit hook passes exactly the files a walk would read: XML and every host file
/// src/embedded knows.
#[test]
fn the_pre_commit_hook_selects_the_files_the_walk_reads() {
    let hooks = std::fs::read_to_string(crate::support::root().join(".pre-commit-hooks.yaml"))
        .expect("the hook file");
    let files = hooks
        .lines()
        .find_map(|line| line.trim().strip_prefix("files: "))
        .expect("a files pattern")
        .trim_matches('\'');
    let files = regex::Regex::new(files).expect("a regex");
    let extensions = [
        "xml", "php", "phtml", "inc", "tpl", "j2", "jinja", "jinja2", "twig", "yml", "yaml", "py",
        "rb", "js", "mjs", "cjs", "jsx", "ts", "tsx", "mts", "cts", "go", "cs", "pl", "pm", "sh",
        "bash", "txt", "md", "rs", "json", "java", "c", "toml", "xsd", "html",
    ];
    for ext in extensions {
        let name = format!("dir/packet.{ext}");
        let read =
            ext == "xml" || plesk_lint::embedded::Host::of(std::path::Path::new(&name)).is_some();
        assert_eq!(files.is_match(&name), read, "{name}");
    }
}

/// JSON and SARIF name the packet (`path#N`) and the finding's place inside it, beside the
/// host file's position.
#[test]
fn machine_formats_name_the_packet_and_the_place_inside_it() {
    let dir = root().join("tests/embedded/php");
    let json = stdout(&run(
        &dir,
        &["check", "--output-format", "json", "heredoc-indented.php"],
        &[],
        None,
    ));
    let findings: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let finding = &findings[0];
    assert_eq!(finding["start"]["line"], 11, "{finding}");
    assert_eq!(finding["start"]["column"], 40, "{finding}");
    // The indentation PHP strips is not part of the packet: line 4, column 28 inside it.
    assert_eq!(
        finding["packet"],
        serde_json::json!({
            "name": "heredoc-indented.php#1", "index": 1, "line": 4, "column": 28,
            "offset": finding["packet"]["offset"].clone(),
        })
    );
    let sarif = stdout(&run(
        &dir,
        &["check", "--output-format", "sarif", "heredoc-indented.php"],
        &[],
        None,
    ));
    let log: serde_json::Value = serde_json::from_str(&sarif).expect("SARIF");
    let result = &log["runs"][0]["results"][0];
    assert_eq!(
        result["properties"]["packet"]["name"], "heredoc-indented.php#1",
        "{result}"
    );
    assert_eq!(result["properties"]["packet"]["line"], 4, "{result}");
    // A plain XML packet has no such field.
    let plain = stdout(&run(
        &root().join("tests/fixtures/plan-item/update"),
        &[
            "check",
            "--output-format",
            "json",
            "choice-conflict.request.xml",
        ],
        &[],
        None,
    ));
    assert!(!plain.contains("\"packet\""), "{plain}");
}

/// `--fix` writes a fix back into the host file where the span map is exact: the PHP around
/// the packet keeps every byte.
#[test]
fn fix_writes_back_into_the_host_file() {
    let dir = scratch("embedded-fix");
    let before = "<?php\n$xml = <<<XML\n<packet version=\"1.6.3.0\">\n<webspace><set_traffic><dom-id>1</dom-id><date>2024-01-01</date><smtp_in>1</smtp_in><smtp_out>1</smtp_out><pop3_imap_in>1</pop3_imap_in><pop3_imap_out>1</pop3_imap_out></set_traffic></webspace>\n</packet>\nXML;\n";
    std::fs::write(dir.join("c.php"), before).expect("write");
    let output = run(&dir, &["check", "--fix", "c.php"], &[], None);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let after = std::fs::read_to_string(dir.join("c.php")).expect("read");
    assert_eq!(after, before.replace("dom-id", "dom_id"));
}
