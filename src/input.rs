//! Finding and reading the packets to check: files, directories and standard input.
//!
//! Order is deterministic: arguments in the order given, directory contents sorted by name.
//! An explicitly named file is always checked whatever its extension; inside directories only
//! `*.xml` files and the source, template and cassette files that may hold packets
//! ([`crate::embedded::Host`]) are, and only those the repository means: a walk skips what
//! `.gitignore`, `.ignore` and git's excludes ignore, hidden and version control directories,
//! `node_modules` and tagged caches such as Cargo's `target/` (see [`WalkOptions`]).
//!
//! Only regular files are ever opened: opening a FIFO blocks until someone writes to it, and
//! a device can be endless, so a named FIFO or device is an error of its own and one met while
//! walking a directory is skipped. Reads are bounded by a size limit, so a huge file is a
//! finding, not the kernel killing the process for its memory.

use std::fs::{File, FileType, Metadata};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The default `--max-file-size`: far above any real packet, far below a machine's memory.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 256 * 1024 * 1024;

/// One thing to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file on disk.
    File(PathBuf),
    /// Standard input, reported under this name.
    Stdin(String),
}

impl Input {
    /// The name reports use.
    pub fn display_name(&self) -> String {
        match self {
            Input::File(path) => path.display().to_string(),
            Input::Stdin(name) => name.clone(),
        }
    }

    /// Reads the input's bytes, up to [`DEFAULT_MAX_FILE_SIZE`].
    pub fn read(&self) -> io::Result<Vec<u8>> {
        self.read_limited(DEFAULT_MAX_FILE_SIZE)
    }

    /// Reads the input's bytes. Fails without blocking on anything but a regular file, and
    /// with [`io::ErrorKind::FileTooLarge`] past `max` bytes (checked before reading when the
    /// size is known, and while reading for stdin or a file that grows).
    pub fn read_limited(&self, max: u64) -> io::Result<Vec<u8>> {
        match self {
            Input::File(path) => {
                // Open first, then look: one `stat` fewer per file than looking first, which
                // is a tenth of a run over thousands of small packets. Paths were found to be
                // regular files when collected; should one have become a FIFO since, the
                // non-blocking open keeps it from stalling the run until the look rejects it.
                let file = open_without_blocking(path)?;
                let metadata = file.metadata()?;
                regular(&metadata)?;
                if metadata.len() > max {
                    return Err(too_large(Some(metadata.len()), max));
                }
                read_bounded(file, max, metadata.len())
            }
            Input::Stdin(_) => read_bounded(io::stdin().lock(), max, 0),
        }
    }
}

#[cfg(unix)]
fn open_without_blocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    File::options()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// Reads at most `max` bytes, or fails. `expected` is the size the file had when opened: when
/// the reads fill it exactly, the file is taken as complete without one more `read` to see
/// the end (a file growing while it is read is checked as it was when opened).
fn read_bounded(mut reader: impl Read, max: u64, expected: u64) -> io::Result<Vec<u8>> {
    let capacity = usize::try_from(expected.min(max)).unwrap_or(0);
    let mut bytes = vec![0; capacity];
    let mut filled = 0;
    while filled < capacity {
        match reader.read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    bytes.truncate(filled);
    if capacity > 0 && filled == capacity {
        return Ok(bytes);
    }
    // Standard input, a file that reports no size (as in /proc), or one that shrank.
    reader
        .take(max.saturating_add(1) - filled as u64)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(too_large(None, max));
    }
    Ok(bytes)
}

/// An error unless `metadata` is a regular file's.
fn regular(metadata: &Metadata) -> io::Result<()> {
    if metadata.is_file() {
        return Ok(());
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!(
            "{} is not a regular file; only regular files are read (use `-` for standard input)",
            kind_name(&metadata.file_type())
        ),
    ))
}

fn too_large(size: Option<u64>, max: u64) -> io::Error {
    let size = size.map_or_else(|| "more than that".to_string(), format_size);
    io::Error::new(
        io::ErrorKind::FileTooLarge,
        format!(
            "the file is larger than the limit of {} ({size}); raise it with \
             `--max-file-size` or `max-file-size` in plesk-lint.toml",
            format_size(max)
        ),
    )
}

/// What kind of file this is, for messages: `a directory`, `a FIFO`.
fn kind_name(kind: &FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a directory"
    } else {
        "a special file"
    }
}

/// A path that could not be used, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The path as given or found.
    pub path: String,
    /// What went wrong.
    pub message: String,
}

impl InputError {
    fn new(path: &Path, message: impl Into<String>) -> InputError {
        InputError {
            path: path.display().to_string(),
            message: message.into(),
        }
    }
}

/// How directories are walked. Paths named on the command line are checked whatever these say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WalkOptions {
    /// Skip what the repository ignores: `.gitignore` (inside a git repository),
    /// `.git/info/exclude`, git's global excludes, `.ignore`, `node_modules` and directories
    /// tagged as caches (`CACHEDIR.TAG`, as Cargo tags `target/`). `--no-ignore` and
    /// `respect-gitignore = false` turn this off.
    pub respect_ignore: bool,
    /// Walk into hidden files and directories (`--hidden`).
    pub hidden: bool,
    /// Follow symbolic links to directories and out of the walked tree (`--follow`).
    pub follow: bool,
}

impl Default for WalkOptions {
    fn default() -> WalkOptions {
        WalkOptions {
            respect_ignore: true,
            hidden: false,
            follow: false,
        }
    }
}

/// Version control directories: never walked into, whatever the options (name one on the
/// command line to check what is inside).
pub const VCS_DIRECTORIES: [&str; 7] = [".git", ".hg", ".svn", ".bzr", ".jj", "_darcs", "CVS"];

/// Directories of other tools' downloads, skipped with the ignore files.
pub const DEPENDENCY_DIRECTORIES: [&str; 1] = ["node_modules"];

/// Expands the command-line paths into inputs, in a deterministic order.
pub fn collect(
    paths: &[PathBuf],
    stdin_name: Option<&str>,
    options: &WalkOptions,
) -> (Vec<Input>, Vec<InputError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin(stdin_name.unwrap_or("<stdin>").to_string()));
            continue;
        }
        match std::fs::metadata(path) {
            Ok(metadata) if metadata.is_dir() => walk(path, options, &mut inputs, &mut errors),
            Ok(metadata) => match regular(&metadata) {
                Ok(()) => inputs.push(Input::File(path.clone())),
                Err(error) => errors.push(InputError::new(path, error.to_string())),
            },
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                let dangling = path.symlink_metadata().is_ok();
                let message = if dangling {
                    "the symbolic link points to nothing"
                } else {
                    "no such file or directory"
                };
                errors.push(InputError::new(path, message));
            }
            Err(error) => errors.push(InputError::new(path, error.to_string())),
        }
    }
    (inputs, errors)
}

/// Every `*.xml` and host file ([`crate::embedded`]) below `dir` that the repository means, as ripgrep and ruff see a tree (the
/// `ignore` crate is ripgrep's own walker: `.gitignore` files nest, negate and apply from the
/// repository root down, which matchers bolted onto walkdir would have to redo).
///
/// Symbolic links met on the way are not followed out of the tree: a link to a file inside
/// `dir` is checked under the link's name (one that leads nowhere or in a loop is an error),
/// a link to a file outside `dir` or to a directory is skipped, so a walk cannot loop, visit a
/// tree twice or read what the tree does not hold (`/proc/self/environ`, a home directory).
/// `--follow` follows every link. FIFOs, devices and sockets are skipped, whatever their name.
fn walk(
    dir: &Path,
    options: &WalkOptions,
    inputs: &mut Vec<Input>,
    all_errors: &mut Vec<InputError>,
) {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    // Resolved once, lazily: only a walk that meets a symbolic link needs it.
    let mut root: Option<io::Result<PathBuf>> = None;
    if options.respect_ignore {
        // The walker reads the ignore files of the directory and of every directory above it
        // before it lists anything.
        let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
        let mut above = absolute.ancestors().skip(1);
        if let Some(error) = unsafe_ignore_file(dir).or_else(|| above.find_map(unsafe_ignore_file))
        {
            all_errors.push(error);
            return;
        }
    }
    // Directories left out because an ignore file in them cannot be read safely, reported.
    let refused = Arc::new(Mutex::new(Vec::new()));
    let walker = walker(dir, options, refused.clone());
    for entry in walker {
        match entry {
            Ok(entry) => {
                let is_xml = entry
                    .path()
                    .extension()
                    .is_some_and(|ext| ext.eq_ignore_ascii_case("xml"));
                // Source, template and cassette files may hold packets too (src/embedded).
                let wanted = is_xml || crate::embedded::Host::of(entry.path()).is_some();
                let Some(kind) = entry.file_type().filter(|_| wanted) else {
                    continue;
                };
                if kind.is_file() {
                    found.push(entry.into_path());
                } else if kind.is_symlink() {
                    let root = root.get_or_insert_with(|| dir.canonicalize());
                    match inside(entry.path(), root) {
                        Ok(true) => found.push(entry.into_path()),
                        Ok(false) => {}
                        Err(error) => errors.push(InputError::new(entry.path(), error.to_string())),
                    }
                }
            }
            Err(error) if error.is_partial() => {} // a bad line in an ignore file: git skips it too
            Err(error) => errors.push(walk_error(&error, dir)),
        }
    }
    if let Ok(mut refused) = refused.lock() {
        errors.append(&mut refused);
    }
    // A depth-first walk with each directory's names in order lists the files in the order
    // of their paths compared name by name, which is the order of the path bytes with the
    // separator below every other byte.
    found.sort_by_cached_key(|path| walk_order_key(path));
    inputs.extend(found.into_iter().map(Input::File));
    errors.sort_by_cached_key(|error| walk_order_key(Path::new(&error.path)));
    all_errors.extend(errors);
}

/// The walker of [`walk`]. Directories it leaves out because an ignore file in them cannot be
/// read safely go to `refused`.
fn walker(dir: &Path, options: &WalkOptions, refused: Arc<Mutex<Vec<InputError>>>) -> ignore::Walk {
    let respect = options.respect_ignore;
    // Not the walker's `sort_by_file_name`, which compares through `Path` on every
    // comparison (3% of a run over 10,000 packets): `walk` sorts the names once.
    ignore::WalkBuilder::new(dir)
        .standard_filters(false)
        .hidden(!options.hidden)
        .parents(respect)
        .ignore(respect)
        .git_ignore(respect)
        .git_global(respect)
        .git_exclude(respect)
        .follow_links(options.follow)
        .filter_entry(move |entry| {
            if skipped_directory(entry, respect) {
                return false;
            }
            let is_dir = entry.file_type().is_some_and(|kind| kind.is_dir());
            let Some(error) = (respect && is_dir)
                .then(|| unsafe_ignore_file(entry.path()))
                .flatten()
            else {
                return true;
            };
            if let Ok(mut refused) = refused.lock() {
                refused.push(error);
            }
            false
        })
        .build()
}

/// Whether the walk leaves out this directory: version control always; dependencies and
/// tagged caches with the ignore rules.
fn skipped_directory(entry: &ignore::DirEntry, respect_ignore: bool) -> bool {
    if !entry.file_type().is_some_and(|kind| kind.is_dir()) {
        return false;
    }
    let name = entry.file_name();
    if VCS_DIRECTORIES.iter().any(|vcs| name == *vcs) {
        return true;
    }
    respect_ignore
        && (DEPENDENCY_DIRECTORIES.iter().any(|dep| name == *dep) || cache_tagged(entry.path()))
}

/// The largest ignore file read; real ones are a few kilobytes.
const MAX_IGNORE_FILE: u64 = 16 << 20;

/// Why the walker must not enter `dir`, if it must not: the files it reads there before
/// listing anything (`.gitignore`, `.ignore`, `.git` or `.git/info/exclude`) include one that
/// is not a regular file, which could block the run for ever (a FIFO) or never end (a device),
/// or one too large to be an ignore file. The walker opens them without looking, so this
/// looks first.
fn unsafe_ignore_file(dir: &Path) -> Option<InputError> {
    let mut read = vec![dir.join(".gitignore"), dir.join(".ignore")];
    let git = dir.join(".git");
    match std::fs::metadata(&git) {
        Ok(metadata) if metadata.is_dir() => read.push(git.join("info").join("exclude")),
        Ok(_) => read.push(git), // a worktree's `.git` file, naming the repository
        Err(_) => {}
    }
    read.into_iter().find_map(|path| {
        let metadata = std::fs::metadata(&path).ok()?;
        let problem = if !metadata.is_file() {
            format!("{} is not a regular file", kind_name(&metadata.file_type()))
        } else if metadata.len() > MAX_IGNORE_FILE {
            format!(
                "{} is too large for an ignore file (more than {})",
                format_size(metadata.len()),
                format_size(MAX_IGNORE_FILE)
            )
        } else {
            return None;
        };
        Some(InputError::new(
            &path,
            format!(
                "{problem}; `{}` is not walked (name its packets, or use --no-ignore)",
                dir.display()
            ),
        ))
    })
}

/// A directory tagged as a cache (https://bford.info/cachedir/): Cargo's `target/`, and
/// other tools' build and cache directories.
fn cache_tagged(dir: &Path) -> bool {
    const SIGNATURE: &[u8] = b"Signature: 8a477f597d28d172789f06886806bc55";
    let Ok(file) = File::open(dir.join("CACHEDIR.TAG")) else {
        return false;
    };
    let mut start = Vec::with_capacity(SIGNATURE.len());
    file.take(SIGNATURE.len() as u64)
        .read_to_end(&mut start)
        .is_ok_and(|_| start == SIGNATURE)
}

/// Whether the symbolic link at `link` leads to a regular file inside `root` (the walked
/// directory, canonical). An error when it leads nowhere or in a loop.
fn inside(link: &Path, root: &io::Result<PathBuf>) -> io::Result<bool> {
    let target = link.canonicalize()?;
    let Ok(root) = root else {
        return Ok(false);
    };
    Ok(target.starts_with(root) && std::fs::metadata(&target)?.is_file())
}

/// A walk error as an input error on the path it concerns.
fn walk_error(error: &ignore::Error, dir: &Path) -> InputError {
    match error {
        ignore::Error::WithPath { path, err } => InputError {
            path: path.display().to_string(),
            message: walk_error(err, path).message,
        },
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error(err, dir)
        }
        ignore::Error::Loop { ancestor, child } => InputError::new(
            child,
            format!(
                "the symbolic link leads back to `{}`, in a loop",
                ancestor.display()
            ),
        ),
        ignore::Error::Io(io) => InputError::new(dir, io.to_string()),
        other => InputError::new(dir, other.to_string()),
    }
}

/// The sort key of [`walk`]'s order: the path's bytes, each separator replaced by 0 (which no
/// file name holds).
fn walk_order_key(path: &Path) -> Vec<u8> {
    let bytes = path.as_os_str().as_encoded_bytes();
    bytes
        .iter()
        .map(|&b| {
            if std::path::is_separator(char::from(b)) {
                0
            } else {
                b
            }
        })
        .collect()
}

/// Parses a size: a number of bytes, optionally with a unit (`B`; `K`, `M`, `G` or `KiB`,
/// `MiB`, `GiB` for powers of 1024; `KB`, `MB`, `GB` for powers of 1000), case-insensitive.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit() && c != '_')
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: u64 = number
        .replace('_', "")
        .parse()
        .map_err(|_| format!("`{text}` is not a size; write e.g. `256MiB` or `1000000`"))?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kib" => 1 << 10,
        "m" | "mib" => 1 << 20,
        "g" | "gib" => 1 << 30,
        "kb" => 1_000,
        "mb" => 1_000_000,
        "gb" => 1_000_000_000,
        other => {
            return Err(format!(
                "unknown size unit `{other}`; use B, KiB, MiB, GiB, KB, MB or GB"
            ));
        }
    };
    number
        .checked_mul(factor)
        .ok_or_else(|| format!("`{text}` is too large"))
}

/// A size for messages: `256 MiB`, `1.5 GiB`, `900 bytes`.
pub fn format_size(bytes: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)];
    for (unit, size) in UNITS {
        if bytes >= size {
            let whole = bytes / size;
            let tenths = (bytes % size) * 10 / size;
            return if tenths == 0 {
                format!("{whole} {unit}")
            } else {
                format!("{whole}.{tenths} {unit}")
            };
        }
    }
    format!("{bytes} bytes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("256MiB"), Ok(256 << 20));
        assert_eq!(parse_size("1 gb"), Ok(1_000_000_000));
        assert_eq!(parse_size("1_000"), Ok(1000));
        assert!(parse_size("12 parsecs").is_err());
        assert!(parse_size("").is_err());
        assert!(parse_size("99999999999G").is_err());
        assert_eq!(format_size(256 << 20), "256 MiB");
        assert_eq!(format_size(1536), "1.5 KiB");
        assert_eq!(format_size(10), "10 bytes");
    }
}
