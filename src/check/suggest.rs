//! "Did you mean": the known name an unknown one was probably meant to be.
//!
//! The mistakes people make with Plesk names are few and regular: a hyphen for an underscore
//! or the reverse (`dom-id` for `dom_id`, as the documentation itself does), wrong case, and
//! small typos. Those are tried in that order.

/// Folds the differences that never distinguish two Plesk names: case, `-` versus `_`.
fn fold_char(c: char) -> char {
    if c == '-' {
        '_'
    } else {
        c.to_ascii_lowercase()
    }
}

fn fold(name: &str) -> Vec<char> {
    name.chars().map(fold_char).collect()
}

/// Optimal string alignment distance (Levenshtein plus adjacent transpositions), in chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    distance(&a, &b, usize::MAX)
}

/// OSA distance of two slices (of chars, or of ASCII bytes) with three rolling rows; stops
/// early (returning more than `limit`) once every cell of a row exceeds `limit`.
fn distance<T: Copy + PartialEq>(a: &[T], b: &[T], limit: usize) -> usize {
    if b.len() >= 64 {
        let mut rows = vec![vec![0; b.len() + 1]; 3];
        let [before, previous, current] = &mut rows[..] else {
            unreachable!()
        };
        return distance_in(a, b, limit, before, previous, current);
    }
    let (mut before, mut previous, mut current) = ([0; 65], [0; 65], [0; 65]);
    let n = b.len() + 1;
    distance_in(
        a,
        b,
        limit,
        &mut before[..n],
        &mut previous[..n],
        &mut current[..n],
    )
}

fn distance_in<'r, T: Copy + PartialEq>(
    a: &[T],
    b: &[T],
    limit: usize,
    mut before: &'r mut [usize],
    mut previous: &'r mut [usize],
    mut current: &'r mut [usize],
) -> usize {
    for (j, cell) in previous.iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        current[0] = i;
        let mut row_min = i;
        for j in 1..=b.len() {
            let substitution = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + substitution);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            current[j] = best;
            row_min = row_min.min(best);
        }
        if row_min > limit {
            return limit.saturating_add(1);
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// The folded distance of `wrong` to `right` when `wrong` looks like a misspelling of it.
fn closeness(wrong: &str, right: &str) -> Option<usize> {
    let ascii = wrong.is_ascii() && right.is_ascii();
    let (wrong_length, right_length) = if ascii {
        (wrong.len(), right.len())
    } else {
        (wrong.chars().count(), right.chars().count())
    };
    let limit = (right_length / 3).max(1);
    // Folding keeps the length, and the distance is at least the difference in length: most
    // pairs stop here, before anything is allocated.
    if wrong_length.abs_diff(right_length) > limit {
        return None;
    }
    let folded_equal = wrong.len() == right.len()
        && wrong
            .chars()
            .zip(right.chars())
            .all(|(a, b)| fold_char(a) == fold_char(b));
    if folded_equal {
        return Some(0);
    }
    let d = if ascii && wrong.len() < 64 && right.len() < 64 {
        let (mut a, mut b) = ([0u8; 64], [0u8; 64]);
        for (slot, c) in a.iter_mut().zip(wrong.bytes()) {
            *slot = fold_char(char::from(c)) as u8;
        }
        for (slot, c) in b.iter_mut().zip(right.bytes()) {
            *slot = fold_char(char::from(c)) as u8;
        }
        let (a, b) = (&a[..wrong.len()], &b[..right.len()]);
        // Most names a misspelling is compared with share few letters with it: that shows
        // in their letter counts, without filling the distance table.
        if letter_bound(a, b) > limit {
            return None;
        }
        distance(a, b, limit)
    } else {
        distance(&fold(wrong), &fold(right), limit)
    };
    (d <= limit).then_some(d)
}

/// A lower bound of the edit distance of two ASCII strings from their letter counts: an
/// insertion or a deletion changes one count by one, a substitution two counts, a
/// transposition none, so at least half the total difference of the counts is edits.
fn letter_bound(a: &[u8], b: &[u8]) -> usize {
    let mut counts = [0i8; 128];
    for &c in a {
        counts[usize::from(c & 0x7f)] += 1;
    }
    for &c in b {
        counts[usize::from(c & 0x7f)] -= 1;
    }
    let mut difference = 0;
    for &c in a.iter().chain(b) {
        let count = &mut counts[usize::from(c & 0x7f)];
        difference += usize::from(count.unsigned_abs());
        *count = 0;
    }
    difference.div_ceil(2)
}

/// Whether `wrong` looks like a misspelling of `right`.
pub fn is_similar(wrong: &str, right: &str) -> bool {
    closeness(wrong, right).is_some()
}

/// The candidate `wrong` was most likely meant to be, if any is close enough.
pub fn best_match<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        if candidate == wrong {
            continue;
        }
        let Some(distance) = closeness(wrong, candidate) else {
            continue;
        };
        if best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphen_case_and_typos() {
        let names = ["dom_id", "dom_name", "ftp_user"];
        assert_eq!(best_match("dom-id", names), Some("dom_id"));
        assert_eq!(best_match("DOM_NAME", names), Some("dom_name"));
        assert_eq!(best_match("ftp_usr", names), Some("ftp_user"));
        assert_eq!(best_match("webspace", names), None);
        assert_eq!(edit_distance("ab", "ba"), 1);
    }

    /// The letter-count bound never exceeds the distance, so it never hides a suggestion.
    #[test]
    fn letter_bound_is_a_lower_bound() {
        let words = [
            "dom_id",
            "dom_name",
            "ftp_user",
            "ftp-usr",
            "webspace",
            "site",
            "stie",
            "gen_info",
            "geninfo",
            "hosting",
            "hsoting",
            "",
            "a",
            "ab",
            "ba",
            "aaaa",
            "bbbb",
            "resultType",
        ];
        for a in words {
            for b in words {
                let distance = edit_distance(a, b);
                assert!(
                    letter_bound(a.as_bytes(), b.as_bytes()) <= distance,
                    "{a} {b}"
                );
            }
        }
        assert_eq!(letter_bound(b"aaaa", b"bbbb"), 4);
        assert_eq!(letter_bound(b"site", b"stie"), 0);
    }
}
