//! The XML Schema 1.0 built-in value types: their whitespace handling, lexical forms and
//! value ranges, which facets narrow them, and sample values.
//!
//! Checks take the text after whitespace handling. Integers of any size are compared as
//! decimal strings, as XSD says (libxml2 stops at 24 digits; Plesk never comes close).

use super::decimal::Decimal;
use super::lexical::{base64_octets, is_language, is_name, is_name_char, is_uri};
use super::temporal;
use crate::rules::ast::WhiteSpace;

/// A built-in simple type of XML Schema.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builtin {
    String,
    NormalizedString,
    Token,
    AnySimpleType,
    Boolean,
    Decimal,
    Integer,
    Long,
    Int,
    Short,
    Byte,
    UnsignedLong,
    UnsignedInt,
    UnsignedShort,
    UnsignedByte,
    PositiveInteger,
    NonNegativeInteger,
    NegativeInteger,
    NonPositiveInteger,
    Float,
    Double,
    Date,
    DateTime,
    Time,
    Duration,
    Base64Binary,
    HexBinary,
    AnyUri,
    NmToken,
    Name,
    NcName,
    Language,
}

/// What facets a built-in takes, after XSD's table of applicable facets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// String types and anyURI: length in characters, enumeration, pattern.
    Text,
    /// hexBinary and base64Binary: length in octets, enumeration, pattern.
    Binary,
    /// Decimals and integers: range, enumeration (by value), pattern.
    Decimal,
    /// float and double: range, enumeration (by value), pattern.
    Float,
    /// Dates, times, durations: enumeration, pattern (our ranges are integers).
    Temporal,
    /// boolean: pattern only.
    Boolean,
    /// anySimpleType: no facets at all.
    Any,
}

use Builtin as B;

const NAMES: [(Builtin, &str); 32] = [
    (B::String, "string"),
    (B::NormalizedString, "normalizedString"),
    (B::Token, "token"),
    (B::AnySimpleType, "anySimpleType"),
    (B::Boolean, "boolean"),
    (B::Decimal, "decimal"),
    (B::Integer, "integer"),
    (B::Long, "long"),
    (B::Int, "int"),
    (B::Short, "short"),
    (B::Byte, "byte"),
    (B::UnsignedLong, "unsignedLong"),
    (B::UnsignedInt, "unsignedInt"),
    (B::UnsignedShort, "unsignedShort"),
    (B::UnsignedByte, "unsignedByte"),
    (B::PositiveInteger, "positiveInteger"),
    (B::NonNegativeInteger, "nonNegativeInteger"),
    (B::NegativeInteger, "negativeInteger"),
    (B::NonPositiveInteger, "nonPositiveInteger"),
    (B::Float, "float"),
    (B::Double, "double"),
    (B::Date, "date"),
    (B::DateTime, "dateTime"),
    (B::Time, "time"),
    (B::Duration, "duration"),
    (B::Base64Binary, "base64Binary"),
    (B::HexBinary, "hexBinary"),
    (B::AnyUri, "anyURI"),
    (B::NmToken, "NMTOKEN"),
    (B::Name, "Name"),
    (B::NcName, "NCName"),
    (B::Language, "language"),
];

impl Builtin {
    /// The built-in called `xs:name`.
    pub fn from_name(name: &str) -> Option<Builtin> {
        let local = name.strip_prefix("xs:")?;
        NAMES.iter().find(|(_, n)| *n == local).map(|(b, _)| *b)
    }

    /// The local name: `long`, `dateTime`.
    pub fn name(self) -> &'static str {
        NAMES
            .iter()
            .find(|(b, _)| *b == self)
            .map_or("", |(_, n)| n)
    }

    /// XSD's whiteSpace: the string types keep or replace, everything else collapses.
    pub fn whitespace(self) -> WhiteSpace {
        match self {
            B::String | B::AnySimpleType => WhiteSpace::Preserve,
            B::NormalizedString => WhiteSpace::Replace,
            _ => WhiteSpace::Collapse,
        }
    }

    /// Which facets apply.
    pub fn family(self) -> Family {
        match self {
            B::AnySimpleType => Family::Any,
            B::Boolean => Family::Boolean,
            B::Float | B::Double => Family::Float,
            B::Date | B::DateTime | B::Time | B::Duration => Family::Temporal,
            B::Base64Binary | B::HexBinary => Family::Binary,
            B::String
            | B::NormalizedString
            | B::Token
            | B::AnyUri
            | B::NmToken
            | B::Name
            | B::NcName => Family::Text,
            B::Language => Family::Text,
            _ => Family::Decimal,
        }
    }

    /// The inclusive value range of an integer type, `None` on an unbounded side.
    fn integer_range(self) -> Option<(Option<&'static str>, Option<&'static str>)> {
        Some(match self {
            B::Integer => (None, None),
            B::Long => (Some("-9223372036854775808"), Some("9223372036854775807")),
            B::Int => (Some("-2147483648"), Some("2147483647")),
            B::Short => (Some("-32768"), Some("32767")),
            B::Byte => (Some("-128"), Some("127")),
            B::UnsignedLong => (Some("0"), Some("18446744073709551615")),
            B::UnsignedInt => (Some("0"), Some("4294967295")),
            B::UnsignedShort => (Some("0"), Some("65535")),
            B::UnsignedByte => (Some("0"), Some("255")),
            B::PositiveInteger => (Some("1"), None),
            B::NonNegativeInteger => (Some("0"), None),
            B::NegativeInteger => (None, Some("-1")),
            B::NonPositiveInteger => (None, Some("0")),
            _ => return None,
        })
    }

    /// Whether `v`, already whitespace-normalised, is in the type's lexical space and its
    /// value in the value space.
    pub fn accepts(self, v: &str) -> bool {
        if let Some((min, max)) = self.integer_range() {
            return self.accepts_integer(v, min, max);
        }
        match self {
            B::String | B::NormalizedString | B::Token | B::AnySimpleType => true,
            B::Boolean => matches!(v, "true" | "false" | "1" | "0"),
            B::Decimal => Decimal::parse(v).is_some(),
            B::Float | B::Double => parse_float(v).is_some(),
            B::Date => temporal::is_date(v),
            B::DateTime => temporal::is_date_time(v),
            B::Time => temporal::is_time(v),
            B::Duration => temporal::is_duration(v),
            B::Base64Binary => base64_octets(v).is_some(),
            B::HexBinary => v.len().is_multiple_of(2) && v.bytes().all(|b| b.is_ascii_hexdigit()),
            B::AnyUri => is_uri(v),
            B::NmToken => !v.is_empty() && v.chars().all(is_name_char),
            B::Name => is_name(v, true),
            B::NcName => is_name(v, false),
            B::Language => is_language(v),
            _ => unreachable!("integers are handled above"),
        }
    }

    /// The unsigned types take bare digits only (XSD 1.0 and libxml2 agree); the others an
    /// optional sign.
    fn accepts_integer(self, v: &str, min: Option<&str>, max: Option<&str>) -> bool {
        let unsigned = matches!(
            self,
            B::UnsignedLong | B::UnsignedInt | B::UnsignedShort | B::UnsignedByte
        );
        if unsigned && v.starts_with(['+', '-']) {
            return false;
        }
        let Some(n) = Decimal::parse_integer(v) else {
            return false;
        };
        let bound = |b: &str| Decimal::parse_integer(b).expect("a valid bound");
        min.is_none_or(|m| n >= bound(m)) && max.is_none_or(|m| n <= bound(m))
    }

    /// What the text should look like, for messages: "an integer from 0 to 255".
    pub fn expectation(self) -> String {
        if let Some(range) = self.integer_range() {
            return match range {
                (Some(min), Some(max)) => format!("an integer from {min} to {max}"),
                (Some(min), None) => format!("an integer of at least {min}"),
                (None, Some(max)) => format!("an integer of at most {max}"),
                (None, None) => "an integer (digits with an optional sign)".into(),
            };
        }
        match self {
            B::String | B::NormalizedString | B::Token | B::AnySimpleType => "any text",
            B::Boolean => "true, false, 1 or 0",
            B::Decimal => "a decimal number such as 12.5",
            B::Float | B::Double => "a number such as 1.5, -2E10, INF, -INF or NaN",
            B::Date => "YYYY-MM-DD, optionally with a time zone (Z or ±hh:mm)",
            B::DateTime => {
                "YYYY-MM-DDThh:mm:ss, optionally with fractional seconds and a time zone"
            }
            B::Time => "hh:mm:ss, optionally with fractional seconds and a time zone",
            B::Duration => "a duration PnYnMnDTnHnMnS such as P1D or PT1H30M",
            B::Base64Binary => "base64 data in groups of 4 characters from A-Z, a-z, 0-9, + and /",
            B::HexBinary => "an even number of hex digits",
            B::AnyUri => "a URI",
            B::NmToken => "a name token: letters, digits, `.`, `-`, `_` and `:`",
            B::Name => {
                "an XML name: a letter, `_` or `:`, then letters, digits, `.`, `-`, `_`, `:`"
            }
            B::NcName => "an XML name without `:`",
            B::Language => "a language tag such as en or en-US",
            _ => unreachable!("integers are handled above"),
        }
        .into()
    }

    /// A short description for `explain` trees: "long", "date (YYYY-MM-DD)".
    pub fn describe(self) -> String {
        let format = match self {
            B::Date => " (YYYY-MM-DD)",
            B::DateTime => " (YYYY-MM-DDThh:mm:ss)",
            B::Time => " (hh:mm:ss)",
            B::Duration => " (PnYnMnDTnHnMnS)",
            B::Boolean => " (true, false, 1, 0)",
            _ => "",
        };
        format!("{}{format}", self.name())
    }

    /// Typical valid values, the first one the most typical.
    pub fn samples(self) -> &'static [&'static str] {
        match self {
            B::String | B::NormalizedString | B::Token | B::AnySimpleType => &["text", "a", ""],
            B::Boolean => &["true", "false"],
            B::Decimal | B::Float | B::Double => &["1.5", "0", "-1", "1"],
            B::Integer | B::Long | B::Int | B::Short | B::Byte => &["1", "0", "-1"],
            B::UnsignedLong | B::UnsignedInt | B::UnsignedShort | B::UnsignedByte => &["1", "0"],
            B::PositiveInteger | B::NonNegativeInteger => &["1", "0"],
            B::NegativeInteger | B::NonPositiveInteger => &["-1", "0"],
            B::Date => &["2024-01-31"],
            B::DateTime => &["2024-01-31T12:00:00"],
            B::Time => &["12:00:00"],
            B::Duration => &["P1D"],
            B::Base64Binary => &["AAAA", ""],
            B::HexBinary => &["00FF", ""],
            B::AnyUri => &["http://example.com/", "a"],
            B::NmToken | B::Name | B::NcName => &["name", "a"],
            B::Language => &["en", "en-US"],
        }
    }

    /// Typical invalid values (none for the types that accept anything).
    pub fn invalid_samples(self) -> &'static [&'static str] {
        match self {
            B::String | B::NormalizedString | B::Token | B::AnySimpleType => &[],
            B::Boolean => &["yes"],
            B::Decimal | B::Float | B::Double => &["1,5"],
            B::Date => &["12/12/2005", "2023-02-29"],
            B::DateTime => &["2024-01-31 12:00"],
            B::Time => &["12:00"],
            B::Duration => &["1 day"],
            B::Base64Binary => &["A"],
            B::HexBinary => &["0"],
            B::AnyUri => &["%zz"],
            B::NmToken | B::Name | B::NcName => &["a b", "1a", "a:b"],
            B::Language => &["english language"],
            _ => &["1.5", "-1", "about 500 GB"],
        }
    }

    /// A valid value of `n` characters or octets, for types measured by length.
    pub fn of_length(self, n: usize) -> String {
        match self {
            B::HexBinary => "00".repeat(n),
            B::Base64Binary => {
                let full = "AAAA".repeat(n / 3);
                full + ["", "AA==", "AAA="][n % 3]
            }
            _ => "x".repeat(n),
        }
    }

    /// The length facets' measure: octets for binary types, characters for the rest.
    pub fn length(self, v: &str) -> usize {
        match self {
            B::HexBinary => v.len() / 2,
            B::Base64Binary => base64_octets(v).unwrap_or(0),
            _ => v.chars().count(),
        }
    }

    /// One spelling per value, for enumerations: XSD compares numbers by value (`01` is `1`).
    pub fn canonical(self, v: &str) -> String {
        match self.family() {
            Family::Decimal => Decimal::parse(v).map_or_else(|| v.to_string(), |d| d.canonical()),
            Family::Float => parse_float(v).map_or_else(|| v.to_string(), |f| format!("{f:?}")),
            _ => v.to_string(),
        }
    }
}

/// The value of an `xs:float` / `xs:double` lexical form: a decimal with an optional
/// exponent, `INF`, `-INF` or `NaN` (not `+INF`: XSD 1.0).
pub fn parse_float(v: &str) -> Option<f64> {
    match v {
        "INF" => return Some(f64::INFINITY),
        "-INF" => return Some(f64::NEG_INFINITY),
        "NaN" => return Some(f64::NAN),
        _ => {}
    }
    let (mantissa, exponent) = v.split_once(['e', 'E']).unwrap_or((v, "0"));
    Decimal::parse(mantissa)?;
    Decimal::parse_integer(exponent)?;
    let normal = format!("{}e{exponent}", mantissa.trim_end_matches('.'));
    normal.parse().ok()
}
