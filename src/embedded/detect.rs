//! Is this literal a Plesk packet? `<packet>` is a common element name (fiscal printers,
//! packet dumps, prompt wrappers), so a `<packet>` counts only with a Plesk operator as its
//! first child or a 1.x protocol version; a fragment counts when its root is an operator
//! whose first child is one of its operations. A marker comment makes any XML count.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use regex::bytes::Regex;

use crate::rules::Direction;
use crate::versions::Versions;

/// The operator and operation names of every rule set, both directions.
#[derive(Debug, Default)]
pub struct Vocabulary {
    operations: HashMap<String, HashSet<String>>,
    /// Matches any place worth a look: `<packet`, `<OPERATOR`, a marker comment.
    prefilter: Option<Regex>,
}

/// How a detected packet is cut out of its literal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// The bytes of the literal that are the packet.
    pub keep: Range<usize>,
    /// Whether it is a fragment that needs the `<packet>` envelope.
    pub fragment: bool,
}

impl Vocabulary {
    /// The names of `versions`.
    pub fn of(versions: &Versions) -> Vocabulary {
        let mut operations: HashMap<String, HashSet<String>> = HashMap::new();
        for set in &versions.sets {
            for direction in [Direction::Request, Direction::Response] {
                for operator in set.rules.operators(direction) {
                    let names = set.rules.operations(&operator, direction);
                    operations
                        .entry(operator.to_string())
                        .or_default()
                        .extend(names.iter().map(|n| n.to_string()));
                }
            }
        }
        let mut names: Vec<&str> = operations.keys().map(String::as_str).collect();
        names.sort_unstable();
        let alternatives = names
            .iter()
            .map(|n| regex::escape(n))
            .collect::<Vec<_>>()
            .join("|");
        let pattern = format!(r"<(?:packet|{alternatives})[\s>/]|plesk-lint: packet|language=XML");
        Vocabulary {
            prefilter: Regex::new(&pattern).ok(),
            operations,
        }
    }

    /// Whether a host file may hold a packet at all (the cheap test every file gets).
    pub fn may_hold_packet(&self, bytes: &[u8]) -> bool {
        match &self.prefilter {
            Some(regex) => regex.is_match(bytes),
            None => true,
        }
    }

    fn is_operator(&self, name: &str) -> bool {
        self.operations.contains_key(name)
    }

    /// Where the packet is in `text`, if it is one.
    pub fn detect(&self, text: &str, marked: bool) -> Option<Frame> {
        let bytes = text.as_bytes();
        let mut at = 0;
        while let Some(found) = text[at..].find("<packet") {
            let start = at + found;
            let after = start + "<packet".len();
            if bytes
                .get(after)
                .is_some_and(|&b| b == b'>' || b == b'/' || b.is_ascii_whitespace())
            {
                let tag_end = text[after..]
                    .find('>')
                    .map_or(text.len(), |i| after + i + 1);
                let first = first_child(text, tag_end);
                let plesk = first
                    .is_some_and(|(name, _)| self.is_operator(name) || is_filler(name))
                    || plesk_version(&text[after..tag_end]);
                if plesk || marked {
                    let start = declaration_before(text, start).unwrap_or(start);
                    let end = text.rfind("</packet>").map_or(text.len(), |i| i + 9);
                    return Some(Frame {
                        keep: start..end.max(tag_end),
                        fragment: false,
                    });
                }
            }
            at = after;
        }
        // A fragment: the first element is an operator holding one of its operations.
        let (root, root_start) = first_child(text, 0)?;
        let operations = self.operations.get(root);
        let root_tag_end = text[root_start..].find('>').map(|i| root_start + i + 1)?;
        let known = match (operations, first_child(text, root_tag_end)) {
            (Some(ops), Some((op, _))) => ops.contains(op) || is_filler(op),
            _ => false,
        };
        if !known && !marked {
            return None;
        }
        let close = format!("</{root}>");
        let end = text.rfind(&close).map_or(text.len(), |i| i + close.len());
        Some(Frame {
            keep: root_start..end,
            fragment: true,
        })
    }
}

/// The `<?xml …?>` declaration right before `start`, with only whitespace between.
fn declaration_before(text: &str, start: usize) -> Option<usize> {
    let before = text[..start].trim_end();
    if !before.ends_with("?>") {
        return None;
    }
    let decl = before.rfind("<?xml")?;
    text[..decl].trim().is_empty().then_some(decl)
}

/// The name and start of the first element at or after `from`, skipping comments,
/// declarations and text; `None` at a closing tag or the end.
fn first_child(text: &str, from: usize) -> Option<(&str, usize)> {
    let mut at = from;
    loop {
        let lt = at + text.get(at..)?.find('<')?;
        let rest = &text[lt..];
        if rest.starts_with("<!--") {
            at = lt + rest.find("-->")? + 3;
        } else if rest.starts_with("<?") || rest.starts_with("<!") {
            at = lt + rest.find('>')? + 1;
        } else if rest.starts_with("</") {
            return None;
        } else {
            let name_end = rest[1..]
                .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .map_or(rest.len(), |i| i + 1);
            let name = &rest[1..name_end];
            return (!name.is_empty()).then_some((name, lt));
        }
    }
}

/// A tag name masked by a hole's filler (`<{$method}>` reads `<xxxxxxxxxx>`).
fn is_filler(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b == b'x')
}

/// Whether a `<packet>` start tag's attributes declare a Plesk protocol (`1.6.3.0`, `1.4.2.0`)
/// or leave it to a hole.
fn plesk_version(attributes: &str) -> bool {
    let Some(at) = attributes.find("version=") else {
        return false;
    };
    let value = attributes[at + "version=".len()..].trim_start_matches(['"', '\'']);
    let value: String = value
        .chars()
        .take_while(|c| !matches!(c, '"' | '\''))
        .collect();
    is_filler(&value)
        || (value.starts_with("1.")
            && value.split('.').count() >= 3
            && value
                .split('.')
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())))
}
