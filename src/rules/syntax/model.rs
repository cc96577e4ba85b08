//! The content model productions: bodies, attributes, sequences, choices, alls, groups,
//! elements and occurrences.

use super::{Parser, Result, SyntaxError};
use crate::rules::ast::*;
use crate::rules::lexer::Tok;

/// The most branches one choice may have. The official schema set's largest has a few dozen.
const MAX_BRANCHES: usize = 256;

/// A choice of the model's grammar, `item`: a unit, or units joined by `|`.
struct Item {
    particle: Particle,
    /// Whether the item is a choice written without parentheses.
    bare_choice: bool,
}

impl Parser {
    /// `body := (attribute ",")* (model | "#text" ":" TYPE_NAME facet*)?`
    pub(super) fn body(&mut self) -> Result<(Vec<AttributeDecl>, Content)> {
        let mut attributes = Vec::new();
        while let Some(Tok::Attr(_)) = self.peek() {
            attributes.push(self.attribute()?);
            if self.eat(',').is_none() && !self.at_body_end() {
                return Err(self.unexpected("`,` after the attribute"));
            }
        }
        let whole_any = matches!(self.peek(), Some(Tok::Name(word)) if word == "any")
            && self.toks.len() == self.pos + 1
            && attributes.is_empty();
        let content = match self.peek() {
            _ if self.at_body_end() => Content::Empty,
            _ if whole_any => {
                self.bump();
                Content::Any
            }
            Some(Tok::Text) => self.text_content()?,
            _ => Content::Model(self.model(true)?),
        };
        Ok((attributes, content))
    }

    /// `attribute := "@" NAME "?"? ":" TYPE_NAME facet*`
    fn attribute(&mut self) -> Result<AttributeDecl> {
        let token = self.bump();
        let Tok::Attr(name) = token.tok else {
            unreachable!("called at an attribute")
        };
        let required = self.eat('?').is_none();
        if self.eat(':').is_none() {
            return Err(self.unexpected(&format!("`:` and a type after attribute `@{name}`")));
        }
        let (ty, ty_span) = self.type_name(&format!("a value type after `@{name}:`"))?;
        let (facets, _) = self.facets(false)?;
        let name_span = token.span.start + 1..token.span.end;
        Ok(AttributeDecl {
            name,
            name_span,
            required,
            ty,
            ty_span,
            facets,
        })
    }

    /// `"#text" ":" TYPE_NAME facet*`, the whole content of its body.
    fn text_content(&mut self) -> Result<Content> {
        self.bump();
        if self.eat(':').is_none() {
            return Err(self.unexpected("`:` and a value type after `#text`"));
        }
        let (name, span) = self.type_name("a value type after `#text:`")?;
        let (facets, _) = self.facets(false)?;
        self.eat(',');
        if !self.at_body_end() {
            let msg = "`#text` is the whole content of its element: no elements may follow it";
            return Err(SyntaxError::new(msg, self.span()));
        }
        Ok(Content::Text { name, span, facets })
    }

    /// `model := seq | all`, `seq := item ("," item)* ","?`; `top` allows `&`.
    fn model(&mut self, top: bool) -> Result<Group> {
        let start = self.span().start;
        let first = self.item()?;
        if self.at('&') {
            if !top {
                let msg = "`&` (unordered) must be the whole model of a type";
                let help = "give the elements a type of their own: `name: { a: T & b: T }`";
                return Err(SyntaxError::new(msg, self.span()).with_help(help));
            }
            if first.bare_choice {
                return Err(self.mixed('|'));
            }
            return self.all(first.particle, start);
        }
        let (mut items, mut end) = (vec![first], self.prev_end());
        while self.eat(',').is_some() && !self.at_model_end() {
            items.push(self.item()?);
            end = self.prev_end();
            if self.at('&') {
                return Err(self.mixed(','));
            }
        }
        if let [
            Item {
                bare_choice: true, ..
            },
        ] = items.as_slice()
        {
            return Ok(match items.pop().unwrap().particle {
                Particle::Group(choice) => choice,
                _ => unreachable!("an item with a `|` is a choice"),
            });
        }
        let items = items.into_iter().map(|i| i.particle).collect();
        let span = start..end;
        Ok(Group {
            kind: GroupKind::Sequence,
            items,
            occurs: Occurs::ONCE,
            span,
        })
    }

    fn mixed(&self, other: char) -> SyntaxError {
        let msg = format!("`&` and `{other}` cannot be mixed in one group; use parentheses");
        SyntaxError::new(msg, self.span())
    }

    /// `all := unit ("&" unit)* "&"?`, after its first unit.
    fn all(&mut self, first: Particle, start: usize) -> Result<Group> {
        let (mut items, mut end) = (vec![first], self.prev_end());
        while self.eat('&').is_some() && !self.at_model_end() {
            items.push(self.unit()?);
            end = self.prev_end();
        }
        if self.at(',') || self.at('|') {
            let Some(Tok::Punct(c)) = self.peek() else {
                unreachable!()
            };
            return Err(self.mixed(*c));
        }
        for item in &items {
            if let Particle::Element(e) = item
                && e.occurs.max.is_none_or(|max| max > 1)
            {
                let msg = format!("`{}` may occur at most once in an `&` group", e.name);
                return Err(SyntaxError::new(msg, e.name_span.clone()));
            }
        }
        let span = start..end;
        Ok(Group {
            kind: GroupKind::All,
            items,
            occurs: Occurs::ONCE,
            span,
        })
    }

    /// `item := unit ("|" unit)*`; at most [`MAX_BRANCHES`] units, as every branch costs
    /// each element checked against the choice (tens of thousands took seconds per packet).
    fn item(&mut self) -> Result<Item> {
        let start = self.span().start;
        let first = self.unit()?;
        if !self.at('|') {
            return Ok(Item {
                particle: first,
                bare_choice: false,
            });
        }
        let mut items = vec![first];
        while let Some(bar) = self.eat('|') {
            if items.len() >= MAX_BRANCHES {
                return Err(SyntaxError::new(
                    format!("a choice of more than {MAX_BRANCHES} branches"),
                    bar,
                )
                .with_help("no Plesk type has that many; split it into named models"));
            }
            items.push(self.unit()?);
        }
        let span = start..self.prev_end();
        let choice = Group {
            kind: GroupKind::Choice,
            items,
            occurs: Occurs::ONCE,
            span,
        };
        Ok(Item {
            particle: Particle::Group(choice),
            bare_choice: true,
        })
    }

    /// `unit := element | group | splice | keyword`
    fn unit(&mut self) -> Result<Particle> {
        match self.peek() {
            Some(Tok::Punct('(')) => self.group(),
            Some(Tok::Ellipsis) => {
                self.bump();
                let (name, span) = self.type_name("a model name after `...`")?;
                Ok(Particle::Splice { name, span })
            }
            Some(Tok::Name(_)) => self.element_or_keyword(),
            Some(Tok::Attr(_)) => {
                let msg = "attributes come first in a body, before the elements";
                Err(SyntaxError::new(msg, self.span()))
            }
            Some(Tok::Text) => {
                let msg = "`#text` is a whole content: it follows the attributes, without elements";
                Err(SyntaxError::new(msg, self.span()))
            }
            _ => Err(self.unexpected("an element, `(`, `...` or `ANY`")),
        }
    }

    /// `group := "(" model ")" OCC?`
    fn group(&mut self) -> Result<Particle> {
        self.nested(Self::group_inside)
    }

    fn group_inside(&mut self) -> Result<Particle> {
        let open = self.bump().span;
        if self.at(')') {
            return Err(SyntaxError::new(
                "empty group `()`",
                open.start..self.span().end,
            ));
        }
        let mut group = self.model(false)?;
        self.close(')', &open, "`,`, `|` or `)`")?;
        group.occurs = self.occurs()?;
        group.span = open.start..self.prev_end();
        Ok(Particle::Group(group))
    }

    /// `element := NAME OCC? ":" type`, or a keyword: `OPERATIONS`, `OPERATORS`, `ANY`.
    fn element_or_keyword(&mut self) -> Result<Particle> {
        let token = self.bump();
        let Tok::Name(name) = token.tok else {
            unreachable!("called at a name")
        };
        let occurs = self.occurs()?;
        if self.eat(':').is_some() {
            let ty = self.type_ref(&name)?;
            let default = self.default_value(&name)?;
            let name_span = token.span;
            return Ok(Particle::Element(ElementDecl {
                name,
                name_span,
                occurs,
                ty,
                default,
            }));
        }
        let span = token.span.start..self.prev_end();
        match name.as_str() {
            "OPERATIONS" => Ok(Particle::Keyword {
                keyword: Keyword::Operations,
                occurs,
                span,
            }),
            "OPERATORS" => Ok(Particle::Keyword {
                keyword: Keyword::Operators,
                occurs,
                span,
            }),
            "ANY" => Ok(Particle::Wildcard { occurs, span }),
            _ => Err(self.unexpected(&format!("`:` and a type after element name `{name}`"))),
        }
    }

    /// `("default" LITERAL)?` after an element's type.
    fn default_value(&mut self, element: &str) -> Result<Option<String>> {
        if !matches!(self.peek(), Some(Tok::Name(word)) if word == "default") {
            return Ok(None);
        }
        self.bump();
        match self.peek() {
            Some(Tok::Str(text)) => {
                let text = text.clone();
                self.bump();
                Ok(Some(text))
            }
            _ => Err(self.unexpected(&format!("a quoted default value for `{element}`"))),
        }
    }

    /// `type := TYPE_NAME facet* "nillable"? | "{" body "}"`
    fn type_ref(&mut self, element: &str) -> Result<TypeRef> {
        if self.at('{') {
            return self.nested(Self::inline_type);
        }
        let (name, span) = self.type_name(&format!("a type name or `{{` after `{element}:`"))?;
        let (facets, nillable) = self.facets(true)?;
        if facets.is_empty() {
            return Ok(TypeRef::Named {
                name,
                span,
                nillable,
            });
        }
        Ok(TypeRef::Value {
            expr: ValueExpr::restricted(&name, &span, &facets),
            nillable,
        })
    }

    /// `"{" body "}"`, at the `{`.
    fn inline_type(&mut self) -> Result<TypeRef> {
        let open = self.bump().span;
        let (attributes, content) = self.body()?;
        self.close('}', &open, "`,`, `|` or `}`")?;
        let span = open.start..self.prev_end();
        Ok(TypeRef::Inline(Box::new(Body {
            attributes,
            content,
            span,
        })))
    }

    pub(super) fn type_name(&mut self, expected: &str) -> Result<(String, Span)> {
        match self.peek() {
            Some(Tok::Name(name)) => {
                let name = name.clone();
                Ok((name, self.bump().span))
            }
            Some(Tok::Str(_)) => Err(self.unexpected(expected).with_help(
                "a fixed text is an enumeration of a base type: `xs:string (\"text\")`",
            )),
            _ => Err(self.unexpected(expected)),
        }
    }

    /// `OCC := "?" | "*" | "+" | "{" N "}" | "{" N "," "}" | "{" N "," N "}"`, or once.
    fn occurs(&mut self) -> Result<Occurs> {
        let occurs = match self.peek() {
            Some(Tok::Punct('?')) => Occurs::OPTIONAL,
            Some(Tok::Punct('*')) => Occurs::ANY,
            Some(Tok::Punct('+')) => Occurs::SOME,
            Some(Tok::Punct('{')) => return self.counted(),
            _ => return Ok(Occurs::ONCE),
        };
        self.bump();
        Ok(occurs)
    }

    fn counted(&mut self) -> Result<Occurs> {
        let open = self.bump().span;
        let min = self
            .count()
            .map_err(|e| e.with_help("an inline type needs a `:` before it: `name: { ... }`"))?;
        let max = match self.eat(',') {
            Some(_) if self.at('}') => None,
            Some(_) => Some(self.count()?),
            None => Some(min),
        };
        self.close('}', &open, "`,` or `}` in the occurrence")?;
        if max.is_some_and(|max| max < min) {
            let msg = "the maximum occurrence is less than the minimum";
            return Err(SyntaxError::new(msg, open.start..self.prev_end()));
        }
        Ok(Occurs { min, max })
    }

    fn count(&mut self) -> Result<u32> {
        match self.peek() {
            Some(&Tok::Number(n)) if u32::try_from(n).is_ok() => {
                self.bump();
                Ok(n as u32)
            }
            _ => Err(self.unexpected("a count (a whole number) in the occurrence `{n,m}`")),
        }
    }
}
