//! The rules reader reads every file exactly as the TOML parser does, or refuses it: on every
//! embedded table, on files written every way the layout allows, and on random files.

use std::collections::BTreeMap;
use std::sync::Arc;

use proptest::prelude::*;
use serde::Deserialize;
use toml::Spanned;

use super::{DirPair, Entry, RulesFile, Types, parse};
use crate::rules::Direction;
use crate::rules::embedded::FILES;
use crate::source::SourceFile;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawPair {
    request: Option<Spanned<String>>,
    response: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawTypes {
    #[serde(default)]
    model: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    value: BTreeMap<String, Spanned<String>>,
}

/// The rules tables as the `toml` crate reads them (how `--rules` files were read before the
/// one reader).
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawFile {
    operator: Option<RawPair>,
    #[serde(default)]
    operation: BTreeMap<String, RawPair>,
    packet: Option<RawPair>,
    #[serde(default)]
    model: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    value: BTreeMap<String, Spanned<String>>,
    request: Option<RawTypes>,
    response: Option<RawTypes>,
}

/// Every string as (table, key, text, offset of its first character), sorted.
pub(in crate::rules) type Flat = Vec<(String, String, String, usize)>;

/// What the `toml` crate reads in `text`; `None` if it refuses it.
fn toml_reads(text: &str) -> Option<Flat> {
    let raw: RawFile = toml::from_str(text).ok()?;
    let mut all = Vec::new();
    // The content starts after `'''` and the newline TOML trims, or after `'`.
    let mut push = |table: &str, key: &str, value: &Spanned<String>| {
        let start = value.span().start;
        let offset = match text[start..].strip_prefix("'''") {
            Some(after) if after.starts_with("\r\n") => start + 5,
            Some(after) => start + 3 + usize::from(after.starts_with('\n')),
            None => start + 1,
        };
        all.push((table.into(), key.into(), value.get_ref().clone(), offset));
    };
    let mut pair = |table: &str, pair: &Option<RawPair>| {
        if let Some(pair) = pair {
            for (key, value) in [("request", &pair.request), ("response", &pair.response)] {
                if let Some(value) = value {
                    push(table, key, value);
                }
            }
        }
    };
    pair("operator", &raw.operator);
    pair("packet", &raw.packet);
    for (name, operation) in raw.operation {
        pair(&format!("operation.{name}"), &Some(operation));
    }
    type Named = BTreeMap<String, Spanned<String>>;
    let mut types = |scope: &str, models: &Named, values: &Named| {
        for (kind, names) in [("model", models), ("value", values)] {
            for (name, value) in names {
                push(&format!("{scope}{kind}"), name, value);
            }
        }
    };
    types("", &raw.model, &raw.value);
    for (scope, raw) in [("request.", &raw.request), ("response.", &raw.response)] {
        if let Some(raw) = raw {
            types(scope, &raw.model, &raw.value);
        }
    }
    all.sort();
    Some(all)
}

/// Every string of a file as the reader read it, in the form of [`toml_reads`] (also what
/// `layer`'s tests compare the embedded index with).
pub(in crate::rules) fn flatten(file: &RulesFile) -> Flat {
    let mut all = Vec::new();
    let mut push = |table: &str, key: &str, entry: &Entry| {
        all.push((table.into(), key.into(), entry.text.clone(), entry.offset));
    };
    let mut pair = |table: &str, pair: &DirPair| {
        for direction in [Direction::Request, Direction::Response] {
            if let Some(entry) = pair.get(direction) {
                push(table, direction.as_str(), entry);
            }
        }
    };
    pair("operator", &file.operator);
    pair("packet", &file.packet);
    for (name, operation) in &file.operations {
        pair(&format!("operation.{name}"), operation);
    }
    let mut types = |scope: &str, types: &Types| {
        for (kind, names) in [("model", &types.models), ("value", &types.values)] {
            for (name, entry) in names {
                push(&format!("{scope}{kind}"), name, entry);
            }
        }
    };
    types("", &file.shared);
    types("request.", &file.request);
    types("response.", &file.response);
    all.sort();
    all
}

fn read(text: &str) -> Result<Flat, String> {
    let file = Arc::new(SourceFile::new("site.toml", text));
    parse(&file).map(|f| flatten(&f)).map_err(|e| {
        let at = file.position(e.span.start);
        format!("{}:{}: {}", at.line, at.column, e.message)
    })
}

/// The guarantee `build.rs` relies on: every embedded table reads as TOML reads it.
#[test]
fn the_reader_agrees_with_toml_on_every_embedded_table() {
    assert!(FILES.len() > 40, "the API's rules files are embedded");
    for embedded in FILES {
        let read = read(embedded.text).unwrap_or_else(|e| panic!("{}: {e}", embedded.path));
        let toml = toml_reads(embedded.text).expect("TOML");
        assert_eq!(read, toml, "{}", embedded.path);
        assert!(!read.is_empty(), "{}", embedded.path);
    }
}

/// Every way the layout may be written reads as TOML reads it.
#[test]
fn the_reader_agrees_with_toml_on_every_form_of_the_layout() {
    let files = [
        "[operation.get]\nrequest = 'a: int'\nresponse = 'b: string'\n",
        "# a comment\n\n[operation.get]   # trailing\n  request='a: int'   # trailing\n",
        "[operation.get]\r\nrequest = 'a: int'\r\n[model]\r\nM = '''\r\nx: int,\r\ny: int'''\r\n",
        "[model]\nM = '''x: int'''\nN = '''\n\n  x: int\n'''\nE = ''\nF = ''''''\n",
        "[model]\nM = '''a 'quoted' and ''twice'' word'''\n",
        "[ operation . get ]\n\"request\" = 'a: int'\n'response' = 'b: int'\n",
        "[operation.\"set-x\"]\nrequest = 'a: int'\n[operation.'q_y']\nrequest = 'b: int'\n",
        "[request.model]\nM = 'x: int'\n[response.value]\nV = 'string'\n[value]\nW = 'int'\n",
        "[packet]\nrequest = 'OPERATORS+'\n[operator]\nresponse = 'OPERATIONS'\n",
        "[value]\nV = 'string pattern \"[a-z]\\d\"'\nT = '\ttab\tand é ü 中'\n",
        "",
        "# only comments\n\n",
        "[operation.get]\nrequest = 'a: int'",
        "\u{feff}[operation.get]\nrequest = 'a: int'\n",
    ];
    for text in files {
        let toml = toml_reads(text).unwrap_or_else(|| panic!("TOML reads {text:?}"));
        assert_eq!(read(text), Ok(toml), "{text:?}");
    }
}

/// What the layout does not allow is an error at its line and column, saying what was
/// expected; the first two cases are refused by TOML too, the others are valid TOML the layout
/// leaves out (a value that is not a literal string would be read with different offsets).
#[test]
fn the_reader_refuses_the_rest_at_its_place() {
    let cases = [
        (
            "[operation.get\nrequest = 'a'\n",
            "1:15: unclosed table header, expected `]`",
        ),
        (
            "[operation.get]\nrequest = 42\n",
            "2:11: expected a string, `'…'` or `'''…'''`, found `42`",
        ),
        (
            "[operation.get]\nrequest = \"a: int\"\n",
            "2:11: a basic string (`\"…\"`): rules tables use literal strings, `'…'` or `'''…'''`, whose every byte is a byte of the file",
        ),
        (
            "[operation.get]\nrequest = '''a: int\n",
            "2:11: an unclosed multi-line string, expected `'''`",
        ),
        (
            "[operation.get]\nrequest = 'a: int\n",
            "2:11: an unclosed string, expected `'`",
        ),
        (
            "[operation.get]\nrequest = 'a' response = 'b'\n",
            "2:15: text after a value",
        ),
        ("[operation.get] x\n", "1:17: text after a table header"),
        (
            "request = 'a'\n",
            "1:1: a key outside any table: expected a `[table]` header first",
        ),
        (
            "[operation.get]\nrequset = 'a'\n",
            "2:1: unknown key `requset`: `[operation.get]` holds only `request` and `response`",
        ),
        (
            "[operation.get]\nrequest = 'a'\nrequest = 'b'\n",
            "3:1: key `request` defined twice in `[operation.get]`",
        ),
        (
            "[model]\nM = 'a'\n[model]\nN = 'b'\n",
            "3:2: table `[model]` defined twice",
        ),
        (
            "[operations.get]\nrequest = 'a'\n",
            "1:2: `[operations.get]` is not a rules table: expected `[operator]`, `[operation.NAME]`, `[packet]`, `[model]`, `[value]`, `[request.model]`, `[request.value]`, `[response.model]` or `[response.value]`",
        ),
        (
            "[[operation]]\n",
            "1:1: an array of tables (`[[…]]`) is not a rules table",
        ),
        (
            "[operation]\nget.request = 'a'\n",
            "1:2: `[operation]` is not a rules table: expected `[operator]`, `[operation.NAME]`, `[packet]`, `[model]`, `[value]`, `[request.model]`, `[request.value]`, `[response.model]` or `[response.value]`",
        ),
        (
            "[model]\nM.N = 'a'\n",
            "2:1: an unusual key (dotted, empty, or quoted with escapes)",
        ),
        (
            "[model]\nM = { a = 'b' }\n",
            "2:5: expected a string, `'…'` or `'''…'''`, found `{ a = 'b' }`",
        ),
        (
            "[model]\nM = '''a''''\n",
            "2:9: quotes just before a closing `'''`",
        ),
        // A control character makes a file one whose content is not shown (a link to
        // `/proc/self/environ`); the error still says where.
        (
            "[model]\nM = 'a\u{1}'\n",
            "1:1: not a rules table: a control character (line 2, column 7); the file does not look like TOML, so its content is not shown",
        ),
        (
            "[model]\nM = '''a\n\u{7}'''\n",
            "1:1: not a rules table: a control character in a string (line 3, column 1); the file does not look like TOML, so its content is not shown",
        ),
        (
            "[model]\nM = '''a\rb'''\n",
            "2:9: a control character in a string",
        ),
        ("[model]\nM\n", "2:1: expected `key = '…'`"),
    ];
    for (text, expected) in cases {
        assert_eq!(read(text), Err(expected.to_string()), "{text:?}");
    }
}

/// Pieces of rules files, right and wrong, for the random files below.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "[operation.get]\n",
        "[operation.'a-b']\n",
        "[ model ]\n",
        "[value]\n",
        "[request.model]\n",
        "[operator]\n",
        "[packet]\n",
        "[model\n",
        "[[model]]\n",
        "request = 'a: int'\n",
        "response = ''\n",
        "M = 'x'\n",
        "\"N\" = 'y'\n",
        "request = '''\nx: int,\n  y: int'''\n",
        "V = '''a'b''c'''\n",
        "W = '''a''''\n",
        "X = \"basic\"\n",
        "Y = 'unclosed\n",
        "Z = '''never closed\n",
        "K = 1\n",
        "a.b = 'c'\n",
        "# comment\n",
        "\n",
        "  \t\n",
        "\r\n",
        "request = 'a' # c\n",
        "M = 'x' y\n",
        "Q = 'tab\there'\n",
        "R = '\u{1}'\n",
        "S = '''\r\n\r\nline'''\r\n",
        "=\n",
        "T = \n",
        "'' = 'e'\n",
        "U='z'\n",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// A file the reader accepts is a TOML file that reads the same; a file TOML refuses,
    /// the reader refuses too.
    #[test]
    fn the_reader_never_reads_differently_from_toml(pieces in prop::collection::vec(piece(), 0..12)) {
        let text = pieces.concat();
        let toml = toml_reads(&text);
        if let Ok(read) = read(&text) {
            prop_assert_eq!(Some(read), toml, "{:?}", text);
        }
    }
}
