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
use crate::versions::Version;

pub use discover::{CliSettings, Resolver};
pub use exclude::Excludes;

/// The name of the configuration file searched from each packet's directory upward.
pub const FILE_NAME: &str = "plesk-lint.toml";

/// Everything that decides how one packet is checked and reported.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Only these codes are reported (`None`: every code enabled by default).
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
    /// Whether directory walks skip what `.gitignore` and the other ignore files ignore
    /// (`respect-gitignore`; `None`: the default, yes).
    pub respect_gitignore: Option<bool>,
    /// The configuration file these settings come from, if any.
    pub origin: Option<PathBuf>,
    /// `[limits]`: what a packet may have before it is refused unparsed.
    pub limits: crate::prescan::Limits,
    /// Packets in source files (`embedded`, `[embedded]`; src/embedded/config.rs).
    pub embedded: crate::embedded::config::Settings,
    /// The fix settings: `fix`, `unsafe-fixes`, `fixable`, `unfixable`.
    pub fix: FixSettings,
}

/// `fix = true` makes `check` apply fixes as with `--fix`; `unsafe-fixes = true` applies the
/// unsafe ones too; `fixable`/`unfixable` limit the codes whose fixes are applied.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FixSettings {
    /// Apply fixes without `--fix`.
    pub fix: bool,
    /// Apply unsafe fixes too.
    pub unsafe_fixes: bool,
    /// Only these codes are fixed (`None`: every code).
    pub fixable: Option<BTreeSet<Code>>,
    /// These codes are never fixed.
    pub unfixable: BTreeSet<Code>,
}

impl Settings {
    /// Whether findings of `code` are reported at all. Run errors always are.
    pub fn enabled(&self, code: Code) -> bool {
        code.is_run_error()
            || (self
                .select
                .as_ref()
                .map_or(code.enabled_by_default(), |s| s.contains(&code))
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
    respect_gitignore: Option<bool>,
    fix: Option<bool>,
    unsafe_fixes: Option<bool>,
    fixable: Option<Vec<Code>>,
    unfixable: Option<Vec<Code>>,
    embedded: Option<crate::embedded::config::Layer>,
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
        if self.respect_gitignore.is_some() {
            settings.respect_gitignore = self.respect_gitignore;
        }
        let fix = &mut settings.fix;
        fix.fix = self.fix.unwrap_or(fix.fix);
        fix.unsafe_fixes = self.unsafe_fixes.unwrap_or(fix.unsafe_fixes);
        if let Some(fixable) = &self.fixable {
            fix.fixable = Some(fixable.iter().copied().collect());
        }
        if let Some(unfixable) = &self.unfixable {
            fix.unfixable = unfixable.iter().copied().collect();
        }
        if let Some(embedded) = &self.embedded {
            embedded.apply_to(&mut settings.embedded);
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
    #[serde(rename = "respect-gitignore")]
    respect_gitignore: Option<bool>,
    fix: Option<bool>,
    #[serde(rename = "unsafe-fixes")]
    unsafe_fixes: Option<bool>,
    fixable: Option<Vec<Spanned<String>>>,
    unfixable: Option<Vec<Spanned<String>>>,
    embedded: Option<Spanned<crate::embedded::config::Raw>>,
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
            "the keys are `select`, `ignore`, `exclude`, `rules`, `kind`, `max-file-size`, `api-version`, \
             `respect-gitignore`, `fix`, `unsafe-fixes`, `fixable`, `unfixable`, `embedded` and the \
             tables `[severity]` and `[limits]` (see docs/configuration.md)",
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
        respect_gitignore: raw.respect_gitignore,
        fix: raw.fix,
        unsafe_fixes: raw.unsafe_fixes,
        fixable: codes(raw.fixable)?,
        unfixable: codes(raw.unfixable)?,
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
        layer.api_version = Some(api_version(version.get_ref()).map_err(|message| {
            ConfigError::at(file, version.span(), message)
                .with_help("write it as in `<packet version=\"1.6.9.1\">`")
        })?);
    }
    if let Some(embedded) = raw.embedded {
        let span = embedded.span();
        layer.embedded = Some(embedded.into_inner().parse().map_err(|message| {
            ConfigError::at(file, span, message)
                .with_help("see docs/embedded.md for the `[embedded]` table")
        })?);
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

/// The newest protocol version plesk-lint knows (Plesk Obsidian's); a test keeps it equal to
/// the newest rule set's.
pub const NEWEST_PROTOCOL: Version = Version([1, 6, 9, 1]);

/// Parses a protocol version a setting names (`--api-version`, `api-version`): one the rule
/// sets cover, from 1.6.0.0 to [`NEWEST_PROTOCOL`]. Anything else is refused with the list of
/// what is known, rather than checked silently against a guess.
pub fn api_version(text: &str) -> Result<Version, String> {
    let known = format!(
        "known: {} to 1.6.8.x (the 2015 schema set) and 1.6.9.0 to {NEWEST_PROTOCOL} \
         (the 1.6.9.1 set)",
        Version::MODERN
    );
    match Version::parse(text) {
        Some(version) if (Version::MODERN..=NEWEST_PROTOCOL).contains(&version) => Ok(version),
        Some(_) => Err(format!("unknown protocol version `{text}`; {known}")),
        None => Err(format!(
            "`{text}` is not a protocol version such as 1.6.3.0; {known}"
        )),
    }
}

fn code(file: &Arc<SourceFile>, name: &Spanned<String>) -> Result<Code, ConfigError> {
    Code::from_name(name.get_ref()).ok_or_else(|| {
        let closest = crate::check::best_match(name.get_ref(), Code::names());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_known_protocol_is_the_newest_rule_set() {
        let (versions, errors) = crate::versions::Versions::load(&[] as &[PathBuf]);
        assert!(errors.is_empty());
        assert_eq!(versions.newest().name, NEWEST_PROTOCOL.to_string());
        assert_eq!(versions.sets[0].from, Version::MODERN);
    }

    #[test]
    fn api_versions_outside_the_rule_sets_are_refused() {
        assert_eq!(api_version("1.6.3.0"), Ok(Version([1, 6, 3, 0])));
        assert_eq!(api_version("1.6.9.1"), Ok(NEWEST_PROTOCOL));
        for refused in ["9.9", "1.5.2.0", "1.6.9.2", "1.7", "x"] {
            let message = api_version(refused).expect_err(refused);
            assert!(message.contains("known: 1.6.0.0 to 1.6.8.x"), "{message}");
        }
    }
}
