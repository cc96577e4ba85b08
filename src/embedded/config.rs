//! The `embedded` setting of `plesk-lint.toml`: `embedded = false` turns the reading of
//! source files off; the `[embedded]` table sets the protocol of packets that declare none.
//!
//! ```toml
//! [embedded]
//! enabled = true
//! default-version = "1.6.3.0"
//! # The first pattern matching a file's path (with `/` separators) names its version.
//! version-from-path = ['templates/api/(?<version>[0-9.]+)/']
//! # The project's own placeholders, masked as holes.
//! placeholders = ['@@[A-Z_]+@@']
//! ```

use std::path::Path;

use regex::Regex;
use serde::Deserialize;

use crate::versions::Version;

/// `embedded = BOOL` or the `[embedded]` table, as written.
#[derive(Debug, Deserialize)]
#[serde(
    untagged,
    expecting = "`embedded = true|false` or an `[embedded]` table"
)]
pub enum Raw {
    /// `embedded = false`.
    Enabled(bool),
    /// `[embedded]`.
    Table(Table),
}

/// The `[embedded]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    enabled: Option<bool>,
    // Plain strings: an untagged enum cannot keep spans; errors point at the whole setting.
    #[serde(rename = "default-version")]
    default_version: Option<String>,
    #[serde(rename = "version-from-path")]
    version_from_path: Option<Vec<String>>,
    placeholders: Option<Vec<String>>,
}

/// One layer's embedded settings; `None` leaves the layer below in force.
#[derive(Debug, Clone, Default)]
pub struct Layer {
    enabled: Option<bool>,
    default_version: Option<Version>,
    version_from_path: Option<Vec<Regex>>,
    placeholders: Option<Vec<Regex>>,
}

/// The embedded settings in force for a file.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// `embedded = false`: source files in a walk are not read.
    pub disabled: bool,
    /// The protocol of embedded packets that declare none.
    pub default_version: Option<Version>,
    /// Patterns whose `version` group names the protocol from the file's path.
    pub version_from_path: Vec<Regex>,
    /// The project's own placeholder patterns (`@@NAME@@`), masked as holes.
    pub placeholders: Vec<Regex>,
}

impl Raw {
    /// Checks the values; an error is a message.
    pub fn parse(self) -> Result<Layer, String> {
        let table = match self {
            Raw::Enabled(enabled) => {
                return Ok(Layer {
                    enabled: Some(enabled),
                    ..Layer::default()
                });
            }
            Raw::Table(table) => table,
        };
        let default_version = table
            .default_version
            // As `api-version`: a protocol the rule sets cover, or a configuration error.
            .map(|v| crate::config::api_version(&v))
            .transpose()?;
        let version_from_path = table
            .version_from_path
            .map(|patterns| {
                patterns
                    .iter()
                    .map(|p| {
                        let regex =
                            Regex::new(p).map_err(|e| format!("invalid pattern `{p}`: {e}"))?;
                        if !regex.capture_names().any(|n| n == Some("version")) {
                            return Err(format!("the pattern `{p}` needs a `(?<version>…)` group"));
                        }
                        Ok(regex)
                    })
                    .collect::<Result<Vec<_>, _>>()
            })
            .transpose()?;
        let placeholders = table
            .placeholders
            .map(|patterns| {
                patterns
                    .iter()
                    .map(|p| Regex::new(p).map_err(|e| format!("invalid pattern `{p}`: {e}")))
                    .collect::<Result<Vec<_>, _>>()
            })
            .transpose()?;
        Ok(Layer {
            enabled: table.enabled,
            default_version,
            version_from_path,
            placeholders,
        })
    }
}

impl Layer {
    /// Puts this layer on top of `settings`.
    pub fn apply_to(&self, settings: &mut Settings) {
        if let Some(enabled) = self.enabled {
            settings.disabled = !enabled;
        }
        if self.default_version.is_some() {
            settings.default_version = self.default_version;
        }
        if let Some(patterns) = &self.version_from_path {
            settings.version_from_path = patterns.clone();
        }
        if let Some(patterns) = &self.placeholders {
            settings.placeholders = patterns.clone();
        }
    }
}

impl Settings {
    /// The protocol for a packet of `path` that declares none: from the path, else the
    /// default.
    pub fn version_for(&self, path: &Path) -> Option<Version> {
        let path = path.to_string_lossy().replace('\\', "/");
        self.version_from_path
            .iter()
            .find_map(|regex| regex.captures(&path)?.name("version"))
            .and_then(|m| Version::parse(m.as_str()))
            .or(self.default_version)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn default_version(value: &str) -> Result<Option<Version>, String> {
        let raw: Raw =
            toml::from_str::<toml::Value>(&format!("[embedded]\ndefault-version = \"{value}\"\n"))
                .expect("toml")
                .get("embedded")
                .expect("table")
                .clone()
                .try_into()
                .expect("embedded table");
        raw.parse().map(|layer| layer.default_version)
    }

    #[test]
    fn default_version_is_a_protocol_the_rule_sets_cover() {
        assert_eq!(default_version("1.6.3.0"), Ok(Some(Version([1, 6, 3, 0]))));
        for refused in ["9.9", "1.5.0.0", "one"] {
            let message = default_version(refused).expect_err(refused);
            assert!(message.contains("known: 1.6.0.0"), "{message}");
        }
    }
}
