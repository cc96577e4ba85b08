//! Attributes: each one declared (or one of the `xsi:` attributes the schema permits), its
//! value of the declared type, and the required ones present.

use super::{Context, XSI};
use crate::check::walker::Walker;
use crate::check::{suggest, xml};
use crate::diagnostic::{Code, Diagnostic};

/// Every attribute of the element against the declared ones, and the required ones present.
pub(super) fn check(w: &mut Walker, cx: &Context) {
    let (node, ty) = (cx.node, &**cx.ty);
    for attribute in node.attributes() {
        if attribute.namespace() == Some(XSI) {
            check_xsi_attribute(w, cx, attribute);
            continue;
        }
        // As written, prefix included (`xml:lang`, `q:x`): the local name alone would
        // name an attribute that is not there.
        let name = match attribute.namespace() {
            Some(_) => &cx.text[attribute.range_qname()],
            None => attribute.name(),
        };
        match ty
            .attributes
            .iter()
            .find(|a| &*a.name == name && attribute.namespace().is_none())
        {
            Some(rule) => {
                if let Err(error) = rule.value.check(attribute.value()) {
                    w.push(
                        Diagnostic::new(
                            Code::InvalidValue,
                            format!("attribute `{name}`: {}", error.message),
                            attribute.range_value(),
                        )
                        .with_label("invalid value"),
                    );
                }
            }
            None => {
                let suggestion = suggest::best_match(name, ty.attributes.iter().map(|a| &*a.name));
                let mut diagnostic = Diagnostic::new(
                    Code::UnknownAttribute,
                    format!("`<{}>` has no attribute `{name}`", node.tag_name().name()),
                    attribute.range_qname(),
                )
                .with_label("unknown attribute");
                diagnostic = match suggestion {
                    Some(right) => diagnostic.with_help(format!("did you mean `{right}`?")),
                    None if ty.attributes.is_empty() => {
                        diagnostic.with_help("this element takes no attributes; remove it")
                    }
                    None => diagnostic.with_help(format!(
                        "declared attributes: {}",
                        ty.attributes
                            .iter()
                            .map(|a| format!("`{}`", a.name))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                };
                w.push(diagnostic);
            }
        }
    }
    for rule in ty.attributes.iter().filter(|a| a.required) {
        if node.attribute(&*rule.name).is_none() {
            w.push(
                Diagnostic::new(
                    Code::MissingAttribute,
                    format!(
                        "`<{}>` needs the attribute `{}` ({})",
                        node.tag_name().name(),
                        rule.name,
                        rule.value.describe()
                    ),
                    xml::name_span(cx.text, node),
                )
                .with_label(format!("`{}` missing", rule.name)),
            );
        }
    }
}

/// An `xsi:` attribute: the schema permits `xsi:schemaLocation` and
/// `xsi:noNamespaceSchemaLocation` anywhere, and `xsi:nil` (a boolean) only on an element
/// it marks nillable; any other is unknown (plesk-lint does not follow `xsi:type`:
/// docs/libxml2-differences.md).
fn check_xsi_attribute(w: &mut Walker, cx: &Context, attribute: roxmltree::Attribute) {
    let (node, ty) = (cx.node, &**cx.ty);
    let qname = &cx.text[attribute.range_qname()];
    let element = node.tag_name().name();
    let diagnostic = match attribute.name() {
        "schemaLocation" | "noNamespaceSchemaLocation" => return,
        "nil" if !ty.nillable => Diagnostic::new(
            Code::UnknownAttribute,
            format!(
                "`<{element}>` is not nillable: the schema allows `{qname}` only on \
                 elements it marks nillable"
            ),
            attribute.range_qname(),
        )
        .with_label("not allowed here")
        .with_help(format!(
            "remove `{qname}`; to leave the value out, leave out the element if it is optional"
        )),
        "nil" => {
            let value = attribute.value().trim_matches(xml::is_xml_space);
            if matches!(value, "true" | "false" | "1" | "0") {
                return;
            }
            Diagnostic::new(
                Code::InvalidValue,
                format!("attribute `{qname}`: `{value}` is not a boolean"),
                attribute.range_value(),
            )
            .with_label("invalid value")
            .with_help("expected true, false, 1 or 0")
        }
        other => Diagnostic::new(
            Code::UnknownAttribute,
            format!("`<{element}>` has no attribute `{qname}`"),
            attribute.range_qname(),
        )
        .with_label("unknown attribute")
        .with_help(match other {
            "type" => "remove it: Plesk API packets use the types the schema declares \
                (plesk-lint does not follow `xsi:type`)"
                .to_string(),
            _ => "the schema allows `xsi:nil` (on nillable elements), `xsi:schemaLocation` \
                and `xsi:noNamespaceSchemaLocation`"
                .to_string(),
        }),
    };
    w.push(diagnostic);
}
