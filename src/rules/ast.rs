//! The syntax tree of the rules language (see `rules/README.md`).
//!
//! Both expression languages of a rules file parse into these types: content models (what
//! elements an element holds, in which order and how often) and value types (what the text of
//! a leaf element may be). Every node keeps the byte span of its source inside the model
//! string, so a mistake in a rules file can be reported at the exact character.

use std::ops::Range;

/// A byte range inside the string the node was parsed from.
pub type Span = Range<usize>;

/// How many times a particle may occur: `min..=max`, `max == None` meaning unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurs {
    /// Fewest occurrences.
    pub min: u32,
    /// Most occurrences; `None` is unbounded.
    pub max: Option<u32>,
}

impl Occurs {
    /// Exactly once: the occurrence of a particle written without `?`, `*`, `+` or `{m,n}`.
    pub const ONCE: Occurs = Occurs {
        min: 1,
        max: Some(1),
    };
    /// `?`
    pub const OPTIONAL: Occurs = Occurs {
        min: 0,
        max: Some(1),
    };
    /// `*`
    pub const ANY: Occurs = Occurs { min: 0, max: None };
    /// `+`
    pub const SOME: Occurs = Occurs { min: 1, max: None };
}

/// How the items of a group combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupKind {
    /// `a, b, c`: all of them, in this order.
    Sequence,
    /// `a | b | c`: exactly one of them.
    Choice,
    /// `a & b & c`: each at most once (or exactly once if required), in any order (xs:all).
    All,
}

/// One item of a content model.
#[derive(Debug, Clone, PartialEq)]
pub enum Particle {
    /// `name?: type`
    Element(ElementDecl),
    /// `( ... )?`, or the top level of a model.
    Group(Group),
    /// `...TypeName`: the particles of a named model, in place.
    Splice {
        /// The named model.
        name: String,
        /// Span of the name.
        span: Span,
    },
    /// `OPERATIONS` or `OPERATORS`: the choice of every operation of an operator, or every
    /// operator of a packet, known in the direction being checked.
    Keyword {
        /// Which list.
        keyword: Keyword,
        /// Occurrence of the choice.
        occurs: Occurs,
        /// Span of the keyword and its occurrence.
        span: Span,
    },
    /// `ANY`: any one element, its content not checked (`xs:any processContents="lax"`).
    Wildcard {
        /// How many elements it stands for.
        occurs: Occurs,
        /// Span of `ANY` and its occurrence.
        span: Span,
    },
}

/// The placeholders that stand for lists the rule set knows better than one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keyword {
    /// Every operation of the operator (in `[operator]`).
    Operations,
    /// Every operator (in `_packet.toml`).
    Operators,
}

/// A parenthesised group, or a whole model.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Sequence, choice or all.
    pub kind: GroupKind,
    /// The members, in source order.
    pub items: Vec<Particle>,
    /// Occurrence of the whole group.
    pub occurs: Occurs,
    /// Span of the group, parentheses and occurrence included.
    pub span: Span,
}

/// `name?: type`: an element the model accepts.
#[derive(Debug, Clone, PartialEq)]
pub struct ElementDecl {
    /// The element name.
    pub name: String,
    /// Span of the name.
    pub name_span: Span,
    /// How often it may occur.
    pub occurs: Occurs,
    /// What it contains.
    pub ty: TypeRef,
    /// `default "text"`: an empty element is checked as if it held this text (XSD `default=`).
    pub default: Option<String>,
}

/// What an element contains.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeRef {
    /// A named model or value type, or a built-in (`any`, `empty`, `xs:long`).
    Named {
        /// The type name.
        name: String,
        /// Span of the name.
        span: Span,
        /// `nillable`: the element may carry `xsi:nil="true"` and be empty.
        nillable: bool,
    },
    /// `{ ... }`: an anonymous type written in place.
    Inline(Box<Body>),
    /// `TYPE_NAME facet+ nillable?`: an anonymous value type written in place
    /// (`url?: urlType length ..255`); `expr` has exactly one restricted member.
    Value {
        /// The base and its facets.
        expr: ValueExpr,
        /// `nillable`: the element may carry `xsi:nil="true"` and be empty.
        nillable: bool,
    },
}

/// The inside of `{ ... }`, and the resolved form of every named model.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// `@name?: Type` declarations.
    pub attributes: Vec<AttributeDecl>,
    /// The content.
    pub content: Content,
    /// Span of the body, braces included.
    pub span: Span,
}

/// The content part of a body.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    /// `{ }`: no text, no elements.
    Empty,
    /// A body that is just `any`: anything at all (an untyped operation).
    Any,
    /// Child elements, as a group.
    Model(Group),
    /// `#text: Type`: a text value (an element that has attributes and a value).
    Text {
        /// The value type.
        name: String,
        /// Span of the type name.
        span: Span,
        /// Facets narrowing it in place (`#text: string length ..255`); usually none.
        facets: Vec<Facet>,
    },
}

/// `@name?: Type`
#[derive(Debug, Clone, PartialEq)]
pub struct AttributeDecl {
    /// The attribute name.
    pub name: String,
    /// Span of the name.
    pub name_span: Span,
    /// Written without `?`.
    pub required: bool,
    /// The value type's name.
    pub ty: String,
    /// Span of the value type's name.
    pub ty_span: Span,
    /// Facets narrowing the type in place (`@id: string length 1..`); usually none.
    pub facets: Vec<Facet>,
}

/// A value type expression: a union of members.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueExpr {
    /// The members; the text is valid if any member accepts it.
    pub members: Vec<ValueMember>,
    /// Span of the whole expression.
    pub span: Span,
}

impl ValueExpr {
    /// The one-member expression `base facets`: how an attribute's, a `#text`'s or an
    /// element's type with in-place facets becomes a value type to compile.
    pub fn restricted(base: &str, base_span: &Span, facets: &[Facet]) -> ValueExpr {
        let end = facets.last().map_or(base_span.end, |f| f.span().end);
        ValueExpr {
            members: vec![ValueMember::Restricted {
                base: base.to_string(),
                base_span: base_span.clone(),
                facets: facets.to_vec(),
            }],
            span: base_span.start..end,
        }
    }
}

/// One member of a value type union.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueMember {
    /// `"text"`: exactly this text.
    Literal {
        /// The unescaped text.
        text: String,
        /// Span of the literal, quotes included.
        span: Span,
    },
    /// `base facet*`
    Restricted {
        /// The base type's name.
        base: String,
        /// Span of the base name.
        base_span: Span,
        /// Facets, in source order.
        facets: Vec<Facet>,
    },
}

/// A restriction of a base value type.
#[derive(Debug, Clone, PartialEq)]
pub enum Facet {
    /// `("a" | "b")`
    Enumeration(Vec<String>, Span),
    /// `length 3..255`: length in characters.
    Length(Bounds, Span),
    /// `range 1..65535`: inclusive numeric range.
    Range(Bounds, Span),
    /// `pattern "..."`: an XSD regular expression, anchored.
    Pattern(String, Span),
    /// `preserve`, `replace` or `collapse`.
    WhiteSpace(WhiteSpace, Span),
}

impl Facet {
    /// Span of the facet, keyword and argument included.
    pub fn span(&self) -> &Span {
        match self {
            Facet::Enumeration(_, span)
            | Facet::Length(_, span)
            | Facet::Range(_, span)
            | Facet::Pattern(_, span)
            | Facet::WhiteSpace(_, span) => span,
        }
    }
}

/// Inclusive bounds; `None` is open on that side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    /// Lower bound.
    pub min: Option<i128>,
    /// Upper bound.
    pub max: Option<i128>,
}

impl std::fmt::Display for Bounds {
    /// The rules syntax: `5`, `3..255`, `3..`, `..255`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.min, self.max) {
            (Some(a), Some(b)) if a == b => write!(f, "{a}"),
            (a, b) => {
                if let Some(a) = a {
                    write!(f, "{a}")?;
                }
                f.write_str("..")?;
                if let Some(b) = b {
                    write!(f, "{b}")?;
                }
                Ok(())
            }
        }
    }
}

/// The XSD whiteSpace facet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum WhiteSpace {
    /// Keep the text as it is.
    Preserve,
    /// Replace tab, newline and carriage return by a space.
    Replace,
    /// Replace, then trim and squeeze runs of spaces into one.
    Collapse,
}
