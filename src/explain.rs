//! `plesk-lint explain`: what a rule code means, what an operation looks like, and what the
//! rule set knows.

use std::io::{self, Write};

use crate::check::best_match;
use crate::codes::Code;
use crate::rules::tree::TreeNode;
use crate::rules::{Direction, RuleSet};

/// Explains a code, an operator or an `OPERATOR/OPERATION`. `Ok(false)` when the target is
/// unknown (after saying so and suggesting the closest names).
pub fn explain(
    rules: &RuleSet,
    target: &str,
    directions: &[Direction],
    out: &mut dyn Write,
) -> io::Result<bool> {
    if let Some(code) = Code::from_name(target) {
        write_code(code, out)?;
        return Ok(true);
    }
    let (operator, operation) = match target.split_once('/') {
        Some((operator, operation)) => (operator, Some(operation)),
        None => (target, None),
    };
    let known_operator = directions
        .iter()
        .any(|d| rules.operators(*d).iter().any(|o| &**o == operator));
    if !known_operator {
        let operators: Vec<_> = directions
            .iter()
            .flat_map(|d| rules.operators(*d))
            .collect();
        let codes = Code::ALL.iter().map(|c| c.as_str());
        let suggestion = best_match(operator, operators.iter().map(|o| &**o).chain(codes));
        writeln!(out, "unknown rule code or operator `{operator}`")?;
        if let Some(name) = suggestion {
            writeln!(out, "did you mean `{name}`?")?;
        }
        return Ok(false);
    }
    let Some(operation) = operation else {
        for direction in directions {
            let names: Vec<String> = rules
                .operations(operator, *direction)
                .iter()
                .map(|o| o.to_string())
                .collect();
            writeln!(
                out,
                "{operator} ({}): {}",
                direction.as_str(),
                names.join(" ")
            )?;
        }
        return Ok(true);
    };
    let mut found = false;
    for direction in directions {
        let Some(result) = rules.describe_operation(operator, operation, *direction) else {
            continue;
        };
        found = true;
        match result {
            Ok(children) => {
                let root = TreeNode {
                    label: format!(
                        "{} of {operator}/{operation}:\n<{operation}>",
                        direction.as_str()
                    ),
                    children,
                };
                root.write(out)?;
                writeln!(out)?;
            }
            Err(error) => writeln!(out, "{}: broken rule: {}", error.file.name, error.message)?,
        }
    }
    if found && directions.contains(&Direction::Response) {
        crate::lints::explain_operation(operator, operation, out)?;
    }
    if !found {
        let operations: Vec<_> = directions
            .iter()
            .flat_map(|d| rules.operations(operator, *d))
            .collect();
        writeln!(out, "operator `{operator}` has no operation `{operation}`")?;
        if let Some(name) = best_match(operation, operations.iter().map(|o| &**o)) {
            writeln!(out, "did you mean `{operator}/{name}`?")?;
        }
    }
    Ok(found)
}

/// Lists every `operator/operation` with the directions it exists in.
pub fn list(rules: &RuleSet, directions: &[Direction], out: &mut dyn Write) -> io::Result<bool> {
    let mut operators: Vec<_> = directions
        .iter()
        .flat_map(|d| rules.operators(*d))
        .collect();
    operators.sort();
    operators.dedup();
    for operator in operators {
        let mut operations: Vec<_> = directions
            .iter()
            .flat_map(|d| rules.operations(&operator, *d))
            .collect();
        operations.sort();
        operations.dedup();
        for operation in operations {
            let present: Vec<&str> = directions
                .iter()
                .filter(|d| rules.operations(&operator, **d).contains(&operation))
                .map(|d| d.as_str())
                .collect();
            writeln!(out, "{operator}/{operation}  {}", present.join(" "))?;
        }
    }
    Ok(true)
}

fn write_code(code: Code, out: &mut dyn Write) -> io::Result<()> {
    let doc = code.rule();
    writeln!(
        out,
        "{} ({})\n",
        code.as_str(),
        code.default_severity().as_str()
    )?;
    writeln!(out, "What it catches\n  {}\n", doc.summary)?;
    writeln!(out, "Why it matters\n  {}\n", doc.why)?;
    writeln!(out, "Bad\n{}\n", indent(doc.bad))?;
    writeln!(out, "Good\n{}\n", indent(doc.good))?;
    writeln!(out, "Fix\n  {}", doc.fix)?;
    if let Some(autofix) = doc.autofix {
        writeln!(out, "  {}", autofix.how)?;
    }
    writeln!(out)?;
    writeln!(out, "Docs: {}", code.docs_url())
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|line| format!("    {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}
