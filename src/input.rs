//! Finding and reading the packets to check: files, directories and standard input.
//!
//! Order is deterministic: arguments in the order given, directory contents sorted by name.
//! An explicitly named file is always checked whatever its extension; inside directories only
//! `*.xml` files are.

use std::io::Read;
use std::path::{Path, PathBuf};

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

    /// Reads the input's bytes.
    pub fn read(&self) -> std::io::Result<Vec<u8>> {
        match self {
            Input::File(path) => std::fs::read(path),
            Input::Stdin(_) => {
                let mut bytes = Vec::new();
                std::io::stdin().lock().read_to_end(&mut bytes)?;
                Ok(bytes)
            }
        }
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

/// Expands the command-line paths into inputs, in a deterministic order.
pub fn collect(paths: &[PathBuf], stdin_name: Option<&str>) -> (Vec<Input>, Vec<InputError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin(stdin_name.unwrap_or("<stdin>").to_string()));
        } else if path.is_dir() {
            walk(path, &mut inputs, &mut errors);
        } else if path.exists() {
            inputs.push(Input::File(path.clone()));
        } else {
            errors.push(InputError {
                path: path.display().to_string(),
                message: "no such file or directory".into(),
            });
        }
    }
    (inputs, errors)
}

fn walk(dir: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<InputError>) {
    let walker = walkdir::WalkDir::new(dir).sort_by_file_name();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let is_xml = entry
                    .path()
                    .extension()
                    .is_some_and(|ext| ext.eq_ignore_ascii_case("xml"));
                if entry.file_type().is_file() && is_xml {
                    inputs.push(Input::File(entry.into_path()));
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
}
