//! Values a type accepts and values it rejects, for the packet generator and for tests.
//!
//! Rather than solving facets, each member proposes candidates (enumeration values, strings
//! generated from patterns, range bounds, strings of the bounding lengths, the base's own
//! candidates) and the first one `check` accepts (or rejects) wins: whatever is returned has
//! passed the real checker.

use super::{Member, Restriction, ValueType, pattern::Pattern};

/// Texts most types reject, tried when no facet suggests a better one.
const GENERIC_INVALID: [&str; 8] = ["", "!", "x", " ", "a b", "-1", "1.5", "not a valid value"];

impl ValueType {
    /// A value this type accepts. For a type whose facets contradict each other (which
    /// XSD does not forbid), a best guess that `check` rejects.
    pub fn sample(&self) -> String {
        self.sample
            .get_or_init(|| {
                let candidates = self.candidates();
                match candidates.iter().find(|c| self.check(c).is_ok()) {
                    Some(valid) => valid.clone(),
                    None => candidates.into_iter().next().unwrap_or_default(),
                }
            })
            .clone()
    }

    /// A value this type rejects, or `None` if it seems to accept anything (plain strings).
    pub fn invalid_sample(&self) -> Option<String> {
        self.invalid_sample
            .get_or_init(|| {
                let mut candidates: Vec<String> = self
                    .members
                    .iter()
                    .flat_map(Member::invalid_candidates)
                    .collect();
                candidates.extend(GENERIC_INVALID.map(String::from));
                candidates.into_iter().find(|c| self.check(c).is_err())
            })
            .clone()
    }

    /// Every candidate value this type accepts, without repeats, `sample()` first:
    /// enumeration members, range and length bounds, strings from patterns, the base's own.
    pub fn valid_samples(&self) -> Vec<String> {
        let mut out = vec![self.sample()];
        for candidate in self.candidates() {
            if !out.contains(&candidate) && self.check(&candidate).is_ok() {
                out.push(candidate);
            }
        }
        out.retain(|c| self.check(c).is_ok());
        out
    }

    /// Every candidate value this type rejects, without repeats, `invalid_sample()` first.
    pub fn invalid_samples(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let candidates = self
            .members
            .iter()
            .flat_map(Member::invalid_candidates)
            .chain(GENERIC_INVALID.map(String::from));
        for candidate in candidates {
            if !out.contains(&candidate) && self.check(&candidate).is_err() {
                out.push(candidate);
            }
        }
        out
    }

    fn candidates(&self) -> Vec<String> {
        self.members.iter().flat_map(Member::candidates).collect()
    }
}

impl Member {
    fn candidates(&self) -> Vec<String> {
        match self {
            Member::Builtin(b) => b.samples().iter().map(|s| s.to_string()).collect(),
            Member::Literal(text) => vec![text.clone()],
            Member::Restricted(r) => r.candidates(),
        }
    }

    fn invalid_candidates(&self) -> Vec<String> {
        match self {
            Member::Builtin(b) => b.invalid_samples().iter().map(|s| s.to_string()).collect(),
            Member::Literal(text) => vec![format!("{text}x"), format!(" {text}")],
            Member::Restricted(r) => r.invalid_candidates(),
        }
    }
}

impl Restriction {
    fn candidates(&self) -> Vec<String> {
        let base = self.base.candidates();
        let patterns: Vec<String> = self.patterns.iter().flat_map(Pattern::samples).collect();
        let mut out = self.enumeration.clone();
        out.extend(patterns.iter().cloned());
        if let Some(range) = self.range {
            let (min, max) = (range.min, range.max);
            let near = [
                min,
                max,
                min.map(|n| n + 1),
                max.map(|n| n - 1),
                Some(0),
                Some(1),
            ];
            out.extend(near.into_iter().flatten().map(|n| n.to_string()));
        }
        if let (Some(length), Some(b)) = (self.length, self.base.primitive()) {
            let min = length.min.unwrap_or(0).max(0) as usize;
            let max = length.max.map(|max| max.clamp(0, 4096) as usize);
            let lengths = [
                Some(min),
                Some(min.max(1)),
                max,
                Some(min.max(8).min(max.unwrap_or(8))),
            ];
            out.extend(lengths.into_iter().flatten().map(|n| b.of_length(n)));
            let fitted: Vec<String> = patterns
                .iter()
                .chain(&base)
                .map(|s| fit(s, min, max))
                .collect();
            out.extend(fitted);
        }
        out.extend(base);
        out
    }

    fn invalid_candidates(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(first) = self.enumeration.first() {
            out.push(format!("{first}x"));
        }
        if let (Some(length), Some(b)) = (self.length, self.base.primitive()) {
            let beyond = [length.max.map(|n| n + 1), length.min.map(|n| n - 1)];
            let beyond = beyond
                .into_iter()
                .flatten()
                .filter(|n| (0..=4097).contains(n));
            out.extend(beyond.map(|n| b.of_length(n as usize)));
        }
        if let Some(range) = self.range {
            let beyond = [range.max.map(|n| n + 1), range.min.map(|n| n - 1)];
            out.extend(beyond.into_iter().flatten().map(|n| n.to_string()));
        }
        out.extend(
            self.base
                .members
                .iter()
                .flat_map(Member::invalid_candidates),
        );
        out
    }
}

/// `s` padded with its last character, or cut, to a length in `min..=max` characters.
fn fit(s: &str, min: usize, max: Option<usize>) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    let pad = chars.last().copied().unwrap_or('x');
    while chars.len() < min {
        chars.push(pad);
    }
    chars.truncate(max.unwrap_or(usize::MAX));
    chars.into_iter().collect()
}
