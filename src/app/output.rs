//! Where the reports go: standard output in `--output-format`, and each `--output-file` in
//! its own format, all from the same reports, so one run serves a person and CI at once.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, IsTerminal, Write};
use std::time::Instant;

use plesk_lint::FileReport;
use plesk_lint::render::escape::escape;
use plesk_lint::render::{self, Format, HumanOptions, RenderOptions, Summary};

use crate::cli::{CheckArgs, ColorChoice};

/// Writes every output. `Ok(false)` when an output file could not be written (said on
/// stderr); the run then exits with 2, as a CI step must not pass without its report.
pub fn emit(
    args: &CheckArgs,
    reports: &[FileReport],
    checked: usize,
    started: Instant,
) -> io::Result<bool> {
    let options = RenderOptions {
        human: HumanOptions {
            color: use_color(args.color),
            width: 100,
        },
        root: std::env::current_dir().ok(),
        byte_columns: args.columns == "bytes",
    };
    let mut written = true;
    for output in &args.output_file {
        let result = File::create(&output.path).and_then(|file| {
            let mut out = BufWriter::new(file);
            let mut options = options.clone();
            options.human.color = false;
            render::render(output.format, reports, &mut out, &options)?;
            out.flush()
        });
        if let Err(error) = result {
            warn!(
                "plesk-lint: cannot write `{}`: {error}",
                escape(&output.path.display().to_string())
            );
            written = false;
        }
    }
    let github = args.output_format == Format::Github
        || args.output_file.iter().any(|o| o.format == Format::Github);
    if github {
        write_step_summary(reports);
    }
    // Block-buffered: a report of thousands of findings is one write per 64 KiB, not per line.
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    if args.statistics {
        render::render_statistics(reports, args.output_format, &mut out)?;
    } else {
        render::render(args.output_format, reports, &mut out, &options)?;
    }
    if args.output_format == Format::Human && !args.quiet {
        Summary::of(reports, checked).write(&mut out, started.elapsed())?;
    }
    out.flush()?;
    Ok(written)
}

/// On GitHub Actions, findings past the annotation cap go to the job summary too.
fn write_step_summary(reports: &[FileReport]) {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return;
    };
    let mut markdown = Vec::new();
    if render::github_step_summary(reports, &mut markdown).is_err() || markdown.is_empty() {
        return;
    }
    let result = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut file| file.write_all(&markdown));
    if let Err(error) = result {
        warn!("plesk-lint: cannot write the GitHub step summary: {error}");
    }
}

/// `--color`; for `auto`: NO_COLOR (set and not empty) turns colour off, FORCE_COLOR (set,
/// not empty and not `0`) turns it on, else colour only when standard output is a terminal
/// (the findings go there; miette's own default asks about stderr) and TERM is not `dumb`.
fn use_color(choice: ColorChoice) -> bool {
    let set = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if set("NO_COLOR").is_some() => false,
        ColorChoice::Auto if set("FORCE_COLOR").is_some_and(|v| v != "0") => true,
        ColorChoice::Auto => {
            io::stdout().is_terminal() && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
        }
    }
}
