//! Simple types → value expressions (`xs:string ("ok" | "error")`, `string length 3..255`).
//!
//! Facets are written in schema order, the pattern text verbatim (only `"` and `\` are
//! escaped, as the rules grammar asks), so the tables say what the schema says. Two XSD
//! rules need care: patterns of one restriction step are alternatives (so several patterns
//! become several union members), and the facets of an anonymous base carry over to the
//! member that restricts it.

use super::ImportError;
use super::complex::{Emitter, type_name};
use super::decl::{FacetDecl, SimpleDef, SimpleKind, SimpleUse, TypeName};
use super::value::{Facet, Member, ValueExpr};

impl Emitter<'_> {
    /// The value expression of a named simple type: a union of members.
    pub fn value_expr(&mut self, def: &SimpleDef) -> Result<ValueExpr, ImportError> {
        Ok(ValueExpr {
            members: self.value_members(def)?,
        })
    }

    /// An anonymous simple type written after an element or attribute name: only a single
    /// member (`base facet*`) fits there.
    pub fn inline_value(&mut self, def: &SimpleDef) -> Result<String, ImportError> {
        let mut members = self.value_members(def)?;
        match (members.pop(), members.is_empty()) {
            (Some(only), true) => Ok(only.flat()),
            _ => Err(self
                .set
                .error(def.site, "an anonymous union cannot be written in place")),
        }
    }

    /// The type of an attribute (or a union member) as written in a model.
    pub fn simple_use(&mut self, use_: &SimpleUse) -> Result<String, ImportError> {
        match use_ {
            SimpleUse::Untyped => Ok("xs:anySimpleType".into()),
            SimpleUse::Named(name, site) => {
                if let Some(id) = self.set.local(self.dir, name, *site)? {
                    if !matches!(self.set.def(id), super::decl::TypeDef::Simple(_)) {
                        return Err(self.set.error(*site, "a complex type used as a value type"));
                    }
                    self.refs.insert(type_name(name));
                }
                Ok(type_name(name))
            }
            SimpleUse::Inline(def) => self.inline_value(def),
        }
    }

    fn value_members(&mut self, def: &SimpleDef) -> Result<Vec<Member>, ImportError> {
        match &def.kind {
            SimpleKind::Restriction { base, facets } => self.value_restriction(def, base, facets),
            SimpleKind::Union(members) => {
                let mut out = Vec::new();
                for member in members {
                    match member {
                        SimpleUse::Inline(inner) => out.extend(self.value_members(inner)?),
                        named => out.push(Member {
                            base: self.simple_use(named)?,
                            facets: Vec::new(),
                        }),
                    }
                }
                Ok(out)
            }
            SimpleKind::List => Err(self.set.error(def.site, "xs:list types are not supported")),
        }
    }

    /// `base facet*` for each member of the base, and for each alternative pattern.
    fn value_restriction(
        &mut self,
        def: &SimpleDef,
        base: &SimpleUse,
        facets: &[FacetDecl],
    ) -> Result<Vec<Member>, ImportError> {
        if let SimpleUse::Named(TypeName::Builtin(name), _) = base
            && name == "anyType"
        {
            return Err(self
                .set
                .error(def.site, "a simple type restricting xs:anyType"));
        }
        let bases = match base {
            SimpleUse::Inline(inner) => self.value_members(inner)?,
            named => vec![Member {
                base: self.simple_use(named)?,
                facets: Vec::new(),
            }],
        };
        let written = self.facets(def, facets)?;
        let patterns: Vec<&Facet> = written.iter().filter(|f| is_pattern(f)).collect();
        let alternatives: Vec<Vec<Facet>> = if patterns.len() < 2 {
            vec![written.clone()]
        } else {
            let others: Vec<Facet> = written.iter().filter(|f| !is_pattern(f)).cloned().collect();
            patterns
                .iter()
                .map(|p| others.iter().cloned().chain([(*p).clone()]).collect())
                .collect()
        };
        let mut out = Vec::new();
        for base in &bases {
            for facets in &alternatives {
                let mut member = base.clone();
                member.facets.extend(facets.iter().cloned());
                out.push(member);
            }
        }
        Ok(out)
    }

    /// The facets of one restriction step, in schema order; enumerations are one facet,
    /// minLength/maxLength one `length`, minInclusive/maxInclusive one `range`.
    fn facets(&mut self, def: &SimpleDef, facets: &[FacetDecl]) -> Result<Vec<Facet>, ImportError> {
        let mut out: Vec<Facet> = Vec::new();
        let mut placed = [false; 3];
        for facet in facets {
            let word = match facet {
                FacetDecl::Enumeration(_) if !placed[0] => {
                    placed[0] = true;
                    out.push(enumeration(facets));
                    continue;
                }
                FacetDecl::Pattern(p) => format!("pattern {}", literal(p)),
                FacetDecl::Length(n) => format!("length {}", self.number(def, n)?),
                FacetDecl::MinLength(_) | FacetDecl::MaxLength(_) if !placed[1] => {
                    placed[1] = true;
                    format!("length {}", self.bounds(def, facets, true)?)
                }
                FacetDecl::MinInclusive(_) | FacetDecl::MaxInclusive(_) if !placed[2] => {
                    placed[2] = true;
                    format!("range {}", self.bounds(def, facets, false)?)
                }
                FacetDecl::WhiteSpace(mode) => match mode.as_str() {
                    "preserve" | "replace" | "collapse" => mode.clone(),
                    _ => return Err(self.set.error(def.site, format!("whiteSpace \"{mode}\""))),
                },
                FacetDecl::Other(name, value) => {
                    let line = self.where_(def.site);
                    self.notes
                        .add(format!("{line}: facet {name}=\"{value}\" is not written"));
                    continue;
                }
                // The second and later enumerations and bounds, already written.
                _ => continue,
            };
            out.push(Facet::Word(word));
        }
        Ok(out)
    }

    /// `min..max`, `min..` or `..max` from the min/max facets of one kind.
    fn bounds(
        &mut self,
        def: &SimpleDef,
        facets: &[FacetDecl],
        length: bool,
    ) -> Result<String, ImportError> {
        let (mut min, mut max) = (String::new(), String::new());
        for facet in facets {
            match (facet, length) {
                (FacetDecl::MinLength(n), true) | (FacetDecl::MinInclusive(n), false) => {
                    min = self.number(def, n)?;
                }
                (FacetDecl::MaxLength(n), true) | (FacetDecl::MaxInclusive(n), false) => {
                    max = self.number(def, n)?;
                }
                _ => {}
            }
        }
        Ok(format!("{min}..{max}"))
    }

    /// A facet bound: RANGE takes integers only.
    fn number(&self, def: &SimpleDef, text: &str) -> Result<String, ImportError> {
        let text = text.trim();
        text.parse::<i128>().map(|n| n.to_string()).map_err(|_| {
            self.set.error(
                def.site,
                format!("facet value \"{text}\" is not an integer"),
            )
        })
    }
}

/// `("a" | "b")` from every enumeration facet of a step.
fn enumeration(facets: &[FacetDecl]) -> Facet {
    let literals = facets
        .iter()
        .filter_map(|f| match f {
            FacetDecl::Enumeration(value) => Some(literal(value)),
            _ => None,
        })
        .collect();
    Facet::Enumeration(literals)
}

fn is_pattern(facet: &Facet) -> bool {
    matches!(facet, Facet::Word(word) if word.starts_with("pattern "))
}

/// A LITERAL of the rules grammar: `\` and `"` are the only escapes.
pub fn literal(text: &str) -> String {
    let escaped = text.replace('\\', "\\\\").replace('"', "\\\"");
    format!("\"{escaped}\"")
}

#[cfg(test)]
mod tests {
    use super::literal;

    #[test]
    fn patterns_keep_their_text_and_escape_backslashes() {
        assert_eq!(literal(r"[\-]?[0-9]+"), r#""[\\-]?[0-9]+""#);
        assert_eq!(literal("say \"hi\""), r#""say \"hi\"""#);
    }
}
