//! The rule sets against each other, through the compiled types that are private to the
//! rules.

use std::path::Path;
use std::sync::Arc;

use super::automaton::ChildRule;
use super::compile::{ContentRule, ElementType};
use super::{Direction, RuleSet};

/// Issue 13, rule sets never weaker than the schema: every element present in both sets, at
/// the same place in the same operation, whose 1.6.9.1 value type accepts a value the 2015
/// type rejects, must be listed with a reason in rules/overrides/weaker-in-1.6.9.1.txt.
#[test]
fn the_1_6_9_1_set_is_never_weaker_than_2015() {
    let (old, errors) = RuleSet::load_set("", &[] as &[&Path]);
    assert!(errors.is_empty());
    let (new, errors) = RuleSet::load_set("1.6.9.1", &[] as &[&Path]);
    assert!(errors.is_empty());
    let listed_text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/overrides/weaker-in-1.6.9.1.txt"),
    )
    .expect("rules/overrides/weaker-in-1.6.9.1.txt");
    let listed: Vec<&str> = listed_text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split(": ").next())
        .collect();
    let mut weaker = Vec::new();
    let mut compared = 0;
    for direction in [Direction::Request, Direction::Response] {
        for operator in old.operators(direction) {
            for operation in old.operations(&operator, direction) {
                let (Some(Ok(a)), Some(Ok(b))) = (
                    old.operation_type(&operator, &operation, direction),
                    new.operation_type(&operator, &operation, direction),
                ) else {
                    continue;
                };
                let path = format!("{} {operator}/{operation}", direction.as_str());
                walk_weaker(&a, &b, &path, &mut weaker, &mut compared, 0);
            }
        }
    }
    let unlisted: Vec<&String> = weaker
        .iter()
        .filter(|(path, _)| !listed.contains(&path.as_str()))
        .map(|(_, line)| line)
        .collect();
    let stale: Vec<&&str> = listed
        .iter()
        .filter(|l| !weaker.iter().any(|(path, _)| path == *l))
        .collect();
    println!(
        "1.6.9.1 vs 2015: {compared} value elements compared, {} weaker",
        weaker.len()
    );
    assert!(unlisted.is_empty(), "1.6.9.1 is weaker than 2015:\n{}", {
        unlisted
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    });
    assert!(stale.is_empty(), "listed but not weaker: {stale:?}");
}

/// Walks two element types in parallel by child name (the first declaration of each name).
fn walk_weaker(
    old: &ElementType,
    new: &ElementType,
    path: &str,
    weaker: &mut Vec<(String, String)>,
    compared: &mut usize,
    depth: usize,
) {
    if depth > 40 {
        return;
    }
    let children = |ty: &ElementType| -> Vec<(Arc<str>, Arc<ElementType>)> {
        match &ty.content {
            ContentRule::Children(automaton) => automaton
                .positions
                .iter()
                .filter_map(|p| match (&p.name, &p.rule) {
                    (Some(name), ChildRule::Typed(ty)) => Some((name.clone(), ty.clone())),
                    _ => None,
                })
                .collect(),
            ContentRule::All(members) => members
                .iter()
                .map(|m| (m.name.clone(), m.ty.clone()))
                .collect(),
            _ => Vec::new(),
        }
    };
    match (&old.content, &new.content) {
        (ContentRule::Text(a), ContentRule::Text(b)) => {
            *compared += 1;
            if let Some(value) = a.invalid_samples().into_iter().find(|v| b.check(v).is_ok()) {
                weaker.push((
                    path.to_string(),
                    format!(
                        "{path}: 2015 `{}` rejects {value:?}, 1.6.9.1 `{}` accepts it",
                        a.describe(),
                        b.describe()
                    ),
                ));
            }
        }
        _ => {
            let new_children = children(new);
            let mut seen = Vec::new();
            for (name, a) in children(old) {
                if seen.contains(&name) {
                    continue;
                }
                seen.push(name.clone());
                if let Some((_, b)) = new_children.iter().find(|(n, _)| *n == name) {
                    walk_weaker(
                        &a,
                        b,
                        &format!("{path}/{name}"),
                        weaker,
                        compared,
                        depth + 1,
                    );
                }
            }
        }
    }
}
