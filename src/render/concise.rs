//! `path:line:col: severity: message [code]`, one line per finding: the form VS Code's `$gcc`
//! problem matcher, vim's errorformat and Emacs' compilation mode all parse. Columns count
//! characters, from 1. Names and messages have line breaks and other invisible characters
//! escaped ([`super::escape`]): no name can start a new line of output.

use std::io::{self, Write};

use super::escape::escape;
use crate::FileReport;

/// Writes every finding of every report, one line each, columns in characters.
pub fn render(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    render_with(reports, out, false)
}

/// [`render`], with columns in UTF-8 bytes when `byte_columns` (`--columns bytes`), for
/// editors that count bytes: vim's `%c`, Emacs' `compilation-error-screen-columns` off.
pub fn render_with(
    reports: &[FileReport],
    out: &mut dyn Write,
    byte_columns: bool,
) -> io::Result<()> {
    for report in reports {
        for diagnostic in &report.diagnostics {
            let position = report.source.position(diagnostic.primary.span.start);
            let column = if byte_columns {
                position.column_byte
            } else {
                position.column
            };
            writeln!(
                out,
                "{}:{}:{}: {}: {} [{}]",
                escape(&report.source.name),
                position.line,
                column,
                diagnostic.severity.as_str(),
                escape(&diagnostic.message),
                diagnostic.code
            )?;
        }
    }
    Ok(())
}
