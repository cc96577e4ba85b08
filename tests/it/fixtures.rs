//! Every fixture under tests/fixtures checks exactly as its `.expected` file says (the concise
//! output: code, line and column of each finding; empty for a valid packet), and detects the
//! direction its name declares. `UPDATE_EXPECT=1 cargo test` rewrites the expected files.

use std::path::Path;

use crate::support::{check_file, compare_expected, concise, declared_direction, root, xml_files};

#[test]
fn fixtures_match_their_expected_output() {
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
        compare_expected(
            &path.display().to_string(),
            &root().join(path.with_extension("expected")),
            &actual,
            &mut failures,
        );
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

/// `text` with the edits of every safe fix among `diagnostics` applied, and the findings they
/// were attached to; `None` when there is none. Overlapping edits are a failure: the fixes of
/// one check must apply together.
pub fn apply_safe_fixes(
    text: &str,
    diagnostics: &[plesk_lint::diagnostic::Diagnostic],
) -> Option<(String, Vec<(String, String)>)> {
    use plesk_lint::diagnostic::Applicability;
    let mut edits = Vec::new();
    let mut fixed = Vec::new();
    for diagnostic in diagnostics {
        if let Some(fix) = diagnostic
            .fix
            .as_ref()
            .filter(|f| f.applicability == Applicability::Safe)
        {
            edits.extend(fix.edits.iter().cloned());
            fixed.push(key(diagnostic));
        }
    }
    if edits.is_empty() {
        return None;
    }
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in &edits {
        assert!(
            edit.span.start >= at,
            "overlapping safe fixes at {:?} in:\n{text}",
            edit.span
        );
        out.push_str(&text[at..edit.span.start]);
        out.push_str(&edit.replacement);
        at = edit.span.end;
    }
    out.push_str(&text[at..]);
    Some((out, fixed))
}

/// A finding as the convergence check compares them: code and message (spans move).
pub fn key(diagnostic: &plesk_lint::diagnostic::Diagnostic) -> (String, String) {
    (
        diagnostic.code.as_str().to_string(),
        diagnostic.message.clone(),
    )
}

/// Checks that applying every safe fix of `text` removes the findings they were attached to
/// and adds none; the description of what went wrong otherwise.
pub fn safe_fixes_converge(
    text: &str,
    kind: Option<plesk_lint::rules::Direction>,
) -> Result<bool, String> {
    let before = crate::support::check(text, kind);
    let Some((fixed_text, fixed)) = apply_safe_fixes(text, &before.diagnostics) else {
        return Ok(false);
    };
    let after = crate::support::check(&fixed_text, before.direction);
    // What may remain: the findings before, less the fixed ones (as multisets).
    let mut allowed: Vec<(String, String)> = before.diagnostics.iter().map(key).collect();
    for f in &fixed {
        if let Some(i) = allowed.iter().position(|a| a == f) {
            allowed.remove(i);
        }
    }
    for diagnostic in &after.diagnostics {
        let k = key(diagnostic);
        match allowed.iter().position(|a| *a == k) {
            Some(i) => {
                allowed.remove(i);
            }
            None => {
                return Err(format!(
                    "after the safe fixes: {} [{}]\n--- fixed text\n{fixed_text}",
                    k.1, k.0
                ));
            }
        }
    }
    Ok(true)
}

/// Issue 13: applying every safe fix of a fixture removes its findings and adds none.
#[test]
fn safe_fixes_of_every_fixture_converge() {
    let mut failures = Vec::new();
    let mut fixed = 0;
    for path in xml_files(Path::new("tests/fixtures")) {
        let text = std::fs::read_to_string(root().join(&path)).expect("readable");
        match safe_fixes_converge(&text, None) {
            Ok(true) => fixed += 1,
            Ok(false) => {}
            Err(why) => failures.push(format!("{}: {why}", path.display())),
        }
    }
    assert!(fixed >= 10, "only {fixed} fixtures have safe fixes");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The wrapper fix is unsafe (a person should look), but applied it leaves no
/// missing-wrapper finding.
#[test]
fn the_wrapper_fix_wraps() {
    let path = Path::new("tests/fixtures/one-finding/missing-wrapper-gen-info.request.xml");
    let text = std::fs::read_to_string(root().join(path)).expect("readable");
    let outcome = crate::support::check(&text, None);
    let fix = outcome.diagnostics[0].fix.as_ref().expect("a fix");
    let mut fixed = text.clone();
    for edit in fix.edits.iter().rev() {
        fixed.replace_range(edit.span.clone(), &edit.replacement);
    }
    let after = crate::support::check(&fixed, None);
    assert!(
        after.diagnostics.is_empty(),
        "{fixed}\n{:?}",
        after.diagnostics
    );
}

/// Issue 15: the rules beyond the schema follow the checker's resolution of a misspelt
/// operator (and operation), so the rename fix reveals nothing they had hidden: the
/// documented conditions of `reseller-plan/get` hold under `<reseller_plan>` and `<gett>`.
#[test]
fn lints_follow_the_renamed_operator() {
    let text = "<packet><reseller_plan><gett><result><status>ok</status><id>1</id>\
                <name>p</name></result></gett></reseller_plan></packet>";
    let outcome = crate::support::check(text, None);
    let codes: Vec<&str> = outcome
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(
        codes,
        [
            "unknown-operator",
            "unknown-operation",
            "conditionally-required"
        ],
        "{:#?}",
        outcome.diagnostics
    );
    assert!(
        outcome.diagnostics[2]
            .message
            .contains("reseller-plan/get with status `ok` has no `<guid>`"),
        "{}",
        outcome.diagnostics[2].message
    );
}

/// Issue 15: every finding is written out as the walk reports it, those of the rules beyond
/// the schema included: an invisible character in a padded login shows by name.
#[test]
fn findings_beyond_the_schema_show_every_character() {
    let text = "<packet><customer><get><filter><login> a\u{200b}b </login></filter>\
                <dataset><gen_info/></dataset></get></customer></packet>";
    let outcome = crate::support::check(text, None);
    let padded: Vec<&str> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str() == "padded-value")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(padded.len(), 1, "{:#?}", outcome.diagnostics);
    assert!(
        padded[0].contains("`a[U+200B ZERO WIDTH SPACE]b`"),
        "{}",
        padded[0]
    );
}
