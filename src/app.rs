//! What each subcommand does, from parsed arguments to an exit status.

use std::io::{self, IsTerminal, Write};
use std::sync::Arc;
use std::time::Instant;

use plesk_lint::diagnostic::{Code, Diagnostic, Severity};
use plesk_lint::input::{self, Input};
use plesk_lint::render::{self, HumanOptions, Summary};
use plesk_lint::rules::{Direction, RuleSet};
use plesk_lint::source::SourceFile;
use plesk_lint::{FileReport, check_source, explain, import, rules_reports};

use crate::cli::{
    CheckArgs, Cli, Command, ExplainArgs, GenerateArgs, ImportArgs, Kind, OutputFormat,
};

/// Exit statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Nothing found.
    Clean = 0,
    /// Errors found.
    Findings = 1,
    /// Usage, I/O or rules errors.
    Error = 2,
}

/// Runs a subcommand.
pub fn run(cli: Cli) -> io::Result<Status> {
    match cli.command {
        Command::Check(args) => check(&args),
        Command::Explain(args) => explain(&args),
        Command::ImportXsd(args) => import_xsd(&args),
        Command::Generate(args) => generate(&args),
    }
}

fn direction(kind: Option<Kind>) -> Option<Direction> {
    kind.map(|kind| match kind {
        Kind::Request => Direction::Request,
        Kind::Response => Direction::Response,
    })
}

fn check(args: &CheckArgs) -> io::Result<Status> {
    let started = Instant::now();
    let (rules, load_errors) = RuleSet::load(&args.rules);
    let (inputs, input_errors) = input::collect(&args.paths, args.stdin_filename.as_deref());
    let mut reports = Vec::new();
    let mut rules_errors = load_errors;
    let mut io_failed = !input_errors.is_empty();
    for error in &input_errors {
        reports.push(io_report(&error.path, &error.message));
    }
    for input in &inputs {
        match read_source(input) {
            Ok(source) => {
                let (report, errors) = check_source(&rules, Arc::new(source), direction(args.kind));
                rules_errors.extend(errors);
                reports.push(report);
            }
            Err(report) => {
                io_failed = true;
                reports.push(report);
            }
        }
    }
    let rules_broken = !rules_errors.is_empty();
    reports.extend(rules_reports(&rules_errors));
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match args.output_format {
        OutputFormat::Concise => render::render_concise(&reports, &mut out)?,
        OutputFormat::Human => {
            let options = HumanOptions {
                color: stdout_is_colorful(),
                width: 100,
            };
            render::render_human(&reports, &mut out, options)?;
            Summary::of(&reports, inputs.len()).write(&mut out, started.elapsed())?;
        }
    }
    out.flush()?;
    let found = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| d.severity == Severity::Error);
    Ok(if io_failed || rules_broken {
        Status::Error
    } else if found {
        Status::Findings
    } else {
        Status::Clean
    })
}

fn stdout_is_colorful() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && io::stdout().is_terminal()
}

/// Reads and decodes an input; a failure becomes a report of its own.
fn read_source(input: &Input) -> Result<SourceFile, FileReport> {
    let name = input.display_name();
    let bytes = input
        .read()
        .map_err(|error| io_report(&name, &error.to_string()))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(name, text)),
        Err(error) => {
            let offset = error.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let source = Arc::new(SourceFile::new(name, text));
            let at = source.floor_boundary(offset);
            let diagnostic = Diagnostic::new(
                Code::MalformedXml,
                format!("the file is not valid UTF-8: invalid byte at offset {offset}"),
                at..at,
            )
            .with_help("save the file as UTF-8");
            Err(FileReport {
                source,
                diagnostics: vec![diagnostic],
            })
        }
    }
}

fn io_report(path: &str, message: &str) -> FileReport {
    FileReport {
        source: Arc::new(SourceFile::new(path, "")),
        diagnostics: vec![Diagnostic::new(
            Code::IoError,
            format!("cannot read `{path}`: {message}"),
            0..0,
        )],
    }
}

fn explain(args: &ExplainArgs) -> io::Result<Status> {
    let (rules, errors) = RuleSet::load(&args.rules);
    let stdout = io::stdout();
    let mut out = stdout.lock();
    if !errors.is_empty() {
        render::render_concise(&rules_reports(&errors), &mut out)?;
        return Ok(Status::Error);
    }
    let directions: Vec<Direction> = match direction(args.kind) {
        Some(direction) => vec![direction],
        None => vec![Direction::Request, Direction::Response],
    };
    let result = match (&args.target, args.list) {
        (_, true) => explain::list(&rules, &directions, &mut out),
        (Some(target), false) => explain::explain(&rules, target, &directions, &mut out),
        (None, false) => {
            writeln!(
                out,
                "usage: plesk-lint explain CODE | OPERATOR[/OPERATION] | --list"
            )?;
            return Ok(Status::Error);
        }
    };
    match result {
        Ok(true) => Ok(Status::Clean),
        Ok(false) => Ok(Status::Error),
        Err(error) => Err(error),
    }
}

fn import_xsd(args: &ImportArgs) -> io::Result<Status> {
    match import::import_xsd(&args.schema_dir, &args.out) {
        Ok(summary) => {
            println!("{summary}");
            Ok(Status::Clean)
        }
        Err(error) => {
            eprintln!("plesk-lint import-xsd: {error}");
            Ok(Status::Error)
        }
    }
}

fn generate(args: &GenerateArgs) -> io::Result<Status> {
    let (rules, errors) = RuleSet::load(&[] as &[std::path::PathBuf]);
    let options = plesk_lint::generate::Options {
        seed: args.seed,
        variants: args.variants,
    };
    let corpus = plesk_lint::generate::corpus(&rules, options);
    let broken: Vec<_> = errors.into_iter().chain(corpus.errors.clone()).collect();
    if !broken.is_empty() {
        render::render_concise(&rules_reports(&broken), &mut io::stdout().lock())?;
        return Ok(Status::Error);
    }
    plesk_lint::generate::write_corpus(&corpus, &args.out)?;
    let mutants = corpus.packets.iter().filter(|p| p.mutation.is_some()).count();
    println!(
        "wrote {} packets ({} valid, {mutants} mutants) and {} to {}",
        corpus.packets.len(),
        corpus.packets.len() - mutants,
        plesk_lint::generate::MANIFEST,
        args.out.display()
    );
    Ok(Status::Clean)
}
