//! Value expressions as a small tree, and their layout as text.
//!
//! Like models, a value type is written on one line when it fits and broken otherwise: a
//! long enumeration gets one literal per line, so that adding a value to the schema changes
//! one line of the generated file.

use super::model::{WIDTH, width};

/// `member | member ...`: the text is valid if any member accepts it.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueExpr {
    /// The members, in schema order.
    pub members: Vec<Member>,
}

/// `base facet*`
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// A built-in (`xs:string`) or named value type.
    pub base: String,
    /// Facets in schema order.
    pub facets: Vec<Facet>,
}

/// One facet as written.
#[derive(Debug, Clone, PartialEq)]
pub enum Facet {
    /// `("a" | "b")`: the literals, quoted and escaped already.
    Enumeration(Vec<String>),
    /// Any other facet, written as is: `length 1..255`, `pattern "..."`, `collapse`.
    Word(String),
}

impl ValueExpr {
    /// The expression on one line.
    pub fn flat(&self) -> String {
        let members: Vec<String> = self.members.iter().map(Member::flat).collect();
        members.join(" | ")
    }

    /// The expression broken over lines: one member per line, long enumerations one
    /// literal per line. A lone member is opened up even if it would fit: the caller asks
    /// for lines because the entry's line (key included) is too wide.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        let many = self.members.len() > 1;
        for (i, member) in self.members.iter().enumerate() {
            let prefix = match (many, i) {
                (false, _) => "",
                (true, 0) => "  ",
                (true, _) => "| ",
            };
            member.push_lines(prefix, !many, &mut out);
        }
        out
    }
}

impl Member {
    /// The member on one line.
    pub fn flat(&self) -> String {
        let mut words = vec![self.base.clone()];
        words.extend(self.facets.iter().map(Facet::flat));
        words.join(" ")
    }

    /// `base (` + one literal per line + `) facets`, when the member is too wide (or
    /// `open` asks for it).
    fn push_lines(&self, prefix: &str, open: bool, out: &mut Vec<String>) {
        let flat = format!("{prefix}{}", self.flat());
        if width(&flat) <= WIDTH && !open {
            out.push(flat);
            return;
        }
        let pad = " ".repeat(prefix.len());
        let mut line = format!("{prefix}{}", self.base);
        for facet in &self.facets {
            match facet {
                Facet::Enumeration(literals) if literals.len() > 1 => {
                    out.push(format!("{line} ("));
                    for (i, literal) in literals.iter().enumerate() {
                        let bar = if i == 0 { "  " } else { "| " };
                        out.push(format!("{pad}  {bar}{literal}"));
                    }
                    line = format!("{pad})");
                }
                other => {
                    line.push(' ');
                    line.push_str(&other.flat());
                }
            }
        }
        out.push(line);
    }
}

impl Facet {
    fn flat(&self) -> String {
        match self {
            Facet::Enumeration(literals) => format!("({})", literals.join(" | ")),
            Facet::Word(word) => word.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_enumerations_break_one_literal_per_line() {
        let literals = (0..12).map(|i| format!("\"value-number-{i}\"")).collect();
        let value = ValueExpr {
            members: vec![Member {
                base: "string".into(),
                facets: vec![Facet::Enumeration(literals), Facet::Word("collapse".into())],
            }],
        };
        let lines = value.lines();
        assert_eq!(lines[0], "string (");
        assert_eq!(lines[1], "    \"value-number-0\"");
        assert_eq!(lines[2], "  | \"value-number-1\"");
        assert_eq!(lines.last().map(String::as_str), Some(") collapse"));
    }

    #[test]
    fn short_unions_stay_on_one_line() {
        let member = |base: &str, facets: Vec<Facet>| Member {
            base: base.into(),
            facets,
        };
        let value = ValueExpr {
            members: vec![
                member("xs:positiveInteger", vec![]),
                member("xs:string", vec![Facet::Enumeration(vec!["\"\"".into()])]),
            ],
        };
        assert_eq!(value.flat(), "xs:positiveInteger | xs:string (\"\")");
    }
}
