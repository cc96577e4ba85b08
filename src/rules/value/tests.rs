use std::collections::HashMap;

use super::builtin::Builtin;
use super::*;
use crate::rules::syntax::parse_value;

/// Compiles `src` with the built-ins and the named types of `named` (`name = source`).
fn compile_with(src: &str, named: &[(&str, &str)]) -> Result<ValueType, SyntaxError> {
    let mut table: HashMap<String, Arc<ValueType>> = HashMap::new();
    for (name, source) in named {
        let ty = compile_with(source, &[]).unwrap();
        table.insert(
            name.to_string(),
            Arc::new(ValueType {
                name: Some(name.to_string()),
                ..ty
            }),
        );
    }
    let expr = parse_value(src).unwrap();
    let mut resolve = |name: &str, span: &Span| {
        let found = table
            .get(name)
            .cloned()
            .or_else(|| ValueType::builtin(name));
        found.ok_or_else(|| SyntaxError::new(format!("unknown type `{name}`"), span.clone()))
    };
    ValueType::compile(None, &expr, &mut resolve)
}

fn ty(src: &str) -> ValueType {
    compile_with(src, &[]).unwrap()
}

fn compile_error(src: &str) -> SyntaxError {
    compile_with(src, &[]).unwrap_err()
}

fn message(ty: &ValueType, text: &str) -> String {
    ty.check(text).unwrap_err().message
}

#[track_caller]
fn assert_valid(ty: &ValueType, valid: &[&str], invalid: &[&str]) {
    for v in valid {
        assert!(
            ty.check(v).is_ok(),
            "{} should accept {v:?}: {:?}",
            ty.describe(),
            ty.check(v)
        );
    }
    for v in invalid {
        assert!(
            ty.check(v).is_err(),
            "{} should reject {v:?}",
            ty.describe()
        );
    }
}

/// Valid and invalid lexical forms of every built-in, as libxml2 2.9.14 judges them.
const BUILTINS: &[(&str, &[&str], &[&str])] = &[
    ("xs:string", &["", " a ", "a\tb"], &[]),
    ("xs:normalizedString", &["", "a\nb"], &[]),
    ("xs:token", &["", " a  b "], &[]),
    ("xs:anySimpleType", &["", "anything"], &[]),
    (
        "xs:boolean",
        &["true", "false", "1", "0", " true "],
        &["TRUE", "yes", ""],
    ),
    (
        "xs:decimal",
        &[
            "1.",
            " .5",
            "-.5",
            "+.5",
            "0001.1000",
            "123456789012345678901234567890.5",
        ],
        &[".", "1.5e3", ""],
    ),
    (
        "xs:integer",
        &["1", "+1", "-0", "01", " 5 ", "1234567890123456789012345"],
        &["1.5", "", "1 2", "0x1"],
    ),
    (
        "xs:long",
        &[
            "9223372036854775807",
            "-9223372036854775808",
            "+0009223372036854775807",
        ],
        &["9223372036854775808", "-9223372036854775809"],
    ),
    (
        "xs:int",
        &["2147483647", "-2147483648"],
        &["2147483648", "-2147483649"],
    ),
    ("xs:short", &["32767", "-32768"], &["32768", "-32769"]),
    (
        "xs:byte",
        &["0", "-0", "+0", "+5", "-00001", "127", "-128"],
        &["128", "-129", "256"],
    ),
    (
        "xs:unsignedLong",
        &["18446744073709551615", "0", "00"],
        &["18446744073709551616", "-0", "+5", "-1"],
    ),
    ("xs:unsignedInt", &["4294967295"], &["4294967296", "+1"]),
    ("xs:unsignedShort", &["65535"], &["65536"]),
    (
        "xs:unsignedByte",
        &["0", "5", "00", "255"],
        &["256", "-0", "+0"],
    ),
    (
        "xs:positiveInteger",
        &["+5", "5", "1000000000000000000000000000"],
        &["0", "-0", "+0", "00", "-5"],
    ),
    (
        "xs:nonNegativeInteger",
        &["0", "-0", "+0", "+5", "00"],
        &["-5", "-00001"],
    ),
    (
        "xs:negativeInteger",
        &["-5", "-00001"],
        &["0", "-0", "+5", "5"],
    ),
    (
        "xs:nonPositiveInteger",
        &["0", "-0", "+0", "-5", "00"],
        &["+5", "5"],
    ),
    (
        "xs:float",
        &[
            "1", "+1", "-1.5e3", "1.", ".5", "1E+3", "1e-3", "INF", "-INF", "NaN", "3.5e39",
            "1.e1", " 1 ",
        ],
        &["", "+INF", "-NaN", "inf", "1.5E3.2", ".e1", "1e"],
    ),
    ("xs:double", &["1e400", "+.5E-2"], &["1,5", "e1"]),
    (
        "xs:date",
        &["2024-02-29", "-0001-01-01", "2024-01-31+14:00"],
        &["2023-02-29", "0000-01-01", "12/12/2005"],
    ),
    (
        "xs:dateTime",
        &[
            "2024-01-31T12:00:00",
            "2024-01-31T24:00:00",
            "2024-01-31T12:00:00.5Z",
        ],
        &["2024-01-31", "2024-01-31 12:00:00"],
    ),
    (
        "xs:time",
        &["12:00:00", "24:00:00", "12:00:00.123456789012"],
        &["12:00", "23:59:60", "24:00:01"],
    ),
    (
        "xs:duration",
        &["P1D", "PT1H30M", "-P1Y", "PT1.S", "PT.5S"],
        &["P", "PT", "+P1Y", "P1DT", "P1W"],
    ),
    (
        "xs:base64Binary",
        &[
            "", "AAAA", "AAA=", "AA==", "AQ==", "AAE=", "AA AA", "A A A A", "AA  AA", " AAAA ",
            "AA = =", "A\nAAA",
        ],
        &[
            "A===", "AAA", "AAAAA", "AB==", "AAB=", "AA=A", "AAAA====", "ab!c",
        ],
    ),
    (
        "xs:hexBinary",
        &["", "00", "aBcD", " 00 "],
        &["0", "0g", "00 11"],
    ),
    (
        "xs:anyURI",
        &[
            "",
            "http://a b",
            "a:b",
            "x/a:b",
            "a#b",
            "%41",
            "mailto:x@y",
            "http://[::1]/",
            "?:",
            "aé",
            "a#[x]",
            "http://[::1]:80/",
            "http://u@a:1/",
            "a?b#c?d",
        ],
        &[
            "%zz",
            "::",
            "#a#b",
            "1a:b",
            "a_b:c",
            "a%2",
            "[x]",
            "http://h/a[b",
            "é:x",
            "http://a:/",
            "http://a:8a/",
            "http://a[b]/",
            "a?b[c]",
        ],
    ),
    (
        "xs:NMTOKEN",
        &["a", "1a", ":a", "-a", ".a", " a "],
        &["a b", "", "ab\tc"],
    ),
    (
        "xs:Name",
        &["a", ":a", "a:b", "a-.b", "é"],
        &["1a", "-a", ".a", "", "a b"],
    ),
    ("xs:NCName", &["a", "a-.b", "a_b"], &["a:b", ":a", "1a", ""]),
    (
        "xs:language",
        &["en", "en-US", "english", "x-1234", " a "],
        &["en-", "toolongtag", "a_b", "é", ""],
    ),
];

#[test]
fn every_builtin_by_name() {
    for (name, valid, invalid) in BUILTINS {
        let ty = ValueType::builtin(name).unwrap_or_else(|| panic!("{name}"));
        assert_eq!(ty.name(), Some(*name));
        assert_valid(&ty, valid, invalid);
    }
    assert_eq!(BUILTINS.len(), 32);
    assert!(ValueType::builtin("long").is_none());
    assert!(ValueType::builtin("xs:anyType").is_none());
}

#[test]
fn samples_of_every_builtin() {
    for (name, ..) in BUILTINS {
        let ty = ValueType::builtin(name).unwrap();
        assert!(ty.check(&ty.sample()).is_ok(), "{name}: {}", ty.sample());
        let plain = matches!(
            Builtin::from_name(name).unwrap().family(),
            builtin::Family::Any
        ) || ["xs:string", "xs:normalizedString", "xs:token"].contains(name);
        match ty.invalid_sample() {
            Some(invalid) => assert!(ty.check(&invalid).is_err(), "{name}: {invalid}"),
            None => assert!(plain, "{name} has no invalid sample"),
        }
    }
    assert_eq!(
        ValueType::builtin("xs:date")
            .unwrap()
            .invalid_sample()
            .unwrap(),
        "12/12/2005"
    );
}

#[test]
fn messages_say_what_was_expected() {
    let date = ValueType::builtin("xs:date").unwrap();
    let expected = "`12/12/2005` is not a `date`: expected YYYY-MM-DD, optionally with a time zone (Z or ±hh:mm)";
    assert_eq!(message(&date, "12/12/2005"), expected);
    let long = ValueType::builtin("xs:long").unwrap();
    let expected = "`about 500 GB` is not a `long`: expected an integer from -9223372036854775808 to 9223372036854775807";
    assert_eq!(message(&long, "about 500 GB"), expected);
    assert!(
        message(&long, "  ").starts_with("the text is empty: expected a `long`, an integer from")
    );
    let status = ty(r#"xs:string ("ok" | "error")"#);
    assert_eq!(
        message(&status, "maybe"),
        "`maybe` is not one of `ok` | `error`"
    );
    assert_eq!(
        message(&status, ""),
        "the text is empty: expected one of `ok` | `error`"
    );
    let literals = ty(r#""ok" | "error""#);
    assert_eq!(
        message(&literals, "maybe"),
        "`maybe` is not one of `ok` | `error`"
    );
    assert_eq!(message(&ty(r#""ok""#), "ok "), "`ok ` is not `ok`");
    let union = ty(r#"xs:long | "unlimited""#);
    assert_eq!(
        message(&union, "lots"),
        r#"`lots` matches no member of the union: expected long | "unlimited""#
    );
    let long_text = "x".repeat(100);
    assert!(message(&long, &long_text).starts_with(&format!("`{}…` is not", "x".repeat(60))));
    assert!(message(&long, "a\nb").starts_with("`a b`"));
    assert!(message(&ValueType::builtin("xs:int").unwrap(), "1\u{7}").starts_with("`1\\u{7}`"));
}

#[test]
fn whitespace_is_handled_before_facets() {
    assert_valid(&ty("xs:string length 3"), &[" a ", "a\tb"], &["a", "  a  "]);
    assert_valid(
        &ty("xs:string collapse length 3"),
        &["a  b", "  abc "],
        &[" a ", "a"],
    );
    assert_valid(&ty("xs:string replace length 3"), &["a\tb"], &["ab"]);
    assert_valid(&ty(r#"xs:token ("a b")"#), &["  a   b ", "a\nb"], &["ab"]);
    assert_valid(
        &ty(r#"xs:token pattern "ab""#),
        &["  ab  ", " ab"],
        &["a b"],
    );
    assert_valid(&ty(r#"xs:string ("a b")"#), &["a b"], &[" a b"]);
    assert_valid(&ty("xs:int range 1..10"), &[" 5 ", "\n10\n"], &["0", "11"]);
    assert_valid(&ty(r#""ok""#), &["ok"], &[" ok", "ok\n"]);
    let named = [("s", "xs:string collapse")];
    let inherited = compile_with("s length 2", &named).unwrap();
    assert_valid(&inherited, &[" ab ", " ab\n"], &["a b"]);
    assert_eq!(inherited.whitespace(), WhiteSpace::Collapse);
}

#[test]
fn length_counts_characters_or_octets() {
    assert_valid(
        &ty("xs:string length 3..5"),
        &["été", "abcde"],
        &["ab", "abcdef"],
    );
    assert_valid(&ty("xs:string length ..2"), &["", "ab"], &["abc"]);
    assert_valid(&ty("xs:hexBinary length 2"), &["00FF"], &["00", "00FF00"]);
    assert_valid(
        &ty("xs:base64Binary length 1..2"),
        &["AA==", "AAA="],
        &["AAAA", ""],
    );
    let e = message(&ty("xs:string length 3..255"), "ab");
    assert_eq!(
        e,
        "`ab` is 2 characters long: expected from 3 to 255 characters"
    );
    assert_eq!(
        message(&ty("xs:hexBinary length 2"), "00"),
        "`00` is 1 octet long: expected exactly 2 octets"
    );
}

#[test]
fn enumerations_compare_values() {
    assert_valid(
        &ty(r#"xs:int ("1" | "2")"#),
        &["1", "01", "+1", " 2 "],
        &["1.0", "3", "x"],
    );
    assert_valid(
        &ty(r#"xs:decimal ("1")"#),
        &["1", "01", "1.0", "1.00"],
        &["2"],
    );
    assert_valid(
        &ty(r#"xs:double ("1")"#),
        &["1", "1.0", "1e0", "10E-1"],
        &["2"],
    );
    assert_valid(&ty(r#"xs:string ("1")"#), &["1"], &["01"]);
    assert_valid(&ty(r#"xs:string ("a") ("b")"#), &["a", "b"], &["c"]);
    assert_valid(&ty(r#"xs:token (" a ")"#), &["a", " a"], &["b"]);
}

#[test]
fn patterns_match_whole_values() {
    assert_valid(
        &ty(r#"xs:string pattern "[a-z]+""#),
        &["abc"],
        &["abc1", "1abc", ""],
    );
    assert_valid(&ty(r#"xs:string pattern "^a$""#), &["^a$"], &["a"]);
    assert_valid(
        &ty(r#"xs:string pattern "a" pattern "b""#),
        &["a", "b"],
        &["ab"],
    );
    let named = [("letters", r#"xs:string pattern "[a-z]+""#)];
    let both = compile_with(r#"letters pattern "...""#, &named).unwrap();
    assert_valid(&both, &["abc"], &["ab", "a1c"]);
    let e = message(&ty(r#"xs:string pattern "\d+""#), "x");
    assert_eq!(e, r"`x` does not match the pattern `\d+`");
}

#[test]
fn ranges_are_exact() {
    assert_valid(
        &ty("xs:int range 1..65535"),
        &["1", "65535", "+00001"],
        &["0", "65536", "x"],
    );
    assert_valid(
        &ty("xs:integer range 0.."),
        &["0", "99999999999999999999999999999999"],
        &["-1", "-99999999999999999999999"],
    );
    assert_valid(
        &ty("xs:decimal range ..1"),
        &["1.0", "0.999", "-5"],
        &["1.0000001"],
    );
    assert_valid(
        &ty("xs:double range -1..1"),
        &["0.5", "1E0", "-1"],
        &["INF", "NaN", "1.5", "-INF"],
    );
    assert_eq!(
        message(&ty("xs:int range 1..10"), "11"),
        "`11` is out of range: expected a number from 1 to 10"
    );
}

#[test]
fn named_bases_and_unions() {
    let named = [
        ("port", "xs:int range 1..65535"),
        ("status", r#""ok" | "error""#),
    ];
    let narrower = compile_with("port range 1..1024", &named).unwrap();
    assert_valid(&narrower, &["80"], &["8080", "0"]);
    let restricted = compile_with(r#"status ("ok")"#, &named).unwrap();
    assert_valid(&restricted, &["ok"], &["error"]);
    let union = compile_with(r#"port | status | xs:date"#, &named).unwrap();
    assert_valid(&union, &["80", "ok", "2024-01-01"], &["0", "warning", "Ok"]);
    let e = compile_with("port range 0..10", &named).unwrap_err();
    assert!(
        e.message
            .starts_with("range bound 0 is not valid for the base: `0` is out of range"),
        "{}",
        e.message
    );
    assert_eq!(e.span, 5..16);
    assert!(
        compile_with("nothing", &named)
            .unwrap_err()
            .message
            .contains("unknown type")
    );
}

#[test]
fn facets_the_base_does_not_take() {
    let cases = [
        (
            "xs:string range 1..5",
            "`range` does not apply to `string`: it bounds numbers",
            10..20,
        ),
        (
            "xs:int length 3",
            "`length` does not apply to `int`: it measures strings and binary data",
            7..15,
        ),
        (
            r#"xs:boolean ("true")"#,
            "an enumeration does not apply to `boolean (true, false, 1, 0)`: XML Schema does not allow it there",
            11..19,
        ),
        (
            "xs:date range 1..2",
            "`range` does not apply to `date (YYYY-MM-DD)`: it bounds numbers",
            8..18,
        ),
        (
            "xs:anySimpleType length 1",
            "`length` does not apply to `anySimpleType`: it measures strings and binary data",
            17..25,
        ),
    ];
    for (src, msg, span) in cases {
        let e = compile_error(src);
        assert_eq!((e.message.as_str(), e.span), (msg, span), "{src}");
    }
    let e = compile_with("u length 1", &[("u", r#""a" | "b""#)]).unwrap_err();
    assert_eq!(
        e.message,
        "`length` does not apply to `u`: a union or literal takes only an enumeration or a pattern"
    );
}

#[test]
fn facet_values_the_base_rejects() {
    let e = compile_error("xs:byte range 0..300");
    assert!(
        e.message
            .starts_with("range bound 300 is not valid for the base: `300` is not a `byte`"),
        "{}",
        e.message
    );
    let e = compile_error(r#"xs:int ("1" | "x")"#);
    assert_eq!(
        (e.message.as_str(), e.span),
        (
            "enumeration value `x` is not valid for the base: `x` is not an `int`: expected an integer from -2147483648 to 2147483647",
            7..18
        )
    );
    assert_eq!(
        compile_error("xs:string length 5..3").message,
        "empty range: 5 > 3"
    );
    assert_eq!(compile_error("xs:int range 5..3").span, 7..17);
    assert_eq!(
        compile_error("xs:string length -1..3").message,
        "a length cannot be negative"
    );
    let e = compile_error("xs:int preserve");
    assert_eq!(
        (e.message.as_str(), e.span),
        (
            "`preserve` would loosen the base's whitespace handling, `collapse`",
            7..15
        )
    );
    assert_eq!(
        compile_error("xs:string collapse replace").message,
        "only one whitespace facet is allowed"
    );
    let named = [("short", "xs:string length 1..10")];
    let e = compile_with("short length 5..20", &named).unwrap_err();
    assert_eq!(
        e.message,
        "length 5..20 does not fit within the length 1..10 of the base `short`"
    );
    let inherited = compile_with("short length 5..", &named).unwrap();
    assert_eq!(inherited.describe(), "short, 5..10 chars");
}

#[test]
fn invalid_patterns_are_compile_errors() {
    let cases = [
        ("[a-z", "unclosed `[`"),
        ("(ab", "unclosed `(`"),
        ("ab)", "unmatched `)`"),
        ("*a", "`*` has nothing to repeat"),
        (r"\x", r"unknown escape `\x`"),
        ("a{,2}", "expected a number after `{`"),
        ("a{3,2}", "invalid quantifier"),
        ("[z-a]", "range `z-a` is out of order"),
        (r"\p{Foo}", "unknown Unicode category `Foo`"),
        (
            r"\p{IsKlingon}",
            "Unicode block `IsKlingon` is not supported",
        ),
        ("[]", "empty character class"),
        ("[a[b]]", "`[` inside a class must be escaped"),
    ];
    for (pattern, msg) in cases {
        let e = compile_error(&format!("xs:string pattern \"{pattern}\""));
        assert!(
            e.message
                .starts_with(&format!("invalid pattern `{pattern}`: {msg}")),
            "{pattern}: {}",
            e.message
        );
        assert_eq!(e.span.start, 10);
    }
}

#[test]
fn xsd_regex_dialect() {
    let cases: &[(&str, &[&str], &[&str])] = &[
        ("[a-z-[aeiou]]+", &["bcd"], &["bad"]),
        (r"[^a-z-[0-9]]", &["A"], &["a", "5"]),
        (r"\p{IsBasicLatin}+", &["abc"], &["é"]),
        (r"\w+", &["é1", "a"], &["a_b", "a-b"]),
        (".", &["a"], &["\n"]),
        (r"\i\c*", &["a1", "_:x"], &["1a"]),
        (r"[^\s]+", &["ab"], &["a b"]),
        (r"\S\d\D", &["a1b"], &["a b1", "a11"]),
        ("a{2,}", &["aa", "aaa"], &["a"]),
        ("[a-]+|[-b]+", &["-a", "b-"], &["c"]),
        (r"[\-a]+", &["-a"], &[]),
        ("x|", &["x", ""], &["y"]),
        ("()", &[""], &["a"]),
        (r"\p{Lu}\P{Lu}", &["Ab"], &["AB"]),
        ("a&&b~~c--d#e", &["a&&b~~c--d#e"], &[]),
        (r"[a&&b]+", &["a&b"], &[]),
        (r"\.\?\*\+\(\)\{\}\[\]\^\|\\\n", &[".?*+(){}[]^|\\\n"], &[]),
        ("}", &["}"], &[]),
    ];
    for (pattern, valid, invalid) in cases {
        let p = pattern::Pattern::new(pattern).unwrap_or_else(|e| panic!("{e}"));
        for v in *valid {
            assert!(p.is_match(v), "{pattern} should match {v:?}");
        }
        for v in *invalid {
            assert!(!p.is_match(v), "{pattern} should not match {v:?}");
        }
        let sample = &p.samples()[0];
        assert!(p.is_match(sample), "{pattern}: sample {sample:?}");
    }
}

#[test]
fn descriptions() {
    let named = [("string", "xs:string collapse"), ("int", "xs:integer")];
    let cases = [
        ("xs:long", "long"),
        ("xs:date", "date (YYYY-MM-DD)"),
        (r#"string ("ok" | "error")"#, r#""ok" | "error""#),
        ("string length 3..255", "string, 3..255 chars"),
        ("int", "int"),
        ("xs:integer", "integer"),
        ("int range 1..", "int, 1.."),
        (
            r#"xs:string length ..8 pattern "[a-z]*""#,
            "string, ..8 chars, pattern `[a-z]*`",
        ),
        (r#"xs:long | "unlimited""#, r#"long | "unlimited""#),
        ("xs:hexBinary length 16", "hexBinary, 16 octets"),
    ];
    for (src, described) in cases {
        assert_eq!(compile_with(src, &named).unwrap().describe(), described);
    }
}

#[test]
fn samples_satisfy_facets() {
    let named = [
        ("letters", r#"xs:string pattern "[a-z]+""#),
        ("port", "xs:int range 1..65535"),
    ];
    let sources = [
        r#"xs:string ("ok" | "error")"#,
        "xs:string length 3..255",
        "xs:string length 300",
        "xs:token length 1..",
        "xs:int range 1..65535",
        "xs:long range ..-5",
        "xs:integer range 100000000000..",
        "xs:double range 2..3",
        "xs:unsignedByte range 10..20",
        r#"xs:string pattern "[A-Z]{2}-\d{4}""#,
        r#"xs:string pattern "[^@\s]+@[^@\s]+\.[a-z]{2,}""#,
        r#"xs:string length 5..10 pattern "[a-z0-9]+""#,
        r#"xs:string pattern "(on|off)""#,
        r#"xs:date pattern "\d{4}-\d{2}-\d{2}""#,
        r#"letters length 4"#,
        "port range 80..80",
        r#"xs:int ("7" | "8")"#,
        "xs:hexBinary length 3",
        "xs:base64Binary length 4..5",
        "xs:language length 3",
        "xs:NCName length 10..",
        r#""unlimited" | xs:long range 0.."#,
        "xs:anyURI length ..10",
        r#"xs:duration pattern "P\d+D""#,
        "xs:string length 0",
    ];
    for src in sources {
        let ty = compile_with(src, &named).unwrap();
        let sample = ty.sample();
        assert!(
            ty.check(&sample).is_ok(),
            "{src}: sample {sample:?}: {:?}",
            ty.check(&sample)
        );
        let invalid = ty
            .invalid_sample()
            .unwrap_or_else(|| panic!("{src} has no invalid sample"));
        assert!(
            ty.check(&invalid).is_err(),
            "{src}: invalid sample {invalid:?}"
        );
    }
    assert_eq!(ty(r#"xs:string ("ok" | "error")"#).sample(), "ok");
    assert_eq!(ty("xs:string").invalid_sample(), None);
    assert_eq!(ty(r#"xs:string | "x""#).invalid_sample(), None);
}
