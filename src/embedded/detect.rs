//! Is this literal a Plesk packet? `<packet>` is a common element name (fiscal printers,
//! packet dumps, prompt wrappers), so a `<packet>` counts only with a Plesk operator as its
//! first child (a current one, or a legacy one such as `<domain>` that old code still sends)
//! or a 1.x protocol version; a fragment counts when its root is an operator whose first
//! child is an operation: one of its own, one of another operator (`<mail><get>`), or a
//! near miss of one of its own (`<dns><set_rec>`). A marker comment makes any XML count.
//!
//! A literal that stops inside open elements is the first piece of a packet built over
//! several statements (`$p .= '…'`, `packet += `…``); [`open_at_end`] names what it leaves
//! open, so the caller can close it where the literal ends.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use regex::bytes::Regex;

use crate::rules::Direction;
use crate::versions::Versions;

/// The operator and operation names of every rule set, both directions.
#[derive(Debug, Default)]
pub struct Vocabulary {
    operations: HashMap<String, HashSet<String>>,
    /// Every operation name of every operator.
    all_operations: HashSet<String>,
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
        let mut names: Vec<&str> = operations
            .keys()
            .map(String::as_str)
            .chain(LEGACY_OPERATORS)
            .collect();
        names.sort_unstable();
        let alternatives = names
            .iter()
            .map(|n| regex::escape(n))
            .collect::<Vec<_>>()
            .join("|");
        let pattern = format!(r"<(?:packet|{alternatives})[\s>/]|plesk-lint: packet|language=XML");
        let all_operations = operations.values().flatten().cloned().collect();
        Vocabulary {
            prefilter: Regex::new(&pattern).ok(),
            operations,
            all_operations,
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
        self.operations.contains_key(name) || LEGACY_OPERATORS.contains(&name)
    }

    /// Whether `name`, the first child of the operator `root`, reads as an operation: one of
    /// `root`'s, any operator's, or (for a name of four letters or more) one edit or two away
    /// from one of `root`'s operations or from an operator (`<site><ftp_users>` for
    /// `<ftp-user>`), `-` and `_` alike.
    fn is_operation(&self, root: &str, name: &str) -> bool {
        if is_filler(name) || self.all_operations.contains(name) {
            return true;
        }
        if name.len() < 4 {
            return false;
        }
        let name = name.replace('-', "_");
        let near = |known: &String| edits(&known.replace('-', "_"), &name) <= 2;
        self.operations
            .get(root)
            .is_some_and(|ops| ops.iter().any(near))
            || self.operations.keys().any(near)
    }

    /// Whether the element starting at `at` holds an operation as its first child: a
    /// `<packet>` around a misnamed operator (`<packet><dkim><get>…`) is still a Plesk packet,
    /// where other protocols' `<packet>` children hold no Plesk operation.
    fn holds_operation(&self, text: &str, at: usize) -> bool {
        let Some(tag_end) = text[at..].find('>').map(|i| at + i + 1) else {
            return false;
        };
        !text[..tag_end].ends_with("/>")
            && first_child(text, tag_end).is_some_and(|(op, _)| self.all_operations.contains(op))
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
                let plesk = first.is_some_and(|(name, at)| {
                    self.is_operator(name) || is_filler(name) || self.holds_operation(text, at)
                }) || plesk_version(&text[after..tag_end]);
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
        let root_tag_end = text[root_start..].find('>').map(|i| root_start + i + 1)?;
        let known = self.is_operator(root)
            && first_child(text, root_tag_end).is_some_and(|(op, _)| self.is_operation(root, op));
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

/// The Levenshtein distance of two names, in bytes (operation names are ASCII).
fn edits(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &x) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(x != y));
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The operators of the pre-1.6 protocols (src/check/legacy.rs names what replaced them):
/// code still sends them, and a packet holding one is a Plesk packet with a mistake in it.
const LEGACY_OPERATORS: [&str; 6] = [
    "client",
    "domain",
    "domain_alias",
    "client-template",
    "domain-template",
    "siteapp",
];

/// The elements `text` leaves open at its end, outermost first, when it is a well-nested
/// beginning of a document: `None` when it closes everything it opens (or closes something
/// it did not open, which is a mistake, not a piece).
pub fn open_at_end(text: &str) -> Option<Vec<&str>> {
    let mut open: Vec<&str> = Vec::new();
    let mut at = 0;
    while let Some(found) = text[at..].find('<') {
        let lt = at + found;
        let rest = &text[lt..];
        if let Some(body) = rest.strip_prefix("<!--") {
            at = lt + 4 + body.find("-->")? + 3;
            continue;
        }
        if let Some(body) = rest.strip_prefix("<![CDATA[") {
            at = lt + 9 + body.find("]]>")? + 3;
            continue;
        }
        let gt = lt + rest.find('>')?;
        let tag = &text[lt + 1..gt];
        at = gt + 1;
        if tag.starts_with('?') || tag.starts_with('!') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            if open.pop() != Some(name.trim()) {
                return None;
            }
        } else if !tag.ends_with('/') {
            let name_end = tag
                .find(|c: char| c.is_whitespace() || c == '/')
                .unwrap_or(tag.len());
            open.push(&tag[..name_end]);
        }
    }
    (!open.is_empty()).then_some(open)
}

/// The end tags that close a packet piece where its literal stops, when the host goes on
/// appending to it (`.=`, `+=`, `<<`, `.append(`, … within the next statements after the
/// literal, which ends at `literal_end` in `host`): `None` for a literal that closes what it
/// opens, or that nothing appends to (an unclosed packet on its own is a mistake to report).
pub fn closers_of_piece(packet: &str, host: &str, literal_end: usize) -> Option<Vec<String>> {
    let open = open_at_end(packet)?;
    let window = host.get(literal_end..).unwrap_or("");
    let mut window_end = window.len().min(APPEND_WINDOW);
    while !window.is_char_boundary(window_end) {
        window_end -= 1;
    }
    let window = &window[..window_end];
    let appended = [
        ".=", "+=", "<<", ".append(", ".Append(", ".push(", ".concat(", ".write(",
    ]
    .iter()
    .any(|op| window.contains(op));
    appended.then(|| open.iter().rev().map(|name| format!("</{name}>")).collect())
}

/// How far after a literal an append to the packet it starts is looked for, in bytes.
const APPEND_WINDOW: usize = 600;

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

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary() -> Vocabulary {
        let mut operations: HashMap<String, HashSet<String>> = HashMap::new();
        for (operator, ops) in [
            ("dns", &["add_rec", "get_rec", "del_rec"][..]),
            ("mail", &["create", "get_info"][..]),
            ("webspace", &["get", "add"][..]),
        ] {
            operations.insert(operator.into(), ops.iter().map(|o| o.to_string()).collect());
        }
        let all_operations = operations.values().flatten().cloned().collect();
        Vocabulary {
            operations,
            all_operations,
            prefilter: None,
        }
    }

    #[test]
    fn legacy_operators_make_a_plesk_packet() {
        let v = vocabulary();
        assert!(
            v.detect("<packet><domain><get/></domain></packet>", false)
                .is_some()
        );
        assert!(
            v.detect("<packet><paper action=\"read\"/></packet>", false)
                .is_none()
        );
        // A misnamed operator holding an operation.
        assert!(
            v.detect("<packet><dkim><get><filter/></get></dkim></packet>", false)
                .is_some()
        );
        assert!(
            v.detect("<packet><line><text>x</text></line></packet>", false)
                .is_none()
        );
    }

    #[test]
    fn fragments_with_another_operators_operation_or_a_near_miss() {
        let v = vocabulary();
        assert!(
            v.detect("<mail><get><filter/></get></mail>", false)
                .is_some()
        );
        assert!(
            v.detect("<dns><set_rec><filter/></set_rec></dns>", false)
                .is_some()
        );
        // Far from every operation of `dns` and no operation anywhere: not a packet.
        assert!(v.detect("<dns><record/></dns>", false).is_none());
        // Not an operator at all.
        assert!(v.detect("<site><get/></site>", false).is_none());
        // A legacy operator holding an operation; an operation named like an operator.
        assert!(
            v.detect("<domain><get><filter/></get></domain>", false)
                .is_some()
        );
        assert!(
            v.detect("<mail><web-space><get/></web-space></mail>", false)
                .is_some()
        );
        // Short names are not guessed at.
        assert!(v.detect("<dns><id>1</id></dns>", false).is_none());
    }

    #[test]
    fn what_a_piece_leaves_open() {
        assert_eq!(
            open_at_end("<?xml version=\"1.0\"?><packet><a x=\"1\"><b/><!-- <c> --><d>"),
            Some(vec!["packet", "a", "d"])
        );
        assert_eq!(open_at_end("<packet><a/></packet>"), None);
        assert_eq!(open_at_end("<packet><a></b>"), None);
    }

    #[test]
    fn a_piece_is_closed_only_when_the_host_appends_to_it() {
        let host = "$p = '<packet><webspace><get>';\n$p .= '</get></webspace></packet>';";
        let end = host.find("';").unwrap();
        assert_eq!(
            closers_of_piece("<packet><webspace><get>", host, end),
            Some(vec![
                "</get>".into(),
                "</webspace>".into(),
                "</packet>".into()
            ])
        );
        let alone = "$p = '<packet><webspace><get>';\nsend($p);";
        let end = alone.find("';").unwrap();
        assert_eq!(
            closers_of_piece("<packet><webspace><get>", alone, end),
            None
        );
    }

    #[test]
    fn edit_distance() {
        assert_eq!(edits("get_rec", "set_rec"), 1);
        assert_eq!(edits("add", "add"), 0);
        assert_eq!(edits("", "abc"), 3);
    }
}
