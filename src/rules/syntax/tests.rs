use super::*;

fn model(src: &str) -> Group {
    match parse_body(src).unwrap().content {
        Content::Model(group) => group,
        other => panic!("not a model: {other:?}"),
    }
}

fn element(p: &Particle) -> &ElementDecl {
    match p {
        Particle::Element(e) => e,
        other => panic!("not an element: {other:?}"),
    }
}

fn group(p: &Particle) -> &Group {
    match p {
        Particle::Group(g) => g,
        other => panic!("not a group: {other:?}"),
    }
}

fn names(g: &Group) -> Vec<&str> {
    g.items.iter().map(|p| element(p).name.as_str()).collect()
}

fn err(src: &str) -> SyntaxError {
    parse_body(src).unwrap_err()
}

#[test]
fn sequences_and_single_items_are_sequences() {
    let g = model("dom_id: int,\ndate: date,\nsmtp_in: long,\n");
    assert_eq!((g.kind, g.occurs), (GroupKind::Sequence, Occurs::ONCE));
    assert_eq!(names(&g), ["dom_id", "date", "smtp_in"]);
    assert_eq!(g.span, 0..38);
    let g = model("id: int");
    assert_eq!((g.kind, names(&g)), (GroupKind::Sequence, vec!["id"]));
    let e = element(&g.items[0]);
    assert_eq!(e.name_span, 0..2);
    assert_eq!(
        e.ty,
        TypeRef::Named {
            name: "int".into(),
            span: 4..7,
            nillable: false
        }
    );
}

#[test]
fn top_level_choice_and_all() {
    let g = model("id*: int | name*: string");
    assert_eq!((g.kind, names(&g)), (GroupKind::Choice, vec!["id", "name"]));
    assert_eq!(element(&g.items[0]).occurs, Occurs::ANY);
    let g = model("dom_id?: boolean & cname?: boolean &");
    assert_eq!(
        (g.kind, names(&g)),
        (GroupKind::All, vec!["dom_id", "cname"])
    );
}

#[test]
fn choices_inside_sequences_and_groups() {
    let g = model("a: int, b: int | c: int, (d: int, e: int)?, (f: int | g: int){2,5}");
    assert_eq!(g.kind, GroupKind::Sequence);
    let choice = group(&g.items[1]);
    assert_eq!(
        (choice.kind, names(choice)),
        (GroupKind::Choice, vec!["b", "c"])
    );
    assert_eq!(choice.span, 8..23);
    let optional = group(&g.items[2]);
    assert_eq!(
        (optional.kind, optional.occurs),
        (GroupKind::Sequence, Occurs::OPTIONAL)
    );
    assert_eq!(optional.span, 25..42);
    let counted = group(&g.items[3]);
    assert_eq!(counted.kind, GroupKind::Choice);
    assert_eq!(
        counted.occurs,
        Occurs {
            min: 2,
            max: Some(5)
        }
    );
}

#[test]
fn occurrences() {
    let g = model("a: int, b?: int, c*: int, d+: int, e{3}: int, f{2,}: int, g{0,7}: int");
    let occ: Vec<_> = g.items.iter().map(|p| element(p).occurs).collect();
    let counted = |min, max| Occurs { min, max };
    let expected = [Occurs::ONCE, Occurs::OPTIONAL, Occurs::ANY, Occurs::SOME];
    assert_eq!(occ[..4], expected);
    assert_eq!(
        occ[4..],
        [counted(3, Some(3)), counted(2, None), counted(0, Some(7))]
    );
}

#[test]
fn splices_keywords_and_wildcards() {
    let g = model("...resultType, (id: int)?, OPERATIONS+, OPERATORS, ANY*");
    assert_eq!(
        g.items[0],
        Particle::Splice {
            name: "resultType".into(),
            span: 3..13
        }
    );
    let keyword = Keyword::Operations;
    assert_eq!(
        g.items[2],
        Particle::Keyword {
            keyword,
            occurs: Occurs::SOME,
            span: 27..38
        }
    );
    let keyword = Keyword::Operators;
    assert_eq!(
        g.items[3],
        Particle::Keyword {
            keyword,
            occurs: Occurs::ONCE,
            span: 40..49
        }
    );
    assert_eq!(
        g.items[4],
        Particle::Wildcard {
            occurs: Occurs::ANY,
            span: 51..55
        }
    );
}

#[test]
fn keywords_and_facet_words_are_names_elsewhere() {
    let g = model("ANY: int, length?: range, pattern: nillable nillable, OPERATIONS: x");
    assert_eq!(names(&g), ["ANY", "length", "pattern", "OPERATIONS"]);
    let TypeRef::Named { name, nillable, .. } = &element(&g.items[2]).ty else {
        panic!()
    };
    assert_eq!((name.as_str(), *nillable), ("nillable", true));
}

#[test]
fn inline_bodies_attributes_and_text() {
    let g = model(
        "result: { ...resultType, (id: int)? }, e: { }, t: { @id: int, @x?: s, #text: text }",
    );
    let TypeRef::Inline(body) = &element(&g.items[0]).ty else {
        panic!()
    };
    assert_eq!(body.span, 8..37);
    let Content::Model(inner) = &body.content else {
        panic!()
    };
    assert_eq!(inner.items.len(), 2);
    let TypeRef::Inline(empty) = &element(&g.items[1]).ty else {
        panic!()
    };
    assert_eq!(empty.content, Content::Empty);
    let TypeRef::Inline(text) = &element(&g.items[2]).ty else {
        panic!()
    };
    assert_eq!(text.attributes.len(), 2);
    let a = &text.attributes[0];
    assert_eq!(
        (a.name.as_str(), a.name_span.clone(), a.required),
        ("id", 53..55, true)
    );
    assert_eq!((a.ty.as_str(), a.ty_span.clone()), ("int", 57..60));
    assert!(!text.attributes[1].required);
    let facets = vec![];
    assert_eq!(
        text.content,
        Content::Text {
            name: "text".into(),
            span: 77..81,
            facets
        }
    );
}

#[test]
fn bodies_of_named_models() {
    let body = parse_body("").unwrap();
    assert_eq!((body.content, body.attributes.len()), (Content::Empty, 0));
    let body = parse_body("@version: string").unwrap();
    assert_eq!((body.content, body.attributes.len()), (Content::Empty, 1));
    let body = parse_body("@a: s, @b?: s length 1..,").unwrap();
    assert_eq!(
        body.attributes[1].facets,
        [Facet::Length(
            Bounds {
                min: Some(1),
                max: None
            },
            14..24
        )]
    );
    let body = parse_body("@a: s, id: int").unwrap();
    assert_eq!(body.span, 0..14);
    assert!(matches!(body.content, Content::Model(_)));
}

#[test]
fn inline_value_types_on_elements() {
    let g =
        model(r#"url?: urlType length ..255 nillable, overuse?: xs:string ("block" | "notify")"#);
    let TypeRef::Value {
        expr,
        nillable: true,
    } = &element(&g.items[0]).ty
    else {
        panic!()
    };
    let ValueMember::Restricted {
        base,
        base_span,
        facets,
    } = &expr.members[0]
    else {
        panic!()
    };
    assert_eq!((base.as_str(), base_span.clone()), ("urlType", 6..13));
    assert_eq!(
        facets,
        &[Facet::Length(
            Bounds {
                min: None,
                max: Some(255)
            },
            14..26
        )]
    );
    assert_eq!(expr.span, 6..26);
    let TypeRef::Value {
        expr,
        nillable: false,
    } = &element(&g.items[1]).ty
    else {
        panic!()
    };
    let ValueMember::Restricted { facets, .. } = &expr.members[0] else {
        panic!()
    };
    assert_eq!(
        facets,
        &[Facet::Enumeration(
            vec!["block".into(), "notify".into()],
            57..77
        )]
    );
}

#[test]
fn value_types() {
    let v = parse_value(r#"xs:string length 3..255 pattern "[a-z\"]+" collapse | "unlimited""#)
        .unwrap();
    assert_eq!(v.members.len(), 2);
    let ValueMember::Restricted { base, facets, .. } = &v.members[0] else {
        panic!()
    };
    assert_eq!(base, "xs:string");
    let length = Facet::Length(
        Bounds {
            min: Some(3),
            max: Some(255),
        },
        10..23,
    );
    let pattern = Facet::Pattern("[a-z\"]+".into(), 24..42);
    assert_eq!(
        facets,
        &[
            length,
            pattern,
            Facet::WhiteSpace(WhiteSpace::Collapse, 43..51)
        ]
    );
    assert_eq!(
        v.members[1],
        ValueMember::Literal {
            text: "unlimited".into(),
            span: 54..65
        }
    );
    let v = parse_value("xs:int range -5 preserve replace").unwrap();
    let ValueMember::Restricted { facets, .. } = &v.members[0] else {
        panic!()
    };
    assert_eq!(
        facets[0],
        Facet::Range(
            Bounds {
                min: Some(-5),
                max: Some(-5)
            },
            7..15
        )
    );
    assert_eq!(facets.len(), 3);
    let v = parse_value(r#"string ("ok" | "error") length 2.."#).unwrap();
    assert_eq!(v.span, 0..34);
}

#[test]
fn value_type_errors() {
    let e = parse_value("").unwrap_err();
    assert!(e.message.contains("empty value type"));
    let e = parse_value("xs:string lenght 3").unwrap_err();
    assert_eq!(
        e.message,
        format!("unknown facet `lenght`, expected one of {FACETS}")
    );
    assert_eq!(
        (e.span, e.help.as_deref()),
        (10..16, Some("did you mean `length`?"))
    );
    let e = parse_value("xs:int range ..").unwrap_err();
    assert!(
        e.message.starts_with("expected a range after `range`"),
        "{}",
        e.message
    );
    assert_eq!(parse_value("xs:int |").unwrap_err().span, 8..8);
    let e = parse_value(r#"xs:string ("a" "b")"#).unwrap_err();
    assert_eq!(
        (e.message.as_str(), e.span),
        (
            "expected `|` or `)` in the enumeration, found a string literal",
            15..18
        )
    );
    assert_eq!(parse_value("xs:int nillable").unwrap_err().span, 7..15);
    let e = parse_value(r#"xs:string pattern 5"#).unwrap_err();
    assert_eq!(e.span, 18..19);
}

#[test]
fn missing_colon_and_missing_comma() {
    let e = err("dom_id int");
    assert_eq!(
        e.message,
        "expected `:` and a type after element name `dom_id`, found `int`"
    );
    assert_eq!(e.span, 7..10);
    let e = err("a: int b: int");
    assert_eq!(
        (e.message.as_str(), e.span),
        ("expected `,` before element `b`", 7..8)
    );
    assert_eq!(
        err("a: int length: int").message,
        "expected `,` before element `length`"
    );
    assert_eq!(err("a: int nillable?: int").span, 7..15);
    let e = err("a: int lenght 3");
    assert!(
        e.message
            .starts_with("unknown facet `lenght`, expected one of length")
    );
    assert!(e.message.ends_with("collapse, nillable"), "{}", e.message);
    let e = err("a:");
    assert_eq!(
        (e.message.as_str(), e.span),
        (
            "expected a type name or `{` after `a:`, found the end",
            2..2
        )
    );
    let e = err(r#"a: "x""#);
    assert!(e.help.unwrap().contains("xs:string"));
}

#[test]
fn unclosed_and_unbalanced() {
    let e = err("a: int, (b: int, c: int");
    assert_eq!(
        (e.message.as_str(), e.span),
        ("unclosed `(` opened here", 8..9)
    );
    let e = err("a: { b: int");
    assert_eq!(
        (e.message.as_str(), e.span),
        ("unclosed `{` opened here", 3..4)
    );
    let e = err("a: int)");
    assert_eq!(
        (e.message.as_str(), e.span),
        ("expected `,`, `|` or the end of the model, found `)`", 6..7)
    );
    let e = err("(a: int}");
    assert_eq!(e.span, 7..8);
    assert_eq!(err("a: int, ()").message, "empty group `()`");
    assert_eq!(
        err("a{3: int").message,
        "expected `,` or `}` in the occurrence, found `:`"
    );
    let e = err("a { b: int }");
    assert!(e.help.unwrap().contains("`:`"));
    assert_eq!(err("a{5,2}: int").span, 1..6);
    assert_eq!(
        err(r#"a: xs:string ("x""#).message,
        "unclosed `(` opened here"
    );
}

#[test]
fn all_groups_are_whole_models() {
    let e = err("a: int & b: int, c: int");
    assert_eq!(
        e.message,
        "`&` and `,` cannot be mixed in one group; use parentheses"
    );
    assert_eq!(e.span, 15..16);
    let e = err("a: int, b: int & c: int");
    assert_eq!(
        (e.message.as_str(), e.span),
        (
            "`&` and `,` cannot be mixed in one group; use parentheses",
            15..16
        )
    );
    let e = err("a: int | b: int & c: int");
    assert_eq!(
        e.message,
        "`&` and `|` cannot be mixed in one group; use parentheses"
    );
    let e = err("a: int & b: int | c: int");
    assert_eq!(e.span, 16..17);
    let e = err("x: int, (a: int & b: int)");
    assert_eq!(
        (e.message.as_str(), e.span),
        ("`&` (unordered) must be the whole model of a type", 16..17)
    );
    let e = err("a*: int & b: int");
    assert_eq!(
        (e.message.as_str(), e.span),
        ("`a` may occur at most once in an `&` group", 0..1)
    );
    assert!(parse_body("x: { a: int & b?: int }").is_ok());
}

#[test]
fn attributes_and_text_in_the_wrong_place() {
    let e = err("a: int, @id: int");
    assert_eq!(
        (e.message.as_str(), e.span),
        (
            "attributes come first in a body, before the elements",
            8..11
        )
    );
    assert_eq!(
        err("@id int").message,
        "expected `:` and a type after attribute `@id`, found `int`"
    );
    assert_eq!(
        err("@id: int a: int").message,
        "expected `,` before element `a`"
    );
    assert_eq!(err("@id: int, #text: string, a: int").span, 25..26);
    assert!(
        err("a: int, #text: string")
            .message
            .starts_with("`#text` is a whole content")
    );
    assert_eq!(err("a: int,,").span, 7..8);
    assert_eq!(
        err("a: int |").message,
        "expected an element, `(`, `...` or `ANY`, found the end"
    );
    assert_eq!(
        err("...").message,
        "expected a model name after `...`, found the end"
    );
}

#[test]
fn lexer_errors_surface() {
    assert_eq!(err("a: int, $").span, 8..9);
}
