//! Simple type definitions: restrictions with their facets, and unions.

use roxmltree::Node;

use super::super::ImportError;
use super::super::decl::*;
use super::Reader;

impl Reader<'_, '_> {
    /// An `xs:simpleType`, named or anonymous.
    pub(super) fn simple(&self, node: Node) -> Result<SimpleDef, ImportError> {
        let derivation = self.derivation(node)?;
        let kind = match derivation.tag_name().name() {
            "restriction" => self.restriction(derivation)?,
            "union" => self.union(derivation)?,
            "list" => SimpleKind::List,
            _ => return Err(self.unsupported(derivation, "<xs:simpleType>")),
        };
        Ok(SimpleDef {
            doc: self.doc(node),
            kind,
            site: self.site(node),
        })
    }

    /// `xs:restriction`: a base (named or inline) and facets, kept as written.
    fn restriction(&self, node: Node) -> Result<SimpleKind, ImportError> {
        let mut base = match node.attribute("base") {
            Some(qname) => Some(SimpleUse::Named(
                self.type_name(node, qname)?,
                self.site(node),
            )),
            None => None,
        };
        let mut facets = Vec::new();
        for child in self.children(node)? {
            let name = child.tag_name().name();
            if name == "simpleType" && base.is_none() {
                base = Some(SimpleUse::Inline(Box::new(self.simple(child)?)));
                continue;
            }
            let value = self.required_attr(child, "value")?.to_string();
            facets.push(match name {
                "enumeration" => FacetDecl::Enumeration(value),
                "pattern" => FacetDecl::Pattern(value),
                "length" => FacetDecl::Length(value),
                "minLength" => FacetDecl::MinLength(value),
                "maxLength" => FacetDecl::MaxLength(value),
                "minInclusive" => FacetDecl::MinInclusive(value),
                "maxInclusive" => FacetDecl::MaxInclusive(value),
                "whiteSpace" => FacetDecl::WhiteSpace(value),
                _ => FacetDecl::Other(name.to_string(), value),
            });
        }
        let base = base.ok_or_else(|| self.error(node, "a restriction without a base type"))?;
        Ok(SimpleKind::Restriction { base, facets })
    }

    /// `xs:union`: `memberTypes` first, then inline members, as XSD orders them.
    fn union(&self, node: Node) -> Result<SimpleKind, ImportError> {
        let mut members = Vec::new();
        for qname in node
            .attribute("memberTypes")
            .unwrap_or("")
            .split_whitespace()
        {
            members.push(SimpleUse::Named(
                self.type_name(node, qname)?,
                self.site(node),
            ));
        }
        for child in self.children(node)? {
            if child.tag_name().name() != "simpleType" {
                return Err(self.unsupported(child, "<xs:union>"));
            }
            members.push(SimpleUse::Inline(Box::new(self.simple(child)?)));
        }
        Ok(SimpleKind::Union(members))
    }
}
