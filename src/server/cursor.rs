//! Where the cursor is in the XML: which elements are open around it, which element children
//! came before it in each, and whether it sits in a tag name, an attribute, or text.
//!
//! The text being typed is rarely well-formed (an unclosed tag, a half-written name), so this
//! is a forgiving scan of the tags up to the cursor rather than a parse: a stray end tag
//! closes up to its match if one is open and is ignored otherwise, and whatever is not yet
//! closed at the cursor is taken as open.

use std::ops::Range;

/// An element on the way from the root to the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// Its name.
    pub name: String,
    /// The names of the element children of its parent before it.
    pub preceding: Vec<String>,
}

/// What the cursor is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum At {
    /// The name of a start or end tag (possibly empty, right after a `<` just typed). `path`
    /// ends with this element.
    TagName {
        /// The name's byte range (the whole name, also past the cursor).
        span: Range<usize>,
        /// An end tag.
        closing: bool,
        /// The tag already has its `>`: completing the name must not add another.
        complete: bool,
    },
    /// An attribute name, or the space for one, in the start tag of the last element of
    /// `path`.
    Attribute {
        /// The attribute's name (empty between attributes).
        name: String,
        /// The name's byte range (empty at the cursor between attributes).
        span: Range<usize>,
    },
    /// Text inside the last element of `path`, or between its children.
    Text {
        /// The byte range of the whole text run around the cursor.
        span: Range<usize>,
        /// The names of the element children of that element before the cursor.
        children: Vec<String>,
    },
    /// A comment, a CDATA section, a declaration, a value, outside the root: nothing to say.
    Nothing,
}

/// The cursor's place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    /// From the root element down (see [`At`] for what the last step is).
    pub path: Vec<Step>,
    /// What the cursor is on.
    pub at: At,
    /// The `version` attribute of the root start tag, if seen.
    pub version: Option<String>,
}

struct Frame {
    name: String,
    children: Vec<String>,
}

fn is_name_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b':') || c >= 0x80
}

/// The place of the byte offset `cursor` in `text`.
pub fn context(text: &str, cursor: usize) -> Context {
    let bytes = text.as_bytes();
    let cursor = cursor.min(bytes.len());
    // The document itself is the bottom frame, so the root element has a parent's list.
    let mut stack = vec![Frame {
        name: String::new(),
        children: Vec::new(),
    }];
    let mut version = None;
    let mut at = 0;
    let path_of = |stack: &[Frame]| -> Vec<Step> {
        stack
            .windows(2)
            .map(|pair| Step {
                name: pair[1].name.clone(),
                preceding: pair[0].children[..pair[0].children.len().saturating_sub(1)].to_vec(),
            })
            .collect()
    };
    loop {
        // Text up to the next `<`.
        let next = memchr::memchr(b'<', &bytes[at..]).map_or(bytes.len(), |i| at + i);
        if cursor <= next {
            let path = path_of(&stack);
            if path.is_empty() {
                return nothing(version);
            }
            let children = stack.last().map(|f| f.children.clone()).unwrap_or_default();
            return Context {
                path,
                at: At::Text {
                    span: at..next,
                    children,
                },
                version,
            };
        }
        at = next;
        let rest = &text[at..];
        // Comments, CDATA and declarations: skip, or stop if the cursor is inside.
        let skip = [
            ("<!--", "-->"),
            ("<![CDATA[", "]]>"),
            ("<?", "?>"),
            ("<!", ">"),
        ]
        .into_iter()
        .find(|(open, _)| rest.starts_with(open));
        if let Some((open, close)) = skip {
            // The cursor is past `at` here (at `at` it was in the text before).
            match rest[open.len()..].find(close) {
                Some(i) if cursor >= at + open.len() + i + close.len() => {
                    at += open.len() + i + close.len();
                    continue;
                }
                _ => return nothing(version),
            }
        }
        let closing = rest.starts_with("</");
        let name_start = at + if closing { 2 } else { 1 };
        let mut name_end = name_start;
        while name_end < bytes.len() && is_name_char(bytes[name_end]) {
            name_end += 1;
        }
        let name = text[name_start..name_end].to_string();
        // The end of the tag: its `>`, or where the next tag starts if it has none yet.
        let (tag_end, complete, self_closing, attributes) = scan_tag(text, name_end);
        if cursor > at && cursor <= name_end {
            let mut path = path_of(&stack);
            if closing {
                // The element this end tag closes is the innermost open one of that name.
                match stack
                    .iter()
                    .rposition(|f| f.name == name && !f.name.is_empty())
                {
                    Some(open) if open > 0 => path.truncate(open),
                    _ => return nothing(version),
                }
            } else {
                let preceding = stack.last().map(|f| f.children.clone()).unwrap_or_default();
                path.push(Step { name, preceding });
            }
            return Context {
                path,
                at: At::TagName {
                    span: name_start..name_end,
                    closing,
                    complete,
                },
                version,
            };
        }
        if !closing && stack.len() == 1 && name == "packet" {
            version = attributes
                .iter()
                .find(|(n, _)| n == "version")
                .map(|(_, v)| v.clone());
        }
        if cursor > name_end && (cursor < tag_end || !complete && cursor <= tag_end) {
            if closing {
                return nothing(version);
            }
            let mut path = path_of(&stack);
            let preceding = stack.last().map(|f| f.children.clone()).unwrap_or_default();
            path.push(Step { name, preceding });
            return match attribute_at(text, name_end, cursor) {
                Some(span) => Context {
                    path,
                    at: At::Attribute {
                        name: text[span.clone()].to_string(),
                        span,
                    },
                    version,
                },
                None => nothing(version),
            };
        }
        if closing {
            if let Some(open) = stack.iter().rposition(|f| f.name == name)
                && open > 0
            {
                stack.truncate(open);
            }
        } else if !name.is_empty() {
            if let Some(parent) = stack.last_mut() {
                parent.children.push(name.clone());
            }
            if !self_closing {
                stack.push(Frame {
                    name,
                    children: Vec::new(),
                });
            }
        }
        at = tag_end.max(name_end).max(at + 1);
    }
}

fn nothing(version: Option<String>) -> Context {
    Context {
        path: Vec::new(),
        at: At::Nothing,
        version,
    }
}

/// Scans a tag's attributes from `from` (just after its name) to its end. Returns the offset
/// after the tag, whether it ended with `>`, whether with `/>`, and the attributes read.
fn scan_tag(text: &str, from: usize) -> (usize, bool, bool, Vec<(String, String)>) {
    let bytes = text.as_bytes();
    let mut at = from;
    let mut attributes = Vec::new();
    let mut name: Option<String> = None;
    while at < bytes.len() {
        match bytes[at] {
            b'>' => return (at + 1, true, at > from && bytes[at - 1] == b'/', attributes),
            // A new tag before this one's `>`: the tag is unfinished.
            b'<' => return (at, false, false, attributes),
            quote @ (b'"' | b'\'') => {
                let end =
                    memchr::memchr(quote, &bytes[at + 1..]).map_or(bytes.len(), |i| at + 1 + i);
                if let Some(name) = name.take() {
                    attributes.push((name, text[at + 1..end].to_string()));
                }
                at = end + 1;
                continue;
            }
            c if is_name_char(c) => {
                let start = at;
                while at < bytes.len() && is_name_char(bytes[at]) {
                    at += 1;
                }
                name = Some(text[start..at].to_string());
                continue;
            }
            _ => {}
        }
        at += 1;
    }
    (bytes.len(), false, false, attributes)
}

/// The span of the attribute name at `cursor` inside a start tag whose name ends at `from`:
/// the name the cursor is in or just after, empty between attributes, `None` inside a value.
fn attribute_at(text: &str, from: usize, cursor: usize) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let mut at = from;
    while at < cursor {
        match bytes[at] {
            quote @ (b'"' | b'\'') => {
                let end =
                    memchr::memchr(quote, &bytes[at + 1..]).map_or(bytes.len(), |i| at + 1 + i);
                if cursor <= end {
                    return None;
                }
                at = end + 1;
            }
            c if is_name_char(c) => {
                let start = at;
                while at < bytes.len() && is_name_char(bytes[at]) {
                    at += 1;
                }
                if cursor <= at {
                    return Some(start..at);
                }
            }
            _ => at += 1,
        }
    }
    Some(cursor..cursor)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PACKET: &str = "<?xml version=\"1.0\"?>\n<packet version=\"1.6.3.0\">\n<webspace>\
        <set_traffic><dom_id>1</dom_id>\n  <!-- c -->\n  </set_traffic></webspace></packet>";

    fn names(path: &[Step]) -> Vec<&str> {
        path.iter().map(|s| s.name.as_str()).collect()
    }

    #[test]
    fn a_start_tag_name_has_its_ancestors_and_preceding_siblings() {
        let at = PACKET.find("dom_id").unwrap() + 2;
        let context = context(PACKET, at);
        assert_eq!(
            names(&context.path),
            ["packet", "webspace", "set_traffic", "dom_id"]
        );
        assert_eq!(context.version.as_deref(), Some("1.6.3.0"));
        assert!(matches!(
            context.at,
            At::TagName {
                closing: false,
                complete: true,
                ..
            }
        ));
        let at = PACKET.find("/set_traffic").unwrap() + 3;
        let context = self::context(PACKET, at);
        assert_eq!(names(&context.path), ["packet", "webspace", "set_traffic"]);
        assert!(matches!(context.at, At::TagName { closing: true, .. }));
    }

    #[test]
    fn text_after_a_child_lists_the_children_before_the_cursor() {
        let at = PACKET.find("</dom_id>").unwrap() + "</dom_id>\n".len();
        let context = context(PACKET, at);
        assert_eq!(names(&context.path), ["packet", "webspace", "set_traffic"]);
        match context.at {
            At::Text { children, .. } => assert_eq!(children, ["dom_id"]),
            other => panic!("{other:?}"),
        }
        let inside = PACKET.find("<!-- c").unwrap() + 5;
        assert_eq!(self::context(PACKET, inside).at, At::Nothing);
    }

    #[test]
    fn a_half_typed_tag_is_a_tag_name_to_complete() {
        let text = "<packet><webspace><set_traffic><dom_id>1</dom_id><da";
        let context = context(text, text.len());
        assert_eq!(
            names(&context.path),
            ["packet", "webspace", "set_traffic", "da"]
        );
        assert_eq!(context.path[3].preceding, ["dom_id"]);
        assert_eq!(
            context.at,
            At::TagName {
                span: text.len() - 2..text.len(),
                closing: false,
                complete: false
            }
        );
        let text = "<packet><webspace><set_traffic><dom_id>1</dom_id><\n</set_traffic>";
        let context = self::context(text, text.find("<\n").unwrap() + 1);
        assert_eq!(context.path.last().unwrap().name, "");
        assert!(matches!(
            context.at,
            At::TagName {
                complete: false,
                ..
            }
        ));
    }

    #[test]
    fn any_offset_of_any_text_has_a_context() {
        let texts = [
            PACKET,
            "<a b='>' c=\"<\"><!-- <x> --><![CDATA[<y>]]></a></b></a><",
            "<p\u{e9}ck\u{1f600}t a=\"\u{e9}\"><\u{e9}/></",
            "</x><<<>>>/><!--",
            "<?xml?><!DOCTYPE x><a><b",
        ];
        for text in texts {
            for offset in 0..=text.len() + 1 {
                let context = context(text, offset);
                if let At::TagName { span, .. } | At::Text { span, .. } = &context.at {
                    assert!(
                        span.start <= span.end && span.end <= text.len(),
                        "{text:?} {offset}"
                    );
                }
            }
        }
    }

    #[test]
    fn attributes_and_values() {
        let text = "<packet version=\"1.6\"><x/></packet>";
        let context = context(text, 10);
        assert_eq!(
            context.at,
            At::Attribute {
                name: "version".into(),
                span: 8..15
            }
        );
        assert_eq!(self::context(text, 18).at, At::Nothing);
        assert_eq!(self::context("", 0).at, At::Nothing);
        assert_eq!(self::context("<", 1).path.len(), 1);
    }
}
