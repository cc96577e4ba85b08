//! "Did you mean": the known name an unknown one was probably meant to be.
//!
//! The mistakes people make with Plesk names are few and regular: a hyphen for an underscore
//! or the reverse (`dom-id` for `dom_id`, as the documentation itself does), wrong case, and
//! small typos. Those are tried in that order.

/// Folds the differences that never distinguish two Plesk names: case, `-` versus `_`.
fn fold(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c == '-' {
                '_'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

/// Optimal string alignment distance (Levenshtein plus adjacent transpositions), in chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let substitution = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + substitution);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

/// Whether `wrong` looks like a misspelling of `right`.
pub fn is_similar(wrong: &str, right: &str) -> bool {
    let (folded_wrong, folded_right) = (fold(wrong), fold(right));
    if folded_wrong == folded_right {
        return true;
    }
    let (wrong_length, right_length) = (folded_wrong.chars().count(), folded_right.chars().count());
    let limit = (right_length / 3).max(1);
    // The distance is at least the difference in length: most pairs stop here, and the
    // checker asks this for every name of a model when it meets an unknown element.
    wrong_length.abs_diff(right_length) <= limit
        && edit_distance(&folded_wrong, &folded_right) <= limit
}

/// The candidate `wrong` was most likely meant to be, if any is close enough.
pub fn best_match<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let folded = fold(wrong);
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        if candidate == wrong || !is_similar(wrong, candidate) {
            continue;
        }
        let distance = if fold(candidate) == folded {
            0
        } else {
            edit_distance(&folded, &fold(candidate))
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
