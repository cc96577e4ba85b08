//! `exclude` globs, with the gitignore-like meaning people expect from linters' excludes:
//!
//! * a pattern without `/` matches a file or directory name at any depth (`*.response.xml`,
//!   `vendor`);
//! * a pattern with `/` matches the path relative to the configuration file's directory
//!   (`generated/**`, `/legacy`; a leading `/` only anchors, a trailing `/` is dropped);
//! * `*` never crosses a `/`; `**` does;
//! * a matching directory excludes everything below it.

use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

/// Compiled exclude patterns and the directory they are relative to.
#[derive(Debug, Clone, Default)]
pub struct Excludes {
    base: PathBuf,
    names: GlobSet,
    paths: GlobSet,
    empty: bool,
}

impl Excludes {
    /// Compiles the patterns, or says which one is broken (its span and why).
    pub fn new(
        base: &Path,
        patterns: &[(String, Range<usize>)],
    ) -> Result<Excludes, (Range<usize>, String)> {
        let mut names = GlobSetBuilder::new();
        let mut paths = GlobSetBuilder::new();
        for (pattern, span) in patterns {
            let trimmed = pattern.trim_end_matches('/');
            let anchored = trimmed.contains('/');
            let trimmed = trimmed.trim_start_matches('/');
            let glob = GlobBuilder::new(trimmed)
                .literal_separator(true)
                .build()
                .map_err(|error| {
                    (
                        span.clone(),
                        format!("invalid exclude pattern `{pattern}`: {}", error.kind()),
                    )
                })?;
            if anchored {
                paths.add(glob);
            } else {
                names.add(glob);
            }
        }
        let build = |builder: GlobSetBuilder| {
            builder
                .build()
                .map_err(|error| (0..0, format!("invalid exclude patterns: {error}")))
        };
        Ok(Excludes {
            base: base.to_path_buf(),
            names: build(names)?,
            paths: build(paths)?,
            empty: patterns.is_empty(),
        })
    }

    /// Whether `path` (absolute, or relative to the working directory `cwd`) is excluded.
    pub fn matches(&self, path: &Path, cwd: &Path) -> bool {
        // `Excludes::default()` (no configuration file) has no patterns either.
        if self.empty || (self.names.is_empty() && self.paths.is_empty()) {
            return false;
        }
        let absolute = normalize(&cwd.join(path));
        let base = normalize(&cwd.join(&self.base));
        let relative = absolute.strip_prefix(&base).unwrap_or(&absolute);
        let parts: Vec<String> = relative
            .components()
            .filter_map(|part| match part {
                Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect();
        let mut prefix = String::new();
        for part in &parts {
            if self.names.is_match(part) {
                return true;
            }
            if !prefix.is_empty() {
                prefix.push('/');
            }
            prefix.push_str(part);
            if self.paths.is_match(&prefix) {
                return true;
            }
        }
        false
    }
}

/// Removes `.` and resolves `..` lexically (the file may not exist, and symlinks are not ours
/// to resolve: the user wrote paths as they see them).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn excludes(patterns: &[&str]) -> Excludes {
        let patterns: Vec<(String, Range<usize>)> =
            patterns.iter().map(|p| (p.to_string(), 0..0)).collect();
        Excludes::new(Path::new("/repo"), &patterns).expect("valid patterns")
    }

    #[test]
    fn names_match_at_any_depth_and_paths_from_the_base() {
        let cwd = Path::new("/repo");
        let set = excludes(&["*.response.xml", "vendor", "generated/**", "/top.xml"]);
        assert!(set.matches(Path::new("a/b/x.response.xml"), cwd));
        assert!(!set.matches(Path::new("a/b/x.request.xml"), cwd));
        assert!(set.matches(Path::new("a/vendor/x.xml"), cwd));
        assert!(set.matches(Path::new("generated/a/x.xml"), cwd));
        assert!(!set.matches(Path::new("a/generated/x.xml"), cwd));
        assert!(set.matches(Path::new("./top.xml"), cwd));
        assert!(!set.matches(Path::new("a/top.xml"), cwd));
        assert!(set.matches(Path::new("/repo/vendor/y.xml"), Path::new("/elsewhere")));
    }

    #[test]
    fn a_star_does_not_cross_directories() {
        let set = excludes(&["a/*.xml"]);
        assert!(set.matches(Path::new("a/x.xml"), Path::new("/repo")));
        assert!(!set.matches(Path::new("a/b/x.xml"), Path::new("/repo")));
    }
}
