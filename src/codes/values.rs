//! Values and attributes: what an element or attribute may hold.

use super::{Autofix, Fixable, GRAMMAR, Rule};

/// `invalid-value`
pub const INVALID_VALUE: Rule = Rule {
    name: "invalid-value",
    summary: "A value its type does not accept.",
    why: "The server validates values against the schema's types: a date must be YYYY-MM-DD, a long must be an integer.",
    bad: "<date>12/12/2005</date>",
    good: "<date>2005-12-12</date>",
    fix: "Write the value in the form the message names.",
    autofix: Some(Autofix {
        fixable: Fixable::Safe,
        how: "Automatic, safe, for white space around a number, date or time (libxml2 refuses \
              it): `plesk-lint check --fix` trims it; `--diff` shows the change first.",
    }),
    ..GRAMMAR
};

/// `empty-value`
pub const EMPTY_VALUE: Rule = Rule {
    name: "empty-value",
    summary: "An empty element where its type needs a value.",
    why: "An empty `<smtp_in/>` is not a number; the server rejects it.",
    bad: "<smtp_in/>",
    good: "<smtp_in>0</smtp_in>",
    fix: "Give the element a value, or remove it if it is optional.",
    ..GRAMMAR
};

/// `must-be-empty`
pub const MUST_BE_EMPTY: Rule = Rule {
    name: "must-be-empty",
    summary: "Content inside an element that must be empty (a flag such as `<limits/>`).",
    why: "Flag elements carry meaning by their presence; the schema rejects any content.",
    bad: "<limits>true</limits>",
    good: "<limits/>",
    fix: "Remove the content.",
    ..GRAMMAR
};

/// `unknown-attribute`
pub const UNKNOWN_ATTRIBUTE: Rule = Rule {
    name: "unknown-attribute",
    summary: "An attribute the element does not declare.",
    why: "The schema declares almost no attributes; any other is rejected.",
    bad: "<packet versoin=\"1.6.3.0\">",
    good: "<packet version=\"1.6.3.0\">",
    fix: "Remove or rename the attribute.",
    ..GRAMMAR
};

/// `missing-attribute`
pub const MISSING_ATTRIBUTE: Rule = Rule {
    name: "missing-attribute",
    summary: "A required attribute is absent.",
    why: "The server rejects the element.",
    bad: "<current-object>site</current-object>",
    good: "<current-object type=\"domain\">site</current-object>",
    fix: "Add the attribute.",
    ..GRAMMAR
};
