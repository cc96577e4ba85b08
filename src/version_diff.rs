//! `plesk-lint explain OPERATOR/OPERATION`: how the operation differs between protocol
//! versions, so a user whose server speaks an older protocol sees what to write for it.
//!
//! Each set's structure is the tree `explain` prints; two sets agree when the trees are the
//! same text. Where they differ, the lines only one set has are listed under it: a short
//! answer to "what changed", not a full diff.

use std::io::{self, Write};

use crate::rules::Direction;
use crate::rules::tree::TreeNode;
use crate::versions::{VersionSet, Versions};

/// The structure of `operator/operation` in one set: the tree as lines, `None` if absent.
fn structure(
    set: &VersionSet,
    operator: &str,
    operation: &str,
    direction: Direction,
) -> Option<Vec<String>> {
    let children = set
        .rules
        .describe_operation(operator, operation, direction)?
        .ok()?;
    let root = TreeNode {
        label: format!("<{operation}>"),
        children,
    };
    let mut text = Vec::new();
    root.write(&mut text).ok()?;
    Some(
        String::from_utf8_lossy(&text)
            .lines()
            .map(str::to_string)
            .collect(),
    )
}

/// What the protocols a set covers are called: `2015 (1.6.0.0–1.6.8.x)`.
pub fn coverage(versions: &Versions, index: usize) -> String {
    let set = &versions.sets[index];
    match versions.sets.get(index + 1) {
        Some(next) => {
            let [a, b, c, _] = next.from.0;
            let up_to = if c > 0 {
                format!("{a}.{b}.{}.x", c - 1)
            } else {
                format!("before {}", next.from)
            };
            format!("{} (protocols {}–{up_to})", set.name, set.from)
        }
        None => format!("{} (protocols {} on)", set.name, set.from),
    }
}

/// Writes how `target` (`OPERATOR/OPERATION`) differs between the sets. Writes nothing for
/// other targets.
pub fn write(
    versions: &Versions,
    target: &str,
    directions: &[Direction],
    out: &mut dyn Write,
) -> io::Result<()> {
    let Some((operator, operation)) = target.split_once('/') else {
        return Ok(());
    };
    writeln!(out, "protocol versions of {operator}/{operation}:")?;
    for &direction in directions {
        let trees: Vec<Option<Vec<String>>> = versions
            .sets
            .iter()
            .map(|s| structure(s, operator, operation, direction))
            .collect();
        let names: Vec<&str> = versions.sets.iter().map(|s| s.name).collect();
        if trees.windows(2).all(|w| w[0] == w[1]) {
            let what = if trees[0].is_some() { "same" } else { "absent" };
            writeln!(
                out,
                "  {}: {what} in {}",
                direction.as_str(),
                names.join(" and ")
            )?;
            continue;
        }
        writeln!(out, "  {}: differs", direction.as_str())?;
        for (i, tree) in trees.iter().enumerate() {
            let label = coverage(versions, i);
            let Some(lines) = tree else {
                writeln!(out, "    {label}: absent")?;
                continue;
            };
            let others: Vec<&String> = trees
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .filter_map(|(_, t)| t.as_ref())
                .flatten()
                .collect();
            let only: Vec<&String> = lines.iter().filter(|l| !others.contains(l)).collect();
            // Against only absent sets, every line is "only here": say present.
            if only.is_empty() || others.is_empty() {
                writeln!(out, "    {label}: present")?;
            } else {
                writeln!(out, "    {label}: present; only here:")?;
                for line in only {
                    writeln!(out, "      {}", line.trim_start())?;
                }
            }
        }
    }
    Ok(())
}
