//! The schema's rule passes: what the walker ([`super::walker`]) hands each element with a
//! type to, one concern per file. Each pass reads the element's [`Context`] and reports
//! through the walker ([`Walker::push`]); none keeps state of its own between elements, and
//! none knows about budgets, pieces or memos, which are the walker's.
//!
//! - `envelope.rs`: what the declared protocol says about the packet (`invalid-version`, the
//!   pre-1.6 note), asked of [`super::Protocol`] on `<packet>`; legacy operator names
//!   (`legacy.rs`);
//! - `attributes.rs`: declared, required, `xsi:` attributes and their values;
//! - `values.rs`: the text of an element of a simple type;
//! - `content/`: the content model: children aligned to the model and each mistake
//!   explained once (`report.rs`, missing wrappers in `wrapper.rs`), `xs:all` groups, empty
//!   and nil elements, text where elements belong;
//! - `nbsp.rs`: text between elements, U+00A0 indentation (one finding for the file).
//!
//! The rules beyond the schema ([`crate::lints`]) are called by the same walk, on every
//! element, typed or not.

pub(super) mod attributes;
pub(super) mod content;
pub(super) mod envelope;
pub(super) mod legacy;
pub(super) mod nbsp;
pub(super) mod values;

use std::sync::Arc;

use roxmltree::Node;

use super::walker::{Level, Walker};
use super::xml;
use crate::rules::compile::{ContentRule, ElementType};

const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// What a pass sees of one element.
#[derive(Clone, Copy)]
pub struct Context<'c, 'a, 'input> {
    /// The element.
    pub node: Node<'a, 'input>,
    /// Its type, as its place in the parent's content model resolved it.
    pub ty: &'c Arc<ElementType>,
    /// Where its children are in the envelope (operators, operations, fields).
    pub level: Level<'c>,
    /// The parsed text (spans are offsets into it).
    pub text: &'a str,
}

/// Runs the schema's passes on one element, in order; whether its value was reported
/// invalid (the lints then leave it alone: one mistake, one finding).
pub(super) fn check_element(w: &mut Walker, cx: &Context) -> bool {
    attributes::check(w, cx);
    if matches!(cx.level, Level::Packet) {
        envelope::check(w, cx);
    }
    let node = cx.node;
    if cx.ty.nillable
        && node
            .attribute((XSI, "nil"))
            .is_some_and(|v| matches!(v.trim_matches(xml::is_xml_space), "true" | "1"))
    {
        content::check_empty(w, cx, " because it is nil (`xsi:nil=\"true\"`)");
        return false;
    }
    match &cx.ty.content {
        ContentRule::Any => {}
        ContentRule::Empty => content::check_empty(w, cx, ""),
        ContentRule::Text(value) => return values::check(w, cx, value),
        ContentRule::Children(automaton) => {
            if content::text_instead_of_elements(w, cx, automaton) {
                return false;
            }
            nbsp::check_text_children(w, cx);
            content::check_children(w, cx, automaton);
        }
        ContentRule::All(members) => {
            nbsp::check_text_children(w, cx);
            content::check_all(w, cx, members);
        }
    }
    false
}
