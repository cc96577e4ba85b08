//! `plesk-lint check`: find the packets, find each one's configuration, check, filter, render.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use plesk_lint::batch;
use plesk_lint::check_file::{check_file, refused};
use plesk_lint::config::{CliSettings, ConfigError, Resolver, Settings};
use plesk_lint::diagnostic::Severity;
use plesk_lint::embedded;
use plesk_lint::fix::run::{self as fixing, JobFix};
use plesk_lint::input::{self, Input, WalkOptions};
use plesk_lint::rules::Direction;
use plesk_lint::rules::RulesError;
use plesk_lint::source::SourceFile;
use plesk_lint::versions::Versions;
use plesk_lint::{FileReport, filter, rules_reports};

use super::{Status, direction, guard, output};
use crate::cli::CheckArgs;

/// Runs the check and writes every requested output.
pub fn run(args: &CheckArgs) -> io::Result<Status> {
    let started = Instant::now();
    let cwd = std::env::current_dir()?;
    let mut run = Run::default();
    match config_arguments(&args.config, &cwd) {
        Ok((config_file, overrides)) => {
            let cli = CliSettings {
                config_file,
                overrides,
                select: args.select.clone(),
                ignore: args.ignore.clone(),
            };
            match Resolver::new(cwd, cli) {
                Ok(mut resolver) => run.check_all(args, &mut resolver),
                Err(error) => run.config_errors.push(Arc::new(error)),
            }
        }
        Err(error) => run.config_errors.push(Arc::new(error)),
    }
    let Run {
        mut reports,
        checked,
        io_failed,
        rules_errors,
        config_errors,
        rule_sets,
        fixes,
        usage_error,
    } = run;
    if let Some(message) = usage_error {
        warn!("plesk-lint: {message}");
        return Ok(Status::Error);
    }
    let failed = io_failed || !rules_errors.is_empty() || !config_errors.is_empty();
    reports.extend(rules_reports(&rules_errors));
    reports.extend(config_errors.iter().map(|error| error.report()));
    if args.diff {
        return output::emit_diff(args, &fixes, failed);
    }
    let written = output::emit(args, &reports, checked, started, &fixes)?;
    let found = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .any(|d| d.severity == Severity::Error);
    // The process ends next: freeing every report, text and compiled table one by one would
    // only delay that (4% of a run over 10,000 packets).
    std::mem::forget((reports, rule_sets));
    Ok(if failed || !written {
        Status::Error
    } else if found && !args.exit_zero {
        Status::Findings
    } else {
        Status::Clean
    })
}

/// What a run gathered.
#[derive(Default)]
struct Run {
    reports: Vec<FileReport>,
    checked: usize,
    io_failed: bool,
    rules_errors: Vec<RulesError>,
    config_errors: Vec<Arc<ConfigError>>,
    /// One rule set per distinct list of rules directories.
    rule_sets: HashMap<Vec<PathBuf>, Versions>,
    /// What `--fix`/`--diff` did to each input, in input order.
    fixes: Vec<JobFix>,
    /// A usage error found before checking: nothing is checked or written.
    usage_error: Option<String>,
}

/// One packet to check, with everything its configuration decided.
struct Job {
    input: Input,
    settings: Arc<Settings>,
    dirs: Vec<PathBuf>,
    kind: Option<Direction>,
    max_size: u64,
}

/// How a job ended.
enum Ended {
    Checked,
    Undecodable,
    Unreadable,
}

impl Run {
    /// Resolves every input's configuration in order, checks the packets in parallel, and
    /// keeps the reports in input order whatever the number of threads.
    fn check_all(&mut self, args: &CheckArgs, resolver: &mut Resolver) {
        let mut found = Vec::new();
        for path in &args.paths {
            // Files inside a named directory are always subject to excludes; a file named
            // on the command line only with --force-exclude.
            let explicit = !path.is_dir();
            let walk = if explicit {
                WalkOptions::default()
            } else {
                walk_options(args, resolver, path)
            };
            let (inputs, errors) = input::collect(
                std::slice::from_ref(path),
                args.stdin_filename.as_deref(),
                &walk,
            );
            for error in errors {
                self.io_failed = true;
                self.reports
                    .push(batch::io_report(&error.path, &error.message));
            }
            for input in inputs {
                // Standard input can be read once: `check - -` checks it once and says so.
                let again = matches!(input, Input::Stdin(_))
                    && found
                        .iter()
                        .any(|(seen, _)| matches!(seen, Input::Stdin(_)));
                if again {
                    warn!("plesk-lint: `-` is named more than once; standard input is read once");
                    continue;
                }
                found.push((input, explicit));
            }
        }
        let inputs: Vec<Input> = found.iter().map(|(input, _)| input.clone()).collect();
        if let Err(message) = guard::check_outputs(args, &inputs) {
            self.usage_error = Some(message);
            return;
        }
        let mut jobs = Vec::new();
        for (input, explicit) in found {
            jobs.extend(self.job(args, resolver, input, explicit));
        }
        // Asking for the cores reads cgroup files: not worth it for the one file of an editor.
        let threads = match args.threads {
            Some(threads) => usize::from(threads),
            None if jobs.len() < 2 => 1,
            None => batch::default_threads(),
        };
        // One large packet's pieces are checked on the cores too, unless one thread was asked for.
        let piece_threads = match args.threads {
            Some(1) => 1,
            _ => std::thread::available_parallelism().map_or(1, usize::from),
        };
        let rule_sets = &self.rule_sets;
        let results = batch::map_ordered(&jobs, threads, |job| {
            let rules = &rule_sets[&job.dirs];
            // A source file's packets are read here even with `embedded = false`: only a
            // file named explicitly gets this far then.
            let options = plesk_lint::engine::Options {
                kind: job.kind,
                default_version: args.api_version,
                threads: piece_threads,
                ..plesk_lint::engine::Options::default()
            };
            let check = |source: Arc<SourceFile>| {
                let outcome = check_file(rules, source, &job.settings, &options, true);
                (outcome.report, outcome.rules_errors)
            };
            let fix = output::fix_mode(args, &job.settings);
            let read = batch::read_source(&job.input, job.max_size);
            match read {
                Ok(Ok(source)) => {
                    let source = Arc::new(source);
                    // Past the limits: the one finding, and no parsing.
                    if let Some(report) = refused(&source, &job.settings) {
                        return (report, Vec::new(), Ended::Checked, JobFix::default());
                    }
                    let (report, errors) = check(source);
                    let Some((mode, policy)) = fix else {
                        return (report, errors, Ended::Checked, JobFix::default());
                    };
                    let (report, fixed) =
                        fixing::fix_input(&job.input, report, mode, &policy, |s| {
                            check(s.clone()).0.diagnostics
                        });
                    (report, errors, Ended::Checked, fixed)
                }
                // Read but not decodable: a finding about the file (exit 1), like malformed XML.
                Ok(Err(mut report)) => {
                    filter::apply(&mut report, &job.settings, false);
                    let kept =
                        fix.map(|(mode, _)| fixing::unfixed(&job.input, &report.source, mode));
                    (
                        report,
                        Vec::new(),
                        Ended::Undecodable,
                        kept.unwrap_or_default(),
                    )
                }
                Err(report) => (report, Vec::new(), Ended::Unreadable, JobFix::default()),
            }
        });
        for (report, errors, ended, fixed) in results {
            self.rules_errors.extend(errors);
            self.io_failed |= fixed.failed;
            self.fixes.push(fixed);
            match ended {
                Ended::Checked | Ended::Undecodable => self.checked += 1,
                Ended::Unreadable => self.io_failed = true,
            }
            self.reports.push(report);
        }
    }

    /// The job of one input, or `None` when it is excluded or its configuration is broken.
    fn job(
        &mut self,
        args: &CheckArgs,
        resolver: &mut Resolver,
        input: Input,
        explicit: bool,
    ) -> Option<Job> {
        let path = match &input {
            Input::File(path) => path.clone(),
            Input::Stdin(name) => PathBuf::from(name),
        };
        let settings = match resolver.settings_for(&path) {
            Ok(settings) => settings,
            Err(error) => {
                if !self.config_errors.iter().any(|e| Arc::ptr_eq(e, &error)) {
                    self.config_errors.push(error);
                }
                return None;
            }
        };
        if (!explicit || args.force_exclude) && settings.exclude.matches(&path, resolver.cwd()) {
            return None;
        }
        // `embedded = false`: a walk reads no source files (one named explicitly still is).
        if !explicit && settings.embedded.disabled && embedded::Host::of(&path).is_some() {
            return None;
        }
        let dirs: Vec<PathBuf> = args.rules.iter().chain(&settings.rules).cloned().collect();
        if !self.rule_sets.contains_key(&dirs) {
            let (rules, errors) = Versions::load(&dirs);
            self.rules_errors.extend(errors);
            self.rule_sets.insert(dirs.clone(), rules);
        }
        let kind = direction(args.kind).or(settings.kind);
        let max_size = args
            .max_file_size
            .or(settings.max_file_size)
            .unwrap_or(input::DEFAULT_MAX_FILE_SIZE);
        Some(Job {
            input,
            settings,
            dirs,
            kind,
            max_size,
        })
    }
}

/// How to walk the directory `dir`: the command line's flags, and `respect-gitignore` from
/// the configuration governing `dir` (a broken one is reported with the packets).
fn walk_options(args: &CheckArgs, resolver: &mut Resolver, dir: &Path) -> WalkOptions {
    let configured = resolver
        .settings_for(&dir.join(plesk_lint::config::FILE_NAME))
        .ok()
        .and_then(|settings| settings.respect_gitignore);
    WalkOptions {
        respect_ignore: !args.no_ignore && configured.unwrap_or(true),
        hidden: args.hidden,
        follow: args.follow,
    }
}

/// Splits `--config` arguments into the one configuration file and the `KEY=VALUE`
/// overrides. An argument naming an existing file is a file, anything else with `=` an
/// override (like ruff's `--config`).
fn config_arguments(
    arguments: &[String],
    cwd: &Path,
) -> Result<(Option<PathBuf>, Vec<String>), ConfigError> {
    let mut file: Option<PathBuf> = None;
    let mut overrides = Vec::new();
    for argument in arguments {
        let usage = |message: String| ConfigError {
            file: Arc::new(SourceFile::new("--config", argument.clone())),
            span: 0..argument.len(),
            message,
            help: Some("give one configuration file, and any number of KEY=VALUE overrides".into()),
        };
        if cwd.join(argument).is_file() {
            if let Some(first) = &file {
                return Err(usage(format!(
                    "two configuration files: `{}` and `{argument}`",
                    first.display()
                )));
            }
            file = Some(PathBuf::from(argument));
        } else if argument.contains('=') {
            overrides.push(argument.clone());
        } else {
            return Err(usage(format!(
                "`{argument}` is neither an existing file nor a KEY=VALUE override"
            )));
        }
    }
    Ok((file, overrides))
}
