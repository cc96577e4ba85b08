//! The importer end to end, on a small schema set that uses every construct the Plesk set
//! uses (and the two per-direction definitions of one name).

use std::fs;
use std::path::PathBuf;

use super::import_xsd;

const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">"#;

const REQUEST: &str = r#"
  <xs:include schemaLocation="common.xsd"/>
  <xs:include schemaLocation="thing_input.xsd"/>
  <xs:element name="packet">
    <xs:complexType>
      <xs:complexContent>
        <xs:extension base="RequestPacketType">
          <xs:sequence>
            <xs:element name="request-settings" minOccurs="0"/>
            <xs:choice maxOccurs="unbounded">
              <xs:element name="thing" type="ThingInput"/>
              <xs:element name="single" type="SingleInput"/>
            </xs:choice>
          </xs:sequence>
        </xs:extension>
      </xs:complexContent>
    </xs:complexType>
  </xs:element>
  <xs:complexType name="RequestPacketType">
    <xs:attribute name="version" type="string"/>
  </xs:complexType>
</xs:schema>"#;

const RESPONSE: &str = r#"
  <xs:include schemaLocation="common.xsd"/>
  <xs:include schemaLocation="thing_output.xsd"/>
  <xs:element name="packet" type="ResponsePacketType"/>
  <xs:complexType name="ResponsePacketType">
    <xs:sequence>
      <xs:choice>
        <xs:choice maxOccurs="unbounded">
          <xs:element name="thing" type="ThingOutput"/>
          <xs:element name="upload" type="UploadOutput"/>
        </xs:choice>
        <xs:element name="system" type="resultType"/>
      </xs:choice>
      <xs:element name="output" type="string" minOccurs="0"/>
    </xs:sequence>
    <xs:attribute name="version" type="string"/>
  </xs:complexType>
</xs:schema>"#;

const COMMON: &str = r#"
  <xs:complexType name="resultType">
    <xs:annotation><xs:documentation>  Operation
       result </xs:documentation></xs:annotation>
    <xs:sequence>
      <xs:element name="status" type="result_status"/>
      <xs:element name="errtext" type="xs:string" minOccurs="0"/>
    </xs:sequence>
  </xs:complexType>
  <xs:simpleType name="result_status">
    <xs:restriction base="xs:string">
      <xs:enumeration value="ok"/><xs:enumeration value="error"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="string">
    <xs:restriction base="xs:string"><xs:whiteSpace value="collapse"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="int">
    <xs:restriction base="xs:integer"><xs:whiteSpace value="collapse"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="positive-integer-or-empty">
    <xs:union memberTypes="xs:positiveInteger">
      <xs:simpleType>
        <xs:restriction base="xs:string"><xs:enumeration value=""/></xs:restriction>
      </xs:simpleType>
    </xs:union>
  </xs:simpleType>
  <xs:simpleType name="code">
    <xs:restriction base="string">
      <xs:minLength value="1"/><xs:maxLength value="16"/>
      <xs:pattern value="[\-a-z]+"/><xs:pattern value="&quot;q&quot;"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:complexType name="FilterType">
    <xs:choice minOccurs="0">
      <xs:element name="id" type="int" maxOccurs="unbounded"/>
      <xs:element name="all"/>
    </xs:choice>
  </xs:complexType>
</xs:schema>"#;

const THING_INPUT: &str = r#"
  <xs:complexType name="ThingInput">
    <xs:choice maxOccurs="unbounded">
      <xs:element name="add">
        <xs:annotation><xs:documentation>Add a thing</xs:documentation></xs:annotation>
        <xs:complexType>
          <xs:sequence>
            <xs:element name="filter" type="FilterType"/>
            <xs:choice minOccurs="0">
              <xs:element name="owner-id" type="int"/>
              <xs:element name="owner-login" type="string"/>
            </xs:choice>
            <xs:element name="parts" type="Parts" minOccurs="0"/>
            <xs:element name="overuse" minOccurs="0">
              <xs:simpleType>
                <xs:restriction base="xs:string">
                  <xs:enumeration value="block"/><xs:enumeration value="notify"/>
                </xs:restriction>
              </xs:simpleType>
            </xs:element>
            <xs:element name="ttl" type="positive-integer-or-empty" nillable="true"/>
            <xs:element name="flag" type="NoneType" minOccurs="0"/>
            <xs:choice maxOccurs="10">
              <xs:element name="a" type="code"/>
              <xs:sequence><xs:element name="b"/><xs:element name="c" maxOccurs="unbounded"/></xs:sequence>
            </xs:choice>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="get" type="Lookup"/>
      <xs:element name="del" type="Lookup"/>
      <xs:element name="reboot"/>
      <xs:element name="clash" type="Clash"/>
    </xs:choice>
  </xs:complexType>
  <xs:complexType name="SingleInput">
    <xs:choice>
      <xs:element name="only">
        <xs:complexType>
          <xs:sequence><xs:element name="flag" type="NoneType"/></xs:sequence>
        </xs:complexType>
      </xs:element>
    </xs:choice>
  </xs:complexType>
  <xs:complexType name="NoneType"/>
  <xs:complexType name="Lookup">
    <xs:sequence><xs:element name="filter" type="FilterType"/></xs:sequence>
  </xs:complexType>
  <xs:complexType name="Parts">
    <xs:all minOccurs="0">
      <xs:element name="x" type="int" minOccurs="0"/>
      <xs:element name="y" type="int" minOccurs="0"/>
    </xs:all>
  </xs:complexType>
  <xs:complexType name="Clash">
    <xs:sequence><xs:element name="in" type="Inner"/><xs:element name="again" type="Inner"/></xs:sequence>
  </xs:complexType>
  <xs:complexType name="Inner">
    <xs:sequence><xs:element name="request-side" type="int"/></xs:sequence>
  </xs:complexType>
</xs:schema>"#;

const THING_OUTPUT: &str = r###"
  <xs:complexType name="ThingOutput">
    <xs:choice maxOccurs="unbounded">
      <xs:element name="add">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="result">
              <xs:complexType>
                <xs:complexContent>
                  <xs:extension base="resultType">
                    <xs:sequence minOccurs="0"><xs:element name="id" type="int"/></xs:sequence>
                  </xs:extension>
                </xs:complexContent>
              </xs:complexType>
            </xs:element>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="get">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="size" type="Sized" minOccurs="0"/>
            <xs:element name="extra" minOccurs="0">
              <xs:complexType>
                <xs:complexContent>
                  <xs:restriction base="Wide">
                    <xs:sequence><xs:element name="w" type="int"/></xs:sequence>
                  </xs:restriction>
                </xs:complexContent>
              </xs:complexType>
            </xs:element>
            <xs:element name="ext" type="Wide" minOccurs="0"/>
            <xs:element name="clash" type="Inner"/>
            <xs:element name="clash2" type="Inner"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>
      <xs:element name="clash" type="Inner"/>
      <xs:element name="surprise" type="NoneType"/>
    </xs:choice>
  </xs:complexType>
  <xs:complexType name="NoneType"/>
  <xs:complexType name="Sized">
    <xs:simpleContent>
      <xs:extension base="xs:string">
        <xs:attribute name="unit" type="xs:string" use="required"/>
        <xs:attribute name="exact" type="xs:boolean"/>
      </xs:extension>
    </xs:simpleContent>
  </xs:complexType>
  <xs:complexType name="Wide">
    <xs:sequence>
      <xs:element name="w" type="int" maxOccurs="unbounded"/>
      <xs:any namespace="##targetNamespace" processContents="lax" minOccurs="0" maxOccurs="unbounded"/>
    </xs:sequence>
  </xs:complexType>
  <xs:complexType name="UploadOutput">
    <xs:sequence><xs:element name="result" type="resultType" maxOccurs="unbounded"/></xs:sequence>
  </xs:complexType>
  <xs:complexType name="Inner">
    <xs:sequence><xs:element name="response-side" type="string"/></xs:sequence>
  </xs:complexType>
</xs:schema>"###;

/// An orphan: never included, and its `Clash` would clash.
const ORPHAN: &str = r#"
  <xs:complexType name="Clash"><xs:sequence><xs:element name="nope"/></xs:sequence></xs:complexType>
</xs:schema>"#;

/// A fresh directory holding the fixture schema set, and an output directory beside it.
fn fixture(test: &str) -> (PathBuf, PathBuf) {
    let root =
        std::env::temp_dir().join(format!("plesk-lint-import-{}-{test}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    let schema = root.join("xsd");
    fs::create_dir_all(&schema).unwrap();
    let files = [
        ("agent_input.xsd", REQUEST),
        ("agent_output.xsd", RESPONSE),
        ("common.xsd", COMMON),
        ("thing_input.xsd", THING_INPUT),
        ("thing_output.xsd", THING_OUTPUT),
        ("orphan.xsd", ORPHAN),
    ];
    for (name, body) in files {
        fs::write(schema.join(name), format!("{HEAD}{body}")).unwrap();
    }
    (schema, root.join("rules"))
}

/// Removes a fixture (the parent of its schema directory).
fn cleanup(schema: &std::path::Path) {
    if let Some(root) = schema.parent() {
        let _ = fs::remove_dir_all(root);
    }
}

fn read(dir: &std::path::Path, name: &str) -> String {
    fs::read_to_string(dir.join(name)).unwrap()
}

#[test]
fn imports_the_fixture() {
    let (schema, out) = fixture("full");
    let summary = import_xsd(&schema, &out).unwrap();
    assert_eq!(
        (summary.request.operators, summary.request.operations),
        (2, 6)
    );
    assert_eq!(
        (summary.response.operators, summary.response.operations),
        (2, 5)
    );
    assert_eq!(summary.response.packet_elements, ["system", "output"]);
    assert_eq!(summary.response.single_child, ["upload/result"]);
    assert_eq!(
        summary.files_written,
        [
            "_packet.toml",
            "_shared.toml",
            "thing.toml",
            "single.toml",
            "upload.toml"
        ]
    );

    let packet = read(&out, "_packet.toml");
    assert!(packet.contains("request = '@version?: string, request-settings?: any, OPERATORS+'"));
    assert!(packet.contains(
        "response = '@version?: string, (OPERATORS+ | system: resultType), output?: string'"
    ));

    let shared = read(&out, "_shared.toml");
    assert!(
        shared.contains(
            "# Operation result\nresultType = 'status: result_status, errtext?: xs:string'"
        )
    );
    assert!(shared.contains("string = 'xs:string collapse'"));
    assert!(
        shared.contains("[model]\nNoneType = ''"),
        "used by two files, same in both directions"
    );
    assert!(!shared.contains("Clash"), "the orphan is never read");

    let thing = read(&out, "thing.toml");
    assert!(thing.contains("# Add a thing\n[operation.add]\nrequest = '''\nfilter: FilterType,\n(owner-id: int | owner-login: string)?,\n"));
    assert!(thing.contains(
        "overuse?: xs:string (\"block\" | \"notify\"),\nttl: positive-integer-or-empty nillable,\n"
    ));
    assert!(thing.contains("flag?: NoneType,\n(a: code | (b: any, c+: any)){1,10}\n'''"));
    assert!(
        thing.contains("[model]\nFilterType = '(id+: int | all: any)?'"),
        "used by one file only"
    );
    assert!(thing.contains("int = 'xs:integer collapse'"));
    assert!(thing.contains("positive-integer-or-empty = 'xs:positiveInteger | xs:string (\"\")'"));
    assert!(thing.contains(
        r#"string length 1..16 pattern "[\\-a-z]+" | string length 1..16 pattern "\"q\"""#
    ));
    assert!(thing.contains("parts?: { x?: int & y?: int },"));
    assert!(thing.contains("response = 'result: { ...resultType, (id: int)? }'"));
    assert!(thing.contains("[operation.get]\nrequest = 'filter: FilterType'\n"));
    assert!(thing.contains("[operation.reboot]\nrequest = 'any'\n"));
    assert!(thing.contains("size?: { @unit: xs:string, @exact?: xs:boolean, #text: xs:string }"));
    assert!(
        thing.contains("extra?: { w: int }"),
        "a restriction writes the restricted model"
    );
    assert!(thing.contains("ext?: { w+: int, ANY* }"));
    assert!(
        thing.contains("[operation.surprise]\nresponse = ''\n"),
        "response-only operation"
    );
    assert!(thing.contains("[request.model]\nInner = 'request-side: int'"));
    assert!(thing.contains("[response.model]\nInner = 'response-side: string'"));

    let single = read(&out, "single.toml");
    assert!(single.contains("[operator]\nrequest = 'OPERATIONS'\n\n"));
    let upload = read(&out, "upload.toml");
    assert!(upload.contains("[operator]\nresponse = 'OPERATIONS+'\n\n# Operation result\n[operation.result]\nresponse = 'status: result_status, errtext?: xs:string'"));
    assert!(summary.notes.is_empty(), "{:?}", summary.notes);
    cleanup(&schema);
}

#[test]
fn output_is_stable_and_leaves_other_files_alone() {
    let (schema, out) = fixture("stable");
    import_xsd(&schema, &out).unwrap();
    let first = read(&out, "thing.toml");
    fs::create_dir_all(out.join("overrides")).unwrap();
    fs::write(out.join("overrides/thing.toml"), "# mine\n").unwrap();
    fs::write(out.join("README.md"), "mine\n").unwrap();
    fs::write(out.join("hand.toml"), "# written by hand\n").unwrap();
    let stale = read(&out, "single.toml");
    fs::write(out.join("gone.toml"), stale).unwrap();

    let summary = import_xsd(&schema, &out).unwrap();
    assert_eq!(read(&out, "thing.toml"), first);
    assert_eq!(summary.files_removed, 1);
    assert!(!out.join("gone.toml").exists());
    assert_eq!(read(&out, "overrides/thing.toml"), "# mine\n");
    assert_eq!(read(&out, "hand.toml"), "# written by hand\n");
    assert_eq!(read(&out, "README.md"), "mine\n");
    cleanup(&schema);
}

#[test]
fn errors_name_the_file_and_line() {
    let (schema, out) = fixture("errors");
    let broken = THING_INPUT.replace(
        r#"type="Lookup"/>
      <xs:element name="del""#,
        r#"type="Missing"/>
      <xs:element name="del""#,
    );
    fs::write(schema.join("thing_input.xsd"), format!("{HEAD}{broken}")).unwrap();
    let error = import_xsd(&schema, &out).unwrap_err().to_string();
    assert!(error.contains("thing_input.xsd:"), "{error}");
    assert!(
        error.contains("type `Missing` is not defined in the closure of agent_input.xsd"),
        "{error}"
    );

    fs::write(schema.join("common.xsd"), "<xs:schema").unwrap();
    let error = import_xsd(&schema, &out).unwrap_err().to_string();
    assert!(error.contains("common.xsd: not well-formed XML"), "{error}");
    cleanup(&schema);
}
