//! Mutants: a valid packet with one typical mistake, and the line of the element it touched.

use super::rng::Rng;
use super::tree::{Anchor, Content, Element};
use super::values::ValueSamples;

/// The name of the element an `unknown` mutant inserts: declared nowhere in the schema.
pub const UNKNOWN_NAME: &str = "bogus_field";

/// A kind of mistake.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mutation {
    /// Two adjacent siblings with different names trade places. The line is the one now
    /// first, the other line the one now second: either is a right place for the finding.
    Swap,
    /// An element is left out. The line is where it is missing from: the end of the sibling
    /// before it (in an xs:all, of the last child), or its parent's start tag.
    Drop,
    /// An element is given twice in a row.
    Duplicate,
    /// `_` and `-` in an element's name are exchanged (`dom_id` ↔ `dom-id`).
    Rename,
    /// An element no schema declares is inserted.
    Unknown,
    /// A value (text or attribute) is replaced by one its type rejects.
    InvalidValue,
}

impl Mutation {
    /// Every kind, in manifest order.
    pub const ALL: [Mutation; 6] = [
        Mutation::Swap,
        Mutation::Drop,
        Mutation::Duplicate,
        Mutation::Rename,
        Mutation::Unknown,
        Mutation::InvalidValue,
    ];

    /// The name used in file names and the manifest.
    pub fn as_str(self) -> &'static str {
        match self {
            Mutation::Swap => "swap",
            Mutation::Drop => "drop",
            Mutation::Duplicate => "duplicate",
            Mutation::Rename => "rename",
            Mutation::Unknown => "unknown",
            Mutation::InvalidValue => "invalid-value",
        }
    }

    /// The kind called `name`.
    pub fn from_name(name: &str) -> Option<Mutation> {
        Mutation::ALL.into_iter().find(|m| m.as_str() == name)
    }
}

/// A mutated packet.
#[derive(Debug, Clone)]
pub struct Mutant {
    /// The packet with the mistake.
    pub root: Element,
    /// The line to report: the mutated element, or for a left-out element the place it is
    /// missing from (the end of the sibling before it, or its parent's start tag).
    pub anchor: Anchor,
    /// For a swap, the other element that moved: either of the two is a right place to report
    /// the mistake ("`<b>` belongs after `<a>`" or "`<a>` belongs before `<b>`").
    pub partner: Option<Anchor>,
    /// What was done, for people: "swapped <a> and <b>".
    pub detail: String,
}

/// Applies one mistake of kind `kind` somewhere in `root`, chosen with `rng`; `None` when the
/// packet has no place for it (no element with `_` or `-`, no value that can be wrong, …).
/// The root element itself is never touched.
pub fn mutate(
    root: &Element,
    kind: Mutation,
    rng: &mut Rng,
    values: &mut ValueSamples,
) -> Option<Mutant> {
    let paths = root.descendants();
    let pick = |rng: &mut Rng, candidates: Vec<Vec<usize>>| {
        (!candidates.is_empty()).then(|| candidates[rng.below(candidates.len())].clone())
    };
    let mut out = root.clone();
    match kind {
        Mutation::Swap => {
            let candidates = paths
                .into_iter()
                .filter(|path| {
                    let (parent, i) = split(path);
                    let siblings = root.at(parent).children();
                    siblings
                        .get(i + 1)
                        .is_some_and(|next| next.name != siblings[i].name)
                })
                .collect();
            let path = pick(rng, candidates)?;
            let (parent, i) = split(&path);
            let siblings = out.children_mut(parent);
            let detail = format!(
                "swapped <{}> and <{}>",
                siblings[i].name,
                siblings[i + 1].name
            );
            siblings.swap(i, i + 1);
            Some(Mutant {
                root: out,
                anchor: Anchor::Start(path.clone()),
                partner: Some(Anchor::Start([parent, &[i + 1]].concat())),
                detail,
            })
        }
        Mutation::Drop => {
            let path = pick(rng, paths)?;
            let (parent, i) = split(&path);
            let unordered = root.at(parent).unordered;
            let siblings = out.children_mut(parent);
            let removed = siblings.remove(i);
            // Where a missing element is reported: after the sibling before it (for xs:all,
            // after the last child), else at the parent.
            let before = if unordered { siblings.len() } else { i };
            let anchor = match before {
                0 => Anchor::Start(parent.to_vec()),
                n => Anchor::End([parent, &[n - 1]].concat()),
            };
            Some(Mutant {
                root: out,
                anchor,
                partner: None,
                detail: format!("dropped <{}>", removed.name),
            })
        }
        Mutation::Duplicate => {
            let path = pick(rng, paths)?;
            let (parent, i) = split(&path);
            let siblings = out.children_mut(parent);
            let copy = siblings[i].clone();
            let detail = format!("duplicated <{}>", copy.name);
            siblings.insert(i + 1, copy);
            Some(Mutant {
                root: out,
                anchor: Anchor::Start([parent, &[i + 1]].concat()),
                partner: None,
                detail,
            })
        }
        Mutation::Rename => {
            let candidates = paths
                .into_iter()
                .filter(|path| {
                    let element = root.at(path);
                    !element.wildcard && element.name.contains(['_', '-'])
                })
                .collect();
            let path = pick(rng, candidates)?;
            let element = out.at_mut(&path);
            let renamed: String = element
                .name
                .chars()
                .map(|c| match c {
                    '_' => '-',
                    '-' => '_',
                    c => c,
                })
                .collect();
            let detail = format!("renamed <{}> to <{renamed}>", element.name);
            element.name = renamed;
            Some(Mutant {
                root: out,
                anchor: Anchor::Start(path),
                partner: None,
                detail,
            })
        }
        Mutation::Unknown => {
            // Any element that does not hold text can take one more child.
            let mut parents = vec![Vec::new()];
            parents.extend(paths);
            let parents: Vec<Vec<usize>> = parents
                .into_iter()
                .filter(|path| !matches!(root.at(path).content, Content::Text { .. }))
                .collect();
            let parent = pick(rng, parents)?;
            let siblings = out.children_mut(&parent);
            let index = rng.below(siblings.len() + 1);
            siblings.insert(index, Element::empty(UNKNOWN_NAME));
            let name = &root.at(&parent).name;
            Some(Mutant {
                root: out,
                anchor: Anchor::Start([&parent[..], &[index]].concat()),
                partner: None,
                detail: format!("inserted <{UNKNOWN_NAME}> into <{name}> at {index}"),
            })
        }
        Mutation::InvalidValue => invalid_value(root, out, paths, rng, values),
    }
}

/// Replaces one text or attribute value by a value its type rejects.
fn invalid_value(
    root: &Element,
    mut out: Element,
    paths: Vec<Vec<usize>>,
    rng: &mut Rng,
    values: &mut ValueSamples,
) -> Option<Mutant> {
    // (path, None) is the element's text, (path, Some(i)) its i-th attribute.
    let mut sites: Vec<(Vec<usize>, Option<usize>)> = Vec::new();
    for path in paths {
        let element = root.at(&path);
        if let Content::Text { ty, .. } = &element.content
            && values.can_be_invalid(ty)
        {
            sites.push((path.clone(), None));
        }
        for (i, attribute) in element.attributes.iter().enumerate() {
            if values.can_be_invalid(&attribute.ty) {
                sites.push((path.clone(), Some(i)));
            }
        }
    }
    if sites.is_empty() {
        return None;
    }
    let (path, attribute) = sites.swap_remove(rng.below(sites.len()));
    let element = out.at_mut(&path);
    let detail = match attribute {
        Some(i) => {
            let bad = values.invalid(&element.attributes[i].ty, rng)?;
            element.attributes[i].value = bad.clone();
            format!(
                "attribute {} of <{}> set to {bad:?}",
                element.attributes[i].name, element.name
            )
        }
        None => {
            let name = element.name.clone();
            let Content::Text { value, ty } = &mut element.content else {
                return None;
            };
            let bad = values.invalid(ty, rng)?;
            *value = bad.clone();
            format!("value of <{name}> set to {bad:?}")
        }
    };
    Some(Mutant {
        root: out,
        anchor: Anchor::Start(path),
        partner: None,
        detail,
    })
}

/// A path's parent path and last index.
fn split(path: &[usize]) -> (&[usize], usize) {
    let (last, parent) = path.split_last().expect("a path below the root");
    (parent, *last)
}
