//! Lexical rules of the XSD built-ins that are neither numbers nor dates: XML names,
//! base64, URIs and language tags.

/// The XML name start characters (XML 1.0 fifth edition).
const NAME_START: [(char, char); 16] = [
    (':', ':'),
    ('A', 'Z'),
    ('_', '_'),
    ('a', 'z'),
    ('\u{C0}', '\u{D6}'),
    ('\u{D8}', '\u{F6}'),
    ('\u{F8}', '\u{2FF}'),
    ('\u{370}', '\u{37D}'),
    ('\u{37F}', '\u{1FFF}'),
    ('\u{200C}', '\u{200D}'),
    ('\u{2070}', '\u{218F}'),
    ('\u{2C00}', '\u{2FEF}'),
    ('\u{3001}', '\u{D7FF}'),
    ('\u{F900}', '\u{FDCF}'),
    ('\u{FDF0}', '\u{FFFD}'),
    ('\u{10000}', '\u{EFFFF}'),
];

/// The other XML name characters.
const NAME_MORE: [(char, char); 6] = [
    ('-', '-'),
    ('.', '.'),
    ('0', '9'),
    ('\u{B7}', '\u{B7}'),
    ('\u{300}', '\u{36F}'),
    ('\u{203F}', '\u{2040}'),
];

fn is_name_start(c: char) -> bool {
    NAME_START.iter().any(|&(a, b)| (a..=b).contains(&c))
}

pub(super) fn is_name_char(c: char) -> bool {
    is_name_start(c) || NAME_MORE.iter().any(|&(a, b)| (a..=b).contains(&c))
}

/// The regex class of XSD's `\i` (name start characters) or, with `more`, `\c` (all name
/// characters), negated for `\I` and `\C`.
pub(super) fn name_class(more: bool, negated: bool) -> String {
    let extra: &[(char, char)] = if more { &NAME_MORE } else { &[] };
    let ranges = NAME_START.iter().chain(extra);
    let body: String = ranges
        .map(|&(a, b)| format!("\\x{{{:X}}}-\\x{{{:X}}}", a as u32, b as u32))
        .collect();
    format!("[{}{body}]", if negated { "^" } else { "" })
}

pub(super) fn is_name(s: &str, colons: bool) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(is_name_start)
        && chars.all(is_name_char)
        && (colons || !s.contains(':'))
}

/// XSD 1.0's `Base64Binary` production, on collapsed text: groups of four, single spaces
/// allowed between characters, padding only at the end with restricted last characters.
/// Returns the number of octets.
pub(super) fn base64_octets(v: &str) -> Option<usize> {
    let chars: Vec<u8> = v.bytes().filter(|&b| b != b' ').collect();
    let is_b64 = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/');
    let pad = chars.iter().rev().take_while(|&&b| b == b'=').count();
    let data = &chars[..chars.len() - pad];
    if v.contains("  ") || !chars.len().is_multiple_of(4) || pad > 2 || !data.iter().all(is_b64) {
        return None;
    }
    let last_ok = match (pad, data.last()) {
        (1, Some(b)) => b"AEIMQUYcgkosw048".contains(b),
        (2, Some(b)) => b"AQgw".contains(b),
        _ => true,
    };
    last_ok.then_some(data.len() * 6 / 8)
}

/// Almost anything is a URI reference (a string is escaped before it is parsed). Rejected,
/// as by libxml2: a `%` not followed by two hex digits, a second `#`, an invalid scheme
/// before a `:` in the first segment, `[` or `]` outside an IP-literal host and the
/// fragment, a port that is not digits.
pub(super) fn is_uri(v: &str) -> bool {
    let bytes = v.as_bytes();
    let escapes_ok = v.match_indices('%').all(|(i, _)| {
        bytes
            .get(i + 1..i + 3)
            .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    });
    let (rest, fragment) = v.split_once('#').unwrap_or((v, ""));
    let first_segment = &rest[..rest.find(['/', '?']).unwrap_or(rest.len())];
    let (scheme, hier) = match first_segment.split_once(':') {
        Some((scheme, _)) => (Some(scheme), &rest[scheme.len() + 1..]),
        None => (None, rest),
    };
    let scheme_ok = scheme.is_none_or(|scheme| {
        let mut chars = scheme.chars();
        chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    let (authority, path) = match hier.strip_prefix("//") {
        Some(after) => after.split_at(after.find(['/', '?']).unwrap_or(after.len())),
        None => ("", hier),
    };
    let no_brackets = |s: &str| !s.contains(['[', ']']);
    escapes_ok
        && scheme_ok
        && !fragment.contains('#')
        && no_brackets(path)
        && is_authority(authority)
}

/// `userinfo@host:port`, where host may be an IP literal in brackets and port is digits.
fn is_authority(authority: &str) -> bool {
    let (userinfo, host_port) = authority.split_once('@').unwrap_or(("", authority));
    let port = match host_port.strip_prefix('[') {
        Some(literal) => match literal.split_once(']') {
            Some((inside, "")) if !inside.contains('[') => Some("0"),
            Some((inside, after)) if !inside.contains('[') => after.strip_prefix(':'),
            _ => None,
        },
        None if host_port.contains(['[', ']', '@']) => None,
        None => Some(host_port.split_once(':').map_or("0", |(_, port)| port)),
    };
    let port_ok = port.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    port_ok && !userinfo.contains(['[', ']'])
}

/// `[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*`
pub(super) fn is_language(v: &str) -> bool {
    v.split('-').enumerate().all(|(i, part)| {
        (1..=8).contains(&part.len())
            && part.bytes().all(|b| {
                if i == 0 {
                    b.is_ascii_alphabetic()
                } else {
                    b.is_ascii_alphanumeric()
                }
            })
    })
}
