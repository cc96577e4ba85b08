//! `unfilled-placeholder`: a template variable left in a value (`{$domain}`, `${LOGIN}`,
//! `{{ name }}`, `%s`, …), the mistake behind many "Error 1014: Parser error" reports.
//!
//! Where to look is data (`rules/hand/values.toml`): the unambiguous forms everywhere but in
//! secrets and free text, the forms that legitimate values also take (`$x`, `%s`,
//! `{UPPER_CASE}`) only in names, logins and GUIDs, where no legitimate value holds them.

use std::ops::Range;

use crate::codes::{BEYOND_SCHEMA, Code, Rule};
use crate::diagnostic::Diagnostic;

use super::{Context, text_span};

/// The rule and its documentation (the registry, `codes/mod.rs`, lists it as `unfilled-placeholder`).
pub const RULE: Rule = Rule {
    name: "unfilled-placeholder",
    summary: "A template placeholder (`{$x}`, `${x}`, `#{x}`, `{{ x }}`, `%(x)s`, `<?php … ?>`; in names, logins and GUIDs also `$x`, `%s`, `{UPPER_CASE}`) left in a value.",
    why: "A packet built from a template whose variables were never substituted sends the placeholder as data, or, where it breaks the XML, gets \"Error 1014: Parser error\". Passwords, keys and free text (descriptions, messages) are never searched, and the forms legitimate values also take only in identifiers: Plesk's own PHP settings hold `{WEBSPACEROOT}`.",
    bad: "<webspace><get><filter><name>{$domain}</name></filter></get></webspace>",
    good: "<webspace><get><filter><name>example.com</name></filter></get></webspace>",
    fix: "Substitute the value before sending the packet (check the template engine's variable names and escaping).",
    ..BEYOND_SCHEMA
};

pub(super) fn check(context: &Context, found: &mut Vec<Diagnostic>) {
    let node = context.node;
    // The lookup by the resolved name, the message with the name as written.
    let (resolved, name) = (context.name, node.tag_name().name());
    if context.rules.placeholder_skip.contains(resolved) {
        return;
    }
    let Some(span) = text_span(context.text, node) else {
        return;
    };
    let identifier = context.rules.identifiers.contains(resolved);
    let raw = &context.text[span.clone()];
    let placeholders = find(raw, identifier);
    let Some(first) = placeholders.first() else {
        return;
    };
    let at = |r: &Range<usize>| span.start + r.start..span.start + r.end;
    let shown = |r: &Range<usize>| raw[r.clone()].replace("&lt;", "<").replace("&gt;", ">");
    let mut diagnostic = Diagnostic::new(
        Code::UnfilledPlaceholder,
        format!(
            "`<{name}>` holds `{}`, a template placeholder that was never substituted",
            shown(first)
        ),
        at(first),
    )
    .with_label("placeholder")
    .with_help(
        "fill in the value before sending the packet: the server takes the placeholder \
         literally (or, inside a request it cannot parse, answers \"Error 1014: Parser error\")",
    );
    for other in &placeholders[1..] {
        diagnostic = diagnostic.with_secondary(at(other), "another placeholder");
    }
    found.push(diagnostic);
}

/// The placeholders in a raw value, in order; the ambiguous forms only if `identifier`.
pub fn find(raw: &str, identifier: bool) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut i = 0;
    // Every placeholder starts with one of these ASCII bytes, so `i` is a char boundary.
    while let Some(at) = raw[i..].find(['{', '$', '#', '%', '&']) {
        let start = i + at;
        match placeholder_at(raw, start, identifier) {
            Some(end) => {
                found.push(start..end);
                i = end;
            }
            None => i = start + 1,
        }
    }
    found
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The end of the placeholder starting at `i`, if one does.
fn placeholder_at(raw: &str, i: usize, identifier: bool) -> Option<usize> {
    let rest = &raw[i..];
    let bytes = rest.as_bytes();
    // The end of a `{…}`-style body: up to the closing `close`, on one line, not empty.
    let closed = |open: usize, close: &str| -> Option<usize> {
        let body = rest.get(open..)?;
        let end = body.find(close)?;
        let inner = body[..end].trim();
        let plausible = !inner.is_empty() && end <= 80 && !body[..end].contains(['\n', '{']);
        plausible.then_some(i + open + end + close.len())
    };
    if rest.starts_with("{{") {
        return closed(2, "}}");
    }
    if rest.starts_with("{$") && bytes.get(2).copied().is_some_and(is_ident_start) {
        return closed(2, "}");
    }
    if (rest.starts_with("${") || rest.starts_with("#{"))
        && bytes
            .get(2)
            .copied()
            .is_some_and(|b| is_ident_start(b) || b == b' ')
    {
        return closed(2, "}");
    }
    if rest.starts_with("%(") {
        let name = bytes[2..].iter().take_while(|b| is_ident(**b)).count();
        let close = 2 + name;
        if name > 0
            && bytes.get(close) == Some(&b')')
            && bytes.get(close + 1).is_some_and(|b| b"sdifr".contains(b))
        {
            return Some(i + close + 2);
        }
        return None;
    }
    for php in ["&lt;?php", "&lt;?="] {
        if rest
            .get(..php.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(php))
        {
            let end = rest.find("?&gt;").map_or(rest.len(), |e| e + "?&gt;".len());
            return Some(i + end);
        }
    }
    if !identifier {
        return None;
    }
    match bytes[0] {
        b'$' if bytes.get(1).copied().is_some_and(is_ident_start) => {
            Some(i + 1 + bytes[1..].iter().take_while(|b| is_ident(**b)).count())
        }
        b'%' if bytes.get(1) == Some(&b's') && !raw[..i].ends_with('%') => Some(i + 2),
        b'{' if bytes.get(1).is_some_and(|b| b.is_ascii_uppercase()) => {
            let name = bytes[1..]
                .iter()
                .take_while(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || **b == b'_')
                .count();
            (bytes.get(1 + name) == Some(&b'}')).then_some(i + name + 2)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::find;

    fn shown(raw: &str, identifier: bool) -> Vec<&str> {
        find(raw, identifier).into_iter().map(|r| &raw[r]).collect()
    }

    #[test]
    fn unambiguous_forms_everywhere() {
        assert_eq!(shown("{$domain}.example", false), ["{$domain}"]);
        assert_eq!(shown("a{{ name }}b", false), ["{{ name }}"]);
        assert_eq!(shown("${LOGIN}", false), ["${LOGIN}"]);
        assert_eq!(shown("#{user.name}", false), ["#{user.name}"]);
        assert_eq!(shown("%(login)s", false), ["%(login)s"]);
        assert_eq!(
            shown("&lt;?php echo $x; ?&gt;.com", false),
            ["&lt;?php echo $x; ?&gt;"]
        );
    }

    #[test]
    fn ambiguous_forms_only_in_identifiers() {
        assert_eq!(shown("$domain", true), ["$domain"]);
        assert_eq!(shown("user-%s", true), ["%s"]);
        assert_eq!(shown("{CUSTOMER_LOGIN}", true), ["{CUSTOMER_LOGIN}"]);
        assert!(shown("$domain", false).is_empty());
        assert!(shown("{WEBSPACEROOT}{/}{:}{TMP}{/}", false).is_empty());
        assert!(shown("user-%s", false).is_empty());
    }

    #[test]
    fn legitimate_values_hold_none() {
        for value in [
            "example.com",
            "Default Reseller",
            "757092e2-b58d-4cb8-9962-04239c73fec5",
            "100%",
            "50%%s",
            "a$",
            "{}",
            "{lower}",
            "http://example.com/a%20b",
            "{ not closed",
            "bücher.example",
            "{ü}$ü%ü&ü#{",
            "&lt;?phé",
        ] {
            assert!(shown(value, true).is_empty(), "{value}");
        }
    }
}
