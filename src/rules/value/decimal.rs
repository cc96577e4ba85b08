//! Exact decimal numbers of any size, for XSD's unbounded `xs:integer` and `xs:decimal`:
//! comparing digit strings never overflows and never rounds.

use std::cmp::Ordering;

/// A decimal number: sign, integer digits without leading zeros, fraction digits without
/// trailing zeros. Zero is never negative, so equal numbers have equal parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decimal {
    negative: bool,
    int: String,
    frac: String,
}

impl Decimal {
    /// Parses the `xs:decimal` lexical form: `[+-]?(\d+(\.\d*)?|\.\d+)`.
    pub fn parse(s: &str) -> Option<Decimal> {
        let (negative, digits) = split_sign(s);
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        let all_digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
        if int.len() + frac.len() == 0 || !all_digits(int) || !all_digits(frac) {
            return None;
        }
        let int = int.trim_start_matches('0').to_string();
        let frac = frac.trim_end_matches('0').to_string();
        let zero = int.is_empty() && frac.is_empty();
        Some(Decimal {
            negative: negative && !zero,
            int,
            frac,
        })
    }

    /// Parses the `xs:integer` lexical form: `[+-]?\d+`.
    pub fn parse_integer(s: &str) -> Option<Decimal> {
        let (_, digits) = split_sign(s);
        let valid = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
        valid.then(|| Decimal::parse(s)).flatten()
    }

    /// The exact value of `n`.
    pub fn from_i128(n: i128) -> Decimal {
        Decimal::parse(&n.to_string()).expect("an integer is a decimal")
    }

    /// One spelling per value (`-1.5`, `0`, `12`): equal numbers have equal canonical forms,
    /// which is how XSD compares enumeration values of numeric types.
    pub fn canonical(&self) -> String {
        let sign = if self.negative { "-" } else { "" };
        let int = if self.int.is_empty() { "0" } else { &self.int };
        match self.frac.as_str() {
            "" => format!("{sign}{int}"),
            frac => format!("{sign}{int}.{frac}"),
        }
    }

    fn cmp_magnitude(&self, other: &Decimal) -> Ordering {
        let by_int = self
            .int
            .len()
            .cmp(&other.int.len())
            .then_with(|| self.int.cmp(&other.int));
        by_int.then_with(|| self.frac.cmp(&other.frac))
    }
}

fn split_sign(s: &str) -> (bool, &str) {
    match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Decimal) -> Ordering {
        match (self.negative, other.negative) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => self.cmp_magnitude(other),
            (true, true) => other.cmp_magnitude(self),
        }
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Decimal) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::parse(s).unwrap()
    }

    #[test]
    fn lexical_forms() {
        for ok in ["1", "+1", "-0", "01", "1.", ".5", "-.5", "+.5", "0001.1000"] {
            assert!(Decimal::parse(ok).is_some(), "{ok}");
        }
        for bad in [
            "", ".", "+", "-", "1.5e3", "1,5", " 1", "1..2", "--1", "0x1",
        ] {
            assert!(Decimal::parse(bad).is_none(), "{bad}");
        }
        assert!(Decimal::parse_integer("1.").is_none());
        assert!(Decimal::parse_integer("-007").is_some());
    }

    #[test]
    fn canonical_forms_identify_equal_values() {
        assert_eq!(d("-0.0").canonical(), "0");
        assert_eq!(d("+0001.1000").canonical(), "1.1");
        assert_eq!(d("-.5").canonical(), "-0.5");
        assert_eq!(d("12").canonical(), d("12.000").canonical());
    }

    #[test]
    fn ordering_is_exact_at_any_size() {
        let mut values = [
            "-10",
            "-9.99",
            "-0.5",
            "0",
            ".5",
            "1",
            "1.01",
            "9",
            "10",
            "123456789012345678901234567890",
        ]
        .map(d)
        .to_vec();
        let sorted = values.clone();
        values.reverse();
        values.sort();
        assert_eq!(values, sorted);
        assert_eq!(d("-0"), d("0"));
        assert!(d("9223372036854775808") > Decimal::from_i128(i64::MAX as i128));
    }
}
