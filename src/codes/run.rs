//! Run errors: a file, a rules table or the configuration could not be used, so something was
//! not checked. The run exits with 2; neither configuration nor suppression comments can hide
//! them.

use super::{RUN, Rule};

/// `rules-error`
pub const RULES_ERROR: Rule = Rule {
    name: "rules-error",
    summary: "A rules table (built in or from `--rules DIR`) is itself wrong.",
    why: "A broken rule cannot check anything; the affected element is not checked.",
    bad: "request = 'dom_id int'",
    good: "request = 'dom_id: int'",
    fix: "Correct the rules file at the reported position (see rules/README.md for the format).",
    example_language: "toml",
    ..RUN
};

/// `io-error`
pub const IO_ERROR: Rule = Rule {
    name: "io-error",
    summary: "A file or directory could not be read.",
    why: "An unread file is an unchecked file; the run exits with code 2.",
    bad: "plesk-lint check missing.xml",
    good: "plesk-lint check packet.xml",
    fix: "Check the path and its permissions.",
    example_language: "sh",
    ..RUN
};

/// `config-error`
pub const CONFIG_ERROR: Rule = Rule {
    name: "config-error",
    summary: "A `plesk-lint.toml` file or a `--config KEY=VALUE` override is wrong.",
    why: "plesk-lint does not guess what a broken configuration meant; it stops with exit code 2 before checking anything with it.",
    bad: "[severity]\nout-of-order = \"fatal\"",
    good: "[severity]\nout-of-order = \"warning\"",
    fix: "Correct the file at the reported position; the keys are described in docs/configuration.md.",
    example_language: "toml",
    ..RUN
};
