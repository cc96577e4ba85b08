//! Property tests: arbitrary bytes, arbitrary element trees made of the API's real operator
//! and operation names, and random mutations of valid packets never make the pipeline panic,
//! every span of every finding lies inside the text on character boundaries, and every
//! source gives back the bytes it was read from. Case counts keep the whole file to a few
//! seconds; the fuzz target (fuzz/) searches the same space far longer.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use plesk_lint::FileReport;
use plesk_lint::config::Settings;
use plesk_lint::render::{self, Format, HumanOptions, RenderOptions};
use plesk_lint::rules::Direction;
use proptest::prelude::*;

use crate::support::{root, rules};

/// Decodes, checks (as the file looks, and as each direction), applies suppressions and
/// renders in every format; panics on a span outside the text or inside a character.
pub fn assert_pipeline_sound(bytes: &[u8], origin: Option<&Path>) {
    let shown = origin.map_or_else(|| format!("{bytes:?}"), |p| p.display().to_string());
    // Read as `plesk-lint check` reads a file; the source keeps the bytes, decodable or not,
    // and gives them back exactly (what `--fix` writes around its edits).
    let (source, mut diagnostics) =
        match plesk_lint::decode::source_file("p.xml".into(), bytes.to_vec()) {
            Ok(source) => (Arc::new(source), Vec::new()),
            Err(report) => (report.source, report.diagnostics),
        };
    assert!(
        *source.original_bytes() == *bytes,
        "the source of {shown} does not give back its bytes"
    );
    let text = &source.text;
    let inside = |span: &Range<usize>| {
        span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end)
    };
    let assert_inside = |diagnostics: &[plesk_lint::diagnostic::Diagnostic]| {
        for d in diagnostics {
            let spans = std::iter::once(&d.primary.span)
                .chain(d.secondary.iter().map(|l| &l.span))
                .chain(d.fix.iter().flat_map(|f| f.edits.iter().map(|e| &e.span)));
            for span in spans {
                assert!(inside(span), "span {span:?} of {d:?} in {shown}");
            }
        }
    };
    if diagnostics.is_empty() {
        for kind in [Some(Direction::Request), Some(Direction::Response)] {
            assert_inside(&crate::support::check(text, kind).diagnostics);
        }
        diagnostics = crate::support::check(text, None).diagnostics;
    }
    let mut report = FileReport {
        source: source.clone(),
        diagnostics,
    };
    plesk_lint::filter::apply(&mut report, &Settings::default(), true);
    assert_inside(&report.diagnostics);
    let options = RenderOptions {
        human: HumanOptions {
            color: true,
            width: 80,
        },
        root: None,
        byte_columns: false,
    };
    let reports = [report];
    for format in Format::ALL {
        let mut out = Vec::new();
        render::render(format, &reports, &mut out, &options).expect("render to memory");
        String::from_utf8(out).expect("renderers write UTF-8");
    }
}

/// Valid packets to mutate: the corrected documentation samples.
fn valid_packets() -> &'static [Vec<u8>] {
    static PACKETS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    PACKETS.get_or_init(|| {
        let files: Vec<PathBuf> = crate::support::xml_files(Path::new("samples/docs/corrected"));
        files
            .iter()
            .map(|f| std::fs::read(root().join(f)).expect("sample readable"))
            .collect()
    })
}

/// Names from the rules: operators, their operations, and a few odd ones.
fn names() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names: Vec<String> = ["packet", "result", "status", "filter", "id", "name", "x"]
            .map(String::from)
            .to_vec();
        for direction in [Direction::Request, Direction::Response] {
            for operator in rules().operators(direction) {
                for operation in rules().operations(&operator, direction) {
                    names.push(operation.to_string());
                }
                names.push(operator.to_string());
            }
        }
        names.sort();
        names.dedup();
        names
    })
}

/// An element tree: a name index, an optional text, children.
#[derive(Debug, Clone)]
struct Tree(usize, Option<String>, Vec<Tree>);

impl Tree {
    fn write(&self, out: &mut String) {
        let all = names();
        let name = &all[self.0 % all.len()];
        out.push('<');
        out.push_str(name);
        out.push('>');
        if let Some(text) = &self.1 {
            out.push_str(&text.replace('&', "&amp;").replace('<', "&lt;"));
        }
        for child in &self.2 {
            child.write(out);
        }
        out.push_str("</");
        out.push_str(name);
        out.push('>');
    }
}

fn tree() -> impl Strategy<Value = Tree> {
    let text = proptest::option::of(prop_oneof![
        "[ -~]{0,12}",
        "\\PC{0,6}",
        Just("\u{a0}\u{a0}".to_string())
    ]);
    let leaf = (any::<usize>(), text.clone()).prop_map(|(n, t)| Tree(n, t, Vec::new()));
    leaf.prop_recursive(5, 48, 6, move |inner| {
        (
            any::<usize>(),
            text.clone(),
            prop::collection::vec(inner, 0..6),
        )
            .prop_map(|(n, t, children)| Tree(n, t, children))
    })
}

/// `<packet>` around operators holding real operations of that operator.
fn packet() -> impl Strategy<Value = String> {
    let operation = (
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        prop::collection::vec(tree(), 0..4),
    );
    let direction = prop_oneof![Just(Direction::Request), Just(Direction::Response)];
    (direction, prop::collection::vec(operation, 1..4)).prop_map(|(direction, ops)| {
        let operators = rules().operators(direction);
        let mut out = String::from("<packet>");
        for (op, operation, children) in ops {
            let operator = op.get(&operators);
            let operations = rules().operations(operator, direction);
            out.push_str(&format!("<{operator}>"));
            if !operations.is_empty() {
                let name = operation.get(&operations);
                out.push_str(&format!("<{name}>"));
                for child in &children {
                    child.write(&mut out);
                }
                out.push_str(&format!("</{name}>"));
            }
            out.push_str(&format!("</{operator}>"));
        }
        out + "</packet>"
    })
}

/// One byte-level edit of a valid packet.
#[derive(Debug, Clone)]
enum Mutation {
    Delete(prop::sample::Index, usize),
    Insert(prop::sample::Index, Vec<u8>),
    Duplicate(prop::sample::Index, usize),
    Truncate(prop::sample::Index),
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for mutation in mutations {
        let len = bytes.len().max(1);
        match mutation {
            Mutation::Delete(at, n) => {
                let at = at.index(len).min(bytes.len());
                let end = (at + n).min(bytes.len());
                bytes.drain(at..end);
            }
            Mutation::Insert(at, new) => {
                let at = at.index(len).min(bytes.len());
                bytes.splice(at..at, new.iter().copied());
            }
            Mutation::Duplicate(at, n) => {
                let at = at.index(len).min(bytes.len());
                let end = (at + n).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                bytes.splice(at..at, copy);
            }
            Mutation::Truncate(at) => bytes.truncate(at.index(len)),
        }
    }
    bytes
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let insert = prop_oneof![
        prop::collection::vec(any::<u8>(), 1..8),
        prop::sample::select(vec![
            b"<".to_vec(),
            b"</x>".to_vec(),
            b"&".to_vec(),
            b"\xc3".to_vec(),
            b"\r".to_vec(),
            b"<!-- plesk-lint-disable -->".to_vec(),
            b"\xc2\xa0".to_vec(),
            b"<![CDATA[".to_vec(),
            b"<!DOCTYPE p>".to_vec(),
            b" a=\"1\"".to_vec(),
            b"<result><status>ok</status></result>".to_vec(),
        ]),
    ];
    prop_oneof![
        (any::<prop::sample::Index>(), 1..40usize).prop_map(|(a, n)| Mutation::Delete(a, n)),
        (any::<prop::sample::Index>(), insert).prop_map(|(a, b)| Mutation::Insert(a, b)),
        (any::<prop::sample::Index>(), 1..200usize).prop_map(|(a, n)| Mutation::Duplicate(a, n)),
        any::<prop::sample::Index>().prop_map(Mutation::Truncate),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        assert_pipeline_sound(&bytes, None);
    }

    #[test]
    fn arbitrary_trees_of_real_names_never_panic(packet in packet()) {
        assert_pipeline_sound(packet.as_bytes(), None);
    }

    #[test]
    fn mutated_valid_packets_never_panic(
        which in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..5),
    ) {
        let packets = valid_packets();
        let bytes = mutate(which.get(packets).clone(), &mutations);
        assert_pipeline_sound(&bytes, None);
    }
}
