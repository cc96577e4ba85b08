//! One schema file's XML → the owned declarations of `decl.rs`.
//!
//! Every XSD construct is either understood or rejected with its file and line: a construct
//! dropped here would silently widen or narrow what the generated rules accept.

use std::path::Path;

use roxmltree::{Document, Node};

mod simple_types;

use super::ImportError;
use super::decl::*;

/// The XML Schema namespace.
pub const XSD_NS: &str = "http://www.w3.org/2001/XMLSchema";

/// What one schema file declares at its top level.
#[derive(Debug, Default)]
pub struct ParsedFile {
    /// `xs:include schemaLocation` values, in order, with their lines.
    pub includes: Vec<(String, u32)>,
    /// Named `xs:complexType`/`xs:simpleType` definitions, in order.
    pub types: Vec<(String, TypeDef)>,
    /// Global `xs:element` declarations, in order.
    pub elements: Vec<ElementDecl>,
}

/// Parses one schema file's text.
pub fn parse_file(path: &Path, file: FileId, text: &str) -> Result<ParsedFile, ImportError> {
    let doc = Document::parse(text)
        .map_err(|e| ImportError::file(path, format!("not well-formed XML: {e}")))?;
    let reader = Reader {
        doc: &doc,
        path,
        file,
    };
    reader.schema(doc.root_element())
}

/// The parse state: which document, for positions and messages.
struct Reader<'d, 'i> {
    doc: &'d Document<'i>,
    path: &'d Path,
    file: FileId,
}

impl<'d, 'i> Reader<'d, 'i> {
    fn site(&self, node: Node) -> Site {
        let pos = node.range().start;
        Site {
            file: self.file,
            pos,
            line: self.doc.text_pos_at(pos).row,
        }
    }

    fn error(&self, node: Node, message: impl Into<String>) -> ImportError {
        ImportError::at(self.path, self.site(node).line, message)
    }

    /// The XSD children of `node` (annotations excluded), rejecting foreign elements.
    fn children<'a>(&self, node: Node<'a, 'i>) -> Result<Vec<Node<'a, 'i>>, ImportError> {
        let mut out = Vec::new();
        for child in node.children().filter(|c| c.is_element()) {
            if child.tag_name().namespace() != Some(XSD_NS) {
                return Err(self.error(child, "element outside the XML Schema namespace"));
            }
            if child.tag_name().name() != "annotation" {
                out.push(child);
            }
        }
        Ok(out)
    }

    fn unsupported(&self, node: Node, context: &str) -> ImportError {
        let name = node.tag_name().name();
        self.error(
            node,
            format!("unsupported XSD construct <xs:{name}> in {context}"),
        )
    }

    fn required_attr<'a>(&self, node: Node<'a, 'i>, name: &str) -> Result<&'a str, ImportError> {
        node.attribute(name).ok_or_else(|| {
            let tag = node.tag_name().name();
            self.error(node, format!("<xs:{tag}> without a `{name}` attribute"))
        })
    }

    fn schema(&self, root: Node) -> Result<ParsedFile, ImportError> {
        if root.tag_name().namespace() != Some(XSD_NS) || root.tag_name().name() != "schema" {
            return Err(self.error(root, "the root element is not <xs:schema>"));
        }
        if root.attribute("targetNamespace").is_some() {
            return Err(self.error(root, "targetNamespace is not supported"));
        }
        let mut parsed = ParsedFile::default();
        for node in self.children(root)? {
            match node.tag_name().name() {
                "include" => {
                    let location = self.required_attr(node, "schemaLocation")?;
                    parsed
                        .includes
                        .push((location.to_string(), self.site(node).line));
                }
                "complexType" => {
                    let name = self.required_attr(node, "name")?.to_string();
                    parsed
                        .types
                        .push((name, TypeDef::Complex(self.complex(node)?)));
                }
                "simpleType" => {
                    let name = self.required_attr(node, "name")?.to_string();
                    parsed
                        .types
                        .push((name, TypeDef::Simple(self.simple(node)?)));
                }
                "element" => parsed.elements.push(self.element(node)?),
                _ => return Err(self.unsupported(node, "<xs:schema>")),
            }
        }
        Ok(parsed)
    }

    /// The `xs:documentation` of a declaration, whitespace collapsed into one line.
    fn doc(&self, node: Node) -> Option<String> {
        let annotation = node
            .children()
            .find(|c| c.is_element() && c.tag_name().name() == "annotation")?;
        let mut words = Vec::new();
        for documentation in annotation
            .children()
            .filter(|c| c.is_element() && c.tag_name().name() == "documentation")
        {
            for text in documentation.descendants().filter(|d| d.is_text()) {
                words.extend(text.text().unwrap_or("").split_whitespace());
            }
        }
        (!words.is_empty()).then(|| words.join(" "))
    }

    fn type_name(&self, node: Node, qname: &str) -> Result<TypeName, ImportError> {
        let (prefix, local) = match qname.split_once(':') {
            Some((prefix, local)) => (Some(prefix), local),
            None => (None, qname),
        };
        match node.lookup_namespace_uri(prefix) {
            Some(XSD_NS) => Ok(TypeName::Builtin(local.to_string())),
            None | Some("") => Ok(TypeName::Local(local.to_string())),
            Some(other) => Err(self.error(node, format!("type `{qname}` is in namespace {other}"))),
        }
    }

    fn occurs(&self, node: Node) -> Result<Occurs, ImportError> {
        let number =
            |name: &str, default: u32| -> Result<Option<u32>, ImportError> {
                match node.attribute(name) {
                    None => Ok(Some(default)),
                    Some("unbounded") if name == "maxOccurs" => Ok(None),
                    Some(text) => text.trim().parse().map(Some).map_err(|_| {
                        self.error(node, format!("{name}=\"{text}\" is not a number"))
                    }),
                }
            };
        let min = number("minOccurs", 1)?.unwrap_or(1);
        let max = number("maxOccurs", 1)?;
        if max.is_some_and(|max| max < min) {
            return Err(self.error(node, "maxOccurs is smaller than minOccurs"));
        }
        Ok(Occurs { min, max })
    }

    fn element(&self, node: Node) -> Result<ElementDecl, ImportError> {
        if node.attribute("ref").is_some() {
            return Err(self.error(node, "element references (ref=) are not supported"));
        }
        let name = self.required_attr(node, "name")?.to_string();
        let mut ty = match node.attribute("type") {
            Some(qname) => TypeUse::Named(self.type_name(node, qname)?),
            None => TypeUse::Untyped,
        };
        for child in self.children(node)? {
            let inline = match child.tag_name().name() {
                "complexType" => TypeUse::Complex(Box::new(self.complex(child)?)),
                "simpleType" => TypeUse::Simple(Box::new(self.simple(child)?)),
                _ => return Err(self.unsupported(child, "<xs:element>")),
            };
            if !matches!(ty, TypeUse::Untyped) {
                return Err(self.error(node, format!("element `{name}` has two types")));
            }
            ty = inline;
        }
        if node.attribute("substitutionGroup").is_some() || node.attribute("fixed").is_some() {
            return Err(self.error(node, "substitutionGroup and fixed are not supported"));
        }
        Ok(ElementDecl {
            name,
            occurs: self.occurs(node)?,
            ty,
            nillable: matches!(node.attribute("nillable"), Some("true" | "1")),
            default: node.attribute("default").map(str::to_string),
            doc: self.doc(node),
            site: self.site(node),
        })
    }

    fn group(&self, node: Node) -> Result<GroupDecl, ImportError> {
        let kind = match node.tag_name().name() {
            "sequence" => GroupKind::Sequence,
            "choice" => GroupKind::Choice,
            "all" => GroupKind::All,
            _ => return Err(self.unsupported(node, "a content model")),
        };
        let mut items = Vec::new();
        for child in self.children(node)? {
            items.push(match child.tag_name().name() {
                "element" => Particle::Element(self.element(child)?),
                "sequence" | "choice" | "all" => Particle::Group(self.group(child)?),
                "any" => Particle::Any {
                    occurs: self.occurs(child)?,
                    process_contents: child
                        .attribute("processContents")
                        .unwrap_or("strict")
                        .into(),
                    site: self.site(child),
                },
                _ => return Err(self.unsupported(child, "a compositor")),
            });
        }
        Ok(GroupDecl {
            kind,
            occurs: self.occurs(node)?,
            items,
            site: self.site(node),
        })
    }

    fn attribute(&self, node: Node) -> Result<AttributeDecl, ImportError> {
        let name = self.required_attr(node, "name")?.to_string();
        let mut ty = match node.attribute("type") {
            Some(qname) => SimpleUse::Named(self.type_name(node, qname)?, self.site(node)),
            None => SimpleUse::Untyped,
        };
        for child in self.children(node)? {
            if child.tag_name().name() != "simpleType" {
                return Err(self.unsupported(child, "<xs:attribute>"));
            }
            ty = SimpleUse::Inline(Box::new(self.simple(child)?));
        }
        if node.attribute("fixed").is_some() || node.attribute("default").is_some() {
            return Err(self.error(
                node,
                "attribute defaults and fixed values are not supported",
            ));
        }
        Ok(AttributeDecl {
            name,
            required: node.attribute("use") == Some("required"),
            ty,
        })
    }

    /// The particle and attributes under a complexType, extension or restriction.
    fn particle_and_attributes(
        &self,
        node: Node,
        attributes: &mut Vec<AttributeDecl>,
    ) -> Result<Option<GroupDecl>, ImportError> {
        let mut particle = None;
        for child in self.children(node)? {
            match child.tag_name().name() {
                "sequence" | "choice" | "all" if particle.is_none() => {
                    particle = Some(self.group(child)?);
                }
                "attribute" if child.attribute("use") == Some("prohibited") => {
                    return Err(self.error(child, "prohibited attributes are not supported"));
                }
                "attribute" => attributes.push(self.attribute(child)?),
                _ => return Err(self.unsupported(child, "a complex type")),
            }
        }
        Ok(particle)
    }

    fn complex(&self, node: Node) -> Result<ComplexDef, ImportError> {
        if matches!(node.attribute("mixed"), Some("true" | "1")) {
            return Err(self.error(node, "mixed content is not supported"));
        }
        let mut attributes = Vec::new();
        let children = self.children(node)?;
        let content = match children.first().map(|c| c.tag_name().name()) {
            Some("complexContent") if children.len() == 1 => {
                self.complex_content(children[0], &mut attributes)?
            }
            Some("simpleContent") if children.len() == 1 => {
                self.simple_content(children[0], &mut attributes)?
            }
            _ => ComplexContent::Particle(self.particle_and_attributes(node, &mut attributes)?),
        };
        Ok(ComplexDef {
            doc: self.doc(node),
            attributes,
            content,
            site: self.site(node),
        })
    }

    fn derivation<'a>(&self, node: Node<'a, 'i>) -> Result<Node<'a, 'i>, ImportError> {
        match self.children(node)?.as_slice() {
            [only] => Ok(*only),
            _ => Err(self.error(node, "expected exactly one extension or restriction")),
        }
    }

    fn complex_content(
        &self,
        node: Node,
        attributes: &mut Vec<AttributeDecl>,
    ) -> Result<ComplexContent, ImportError> {
        let derivation = self.derivation(node)?;
        let base = self.type_name(derivation, self.required_attr(derivation, "base")?)?;
        let base_site = self.site(derivation);
        let particle = self.particle_and_attributes(derivation, attributes)?;
        match derivation.tag_name().name() {
            "extension" => Ok(ComplexContent::Extension {
                base,
                base_site,
                particle,
            }),
            "restriction" => Ok(ComplexContent::Restriction {
                base,
                base_site,
                particle,
            }),
            _ => Err(self.unsupported(derivation, "<xs:complexContent>")),
        }
    }

    fn simple_content(
        &self,
        node: Node,
        attributes: &mut Vec<AttributeDecl>,
    ) -> Result<ComplexContent, ImportError> {
        let derivation = self.derivation(node)?;
        if derivation.tag_name().name() != "extension" {
            return Err(self.unsupported(derivation, "<xs:simpleContent>"));
        }
        let base = self.type_name(derivation, self.required_attr(derivation, "base")?)?;
        if self
            .particle_and_attributes(derivation, attributes)?
            .is_some()
        {
            return Err(self.error(derivation, "a simpleContent extension with elements"));
        }
        Ok(ComplexContent::SimpleExtension {
            base,
            base_site: self.site(derivation),
        })
    }
}
