//! Every fixture under tests/fixtures checks exactly as its `.expected` file says (the concise
//! output: code, line and column of each finding; empty for a valid packet), and detects the
//! direction its name declares. `UPDATE_EXPECT=1 cargo test` rewrites the expected files.

use std::path::Path;

use crate::support::{check_file, concise, declared_direction, root, xml_files};

#[test]
fn fixtures_match_their_expected_output() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    let files = xml_files(Path::new("tests/fixtures"));
    assert!(files.len() > 20, "fixtures missing");
    for path in files {
        let (report, direction) = check_file(&path);
        let actual = concise(&report);
        if let (Some(declared), Some(detected)) = (declared_direction(&path), direction)
            && declared != detected
            && !report.diagnostics.is_empty()
            && report
                .diagnostics
                .iter()
                .all(|d| d.code.as_str() != "malformed-xml")
        {
            failures.push(format!("{}: detected as {detected:?}", path.display()));
        }
        let expected_path = root().join(path.with_extension("expected"));
        if update {
            std::fs::write(&expected_path, &actual).expect("writable fixtures");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| format!("<missing {}>", expected_path.display()));
        if actual != expected {
            failures.push(format!(
                "{}:\n--- expected\n{expected}--- actual\n{actual}",
                path.display()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixture(s) differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn corrected_documentation_samples_check_clean() {
    let files = xml_files(Path::new("samples/docs/corrected"));
    assert!(files.len() >= 14, "corrected samples missing");
    for path in files {
        let (report, _) = check_file(&path);
        assert!(
            report.diagnostics.is_empty(),
            "{} is not clean:\n{}",
            path.display(),
            concise(&report)
        );
    }
}
