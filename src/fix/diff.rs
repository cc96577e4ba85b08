//! A unified diff of a file's text before and after the fixes, for `--diff`: what `patch -p1`
//! and `git apply` read, with three lines of context.
//!
//! Lines keep their line ends, so a CRLF file's diff shows CRLF lines. The lines between the
//! common start and end are compared with a longest-common-subsequence table; fixes change a
//! few lines, and a change too large for the table is shown as one block.

use std::fmt::Write as _;

/// Lines of context around each change.
const CONTEXT: usize = 3;

/// The largest table (changed old lines times changed new lines) compared line by line.
const TABLE_LIMIT: usize = 4_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Same,
    Removed,
    Added,
}

/// The unified diff of `old` and `new` under the name `path`; empty when they are equal.
pub fn unified(path: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let ops = script(&a, &b);
    // `a/./x` and `a//abs/x` would not apply with `patch -p1`.
    let path = path.trim_start_matches("./").trim_start_matches('/');
    let mut out = format!("--- a/{path}\n+++ b/{path}\n");
    // Walk the script keeping both line numbers; cut it into hunks.
    let changed: Vec<usize> = (0..ops.len()).filter(|&i| ops[i] != Op::Same).collect();
    let mut groups: Vec<(usize, usize)> = Vec::new();
    for &i in &changed {
        match groups.last_mut() {
            Some((_, end)) if i <= *end + 2 * CONTEXT + 1 => *end = i,
            _ => groups.push((i, i)),
        }
    }
    // Old and new line numbers before each op.
    let mut numbers = Vec::with_capacity(ops.len() + 1);
    let (mut x, mut y) = (0, 0);
    for op in &ops {
        numbers.push((x, y));
        match op {
            Op::Same => (x, y) = (x + 1, y + 1),
            Op::Removed => x += 1,
            Op::Added => y += 1,
        }
    }
    numbers.push((x, y));
    for (first, last) in groups {
        let from = first.saturating_sub(CONTEXT);
        let to = (last + CONTEXT + 1).min(ops.len());
        let old_count = ops[from..to].iter().filter(|op| **op != Op::Added).count();
        let new_count = ops[from..to]
            .iter()
            .filter(|op| **op != Op::Removed)
            .count();
        let (x, y) = numbers[from];
        let start = |n: usize, count: usize| if count == 0 { n } else { n + 1 };
        let _ = writeln!(
            out,
            "@@ -{},{old_count} +{},{new_count} @@",
            start(x, old_count),
            start(y, new_count)
        );
        for (op, &(x, y)) in ops[from..to].iter().zip(&numbers[from..to]) {
            let (sign, line) = match op {
                Op::Same => (' ', a[x]),
                Op::Removed => ('-', a[x]),
                Op::Added => ('+', b[y]),
            };
            out.push(sign);
            out.push_str(line);
            if !line.ends_with('\n') {
                out.push_str("\n\\ No newline at end of file\n");
            }
        }
    }
    out
}

/// The edit script from `a` to `b`.
fn script(a: &[&str], b: &[&str]) -> Vec<Op> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (middle_a, middle_b) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut ops = vec![Op::Same; prefix];
    if middle_a.len().saturating_mul(middle_b.len()) <= TABLE_LIMIT {
        ops.extend(lcs_script(middle_a, middle_b));
    } else {
        ops.extend(std::iter::repeat_n(Op::Removed, middle_a.len()));
        ops.extend(std::iter::repeat_n(Op::Added, middle_b.len()));
    }
    ops.extend(std::iter::repeat_n(Op::Same, suffix));
    ops
}

/// The script of a longest common subsequence; removals before additions in each change.
fn lcs_script(a: &[&str], b: &[&str]) -> Vec<Op> {
    let (n, m) = (a.len(), b.len());
    // table[i][j]: the LCS length of a[i..] and b[j..].
    let mut table = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[at(i, j)] = if a[i] == b[j] {
                table[at(i + 1, j + 1)] + 1
            } else {
                table[at(i + 1, j)].max(table[at(i, j + 1)])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut ops = Vec::with_capacity(n + m);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push(Op::Same);
            (i, j) = (i + 1, j + 1);
        } else if i < n && (j == m || table[at(i + 1, j)] >= table[at(i, j + 1)]) {
            ops.push(Op::Removed);
            i += 1;
        } else {
            ops.push(Op::Added);
            j += 1;
        }
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moved_line_is_one_removal_and_one_addition() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\ni\n";
        let new = "a\nc\nb\nd\ne\nf\ng\nh\ni\n";
        assert_eq!(
            unified("p.xml", old, new),
            "--- a/p.xml\n+++ b/p.xml\n@@ -1,6 +1,6 @@\n a\n-b\n c\n+b\n d\n e\n f\n"
        );
        assert_eq!(unified("p.xml", old, old), "");
    }

    #[test]
    fn a_last_line_without_line_end_is_marked() {
        assert_eq!(
            unified("p", "x", "y"),
            "--- a/p\n+++ b/p\n@@ -1,1 +1,1 @@\n-x\n\\ No newline at end of file\n+y\n\\ No newline at end of file\n"
        );
    }
}
