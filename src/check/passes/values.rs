//! The text of an element of a simple type: valid for its type (an empty one, or one of its
//! default), and no white space around a value of a type the server's validator does not
//! trim.

use std::ops::Range;

use roxmltree::Node;

use super::Context;
use crate::check::walker::Walker;
use crate::check::xml;
use crate::diagnostic::{Applicability, Code, Diagnostic, Edit};
use crate::rules::value::ValueType;

/// The text of an element of a simple type; whether it was reported invalid.
pub(super) fn check(w: &mut Walker, cx: &Context, value: &ValueType) -> bool {
    let (node, default) = (cx.node, cx.ty.default.as_deref());
    let name = node.tag_name().name();
    let mut elements = node.children().filter(Node::is_element);
    if let Some(first) = elements.next() {
        // Elements inside a value are one mistake however many there are.
        let mut diagnostic = Diagnostic::new(
            Code::UnexpectedElement,
            format!(
                "`<{name}>` holds a value ({}), not elements; `<{}>` is not allowed in it",
                value.describe(),
                first.tag_name().name()
            ),
            xml::name_span(cx.text, first),
        )
        .with_label("element inside a value")
        .with_help(format!(
            "write the value as text: `<{name}>{}</{name}>`",
            value.sample()
        ));
        for other in elements {
            diagnostic =
                diagnostic.with_secondary(xml::name_span(cx.text, other), "also not allowed");
        }
        w.push(diagnostic);
        return false;
    }
    let (text, span) = xml::text_value(node);
    // XSD validates an empty element with a default as if it held the default.
    let checked = match default {
        Some(default) if text.is_empty() => default,
        _ => text.as_str(),
    };
    match value.check(checked) {
        Ok(()) => check_space_around(w, cx, value, &text, span),
        Err(error) => {
            let blank = text.chars().all(xml::is_xml_space);
            let (code, span) = match span {
                Some(span) if !blank => (Code::InvalidValue, xml::trimmed(cx.text, span)),
                _ => (Code::EmptyValue, xml::name_span(cx.text, node)),
            };
            let label = if code == Code::EmptyValue {
                "empty"
            } else {
                "invalid value"
            };
            w.push(
                Diagnostic::new(code, format!("`<{name}>`: {}", error.message), span)
                    .with_label(label)
                    .with_help(format!(
                        "expected {}, for example `<{name}>{}</{name}>`",
                        value.describe(),
                        value.sample()
                    )),
            );
            code == Code::InvalidValue
        }
    }
}

/// White space around a valid value of a type libxml2 does not trim (`long`, `date`, …):
/// XML Schema collapses it, the server's validator rejects it.
fn check_space_around(
    w: &mut Walker,
    cx: &Context,
    value: &ValueType,
    text: &str,
    span: Option<Range<usize>>,
) -> bool {
    let (Some(builtin), Some(span)) = (value.strict_in_libxml2(), span) else {
        return false;
    };
    let trimmed = text.trim_matches(xml::is_xml_space);
    if trimmed.len() == text.len() || trimmed.is_empty() {
        return false;
    }
    let name = cx.node.tag_name().name();
    let mut diagnostic = Diagnostic::new(
        Code::InvalidValue,
        format!(
            "`<{name}>`: white space around the {builtin} `{trimmed}`: XML Schema allows \
             it, but the server's validator (libxml2) rejects white space around a \
             {builtin}"
        ),
        xml::trimmed(cx.text, span.clone()),
    )
    .with_label("white space around the value")
    .with_help(format!("write `<{name}>{trimmed}</{name}>`"));
    // The text as written (no reference, no CDATA) can be trimmed in place.
    if cx.text[span.clone()] == *text {
        diagnostic = diagnostic.with_fix(
            "Remove the white space around the value",
            Applicability::Safe,
            vec![Edit {
                span,
                replacement: trimmed.to_string(),
            }],
        );
    }
    w.push(diagnostic);
    true
}
