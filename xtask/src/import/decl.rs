//! The XSD declarations the importer understands, as owned data.
//!
//! `parse.rs` turns each schema file into these types once; everything after works on them
//! and never on XML. The set is deliberately small: it is what the Plesk schema set uses
//! (see research/schema-analysis.md §2), and `parse.rs` rejects anything else with an error
//! instead of dropping it.

/// Index of a schema file in [`crate::import::xsd::SchemaSet::files`].
pub type FileId = usize;

/// Where a declaration is written: the file and the byte offset of its XML element.
///
/// Sites identify reference *places* in the schema text. A named type referenced from one
/// place only can be written inline there; one referenced from several places keeps its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Site {
    /// The file.
    pub file: FileId,
    /// Byte offset of the declaring element's start tag.
    pub pos: usize,
    /// 1-based line of `pos`, for messages.
    pub line: u32,
}

/// `minOccurs`/`maxOccurs`; `max == None` is `unbounded`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurs {
    /// Fewest occurrences.
    pub min: u32,
    /// Most occurrences, `None` for unbounded.
    pub max: Option<u32>,
}

impl Occurs {
    /// The XSD default, exactly once.
    pub const ONCE: Occurs = Occurs {
        min: 1,
        max: Some(1),
    };

    /// The occurrence suffix of the rules language: `""`, `?`, `*`, `+`, `{n}`, `{n,}`, `{m,n}`.
    pub fn suffix(self) -> String {
        match (self.min, self.max) {
            (1, Some(1)) => String::new(),
            (0, Some(1)) => "?".into(),
            (0, None) => "*".into(),
            (1, None) => "+".into(),
            (n, None) => format!("{{{n},}}"),
            (m, Some(n)) if m == n => format!("{{{n}}}"),
            (m, Some(n)) => format!("{{{m},{n}}}"),
        }
    }
}

/// A type name as written in a `type=`, `base=` or `memberTypes=` attribute, resolved
/// against the namespaces in scope.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum TypeName {
    /// An XSD built-in (`xs:string`): the local name only.
    Builtin(String),
    /// One of the schema set's own named types (the set has no target namespace).
    Local(String),
}

/// A global or local `xs:element`.
#[derive(Debug, Clone)]
pub struct ElementDecl {
    /// The element name.
    pub name: String,
    /// How often it may occur in its parent.
    pub occurs: Occurs,
    /// What it contains.
    pub ty: TypeUse,
    /// `nillable="true"`.
    pub nillable: bool,
    /// Its `default=` value: an empty element is validated as if it held this text.
    pub default: Option<String>,
    /// Its own `xs:documentation`, whitespace collapsed.
    pub doc: Option<String>,
    /// Where it is declared.
    pub site: Site,
}

/// The type of an element.
#[derive(Debug, Clone)]
pub enum TypeUse {
    /// No `type=` and no inline type: anything goes (`xs:anyType`).
    Untyped,
    /// `type="..."`.
    Named(TypeName),
    /// An anonymous `xs:complexType`.
    Complex(Box<ComplexDef>),
    /// An anonymous `xs:simpleType`.
    Simple(Box<SimpleDef>),
}

/// The compositors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupKind {
    /// `xs:sequence`
    Sequence,
    /// `xs:choice`
    Choice,
    /// `xs:all`
    All,
}

/// A particle of a content model.
#[derive(Debug, Clone)]
pub enum Particle {
    /// A local element.
    Element(ElementDecl),
    /// A nested compositor.
    Group(GroupDecl),
    /// An `xs:any` wildcard.
    Any {
        /// Its occurrence.
        occurs: Occurs,
        /// `processContents` (the XSD default is `strict`).
        process_contents: String,
        /// Where it is declared.
        site: Site,
    },
}

/// An `xs:sequence`, `xs:choice` or `xs:all`.
#[derive(Debug, Clone)]
pub struct GroupDecl {
    /// Which compositor.
    pub kind: GroupKind,
    /// Its occurrence.
    pub occurs: Occurs,
    /// Its particles, in schema order.
    pub items: Vec<Particle>,
    /// Where it is declared.
    pub site: Site,
}

/// An `xs:attribute`.
#[derive(Debug, Clone)]
pub struct AttributeDecl {
    /// The attribute name.
    pub name: String,
    /// `use="required"`.
    pub required: bool,
    /// Its value type.
    pub ty: SimpleUse,
}

/// A reference to a simple type, or one written in place.
#[derive(Debug, Clone)]
pub enum SimpleUse {
    /// No type given: `xs:anySimpleType`.
    Untyped,
    /// `type="..."`, `base="..."` or a `memberTypes` entry.
    Named(TypeName, Site),
    /// An anonymous `xs:simpleType`.
    Inline(Box<SimpleDef>),
}

/// An `xs:complexType`.
#[derive(Debug, Clone)]
pub struct ComplexDef {
    /// Its `xs:documentation`.
    pub doc: Option<String>,
    /// Attributes declared on the type (or on its extension/restriction).
    pub attributes: Vec<AttributeDecl>,
    /// The content.
    pub content: ComplexContent,
    /// Where it is declared.
    pub site: Site,
}

/// The content of a complex type.
#[derive(Debug, Clone)]
pub enum ComplexContent {
    /// A plain model (or none: an empty element).
    Particle(Option<GroupDecl>),
    /// `complexContent/extension`: the base's content, then `particle`.
    Extension {
        /// The base type.
        base: TypeName,
        /// Where the base is referenced.
        base_site: Site,
        /// The extension's own particle.
        particle: Option<GroupDecl>,
    },
    /// `complexContent/restriction`: `particle` replaces the base's content.
    Restriction {
        /// The base type.
        base: TypeName,
        /// Where the base is referenced.
        base_site: Site,
        /// The restricted content model.
        particle: Option<GroupDecl>,
    },
    /// `simpleContent/extension`: a text value of type `base` plus attributes.
    SimpleExtension {
        /// The text's type.
        base: TypeName,
        /// Where the base is referenced.
        base_site: Site,
    },
}

/// An `xs:simpleType`.
#[derive(Debug, Clone)]
pub struct SimpleDef {
    /// Its `xs:documentation`.
    pub doc: Option<String>,
    /// How it is derived.
    pub kind: SimpleKind,
    /// Where it is declared.
    pub site: Site,
}

/// The derivations of a simple type.
#[derive(Debug, Clone)]
pub enum SimpleKind {
    /// `xs:restriction`: a base narrowed by facets.
    Restriction {
        /// The base type.
        base: SimpleUse,
        /// The facets, in schema order.
        facets: Vec<FacetDecl>,
    },
    /// `xs:union`: `memberTypes` first, then inline member types.
    Union(Vec<SimpleUse>),
    /// `xs:list` (not used by the schema set; reported if it ever is).
    List,
}

/// A facet of an `xs:restriction`, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FacetDecl {
    /// `xs:enumeration`
    Enumeration(String),
    /// `xs:pattern`
    Pattern(String),
    /// `xs:length`
    Length(String),
    /// `xs:minLength`
    MinLength(String),
    /// `xs:maxLength`
    MaxLength(String),
    /// `xs:minInclusive`
    MinInclusive(String),
    /// `xs:maxInclusive`
    MaxInclusive(String),
    /// `xs:whiteSpace`
    WhiteSpace(String),
    /// Any other facet (`totalDigits`, `minExclusive`, ...): its element name and value.
    Other(String, String),
}

/// A named top-level definition.
#[derive(Debug, Clone)]
pub enum TypeDef {
    /// `xs:complexType name=...`
    Complex(ComplexDef),
    /// `xs:simpleType name=...`
    Simple(SimpleDef),
}

impl TypeDef {
    /// The definition's documentation.
    pub fn doc(&self) -> Option<&str> {
        match self {
            TypeDef::Complex(c) => c.doc.as_deref(),
            TypeDef::Simple(s) => s.doc.as_deref(),
        }
    }

    /// Where the definition is written.
    pub fn site(&self) -> Site {
        match self {
            TypeDef::Complex(c) => c.site,
            TypeDef::Simple(s) => s.site,
        }
    }
}
