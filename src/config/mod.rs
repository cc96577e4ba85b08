//! `plesk-lint.toml`: which codes count, how serious they are, which files to skip, which
//! extra rules to load and which packet kind to assume.
//!
//! A file is parsed into a [`Layer`]; layers stack (the file, then each `--config KEY=VALUE`,
//! then `--select`/`--ignore`) into the [`Settings`] one packet is checked with. Parsing keeps
//! TOML spans, so every mistake, down to one misspelt code in a list, is reported at its place
//! in the file as a `config-error` diagnostic, and the run stops with exit code 2: a
//! configuration that is half understood would silently check something else than the user
//! asked for.

mod discover;
mod exclude;

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;

use crate::FileReport;
use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::Direction;
use crate::source::SourceFile;

pub use discover::{CliSettings, Resolver};
pub use exclude::Excludes;

/// The name of the configuration file searched from each packet's directory upward.
pub const FILE_NAME: &str = "plesk-lint.toml";

/// Everything that decides how one packet is checked and reported.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Only these codes are reported (`None`: every code).
    pub select: Option<BTreeSet<Code>>,
    /// These codes are never reported.
    pub ignore: BTreeSet<Code>,
    /// Severities that replace the codes' defaults.
    pub severity: BTreeMap<Code, Severity>,
    /// Paths not to check.
    pub exclude: Excludes,
    /// Extra rules directories, resolved to paths.
    pub rules: Vec<PathBuf>,
    /// The packet kind to assume instead of detecting it.
    pub kind: Option<Direction>,
    /// Files larger than this many bytes are reported instead of read.
    pub max_file_size: Option<u64>,
    /// The protocol version for packets that declare none (like `--api-version`).
    pub api_version: Option<crate::versions::Version>,
    /// The configuration file these settings come from, if any.
    pub origin: Option<PathBuf>,
    /// `[limits]`: what a packet may have before it is refused unparsed.
    pub limits: crate::prescan::Limits,
}

impl Settings {
    /// Whether findings of `code` are reported at all. Run errors always are.
    pub fn enabled(&self, code: Code) -> bool {
        code.is_run_error()
            || (self.select.as_ref().is_none_or(|s| s.contains(&code))
                && !self.ignore.contains(&code))
    }

    /// The severity a finding of `code` is reported with.
    pub fn severity_of(&self, code: Code, default: Severity) -> Severity {
        self.severity.get(&code).copied().unwrap_or(default)
    }
}

/// One layer of configuration as written: `None` leaves the layer below in force.
#[derive(Debug, Clone, Default)]
pub struct Layer {
    select: Option<Vec<Code>>,
    ignore: Option<Vec<Code>>,
    severity: BTreeMap<Code, Severity>,
    exclude: Option<Excludes>,
    rules: Option<Vec<PathBuf>>,
    kind: Option<Direction>,
    max_file_size: Option<u64>,
    api_version: Option<crate::versions::Version>,
    limits: Option<crate::prescan::Limits>,
}

impl Layer {
    /// Puts this layer on top of `settings`.
    pub fn apply_to(&self, settings: &mut Settings) {
        if let Some(select) = &self.select {
            settings.select = Some(select.iter().copied().collect());
        }
        if let Some(ignore) = &self.ignore {
            settings.ignore = ignore.iter().copied().collect();
        }
        settings.severity.extend(self.severity.clone());
        if let Some(exclude) = &self.exclude {
            settings.exclude = exclude.clone();
        }
        if let Some(rules) = &self.rules {
            settings.rules = rules.clone();
        }
        if self.kind.is_some() {
            settings.kind = self.kind;
        }
        if self.max_file_size.is_some() {
            settings.max_file_size = self.max_file_size;
        }
        if self.api_version.is_some() {
            settings.api_version = self.api_version;
        }
        if let Some(limits) = self.limits {
            settings.limits = limits;
        }
    }
}

/// A configuration mistake, with its place.
#[derive(Debug, Clone)]
pub struct ConfigError {
    /// The configuration file (or the `--config` text).
    pub file: Arc<SourceFile>,
    /// Where in it.
    pub span: Range<usize>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl ConfigError {
    fn at(file: &Arc<SourceFile>, span: Range<usize>, message: impl Into<String>) -> ConfigError {
        ConfigError {
            file: file.clone(),
            span,
            message: message.into(),
            help: None,
        }
    }

    fn with_help(mut self, help: impl Into<String>) -> ConfigError {
        self.help = Some(help.into());
        self
    }

    /// The mistake as a `config-error` report on the configuration file.
    pub fn report(&self) -> FileReport {
        let mut diagnostic = Diagnostic::new(Code::ConfigError, self.message.clone(), {
            let at = self.file.floor_boundary(self.span.start);
            at..self.file.floor_boundary(self.span.end.max(at))
        })
        .with_label("here");
        diagnostic.help = self.help.clone();
        FileReport {
            source: self.file.clone(),
            diagnostics: vec![diagnostic],
        }
    }
}

/// The file as written, with spans for every value that can be wrong.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    severity: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
    rules: Option<Vec<Spanned<String>>>,
    kind: Option<Spanned<String>>,
    #[serde(rename = "max-file-size")]
    max_file_size: Option<Spanned<Size>>,
    #[serde(rename = "api-version")]
    api_version: Option<Spanned<String>>,
    limits: Option<crate::prescan::Limits>,
}

/// `max-file-size = 1048576` or `max-file-size = "1MiB"`.
#[derive(Debug, Deserialize)]
#[serde(
    untagged,
    expecting = "a size: a number of bytes, or a text such as \"64MiB\""
)]
enum Size {
    Bytes(u64),
    Text(String),
}

/// Parses a configuration text. Relative `exclude` globs and `rules` directories are relative
/// to `base` (the file's directory, or the working directory for `--config` overrides).
pub fn parse(file: &Arc<SourceFile>, base: &Path) -> Result<Layer, ConfigError> {
    let raw: Raw = toml::from_str(&file.text).map_err(|error| {
        let span = error.span().unwrap_or(0..0);
        let message = error.message().trim().replace('\n', " ");
        ConfigError::at(file, span, format!("invalid configuration: {message}")).with_help(
            "the keys are `select`, `ignore`, `exclude`, `rules`, `kind`, `max-file-size`, `api-version` and the tables \
             `[severity]` and `[limits]` (see README.md)",
        )
    })?;
    let codes = |list: Option<Vec<Spanned<String>>>| -> Result<Option<Vec<Code>>, ConfigError> {
        list.map(|list| list.iter().map(|name| code(file, name)).collect())
            .transpose()
    };
    let mut layer = Layer {
        limits: raw.limits,
        select: codes(raw.select)?,
        ignore: codes(raw.ignore)?,
        ..Layer::default()
    };
    for (name, value) in raw.severity.unwrap_or_default() {
        let code = code(file, &name)?;
        if code.is_run_error() {
            return Err(ConfigError::at(
                file,
                name.span(),
                format!("the severity of `{code}` cannot be changed"),
            )
            .with_help("run errors always fail the run with exit code 2"));
        }
        let severity = match value.get_ref().as_str() {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            "info" => Severity::Info,
            other => {
                return Err(ConfigError::at(
                    file,
                    value.span(),
                    format!("unknown severity `{other}`"),
                )
                .with_help("use \"error\", \"warning\" or \"info\""));
            }
        };
        layer.severity.insert(code, severity);
    }
    if let Some(patterns) = raw.exclude {
        let patterns: Vec<(String, Range<usize>)> = patterns
            .into_iter()
            .map(|p| (p.get_ref().clone(), p.span()))
            .collect();
        layer.exclude = Some(
            Excludes::new(base, &patterns)
                .map_err(|(span, message)| ConfigError::at(file, span, message))?,
        );
    }
    if let Some(dirs) = raw.rules {
        layer.rules = Some(dirs.iter().map(|dir| base.join(dir.get_ref())).collect());
    }
    if let Some(kind) = raw.kind {
        layer.kind = Some(match kind.get_ref().as_str() {
            "request" => Direction::Request,
            "response" => Direction::Response,
            other => {
                return Err(
                    ConfigError::at(file, kind.span(), format!("unknown kind `{other}`"))
                        .with_help("use \"request\" or \"response\""),
                );
            }
        });
    }
    if let Some(version) = raw.api_version {
        layer.api_version = Some(
            crate::versions::Version::parse(version.get_ref()).ok_or_else(|| {
                ConfigError::at(
                    file,
                    version.span(),
                    format!("`{}` is not a protocol version", version.get_ref()),
                )
                .with_help("write it as in `<packet version=\"1.6.9.1\">`")
            })?,
        );
    }
    if let Some(size) = raw.max_file_size {
        let bytes = match size.get_ref() {
            Size::Bytes(bytes) => Ok(*bytes),
            Size::Text(text) => crate::input::parse_size(text),
        };
        layer.max_file_size = Some(bytes.map_err(|message| {
            ConfigError::at(file, size.span(), message)
                .with_help("a number of bytes, or a text such as \"64MiB\"")
        })?);
    }
    Ok(layer)
}

fn code(file: &Arc<SourceFile>, name: &Spanned<String>) -> Result<Code, ConfigError> {
    Code::from_name(name.get_ref()).ok_or_else(|| {
        let closest =
            crate::check::best_match(name.get_ref(), Code::ALL.iter().map(|c| c.as_str()));
        ConfigError::at(
            file,
            name.span(),
            format!("unknown rule code `{}`", name.get_ref()),
        )
        .with_help(match closest {
            Some(closest) => format!("did you mean `{closest}`?"),
            None => "`plesk-lint explain CODE` documents every code".to_string(),
        })
    })
}
