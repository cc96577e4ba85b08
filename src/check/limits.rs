//! The sizes at which the check changes how it works: when a packet is walked in pieces, how
//! many pieces go to the workers at once, when the alignment of a parent's children stops
//! searching for the cheapest explanation. Each is where memory or time would otherwise grow
//! with the input (docs/robustness.md lists them with what happens past each).
//!
//! With the `scaled-limits` feature, which only the fuzz targets enable, every limit here is
//! divided by a factor the target sets ([`scale_down`]) before each input: packets of a few
//! kilobytes then reach the paths that need megabytes at the real limits, as
//! `pieces_above = 0` lets the `pieces` target reach the walk. Without the feature each
//! function is its constant and the engine keeps no process-wide state.

/// Packets at least this large are checked in pieces (the default of
/// [`crate::engine::Options::pieces_above`]).
pub fn pieces_above() -> usize {
    scaled(4 << 20)
}

/// Packets with more tags than this are checked in pieces whatever their size: their tree
/// would be more than about 10 MB (roxmltree keeps some 72 bytes per node, and a `<a/>` is
/// four bytes of file), far above five times a file of a few hundred kilobytes.
pub fn dense_tags() -> usize {
    scaled(100_000)
}

/// Pieces checked together on the worker threads at most: the findings of a batch are all
/// held until it is merged, so a packet of a million tiny pieces is checked a few thousand at
/// a time (130,000 `<site/>` batched at once held 112 MB of findings' vectors).
pub fn batch_pieces() -> usize {
    scaled(4096)
}

/// Pieces checked together on the worker threads: at most this many bytes of text, so that
/// their trees stay a small part of the file.
pub fn batch_bytes() -> usize {
    scaled(1 << 20)
}

/// Comments and processing instructions between one element's children that its shell holds
/// (each is a node of the shell's tree).
pub fn max_markup() -> usize {
    scaled(10_000)
}

/// Above this many children under one parent the alignment is greedy whatever the model: the
/// report's tree of them would be tens of times the file (a million duplicated `<filter/>`
/// under `<get>` took 290 MB for 12 MB), and more children than any Plesk packet has in one
/// element, not fitting its model, need no cheapest explanation. (The walk of a large packet
/// then leaves the children whose findings it can count out of its skeleton.)
pub fn search_children() -> usize {
    scaled(100_000)
}

/// Above this many (child, state) pairs the search would cost too much memory and time
/// (a million siblings under `<packet>`); the linear greedy alignment is used instead.
pub fn search_pairs() -> usize {
    scaled(4_000_000)
}

#[cfg(not(feature = "scaled-limits"))]
#[inline(always)]
fn scaled(limit: usize) -> usize {
    limit
}

#[cfg(feature = "scaled-limits")]
static DIVISOR: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1);

/// Divides every limit by `divisor` (at least 1) from now on, for every thread: a fuzz target
/// sets it before each input it checks, never while a check runs.
#[cfg(feature = "scaled-limits")]
pub fn scale_down(divisor: usize) {
    DIVISOR.store(divisor.max(1), std::sync::atomic::Ordering::Relaxed);
}

#[cfg(feature = "scaled-limits")]
fn scaled(limit: usize) -> usize {
    (limit / DIVISOR.load(std::sync::atomic::Ordering::Relaxed)).max(1)
}
