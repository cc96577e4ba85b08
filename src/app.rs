//! What each subcommand does, from parsed arguments to an exit status.

mod check;
mod guard;
mod output;

use std::io::{self, Write};

use plesk_lint::render;
use plesk_lint::rules::Direction;
use plesk_lint::versions::Versions;
use plesk_lint::{explain, rules_reports, version_diff};

use crate::cli::{Cli, Command, ExplainArgs, Kind};

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
