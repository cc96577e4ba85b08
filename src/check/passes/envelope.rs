//! What the declared protocol says about the packet, reported on `<packet>` in a full reading:
//! a `version` that is not a protocol version (`invalid-version`), and a pre-1.6 protocol
//! (`legacy-protocol`: the packet is checked against the oldest grammar plesk-lint has, its
//! findings are warnings, and its legacy operators are named with their modern replacements).
//! What the version means is [`crate::check::Protocol`], decided by `versions.rs` before the
//! walk; this pass only asks it.

use super::{Context, legacy};
use crate::check::walker::Walker;
use crate::check::{LegacyProtocol, visible};
use crate::diagnostic::{Code, Diagnostic};

/// Reports what the protocol service says about `<packet>`.
pub(super) fn check(w: &mut Walker, cx: &Context) {
    if !w.setup().full {
        return;
    }
    let protocol = w.protocol();
    if let Some(invalid) = &protocol.invalid {
        let shown = visible::escape(&invalid.value);
        w.push(
            Diagnostic::new(
                Code::InvalidVersion,
                format!(
                    "`version=\"{shown}\"` is not a protocol version: the server expects four \
                     numbers separated by dots, such as `1.6.3.0`, and refuses the packet"
                ),
                invalid.span.clone(),
            )
            .with_label("not a protocol version")
            .with_help(format!(
                "declare the protocol the packet was written for, such as \
                 `version=\"1.6.9.1\"`, or leave `version` out; the packet was checked against \
                 {}",
                invalid.checked
            )),
        );
    }
    if let Some(old) = &protocol.legacy {
        w.push(note(cx, old));
    }
}

/// The note of a pre-1.6 packet, naming the modern operators for its legacy ones.
fn note(cx: &Context, old: &LegacyProtocol) -> Diagnostic {
    let mut replaced = Vec::new();
    for child in cx.node.children().filter(|n| n.is_element()) {
        let name = child.tag_name().name();
        if let Some(modern) = legacy::replacement(name) {
            let line = format!("`<{name}>` is replaced by {modern}");
            if !replaced.contains(&line) {
                replaced.push(line);
            }
        }
    }
    let mut help = String::from(
        "declare a 1.6 protocol (for example version=\"1.6.3.0\") and use the modern operators",
    );
    if !replaced.is_empty() {
        help = format!("{help}: {}", replaced.join("; "));
    }
    Diagnostic::new(
        Code::LegacyProtocol,
        format!(
            "the packet declares protocol {}, older than 1.6.0.0: the server checks it \
             against that protocol's grammar, which plesk-lint does not have, so it was checked \
             against the oldest grammar plesk-lint has, {}, and its findings are warnings{}",
            old.value,
            old.set,
            if replaced.is_empty() {
                String::new()
            } else {
                format!(" ({})", replaced.join("; "))
            }
        ),
        old.span.clone(),
    )
    .with_label("pre-1.6 protocol")
    .with_help(help)
}
