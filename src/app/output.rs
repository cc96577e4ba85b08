//! Where the reports go: standard output in `--output-format`, and each `--output-file` in
//! its own format, all from the same reports, so one run serves a person and CI at once.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, IsTerminal, Write};
use std::time::Instant;

use plesk_lint::FileReport;
use plesk_lint::config::Settings;
use plesk_lint::fix::Policy;
use plesk_lint::fix::run::{JobFix, Mode};
use plesk_lint::render::escape::escape;
use plesk_lint::render::{self, Format, HumanOptions, RenderOptions, Summary};

use super::Status;
use crate::cli::{CheckArgs, ColorChoice};

/// Whether and how `check` fixes a packet with these settings: `--diff`, or `--fix` (or
/// `fix = true` without `--no-fix`).
pub fn fix_mode(args: &CheckArgs, settings: &Settings) -> Option<(Mode, Policy)> {
    let mode = if args.diff {
        Mode::Diff
    } else if (args.fix || settings.fix.fix) && !args.no_fix {
        Mode::Apply
    } else {
        return None;
    };
    let policy = Policy {
        unsafe_fixes: args.unsafe_fixes || settings.fix.unsafe_fixes,
        fixable: settings.fix.fixable.clone(),
        unfixable: settings.fix.unfixable.clone(),
    };
    Some((mode, policy))
}

/// `--diff`: the diffs on standard output, what they would fix on standard error; exit 1 when
/// there is a diff.
pub fn emit_diff(args: &CheckArgs, fixes: &[JobFix], failed: bool) -> io::Result<Status> {
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    for fix in fixes {
        out.write_all(fix.diff.as_bytes())?;
    }
    out.flush()?;
    let files = fixes.iter().filter(|f| !f.diff.is_empty()).count();
    let fixed: usize = fixes.iter().map(|f| f.fixed).sum();
    if !args.quiet {
        eprintln!(
            "Would fix {fixed} finding{} in {files} file{}.",
            if fixed == 1 { "" } else { "s" },
            if files == 1 { "" } else { "s" }
        );
    }
    Ok(if failed {
        Status::Error
    } else if files > 0 {
        Status::Findings
    } else {
        Status::Clean
    })
}

/// Writes every output. `Ok(false)` when an output file could not be written (said on
/// stderr); the run then exits with 2, as a CI step must not pass without its report.
pub fn emit(
    args: &CheckArgs,
    reports: &[FileReport],
    checked: usize,
    started: Instant,
    fixes: &[JobFix],
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
    // `check --fix -`: the fixed packet owns standard output, the findings go to stderr.
    let packet: Vec<&[u8]> = fixes.iter().filter_map(|f| f.stdout.as_deref()).collect();
    let target: Box<dyn Write> = match packet.is_empty() {
        true => Box::new(io::stdout().lock()),
        false => Box::new(io::stderr().lock()),
    };
    // Block-buffered: a report of thousands of findings is one write per 64 KiB, not per line.
    let mut out = BufWriter::with_capacity(1 << 16, target);
    if args.statistics {
        render::render_statistics(reports, args.output_format, &mut out)?;
    } else {
        render::render(args.output_format, reports, &mut out, &options)?;
    }
    if args.output_format == Format::Human && !args.quiet {
        let mut summary = Summary::of(reports, checked);
        if args.fix || fixes.iter().any(|f| f.fixed > 0) {
            summary.fixed = Some(fixes.iter().map(|f| f.fixed).sum());
        }
        summary.write(&mut out, started.elapsed())?;
    }
    out.flush()?;
    drop(out);
    let mut stdout = io::stdout().lock();
    for bytes in packet {
        stdout.write_all(bytes)?;
    }
    stdout.flush()?;
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
