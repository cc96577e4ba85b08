//! A base type narrowed by facets: which facets a base takes, how their values are checked
//! against the base when the type is compiled, and how a text is checked against them.

use std::sync::Arc;

use super::builtin::{self, Builtin, Family};
use super::decimal::Decimal;
use super::pattern::Pattern;
use super::{ValueError, ValueType, error, normalize, not_one_of, quote};
use crate::rules::ast::{Bounds, Facet, Span, WhiteSpace};
use crate::rules::syntax::SyntaxError;

/// A base type narrowed by facets.
#[derive(Debug, Clone)]
pub(super) struct Restriction {
    pub(super) base: Arc<ValueType>,
    /// The effective handling: this restriction's facet, else the base's.
    pub(super) whitespace: WhiteSpace,
    /// Normalised values, as written.
    pub(super) enumeration: Vec<String>,
    /// The same values as the base compares them (`01` and `1` are one integer).
    pub(super) canonical: Vec<String>,
    pub(super) length: Option<Bounds>,
    pub(super) range: Option<Bounds>,
    /// Alternatives: several patterns of one restriction step are or-ed, as in XSD.
    pub(super) patterns: Vec<Pattern>,
}

impl Restriction {
    pub(super) fn new(base: Arc<ValueType>, facets: &[Facet]) -> Result<Restriction, SyntaxError> {
        let mut r = Restriction {
            whitespace: base.whitespace(),
            base,
            enumeration: Vec::new(),
            canonical: Vec::new(),
            length: None,
            range: None,
            patterns: Vec::new(),
        };
        let mut seen_whitespace = false;
        for facet in facets {
            r.allowed(facet)?;
            match facet {
                Facet::Enumeration(..) => {}
                Facet::Pattern(source, span) => {
                    let pattern =
                        Pattern::new(source).map_err(|m| SyntaxError::new(m, span.clone()))?;
                    r.patterns.push(pattern);
                }
                Facet::Length(bounds, span) => r.length = Some(r.length_within_base(bounds, span)?),
                Facet::Range(bounds, span) => r.range = Some(r.range_within_base(bounds, span)?),
                Facet::WhiteSpace(ws, span) => {
                    r.whitespace = r.stricter_whitespace(*ws, span, seen_whitespace)?;
                    seen_whitespace = true;
                }
            }
        }
        for facet in facets {
            if let Facet::Enumeration(values, span) = facet {
                r.add_enumeration(values, span)?;
            }
        }
        Ok(r)
    }

    /// Whether the base takes `facet`, after XSD's table of applicable facets.
    fn allowed(&self, facet: &Facet) -> Result<(), SyntaxError> {
        let (word, what) = match facet {
            Facet::Enumeration(..) => ("an enumeration", None),
            Facet::Pattern(..) => ("`pattern`", None),
            Facet::Length(..) => ("`length`", Some([Family::Text, Family::Binary].as_slice())),
            Facet::Range(..) => ("`range`", Some([Family::Decimal, Family::Float].as_slice())),
            Facet::WhiteSpace(..) => ("a whitespace facet", None),
        };
        let family = self.base.primitive().map(Builtin::family);
        let ok = match (family, facet) {
            (Some(Family::Any), _) => false,
            (None, Facet::Enumeration(..) | Facet::Pattern(..)) => true,
            (None, _) => false,
            (Some(Family::Boolean), Facet::Enumeration(..)) => false,
            (Some(family), _) => what.is_none_or(|families| families.contains(&family)),
        };
        if ok {
            return Ok(());
        }
        let base = self.base.label();
        let why = match facet {
            _ if family.is_none() => "a union or literal takes only an enumeration or a pattern",
            Facet::Length(..) => "it measures strings and binary data",
            Facet::Range(..) => "it bounds numbers",
            _ => "XML Schema does not allow it there",
        };
        Err(SyntaxError::new(
            format!("{word} does not apply to `{base}`: {why}"),
            facet.span().clone(),
        ))
    }

    /// The length bounds in force: these, which may not reach beyond the base's, and the
    /// base's on an open side.
    fn length_within_base(&self, bounds: &Bounds, span: &Span) -> Result<Bounds, SyntaxError> {
        check_bounds(bounds, span)?;
        if bounds.min.is_some_and(|min| min < 0) {
            return Err(SyntaxError::new(
                "a length cannot be negative",
                span.clone(),
            ));
        }
        let base = self.base.length().unwrap_or(Bounds {
            min: None,
            max: None,
        });
        let below = matches!((bounds.min, base.min), (Some(min), Some(base_min)) if min < base_min);
        let above = matches!((bounds.max, base.max), (Some(max), Some(base_max)) if max > base_max);
        let min = bounds.min.max(base.min);
        let max = match (bounds.max, base.max) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let empty = matches!((min, max), (Some(min), Some(max)) if min > max);
        if below || above || empty {
            let label = self.base.label();
            let msg = format!(
                "length {bounds} does not fit within the length {base} of the base `{label}`"
            );
            return Err(SyntaxError::new(msg, span.clone()));
        }
        Ok(Bounds { min, max })
    }

    fn range_within_base(&self, bounds: &Bounds, span: &Span) -> Result<Bounds, SyntaxError> {
        check_bounds(bounds, span)?;
        for bound in [bounds.min, bounds.max].into_iter().flatten() {
            if let Err(e) = self.base.check(&bound.to_string()) {
                return Err(SyntaxError::new(
                    format!("range bound {bound} is not valid for the base: {e}"),
                    span.clone(),
                ));
            }
        }
        Ok(*bounds)
    }

    fn stricter_whitespace(
        &self,
        ws: WhiteSpace,
        span: &Span,
        seen: bool,
    ) -> Result<WhiteSpace, SyntaxError> {
        let base = self.base.whitespace();
        let word = |ws: WhiteSpace| format!("{ws:?}").to_lowercase();
        let message = match () {
            _ if seen => "only one whitespace facet is allowed".to_string(),
            _ if ws < base => format!(
                "`{}` would loosen the base's whitespace handling, `{}`",
                word(ws),
                word(base)
            ),
            _ => return Ok(ws),
        };
        Err(SyntaxError::new(message, span.clone()))
    }

    /// Enumeration values are normalised like the text (after every whitespace facet, so
    /// this runs last), and must be values of the base.
    fn add_enumeration(&mut self, values: &[String], span: &Span) -> Result<(), SyntaxError> {
        for value in values {
            let value = normalize(value, self.whitespace).into_owned();
            if let Err(e) = self.base.check(&value) {
                let msg = format!(
                    "enumeration value {} is not valid for the base: {e}",
                    quote(&value)
                );
                return Err(SyntaxError::new(msg, span.clone()));
            }
            self.canonical.push(self.canonical(&value));
            self.enumeration.push(value);
        }
        Ok(())
    }

    fn canonical(&self, v: &str) -> String {
        self.base
            .primitive()
            .map_or_else(|| v.to_string(), |b| b.canonical(v))
    }

    /// Whitespace, then the enumeration, the base, the length, the patterns, the range: the
    /// enumeration first because its list of values is the most helpful message, the base
    /// before the others because they measure a valid value.
    pub(super) fn check(&self, text: &str) -> Result<(), ValueError> {
        let v = normalize(text, self.whitespace);
        if !self.enumeration.is_empty() && !self.canonical.contains(&self.canonical(&v)) {
            let values: Vec<&str> = self.enumeration.iter().map(String::as_str).collect();
            return Err(not_one_of(&v, &values));
        }
        self.base.check(&v)?;
        self.check_length(&v)?;
        self.check_patterns(&v)?;
        self.check_range(&v)
    }

    fn check_length(&self, v: &str) -> Result<(), ValueError> {
        let (Some(bounds), Some(b)) = (self.length, self.base.primitive()) else {
            return Ok(());
        };
        let length = b.length(v);
        if within(length as i128, &bounds) {
            return Ok(());
        }
        let unit = if b.family() == Family::Binary {
            "octet"
        } else {
            "character"
        };
        let plural = |n: i128| {
            if n == 1 {
                unit.to_string()
            } else {
                format!("{unit}s")
            }
        };
        let expected = in_words(&bounds);
        let last = bounds.max.or(bounds.min).unwrap_or(0);
        let msg = format!(
            "{} is {length} {} long: expected {expected} {}",
            quote(v),
            plural(length as i128),
            plural(last)
        );
        Err(error(msg))
    }

    fn check_patterns(&self, v: &str) -> Result<(), ValueError> {
        if self.patterns.is_empty() || self.patterns.iter().any(|p| p.is_match(v)) {
            return Ok(());
        }
        let sources: Vec<String> = self
            .patterns
            .iter()
            .map(|p| format!("`{}`", p.source()))
            .collect();
        let which = if sources.len() == 1 {
            "the pattern"
        } else {
            "any of the patterns"
        };
        Err(error(format!(
            "{} does not match {which} {}",
            quote(v),
            sources.join(", ")
        )))
    }

    fn check_range(&self, v: &str) -> Result<(), ValueError> {
        match (self.range, self.base.primitive()) {
            (Some(bounds), Some(b)) if !in_range(v, &bounds, b) => {
                let msg = format!(
                    "{} is out of range: expected a number {}",
                    quote(v),
                    in_words(&bounds)
                );
                Err(error(msg))
            }
            _ => Ok(()),
        }
    }

    pub(super) fn describe(&self) -> String {
        if !self.enumeration.is_empty() {
            return self
                .enumeration
                .iter()
                .map(|v| format!("{v:?}"))
                .collect::<Vec<_>>()
                .join(" | ");
        }
        let mut parts = vec![self.base.label()];
        if let Some(length) = self.length {
            let binary = self
                .base
                .primitive()
                .is_some_and(|b| b.family() == Family::Binary);
            parts.push(format!(
                "{length} {}",
                if binary { "octets" } else { "chars" }
            ));
        }
        parts.extend(self.range.map(|range| range.to_string()));
        parts.extend(
            self.patterns
                .iter()
                .map(|p| format!("pattern `{}`", p.source())),
        );
        parts.join(", ")
    }
}

fn check_bounds(bounds: &Bounds, span: &Span) -> Result<(), SyntaxError> {
    match (bounds.min, bounds.max) {
        (Some(min), Some(max)) if min > max => Err(SyntaxError::new(
            format!("empty range: {min} > {max}"),
            span.clone(),
        )),
        _ => Ok(()),
    }
}

fn within(n: i128, bounds: &Bounds) -> bool {
    bounds.min.is_none_or(|min| n >= min) && bounds.max.is_none_or(|max| n <= max)
}

/// Compares a valid number of the base's type with integer bounds: exactly for decimals,
/// as doubles for float and double (NaN is in no range).
fn in_range(v: &str, bounds: &Bounds, b: Builtin) -> bool {
    if b.family() == Family::Float {
        let value = builtin::parse_float(v).unwrap_or(f64::NAN);
        return bounds.min.is_none_or(|min| value >= min as f64)
            && bounds.max.is_none_or(|max| value <= max as f64);
    }
    let Some(value) = Decimal::parse(v) else {
        return false;
    };
    bounds
        .min
        .is_none_or(|min| value >= Decimal::from_i128(min))
        && bounds
            .max
            .is_none_or(|max| value <= Decimal::from_i128(max))
}

/// "from 3 to 255", "at least 3", "at most 255", "exactly 5".
fn in_words(bounds: &Bounds) -> String {
    match (bounds.min, bounds.max) {
        (Some(min), Some(max)) if min == max => format!("exactly {min}"),
        (Some(min), Some(max)) => format!("from {min} to {max}"),
        (Some(min), None) => format!("at least {min}"),
        (None, Some(max)) => format!("at most {max}"),
        (None, None) => "any number of".into(),
    }
}
