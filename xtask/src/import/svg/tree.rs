//! Reads an XsdVi diagram (the SVG the Plesk API 1.6.9.1 schema was published as) into a
//! tree of boxes.
//!
//! XsdVi draws every particle as a `<g class='box' id='_1_2_…'>`: the id is the path from
//! the root, so the parent of `_1_2_3` is `_1_2` and document order is schema order. What a
//! box is comes from its `rect` class and, for compositors, from the glyph (see
//! `Kind::compositor`); names, types and occurrences are its `<text>` lines. The SVG is the
//! only published form of this schema version, which is why it is read at all.

use std::collections::HashMap;
use std::path::Path;

use super::super::ImportError;
use super::super::decl::{GroupKind, Occurs};

/// What a box draws.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// The schema root (`/ schema`).
    Schema,
    /// An element.
    Element,
    /// A sequence, choice or all.
    Compositor(GroupKind),
    /// `xs:any`, with its processContents (`lax`, `skip`, `strict`).
    Any(String),
    /// `xs:anyAttribute` (the rules grammar has no counterpart; attributes are not checked
    /// beyond those declared).
    AnyAttribute,
    /// An attribute: `required`.
    Attribute(bool),
}

/// One box and its children.
#[derive(Debug, Clone)]
pub struct Box_ {
    /// What it is.
    pub kind: Kind,
    /// Element or attribute name.
    pub name: String,
    /// `type: X` or `base: X` (an anonymous simple type's base), if drawn.
    pub ty: Option<String>,
    /// Occurrence; no text means exactly once.
    pub occurs: Occurs,
    /// `nillable: 1`.
    pub nillable: bool,
    /// Children, in schema order.
    pub children: Vec<Box_>,
}

/// Parses `path` and returns the schema root box.
pub fn read(path: &Path) -> Result<Box_, ImportError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| ImportError::file(path, format!("cannot read: {e}")))?;
    let text = without_doctype(&text).map_err(|m| ImportError::file(path, m))?;
    // No DTD is parsed anywhere (ARCHITECTURE.md): roxmltree's default refuses one.
    let doc = roxmltree::Document::parse(&text)
        .map_err(|e| ImportError::file(path, format!("not XML: {e}")))?;
    let mut flat: Vec<(String, Box_)> = Vec::new();
    for g in doc.descendants().filter(|n| n.has_tag_name("g")) {
        if g.attribute("class") != Some("box") {
            continue;
        }
        let Some(id) = g.attribute("id") else {
            continue;
        };
        let parsed = parse_box(g).map_err(|m| ImportError::file(path, format!("box {id}: {m}")))?;
        flat.push((id.to_string(), parsed));
    }
    assemble(flat).map_err(|m| ImportError::file(path, m))
}

/// The text with its document type declaration blanked out, so that it parses with DTDs
/// refused. XsdVi writes `<!DOCTYPE svg PUBLIC '…' '…'>`, which names the SVG DTD but declares
/// nothing; a declaration with an internal subset (`[…]`: entities, attribute defaults) could
/// change what the document says, so it is refused rather than ignored. The declaration is
/// replaced by spaces (its line ends kept), so positions in later errors stay right.
fn without_doctype(text: &str) -> Result<String, String> {
    // The prolog: white space, the XML declaration, processing instructions and comments.
    let mut at = 0;
    loop {
        let rest = &text[at..];
        let trimmed = rest.trim_start();
        at += rest.len() - trimmed.len();
        let end = if trimmed.starts_with("<?") {
            trimmed.find("?>").map(|i| i + 2)
        } else if trimmed.starts_with("<!--") {
            trimmed.find("-->").map(|i| i + 3)
        } else {
            break;
        };
        match end {
            Some(end) => at += end,
            None => return Ok(text.to_string()),
        }
    }
    if !text[at..].starts_with("<!DOCTYPE") {
        return Ok(text.to_string());
    }
    let mut quote = None;
    for (i, c) in text[at..].char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '[') => {
                let line = text[..at].matches('\n').count() + 1;
                return Err(format!(
                    "line {line}: a DOCTYPE with an internal subset (`[…]`) is refused: \
                     the importer parses no DTD"
                ));
            }
            (None, '>') => {
                let end = at + i + 1;
                let blank: String = text[at..end]
                    .chars()
                    .map(|c| if c == '\n' { '\n' } else { ' ' })
                    .collect();
                return Ok(format!("{}{blank}{}", &text[..at], &text[end..]));
            }
            (None, _) => {}
        }
    }
    Err("an unclosed DOCTYPE declaration".to_string())
}

/// Links boxes to their parents by id, children in document order.
fn assemble(flat: Vec<(String, Box_)>) -> Result<Box_, String> {
    let mut children: HashMap<String, Vec<usize>> = HashMap::new();
    let mut root = None;
    for (i, (id, _)) in flat.iter().enumerate() {
        match id.rfind('_').filter(|&p| p > 0) {
            Some(p) => children.entry(id[..p].to_string()).or_default().push(i),
            None => root = Some(i),
        }
    }
    let root = root.ok_or("no schema box")?;
    let mut slots: Vec<Option<Box_>> = flat.iter().map(|(_, b)| Some(b.clone())).collect();
    fn build(
        i: usize,
        flat: &[(String, Box_)],
        children: &HashMap<String, Vec<usize>>,
        slots: &mut Vec<Option<Box_>>,
    ) -> Box_ {
        let mut node = slots[i].take().expect("each box is used once");
        if let Some(kids) = children.get(&flat[i].0) {
            for &k in kids {
                node.children.push(build(k, flat, children, slots));
            }
        }
        node
    }
    Ok(build(root, &flat, &children, &mut slots))
}

fn parse_box(g: roxmltree::Node) -> Result<Box_, String> {
    let rect_class = g
        .children()
        .filter(|n| n.has_tag_name("rect"))
        .filter_map(|n| n.attribute("class"))
        .find(|c| c.starts_with("box"))
        .ok_or("no box rect")?;
    let texts: Vec<(Option<&str>, String)> = g
        .children()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            let text: String = n
                .descendants()
                .filter(|d| d.is_text())
                .filter_map(|d| d.text())
                .collect();
            (n.attribute("class"), text.trim().to_string())
        })
        .collect();
    let plain = |t: &(Option<&str>, String)| t.0.is_none();
    let occurs = texts
        .iter()
        .filter(|t| plain(t))
        .find_map(|t| occurrence(&t.1))
        .unwrap_or(Occurs::ONCE);
    let strong = texts
        .iter()
        .find(|t| t.0 == Some("strong"))
        .map(|t| t.1.clone())
        .unwrap_or_default();
    let mut ty = None;
    let mut nillable = false;
    let mut required = false;
    for (_, text) in &texts {
        if let Some(name) = text.strip_prefix("type: ") {
            ty = Some(name.trim().to_string());
        } else if let Some(name) = text.strip_prefix("base: ") {
            // An anonymous simple type: its facets are not drawn, only its base.
            ty = Some(name.trim().to_string());
        } else if text == "nillable: 1" {
            nillable = true;
        } else if text == "use: required" {
            required = true;
        }
    }
    let kind = match rect_class {
        "boxschema" => Kind::Schema,
        "boxelement" => Kind::Element,
        "boxcompositor" => Kind::Compositor(compositor(g)?),
        "boxany" => Kind::Any(process_contents(g)),
        "boxanyattribute" => Kind::AnyAttribute,
        "boxattribute1" => Kind::Attribute(true),
        "boxattribute2" => Kind::Attribute(required),
        other => return Err(format!("unknown box class `{other}`")),
    };
    let name = strong.trim_start_matches('@').trim().to_string();
    Ok(Box_ {
        kind,
        name,
        ty,
        occurs,
        nillable,
        children: Vec::new(),
    })
}

/// The compositor glyph: a sequence is three filled circles numbered 1 2 3; a choice has
/// empty circles and a switch; an all has three filled circles, unnumbered, and a bracket.
fn compositor(g: roxmltree::Node) -> Result<GroupKind, String> {
    let circles: Vec<_> = g.children().filter(|n| n.has_tag_name("circle")).collect();
    let empty = circles
        .iter()
        .filter(|c| c.attribute("class") == Some("empty"))
        .count();
    let numbered = g
        .children()
        .any(|n| n.has_tag_name("text") && n.attribute("class") == Some("small"));
    match (circles.len(), empty, numbered) {
        (3, 0, true) => Ok(GroupKind::Sequence),
        (3, 2, false) => Ok(GroupKind::Choice),
        (3, 0, false) => Ok(GroupKind::All),
        other => Err(format!("unknown compositor glyph {other:?}")),
    }
}

/// `lax`, `skip` or `strict`, from the class of the small squares.
fn process_contents(g: roxmltree::Node) -> String {
    g.children()
        .filter(|n| n.has_tag_name("rect"))
        .filter_map(|n| n.attribute("class"))
        .find(|c| matches!(*c, "lax" | "skip" | "strict"))
        .unwrap_or("strict")
        .to_string()
}

/// `0..1`, `1..∞`, `1..10`.
fn occurrence(text: &str) -> Option<Occurs> {
    let (min, max) = text.split_once("..")?;
    let min = min.parse().ok()?;
    let max = if max == "∞" {
        None
    } else {
        Some(max.parse().ok()?)
    };
    Some(Occurs { min, max })
}

#[cfg(test)]
mod tests {
    use super::without_doctype;

    const SVG: &str = "<svg xmlns='http://www.w3.org/2000/svg'><g class='box' id='_1'/></svg>";

    /// XsdVi's declaration names the SVG DTD and declares nothing: it is blanked, positions
    /// kept, and the document parses with DTDs refused.
    #[test]
    fn an_external_doctype_is_blanked() {
        let text = format!(
            "<?xml version='1.0'?>\n<!-- XsdVi -->\n<!DOCTYPE svg PUBLIC '-//W3C//DTD SVG \
             1.1//EN' 'http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd'>\n{SVG}"
        );
        let blanked = without_doctype(&text).expect("no internal subset");
        assert_eq!(blanked.len(), text.len());
        assert!(!blanked.contains("DOCTYPE"));
        assert!(blanked.ends_with(SVG));
        assert!(roxmltree::Document::parse(&blanked).is_ok());
        assert_eq!(without_doctype(SVG).expect("nothing to blank"), SVG);
    }

    /// An internal subset could declare entities (a billion laughs, a file read): refused, and
    /// one hidden behind a `>` or `[` in a quoted literal is still found.
    #[test]
    fn an_internal_subset_is_refused() {
        for doctype in [
            "<!DOCTYPE svg [<!ENTITY a 'aaaa'>]>",
            "<!DOCTYPE svg SYSTEM 'x>y' [<!ENTITY a 'aaaa'>]>",
            "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" 'svg11.dtd'\n[<!ENTITY a 'a'>]>",
        ] {
            let text = format!("<?xml version='1.0'?>\n{doctype}\n{SVG}");
            let error = without_doctype(&text).expect_err(doctype);
            assert!(error.contains("internal subset"), "{error}");
        }
        // `[` inside a quoted literal is not a subset.
        let text = format!("<!DOCTYPE svg SYSTEM 'a[1].dtd'>{SVG}");
        assert!(without_doctype(&text).is_ok());
    }

    /// Reading a diagram: one with an internal subset is an error naming the file, and no
    /// entity of it is expanded; XsdVi's own declaration reads.
    #[test]
    fn reading_a_diagram_refuses_a_dtd() {
        let dir = std::env::temp_dir().join(format!("plesk-lint-svg-dtd-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("agent_input.svg");
        let diagram = |text: &str| {
            format!(
                "<svg xmlns='http://www.w3.org/2000/svg'><g class='box' id='_1'>\
                 <rect class='boxschema'/><text>{text}</text></g></svg>"
            )
        };
        let svg = format!(
            "<!DOCTYPE svg [<!ENTITY x 'expanded'>]>\n{}",
            diagram("&x;")
        );
        std::fs::write(&path, svg).expect("write");
        let error = super::read(&path)
            .expect_err("an internal subset")
            .to_string();
        assert!(
            error.contains("agent_input.svg") && error.contains("internal subset"),
            "{error}"
        );
        let doctype = "<!DOCTYPE svg PUBLIC '-//W3C//DTD SVG 1.1//EN' 'svg11.dtd'>";
        std::fs::write(&path, format!("{doctype}\n{}", diagram("schema"))).expect("write");
        let read = super::read(&path);
        std::fs::remove_dir_all(&dir).ok();
        assert!(read.is_ok(), "{:?}", read.err().map(|e| e.to_string()));
    }

    /// A DOCTYPE that is not in the prolog reaches roxmltree, which refuses it.
    #[test]
    fn a_doctype_elsewhere_is_a_parse_error() {
        let text = format!("<!-- x --><!DOCTYPE svg [<!ENTITY a 'b'>]>{SVG}");
        assert!(without_doctype(&text).is_err());
        let late = format!("{SVG}<!DOCTYPE svg>");
        let kept = without_doctype(&late).expect("not in the prolog");
        assert!(roxmltree::Document::parse(&kept).is_err());
    }
}
