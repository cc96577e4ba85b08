//! Rule sets per protocol version, and checking a packet against the one it declares.
//!
//! The server validates a packet against the schema of the protocol its `version` attribute
//! declares, so one packet may be valid and another, identical but for the version, not.
//! plesk-lint has two sets (see README.md, section Protocol versions): the 2015 schema set (`rules/*.toml`),
//! for protocols 1.6.0.0 up to 1.6.8.x, and the 1.6.9.1 diagrams (`rules/1.6.9.1/`), for
//! 1.6.9.0 on. Pre-1.6 protocols used other operators; their packets get one finding.

use std::fmt;
use std::path::Path;

use crate::check::{self, Outcome};
use crate::rules::{RuleSet, RulesError};

/// A protocol version, `1.6.3.0`; missing parts count as 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version(pub [u32; 4]);

impl Version {
    /// The first protocol of the modern operators (Plesk 10).
    pub const MODERN: Version = Version([1, 6, 0, 0]);

    /// Parses `1.6.3.0`; `None` for anything else.
    pub fn parse(text: &str) -> Option<Version> {
        let mut parts = [0u32; 4];
        let mut count = 0;
        for (i, part) in text.trim().split('.').enumerate() {
            *parts.get_mut(i)? = part.parse().ok()?;
            count = i + 1;
        }
        (count >= 2).then_some(Version(parts))
    }

    /// Parses a packet's `version` as the server reads it: exactly four numbers separated by
    /// dots (`1.6.3.0`); `None` for `abc`, `` or `1.6.3`, which the server refuses.
    pub fn parse_protocol(text: &str) -> Option<Version> {
        let text = text.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r'));
        let well_formed = text.split('.').count() == 4
            && text
                .split('.')
                .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
        well_formed.then(|| Version::parse(text)).flatten()
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [a, b, c, d] = self.0;
        write!(f, "{a}.{b}.{c}.{d}")
    }
}

/// One rule set and the protocols it covers.
pub struct VersionSet {
    /// The first protocol the set covers (up to the next set's first).
    pub from: Version,
    /// How the set is named in messages: `2015` or `1.6.9.1`.
    pub name: &'static str,
    /// Its directory under `rules/` (`""` for the 2015 set).
    pub dir: &'static str,
    /// The tables.
    pub rules: RuleSet,
}

/// Every rule set, oldest first.
pub struct Versions {
    /// The sets, by `from`.
    pub sets: Vec<VersionSet>,
}

impl Versions {
    /// The embedded sets, each with the tables of `dirs` layered on top.
    pub fn load(dirs: &[impl AsRef<Path>]) -> (Versions, Vec<RulesError>) {
        let mut errors = Vec::new();
        let mut sets = Vec::new();
        for (from, name, dir) in [
            (Version::MODERN, "2015", ""),
            (Version([1, 6, 9, 0]), "1.6.9.1", "1.6.9.1"),
        ] {
            let (rules, errs) = RuleSet::load_set(dir, dirs);
            // The same user directory layers onto each set: report its errors once.
            if errors.is_empty() {
                errors = errs;
            }
            sets.push(VersionSet {
                from,
                name,
                dir,
                rules,
            });
        }
        (Versions { sets }, errors)
    }

    /// One set alone, for protocol 1.6.0.0 on, named `2015`: a fixed grammar, such as the
    /// tests' (which check the 2015 tables without the newer ones answering for them).
    pub fn single(rules: RuleSet) -> Versions {
        Versions {
            sets: vec![VersionSet {
                from: Version::MODERN,
                name: "2015",
                dir: "",
                rules,
            }],
        }
    }

    /// The newest set.
    pub fn newest(&self) -> &VersionSet {
        self.sets.last().expect("at least one set")
    }

    /// The set for `version` (a modern one), or the newest.
    pub fn get(&self, version: Option<Version>) -> &VersionSet {
        version
            .and_then(|v| self.sets.iter().rev().find(|s| s.from <= v))
            .unwrap_or_else(|| self.newest())
    }

    /// The set named `name` (`2015`, `1.6.9.1`).
    pub fn named(&self, name: &str) -> Option<&VersionSet> {
        self.sets.iter().find(|s| s.name == name)
    }
}

/// The `version` attribute of the root `<packet>`, if it is there: its text and span.
pub fn declared_version(root: roxmltree::Node) -> Option<(String, std::ops::Range<usize>)> {
    let attr = root.attributes().find(|a| a.name() == "version")?;
    Some((attr.value().to_string(), attr.range_value()))
}

/// The `version` of a `<packet>` root, read from the root's start tag alone: parsing a 100 MB
/// packet once more just to read one attribute would double the cost of checking it.
fn root_version(text: &str) -> Option<(String, std::ops::Range<usize>)> {
    let mut rest = 0;
    let start = loop {
        let at = rest + text[rest..].find('<')?;
        match text[at + 1..].chars().next()? {
            '?' => rest = at + text[at..].find("?>")? + 2,
            '!' if text[at..].starts_with("<!--") => rest = at + text[at..].find("-->")? + 3,
            '!' => return None,
            _ => break at,
        }
    };
    let mut quote = None;
    let end = text[start..].char_indices().find_map(|(i, c)| {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(start + i + 1),
            _ => {}
        }
        None
    })?;
    let tag = text[start..end].trim_end_matches('>').trim_end_matches('/');
    let (value, span) = match plain_version(tag) {
        Plain::Found(value, span) => (value.to_string(), span),
        Plain::Absent => return None,
        // Entity references, prefixes, odd spacing: what roxmltree makes of the tag.
        Plain::Unusual => parsed_version(tag)?,
    };
    Some((value, start + span.start..start + span.end))
}

/// The `version` of a `<packet>` start tag (without its `>`) as roxmltree reads it, and the
/// value's range in the tag.
fn parsed_version(tag: &str) -> Option<(String, std::ops::Range<usize>)> {
    let snippet = format!("{tag}/>");
    let doc = roxmltree::Document::parse(&snippet).ok()?;
    let root = doc.root_element();
    if root.tag_name().name() != "packet" {
        return None;
    }
    declared_version(root)
}

/// What a plain reading of a start tag finds.
#[derive(Debug, PartialEq)]
enum Plain<'a> {
    /// `<packet … version="…" …>`: the value and its range in the tag.
    Found(&'a str, std::ops::Range<usize>),
    /// A `<packet>` start tag without `version`, or not a `<packet>` start tag.
    Absent,
    /// Something only an XML parser reads right.
    Unusual,
}

/// Reads the `version` attribute of a start tag (`<packet a="1" version="1.6.3.0"`, without
/// its `>`) as it is almost always written: plain names, `=`, quoted values without entity
/// references or line breaks. Building a document for it cost as much as a tenth of checking
/// a small packet; anything else is `Unusual`, for roxmltree.
fn plain_version(tag: &str) -> Plain<'_> {
    let Some(rest) = tag.strip_prefix("<packet") else {
        return Plain::Unusual;
    };
    let bytes = tag.as_bytes();
    // XML's white space, which is not Rust's ASCII white space (no form feed).
    let space = |at: usize| {
        bytes
            .get(at)
            .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    };
    let mut at = tag.len() - rest.len();
    if at < bytes.len() && !space(at) {
        return Plain::Unusual;
    }
    let mut names: Vec<&str> = Vec::new();
    let mut found = None;
    let skip_space = |mut at: usize| {
        while space(at) {
            at += 1;
        }
        at
    };
    loop {
        at = skip_space(at);
        if at == bytes.len() {
            return match found {
                Some((start, end)) => Plain::Found(&tag[start..end], start..end),
                None => Plain::Absent,
            };
        }
        let name_start = at;
        while at < bytes.len() && (bytes[at].is_ascii_alphanumeric() || b"-_.".contains(&bytes[at]))
        {
            at += 1;
        }
        let name = &tag[name_start..at];
        at = skip_space(at);
        let starts_well = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_');
        if !starts_well || names.contains(&name) || bytes.get(at) != Some(&b'=') {
            return Plain::Unusual;
        }
        names.push(name);
        at = skip_space(at + 1);
        let quote = match bytes.get(at) {
            Some(&quote @ (b'"' | b'\'')) => quote,
            _ => return Plain::Unusual,
        };
        let value_start = at + 1;
        let Some(length) = bytes[value_start..].iter().position(|&b| b == quote) else {
            return Plain::Unusual;
        };
        let value_end = value_start + length;
        // Control characters are not XML, line breaks are normalised, and non-ASCII text
        // may hold characters XML excludes: all of it for the parser.
        if bytes[value_start..value_end]
            .iter()
            .any(|&b| !(0x20..0x80).contains(&b) || b == b'&' || b == b'<')
        {
            return Plain::Unusual;
        }
        if name == "version" {
            found = Some((value_start, value_end));
        }
        at = value_end + 1;
        if at < bytes.len() && !space(at) {
            return Plain::Unusual;
        }
    }
}

/// Checks a packet against the set of the protocol it declares, else the options' default,
/// else the newest set. Called through [`crate::engine::check`]. What the declared version
/// means for the findings (an invalid one, a pre-1.6 one, the names of the other versions) is
/// decided here, before the walk, and handed to it as [`check::Protocol`], which the passes
/// ask while checking.
pub(crate) fn check_text(
    versions: &Versions,
    text: &str,
    options: &crate::engine::Options,
) -> Outcome {
    let default = options.default_version;
    let declared = root_version(text);
    let mut protocol = check::Protocol::default();
    let (version, value) = match &declared {
        Some((value, span)) => match Version::parse_protocol(value) {
            Some(version) if version < Version::MODERN => {
                // The server checks it against the grammar of that protocol, which plesk-lint
                // does not have: checked against the oldest it has, findings are warnings.
                let oldest = versions.sets.first().expect("at least one set");
                let protocol = check::Protocol {
                    legacy: Some(check::LegacyProtocol {
                        value: value.clone(),
                        span: span.clone(),
                        set: format!("{} (for protocol {})", oldest.name, oldest.from),
                    }),
                    ..check::Protocol::default()
                };
                return check_against(&oldest.rules, &protocol, text, options);
            }
            Some(version) => (Some(version), Some(value.clone())),
            None => {
                protocol.invalid = Some(check::InvalidVersion {
                    value: value.clone(),
                    span: span.clone(),
                    checked: match default {
                        Some(v) => format!("protocol {v}, the configured default"),
                        None => "the newest rules plesk-lint has".to_string(),
                    },
                });
                (default, None)
            }
        },
        None => (default, None),
    };
    let set = versions.get(version);
    // How messages name the protocol; only a finding about a name of another version says it.
    let label = match (&value, default) {
        (Some(value), _) => format!("protocol {value}"),
        (None, Some(v)) => format!("protocol {v}"),
        (None, None) => format!("protocol {} (the default)", set.name),
    };
    protocol.others = Some(check::OtherVersions {
        label,
        sets: versions
            .sets
            .iter()
            .filter(|s| s.name != set.name)
            .map(|s| (s.name, &s.rules))
            .collect(),
    });
    check_against(&set.rules, &protocol, text, options)
}

fn check_against(
    rules: &RuleSet,
    protocol: &check::Protocol,
    text: &str,
    options: &crate::engine::Options,
) -> Outcome {
    check::check_text(
        rules,
        protocol,
        text,
        options.kind,
        options.threads,
        options.pieces_above,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the plain reading claims of `tag` that roxmltree does not read there, if anything
    /// (`Unusual` claims nothing).
    fn disagreement(tag: &str) -> Option<String> {
        let parsed = parsed_version(tag);
        let plain = match plain_version(tag) {
            Plain::Found(value, span) => Some((value.to_string(), span)),
            Plain::Absent => None,
            Plain::Unusual => return None,
        };
        (plain != parsed).then(|| format!("{tag:?}: plain {plain:?}, parsed {parsed:?}"))
    }

    /// The plain reading finds what roxmltree finds, and hands everything else to it.
    #[test]
    fn plain_version_agrees_with_the_parser() {
        let tags = [
            r#"<packet version="1.6.3.0""#,
            r#"<packet"#,
            r#"<packet "#,
            r#"<packet version='1.6.9.1' "#,
            r#"<packet  a="x"  version = "1.6.3.0"  b='y'"#,
            r#"<packet version="1.6.3.0" version="1.6.3.0""#,
            r#"<packet version="1.6&#46;3.0""#,
            "<packet version=\"1.6.3.0\n\"",
            r#"<packet x:version="1.6.3.0""#,
            r#"<packet xmlns:x="u" x:version="1.6.3.0""#,
            r#"<packets version="1.6.3.0""#,
            r#"<packet version="1.6.3.0"b="2""#,
            r#"<packet version=1.6.3.0"#,
            r#"<packet version="1.6.3.0"#,
            r#"<p:packet version="1.6.3.0""#,
            r#"<packet other="1""#,
            r#"<packet 1a="x" version="1.6.3.0""#,
            "<packet\x0cversion=\"1.6.3.0\"",
            "<packet\tversion=\"1.6.3.0\"\r\n",
        ];
        for tag in tags {
            assert_eq!(disagreement(tag), None);
        }
        assert_eq!(
            plain_version(r#"<packet version="1.6.3.0""#),
            Plain::Found("1.6.3.0", 17..24)
        );
        assert_eq!(plain_version("<packet"), Plain::Absent);
        assert_eq!(plain_version(r#"<packet v="&amp;""#), Plain::Unusual);
    }

    /// One attribute written in one of the ways that matter to the plain reading: the space
    /// before it, its name, the space around `=`, the quotes and the value.
    fn attribute() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::sample::select;
        use proptest::strategy::Strategy;
        (
            select(vec![" ", "\t", "\n", "\r\n", "  ", "", "\u{c}"]),
            select(vec![
                "version",
                "v",
                "x:version",
                "xmlns:x",
                "1a",
                "_a",
                "é",
                "version2",
            ]),
            select(vec!["=", " = ", "\t=", "\u{c}=", ""]),
            select(vec!["\"", "'", ""]),
            select(vec![
                "1.6.3.0",
                "1.6.9.1",
                "1.6&#46;3.0",
                "&amp;",
                "a\nb",
                "",
                "x'y",
                "1 .6",
                "\u{c}",
                "é",
                "\u{fffe}",
            ]),
            select(vec!["\"", "'", ""]),
        )
            .prop_map(|(space, name, equals, open, value, close)| {
                format!("{space}{name}{equals}{open}{value}{close}")
            })
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(4096))]

        /// Whatever the plain reading claims of a start tag, roxmltree agrees.
        #[test]
        fn plain_version_agrees_on_any_tag(
            attributes in proptest::collection::vec(attribute(), 0..4),
            end in proptest::sample::select(vec!["", " ", "\n", "\u{c}"]),
        ) {
            let tag = format!("<packet{}{end}", attributes.concat());
            proptest::prop_assert_eq!(disagreement(&tag), None);
        }
    }
}
