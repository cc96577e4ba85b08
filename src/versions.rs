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
use crate::codes::Code;
use crate::diagnostic::Diagnostic;
use crate::rules::{Direction, RuleSet, RulesError};

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
    let snippet = format!("{tag}/>");
    let doc = roxmltree::Document::parse(&snippet).ok()?;
    let root = doc.root_element();
    if root.tag_name().name() != "packet" {
        return None;
    }
    let (value, span) = declared_version(root)?;
    Some((value, start + span.start..start + span.end))
}

/// Checks a packet against the set of the protocol it declares, else `default`, else the
/// newest set.
pub fn check_text(
    versions: &Versions,
    text: &str,
    kind: Option<Direction>,
    default: Option<Version>,
) -> Outcome {
    let declared = root_version(text).and_then(|(value, span)| {
        let version = Version::parse(&value)?;
        if version < Version::MODERN {
            // Rare: only now is the whole packet parsed, to name its legacy operators.
            let envelope = check::pieces::envelope_text(text);
            let doc = roxmltree::Document::parse(&envelope).ok()?;
            return Some(Err(legacy(doc.root_element(), &value, span)));
        }
        Some(Ok((version, value)))
    });
    let (version, label) = match declared {
        Some(Err(diagnostic)) => {
            return Outcome {
                diagnostics: vec![diagnostic],
                ..Outcome::default()
            };
        }
        Some(Ok((version, value))) => (Some(version), format!("protocol {value}")),
        None => {
            let set = versions.get(default);
            let label = match default {
                Some(v) => format!("protocol {v}"),
                None => format!("protocol {} (the default)", set.name),
            };
            (default, label)
        }
    };
    let set = versions.get(version);
    let mut outcome = check::check_text(&set.rules, text, kind);
    if let Some(direction) = outcome.direction {
        elsewhere(
            versions,
            set,
            &label,
            text,
            direction,
            &mut outcome.diagnostics,
        );
    }
    outcome
}

/// `crate::check_source` with the version's set.
pub fn check_source(
    versions: &Versions,
    source: std::sync::Arc<crate::source::SourceFile>,
    kind: Option<Direction>,
    default: Option<Version>,
) -> (crate::FileReport, Vec<RulesError>) {
    let outcome = check_text(versions, &source.text, kind, default);
    let report = crate::FileReport {
        source,
        diagnostics: outcome.diagnostics,
    };
    (report, outcome.rules_errors)
}

/// The one finding of a pre-1.6 packet, naming the modern operators for its legacy ones.
fn legacy(root: roxmltree::Node, value: &str, span: std::ops::Range<usize>) -> Diagnostic {
    let mut replaced = Vec::new();
    for child in root.children().filter(|n| n.is_element()) {
        let name = child.tag_name().name();
        if let Some(modern) = check::legacy_replacement(name) {
            let line = format!("`<{name}>` is replaced by {modern}");
            if !replaced.contains(&line) {
                replaced.push(line);
            }
        }
    }
    let mut help = String::from(
        "declare a 1.6 protocol (for example version=\"1.6.3.0\") and use the modern operators",
    );
    if !replaced.is_empty() {
        help = format!("{help}: {}", replaced.join("; "));
    }
    Diagnostic::new(
        Code::LegacyProtocol,
        format!(
            "the packet declares protocol {value}, older than 1.6.0.0: its structure cannot be \
             checked{}",
            if replaced.is_empty() {
                String::new()
            } else {
                format!(" ({})", replaced.join("; "))
            }
        ),
        span,
    )
    .with_label("pre-1.6 protocol")
    .with_help(help)
}

/// Adds to unknown-operator and unknown-operation findings the other protocol versions that
/// have the name: `<extension>` is not wrong, it is newer than the declared protocol.
fn elsewhere(
    versions: &Versions,
    used: &VersionSet,
    label: &str,
    text: &str,
    direction: Direction,
    diagnostics: &mut [Diagnostic],
) {
    let unknown = |d: &Diagnostic| matches!(d.code, Code::UnknownOperator | Code::UnknownOperation);
    if !diagnostics.iter().any(unknown) {
        return;
    }
    // Names only: a large packet's skeleton has them all.
    let envelope = check::pieces::envelope_text(text);
    let Ok(doc) = roxmltree::Document::parse(&envelope) else {
        return;
    };
    let starts = |node: roxmltree::Node| node.range().start + 1;
    for operator in doc.root_element().children().filter(|n| n.is_element()) {
        let op_name = operator.tag_name().name();
        let mut found = |start: usize, code: Code, has: &dyn Fn(&RuleSet) -> bool, what: String| {
            let others: Vec<&str> = versions
                .sets
                .iter()
                .filter(|s| s.name != used.name && has(&s.rules))
                .map(|s| s.name)
                .collect();
            if others.is_empty() {
                return;
            }
            for d in diagnostics.iter_mut() {
                if d.code == code && d.primary.span.start == start {
                    d.message = format!(
                        "{what} is not in {label}; it exists in {}",
                        others.join(", ")
                    );
                    d.fix = None;
                    d.help = Some(format!(
                        "declare a protocol that has it (`<packet version=\"…\">`), or check \
                         with `--api-version`; `plesk-lint explain {}` shows the versions",
                        what.trim_matches(|c| c == '`' || c == '<' || c == '>')
                    ));
                }
            }
        };
        let in_set = |rules: &RuleSet| rules.operators(direction).iter().any(|o| &**o == op_name);
        if !in_set(&used.rules) {
            found(
                starts(operator),
                Code::UnknownOperator,
                &in_set,
                format!("`<{op_name}>`"),
            );
            continue;
        }
        for operation in operator.children().filter(|n| n.is_element()) {
            let name = operation.tag_name().name();
            let has = |rules: &RuleSet| {
                rules
                    .operations(op_name, direction)
                    .iter()
                    .any(|o| &**o == name)
            };
            found(
                starts(operation),
                Code::UnknownOperation,
                &has,
                format!("`<{op_name}/{name}>`"),
            );
        }
    }
}
