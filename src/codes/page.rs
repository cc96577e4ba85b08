//! docs/diagnostics.md, generated from the registry: the page every finding's documentation
//! link points into. A test keeps the committed page equal to it, so a code added to the
//! registry appears there without anyone writing Markdown.

use std::fmt::Write;

use super::Code;

/// docs/diagnostics.md: every code of [`Code::ALL`], in that order, with its documentation.
pub fn reference_page() -> String {
    let mut page = String::new();
    page.push_str(
        "<!-- Generated from the rule registry (src/codes/); do not edit.\n     \
         Regenerate: UPDATE_EXPECT=1 cargo test --test it docs -->\n\
         # Diagnostics reference\n\n\
         Every finding carries one of these codes. Codes are stable: a code is never renamed or\n\
         reused. `plesk-lint explain CODE` prints the same text in the terminal, and every machine\n\
         format links each finding to its section below. Severities can be changed and codes\n\
         turned off in [the configuration](configuration.md); the three run errors (`io-error`,\n\
         `rules-error`, `config-error`) cannot: they mean a file was not checked, and the run\n\
         exits with 2.\n\n\
         | Code | Default severity | What it catches |\n\
         | --- | --- | --- |\n",
    );
    for code in Code::ALL {
        let _ = writeln!(
            page,
            "| [`{code}`](#{code}) | {} | {} |",
            code.default_severity().as_str(),
            code.rule().summary.replace('|', "\\|")
        );
    }
    for code in Code::ALL {
        let doc = code.rule();
        let language = doc.example_language;
        let run_error = if code.is_run_error() {
            " A run error: the run exits with 2, and neither configuration nor suppression \
             comments can hide it."
        } else {
            ""
        };
        let _ = write!(
            page,
            "\n## {code}\n\n*Default severity: {}.*{run_error} {}\n\n{}\n\n\
             Bad:\n\n```{language}\n{}\n```\n\nGood:\n\n```{language}\n{}\n```\n\n\
             Fix: {}{}\n",
            code.default_severity().as_str(),
            doc.summary,
            doc.why,
            doc.bad,
            doc.good,
            doc.fix,
            doc.autofix
                .map(|autofix| format!(" {}", autofix.how))
                .unwrap_or_default()
        );
    }
    page
}
