//! The configuration of each document: the closest `plesk-lint.toml` (found as `plesk-lint
//! check` finds it, one resolver per workspace folder), with the editor's settings on top
//! (`initializationOptions`, `workspace/didChangeConfiguration`), and the rule sets the
//! settings name. A configuration file that changes (a watched-file event, a save, or a
//! modification time that moved) drops every cached lookup, so the next check reads it anew.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use serde_json::Value;

use crate::config::{CliSettings, ConfigError, Resolver, Settings};
use crate::rules::RulesError;
use crate::versions::Versions;

/// The editor's settings, as `plesk-lint.toml` keys (`select`, `ignore`, `severity`, `kind`,
/// `api-version`, `rules`, `exclude`), plus `config` (one file for every document, like
/// `--config PATH`) and `debounce` (milliseconds to wait after a change before checking).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    /// `config`: the configuration file to use instead of searching.
    pub config_file: Option<PathBuf>,
    /// Every other key, as a line of TOML applied over the file (like `--config KEY=VALUE`).
    pub overrides: Vec<String>,
    /// How long to wait after a change before checking.
    pub debounce: Duration,
}

impl Options {
    /// Reads settings sent by the editor: either the keys themselves or an object holding
    /// them under `plesk-lint` (the shape `didChangeConfiguration` usually has). Returns the
    /// options and a message for each setting that was not understood.
    pub fn from_json(value: &Value) -> (Options, Vec<String>) {
        let mut options = Options::default();
        let mut problems = Vec::new();
        let object = match value
            .get("plesk-lint")
            .or_else(|| value.get("pleskLint"))
            .unwrap_or(value)
        {
            Value::Object(object) => object,
            Value::Null => return (options, problems),
            other => {
                problems.push(format!("settings must be an object, not `{other}`"));
                return (options, problems);
            }
        };
        for (key, value) in object {
            match (key.as_str(), value) {
                ("config", Value::String(path)) => options.config_file = Some(path.into()),
                ("debounce", value) if value.as_u64().is_some() => {
                    options.debounce = Duration::from_millis(value.as_u64().unwrap_or(0));
                }
                // Unset settings, and the editor extension's own (which binary to start,
                // protocol tracing).
                (_, Value::Null) | ("path" | "trace" | "server", _) => {}
                (key, value) => {
                    // `apiVersion` for editors whose settings are camel case.
                    let key = match key {
                        "apiVersion" => "api-version",
                        "maxFileSize" => "max-file-size",
                        key => key,
                    };
                    match toml_line(key, value) {
                        Some(line) => options.overrides.push(line),
                        None => problems.push(format!("setting `{key}` cannot be read as TOML")),
                    }
                }
            }
        }
        (options, problems)
    }
}

/// `key = value` as TOML.
fn toml_line(key: &str, value: &Value) -> Option<String> {
    let value = toml::Value::try_from(value).ok()?;
    let mut table = toml::Table::new();
    table.insert(key.to_string(), value);
    toml::to_string(&table).ok()
}

/// The resolvers, rule sets and options of the whole server.
#[derive(Default)]
pub struct Config {
    /// Workspace folders, deepest first, so a document goes to the innermost that holds it.
    folders: Vec<PathBuf>,
    /// The editor's settings.
    pub options: Options,
    resolvers: HashMap<PathBuf, Resolver>,
    rule_sets: HashMap<Vec<PathBuf>, Arc<Versions>>,
    /// Modification times of the configuration files in use.
    stamps: HashMap<PathBuf, Option<SystemTime>>,
}

/// What a document is checked with.
pub struct Resolved {
    /// Its settings.
    pub settings: Arc<Settings>,
    /// The folder relative paths and excludes count from.
    pub root: PathBuf,
}

impl Config {
    /// Sets the workspace folders.
    pub fn set_folders(&mut self, mut folders: Vec<PathBuf>) {
        folders.sort_by_key(|f| std::cmp::Reverse(f.components().count()));
        self.folders = folders;
        self.reload();
    }

    /// The workspace folders.
    pub fn folders(&self) -> &[PathBuf] {
        &self.folders
    }

    /// Sets the editor's settings.
    pub fn set_options(&mut self, options: Options) {
        self.options = options;
        self.reload();
    }

    /// Forgets every configuration read, for the next lookups to read the files again.
    pub fn reload(&mut self) {
        self.resolvers.clear();
        self.stamps.clear();
    }

    /// Forgets the rule sets too (a rules directory changed).
    pub fn reload_rules(&mut self) {
        self.reload();
        self.rule_sets.clear();
    }

    /// The folder a document belongs to: the innermost workspace folder holding it, else its
    /// own directory, else (no path) the first folder or the working directory.
    fn root_of(&self, path: Option<&Path>) -> PathBuf {
        if let Some(path) = path {
            if let Some(folder) = self.folders.iter().find(|f| path.starts_with(f)) {
                return folder.clone();
            }
            if let Some(parent) = path.parent() {
                return parent.to_path_buf();
            }
        }
        self.folders
            .last()
            .cloned()
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default()
    }

    /// The settings of the document at `path` (`None`: no file behind it).
    pub fn settings_for(&mut self, path: Option<&Path>) -> Result<Resolved, Arc<ConfigError>> {
        let root = self.root_of(path);
        let resolved = self.lookup(&root, path)?;
        // A file edited outside the editor's watch: its time moved since it was read.
        if let Some(origin) = &resolved.origin {
            let now = std::fs::metadata(origin).and_then(|m| m.modified()).ok();
            match self.stamps.get(origin) {
                Some(seen) if *seen != now => {
                    self.reload();
                    self.stamps.insert(origin.clone(), now);
                    let settings = self.lookup(&root, path)?;
                    return Ok(Resolved { settings, root });
                }
                Some(_) => {}
                None => {
                    self.stamps.insert(origin.clone(), now);
                }
            }
        }
        Ok(Resolved {
            settings: resolved,
            root,
        })
    }

    fn lookup(
        &mut self,
        root: &Path,
        path: Option<&Path>,
    ) -> Result<Arc<Settings>, Arc<ConfigError>> {
        if !self.resolvers.contains_key(root) {
            let cli = CliSettings {
                config_file: self.options.config_file.clone(),
                overrides: self.options.overrides.clone(),
                select: None,
                ignore: Vec::new(),
            };
            let resolver = Resolver::new(root.to_path_buf(), cli).map_err(Arc::new)?;
            self.resolvers.insert(root.to_path_buf(), resolver);
        }
        let resolver = self.resolvers.get_mut(root).expect("inserted above");
        // A document without a file is configured like a file in the folder.
        let path = path.map_or_else(|| root.join("untitled.xml"), Path::to_path_buf);
        resolver.settings_for(&path)
    }

    /// The rule sets for the extra rules directories `dirs`, loaded once, and the errors of
    /// the first load.
    pub fn versions(&mut self, dirs: &[PathBuf]) -> (Arc<Versions>, Vec<RulesError>) {
        if let Some(versions) = self.rule_sets.get(dirs) {
            return (versions.clone(), Vec::new());
        }
        let (versions, errors) = Versions::load(dirs);
        let versions = Arc::new(versions);
        self.rule_sets.insert(dirs.to_vec(), versions.clone());
        (versions, errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn editor_settings_become_configuration_lines() {
        let (options, problems) = Options::from_json(&json!({
            "plesk-lint": {
                "ignore": ["nbsp-indentation"],
                "severity": { "unknown-element": "warning" },
                "apiVersion": "1.6.3.0",
                "config": "/tmp/x.toml",
                "debounce": 20,
                "path": "/usr/local/bin/plesk-lint",
                "trace": { "server": "off" },
                "select": null
            }
        }));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(options.config_file, Some(PathBuf::from("/tmp/x.toml")));
        assert_eq!(options.debounce, Duration::from_millis(20));
        assert!(
            options
                .overrides
                .contains(&"ignore = [\"nbsp-indentation\"]\n".to_string())
        );
        assert!(
            options
                .overrides
                .contains(&"api-version = \"1.6.3.0\"\n".to_string())
        );
        let severity = options
            .overrides
            .iter()
            .find(|l| l.contains("severity"))
            .unwrap();
        let parsed: toml::Table = toml::from_str(severity).unwrap();
        assert_eq!(
            parsed["severity"]["unknown-element"].as_str(),
            Some("warning")
        );
        assert_eq!(Options::from_json(&json!(null)).0, Options::default());
        // What the VS Code extension sends with nothing set (editors/vscode/package.json).
        let vscode = json!({ "plesk-lint": {
            "path": "plesk-lint", "select": null, "ignore": null, "severity": null,
            "kind": null, "apiVersion": null, "config": null, "debounce": 0
        } });
        assert_eq!(
            Options::from_json(&vscode),
            (Options::default(), Vec::new())
        );
        assert_eq!(Options::from_json(&json!(3)).1.len(), 1);
    }
}
