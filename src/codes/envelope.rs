//! The packet as a whole: is it XML, a `<packet>`, of a protocol we know, with operators and
//! operations that exist.

use super::{Autofix, Fixable, GRAMMAR, RENAME, Rule};
use crate::diagnostic::Severity;

/// `malformed-xml`
pub const MALFORMED_XML: Rule = Rule {
    name: "malformed-xml",
    summary: "The file is not well-formed XML, so nothing else can be checked.",
    why: "The Plesk server rejects the whole packet before looking at any operation.",
    bad: "?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<packet>",
    good: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<packet>",
    fix: "Repair the XML at the reported position (a lost `<`, a mismatched end tag, an unescaped `&`).",
    autofix: Some(Autofix {
        fixable: Fixable::Safe,
        how: "Automatic, safe, for one malformation only: `plesk-lint check --fix` restores the \
             `<` a declaration lost (`?xml version=…`). Other malformed files are never \
             rewritten.",
    }),
    ..GRAMMAR
};

/// `not-a-packet`
pub const NOT_A_PACKET: Rule = Rule {
    name: "not-a-packet",
    summary: "The root element is not `<packet>`.",
    why: "Every XML-RPC request and response is wrapped in exactly one `<packet>` element.",
    bad: "<webspace><get>...</get></webspace>",
    good: "<packet><webspace><get>...</get></webspace></packet>",
    fix: "Wrap the operators in `<packet>`.",
    ..GRAMMAR
};

/// `unknown-operator`
pub const UNKNOWN_OPERATOR: Rule = Rule {
    name: "unknown-operator",
    summary: "An element directly under `<packet>` is not an operator of the API.",
    why: "The server answers with a schema error and runs none of the packet's operations.",
    bad: "<packet><webspaces><get>...</get></webspaces></packet>",
    good: "<packet><webspace><get>...</get></webspace></packet>",
    fix: "Use one of the operators `plesk-lint explain --list` lists; the message suggests the closest.",
    autofix: RENAME,
    ..GRAMMAR
};

/// `unknown-operation`
pub const UNKNOWN_OPERATION: Rule = Rule {
    name: "unknown-operation",
    summary: "An element directly under an operator is not one of that operator's operations.",
    why: "Operations are per operator: `set_traffic` exists under `site` and `webspace`, not under `mail`.",
    bad: "<mail><set_traffic>...</set_traffic></mail>",
    good: "<site><set_traffic>...</set_traffic></site>",
    fix: "Use an operation of this operator, or move the operation under the operator the message names.",
    autofix: RENAME,
    ..GRAMMAR
};

/// `legacy-protocol`
pub const LEGACY_PROTOCOL: Rule = Rule {
    name: "legacy-protocol",
    severity: Severity::Warning,
    summary: "The packet declares a protocol older than 1.6.0.0: checked against the oldest grammar plesk-lint has, its findings are warnings.",
    why: "The server checks such a packet against the pre-Plesk 10 schema (`client`, `domain`, ...), which plesk-lint has no tables for; those protocols are only kept for old integrations. Most of a modern operator's structure was the same, so the oldest grammar plesk-lint has still catches swapped or misspelt elements, as warnings.",
    bad: "<packet version=\"1.5.2.0\"><domain><get>...</get></domain></packet>",
    good: "<packet version=\"1.6.3.0\"><webspace><get>...</get></webspace></packet>",
    fix: "Move to a 1.6 protocol: declare its version and use the modern operators the message names.",
    ..GRAMMAR
};

/// `invalid-version`
pub const INVALID_VERSION: Rule = Rule {
    name: "invalid-version",
    summary: "The packet's `version` is not a protocol version: four numbers separated by dots.",
    why: "The server picks the grammar by the version and refuses a packet whose version it cannot read (`abc`, an empty value, `1.6.3`), although the schema types it as a string.",
    bad: "<packet version=\"1.6.3\">",
    good: "<packet version=\"1.6.3.0\">",
    fix: "Declare the protocol the packet was written for, in full (`1.6.9.1`), or leave `version` out.",
    ..GRAMMAR
};
