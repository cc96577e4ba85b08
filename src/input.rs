//! Finding and reading the packets to check: files, directories and standard input.
//!
//! Order is deterministic: arguments in the order given, directory contents sorted by name.
//! An explicitly named file is always checked whatever its extension; inside directories only
//! `*.xml` files and the source, template and cassette files that may hold packets
//! ([`crate::embedded::Host`]) are.
//!
//! Only regular files are ever opened: opening a FIFO blocks until someone writes to it, and
//! a device can be endless, so a named FIFO or device is an error of its own and one met while
//! walking a directory is skipped. Reads are bounded by a size limit, so a huge file is a
//! finding, not the kernel killing the process for its memory.

use std::fs::{File, FileType, Metadata};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

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

/// Expands the command-line paths into inputs, in a deterministic order.
pub fn collect(paths: &[PathBuf], stdin_name: Option<&str>) -> (Vec<Input>, Vec<InputError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin(stdin_name.unwrap_or("<stdin>").to_string()));
            continue;
        }
        match std::fs::metadata(path) {
            Ok(metadata) if metadata.is_dir() => walk(path, &mut inputs, &mut errors),
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

/// Every `*.xml` and host file ([`crate::embedded`]) below `dir`. Symbolic links to files are
/// followed (a link that leads nowhere or in a loop is an error); links to directories are
/// not, so a walk cannot loop or visit a tree twice. FIFOs, devices and sockets are skipped, whatever their name.
fn walk(dir: &Path, inputs: &mut Vec<Input>, all_errors: &mut Vec<InputError>) {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    // Not walkdir's `sort_by_file_name`, which compares through `Path` on every comparison
    // (3% of a run over 10,000 packets): the names are sorted once, below.
    for entry in walkdir::WalkDir::new(dir) {
        match entry {
            Ok(entry) => {
                let is_xml = entry
                    .path()
                    .extension()
                    .is_some_and(|ext| ext.eq_ignore_ascii_case("xml"));
                // Source, template and cassette files may hold packets too (src/embedded).
                if !is_xml && crate::embedded::Host::of(entry.path()).is_none() {
                    continue;
                }
                let kind = entry.file_type();
                if kind.is_file() {
                    found.push(entry.into_path());
                } else if kind.is_symlink() {
                    match std::fs::metadata(entry.path()) {
                        Ok(target) if target.is_file() => found.push(entry.into_path()),
                        Ok(_) => {}
                        Err(error) => errors.push(InputError::new(entry.path(), error.to_string())),
                    }
                }
            }
            Err(error) => errors.push(InputError {
                path: error.path().unwrap_or(dir).display().to_string(),
                message: error
                    .io_error()
                    .map_or_else(|| error.to_string(), ToString::to_string),
            }),
        }
    }
    // A depth-first walk with each directory's names in order lists the files in the order
    // of their paths compared name by name, which is the order of the path bytes with the
    // separator below every other byte.
    found.sort_by_cached_key(|path| walk_order_key(path));
    inputs.extend(found.into_iter().map(Input::File));
    errors.sort_by_cached_key(|error| walk_order_key(Path::new(&error.path)));
    all_errors.extend(errors);
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
