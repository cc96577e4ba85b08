//! `plesk-lint explain OPERATOR/OPERATION`: how the operation differs between protocol
//! versions, so a user whose server speaks an older protocol sees what to write for it.
//!
//! Each set's structure is the tree `explain` prints, flattened to one entry per element
//! keyed by its path. Where the sets differ, the answer to "what changed" is per element: the
//! paths only one set has, and the paths whose type or occurrence changed with what each set
//! says — never two unlabelled lines that look alike.

use std::io::{self, Write};

use crate::rules::Direction;
use crate::rules::tree::TreeNode;
use crate::versions::{VersionSet, Versions};

/// One element (or group) of an operation's structure, keyed by where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    /// The element names from the operation down, `dataset/gen_info/description`; a group
    /// (`one of`) is named after its parent's path.
    path: String,
    /// What the set says of it: value type and occurrence, without the name of the schema
    /// type that declares it (the 2015 set names complex types, the diagrams do not, and that
    /// is no difference to a packet).
    what: String,
}

/// The structure of `operator/operation` in one set, entry by entry; `None` if absent.
fn structure(
    set: &VersionSet,
    operator: &str,
    operation: &str,
    direction: Direction,
) -> Option<Vec<Entry>> {
    let children = set
        .rules
        .describe_operation(operator, operation, direction)?
        .ok()?;
    let mut entries = Vec::new();
    flatten(&children, "", &mut entries);
    Some(entries)
}

fn flatten(nodes: &[TreeNode], parent: &str, entries: &mut Vec<Entry>) {
    for node in nodes {
        let label = node.label.trim();
        let (path, what) = match label.strip_prefix('<').and_then(|l| l.split_once('>')) {
            Some((name, rest)) => {
                let path = if parent.is_empty() {
                    name.to_string()
                } else {
                    format!("{parent}/{name}")
                };
                (path, without_type_names(rest))
            }
            // A group: `one of (optional):`.
            None => {
                let kind = label
                    .split(" (")
                    .next()
                    .unwrap_or(label)
                    .trim_end_matches(':');
                (format!("{parent} ({kind})"), without_type_names(label))
            }
        };
        // The same path twice (an element in two branches of a choice): numbered.
        let mut unique = path.clone();
        let mut n = 1;
        while entries.iter().any(|e: &Entry| e.path == unique) {
            n += 1;
            unique = format!("{path} #{n}");
        }
        entries.push(Entry { path: unique, what });
        let child_parent = if label.starts_with('<') {
            path
        } else {
            parent.to_string()
        };
        flatten(&node.children, &child_parent, entries);
    }
}

/// `(siteGenInfoType)  optional` → `optional`; the words, one space apart.
fn without_type_names(text: &str) -> String {
    text.split_whitespace()
        .filter(|word| {
            let name = word.strip_prefix('(').and_then(|w| w.strip_suffix(')'));
            !name.is_some_and(|name| {
                name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                    && name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
                    && name.chars().any(|c| c.is_ascii_uppercase())
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
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

/// Writes how `target` (`OPERATOR/OPERATION`) differs between the sets: per element, where
/// it is (`dataset/gen_info/description`), in which sets it exists and what each says of it.
/// Writes nothing for other targets.
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
        let trees: Vec<Option<Vec<Entry>>> = versions
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
        let present: Vec<(usize, &Vec<Entry>)> = trees
            .iter()
            .enumerate()
            .filter_map(|(i, t)| t.as_ref().map(|t| (i, t)))
            .collect();
        for (i, tree) in trees.iter().enumerate() {
            if tree.is_none() {
                writeln!(out, "    absent in {}", coverage(versions, i))?;
            }
        }
        if present.len() < 2 {
            continue;
        }
        // Every path, in the order the sets list them.
        let mut paths: Vec<&str> = Vec::new();
        for (_, tree) in &present {
            for entry in tree.iter() {
                if !paths.contains(&entry.path.as_str()) {
                    paths.push(&entry.path);
                }
            }
        }
        for (i, _) in &present {
            let only: Vec<&str> = paths
                .iter()
                .copied()
                .filter(|path| {
                    present
                        .iter()
                        .all(|(j, t)| (j == i) == t.iter().any(|e| e.path == *path))
                })
                .collect();
            if !only.is_empty() {
                writeln!(out, "    only in {}:", coverage(versions, *i))?;
                for path in only {
                    let entry = present
                        .iter()
                        .find(|(j, _)| j == i)
                        .and_then(|(_, t)| t.iter().find(|e| e.path == path))
                        .expect("listed from this set");
                    writeln!(out, "      {path}  {}", entry.what)?;
                }
            }
        }
        let mut changed = Vec::new();
        for path in &paths {
            let found: Vec<(usize, &Entry)> = present
                .iter()
                .filter_map(|(i, t)| t.iter().find(|e| e.path == *path).map(|e| (*i, e)))
                .collect();
            if found.len() > 1 && found.windows(2).any(|w| w[0].1.what != w[1].1.what) {
                changed.push((path, found));
            }
        }
        if !changed.is_empty() {
            writeln!(out, "    changed:")?;
            for (path, found) in changed {
                writeln!(out, "      {path}")?;
                for (i, entry) in found {
                    writeln!(out, "        {}: {}", versions.sets[i].name, entry.what)?;
                }
            }
        }
    }
    Ok(())
}

/// After `explain` found no `operator/operation` in the set it explained: the other sets
/// that have it, one line each, with the command that explains it there. Nothing when none
/// has it, so an unknown operation gets one message.
pub fn elsewhere(
    versions: &Versions,
    explained: &VersionSet,
    target: &str,
    directions: &[Direction],
    out: &mut dyn Write,
) -> io::Result<()> {
    let Some((operator, operation)) = target.split_once('/') else {
        return Ok(());
    };
    for (i, set) in versions.sets.iter().enumerate() {
        if std::ptr::eq(set, explained) {
            continue;
        }
        if directions
            .iter()
            .any(|d| structure(set, operator, operation, *d).is_some())
        {
            writeln!(
                out,
                "it exists in {}: plesk-lint explain --api-version {} {target}",
                coverage(versions, i),
                set.from
            )?;
        }
    }
    Ok(())
}
