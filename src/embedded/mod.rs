//! Packets where users keep them: in string literals of PHP, Python, Ruby, JavaScript,
//! TypeScript, Go, C#, Perl and shell, in XML templates (`.tpl`, `.j2`) and in recorded
//! traffic (YAML cassettes). See docs/embedded.md.
//!
//! A host file is read by its language's reader into candidate texts ([`text::Extracted`]:
//! the decoded literal, holes masked in place, and a span map back to the host bytes);
//! [`detect`] keeps the candidates that are Plesk packets; the engine checks each as any
//! packet; [`holes`] drops the findings a placeholder makes meaningless; and every span is
//! mapped to the host file at the edge, so renderers see ordinary findings of the host file.

pub mod config;
pub mod detect;
pub mod holes;
mod other;
mod php;
mod scan;
pub mod template;
pub mod text;
mod typed;
mod yaml;

use std::path::Path;
use std::sync::{Arc, OnceLock};

use crate::FileReport;
use crate::rules::{Direction, RulesError};
use crate::source::SourceFile;
use crate::versions::{Version, Versions};

use detect::Vocabulary;
use text::Extracted;

/// The language of a host file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Host {
    /// `.php`, `.phtml`, `.inc`.
    Php,
    /// `.tpl`: XML with PHP tags.
    PhpTemplate,
    /// `.j2`, `.jinja`, `.jinja2`, `.twig`.
    Jinja,
    /// `.yml`, `.yaml`.
    Yaml,
    /// `.py`.
    Python,
    /// `.rb`.
    Ruby,
    /// `.js`, `.mjs`, `.cjs`, `.jsx`, `.ts`, `.tsx`, `.mts`, `.cts`.
    JavaScript,
    /// `.go`.
    Go,
    /// `.cs`.
    CSharp,
    /// `.pl`, `.pm`.
    Perl,
    /// `.sh`, `.bash`.
    Shell,
}

impl Host {
    /// The host language of a file, by its extension; `None` for XML and anything unknown.
    pub fn of(path: &Path) -> Option<Host> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "php" | "phtml" | "inc" => Host::Php,
            "tpl" => Host::PhpTemplate,
            "j2" | "jinja" | "jinja2" | "twig" => Host::Jinja,
            "yml" | "yaml" => Host::Yaml,
            "py" => Host::Python,
            "rb" => Host::Ruby,
            "js" | "mjs" | "cjs" | "jsx" | "ts" | "tsx" | "mts" | "cts" => Host::JavaScript,
            "go" => Host::Go,
            "cs" => Host::CSharp,
            "pl" | "pm" => Host::Perl,
            "sh" | "bash" => Host::Shell,
            _ => return None,
        })
    }

    /// Every candidate literal of `text`.
    pub fn extract(self, text: &str) -> Vec<Extracted> {
        match self {
            Host::Php => php::extract(text),
            Host::PhpTemplate => template::extract(text, template::Dialect::Php),
            Host::Jinja => template::extract(text, template::Dialect::Jinja),
            Host::Yaml => yaml::extract(text),
            other => other::extract(text, self_lang(other)),
        }
    }
}

fn self_lang(host: Host) -> other::Lang {
    match host {
        Host::Python => other::Lang::Python,
        Host::Ruby => other::Lang::Ruby,
        Host::Go => other::Lang::Go,
        Host::CSharp => other::Lang::CSharp,
        Host::Perl => other::Lang::Perl,
        Host::Shell => other::Lang::Shell,
        _ => other::Lang::JavaScript,
    }
}

/// One packet found in a host file, ready to check.
#[derive(Debug)]
pub struct Packet {
    /// The checked text and its map.
    pub text: Extracted,
    /// Whether it had no envelope of its own.
    pub fragment: bool,
}

/// The packets of a host file.
pub fn packets(vocabulary: &Vocabulary, host: Host, text: &str) -> Vec<Packet> {
    packets_with(vocabulary, host, text, &[])
}

/// The packets of a host file whose project declares its own placeholder patterns.
pub fn packets_with(
    vocabulary: &Vocabulary,
    host: Host,
    text: &str,
    placeholders: &[regex::Regex],
) -> Vec<Packet> {
    if !vocabulary.may_hold_packet(text.as_bytes()) {
        return Vec::new();
    }
    let mut packets = Vec::new();
    for mut candidate in host.extract(text) {
        for pattern in placeholders {
            candidate.mask(pattern);
        }
        let Some(frame) = vocabulary.detect(&candidate.text, candidate.marked) else {
            continue;
        };
        let (prefix, envelope_end) = if frame.fragment {
            ("<packet>", "</packet>")
        } else {
            ("", "")
        };
        // The first piece of a packet built over several statements: closed where it stops.
        let literal_end = candidate.host_range(&(0..candidate.text.len())).end;
        let closers =
            detect::closers_of_piece(&candidate.text[frame.keep.clone()], text, literal_end)
                .unwrap_or_default();
        let suffix = closers.concat() + envelope_end;
        let cut = prefix.len() + frame.keep.len();
        let mut packet = candidate.reframe(frame.keep, prefix, &suffix);
        holes::classify(&mut packet);
        holes::leave_open(&mut packet, cut, &closers);
        packets.push(Packet {
            text: packet,
            fragment: frame.fragment,
        });
    }
    packets
}

/// The host ranges of every candidate literal of a host file, in order: what a
/// `plesk-lint-disable-next-element` comment of the host reaches.
pub fn literal_ranges(host: Host, text: &str) -> Vec<std::ops::Range<usize>> {
    host.extract(text)
        .iter()
        .map(|literal| literal.host_range(&(0..literal.text.len())))
        .collect()
}

/// The vocabulary of the built-in rules, built once.
fn vocabulary(versions: &Versions) -> &'static Vocabulary {
    static VOCABULARY: OnceLock<Vocabulary> = OnceLock::new();
    VOCABULARY.get_or_init(|| Vocabulary::of(versions))
}

/// Checks every packet of a host file; the findings point into the host file.
pub fn check_source(
    versions: &Versions,
    source: Arc<SourceFile>,
    host: Host,
    kind: Option<Direction>,
    default: Option<Version>,
) -> (FileReport, Vec<RulesError>) {
    let options = crate::engine::Options {
        kind,
        default_version: default,
        ..crate::engine::Options::default()
    };
    check_source_with(versions, source, host, &options, &[])
}

/// [`check_source`] with the project's own placeholder patterns.
pub fn check_source_with(
    versions: &Versions,
    source: Arc<SourceFile>,
    host: Host,
    options: &crate::engine::Options,
    placeholders: &[regex::Regex],
) -> (FileReport, Vec<RulesError>) {
    let mut diagnostics = Vec::new();
    let mut rules_errors = Vec::new();
    for (index, packet) in packets_with(vocabulary(versions), host, &source.text, placeholders)
        .into_iter()
        .enumerate()
    {
        let text = &packet.text;
        let options = crate::engine::Options {
            kind: text.direction.or(options.kind),
            ..options.clone()
        };
        let outcome = crate::engine::check(versions, &text.text, &options);
        rules_errors.extend(outcome.rules_errors);
        let mut found = outcome.diagnostics;
        let notes = typed::notes(text, &found, &source.text);
        holes::keep_meaningful(text, &mut found);
        found.extend(notes);
        // The XML comments inside the packet suppress as in any packet; the host's own
        // comments are applied to the whole file later (crate::filter).
        let checked = SourceFile::new("packet.xml", text.text.clone());
        if text.text.contains("plesk-lint-") {
            crate::suppress::apply(&checked, &mut found);
        }
        diagnostics.extend(found.into_iter().map(|mut d| {
            let at = checked.position(d.primary.span.start);
            d.packet = Some(crate::diagnostic::PacketPlace {
                index: index + 1,
                line: at.line,
                column: at.column,
                offset: d.primary.span.start,
            });
            text.map.to_origin(d)
        }));
    }
    diagnostics.sort_by_key(|d| d.primary.span.start);
    (
        FileReport {
            source,
            diagnostics,
        },
        rules_errors,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Applicability, Code, Diagnostic, Edit};

    fn with_fix(span: std::ops::Range<usize>, replacement: &str) -> Diagnostic {
        Diagnostic::new(Code::UnknownElement, "x", span.clone()).with_fix(
            "fix",
            Applicability::Unsafe,
            vec![Edit {
                span,
                replacement: replacement.into(),
            }],
        )
    }

    #[test]
    fn fixes_are_kept_only_where_they_write_back_exactly() {
        // Host `'<a>it\'s<b/></a>'` with the body from 1.
        let mut e = Extracted::at(0);
        e.exact(1, "<a>it");
        e.decoded(6..8, "'");
        e.exact(8, "s<b/></a>");
        let kept = e.map.to_origin(with_fix(7..11, "<c/>"));
        assert_eq!(kept.fix.expect("kept").edits[0].span, 9..13);
        assert!(
            e.map.to_origin(with_fix(4..7, "x")).fix.is_none(),
            "through an escape"
        );
        assert!(
            e.map
                .to_origin(with_fix(7..11, "<c v=\"1\"/>"))
                .fix
                .is_none(),
            "writes a quote"
        );
        assert_eq!(e.map.to_origin(with_fix(7..11, "<c/>")).primary.span, 9..13);
    }
}
