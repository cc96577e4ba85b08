//! `path:line:col: severity: message [code]`, one line per finding: the form VS Code's `$gcc`
//! problem matcher, vim's errorformat and Emacs' compilation mode all parse. Columns count
//! characters, from 1.

use std::io::{self, Write};

use crate::FileReport;

/// Writes every finding of every report, one line each.
pub fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    for report in reports {
        for diagnostic in &report.diagnostics {
            let position = report.source.position(diagnostic.primary.span.start);
            writeln!(
                out,
                "{}:{}:{}: {}: {} [{}]",
                report.source.name,
                position.line,
                position.column,
                diagnostic.severity.as_str(),
                one_line(&diagnostic.message),
                diagnostic.code
            )?;
        }
    }
    Ok(())
}

/// Messages never span lines in this format: a line break would split the finding.
fn one_line(message: &str) -> String {
    message.replace(['\r', '\n'], " ")
}
