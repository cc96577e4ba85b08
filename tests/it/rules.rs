//! The embedded tables: they all compile, and they cover the whole API.

use plesk_lint::rules::Direction;

use crate::support::rules;

#[test]
fn every_embedded_table_compiles() {
    let errors = rules().verify();
    let shown: Vec<String> = errors
        .iter()
        .take(20)
        .map(|e| format!("{}:{:?}: {}", e.file.name, e.span, e.message))
        .collect();
    assert!(
        errors.is_empty(),
        "{} broken entries:\n{}",
        errors.len(),
        shown.join("\n")
    );
}

#[test]
fn tables_cover_every_operator_and_operation() {
    let count = |direction| {
        let operators = rules().operators(direction);
        let operations: usize = operators
            .iter()
            .map(|op| rules().operations(op, direction).len())
            .sum();
        (operators.len(), operations)
    };
    assert_eq!(count(Direction::Request), (43, 357));
    // 359 operations plus upload's `result`, which the schema writes as upload's only child.
    assert_eq!(count(Direction::Response), (44, 360));
}
