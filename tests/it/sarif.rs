//! The SARIF output is valid SARIF 2.1.0 (checked against the schema vendored from the npm
//! registry package, tests/schemas/README.md, by the `jsonschema` crate), and it has what
//! GitHub code scanning needs on top of the schema.

use std::collections::HashSet;

use serde_json::Value;

use crate::bin::{run, stdout};
use crate::support::root;

fn schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("tests/schemas/sarif-2.1.0.json"))
        .expect("vendored schema");
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

fn sarif(args: &[&str]) -> Value {
    let dir = root().join("tests/formats");
    let mut all = vec!["check", "--output-format", "sarif"];
    all.extend_from_slice(args);
    let output = run(&dir, &all, &[], None);
    assert!(output.status.code() != Some(2), "{output:?}");
    serde_json::from_str(&stdout(&output)).expect("SARIF is JSON")
}

fn errors(validator: &jsonschema::Validator, log: &Value) -> Vec<String> {
    validator
        .iter_errors(log)
        .map(|error| format!("{} at {}", error, error.instance_path()))
        .collect()
}

#[test]
fn output_validates_against_the_sarif_schema() {
    let validator = schema();
    for args in [vec!["input"], vec!["input/names.request.xml"], vec![]] {
        let log = sarif(&args);
        let problems = errors(&validator, &log);
        assert!(problems.is_empty(), "{args:?}: {problems:#?}");
    }
    // The validator is not a rubber stamp: a broken log fails.
    let mut broken = sarif(&["input"]);
    broken["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"] = Value::from(5);
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert_eq!(errors(&validator, &broken).len(), 2);
}

#[test]
fn output_has_what_github_code_scanning_needs() {
    let log = sarif(&["input"]);
    assert_eq!(log["version"], "2.1.0");
    assert!(
        log["$schema"]
            .as_str()
            .is_some_and(|s| s.contains("sarif-2.1.0"))
    );
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    assert!(
        run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
            .as_str()
            .is_some_and(|uri| uri.starts_with("file:///") && uri.ends_with('/'))
    );
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "plesk-lint");
    let rules = driver["rules"].as_array().expect("rules");
    for rule in rules {
        for field in ["shortDescription", "fullDescription"] {
            let text = rule[field]["text"].as_str().expect("description");
            assert!(!text.is_empty() && text.len() <= 1024, "{rule}");
        }
        assert!(rule["help"]["text"].is_string() && rule["help"]["markdown"].is_string());
        assert!(
            rule["helpUri"]
                .as_str()
                .is_some_and(|u| u.starts_with("https://"))
        );
        assert!(
            rule["name"]
                .as_str()
                .is_some_and(|n| n.chars().all(char::is_alphanumeric))
        );
    }
    let results = run["results"].as_array().expect("results");
    assert!(results.len() >= 5);
    let mut fingerprints = HashSet::new();
    for result in results {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        assert!(["error", "warning", "note"].contains(&result["level"].as_str().unwrap_or("")));
        let location = &result["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().expect("uri");
        assert!(
            !uri.contains(':') && !uri.starts_with('/'),
            "relative: {uri}"
        );
        assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let region = &location["region"];
        if region["startLine"] == region["endLine"] {
            assert!(region["endColumn"].as_u64() >= region["startColumn"].as_u64());
        }
        let print = result["partialFingerprints"]["pleskLint/v1"]
            .as_str()
            .expect("fingerprint");
        assert!(
            fingerprints.insert(print.to_string()),
            "unique fingerprints"
        );
    }
}

#[test]
fn absolute_paths_below_the_working_directory_become_relative_uris() {
    let absolute = root().join("tests/formats/input/names.request.xml");
    let log = sarif(&[absolute.to_str().expect("UTF-8 path")]);
    let uri = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"];
    assert_eq!(uri, "input/names.request.xml");
}
