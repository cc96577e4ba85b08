//! What each subcommand does, from parsed arguments to an exit status.

mod check;
mod guard;
mod output;

use std::io::{self, Write};

use plesk_lint::render;
use plesk_lint::rules::{Direction, RuleSet};
use plesk_lint::versions::Versions;
use plesk_lint::{explain, import, rules_reports, version_diff};

use crate::cli::{Cli, Command, ExplainArgs, GenerateArgs, ImportArgs, ImportSvgArgs, Kind};

/// Exit statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Nothing found.
    Clean = 0,
    /// Errors found.
    Findings = 1,
    /// Usage, I/O, rules or configuration errors.
    Error = 2,
}

/// Runs a subcommand.
pub fn run(cli: Cli) -> io::Result<Status> {
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Explain(args) => explain(&args),
        Command::ImportXsd(args) => import_xsd(&args),
        Command::ImportSvg(args) => import_svg(&args),
        Command::Generate(args) => generate(&args),
        Command::Server => Ok(match plesk_lint::server::run_stdio()? {
            0 => Status::Clean,
            _ => Status::Error,
        }),
    }
}

fn direction(kind: Option<Kind>) -> Option<Direction> {
    kind.map(|kind| match kind {
        Kind::Request => Direction::Request,
        Kind::Response => Direction::Response,
    })
}

fn explain(args: &ExplainArgs) -> io::Result<Status> {
    let (versions, errors) = Versions::load(&args.rules);
    let stdout = io::stdout();
    let mut out = stdout.lock();
    if !errors.is_empty() {
        render::render_concise(&rules_reports(&errors), &mut out)?;
        return Ok(Status::Error);
    }
    // `--api-version` picks the set to explain; the newest otherwise.
    let set = versions.get(args.api_version);
    let rules = &set.rules;
    let directions: Vec<Direction> = match direction(args.kind) {
        Some(direction) => vec![direction],
        None => vec![Direction::Request, Direction::Response],
    };
    let result = match (&args.target, args.list) {
        (_, true) => explain::list(rules, &directions, &mut out),
        (Some(target), false) => {
            let found = explain::explain(rules, target, &directions, &mut out)?;
            if target.contains('/') && found {
                version_diff::write(&versions, target, &directions, &mut out)?;
            } else if target.contains('/') {
                version_diff::elsewhere(&versions, set, target, &directions, &mut out)?;
            }
            Ok(found)
        }
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
            warn!("plesk-lint import-xsd: {error}");
            Ok(Status::Error)
        }
    }
}

fn import_svg(args: &ImportSvgArgs) -> io::Result<Status> {
    match import::import_svg(&args.svg_dir, &args.xsd, &args.base, &args.out) {
        Ok(summary) => {
            println!("{summary}");
            Ok(Status::Clean)
        }
        Err(error) => {
            warn!("plesk-lint import-svg: {error}");
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
    let mutants = corpus
        .packets
        .iter()
        .filter(|p| p.mutation.is_some())
        .count();
    println!(
        "wrote {} packets ({} valid, {mutants} mutants) and {} to {}",
        corpus.packets.len(),
        corpus.packets.len() - mutants,
        plesk_lint::generate::MANIFEST,
        args.out.display()
    );
    Ok(Status::Clean)
}
