//! What the rules say about a place in a packet: the type of the element at a path, and the
//! names the content model allows next after the children already there. Both walk the same
//! compiled automata the checker uses, so the editor never disagrees with `plesk-lint check`.

use std::sync::Arc;

use super::cursor::Step;
use crate::rules::automaton::{Automaton, ChildRule};
use crate::rules::compile::{ContentRule, ElementType};
use crate::rules::{Direction, RuleSet};

/// The type of the last element of `path` (which starts at `<packet>`), if the rules know it.
/// A preceding sibling the model does not accept is passed over, so one mistake earlier in
/// the parent does not hide what the rest is.
pub fn element_type(
    rules: &RuleSet,
    direction: Direction,
    path: &[Step],
) -> Option<Arc<ElementType>> {
    let (root, inner) = path.split_first()?;
    if root.name != "packet" {
        return None;
    }
    let mut ty = rules.packet_type(direction).ok()?;
    let mut parent = root.name.as_str();
    for step in inner {
        ty = child_type(rules, direction, &ty, parent, step)?;
        parent = &step.name;
    }
    Some(ty)
}

/// The type of `step` as a child of an element of type `ty` called `parent`.
fn child_type(
    rules: &RuleSet,
    direction: Direction,
    ty: &ElementType,
    parent: &str,
    step: &Step,
) -> Option<Arc<ElementType>> {
    match &ty.content {
        ContentRule::Children(automaton) => {
            let state = state_after(automaton, &step.preceding);
            let position = automaton.step(state, &step.name).or_else(|| {
                // Out of place: any position of that name says what it is.
                (1..=automaton.positions.len() as u32)
                    .find(|&p| automaton.position(p).name.as_deref() == Some(&step.name))
            })?;
            match &automaton.position(position).rule {
                ChildRule::Typed(ty) => Some(ty.clone()),
                ChildRule::Operator => rules.operator_type(&step.name, direction)?.ok(),
                ChildRule::Operation => rules.operation_type(parent, &step.name, direction)?.ok(),
                ChildRule::Wildcard => None,
            }
        }
        ContentRule::All(members) => members
            .iter()
            .find(|m| *m.name == *step.name)
            .map(|m| m.ty.clone()),
        _ => None,
    }
}

/// The automaton's state after `names`, passing over names it does not accept there.
fn state_after(automaton: &Automaton, names: &[String]) -> u32 {
    names.iter().fold(0, |state, name| {
        automaton.step(state, name).unwrap_or(state)
    })
}

/// The element names an element of type `ty` accepts after the children `preceding`, in the
/// order of the model: for a sequence, what comes next; for `xs:all`, the members not there.
pub fn allowed_next(ty: &ElementType, preceding: &[String]) -> Vec<Arc<str>> {
    let mut names: Vec<Arc<str>> = Vec::new();
    match &ty.content {
        ContentRule::Children(automaton) => {
            let state = state_after(automaton, preceding);
            for &p in &automaton.follow[state as usize] {
                if let Some(name) = &automaton.position(p).name
                    && !names.contains(name)
                {
                    names.push(name.clone());
                }
            }
        }
        ContentRule::All(members) => {
            names.extend(
                members
                    .iter()
                    .filter(|m| !preceding.iter().any(|p| *p == *m.name))
                    .map(|m| m.name.clone()),
            );
        }
        _ => {}
    }
    names
}

/// The type of the child `name` of an element of type `ty`, placed after `preceding`.
pub fn child_of(
    rules: &RuleSet,
    direction: Direction,
    ty: &ElementType,
    parent: &str,
    preceding: &[String],
    name: &str,
) -> Option<Arc<ElementType>> {
    let step = Step {
        name: name.to_string(),
        preceding: preceding.to_vec(),
    };
    child_type(rules, direction, ty, parent, &step)
}

/// A short description of what an element holds: its value type, or "elements", "empty"…
pub fn describe(ty: &ElementType) -> String {
    match &ty.content {
        ContentRule::Text(value) => value.describe(),
        ContentRule::Any => "any content".into(),
        ContentRule::Empty => "empty".into(),
        ContentRule::Children(_) | ContentRule::All(_) => match &ty.name {
            Some(name) => format!("elements ({name})"),
            None => "elements".into(),
        },
    }
}

/// The direction a packet is read as when nothing says: a `<result>` or `<system>` makes it
/// a response, as the checker guesses.
pub fn guess_direction(text: &str) -> Direction {
    if text.contains("<result") || text.contains("<system") {
        Direction::Response
    } else {
        Direction::Request
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(name: &str, preceding: &[&str]) -> Step {
        Step {
            name: name.into(),
            preceding: preceding.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn types_and_next_names_follow_the_model() {
        let (rules, errors) = RuleSet::load(&[] as &[&str]);
        assert!(errors.is_empty());
        let path = [
            step("packet", &[]),
            step("webspace", &[]),
            step("set_traffic", &[]),
        ];
        let ty = element_type(&rules, Direction::Request, &path).unwrap();
        let names = allowed_next(&ty, &["dom_id".into()]);
        assert_eq!(names.first().map(|n| &**n), Some("date"));
        let mut leaf = path.to_vec();
        leaf.push(step("dom_id", &[]));
        let dom_id = element_type(&rules, Direction::Request, &leaf).unwrap();
        assert!(matches!(dom_id.content, ContentRule::Text(_)), "{dom_id:?}");
        // Out of place, still known.
        leaf.last_mut().unwrap().preceding = vec!["date".into()];
        assert!(element_type(&rules, Direction::Request, &leaf).is_some());
        leaf.last_mut().unwrap().name = "dom-id".into();
        assert!(element_type(&rules, Direction::Request, &leaf).is_none());
    }
}
