//! `--output-file` must never write over a packet being checked (a report over its own input
//! loses the input), nor two outputs over each other (one report would silently replace the
//! other). Both are usage errors found before anything is checked or written.
//!
//! Files are compared by identity (device and inode on Unix), so `./a.xml`, `a.xml`, a
//! symbolic link to it and a hard link all match; an output that does not exist yet is
//! compared by its absolute path with `.` and `..` resolved through its existing parent.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use plesk_lint::input::Input;

use crate::cli::CheckArgs;

/// What a path is, for comparing.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Identity {
    #[cfg(unix)]
    Inode(u64, u64),
    Path(PathBuf),
}

fn identity(path: &Path) -> Identity {
    #[cfg(unix)]
    if let Ok(metadata) = std::fs::metadata(path) {
        use std::os::unix::fs::MetadataExt;
        return Identity::Inode(metadata.dev(), metadata.ino());
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let resolved = match (absolute.parent(), absolute.file_name()) {
        (Some(parent), Some(name)) => parent
            .canonicalize()
            .map_or(absolute.clone(), |parent| parent.join(name)),
        _ => absolute,
    };
    Identity::Path(resolved)
}

fn shown(path: &Path) -> String {
    plesk_lint::render::escape::escape(&path.display().to_string()).into_owned()
}

/// The usage error for the first output that names an input or another output.
pub fn check_outputs(args: &CheckArgs, inputs: &[Input]) -> Result<(), String> {
    let mut seen: HashMap<Identity, &Path> = HashMap::new();
    for output in &args.output_file {
        if let Some(first) = seen.insert(identity(&output.path), &output.path) {
            return Err(format!(
                "two `--output-file`s write to one file: `{}` and `{}`",
                shown(first),
                shown(&output.path)
            ));
        }
    }
    if seen.is_empty() {
        return Ok(());
    }
    // Configuration and rules tables are inputs too.
    for output in &args.output_file {
        let name = output.path.file_name().and_then(|n| n.to_str());
        let in_rules = args.rules.iter().any(|dir| {
            output.path.parent().map(identity) == Some(identity(dir))
                && name.is_some_and(|n| n.ends_with(".toml"))
        });
        if name == Some(plesk_lint::config::FILE_NAME) || in_rules {
            return Err(format!(
                "`--output-file` `{}` is a configuration or rules file: the report would replace it",
                shown(&output.path)
            ));
        }
    }
    for input in inputs {
        let Input::File(path) = input else { continue };
        if let Some(output) = seen.get(&identity(path)) {
            return Err(format!(
                "`--output-file` `{}` is `{}`, a file being checked: the report would replace it",
                shown(output),
                shown(path)
            ));
        }
    }
    Ok(())
}
