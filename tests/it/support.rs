//! Shared helpers: the rule set, the fixture files, the checker run as the CLI runs it.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use plesk_lint::FileReport;
use plesk_lint::check::Outcome;
use plesk_lint::engine::Options;
use plesk_lint::render::render_concise;
use plesk_lint::rules::{Direction, RuleSet};
use plesk_lint::source::SourceFile;
use plesk_lint::versions::Versions;

/// The embedded 2015 rule set alone, loaded once for all tests: the grammar most tests
/// check against, without the newer sets answering for it.
pub fn versions() -> &'static Versions {
    static VERSIONS: OnceLock<Versions> = OnceLock::new();
    VERSIONS.get_or_init(|| {
        let (rules, errors) = RuleSet::load(&[] as &[PathBuf]);
        assert!(errors.is_empty(), "embedded rules do not load: {errors:?}");
        Versions::single(rules)
    })
}

/// The rules of [`versions`].
pub fn rules() -> &'static RuleSet {
    &versions().newest().rules
}

/// Checks `text` as the CLI does, against [`versions`], `kind` forced or not.
pub fn check(text: &str, kind: Option<Direction>) -> Outcome {
    plesk_lint::engine::check(versions(), text, &Options::kind(kind))
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `*.xml` below `dir`, sorted, as paths relative to the repository root.
pub fn xml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root().join(dir))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "xml"))
        .map(|e| {
            e.path()
                .strip_prefix(root())
                .expect("under the root")
                .to_path_buf()
        })
        .collect();
    files.sort();
    files
}

/// The direction a fixture's name declares: `name.request.xml` or `name.response.xml`.
pub fn declared_direction(path: &Path) -> Option<Direction> {
    let name = path.file_name()?.to_str()?;
    if name.ends_with(".request.xml") {
        Some(Direction::Request)
    } else if name.ends_with(".response.xml") {
        Some(Direction::Response)
    } else {
        None
    }
}

/// Checks a file (path relative to the root, reported as given) like `plesk-lint check`.
pub fn check_file(path: &Path) -> (FileReport, Option<Direction>) {
    let bytes = std::fs::read(root().join(path)).expect("fixture readable");
    let text = String::from_utf8(bytes).expect("fixtures are UTF-8");
    let source = Arc::new(SourceFile::new(path.display().to_string(), text));
    let outcome = crate::support::check(&source.text, None);
    assert!(
        outcome.rules_errors.is_empty(),
        "broken rules met checking {}: {:?}",
        path.display(),
        outcome.rules_errors
    );
    let report = FileReport {
        source,
        diagnostics: outcome.diagnostics,
    };
    (report, outcome.direction)
}

/// The concise rendering of a report.
pub fn concise(report: &FileReport) -> String {
    let mut out = Vec::new();
    render_concise(std::slice::from_ref(report), &mut out).expect("rendering to memory");
    String::from_utf8(out).expect("UTF-8 output")
}

/// Says that a test cannot run, visibly; fails it when `CI` is set, where everything a test
/// needs must be installed (see .ci/run).
pub fn skip_or_fail(why: &str) {
    assert!(
        std::env::var_os("CI").is_none(),
        "cannot run under CI: {why}"
    );
    // Straight to the process's standard error: the test harness captures `eprintln!` of a
    // passing test, and a skip nobody sees is the silent pass this is meant to end.
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "skipped: {why}");
}

/// Whether the slow end-to-end tests run: only when `PLESK_LINT_SLOW_TESTS=1` asks for them
/// (.ci/run does), so that `cargo test` stays quick. Otherwise says `skipped: …`; in CI, where
/// they must run, that is a failure.
pub fn slow_tests(what: &str) -> bool {
    if std::env::var("PLESK_LINT_SLOW_TESTS").is_ok_and(|value| value == "1") {
        return true;
    }
    skip_or_fail(&format!("{what} is slow; PLESK_LINT_SLOW_TESTS=1 runs it"));
    false
}

/// Whether the tests rewrite what they compare against instead of comparing: env
/// `UPDATE_EXPECT=1`, the one switch for every kind of expected output (fixtures' `.expected`
/// files, the docs' example outputs, docs/diagnostics.md). Review the diff it leaves.
pub fn bless() -> bool {
    std::env::var("UPDATE_EXPECT").is_ok_and(|value| !value.is_empty() && value != "0")
}

/// Holds `actual` against a fixture's expected-output file (an absolute path); when
/// [`bless`]ing, writes it there instead. A difference, or a missing file, is pushed to
/// `failures` under `name`.
pub fn compare_expected(
    name: &str,
    expected_path: &Path,
    actual: &str,
    failures: &mut Vec<String>,
) {
    if bless() {
        std::fs::write(expected_path, actual).expect("writable fixtures");
        return;
    }
    let expected = std::fs::read_to_string(expected_path)
        .unwrap_or_else(|_| format!("<missing {}>\n", expected_path.display()));
    if actual != expected {
        failures.push(format!(
            "{name}:\n--- expected\n{expected}--- actual\n{actual}"
        ));
    }
}
