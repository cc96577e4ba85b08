//! A recursive-descent parser for content models and value types (`rules/README.md`).
//!
//! One function per production of the grammar (`model.rs` holds the content model's).
//! Errors name what the grammar expected at the exact token, because the author of a rules
//! file sees nothing but the message and a caret.

mod model;
#[cfg(test)]
mod tests;

use std::fmt;

use super::ast::*;
use super::lexer::{Tok, Token, tokenize};

/// A mistake in a model or value type, at a byte span of its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// What was wrong, and what was expected instead.
    pub message: String,
    /// Where, in bytes of the parsed string.
    pub span: Span,
    /// A hint on how to fix it, if there is one.
    pub help: Option<String>,
}

impl SyntaxError {
    /// An error without help.
    pub fn new(message: impl Into<String>, span: Span) -> Self {
        SyntaxError {
            message: message.into(),
            span,
            help: None,
        }
    }

    /// The same error with a hint.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SyntaxError {}

type Result<T> = std::result::Result<T, SyntaxError>;

/// Parses a body: a named model, an operation's request or response, or the inside of
/// `{ }`. Attributes come first, then a model or `#text`; `""` is [`Content::Empty`].
pub fn parse_body(src: &str) -> Result<Body> {
    let mut p = Parser::new(src)?;
    let (attributes, content) = p.body()?;
    p.finish("`,`, `|` or the end of the model")?;
    Ok(Body {
        attributes,
        content,
        span: 0..src.len(),
    })
}

/// Parses a value type: a union of literals and restricted base types.
pub fn parse_value(src: &str) -> Result<ValueExpr> {
    let mut p = Parser::new(src)?;
    if p.peek().is_none() {
        let msg = "empty value type: expected a type name or a string literal";
        return Err(SyntaxError::new(msg, 0..src.len()));
    }
    let mut members = vec![p.value_member()?];
    while p.eat('|').is_some() {
        members.push(p.value_member()?);
    }
    p.finish("a facet, `|` or the end of the value type")?;
    Ok(ValueExpr {
        members,
        span: p.toks[0].span.start..p.prev_end(),
    })
}

const FACETS: &str = "length, range, pattern, preserve, replace, collapse";

/// How deep groups and inline types may nest. Real models nest four or five levels; the
/// parser, the compiler and the AST's destructor all recurse once per level, so without a
/// limit a rules file of 100,000 `(` would overflow the stack instead of getting an error.
const MAX_NESTING: usize = 64;

struct Parser {
    toks: Vec<Token>,
    pos: usize,
    len: usize,
    /// Groups and inline types open around the current token.
    depth: usize,
}

impl Parser {
    fn new(src: &str) -> Result<Parser> {
        Ok(Parser {
            toks: tokenize(src)?,
            pos: 0,
            len: src.len(),
            depth: 0,
        })
    }

    /// Runs `parse` one nesting level deeper, or fails at the token that opens too many.
    fn nested<T>(&mut self, parse: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        if self.depth >= MAX_NESTING {
            return Err(SyntaxError::new(
                format!("groups and inline types nest more than {MAX_NESTING} deep"),
                self.span(),
            )
            .with_help("flatten the model, or name the inner part in [models] and refer to it"));
        }
        self.depth += 1;
        let result = parse(self);
        self.depth -= 1;
        result
    }

    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|t| &t.tok)
    }

    /// The current token's span, or an empty span at the end of the source.
    fn span(&self) -> Span {
        self.toks
            .get(self.pos)
            .map_or(self.len..self.len, |t| t.span.clone())
    }

    fn prev_end(&self) -> usize {
        self.pos.checked_sub(1).map_or(0, |i| self.toks[i].span.end)
    }

    fn bump(&mut self) -> Token {
        self.pos += 1;
        self.toks[self.pos - 1].clone()
    }

    fn at(&self, c: char) -> bool {
        self.peek() == Some(&Tok::Punct(c))
    }

    fn eat(&mut self, c: char) -> Option<Span> {
        self.at(c).then(|| self.bump().span)
    }

    fn unexpected(&self, expected: &str) -> SyntaxError {
        let found = self
            .toks
            .get(self.pos)
            .map_or("the end".into(), Token::describe);
        SyntaxError::new(format!("expected {expected}, found {found}"), self.span())
    }

    fn finish(&self, expected: &str) -> Result<()> {
        match self.peek() {
            None => Ok(()),
            _ => Err(self.unexpected(expected)),
        }
    }

    /// Expects the `)` or `}` closing `open`; at the end of the source, points at `open`.
    fn close(&mut self, c: char, open: &Span, expected: &str) -> Result<()> {
        if self.eat(c).is_some() {
            return Ok(());
        }
        if self.peek().is_none() {
            let msg = format!(
                "unclosed `{}` opened here",
                if c == ')' { '(' } else { '{' }
            );
            return Err(SyntaxError::new(msg, open.clone()).with_help(format!("add `{c}`")));
        }
        Err(self.unexpected(expected))
    }

    fn at_body_end(&self) -> bool {
        matches!(self.peek(), None | Some(Tok::Punct('}')))
    }

    fn at_model_end(&self) -> bool {
        matches!(self.peek(), None | Some(Tok::Punct(')' | '}')))
    }

    /// `facet*`, and with `nillable` allowed, an optional `nillable` after them.
    fn facets(&mut self, nillable: bool) -> Result<(Vec<Facet>, bool)> {
        let mut facets = Vec::new();
        loop {
            let start = self.span().start;
            let word = match self.peek() {
                Some(Tok::Punct('(')) => {
                    facets.push(self.enumeration()?);
                    continue;
                }
                Some(Tok::Name(word)) => word.clone(),
                _ => return Ok((facets, false)),
            };
            let next = self.toks.get(self.pos + 1).map(|t| &t.tok);
            if let Some(Tok::Punct(':' | '?' | '*' | '+' | '{')) = next {
                let msg = format!("expected `,` before element `{word}`");
                return Err(
                    SyntaxError::new(msg, self.span()).with_help("separate elements with `,`")
                );
            }
            // `default "…"` belongs to the element, not to its type.
            if word == "default" && nillable {
                return Ok((facets, false));
            }
            if word == "nillable" && nillable {
                self.bump();
                return Ok((facets, true));
            }
            let facet = match word.as_str() {
                "length" | "range" => self.bounds(&word)?,
                "pattern" => {
                    self.bump();
                    let expected = "a pattern string after `pattern`";
                    match self.peek() {
                        Some(Tok::Str(s)) => Facet::Pattern(s.clone(), start..self.bump().span.end),
                        _ => return Err(self.unexpected(expected)),
                    }
                }
                "preserve" => Facet::WhiteSpace(WhiteSpace::Preserve, self.bump().span),
                "replace" => Facet::WhiteSpace(WhiteSpace::Replace, self.bump().span),
                "collapse" => Facet::WhiteSpace(WhiteSpace::Collapse, self.bump().span),
                _ => return Err(self.unknown_facet(&word, nillable)),
            };
            facets.push(facet);
        }
    }

    fn unknown_facet(&self, word: &str, nillable: bool) -> SyntaxError {
        let expected = if nillable {
            format!("{FACETS}, nillable")
        } else {
            FACETS.into()
        };
        let msg = format!("unknown facet `{word}`, expected one of {expected}");
        let err = SyntaxError::new(msg, self.span());
        match expected.split(", ").find(|f| edit_distance(f, word) <= 2) {
            Some(close) => err.with_help(format!("did you mean `{close}`?")),
            None => err,
        }
    }

    /// `"(" LITERAL ("|" LITERAL)* ")"`
    fn enumeration(&mut self) -> Result<Facet> {
        let open = self.bump().span;
        let mut values = Vec::new();
        loop {
            match self.peek() {
                Some(Tok::Str(s)) => values.push(s.clone()),
                Some(Tok::Name(_)) => {
                    let help = "a group after an element needs a `,` before it";
                    return Err(self
                        .unexpected("a string literal in the enumeration")
                        .with_help(help));
                }
                _ => return Err(self.unexpected("a string literal in the enumeration")),
            }
            self.bump();
            if self.eat('|').is_none() {
                break;
            }
        }
        self.close(')', &open, "`|` or `)` in the enumeration")?;
        Ok(Facet::Enumeration(values, open.start..self.prev_end()))
    }

    /// `("length" | "range") RANGE`, `RANGE := N | N ".." N | N ".." | ".." N`
    fn bounds(&mut self, word: &str) -> Result<Facet> {
        let start = self.bump().span.start;
        let min = self.number();
        let max = if self.peek() == Some(&Tok::DotDot) {
            self.bump();
            self.number()
        } else {
            min
        };
        if min.is_none() && max.is_none() {
            let expected = format!("a range after `{word}`: N, N..M, N.. or ..M");
            return Err(self.unexpected(&expected));
        }
        let (bounds, span) = (Bounds { min, max }, start..self.prev_end());
        Ok(if word == "length" {
            Facet::Length(bounds, span)
        } else {
            Facet::Range(bounds, span)
        })
    }

    fn number(&mut self) -> Option<i128> {
        let Some(&Tok::Number(n)) = self.peek() else {
            return None;
        };
        self.bump();
        Some(n)
    }

    /// `member := LITERAL | BASE facet*`
    fn value_member(&mut self) -> Result<ValueMember> {
        match self.peek() {
            Some(Tok::Str(text)) => {
                let text = text.clone();
                Ok(ValueMember::Literal {
                    text,
                    span: self.bump().span,
                })
            }
            Some(Tok::Name(_)) => {
                let (base, base_span) = self.type_name("a type name")?;
                let (facets, _) = self.facets(false)?;
                Ok(ValueMember::Restricted {
                    base,
                    base_span,
                    facets,
                })
            }
            _ => Err(self.unexpected("a type name or a string literal")),
        }
    }
}

/// Levenshtein distance, for "did you mean" on misspelt facets.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}
