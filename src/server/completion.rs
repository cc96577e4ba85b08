//! Completion: the element names the content model allows at the cursor after the children
//! already there (inside `<set_traffic>` after `<dom_id>`, `<date>` first), inserting the
//! closing tag; the enumeration values inside a leaf; the name of the element an end tag
//! closes; the attributes of a start tag.

use std::ops::Range;

use super::cursor::{self, At, Step};
use super::hover::set_index;
use super::schema;
use crate::rules::compile::ContentRule;
use crate::rules::{Direction, RuleSet};
use crate::versions::{Version, Versions};

/// What a candidate is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An element name.
    Element,
    /// A value of an enumeration.
    Value,
    /// An attribute name.
    Attribute,
}

/// One completion candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The name or value.
    pub label: String,
    /// What it is (an element's type).
    pub detail: Option<String>,
    /// What it is.
    pub kind: Kind,
    /// The byte range it replaces.
    pub range: Range<usize>,
    /// The text that replaces it.
    pub text: String,
    /// `text` is a snippet (`$0` marks where the cursor goes).
    pub snippet: bool,
}

/// The candidates at byte `offset`; `snippets` when the editor takes snippets.
pub fn complete(
    versions: &Versions,
    default: Option<Version>,
    direction: Direction,
    text: &str,
    offset: usize,
    snippets: bool,
) -> Vec<Candidate> {
    let context = cursor::context(text, offset);
    let index = set_index(versions, context.version.as_deref(), default);
    let rules = &versions.sets[index].rules;
    let path = &context.path;
    match &context.at {
        At::TagName {
            span,
            closing: false,
            complete,
        } => {
            let Some((step, parents)) = path.split_last() else {
                return Vec::new();
            };
            let (open, close) = (String::new(), !complete);
            element_candidates(
                rules,
                direction,
                parents,
                &step.preceding,
                span,
                open,
                close,
                snippets,
            )
        }
        At::TagName {
            span,
            closing: true,
            complete,
        } => match path.last() {
            Some(step) => vec![Candidate {
                label: step.name.clone(),
                detail: None,
                kind: Kind::Element,
                range: span.clone(),
                text: if *complete {
                    step.name.clone()
                } else {
                    format!("{}>", step.name)
                },
                snippet: false,
            }],
            None => Vec::new(),
        },
        At::Attribute { span, .. } => {
            let Some(ty) = schema::element_type(rules, direction, path) else {
                return Vec::new();
            };
            // Renaming an attribute that has its value already: the name alone.
            let has_value = text[span.end..].trim_start().starts_with('=');
            ty.attributes
                .iter()
                .map(|attribute| {
                    let name = attribute.name.to_string();
                    let (text, snippet) = match (has_value, snippets) {
                        (true, _) => (name.clone(), false),
                        (false, true) => (format!("{name}=\"$0\""), true),
                        (false, false) => (format!("{name}=\"\""), false),
                    };
                    Candidate {
                        label: name,
                        detail: Some(attribute.value.describe()),
                        kind: Kind::Attribute,
                        range: span.clone(),
                        text,
                        snippet,
                    }
                })
                .collect()
        }
        At::Text { span, children } => {
            let Some(ty) = schema::element_type(rules, direction, path) else {
                return Vec::new();
            };
            match &ty.content {
                ContentRule::Text(value) => value
                    .enumeration()
                    .into_iter()
                    .map(|value| Candidate {
                        label: value.to_string(),
                        detail: None,
                        kind: Kind::Value,
                        range: span.clone(),
                        text: value.to_string(),
                        snippet: false,
                    })
                    .collect(),
                ContentRule::Children(_) | ContentRule::All(_) => element_candidates(
                    rules,
                    direction,
                    path,
                    children,
                    &(offset..offset),
                    "<".into(),
                    true,
                    snippets,
                ),
                _ => Vec::new(),
            }
        }
        _ => Vec::new(),
    }
}

/// Candidates for a child of the last element of `parents` after `preceding`, replacing
/// `range` with `open`, the name and, when `close`, the rest of the tag and its end tag.
#[allow(clippy::too_many_arguments)]
fn element_candidates(
    rules: &RuleSet,
    direction: Direction,
    parents: &[Step],
    preceding: &[String],
    range: &Range<usize>,
    open: String,
    close: bool,
    snippets: bool,
) -> Vec<Candidate> {
    let Some(parent) = parents.last() else {
        // The root.
        return vec![element(
            "packet".into(),
            None,
            range,
            &open,
            close,
            snippets,
        )];
    };
    let Some(ty) = schema::element_type(rules, direction, parents) else {
        return Vec::new();
    };
    schema::allowed_next(&ty, preceding)
        .into_iter()
        .map(|name| {
            let detail = schema::child_of(rules, direction, &ty, &parent.name, preceding, &name)
                .map(|child| schema::describe(&child));
            element(name.to_string(), detail, range, &open, close, snippets)
        })
        .collect()
}

fn element(
    name: String,
    detail: Option<String>,
    range: &Range<usize>,
    open: &str,
    close: bool,
    snippets: bool,
) -> Candidate {
    let text = match (close, snippets) {
        (false, _) => format!("{open}{name}"),
        (true, true) => format!("{open}{name}>$0</{name}>"),
        (true, false) => format!("{open}{name}></{name}>"),
    };
    Candidate {
        label: name,
        detail,
        kind: Kind::Element,
        range: range.clone(),
        text,
        snippet: close && snippets,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn after_dom_id_inside_set_traffic_date_comes_first() {
        let (versions, errors) = Versions::load(&[] as &[&str]);
        assert!(errors.is_empty());
        let text = "<packet><webspace><set_traffic><dom_id>1</dom_id><";
        let found = complete(&versions, None, Direction::Request, text, text.len(), false);
        assert_eq!(found[0].label, "date");
        assert_eq!(found[0].text, "date></date>");
        assert_eq!(found[0].range, text.len()..text.len());
        let text = "<packet><webspace><set_traffic><dom_id>1</dom_id>\n</set_traffic>";
        let at = text.find('\n').unwrap() + 1;
        let found = complete(&versions, None, Direction::Request, text, at, true);
        assert_eq!(found[0].text, "<date>$0</date>");
        assert!(found[0].snippet);
    }

    #[test]
    fn every_offset_of_a_packet_completes_and_hovers_without_panicking() {
        let (versions, _) = Versions::load(&[] as &[&str]);
        let text = "<packet version=\"1.6.3.0\">\n<webspace><set_traffic>\u{e9}<dom_id>1</dom_id>\
            <date/><x a='1'/></set_traffic><get><filter><id>1</id></filter></get></webspace>\
            <!-- c --></packet>";
        for offset in 0..=text.len() {
            for direction in [Direction::Request, Direction::Response] {
                let found = complete(&versions, None, direction, text, offset, true);
                assert!(found.iter().all(|c| c.range.end <= text.len()));
                let _ = super::super::hover::hover(&versions, None, direction, text, offset);
            }
        }
    }

    #[test]
    fn attributes_of_the_start_tag() {
        let (versions, _) = Versions::load(&[] as &[&str]);
        let text = "<packet ve></packet>";
        let found = complete(&versions, None, Direction::Request, text, 10, false);
        assert_eq!(found[0].label, "version");
        assert_eq!(found[0].text, "version=\"\"");
        assert_eq!(found[0].range, 8..10);
    }

    #[test]
    fn inside_a_leaf_the_enumeration() {
        let (versions, _) = Versions::load(&[] as &[&str]);
        let text = "<packet><webspace><set_traffic><result><status>o</status>";
        let at = text.find(">o<").unwrap() + 1;
        let found = complete(&versions, None, Direction::Response, text, at, false);
        let labels: Vec<&str> = found.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, ["ok", "error"]);
        assert_eq!(found[0].range, at..at + 1);
    }
}
