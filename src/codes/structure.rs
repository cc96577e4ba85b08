//! Content models: which elements stand where, how often, in which order, and the text between
//! them.

use super::{Autofix, Fixable, GRAMMAR, RENAME, Rule};

/// `unknown-element`
pub const UNKNOWN_ELEMENT: Rule = Rule {
    name: "unknown-element",
    summary: "An element that the content model of its parent does not know at all.",
    why: "Misspelled names, hyphen/underscore confusion and wrong case are silently fatal: the server rejects the packet.",
    bad: "<url-components><dom-id>true</dom-id></url-components>",
    good: "<url-components><dom_id>true</dom_id></url-components>",
    fix: "Rename the element as the did-you-mean suggests, or remove it.",
    autofix: RENAME,
    ..GRAMMAR
};

/// `unexpected-element`
pub const UNEXPECTED_ELEMENT: Rule = Rule {
    name: "unexpected-element",
    summary: "A known element that cannot stand where it is (for example after the content is already complete).",
    why: "The server rejects elements its schema does not allow at that position.",
    bad: "<set_traffic>...<pop3_imap_out>0</pop3_imap_out><dom_id>1</dom_id></set_traffic>",
    good: "<set_traffic><dom_id>1</dom_id>...<pop3_imap_out>0</pop3_imap_out></set_traffic>",
    fix: "Remove the element, or move it where the content model allows it.",
    ..GRAMMAR
};

/// `out-of-order`
pub const OUT_OF_ORDER: Rule = Rule {
    name: "out-of-order",
    summary: "A known element in the wrong position among its siblings.",
    why: "Plesk content models are sequences: the same elements in another order are rejected.",
    bad: "<set_traffic><date>2005-12-12</date><dom_id>1</dom_id>...",
    good: "<set_traffic><dom_id>1</dom_id><date>2005-12-12</date>...",
    fix: "Move the element where the message says it belongs; the fix does it.",
    autofix: Some(Autofix {
        fixable: Fixable::Safe,
        how: "Automatic, safe (only the order changes): `plesk-lint check --fix` moves the \
             element with its whole lines and the comments above it, indented like its new \
             siblings; `--diff` shows the change first without writing it.",
    }),
    ..GRAMMAR
};

/// `missing-element`
pub const MISSING_ELEMENT: Rule = Rule {
    name: "missing-element",
    summary: "A required element is absent.",
    why: "The server rejects the packet; xmllint reports the next element as 'not expected' instead.",
    bad: "<set_traffic><dom_id>1</dom_id><smtp_in>0</smtp_in>...",
    good: "<set_traffic><dom_id>1</dom_id><date>2005-12-12</date><smtp_in>0</smtp_in>...",
    fix: "Insert the element at the reported place, with a value of the type the message names.",
    autofix: Some(Autofix {
        fixable: Fixable::Unsafe,
        how: "Automatic but unsafe, for one missing element with a text value: `plesk-lint check \
             --fix --unsafe-fixes` inserts it with a sample value of its type, to replace.",
    }),
    ..GRAMMAR
};

/// `too-many`
pub const TOO_MANY: Rule = Rule {
    name: "too-many",
    summary: "An element occurs more often than its content model allows.",
    why: "Most Plesk fields occur once; a repeated one is rejected, not merged.",
    bad: "<set_traffic><dom_id>1</dom_id><dom_id>2</dom_id>...",
    good: "<set_traffic><dom_id>1</dom_id>...",
    fix: "Remove the extra occurrence, or send a second operation.",
    autofix: Some(Autofix {
        fixable: Fixable::Unsafe,
        how: "Automatic but unsafe (which occurrence to keep is the user's choice): \
             `plesk-lint check --fix --unsafe-fixes` removes the extra occurrence with its lines; \
             `--diff --unsafe-fixes` shows the change first.",
    }),
    ..GRAMMAR
};

/// `choice-conflict`
pub const CHOICE_CONFLICT: Rule = Rule {
    name: "choice-conflict",
    summary: "More than one member of a choice that allows only one of them.",
    why: "The documentation often lists such members as independent optionals; the schema accepts only one.",
    bad: "<add-plan-item><filter/><owner-id>1</owner-id><owner-login>a</owner-login>...",
    good: "<add-plan-item><filter/><owner-id>1</owner-id>...",
    fix: "Keep one member of the choice and remove the others.",
    autofix: Some(Autofix {
        fixable: Fixable::Unsafe,
        how: "Automatic but unsafe for two members (which one to keep is the user's choice): \
              `plesk-lint check --fix --unsafe-fixes` removes the second with its lines; \
              `--diff --unsafe-fixes` shows the change first.",
    }),
    ..GRAMMAR
};

/// `missing-wrapper`
pub const MISSING_WRAPPER: Rule = Rule {
    name: "missing-wrapper",
    summary: "Elements written straight into their parent without the wrapper element they belong in.",
    why: "The server rejects the first of them as unexpected; the real mistake is one missing wrapper, such as `<gen_info>` around a customer's fields.",
    bad: "<add><pname>John</pname><login>jdoe</login><passwd>secret</passwd></add>",
    good: "<add><gen_info><pname>John</pname><login>jdoe</login><passwd>secret</passwd></gen_info></add>",
    fix: "Wrap the elements in the element the message names (an unsafe fix does it: check the result).",
    autofix: Some(Autofix {
        fixable: Fixable::Unsafe,
        how: "Automatic but unsafe: `plesk-lint check --fix --unsafe-fixes` wraps the elements in the element the message names; `--diff --unsafe-fixes` shows the change first.",
    }),
    ..GRAMMAR
};

/// `text-not-allowed`
pub const TEXT_NOT_ALLOWED: Rule = Rule {
    name: "text-not-allowed",
    summary: "Text inside an element whose content is only other elements.",
    why: "Placeholders such as `...` copied from the documentation make the packet invalid.",
    bad: "<descriptor>...</descriptor>",
    good: "<descriptor><property>...</property></descriptor>",
    fix: "Remove the text.",
    autofix: Some(Autofix {
        fixable: Fixable::Safe,
        how: "Automatic, safe, where the text is only white space the server's validator \
              counts as text (a CDATA section of white space, a U+00A0 after a tag): \
              `plesk-lint check --fix` removes the section or makes the U+00A0 a space; `--diff` \
              shows the change first.",
    }),
    ..GRAMMAR
};

/// `nbsp-indentation`
pub const NBSP_INDENTATION: Rule = Rule {
    name: "nbsp-indentation",
    summary: "Indentation made of U+00A0 non-breaking spaces, as copied from the documentation's samples.",
    why: "XML does not count U+00A0 as white space, so every indented line is text where only elements are allowed.",
    bad: "<packet>\n\u{a0}\u{a0}<webspace>",
    good: "<packet>\n  <webspace>",
    fix: "Replace the non-breaking spaces with ordinary spaces; the fix does it for the whole file.",
    autofix: Some(Autofix {
        fixable: Fixable::Safe,
        how: "Automatic, safe: `plesk-lint check --fix` replaces each U+00A0 of the indentation \
             with a space, nothing else; `--diff` shows the change first.",
    }),
    ..GRAMMAR
};
