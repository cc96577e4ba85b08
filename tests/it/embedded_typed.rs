//! `hole-in-typed-value`: an info note at a placeholder that fills a typed value, off unless
//! selected (issue 18, item 3). The fixture tests/embedded/php/typed-holes.php reports nothing
//! by default (its `.expected` is empty, held by the embedded fixture test); selected, it
//! reports what `typed-holes.php.selected.expected` says.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

use plesk_lint::codes::Code;
use plesk_lint::config::Settings;
use plesk_lint::embedded::{self, Host};
use plesk_lint::source::SourceFile;
use plesk_lint::versions::Versions;

use crate::bin::{run, scratch, stdout};
use crate::support::{compare_expected, concise, root};

const FIXTURE: &str = "tests/embedded/php/typed-holes.php";

fn report(settings: &Settings) -> String {
    let (versions, errors) = Versions::load(&[] as &[PathBuf]);
    assert!(errors.is_empty(), "{errors:?}");
    let text = std::fs::read_to_string(root().join(FIXTURE)).expect("fixture");
    let source = Arc::new(SourceFile::new(FIXTURE, text));
    let (mut report, errors) = embedded::check_source(&versions, source, Host::Php, None, None);
    assert!(errors.is_empty(), "{errors:?}");
    plesk_lint::filter::apply(&mut report, settings, true);
    concise(&report)
}

#[test]
fn a_hole_in_a_typed_value_is_noted_only_when_selected() {
    assert_eq!(report(&Settings::default()), "", "off by default");
    let selected = Settings {
        select: Some(BTreeSet::from([Code::HoleInTypedValue])),
        ..Settings::default()
    };
    let found = report(&selected);
    let mut failures = Vec::new();
    compare_expected(
        FIXTURE,
        &root().join(format!("{FIXTURE}.selected.expected")),
        &found,
        &mut failures,
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Typed values only: `<id>` (positiveInteger) and `<overuse>` (a list), not `<name>`.
    assert_eq!(found.lines().count(), 2, "{found}");
    assert!(found.lines().all(|l| l.contains(": info: ")), "{found}");
}

#[test]
fn plesk_lint_toml_and_select_turn_the_note_on() {
    let dir = scratch("typed-holes");
    std::fs::copy(root().join(FIXTURE), dir.join("api.php")).expect("copy");
    let args = ["check", "--output-format", "concise", "api.php"];
    let quiet = run(&dir, &args, &[], None);
    assert_eq!(stdout(&quiet), "", "off by default");
    let cli = run(
        &dir,
        &[&args[..3], &["--select", "hole-in-typed-value", "api.php"]].concat(),
        &[],
        None,
    );
    assert_eq!(stdout(&cli).lines().count(), 2, "{}", stdout(&cli));
    // An info note never fails the run.
    assert_eq!(cli.status.code(), Some(0));
    std::fs::write(
        dir.join("plesk-lint.toml"),
        "select = [\"hole-in-typed-value\", \"unknown-element\"]\n",
    )
    .expect("config");
    let configured = run(&dir, &args, &[], None);
    assert_eq!(stdout(&configured), stdout(&cli));
}
