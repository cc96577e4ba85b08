//! The tokenizer shared by content models and value types.
//!
//! Keywords (`OPERATIONS`, `length`, `nillable`, ...) are lexed as plain names: an element
//! may well be called `length` or `pattern`, so only the parser, which knows the position,
//! decides whether a name is a keyword there.

use super::ast::Span;
use super::syntax::SyntaxError;

/// What a token is.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    /// A name: letters, digits, `_`, `-`, `.`, optionally with the `xs:` prefix. Keywords too.
    Name(String),
    /// `@name`, holding the name without `@`.
    Attr(String),
    /// `#text`
    Text,
    /// `...`
    Ellipsis,
    /// `..`
    DotDot,
    /// An integer, possibly negative.
    Number(i128),
    /// `"..."`, unescaped.
    Str(String),
    /// One of `, | & ( ) { } ? * + :`.
    Punct(char),
}

/// A token and the bytes it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// What it is.
    pub tok: Tok,
    /// Where it is in the source.
    pub span: Span,
}

impl Token {
    /// How the token reads in an error message: "`,`", "`length`", "a string literal".
    pub fn describe(&self) -> String {
        match &self.tok {
            Tok::Name(n) => format!("`{n}`"),
            Tok::Attr(n) => format!("`@{n}`"),
            Tok::Text => "`#text`".into(),
            Tok::Ellipsis => "`...`".into(),
            Tok::DotDot => "`..`".into(),
            Tok::Number(n) => format!("the number {n}"),
            Tok::Str(_) => "a string literal".into(),
            Tok::Punct(c) => format!("`{c}`"),
        }
    }
}

/// Splits `src` into tokens, skipping whitespace.
pub fn tokenize(src: &str) -> Result<Vec<Token>, SyntaxError> {
    let mut lexer = Lexer { src, pos: 0 };
    let mut tokens = Vec::new();
    while let Some(token) = lexer.next_token()? {
        tokens.push(token);
    }
    Ok(tokens)
}

/// A character that may start a name (XML names do not start with a digit, `-` or `.`).
fn is_name_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

/// A character that may continue a name.
fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '.')
}

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
}

impl Lexer<'_> {
    fn rest(&self) -> &str {
        &self.src[self.pos..]
    }

    fn peek_char(&self, n: usize) -> Option<char> {
        self.rest().chars().nth(n)
    }

    fn token(&mut self, tok: Tok, len: usize) -> Token {
        let start = self.pos;
        self.pos += len;
        Token {
            tok,
            span: start..self.pos,
        }
    }

    fn error(&self, message: String, len: usize) -> SyntaxError {
        SyntaxError::new(message, self.pos..self.pos + len)
    }

    fn next_token(&mut self) -> Result<Option<Token>, SyntaxError> {
        let skipped = self.rest().len() - self.rest().trim_start().len();
        self.pos += skipped;
        let Some(c) = self.peek_char(0) else {
            return Ok(None);
        };
        let token = match c {
            ',' | '|' | '&' | '(' | ')' | '{' | '}' | '?' | '*' | '+' | ':' => {
                self.token(Tok::Punct(c), 1)
            }
            '.' => self.dots()?,
            '"' => self.string()?,
            '@' => self.attribute()?,
            '#' => self.text()?,
            '-' | '0'..='9' => self.number()?,
            c if is_name_start(c) => {
                let len = self.name_len(0);
                let name = self.rest()[..len].to_string();
                self.token(Tok::Name(name), len)
            }
            c => return Err(self.error(format!("unexpected character `{c}`"), c.len_utf8())),
        };
        Ok(Some(token))
    }

    /// Byte length of the name starting `offset` bytes ahead. A name stops before `..`, so
    /// `length 3..` and `name..` lex as expected, and takes `xs:` as a prefix.
    fn name_len(&self, offset: usize) -> usize {
        let text = &self.rest()[offset..];
        let mut len = 0;
        for (i, c) in text.char_indices() {
            if !is_name_char(c) || text[i..].starts_with("..") {
                break;
            }
            len = i + c.len_utf8();
        }
        let after = &text[len..];
        let prefixed = after.starts_with(':') && after[1..].starts_with(is_name_start);
        if &text[..len] == "xs" && prefixed {
            return len + 1 + self.name_len(offset + len + 1);
        }
        len
    }

    fn dots(&mut self) -> Result<Token, SyntaxError> {
        if self.rest().starts_with("...") {
            Ok(self.token(Tok::Ellipsis, 3))
        } else if self.rest().starts_with("..") {
            Ok(self.token(Tok::DotDot, 2))
        } else {
            Err(self.error("unexpected `.`: expected `..` or `...`".into(), 1))
        }
    }

    fn attribute(&mut self) -> Result<Token, SyntaxError> {
        if !self.rest()[1..].starts_with(is_name_start) {
            return Err(self.error("expected an attribute name after `@`".into(), 1));
        }
        let len = self.name_len(1);
        let name = self.rest()[1..1 + len].to_string();
        Ok(self.token(Tok::Attr(name), 1 + len))
    }

    fn text(&mut self) -> Result<Token, SyntaxError> {
        let len = 1 + self.name_len(1);
        if &self.rest()[..len] != "#text" {
            let msg = "unexpected `#`: only `#text` starts with `#`".to_string();
            return Err(self.error(msg, len));
        }
        Ok(self.token(Tok::Text, len))
    }

    fn number(&mut self) -> Result<Token, SyntaxError> {
        let rest = self.rest();
        let sign = usize::from(rest.starts_with('-'));
        let digits = rest[sign..].bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return Err(self.error("unexpected `-`: expected a number after it".into(), 1));
        }
        let len = sign + digits;
        if rest[len..].starts_with(is_name_start) {
            let msg = "a name cannot start with a digit".to_string();
            return Err(self.error(msg, len + self.name_len(len)));
        }
        match rest[..len].parse::<i128>() {
            Ok(n) => Ok(self.token(Tok::Number(n), len)),
            Err(_) => Err(self.error(format!("number `{}` is too large", &rest[..len]), len)),
        }
    }

    /// A string literal: `\"` and `\\` are escapes; any other backslash is kept as it is,
    /// so a pattern may say `"\d+"` as well as `"\\d+"`.
    fn string(&mut self) -> Result<Token, SyntaxError> {
        let mut text = String::new();
        let mut chars = self.rest().char_indices().skip(1);
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => return Ok(self.token(Tok::Str(text), i + 1)),
                '\\' => match self.rest()[i + 1..].chars().next() {
                    Some(e @ ('"' | '\\')) => {
                        text.push(e);
                        chars.next();
                    }
                    _ => text.push('\\'),
                },
                c => text.push(c),
            }
        }
        Err(self.error("unclosed string literal: expected a closing `\"`".into(), 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(src: &str) -> Vec<Tok> {
        tokenize(src).unwrap().into_iter().map(|t| t.tok).collect()
    }

    fn name(s: &str) -> Tok {
        Tok::Name(s.into())
    }

    #[test]
    fn names_with_dashes_dots_and_the_xs_prefix() {
        assert_eq!(
            toks("owner-id a.b _x"),
            [name("owner-id"), name("a.b"), name("_x")]
        );
        assert_eq!(toks("xs:long"), [name("xs:long")]);
        assert_eq!(
            toks("xs: long"),
            [name("xs"), Tok::Punct(':'), name("long")]
        );
        assert_eq!(toks("ns:long"), [name("ns"), Tok::Punct(':'), name("long")]);
        assert_eq!(
            toks("dom_id: xs:int"),
            [name("dom_id"), Tok::Punct(':'), name("xs:int")]
        );
        assert_eq!(toks("имя"), [name("имя")]);
    }

    #[test]
    fn punctuation_dots_and_numbers() {
        let expected = [
            name("length"),
            Tok::Number(3),
            Tok::DotDot,
            Tok::Number(255),
        ];
        assert_eq!(toks("length 3..255"), expected);
        assert_eq!(
            toks("range -5..-1")[1..],
            [Tok::Number(-5), Tok::DotDot, Tok::Number(-1)]
        );
        assert_eq!(toks("...base"), [Tok::Ellipsis, name("base")]);
        assert_eq!(
            toks("a{2,}")[1..],
            [
                Tok::Punct('{'),
                Tok::Number(2),
                Tok::Punct(','),
                Tok::Punct('}')
            ]
        );
        assert_eq!(toks(",|&(){}?*+:").len(), 11);
    }

    #[test]
    fn attributes_text_and_strings() {
        assert_eq!(toks("@id?"), [Tok::Attr("id".into()), Tok::Punct('?')]);
        assert_eq!(toks("#text"), [Tok::Text]);
        assert_eq!(toks(r#""a\"b\\c\d""#), [Tok::Str(r#"a"b\c\d"#.into())]);
    }

    #[test]
    fn spans_are_byte_offsets() {
        let tokens = tokenize("é: \"x\"").unwrap();
        let spans: Vec<_> = tokens.iter().map(|t| t.span.clone()).collect();
        assert_eq!(spans, [0..2, 2..3, 4..7]);
    }

    #[test]
    fn errors_point_at_the_culprit() {
        let err = |s: &str| tokenize(s).unwrap_err();
        assert_eq!(err("a . b").span, 2..3);
        assert_eq!(err("x \"abc").span, 2..3);
        assert!(err("#txt").message.contains("#text"));
        assert_eq!(err("@ x").span, 0..1);
        assert_eq!(err("a - b").span, 2..3);
        assert_eq!(err("3abc").span, 0..4);
        assert_eq!(err("a $").span, 2..3);
        assert!(
            err("99999999999999999999999999999999999999999")
                .message
                .contains("too large")
        );
    }
}
