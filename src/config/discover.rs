//! Which configuration governs which packet: the closest `plesk-lint.toml` from the packet's
//! directory upward (the first one found wins; files are not merged, so one file says
//! everything about its tree), or the one file `--config PATH` names. `--config KEY=VALUE`
//! overrides and `--select`/`--ignore` then apply on top of whichever file that is.
//!
//! Lookups are cached per directory, so a tree of thousands of packets reads each
//! configuration file once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{ConfigError, FILE_NAME, Layer, Settings, parse};
use crate::codes::Code;
use crate::source::SourceFile;

/// The command line's part of the configuration.
#[derive(Debug, Clone, Default)]
pub struct CliSettings {
    /// `--config PATH`: use this file for every packet instead of searching.
    pub config_file: Option<PathBuf>,
    /// `--config KEY=VALUE` overrides, in order.
    pub overrides: Vec<String>,
    /// `--select`: replaces the configured selection.
    pub select: Option<Vec<Code>>,
    /// `--ignore`: added to the configured ignores.
    pub ignore: Vec<Code>,
}

type Resolved = Result<Arc<Settings>, Arc<ConfigError>>;

/// Finds and caches the settings of each packet.
#[derive(Debug)]
pub struct Resolver {
    cwd: PathBuf,
    cli: CliSettings,
    overrides: Vec<Layer>,
    /// Directory → the configuration file governing it (`None`: none found).
    found: HashMap<PathBuf, Option<PathBuf>>,
    /// Configuration file (`None`: defaults) → its settings.
    settings: HashMap<Option<PathBuf>, Resolved>,
    /// The directory of the last packet asked about, as given, and its settings: packets
    /// come directory by directory, so most lookups are this one comparison.
    last: Option<(PathBuf, Resolved)>,
}

impl Resolver {
    /// Parses the `--config KEY=VALUE` overrides; a broken one is an error before any file is
    /// looked at.
    pub fn new(cwd: PathBuf, cli: CliSettings) -> Result<Resolver, ConfigError> {
        let overrides = cli
            .overrides
            .iter()
            .map(|text| parse_override(text, &cwd))
            .collect::<Result<Vec<Layer>, ConfigError>>()?;
        Ok(Resolver {
            cwd,
            cli,
            overrides,
            found: HashMap::new(),
            settings: HashMap::new(),
            last: None,
        })
    }

    /// The working directory paths are relative to.
    pub fn cwd(&self) -> &Path {
        &self.cwd
    }

    /// The settings for a packet at `path` (relative to the working directory or absolute).
    pub fn settings_for(&mut self, path: &Path) -> Resolved {
        let parent = path.parent().unwrap_or(Path::new(""));
        if let Some((dir, resolved)) = &self.last
            && dir == parent
        {
            return resolved.clone();
        }
        let resolved = self.settings_uncached(path);
        self.last = Some((parent.to_path_buf(), resolved.clone()));
        resolved
    }

    fn settings_uncached(&mut self, path: &Path) -> Resolved {
        let file = match &self.cli.config_file {
            Some(file) => Some(self.cwd.join(file)),
            None => {
                let dir = self.cwd.join(path);
                let dir = dir.parent().unwrap_or(&self.cwd).to_path_buf();
                self.find(&dir)
            }
        };
        if let Some(resolved) = self.settings.get(&file) {
            return resolved.clone();
        }
        let resolved = self.load(file.as_deref()).map(Arc::new).map_err(Arc::new);
        self.settings.insert(file, resolved.clone());
        resolved
    }

    /// The closest configuration file at or above `dir`.
    fn find(&mut self, dir: &Path) -> Option<PathBuf> {
        if let Some(found) = self.found.get(dir) {
            return found.clone();
        }
        let candidate = dir.join(FILE_NAME);
        // The search ends at the repository's root: a file above it (in a shared checkout
        // directory, in /tmp) belongs to somebody else.
        let found = if candidate.is_file() {
            Some(candidate)
        } else if dir.join(".git").exists() {
            None
        } else {
            dir.parent().and_then(|parent| self.find(parent))
        };
        self.found.insert(dir.to_path_buf(), found.clone());
        found
    }

    fn load(&self, file: Option<&Path>) -> Result<Settings, ConfigError> {
        let mut settings = Settings {
            origin: file.map(Path::to_path_buf),
            ..Settings::default()
        };
        if let Some(path) = file {
            let shown = pathdiff(path, &self.cwd);
            if self.cli.config_file.is_none()
                && let Err(why) = trusted(path)
            {
                return Err(ConfigError {
                    file: Arc::new(SourceFile::new(shown.clone(), "")),
                    span: 0..0,
                    message: format!("refusing configuration `{shown}`: {why}"),
                    help: Some(
                        "a configuration that another user can change could change what is \
                         checked; fix its owner or permissions, or name it with `--config`"
                            .into(),
                    ),
                });
            }
            let text = std::fs::read_to_string(path).map_err(|error| ConfigError {
                file: Arc::new(SourceFile::new(shown.clone(), "")),
                span: 0..0,
                message: format!("cannot read configuration `{shown}`: {error}"),
                help: None,
            })?;
            let source = Arc::new(SourceFile::new(shown, text));
            let base = path.parent().unwrap_or(&self.cwd);
            parse(&source, base)?.apply_to(&mut settings);
        }
        for layer in &self.overrides {
            layer.apply_to(&mut settings);
        }
        if let Some(select) = &self.cli.select {
            settings.select = Some(select.iter().copied().collect());
        }
        settings.ignore.extend(self.cli.ignore.iter().copied());
        Ok(settings)
    }
}

/// Parses one `KEY=VALUE` override as a line of TOML. A bare word value (`kind=request`) is
/// accepted too, as if it were quoted, because shells make quoting inside arguments awkward.
fn parse_override(text: &str, cwd: &Path) -> Result<Layer, ConfigError> {
    let source = Arc::new(SourceFile::new("--config", text.to_string()));
    match parse(&source, cwd) {
        Ok(layer) => Ok(layer),
        Err(error) => {
            let Some((key, value)) = text.split_once('=') else {
                return Err(error);
            };
            let value = value.trim();
            let bare = !value.is_empty()
                && value
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | '*'));
            if !bare {
                return Err(error);
            }
            let quoted = Arc::new(SourceFile::new(
                "--config",
                format!("{} = {value:?}", key.trim()),
            ));
            parse(&quoted, cwd).map_err(|_| error)
        }
    }
}

/// Whether a discovered configuration file may be used: on Unix, owned by the user running
/// the check (or by root) and not writable by others. (Like git's `safe.directory`: a file
/// planted in a shared directory above the project must not configure the check.)
#[cfg(unix)]
fn trusted(path: &Path) -> Result<(), String> {
    use std::os::unix::fs::MetadataExt;
    let metadata = std::fs::metadata(path).map_err(|error| error.to_string())?;
    if metadata.mode() & 0o002 != 0 {
        return Err("it is writable by every user".into());
    }
    // The owner of /proc/self is the effective user; without /proc, ownership is not checked.
    if let Ok(me) = std::fs::metadata("/proc/self").map(|m| m.uid())
        && metadata.uid() != me
        && metadata.uid() != 0
    {
        return Err(format!(
            "it is owned by another user (uid {})",
            metadata.uid()
        ));
    }
    Ok(())
}

#[cfg(not(unix))]
fn trusted(_: &Path) -> Result<(), String> {
    Ok(())
}

/// `path` relative to `base` when below it, else as it is.
fn pathdiff(path: &Path, base: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .display()
        .to_string()
}
