//! The host-language readers (src/embedded/{php,other,yaml}.rs) against the real languages.
//!
//! Every literal a reader finds in the embedded fixtures (tests/embedded) and in the tricky
//! literals of tests/lexers (escapes, interpolation, heredoc indentation, concatenation,
//! nesting delimiters), each also with CRLF line ends, is handed to the language itself
//! (php, python3, ruby, node, perl, bash, PyYAML, go) through the scripts in tests/lexers/eval,
//! with every interpolated or concatenated name evaluating to a marker. The string the
//! language makes must be our decoded text byte for byte, each hole being the marker (the
//! language filled it) or its own host text (a `%s` or `{UPPER}` the program fills later).
//! Then the span map: a sample of the letters and digits our map sends straight to one host
//! byte is changed in the host file, one at a time, and the language must see exactly that
//! decoded byte change.
//!
//! A missing interpreter prints `skipped: …` (a failure under `CI`; .ci/run installs them).

use std::path::{Path, PathBuf};
use std::process::Command;

use plesk_lint::embedded::Host;
use plesk_lint::embedded::text::Extracted;

use crate::bin::scratch;
use crate::support::{root, skip_or_fail, slow_tests};

const MARK: &str = "\x01HOLE\x01";

/// How many host bytes per literal the span-map check changes.
const MUTATIONS: usize = 6;

/// One host language and how to ask it.
struct Language {
    name: &'static str,
    host: Host,
    /// The interpreter and the arguments before the directory.
    command: &'static [&'static str],
}

/// One piece of our reading of a literal.
#[derive(Debug, Clone)]
enum Piece {
    Text(String),
    /// A hole: the marker, or its host text left as written.
    Hole(String),
}

/// A literal to evaluate: where it came from, our pieces, the source the language reads.
struct Case {
    origin: String,
    /// For a changed host byte: the index of the unchanged literal's case.
    parent: Option<usize>,
    pieces: Vec<Piece>,
    source: String,
}

fn pieces(e: &Extracted, host: &str, text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut at = 0;
    let mut holes: Vec<_> = e.holes.iter().collect();
    holes.sort_by_key(|h| h.checked.start);
    for hole in holes {
        out.push(Piece::Text(text[at..hole.checked.start].to_string()));
        out.push(Piece::Hole(host[hole.host.clone()].to_string()));
        at = hole.checked.end;
    }
    out.push(Piece::Text(text[at..].to_string()));
    out
}

/// Whether the language's string is our pieces, each hole the marker or its host text.
fn matches(pieces: &[Piece], out: &str) -> bool {
    match pieces.split_first() {
        None => out.is_empty(),
        Some((Piece::Text(t), rest)) => out
            .strip_prefix(t.as_str())
            .is_some_and(|r| matches(rest, r)),
        Some((Piece::Hole(h), rest)) => [MARK, h.as_str()]
            .iter()
            .any(|alt| out.strip_prefix(alt).is_some_and(|r| matches(rest, r))),
    }
}

/// The source a language evaluates for the literal `host[start..end]`: a heredoc loses the
/// rest of its opening line (`<<~XML.strip)`), and gets what makes it a statement.
fn source_of(lang: Host, host: &str, e: &Extracted) -> Option<String> {
    if lang == Host::Yaml {
        let first = e.host_range(&(0..1)).start;
        return Some(format!("{first}\n{host}"));
    }
    if e.host_end <= e.host_start {
        return None;
    }
    let raw = &host[e.host_start..e.host_end];
    static OPENER: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let opener = OPENER.get_or_init(|| {
        regex::Regex::new(r#"^<<<?[~-]?[ \t]*(?:"\w+"|'\w+'|\w+)"#).expect("regex")
    });
    let heredoc = opener.find(raw).filter(|_| raw.starts_with("<<"));
    Some(match heredoc {
        Some(open) => {
            let open = open.as_str();
            let body = &raw[raw.find('\n')? + 1..];
            match lang {
                Host::Perl => format!("{open};\n{body}\n"),
                Host::Shell => format!("cat {open}\n{body}\n"),
                Host::Php => format!("{open}\n{body}"),
                _ => format!("{open}\n{body}\n"),
            }
        }
        None if lang == Host::Shell => format!("printf '%s' {raw}"),
        None => raw.to_string(),
    })
}

/// The files whose literals are evaluated: the fixtures of this host and the tricky ones.
fn files(host: Host) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = ["tests/embedded", "tests/lexers"]
        .iter()
        .flat_map(|dir| walkdir::WalkDir::new(root().join(dir)))
        .filter_map(Result::ok)
        .map(|e| e.path().to_path_buf())
        .filter(|p| p.is_file() && Host::of(p) == Some(host))
        .filter(|p| !p.starts_with(root().join("tests/lexers/eval")))
        .collect();
    files.sort();
    files
}

/// Every line of a tricky file holding `<a` lies inside a literal the reader found: a literal
/// the reader misses (a `%q(…)` it does not know) would otherwise go unnoticed here.
fn assert_tricky_literals_found(lang: Host) {
    for path in files(lang) {
        if !path.starts_with(root().join("tests/lexers")) {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("readable");
        let found = lang.extract(&text);
        let mut at = 0;
        for (n, line) in text.split_inclusive('\n').enumerate() {
            if let Some(i) = line.find("<a").filter(|_| !line.starts_with(['#', '/'])) {
                let offset = at + i;
                let inside = found.iter().any(|e| {
                    let body = e.host_range(&(0..e.text.len()));
                    body.start <= offset && offset < body.end.max(e.host_end)
                });
                assert!(
                    inside,
                    "{}:{}: no literal read here: {line:?}",
                    path.display(),
                    n + 1
                );
            }
            at += line.len();
        }
    }
}

/// A generated file of `lang`: a backslash before every printable ASCII character the
/// language accepts there, and its numeric escapes, in each of its string forms, one literal
/// a line (`<a>\Xz</a>`: the `z` shows where an escape stops reading).
fn generated(lang: Host) -> String {
    let all: Vec<String> = (b' '..=b'~').map(|c| (c as char).to_string()).collect();
    let except = |skip: &str| -> Vec<String> {
        all.iter()
            .filter(|c| !skip.contains(c.as_str()))
            .cloned()
            .collect()
    };
    let listed = |forms: &[&str]| forms.iter().map(|f| f.to_string()).collect::<Vec<_>>();
    // (line prefix, quote, escapes after the backslash)
    let forms: Vec<(&str, &str, Vec<String>)> = match lang {
        Host::Php => vec![
            ("$x = ", "\"", all.clone()),
            ("$x = ", "'", all.clone()),
            (
                "$x = ",
                "\"",
                listed(&["x41", "x4", "u{41}", "u{1F600}", "101", "7", "0"]),
            ),
        ],
        Host::Python => vec![
            ("x = ", "\"", except("xuUN")),
            ("x = ", "'", except("xuUN")),
            (
                "x = ",
                "\"",
                listed(&["x41", "u0041", "U0001F600", "101", "7", "0"]),
            ),
        ],
        Host::Ruby => vec![
            ("x = ", "\"", except("xucCM")),
            ("x = ", "'", all.clone()),
            (
                "x = ",
                "\"",
                listed(&["x41", "x4", "u0041", "u{41}", "101", "7", "0"]),
            ),
        ],
        Host::JavaScript => vec![
            ("x = ", "\"", except("xu")),
            ("x = ", "'", except("xu")),
            ("x = ", "`", except("xu123456789")),
            ("x = ", "\"", listed(&["x41", "u0041", "u{1F600}", "0"])),
        ],
        Host::Perl => vec![
            ("$x = ", "\"", except("cNluLUQEFo")),
            ("$x = ", "'", all.clone()),
            ("$x = ", "\"", listed(&["x41", "x{263A}", "101", "7", "0"])),
        ],
        Host::Shell => vec![("X=", "\"", all.clone())],
        Host::Go => vec![(
            "var x = ",
            "\"",
            listed(&[
                "a",
                "b",
                "f",
                "n",
                "r",
                "t",
                "v",
                "\\",
                "\"",
                "101",
                "x41",
                "u0041",
                "U0001F600",
            ]),
        )],
        Host::CSharp => vec![(
            "string x = ",
            "\"",
            listed(&[
                "'", "\"", "\\", "0", "a", "b", "f", "n", "r", "t", "v", "x41", "x4", "u0041",
            ]),
        )],
        Host::Yaml => vec![(
            "x: ",
            "\"",
            listed(&[
                "0",
                "a",
                "b",
                "t",
                "n",
                "v",
                "f",
                "r",
                "e",
                " ",
                "\"",
                "/",
                "\\",
                "N",
                "_",
                "L",
                "P",
                "x41",
                "u0041",
                "U0001F600",
            ]),
        )],
        _ => vec![],
    };
    let mut text = String::from(if lang == Host::Php { "<?php\n" } else { "" });
    for (prefix, quote, escapes) in forms {
        for escape in escapes {
            let key = if lang == Host::Yaml {
                format!("k{}: ", text.len())
            } else {
                prefix.to_string()
            };
            text.push_str(&format!("{key}{quote}<a>\\{escape}z</a>{quote}\n"));
        }
    }
    text
}

/// Every case of `lang`: each literal of each file (LF and CRLF) and of the generated one,
/// and its mutations.
fn cases(lang: Host) -> Vec<Case> {
    assert_tricky_literals_found(lang);
    let mut cases = Vec::new();
    let mut sources: Vec<(String, String)> = files(lang)
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("readable");
            let name = path.strip_prefix(root()).unwrap_or(&path).display();
            (name.to_string(), text)
        })
        .collect();
    sources.push(("(generated escapes)".into(), generated(lang)));
    for (name, lf) in sources {
        let crlf = lf.replace("\r\n", "\n").replace('\n', "\r\n");
        for (text, ends) in [(lf.clone(), "LF"), (crlf, "CRLF")] {
            // bash reads no CRLF script: `EOF\r` closes no heredoc there.
            if ends == "CRLF" && (text == lf || lang == Host::Shell) {
                continue;
            }
            for e in lang.extract(&text) {
                let line = text[..e.host_start].matches('\n').count() + 1;
                let origin = format!("{name}:{line} ({ends})");
                let Some(source) = source_of(lang, &text, &e) else {
                    continue;
                };
                let ours = pieces(&e, &text, &e.text);
                let parent = cases.len();
                cases.push(Case {
                    origin: origin.clone(),
                    parent: None,
                    pieces: ours,
                    source,
                });
                for (at, changed) in mutations(&e, &text) {
                    let host_at = e.host_range(&(at..at + 1)).start;
                    let mut mutated = text.clone().into_bytes();
                    mutated[host_at] = changed;
                    let mutated = String::from_utf8(mutated).expect("ASCII for ASCII");
                    let mut decoded = e.text.clone().into_bytes();
                    decoded[at] = changed;
                    let decoded = String::from_utf8(decoded).expect("ASCII for ASCII");
                    let Some(source) = source_of(lang, &mutated, &e) else {
                        continue;
                    };
                    let line = text[..host_at].matches('\n').count() + 1;
                    cases.push(Case {
                        origin: format!("{origin}, host byte {host_at} (line {line}) changed"),
                        parent: Some(parent),
                        pieces: pieces(&e, &mutated, &decoded),
                        source,
                    });
                }
            }
        }
    }
    cases
}

/// Up to [`MUTATIONS`] decoded letters or digits that the map sends to one host byte holding
/// the same character, outside holes, with the byte to put there instead.
fn mutations(e: &Extracted, host: &str) -> Vec<(usize, u8)> {
    let candidates: Vec<usize> = (0..e.text.len())
        .filter(|&i| {
            let b = e.text.as_bytes()[i];
            let r = e.host_range(&(i..i + 1));
            // After a plain byte only: changed after a backslash, it could start an escape
            // (`\8` kept as written becomes the octal `\7`).
            let after_plain = i > 0
                && r.start > 0
                && e.host_range(&(i - 1..i)) == (r.start - 1..r.start)
                && host.as_bytes()[r.start - 1] != b'\\';
            b.is_ascii_alphanumeric()
                && after_plain
                && r.len() == 1
                && host.as_bytes()[r.start] == b
                && !e.holes.iter().any(|h| h.checked.contains(&i))
        })
        .collect();
    let step = (candidates.len() / MUTATIONS).max(1);
    candidates
        .iter()
        .step_by(step)
        .take(MUTATIONS)
        .map(|&i| {
            let b = e.text.as_bytes()[i];
            let to = match b {
                b'0'..=b'9' => {
                    if b == b'7' {
                        b'3'
                    } else {
                        b'7'
                    }
                }
                b'a'..=b'z' => {
                    if b == b'q' {
                        b'z'
                    } else {
                        b'q'
                    }
                }
                _ => {
                    if b == b'Q' {
                        b'Z'
                    } else {
                        b'Q'
                    }
                }
            };
            (i, to)
        })
        .collect()
}

/// Whether `program` runs here; says why not otherwise.
fn available(program: &str) -> bool {
    let ok = Command::new(program)
        .arg(if program == "go" {
            "version"
        } else {
            "--version"
        })
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        skip_or_fail(&format!(
            "`{program}` is not installed (.ci/run installs it)"
        ));
    }
    ok
}

/// Writes the cases, runs the language over them, and lists every disagreement.
fn differ(lang: &Language, cases: &[Case], run: impl Fn(&Path) -> std::process::Output) {
    let dir = scratch(&format!("lexers-{}", lang.name));
    for (i, case) in cases.iter().enumerate() {
        std::fs::write(dir.join(format!("{i:05}.src")), &case.source).expect("write");
    }
    let output = run(&dir);
    assert!(
        output.status.success(),
        "{} failed: {}",
        lang.name,
        String::from_utf8_lossy(&output.stderr)
    );
    let mut failures = Vec::new();
    let mut failed = vec![false; cases.len()];
    for (i, case) in cases.iter().enumerate() {
        let out = std::fs::read(dir.join(format!("{i:05}.out")))
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_else(|_| "\0ERROR no output".into());
        // A literal read differently says it once, not again for each changed byte.
        if case.parent.is_some_and(|p| failed[p]) {
            continue;
        }
        if !matches(&case.pieces, &out) {
            failed[i] = true;
            let ours: String = case
                .pieces
                .iter()
                .map(|p| match p {
                    Piece::Text(t) => t.clone(),
                    Piece::Hole(h) => format!("⟨{h}⟩"),
                })
                .collect();
            failures.push(format!(
                "{}:\n  source: {:?}\n  ours:   {:?}\n  {}: {:?}",
                case.origin, case.source, ours, lang.name, out
            ));
        }
    }
    let literals = cases
        .iter()
        .filter(|c| !c.origin.contains("changed"))
        .count();
    assert!(
        literals >= 5,
        "{}: too few literals ({literals}) to mean anything",
        lang.name
    );
    assert!(
        failures.is_empty(),
        "{} of {} {} cases read differently:\n{}",
        failures.len(),
        cases.len(),
        lang.name,
        failures[..failures.len().min(40)].join("\n")
    );
}

fn check(lang: Language) {
    if !available(lang.command[0]) {
        return;
    }
    let cases = cases(lang.host);
    differ(&lang, &cases, |dir| {
        Command::new(lang.command[0])
            .args(&lang.command[1..])
            .arg(dir)
            .current_dir(root())
            .output()
            .expect("runs")
    });
}

#[test]
fn php_reads_our_php_literals_as_we_do() {
    check(Language {
        name: "php",
        host: Host::Php,
        command: &["php", "tests/lexers/eval/eval.php"],
    });
}

#[test]
fn python_reads_our_python_literals_as_we_do() {
    check(Language {
        name: "python3",
        host: Host::Python,
        command: &["python3", "tests/lexers/eval/eval.py"],
    });
}

#[test]
fn ruby_reads_our_ruby_literals_as_we_do() {
    check(Language {
        name: "ruby",
        host: Host::Ruby,
        command: &["ruby", "tests/lexers/eval/eval.rb"],
    });
}

#[test]
fn node_reads_our_javascript_literals_as_we_do() {
    check(Language {
        name: "node",
        host: Host::JavaScript,
        command: &["node", "tests/lexers/eval/eval.js"],
    });
}

#[test]
fn perl_reads_our_perl_literals_as_we_do() {
    check(Language {
        name: "perl",
        host: Host::Perl,
        command: &["perl", "tests/lexers/eval/eval.pl"],
    });
}

#[test]
fn bash_reads_our_shell_literals_as_we_do() {
    check(Language {
        name: "bash",
        host: Host::Shell,
        command: &["bash", "tests/lexers/eval/eval.sh"],
    });
}

#[test]
fn pyyaml_reads_our_yaml_scalars_as_we_do() {
    let has_yaml = Command::new("python3")
        .args(["-c", "import yaml"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_yaml {
        skip_or_fail("python3 has no PyYAML (.ci/run installs python3-yaml)");
        return;
    }
    check(Language {
        name: "PyYAML",
        host: Host::Yaml,
        command: &["python3", "tests/lexers/eval/eval_yaml.py"],
    });
}

/// Go compiles one program holding every literal: slow the first time, so behind
/// `PLESK_LINT_SLOW_TESTS`.
#[test]
fn go_reads_our_go_literals_as_we_do() {
    if !slow_tests("compiling the Go literals") || !available("go") {
        return;
    }
    let lang = Language {
        name: "go",
        host: Host::Go,
        command: &["go"],
    };
    let cases = cases(Host::Go);
    let cache = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("go-cache");
    differ(&lang, &cases, |dir| {
        let ident = regex::Regex::new(r"^[A-Za-z_]\w*$").expect("regex");
        let mut names = std::collections::BTreeSet::new();
        let mut body = String::new();
        for (i, case) in cases.iter().enumerate() {
            for piece in &case.pieces {
                if let Piece::Hole(h) = piece
                    && ident.is_match(h)
                {
                    names.insert(h.clone());
                }
            }
            body.push_str(&format!(
                "\tos.WriteFile({:?}, []byte({}), 0o644)\n",
                dir.join(format!("{i:05}.out")).display().to_string(),
                case.source
            ));
        }
        let vars: String = names
            .iter()
            .map(|n| format!("var {n} = \"\\x01HOLE\\x01\"\n"))
            .collect();
        let program =
            format!("package main\n\nimport \"os\"\n\n{vars}\nfunc main() {{\n{body}}}\n");
        std::fs::write(dir.join("main.go"), program).expect("write");
        Command::new("go")
            .args(["run", "main.go"])
            .current_dir(dir)
            .env("GOCACHE", &cache)
            .env("GOFLAGS", "-mod=mod")
            .env("GO111MODULE", "off")
            .output()
            .expect("go runs")
    });
}

/// C# through Mono's compiler (mcs, C# 7, Debian's mono-mcs): raw string literals
/// (`"""…"""`, C# 11) are beyond it and left out; every other literal is compiled into one
/// program. Slow, like Go.
#[test]
fn mono_reads_our_csharp_literals_as_we_do() {
    if !slow_tests("compiling the C# literals") || !available("mcs") || !available("mono") {
        return;
    }
    let lang = Language {
        name: "mcs",
        host: Host::CSharp,
        command: &["mcs"],
    };
    let mut kept: Vec<Option<usize>> = Vec::new();
    let mut cases: Vec<Case> = Vec::new();
    for mut case in self::cases(Host::CSharp) {
        let raw = case.source.trim_start_matches(['$', '@']).starts_with("\"\"\"")
            // mcs reads CR LF in an interpolated verbatim string as LF; the C# specification keeps
            // the line ends of a verbatim string as written, as we do.
            || (case.origin.contains("(CRLF)")
                && (case.source.starts_with("$@") || case.source.starts_with("@$")));
        kept.push((!raw).then_some(cases.len()));
        if !raw {
            case.parent = case.parent.and_then(|p| kept[p]);
            cases.push(case);
        }
    }
    differ(&lang, &cases, |dir| {
        let ident = regex::Regex::new(r"[A-Za-z_]\w*").expect("regex");
        let mut names = std::collections::BTreeSet::new();
        let mut body = String::new();
        for (i, case) in cases.iter().enumerate() {
            for piece in &case.pieces {
                if let Piece::Hole(h) = piece
                    && h.starts_with('{')
                {
                    names.extend(ident.find_iter(h).map(|m| m.as_str().to_string()));
                }
            }
            body.push_str(&format!(
                "        File.WriteAllText({:?}, {});\n",
                dir.join(format!("{i:05}.out")).display().to_string(),
                case.source
            ));
        }
        let fields: String = names
            .iter()
            .map(|n| format!("    static string {n} = \"\\u0001HOLE\\u0001\";\n"))
            .collect();
        let program = format!(
            "using System.IO;\n\nclass Literals\n{{\n{fields}\n    static void Main()\n    {{\n{body}    }}\n}}\n"
        );
        std::fs::write(dir.join("Literals.cs"), program).expect("write");
        let compiled = Command::new("mcs")
            .args(["-nologo", "-out:Literals.exe", "Literals.cs"])
            .current_dir(dir)
            .output()
            .expect("mcs runs");
        if !compiled.status.success() {
            return compiled;
        }
        Command::new("mono")
            .arg("Literals.exe")
            .current_dir(dir)
            .output()
            .expect("mono runs")
    });
}
