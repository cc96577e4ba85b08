//! The one error type of the importer.
//!
//! An import either produces every table or none: a schema set the importer does not
//! understand is reported with the file (and line, where there is one) and what was wrong,
//! rather than turned into tables that silently say something else.

use std::fmt;
use std::path::{Path, PathBuf};

/// Why an import failed: which file, where in it, and what went wrong.
#[derive(Debug)]
pub struct ImportError {
    /// The schema file or output file concerned (empty when no one file is).
    pub path: PathBuf,
    /// 1-based line in `path`, when the problem has a position.
    pub line: Option<u32>,
    /// What went wrong, as a sentence for a person.
    pub message: String,
}

impl ImportError {
    /// An error about a whole file (unreadable, unwritable, not XML).
    pub fn file(path: &Path, message: impl Into<String>) -> Self {
        ImportError {
            path: path.to_path_buf(),
            line: None,
            message: message.into(),
        }
    }

    /// An error about the schema set as a whole.
    pub fn general(message: impl Into<String>) -> Self {
        ImportError {
            path: PathBuf::new(),
            line: None,
            message: message.into(),
        }
    }

    /// An error at a line of a schema file.
    pub fn at(path: &Path, line: u32, message: impl Into<String>) -> Self {
        ImportError {
            path: path.to_path_buf(),
            line: Some(line),
            message: message.into(),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            _ if self.path.as_os_str().is_empty() => f.write_str(&self.message),
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for ImportError {}
