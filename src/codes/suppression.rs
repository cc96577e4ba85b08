//! Suppression comments (`src/suppress/`): directives that are not understood or hide nothing.

use super::{Autofix, Fixable, Rule, SUPPRESSION};

/// `unused-suppression`
pub const UNUSED_SUPPRESSION: Rule = Rule {
    name: "unused-suppression",
    summary: "A `plesk-lint-disable…` comment names a code that it never suppressed.",
    why: "Stale suppressions hide the next real finding of that code in the same place; removing them keeps suppressions meaningful.",
    bad: "<!-- plesk-lint-disable-next-element out-of-order -->\n<dom_id>1</dom_id>  <!-- nothing out of order here -->",
    good: "<dom_id>1</dom_id>",
    fix: "Remove the code from the comment, or the whole comment when it names no other code.",
    autofix: Some(Autofix {
        fixable: Fixable::Safe,
        how: "Automatic, safe: `plesk-lint check --fix` removes the unused suppression comment; \
             `--diff` shows the change first.",
    }),
    ..SUPPRESSION
};

/// `invalid-suppression`
pub const INVALID_SUPPRESSION: Rule = Rule {
    name: "invalid-suppression",
    summary: "A comment starting with `plesk-lint-` is not a directive plesk-lint understands.",
    why: "A misspelt directive or code suppresses nothing, so the findings it was meant to hide fail the run anyway.",
    bad: "<!-- plesk-lint-disable-next-element out-of-ordr -->",
    good: "<!-- plesk-lint-disable-next-element out-of-order -->",
    fix: "Use `plesk-lint-disable-next-element`, `plesk-lint-disable`, `plesk-lint-enable` or `plesk-lint-disable-file`, each followed by the codes it applies to (`plesk-lint explain CODE` lists what a code means).",
    ..SUPPRESSION
};
