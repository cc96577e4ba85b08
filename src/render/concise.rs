//! `path:line:col: severity: message [code]`, one line per finding: the form VS Code's `$gcc`
//! problem matcher, vim's errorformat and Emacs' compilation mode all parse. Columns count
//! characters, from 1. Names and messages have line breaks and other invisible characters
//! escaped ([`super::escape`]): no name can start a new line of output.

use std::io::{self, Write};

use super::escape::escape;
use crate::FileReport;

/// Writes every finding of every report, one line each.
pub fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    for report in reports {
        for diagnostic in &report.diagnostics {
            let position = report.source.position(diagnostic.primary.span.start);
            writeln!(
                out,
                "{}:{}:{}: {}: {} [{}]",
                escape(&report.source.name),
                position.line,
                position.column,
                diagnostic.severity.as_str(),
                escape(&diagnostic.message),
                diagnostic.code
            )?;
        }
    }
    Ok(())
}
