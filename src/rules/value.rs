//! Compiled value types: what the text of a leaf element or of an attribute may be, checked
//! exactly as XML Schema 1.0 checks simple types.
//!
//! A value type is a union of members: a literal, a built-in, or a base type narrowed by
//! facets. A member normalises whitespace first (its own facet, else its base's), then its
//! text must be one of the enumeration, be a valid value of the base (recursively, with the
//! base's facets), fit the length, match a pattern and lie in the range. The order of the
//! checks only decides which message a wrong value gets.

mod builtin;
mod decimal;
mod lexical;
mod pattern;
mod restriction;
mod samples;
mod temporal;

#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use super::ast::{Bounds, Span, ValueExpr, ValueMember, WhiteSpace};
use super::syntax::SyntaxError;
use builtin::Builtin;
use restriction::Restriction;

/// A compiled value type.
#[derive(Debug, Clone)]
pub struct ValueType {
    name: Option<String>,
    members: Vec<Member>,
    /// `sample()`, computed once: generating a text from a pattern is not cheap, and every
    /// invalid value's help and every generated packet asks for one.
    sample: OnceLock<String>,
    /// `invalid_sample()`, computed once.
    invalid_sample: OnceLock<Option<String>>,
}

/// Why a text is not a valid value, saying what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError {
    /// "`12/12/2005` is not a `date`: expected YYYY-MM-DD, ..."
    pub message: String,
}

impl std::fmt::Display for ValueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ValueError {}

#[derive(Debug, Clone)]
enum Member {
    Builtin(Builtin),
    /// Exactly this text, without whitespace handling.
    Literal(String),
    Restricted(Restriction),
}

/// Resolves the name of a base type to its compiled type.
pub type Resolve<'a> = dyn FnMut(&str, &Span) -> Result<Arc<ValueType>, SyntaxError> + 'a;

impl ValueType {
    /// Whether `name` is a built-in type (without building it).
    pub fn is_builtin(name: &str) -> bool {
        Builtin::from_name(name).is_some()
    }

    /// The built-in called `name`, with its `xs:` prefix (`xs:long`).
    pub fn builtin(name: &str) -> Option<Arc<ValueType>> {
        let builtin = Builtin::from_name(name)?;
        let members = vec![Member::Builtin(builtin)];
        Some(Arc::new(ValueType {
            name: Some(name.to_string()),
            members,
            sample: OnceLock::new(),
            invalid_sample: OnceLock::new(),
        }))
    }

    /// Compiles `expr`, resolving base names with `resolve`. Errors point into `expr`: a
    /// facet its base does not take, an invalid pattern, empty bounds, an enumeration value
    /// or range bound the base rejects.
    pub fn compile(
        name: Option<&str>,
        expr: &ValueExpr,
        resolve: &mut Resolve,
    ) -> Result<ValueType, SyntaxError> {
        let members = expr
            .members
            .iter()
            .map(|m| compile_member(m, resolve))
            .collect::<Result<_, _>>()?;
        Ok(ValueType {
            name: name.map(str::to_string),
            members,
            sample: OnceLock::new(),
            invalid_sample: OnceLock::new(),
        })
    }

    /// The name the type was compiled under, if any.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The whitespace handling of the type (`Preserve` for unions and literals).
    pub fn whitespace(&self) -> WhiteSpace {
        match self.members.as_slice() {
            [Member::Builtin(b)] => b.whitespace(),
            [Member::Restricted(r)] => r.whitespace,
            _ => WhiteSpace::Preserve,
        }
    }

    /// Whether `text` is a valid value; if not, what was expected.
    pub fn check(&self, text: &str) -> Result<(), ValueError> {
        match self.members.as_slice() {
            [member] => member.check(text),
            members if members.iter().any(|m| m.check(text).is_ok()) => Ok(()),
            members => {
                let literals: Option<Vec<&str>> = members.iter().map(Member::literal).collect();
                match literals {
                    Some(literals) => Err(not_one_of(text, &literals)),
                    None => Err(error(format!(
                        "{} matches no member of the union: expected {}",
                        quote(text),
                        self.describe()
                    ))),
                }
            }
        }
    }

    /// A short description for `explain` trees and messages: "long", "date (YYYY-MM-DD)",
    /// `"ok" | "error"`, "string, 3..255 chars".
    pub fn describe(&self) -> String {
        self.members
            .iter()
            .map(Member::describe)
            .collect::<Vec<_>>()
            .join(" | ")
    }

    /// The values the type enumerates (literal members and enumeration facets, through its
    /// bases), for completion in an editor; empty when the type is not an enumeration.
    pub fn enumeration(&self) -> Vec<&str> {
        let mut values = Vec::new();
        for member in &self.members {
            match member {
                Member::Literal(text) => values.push(text.as_str()),
                Member::Restricted(r) if !r.enumeration.is_empty() => {
                    values.extend(r.enumeration.iter().map(String::as_str))
                }
                Member::Restricted(r) => values.extend(r.base.enumeration()),
                Member::Builtin(_) => {}
            }
        }
        values
    }

    /// The built-in at the root of the type when libxml2 (the server's validator) refuses white
    /// space around its values although XML Schema collapses it: the fixed-size integers
    /// (`long`, `int`, `unsignedInt`, …) and the date and time types. libxml2 2.9 trims
    /// `integer`, `decimal`, `boolean` and the rest (docs/libxml2-differences.md).
    pub fn strict_in_libxml2(&self) -> Option<&'static str> {
        use Builtin as B;
        self.primitive()
            .filter(|b| {
                matches!(
                    b,
                    B::Long
                        | B::Int
                        | B::Short
                        | B::Byte
                        | B::UnsignedLong
                        | B::UnsignedInt
                        | B::UnsignedShort
                        | B::UnsignedByte
                        | B::Date
                        | B::DateTime
                        | B::Time
                        | B::Duration
                )
            })
            .map(Builtin::name)
    }

    /// The built-in at the root of a single-member type; `None` for unions and literals.
    fn primitive(&self) -> Option<Builtin> {
        match self.members.as_slice() {
            [Member::Builtin(b)] => Some(*b),
            [Member::Restricted(r)] => r.base.primitive(),
            _ => None,
        }
    }

    /// The length bounds in force, from the nearest restriction that sets them.
    fn length(&self) -> Option<Bounds> {
        match self.members.as_slice() {
            [Member::Restricted(r)] => r.length.or_else(|| r.base.length()),
            _ => None,
        }
    }

    /// How the type reads as the base of another: its name if it has one.
    fn label(&self) -> String {
        match (self.members.as_slice(), &self.name) {
            ([Member::Builtin(b)], _) => b.describe(),
            (_, Some(name)) => name.clone(),
            (members, None) if members.len() > 1 => format!("({})", self.describe()),
            _ => self.describe(),
        }
    }
}

fn compile_member(member: &ValueMember, resolve: &mut Resolve) -> Result<Member, SyntaxError> {
    match member {
        ValueMember::Literal { text, .. } => Ok(Member::Literal(text.clone())),
        ValueMember::Restricted {
            base,
            base_span,
            facets,
        } => {
            let base = resolve(base, base_span)?;
            Ok(Member::Restricted(Restriction::new(base, facets)?))
        }
    }
}

impl Member {
    fn check(&self, text: &str) -> Result<(), ValueError> {
        match self {
            Member::Builtin(b) => check_builtin(*b, text),
            Member::Literal(literal) if text == literal => Ok(()),
            Member::Literal(literal) => Err(not_one_of(text, &[literal])),
            Member::Restricted(r) => r.check(text),
        }
    }

    fn literal(&self) -> Option<&str> {
        match self {
            Member::Literal(text) => Some(text),
            _ => None,
        }
    }

    fn describe(&self) -> String {
        match self {
            Member::Builtin(b) => b.describe(),
            Member::Literal(text) => format!("{text:?}"),
            Member::Restricted(r) => r.describe(),
        }
    }
}

fn check_builtin(b: Builtin, text: &str) -> Result<(), ValueError> {
    let v = normalize(text, b.whitespace());
    if b.accepts(&v) {
        return Ok(());
    }
    let (article, name, expected) = (article(b.name()), b.name(), b.expectation());
    Err(error(if v.is_empty() {
        format!("the text is empty: expected {article} `{name}`, {expected}")
    } else {
        format!(
            "{} is not {article} `{name}`: expected {expected}",
            quote(&v)
        )
    }))
}

/// XSD whitespace handling: `replace` turns tab, newline and carriage return into spaces;
/// `collapse` also trims and squeezes runs of spaces. Text that needs neither is borrowed.
fn normalize(text: &str, ws: WhiteSpace) -> Cow<'_, str> {
    if ws == WhiteSpace::Preserve {
        return Cow::Borrowed(text);
    }
    // One pass over the bytes: this runs for every value of every packet (twice for a named
    // type over a built-in), and `str::contains` with a string pattern sets up a substring
    // searcher per call, which cost more than the check itself on short values.
    let bytes = text.as_bytes();
    let controls = bytes.iter().any(|b| matches!(b, b'\t' | b'\n' | b'\r'));
    let spaces = bytes.first() == Some(&b' ')
        || bytes.last() == Some(&b' ')
        || bytes.windows(2).any(|pair| pair == b"  ");
    match ws {
        WhiteSpace::Replace if controls => Cow::Owned(text.replace(['\t', '\n', '\r'], " ")),
        WhiteSpace::Collapse if controls || spaces => {
            let words = text
                .split([' ', '\t', '\n', '\r'])
                .filter(|w| !w.is_empty());
            Cow::Owned(words.collect::<Vec<_>>().join(" "))
        }
        _ => Cow::Borrowed(text),
    }
}

fn error(message: String) -> ValueError {
    ValueError { message }
}

fn not_one_of(text: &str, values: &[&str]) -> ValueError {
    let shown: Vec<String> = values.iter().take(12).map(|v| format!("`{v}`")).collect();
    let more = if values.len() > 12 {
        format!(" (and {} more)", values.len() - 12)
    } else {
        String::new()
    };
    let list = shown.join(" | ") + &more;
    error(match (text.is_empty(), values.len()) {
        (true, _) => format!(
            "the text is empty: expected {}{list}",
            if values.len() > 1 { "one of " } else { "" }
        ),
        (false, 1) => format!("{} is not {list}", quote(text)),
        (false, _) => format!("{} is not one of {list}", quote(text)),
    })
}

/// The text in backticks, shortened and with control characters escaped.
fn quote(text: &str) -> String {
    let mut shown: String = text
        .chars()
        .take(60)
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect()
            } else {
                vec![c]
            }
        })
        .collect();
    if text.chars().count() > 60 {
        shown.push('…');
    }
    format!("`{shown}`")
}

fn article(name: &str) -> &'static str {
    if name.starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U']) {
        "an"
    } else {
        "a"
    }
}
