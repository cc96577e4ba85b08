//! The lexical forms of `xs:date`, `xs:time`, `xs:dateTime` and `xs:duration` (XSD 1.0),
//! including the calendar: month lengths and leap years.
//!
//! Where XSD 1.0 leaves room, libxml2's choices are followed: `24:00:00` is a valid time,
//! time zones go up to ±14:00, and a negative year is a leap year by the Gregorian formula
//! applied to its number (`-0004` is, `-0001` is not).

/// `-?YYYY-MM-DD` and an optional time zone.
pub fn is_date(s: &str) -> bool {
    date(s).is_some_and(timezone)
}

/// `hh:mm:ss(.s+)?` and an optional time zone.
pub fn is_time(s: &str) -> bool {
    time(s).is_some_and(timezone)
}

/// A date, `T`, a time and an optional time zone.
pub fn is_date_time(s: &str) -> bool {
    date(s)
        .and_then(|rest| rest.strip_prefix('T'))
        .and_then(time)
        .is_some_and(timezone)
}

/// `-?PnYnMnDTnHnMnS`: at least one part; the parts present keep this order; only seconds
/// may have a fraction; `T` is followed by at least one part.
pub fn is_duration(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('-').unwrap_or(s).strip_prefix('P') else {
        return false;
    };
    let (date, time) = match rest.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (rest, None),
    };
    let time_ok = time.is_none_or(|t| !t.is_empty() && parts(t, &['H', 'M', 'S']));
    !rest.is_empty() && parts(date, &['Y', 'M', 'D']) && time_ok
}

/// `(\d+ D)*` for the designators `D` in order, each at most once; seconds allow a fraction.
fn parts(mut s: &str, designators: &[char]) -> bool {
    let mut allowed = designators;
    while !s.is_empty() {
        let len = s
            .find(|c: char| !c.is_ascii_digit() && c != '.')
            .unwrap_or(s.len());
        let (number, rest) = s.split_at(len);
        let Some(d) = rest.chars().next() else {
            return false;
        };
        let Some(i) = allowed.iter().position(|&a| a == d) else {
            return false;
        };
        let fraction_ok = !number.contains('.') || d == 'S';
        let digits = number.bytes().filter(u8::is_ascii_digit).count();
        let single_dot = number.matches('.').count() <= 1;
        if digits == 0 || !fraction_ok || !single_dot {
            return false;
        }
        allowed = &allowed[i + 1..];
        s = &rest[1..];
    }
    true
}

/// Splits `n` ASCII digits off the front of `s`.
fn digits(s: &str, n: usize) -> Option<(u32, &str)> {
    let head = s.get(..n)?;
    head.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| (head.parse().unwrap_or(0), &s[n..]))
}

/// `-?YYYY-MM-DD`, returning the rest. Years of more than four digits have no leading zero,
/// and there is no year zero.
fn date(s: &str) -> Option<&str> {
    let (negative, unsigned) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let len = unsigned.bytes().take_while(u8::is_ascii_digit).count();
    let year_digits = &unsigned[..len];
    if len < 4
        || (len > 4 && year_digits.starts_with('0'))
        || year_digits.trim_matches('0').is_empty()
    {
        return None;
    }
    let rest = unsigned[len..].strip_prefix('-')?;
    let (month, rest) = digits(rest, 2)?;
    let (day, rest) = digits(rest.strip_prefix('-')?, 2)?;
    let year: i64 = year_digits
        .parse()
        .map_or(1, |y: i64| if negative { -y } else { y });
    ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)).then_some(rest)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `hh:mm:ss(.s+)?`, returning the rest; `24:00:00` is the end of the day.
fn time(s: &str) -> Option<&str> {
    let (hour, rest) = digits(s, 2)?;
    let (minute, rest) = digits(rest.strip_prefix(':')?, 2)?;
    let (second, mut rest) = digits(rest.strip_prefix(':')?, 2)?;
    let mut fraction_zero = true;
    if let Some(fraction) = rest.strip_prefix('.') {
        let len = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if len == 0 {
            return None;
        }
        fraction_zero = fraction[..len].bytes().all(|b| b == b'0');
        rest = &fraction[len..];
    }
    let end_of_day = hour == 24 && minute == 0 && second == 0 && fraction_zero;
    (end_of_day || (hour < 24 && minute < 60 && second < 60)).then_some(rest)
}

/// Nothing, `Z`, or `±hh:mm` from -14:00 to +14:00.
fn timezone(s: &str) -> bool {
    if s.is_empty() || s == "Z" {
        return true;
    }
    let Some(offset) = s.strip_prefix('+').or_else(|| s.strip_prefix('-')) else {
        return false;
    };
    let parsed =
        digits(offset, 2).and_then(|(h, rest)| Some((h, digits(rest.strip_prefix(':')?, 2)?)));
    matches!(parsed, Some((h, (m, ""))) if m < 60 && h * 60 + m <= 14 * 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        let valid = [
            "2024-01-31",
            "2024-02-29",
            "2000-02-29",
            "-0001-01-01",
            "12024-01-01",
            "2024-01-31Z",
        ];
        let valid_tz = [
            "2024-01-31+14:00",
            "2024-01-31-14:00",
            "2024-01-31+13:59",
            "-0004-02-29",
        ];
        for s in valid.iter().chain(&valid_tz) {
            assert!(is_date(s), "{s}");
        }
        let invalid = [
            "2023-02-29",
            "1900-02-29",
            "0000-01-01",
            "012024-01-01",
            "2024-1-01",
            "2024-13-01",
        ];
        let invalid_more = [
            "2024-00-10",
            "2024-04-31",
            "2024-01-31+14:01",
            "2024-01-31+15:00",
            "2024-01-31+1:00",
        ];
        let invalid_tz = [
            "2024-01-31+01:60",
            "2024-01-31 Z",
            "12/12/2005",
            "-0001-02-29",
            "",
            "2024-01-31T",
        ];
        for s in invalid.iter().chain(&invalid_more).chain(&invalid_tz) {
            assert!(!is_date(s), "{s}");
        }
    }

    #[test]
    fn times_and_date_times() {
        for s in [
            "12:00:00",
            "24:00:00",
            "23:59:59",
            "12:00:00.5",
            "12:00:00Z",
            "00:00:00-00:00",
            "24:00:00.000",
        ] {
            assert!(is_time(s), "{s}");
        }
        for s in [
            "23:59:60",
            "12:00",
            "12:00:00.",
            "1:00:00",
            "12:60:00",
            "24:00:01",
            "24:00:00.1",
            "12:00:00z",
        ] {
            assert!(!is_time(s), "{s}");
        }
        assert!(is_date_time("2024-01-31T12:00:00.5Z"));
        assert!(is_date_time("2024-01-31T24:00:00"));
        for s in [
            "2024-01-31",
            "2024-01-31t12:00:00",
            "2024-01-31T12:00",
            "2024-01-31 12:00:00",
            "2024-02-30T00:00:00",
        ] {
            assert!(!is_date_time(s), "{s}");
        }
    }

    #[test]
    fn durations() {
        for s in [
            "P1D",
            "PT1H30M",
            "-P1Y",
            "P1Y2M3DT4H5M6.7S",
            "PT1.S",
            "PT.5S",
            "PT1H2S",
            "PT0S",
            "P0Y",
        ] {
            assert!(is_duration(s), "{s}");
        }
        for s in [
            "P", "PT", "+P1Y", "P1.5Y", "P1DT", "P-1D", "P1M1Y", "PT1.5M", "P1W", "PT1..5S",
            "PT.S", "", "1D",
        ] {
            assert!(!is_duration(s), "{s}");
        }
    }
}
