//! Stable fingerprints for findings, for the formats whose consumers track findings across
//! runs (SARIF's `partialFingerprints`, GitLab's `fingerprint`).
//!
//! A fingerprint hashes what identifies a finding to a person: the code, the file and the
//! trimmed text of the line it starts on, but not the line number, so inserting lines above a
//! finding does not make it "new". Identical findings on identical lines get an occurrence
//! number, because GitLab merges findings whose fingerprints are equal. FNV-1a is spelled out
//! here because `std`'s hasher may change between Rust releases, and fingerprints must not.

use std::collections::HashMap;

use crate::FileReport;

/// Fingerprints of every finding, in report order (`result[file][diagnostic]`).
pub fn fingerprints(reports: &[FileReport]) -> Vec<Vec<String>> {
    let mut seen: HashMap<u128, usize> = HashMap::new();
    reports
        .iter()
        .map(|report| {
            report
                .diagnostics
                .iter()
                .map(|diagnostic| {
                    let key = [
                        diagnostic.code.as_str(),
                        &report.source.name,
                        context(&report.source, diagnostic.primary.span.start),
                    ];
                    let base = hash(&key, 0);
                    let occurrence = seen.entry(base).or_insert(0);
                    *occurrence += 1;
                    format!("{:032x}", hash(&key, *occurrence))
                })
                .collect()
        })
        .collect()
}

/// Lines longer than this are not hashed whole: a minified packet is one line, and hashing
/// it for each of its findings is quadratic (12,000 findings on a 2 MB line: 6 s).
const MAX_LINE: usize = 512;

/// The text that places a finding: the trimmed text of its line, or on a longer line the
/// `MAX_LINE / 2` bytes on each side of it (to character boundaries).
fn context(source: &crate::source::SourceFile, offset: usize) -> &str {
    let line = source.line_text(source.line_of(offset));
    if line.len() <= MAX_LINE {
        return line.trim();
    }
    let range = source.line_range(source.line_of(offset));
    let at = source
        .floor_boundary(offset)
        .clamp(range.start, range.start + line.len());
    let text = &source.text;
    let start = text.floor_char_boundary(at.saturating_sub(MAX_LINE / 2).max(range.start));
    let end = text.ceil_char_boundary((at + MAX_LINE / 2).min(range.start + line.len()));
    &text[start..end]
}

/// 128 bits of FNV-1a over the parts (each followed by a 0xff separator, which UTF-8 never
/// contains) and the occurrence number.
fn hash(parts: &[&str], occurrence: usize) -> u128 {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013b;
    let mut state = OFFSET;
    let mut feed = |byte: u8| {
        state ^= u128::from(byte);
        state = state.wrapping_mul(PRIME);
    };
    for part in parts {
        part.bytes().for_each(&mut feed);
        feed(0xff);
    }
    (occurrence as u64).to_le_bytes().into_iter().for_each(feed);
    state
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_is_stable() {
        // Pinned (computed independently): changing the hash would make every tracked
        // finding look new.
        assert_eq!(
            format!("{:032x}", hash(&["out-of-order", "a.xml", "<x/>"], 1)),
            "cd9355babe0d8268d6f4788b6d1fd1e9"
        );
        assert_ne!(hash(&["a", "bc"], 1), hash(&["ab", "c"], 1));
        assert_ne!(hash(&["a"], 1), hash(&["a"], 2));
    }
}
