//! Checking many files at once, in parallel, with results in input order whatever the number of
//! threads.
//!
//! Workers take the next unclaimed input from a shared counter (not a fixed share each), so a
//! few large files do not leave the other workers idle; each worker reads, decodes and checks
//! its input, and the results are put back in input order before anything is returned, so
//! reports, exit codes and output do not depend on scheduling. One [`RuleSet`] serves every
//! worker: looking up a compiled operation takes no lock, and compiling one blocks only the
//! workers that need that same operation (see [`RuleSet`]).

use std::num::NonZeroUsize;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::FileReport;
use crate::decode;
use crate::diagnostic::{Code, Diagnostic};
use crate::engine::{Options, check_source};
use crate::input::{DEFAULT_MAX_FILE_SIZE, Input};
use crate::rules::RulesError;
use crate::source::SourceFile;
use crate::versions::Versions;

/// The outcome of one input.
#[derive(Debug)]
pub struct Checked {
    /// The file's findings; for a file that could not be read or decoded, the one finding
    /// that says why.
    pub report: FileReport,
    /// Broken rules entries met while checking it (reported against the rules files).
    pub rules_errors: Vec<RulesError>,
    /// Whether it was checked, or why not.
    pub status: Status,
}

/// What happened to one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Read, decoded and checked.
    Checked,
    /// Read, but not decodable: the report holds that finding (a finding about the file, like
    /// malformed XML).
    Undecodable,
    /// Not readable: the report holds the I/O error.
    Unreadable,
}

/// What the read step gives: `Err` for an I/O error report, `Ok(Err)` for the report of a file
/// that cannot be decoded, `Ok(Ok)` for its text.
pub type Read = Result<Result<SourceFile, FileReport>, FileReport>;

/// The number of threads to use when none is given: the available cores.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, NonZeroUsize::get)
}

/// Reads, decodes and checks every input with one rule set and the same options, on `threads`
/// workers; one result per input, in input order.
pub fn check_all(
    versions: &Versions,
    inputs: &[Input],
    options: &Options,
    threads: usize,
) -> Vec<Checked> {
    let read = |input: &Input| read_source(input, DEFAULT_MAX_FILE_SIZE);
    check_each(inputs, threads, read, |_| (versions, options.clone()))
}

/// The general form of [`check_all`]: `read` turns an item into its text (or the report of why
/// it cannot be checked), and `rules_for` picks each item's rule sets and options, for runs
/// where configuration differs between files.
pub fn check_each<'r, T: Sync>(
    items: &[T],
    threads: usize,
    read: impl Fn(&T) -> Read + Sync,
    rules_for: impl Fn(&T) -> (&'r Versions, Options) + Sync,
) -> Vec<Checked> {
    let unchecked = |report, status| Checked {
        report,
        rules_errors: Vec::new(),
        status,
    };
    let unchecked_but_read = |report| unchecked(report, Status::Checked);
    map_ordered(items, threads, |item| match read(item) {
        Ok(Ok(source)) => {
            // A packet past the pre-scan's default limits gets that one finding, unparsed.
            if let Err(refused) = crate::prescan::scan(&source.text, &Default::default()) {
                let report = FileReport {
                    source: Arc::new(source),
                    diagnostics: vec![*refused],
                };
                return unchecked_but_read(report);
            }
            let (versions, options) = rules_for(item);
            let (report, rules_errors) = check_source(versions, Arc::new(source), &options);
            Checked {
                report,
                rules_errors,
                status: Status::Checked,
            }
        }
        Ok(Err(report)) => unchecked(report, Status::Undecodable),
        Err(report) => unchecked(report, Status::Unreadable),
    })
}

/// The stack of a worker thread: the main thread's usual 8 MiB rather than Rust's 2 MiB
/// default, so that the deepest rules the limits allow compile on a worker as on the main
/// thread. Only the pages used are ever touched.
const WORKER_STACK: usize = 8 << 20;

/// Applies `f` to every item on up to `threads` scoped workers; the results in item order.
/// With one thread or one item, runs on the calling thread and spawns nothing (the editor and
/// pre-commit case, where a thread start would be a measurable part of the run).
pub fn map_ordered<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let workers = threads.clamp(1, items.len().max(1));
    if workers == 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(index) else {
                return done;
            };
            done.push((index, f(item)));
        }
    };
    let parts: Vec<Vec<(usize, R)>> = std::thread::scope(|scope| {
        // A thread that cannot be started (a low process limit) is no error: the calling
        // thread takes the work no worker claimed.
        let handles: Vec<_> = (0..workers)
            .map_while(|_| {
                std::thread::Builder::new()
                    .stack_size(WORKER_STACK)
                    .spawn_scoped(scope, work)
                    .ok()
            })
            .collect();
        let mut parts: Vec<Vec<(usize, R)>> = handles
            .into_iter()
            .map(|handle| match handle.join() {
                Ok(part) => part,
                // A worker's panic is the program's: re-raise it with its own message.
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect();
        parts.push(work());
        parts
    });
    let mut slots: Vec<Option<R>> = std::iter::repeat_with(|| None).take(items.len()).collect();
    for (index, result) in parts.into_iter().flatten() {
        slots[index] = Some(result);
    }
    slots
        .into_iter()
        .map(|slot| slot.expect("every index is claimed by exactly one worker"))
        .collect()
}

/// Set when the process started with standard input closed (`<&-`) or `/dev/null`.
static STDIN_CLOSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Called first thing in `main`: notes whether standard input is closed, so that reading `-`
/// is an error (exit 2) rather than an empty packet. Rust's runtime opens `/dev/null` in
/// place of a closed descriptor 0 before `main` (so no file opened later is read as standard
/// input), which makes `<&-` look like `</dev/null`: both mean there is no packet to read.
pub fn reserve_standard_input() {
    #[cfg(target_os = "linux")]
    {
        let target = std::fs::read_link("/proc/self/fd/0");
        let closed = match target {
            Ok(target) => target == std::path::Path::new("/dev/null"),
            Err(_) => std::fs::metadata("/proc/self/fd").is_ok(),
        };
        STDIN_CLOSED.store(closed, Ordering::Relaxed);
    }
}

/// Reads an input of at most `max_size` bytes and decodes it ([`decode`]: byte order mark,
/// XML declaration, UTF-8 by default).
pub fn read_source(input: &Input, max_size: u64) -> Read {
    let name = input.display_name();
    if matches!(input, Input::Stdin(_)) && STDIN_CLOSED.load(Ordering::Relaxed) {
        return Err(io_report(
            &name,
            "standard input is closed (or /dev/null): there is no packet to read",
        ));
    }
    let bytes = input
        .read_limited(max_size)
        .map_err(|error| io_report(&name, &error.to_string()))?;
    Ok(decode::source_file(name, bytes))
}

/// The report of a path that cannot be read.
pub fn io_report(path: &str, message: &str) -> FileReport {
    FileReport {
        source: Arc::new(SourceFile::new(path, "")),
        diagnostics: vec![Diagnostic::new(
            Code::IoError,
            format!("cannot read `{path}`: {message}"),
            0..0,
        )],
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn summary(results: &[Checked]) -> Vec<(String, Status, Vec<String>)> {
        results
            .iter()
            .map(|c| {
                let codes = c.report.diagnostics.iter();
                let codes = codes.map(|d| format!("{:?}@{:?}", d.code, d.primary.span));
                (c.report.source.name.clone(), c.status, codes.collect())
            })
            .collect()
    }

    #[test]
    fn map_keeps_order_whatever_the_thread_count() {
        let items: Vec<u64> = (0..1000).collect();
        for threads in [0, 1, 2, 3, 8, 2000] {
            let squares = map_ordered(&items, threads, |n| n * n);
            assert_eq!(squares, items.iter().map(|n| n * n).collect::<Vec<_>>());
        }
        assert!(map_ordered(&[] as &[u8], 4, |_| 0).is_empty());
    }

    #[test]
    fn parallel_results_equal_sequential_ones() {
        let dir = std::env::temp_dir().join(format!("plesk-lint-batch-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let packets = [
            "<packet><site><get><filter/><dataset/></get></site></packet>",
            "<packet><site><get><dataset/><filter/></get></site></packet>",
            "<packet><webspace><get><filter/></get></webspace></packet>",
            "<packet><site><get>",
        ];
        let mut inputs: Vec<Input> = Vec::new();
        for i in 0..40 {
            let path = dir.join(format!("{i:02}.xml"));
            std::fs::write(&path, packets[i % packets.len()]).unwrap();
            inputs.push(Input::File(path));
        }
        std::fs::write(dir.join("binary.xml"), b"<packet>\0</packet>").unwrap();
        inputs.push(Input::File(dir.join("binary.xml")));
        inputs.push(Input::File(PathBuf::from("/nonexistent/plesk-lint/x.xml")));
        let (versions, errors) = Versions::load(&[] as &[PathBuf]);
        assert!(errors.is_empty());
        let one = summary(&check_all(&versions, &inputs, &Options::default(), 1));
        assert!(one.iter().any(|(_, _, codes)| codes.is_empty()));
        let status = |s| one.iter().filter(|(_, status, _)| *status == s).count();
        assert_eq!(status(Status::Undecodable), 1);
        assert_eq!(status(Status::Unreadable), 1);
        for threads in [2, 3, 7] {
            let fresh = Versions::load(&[] as &[PathBuf]).0;
            let options = Options::default().on_all_cores();
            assert_eq!(summary(&check_all(&fresh, &inputs, &options, threads)), one);
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
