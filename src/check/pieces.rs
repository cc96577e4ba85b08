//! Checking a large packet in pieces, so that memory stays a small multiple of the file.
//!
//! roxmltree keeps 72 bytes per node, and a response listing 200,000 customers has a node
//! every 9 bytes: its tree would be nine times the file. Such a packet is long because one
//! operation holds many children (`<result>`s), each small. So the packet is parsed twice
//! over, never whole:
//!
//! * the **skeleton**: the text with the *content* of every child of an operation replaced by
//!   as many spaces, byte for byte. Its start and end tags stay, so every offset, name span
//!   and end tag is where it is in the file, and the envelope, the order of the children and
//!   everything around them are checked on it as usual, with a handful of nodes per child;
//! * each **piece**: one such child, parsed on its own from its own slice of the text when the
//!   check descends into it, checked, and dropped before the next.
//!
//! Offsets inside a piece count from its start; its findings are moved by that much. When
//! anything is not as this scheme needs (a piece that does not parse on its own, a namespace
//! declared around the pieces, a DTD), the packet is checked whole instead, so the findings
//! are always those of the whole-document check: `tests/it/pieces.rs` compares the two.

use std::ops::Range;
use std::sync::Arc;

use memchr::memchr;
use roxmltree::{Document, Node};

use super::limits;
use super::walker::{Level, Walker};
use crate::batch;
use crate::rules::compile::ElementType;

/// Whether `text` holds more than [`limits::dense_tags`] tags (counted as `<`, stopping there).
pub fn is_dense(text: &str) -> bool {
    memchr::memchr_iter(b'<', text.as_bytes())
        .nth(limits::dense_tags())
        .is_some()
}

/// Whether each of `pieces` of `text` parses alone.
pub(super) fn all_parse<'p>(
    text: &str,
    mut pieces: impl Iterator<Item = &'p Range<usize>>,
) -> bool {
    pieces.all(|piece| {
        Document::parse_with_options(&text[piece.clone()], super::parsing_options()).is_ok()
    })
}

/// The depth of the elements whose content becomes pieces: `<packet>` is 1, an operator 2, an
/// operation 3, so 4 is an operation's children.
const PIECE_DEPTH: usize = 4;

/// The text to parse instead of the packet, and where the pieces are.
pub struct Skeleton {
    /// The packet with each piece's content blanked; as long as the packet.
    pub text: String,
    /// Each piece's element, start tag to end tag, in document order.
    pub pieces: Vec<Range<usize>>,
    /// Whether a `<result>` is below an operator, pieces included: the evidence of a
    /// response (`super::guess_direction`) that blanking may have hidden.
    pub has_result: bool,
}

impl Skeleton {
    /// The skeleton of `text`, or `None` when the packet should be checked whole: the scan
    /// found no piece worth cutting, or markup it does not follow (checking the whole packet
    /// then reports it exactly).
    pub fn of(text: &str) -> Option<Skeleton> {
        let Scan { pieces, has_result } = scan(text.as_bytes())?;
        if pieces.is_empty() {
            return None;
        }
        let mut bytes = text.as_bytes().to_vec();
        for piece in &pieces {
            bytes[piece.content.clone()].fill(b' ');
        }
        // Only whole characters between two ASCII delimiters became spaces.
        let text = String::from_utf8(bytes).ok()?;
        let pieces = pieces.into_iter().map(|p| p.element).collect();
        Some(Skeleton {
            text,
            pieces,
            has_result,
        })
    }
}

/// What the scan finds.
struct Scan {
    pieces: Vec<Piece>,
    has_result: bool,
}

/// The text to parse for the envelope alone (operators and operations): the skeleton of a
/// packet large enough to be checked in pieces, else the text itself.
pub fn envelope_text(text: &str) -> std::borrow::Cow<'_, str> {
    if text.len() >= limits::pieces_above()
        && let Some(skeleton) = Skeleton::of(text)
    {
        return skeleton.text.into();
    }
    text.into()
}

/// One element to check on its own.
struct Piece {
    element: Range<usize>,
    content: Range<usize>,
}

/// Finds the pieces by following the markup: start and end tags (attribute values quoted),
/// comments, CDATA sections and processing instructions. `None` for a DTD, a namespace
/// declaration outside the pieces (a piece parsed alone would not see it), or markup that
/// does not add up; malformed XML inside a piece is left to the piece's own parse.
fn scan(text: &[u8]) -> Option<Scan> {
    let mut pieces = Vec::new();
    let mut has_result = false;
    let mut depth = 0usize;
    // The start of the piece's element and the end of its start tag, while inside one.
    let mut open: Option<(usize, usize)> = None;
    let mut at = 0;
    while let Some(found) = memchr(b'<', &text[at..]) {
        let start = at + found;
        let rest = &text[start..];
        if rest.starts_with(b"<!--") {
            at = start + find(&rest[4..], b"-->")? + 4 + 3;
        } else if rest.starts_with(b"<![CDATA[") {
            at = start + find(&rest[9..], b"]]>")? + 9 + 3;
        } else if rest.starts_with(b"<?") {
            at = start + find(&rest[2..], b"?>")? + 2 + 2;
        } else if rest.starts_with(b"<!") {
            return None;
        } else if rest.starts_with(b"</") {
            let end = start + memchr(b'>', rest)? + 1;
            depth = depth.checked_sub(1)?;
            if depth == PIECE_DEPTH - 1
                && let Some((element, content)) = open.take()
            {
                pieces.push(Piece {
                    element: element..end,
                    content: content..start,
                });
            }
            at = end;
        } else {
            let end = start + tag_end(rest)?;
            let self_closing = text[end - 2] == b'/';
            if depth < PIECE_DEPTH - 1 && find(&text[start..end], b"xmlns").is_some() {
                return None;
            }
            // Below an operator: the element's depth (depth + 1) is 3 or more.
            // roxmltree reads a name with an empty prefix (`<:result>`) without it.
            let name = &text[start + 1..end];
            let name = name.strip_prefix(b":").unwrap_or(name);
            has_result |= depth >= 2 && is_named(name, b"result");
            if !self_closing {
                if depth == PIECE_DEPTH - 1 {
                    open = Some((start, end));
                }
                depth += 1;
            }
            at = end;
        }
    }
    (depth == 0).then_some(Scan { pieces, has_result })
}

/// Whether a start tag's inside (after `<`) begins with the name `name`.
fn is_named(tag: &[u8], name: &[u8]) -> bool {
    tag.starts_with(name)
        && tag
            .get(name.len())
            .is_some_and(|&b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>'))
}

/// The length of a start tag, through its `>`, skipping quoted attribute values.
pub(super) fn tag_end(tag: &[u8]) -> Option<usize> {
    let mut quote = None;
    for (i, &byte) in tag.iter().enumerate() {
        match (quote, byte) {
            (None, b'"' | b'\'') => quote = Some(byte),
            (Some(q), _) if byte == q => quote = None,
            (None, b'>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

impl Walker<'_> {
    /// The piece `node` stands for in the skeleton, if it is one, marked as entered.
    pub(super) fn piece_at(&mut self, node: Node) -> Option<Range<usize>> {
        if self.pieces.is_empty() {
            return None;
        }
        let start = node.range().start;
        let index = self
            .pieces
            .binary_search_by_key(&start, |piece| piece.start)
            .ok()?;
        self.pieces_entered[index] = true;
        Some(self.pieces[index].clone())
    }

    /// Parses the pieces the check did not enter (children reported as unknown or misplaced,
    /// say), since a packet is well-formed only if they all are; marks the check as failed
    /// if one is not.
    pub fn parse_pieces_not_entered(&mut self) {
        let pieces = self.pieces.iter().zip(&self.pieces_entered);
        let not_entered = pieces
            .filter(|(_, entered)| !**entered)
            .map(|(piece, _)| piece);
        self.piece_failed |= !all_parse(self.text, not_entered);
    }

    /// Parses one piece from its slice of the text and walks it as `ty` (named `name`), then
    /// moves its findings to where they are in the file; or, in a full reading that checks
    /// its pieces on several threads, puts it aside for [`Walker::check_deferred_pieces`]. A
    /// piece that does not parse alone marks the check as failed, to be done again on the
    /// whole packet.
    pub(super) fn check_piece(
        &mut self,
        piece: Range<usize>,
        ty: &Arc<ElementType>,
        level: Level,
        name: &str,
    ) {
        // Met while its parent's children are reported (a cap is open), it is checked now:
        // the findings about its element count under that cap, open now only.
        let in_parent_cap = !self.caps.is_empty();
        if self.deferred.is_some() && matches!(level, Level::Inner) && !in_parent_cap {
            let place = self.place();
            if let Some(deferred) = &mut self.deferred {
                deferred.push((piece, ty.clone(), Arc::from(name), place));
            }
            return;
        }
        let text = &self.text[piece.clone()];
        let Ok(document) = Document::parse_with_options(text, super::parsing_options()) else {
            self.piece_failed = true;
            return;
        };
        let budget = self.budget.saturating_sub(self.diagnostics_len());
        let mut inner = self.for_piece(piece.clone()).with_budget(budget);
        inner.in_parent_cap = in_parent_cap;
        inner.memo = std::mem::take(&mut self.memo);
        inner.visit(document.root_element(), ty, level, name);
        self.memo = std::mem::take(&mut inner.memo);
        self.out_of_budget |= inner.out_of_budget;
        self.merge_parts(piece.start, inner.into_parts());
    }

    /// Parses a piece the schema's passes do not reach and walks it for the rules beyond the
    /// schema alone ([`Walker::visit_untyped`]).
    pub(super) fn lint_piece(&mut self, piece: Range<usize>) {
        let text = &self.text[piece.clone()];
        let Ok(document) = Document::parse_with_options(text, super::parsing_options()) else {
            self.piece_failed = true;
            return;
        };
        let mut inner = self.for_piece(piece.clone());
        inner.visit_untyped(document.root_element());
        self.merge_parts(piece.start, inner.into_parts());
    }

    /// Checks the pieces put aside during the walk, on `threads` workers, and merges their
    /// findings as if each had been checked where it was met: the pieces of a full reading
    /// are independent of each other and of the findings before them (there is no budget),
    /// and [`Walker::finish`] orders findings by position.
    pub(super) fn check_deferred_pieces(&mut self, threads: usize) {
        let Some(deferred) = self.deferred.take() else {
            return;
        };
        let lines = self.lines();
        for deferred in deferred.chunks(limits::batch_pieces()) {
            let checked = batch::map_ordered(deferred, threads, |(piece, ty, name, place)| {
                let text = &lines.text[piece.clone()];
                let document = Document::parse_with_options(text, super::parsing_options()).ok()?;
                let mut inner = place.walker(text, lines.origin(piece.start));
                inner.visit(document.root_element(), ty, Level::Inner, name);
                Some(inner.into_parts())
            });
            for ((piece, ..), parts) in deferred.iter().zip(checked) {
                match parts {
                    Some(parts) => self.merge_parts(piece.start, parts),
                    None => self.piece_failed = true,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanks_the_content_of_operation_children() {
        let text = "<packet><a><get><result x='>'><id>1</id><!-- </result> --></result>\
                    <r/><result>é</result></get></a></packet>";
        let skeleton = Skeleton::of(text).expect("a skeleton");
        assert_eq!(skeleton.text.len(), text.len());
        let blank = " ".repeat("<id>1</id><!-- </result> -->".len());
        assert_eq!(
            skeleton.text,
            format!(
                "<packet><a><get><result x='>'>{blank}</result><r/><result>  </result>\
                 </get></a></packet>"
            )
        );
        let pieces: Vec<&str> = skeleton.pieces.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(
            pieces,
            [
                "<result x='>'><id>1</id><!-- </result> --></result>",
                "<result>é</result>"
            ]
        );
    }

    #[test]
    fn declines_what_a_piece_alone_would_read_differently() {
        let namespaced = "<packet xmlns:x='u'><a><get><r><x:id/></r></get></a></packet>";
        assert!(Skeleton::of(namespaced).is_none());
        assert!(Skeleton::of("<!DOCTYPE p><packet><a><get><r>1</r></get></a></packet>").is_none());
        assert!(Skeleton::of("<packet><a><get></get></a></packet>").is_none());
        assert!(Skeleton::of("<packet><a><get><r>").is_none());
        assert!(Skeleton::of("</packet>").is_none());
    }
}
