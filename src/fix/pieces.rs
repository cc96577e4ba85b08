//! The fixed text as pieces of the original and new text, through every pass of the fixpoint
//! loop. Writing the file copies the original pieces' bytes as they were read, so everything
//! outside the edits keeps its bytes whatever the encoding; only new text is encoded.

use std::ops::Range;

use crate::diagnostic::Edit;

/// One stretch of the current text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// This range of the original text, unchanged.
    Original(Range<usize>),
    /// Text the fixes wrote.
    New(String),
}

impl Piece {
    fn len(&self) -> usize {
        match self {
            Piece::Original(range) => range.len(),
            Piece::New(text) => text.len(),
        }
    }

    /// The part `from..to` of this piece (offsets relative to its start).
    fn slice(&self, from: usize, to: usize) -> Piece {
        match self {
            Piece::Original(range) => Piece::Original(range.start + from..range.start + to),
            Piece::New(text) => Piece::New(text[from..to].to_string()),
        }
    }
}

/// The current text, as pieces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pieces {
    pieces: Vec<Piece>,
}

impl Pieces {
    /// The whole original text of `len` bytes, unchanged.
    pub fn original(len: usize) -> Pieces {
        Pieces {
            pieces: vec![Piece::Original(0..len)],
        }
    }

    /// The pieces, in text order; empty pieces left out.
    pub fn iter(&self) -> impl Iterator<Item = &Piece> {
        self.pieces.iter().filter(|piece| piece.len() > 0)
    }

    /// Applies `edits` (sorted, non-overlapping, in current-text offsets).
    pub fn apply(&mut self, edits: &[Edit]) {
        // Where each piece starts in the current text.
        let mut starts = Vec::with_capacity(self.pieces.len());
        let mut total = 0;
        for piece in &self.pieces {
            starts.push(total);
            total += piece.len();
        }
        let mut out = Vec::with_capacity(self.pieces.len() + 2 * edits.len());
        let mut kept_from = 0;
        for edit in edits {
            self.copy(&starts, kept_from..edit.span.start, &mut out);
            if !edit.replacement.is_empty() {
                out.push(Piece::New(edit.replacement.clone()));
            }
            kept_from = edit.span.end;
        }
        self.copy(&starts, kept_from..total, &mut out);
        self.pieces = out;
    }

    /// Pushes the pieces covering `range` of the current text onto `out`.
    fn copy(&self, starts: &[usize], range: Range<usize>, out: &mut Vec<Piece>) {
        if range.is_empty() {
            return;
        }
        let first = starts.partition_point(|&start| start <= range.start) - 1;
        for (index, piece) in self.pieces.iter().enumerate().skip(first) {
            let start = starts[index];
            if start >= range.end {
                break;
            }
            let from = range.start.saturating_sub(start);
            let to = (range.end - start).min(piece.len());
            if from < to {
                out.push(piece.slice(from, to));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(pieces: &Pieces, original: &str) -> String {
        pieces
            .iter()
            .map(|piece| match piece {
                Piece::Original(range) => original[range.clone()].to_string(),
                Piece::New(text) => text.clone(),
            })
            .collect()
    }

    fn edit(span: Range<usize>, replacement: &str) -> Edit {
        Edit {
            span,
            replacement: replacement.into(),
        }
    }

    #[test]
    fn pieces_follow_every_pass() {
        let original = "<a><b/><c/></a>";
        let mut pieces = Pieces::original(original.len());
        pieces.apply(&[edit(3..7, ""), edit(11..11, "<b/>")]);
        assert_eq!(text(&pieces, original), "<a><c/><b/></a>");
        // A second pass edits across a piece boundary.
        pieces.apply(&[edit(5..9, "X"), edit(15..15, "!")]);
        assert_eq!(text(&pieces, original), "<a><cX/></a>!");
        let originals = pieces
            .iter()
            .filter(|p| matches!(p, Piece::Original(_)))
            .count();
        assert_eq!(originals, 3);
    }
}
