//! Valid elements from compiled types: attributes, then content along a walk of the model's
//! automaton, every named type expanded down to its leaves.

use std::sync::Arc;

use super::rng::Rng;
use super::tree::{Attribute, Content, Element};
use super::values::ValueSamples;
use super::walk::{Coverage, Distances, Style, walk};
use crate::rules::automaton::{ChildRule, Position};
use crate::rules::compile::{AllMember, ContentRule, ElementType};
use crate::rules::value::ValueType;

/// The name written for an element that stands for a wildcard (`ANY`). No schema declares it,
/// so a lax wildcard accepts it without looking inside.
pub const WILDCARD_NAME: &str = "any-element";

/// Builds the elements of one packet.
pub struct Builder<'a> {
    /// How walks choose.
    pub style: Style,
    /// The packet's random numbers.
    pub rng: Rng,
    /// Parts earlier packets of the operation already showed.
    pub coverage: &'a mut Coverage,
    /// Distances to acceptance, shared by every packet.
    pub distances: &'a mut Distances,
    /// Texts by value type, shared by every packet.
    pub values: &'a mut ValueSamples,
}

impl Builder<'_> {
    /// A valid element called `name` of type `ty`.
    pub fn element(&mut self, name: &str, ty: &ElementType) -> Element {
        let mut element = Element::empty(name);
        element.attributes = self.attributes(ty);
        if self.style == Style::Random {
            // Now and then show the two ways an element may be empty though its type is not:
            // a declared default (checked in its place), and `xsi:nil`.
            if ty.nillable && self.rng.chance(30) {
                element.attributes.extend(nil_attributes());
                return element;
            }
            if ty.default.is_some() && self.rng.chance(40) {
                return element;
            }
        }
        match &ty.content {
            // Untyped elements are left empty: whatever they hold is not checked.
            ContentRule::Any | ContentRule::Empty => {}
            ContentRule::Text(value) => {
                element.content = Content::Text {
                    value: self.text(value),
                    ty: value.clone(),
                }
            }
            ContentRule::Children(automaton) => {
                let dist = self.distances.of(automaton).to_vec();
                let path = walk(automaton, &dist, self.style, &mut self.rng, self.coverage);
                let children = path
                    .iter()
                    .map(|&p| self.child(automaton.position(p)))
                    .collect();
                element.content = Content::Children(children);
            }
            ContentRule::All(members) => {
                element.unordered = true;
                element.content = Content::Children(self.all(members));
            }
        }
        element
    }

    fn child(&mut self, position: &Position) -> Element {
        let name = position.name.as_deref().unwrap_or(WILDCARD_NAME);
        match &position.rule {
            ChildRule::Typed(ty) => self.element(name, ty),
            ChildRule::Wildcard => Element {
                wildcard: true,
                ..Element::empty(name)
            },
            // Operators and operations are placed by the envelope, never by a walk.
            ChildRule::Operator | ChildRule::Operation => Element::empty(name),
        }
    }

    /// The typical value, or in random packets any value the type is known to accept.
    fn text(&mut self, ty: &Arc<ValueType>) -> String {
        let rng = (self.style == Style::Random).then_some(&mut self.rng);
        self.values.valid(ty, rng)
    }

    fn attributes(&mut self, ty: &ElementType) -> Vec<Attribute> {
        let mut out = Vec::new();
        for rule in &ty.attributes {
            let wanted = rule.required
                || match self.style {
                    Style::Minimal => false,
                    Style::Thorough => true,
                    Style::Random => self.rng.chance(50),
                };
            if wanted {
                out.push(Attribute {
                    name: rule.name.to_string(),
                    value: self.text(&rule.value),
                    ty: rule.value.clone(),
                });
            }
        }
        out
    }

    /// The members of an xs:all: the required ones, some optional ones, in varied orders.
    fn all(&mut self, members: &[AllMember]) -> Vec<Element> {
        let model = members.as_ptr() as usize;
        let mut picked: Vec<&AllMember> = Vec::new();
        for (index, member) in members.iter().enumerate() {
            let wanted = member.required
                || match self.style {
                    Style::Minimal => false,
                    Style::Thorough => true,
                    Style::Random => {
                        let fresh = !self.coverage.seen(model, index as u32);
                        self.rng.chance(if fresh { 70 } else { 30 })
                    }
                };
            if wanted {
                self.coverage.mark(model, index as u32);
                picked.push(member);
            }
        }
        if self.style != Style::Minimal {
            self.rng.shuffle(&mut picked);
        }
        picked
            .into_iter()
            .map(|member| self.element(&member.name, &member.ty))
            .collect()
    }
}

/// `xmlns:xsi=… xsi:nil="true"`: the element is nil.
fn nil_attributes() -> [Attribute; 2] {
    let string = || ValueType::builtin("xs:string").expect("a built-in");
    [
        Attribute {
            name: "xmlns:xsi".into(),
            value: "http://www.w3.org/2001/XMLSchema-instance".into(),
            ty: string(),
        },
        Attribute {
            name: "xsi:nil".into(),
            value: "true".into(),
            ty: string(),
        },
    ]
}
