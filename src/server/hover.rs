//! Hover on an element or attribute name: what the rules say about it at that place — its
//! type, how often it may occur, what it holds in order (the `explain` tree of that node),
//! and the protocol versions it exists in.

use std::fmt::Write as _;
use std::ops::Range;

use super::cursor::{self, At, Step};
use super::schema;
use crate::rules::Direction;
use crate::rules::tree::TreeNode;
use crate::version_diff;
use crate::versions::{Version, Versions};

/// The set a packet is checked against: the version it declares, else `default`, else the
/// newest (as the checker picks it).
pub fn set_index(versions: &Versions, declared: Option<&str>, default: Option<Version>) -> usize {
    let version = declared
        .and_then(Version::parse)
        .filter(|v| *v >= Version::MODERN)
        .or(default);
    let chosen = versions.get(version);
    versions
        .sets
        .iter()
        .position(|s| std::ptr::eq(s, chosen))
        .unwrap_or(0)
}

/// The hover text (Markdown) at byte `offset` and the span it is about.
pub fn hover(
    versions: &Versions,
    default: Option<Version>,
    direction: Direction,
    text: &str,
    offset: usize,
) -> Option<(String, Option<Range<usize>>)> {
    let context = cursor::context(text, offset);
    let index = set_index(versions, context.version.as_deref(), default);
    let rules = &versions.sets[index].rules;
    match &context.at {
        At::TagName { span, .. } => {
            let ty = schema::element_type(rules, direction, &context.path)?;
            let mut out = String::new();
            let name = &context.path.last()?.name;
            let place = place(&context.path);
            let _ = writeln!(out, "**`<{name}>`**{place} ({})\n", direction.as_str());
            // An operation carries the schema's annotation: "Add domain".
            if let [_, operator, operation] = context.path.as_slice()
                && let Some(comment) = crate::rules::operation_comment(
                    versions.sets[index].dir,
                    &operator.name,
                    &operation.name,
                )
            {
                let _ = writeln!(out, "{comment}\n");
            }
            let node = tree_node(rules, direction, &context.path);
            let summary = node.as_ref().and_then(|n| summary(&n.label));
            let described = schema::describe(&ty);
            let type_name = ty
                .name
                .as_deref()
                .map(|n| format!("`{n}`: "))
                .unwrap_or_default();
            let _ = writeln!(out, "- type: {type_name}{described}");
            if let Some((_, occurrence)) = &summary {
                let _ = writeln!(out, "- occurrence: {occurrence}");
            }
            let exists = exists_in(versions, direction, &context.path);
            let _ = writeln!(out, "- protocol versions: {exists}");
            documented_requirements(&mut out, direction, &context.path);
            if let Some(node) = node.filter(|n| !n.children.is_empty()) {
                let mut tree = Vec::new();
                let root = TreeNode {
                    label: format!("<{name}>"),
                    children: node.children,
                };
                if root.write(&mut tree).is_ok() {
                    let _ = write!(out, "\n```\n{}```\n", String::from_utf8_lossy(&tree));
                }
            } else if context.path.len() == 2 {
                let operations = rules.operations(name, direction);
                let _ = write!(out, "\noperations: {}\n", join(&operations));
            }
            Some((out, Some(span.clone())))
        }
        At::Attribute { name, .. } if !name.is_empty() => {
            let ty = schema::element_type(rules, direction, &context.path)?;
            let attribute = ty.attributes.iter().find(|a| *a.name == **name)?;
            let element = &context.path.last()?.name;
            let need = if attribute.required {
                "required"
            } else {
                "optional"
            };
            Some((
                format!(
                    "**`{name}`** attribute of `<{element}>`\n\n- type: {}\n- {need}\n",
                    attribute.value.describe()
                ),
                None,
            ))
        }
        _ => None,
    }
}

/// The documentation's rules beyond the schema (src/lints, `conditionally-required`) on the
/// element at `path` of a response: all of them on the operation and its `<result>`, and on
/// a child of `<result>` those that require it.
fn documented_requirements(out: &mut String, direction: Direction, path: &[Step]) {
    let [_, operator, operation, rest @ ..] = path else {
        return;
    };
    if direction != Direction::Response {
        return;
    }
    let about = match rest {
        [] => None,
        [result] if &*result.name == "result" => None,
        [result, child] if &*result.name == "result" => Some(&*child.name),
        _ => return,
    };
    let rules = crate::lints::LintRules::builtin();
    let requirements: Vec<_> = rules
        .requirements_of(&operator.name, &operation.name)
        .filter(|r| about.is_none_or(|name| r.element == name))
        .collect();
    if requirements.is_empty() {
        return;
    }
    let _ = writeln!(out, "- documented requirements (beyond the schema):");
    for r in requirements {
        let _ = writeln!(
            out,
            "  - `<{}>` when `<status>` is `{}` — \"{}\" ({})",
            r.element, r.status, r.quote, r.source
        );
    }
}

/// ` in webspace/set_traffic` for a node inside an operation.
fn place(path: &[Step]) -> String {
    match path {
        [_, operator, operation, _, ..] => format!(" in `{}/{}`", operator.name, operation.name),
        [_, operator, _] => format!(" of `{}`", operator.name),
        _ => String::new(),
    }
}

fn join(names: &[std::sync::Arc<str>]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The `explain` tree node of the element at `path` (inside an operation, or the operation
/// itself).
fn tree_node(
    rules: &crate::rules::RuleSet,
    direction: Direction,
    path: &[Step],
) -> Option<TreeNode> {
    let [_, operator, operation, inner @ ..] = path else {
        return None;
    };
    let children = rules
        .describe_operation(&operator.name, &operation.name, direction)?
        .ok()?;
    let mut node = TreeNode {
        label: format!("<{}>", operation.name),
        children,
    };
    for step in inner {
        node = find(&node.children, &step.name)?.clone();
    }
    Some(node)
}

/// The element node called `name` among `nodes`, looking through group nodes (`one of:`).
fn find<'t>(nodes: &'t [TreeNode], name: &str) -> Option<&'t TreeNode> {
    let tag = format!("<{name}>");
    nodes.iter().find_map(|node| {
        if node.label.split("  ").next() == Some(tag.as_str()) {
            Some(node)
        } else if !node.label.starts_with(['<', '@', '#']) {
            find(&node.children, name)
        } else {
            None
        }
    })
}

/// The type text and occurrence of a tree label (`<dom_id>  integer  required`).
fn summary(label: &str) -> Option<(String, String)> {
    let mut parts = label.split("  ");
    let _tag = parts.next()?;
    let ty = parts.next()?.to_string();
    let occurrence = parts.next()?.to_string();
    Some((ty, occurrence))
}

/// The protocol sets in which the rules know an element at `path`.
fn exists_in(versions: &Versions, direction: Direction, path: &[Step]) -> String {
    let present: Vec<String> = (0..versions.sets.len())
        .filter(|&i| schema::element_type(&versions.sets[i].rules, direction, path).is_some())
        .map(|i| version_diff::coverage(versions, i))
        .collect();
    if present.len() == versions.sets.len() {
        format!("all: {}", present.join(", "))
    } else if present.is_empty() {
        "none known".into()
    } else {
        format!("only {}", present.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_operation_shows_its_annotation_and_a_leaf_its_type() {
        let (versions, errors) = Versions::load(&[] as &[&str]);
        assert!(errors.is_empty());
        let text = "<packet><webspace><add><gen_setup><name>x</name></gen_setup></add></webspace></packet>";
        let at = text.find("<add>").unwrap() + 2;
        let (markdown, span) = hover(&versions, None, Direction::Request, text, at).unwrap();
        assert!(markdown.contains("Add domain"), "{markdown}");
        assert!(markdown.contains("<gen_setup>"), "{markdown}");
        assert_eq!(span, Some(at - 1..at + 2));
        let at = text.find("<name>").unwrap() + 2;
        let (markdown, _) = hover(&versions, None, Direction::Request, text, at).unwrap();
        assert!(markdown.contains("string, 1..255 chars"), "{markdown}");
        assert!(markdown.contains("in `webspace/add`"), "{markdown}");
        // A response's result carries the documentation's conditional requirements.
        let text = "<packet><reseller-plan><get><result><status>error</status><errcode>1</errcode></result></get></reseller-plan></packet>";
        let at = text.find("<errcode>").unwrap() + 2;
        let (markdown, _) = hover(&versions, None, Direction::Response, text, at).unwrap();
        assert!(markdown.contains("documented requirements"), "{markdown}");
        assert!(
            markdown.contains("`<errcode>` when `<status>` is `error`"),
            "{markdown}"
        );
        assert!(!markdown.contains("`<guid>`"), "{markdown}");
        let at = text.find("<result>").unwrap() + 2;
        let (markdown, _) = hover(&versions, None, Direction::Response, text, at).unwrap();
        assert!(
            markdown.contains("`<guid>` when `<status>` is `ok`"),
            "{markdown}"
        );
        // An element the rules do not know: nothing to say.
        let text = "<packet><webspace><add><gen-setup/></add></webspace></packet>";
        let at = text.find("gen-setup").unwrap() + 1;
        assert_eq!(hover(&versions, None, Direction::Request, text, at), None);
    }
}
