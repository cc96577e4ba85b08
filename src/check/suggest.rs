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

/// OSA distance of two char slices with three rolling rows; stops early (returning more than
/// `limit`) once every cell of a row exceeds `limit`.
fn distance(a: &[char], b: &[char], limit: usize) -> usize {
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

fn distance_in<'r>(
    a: &[char],
    b: &[char],
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
    let (wrong_length, right_length) = (wrong.chars().count(), right.chars().count());
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
    let d = if wrong.is_ascii() && right.is_ascii() && wrong.len() < 64 && right.len() < 64 {
        let (mut a, mut b) = ([' '; 64], [' '; 64]);
        for (slot, c) in a.iter_mut().zip(wrong.chars()) {
            *slot = fold_char(c);
        }
        for (slot, c) in b.iter_mut().zip(right.chars()) {
            *slot = fold_char(c);
        }
        distance(&a[..wrong.len()], &b[..right.len()], limit)
    } else {
        distance(&fold(wrong), &fold(right), limit)
    };
    (d <= limit).then_some(d)
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
}
