//! `plesk-lint check`'s arguments. Kept apart from the other subcommands because it is by far
//! the largest, and the one CI and editors depend on.

use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, ValueEnum};
use plesk_lint::codes::Code;
use plesk_lint::render::Format;

use super::Kind;

/// `plesk-lint check`
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files, directories, or `-` for standard input.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// The name to report for standard input (also used to find its configuration).
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// The format printed on standard output.
    #[arg(
        long,
        env = "PLESK_LINT_OUTPUT_FORMAT",
        default_value = "human",
        value_name = "FORMAT",
        value_parser = format_parser()
    )]
    pub output_format: Format,
    /// Also write FORMAT to PATH, e.g. `sarif:report.sarif`; repeatable, so one run can print
    /// for people and write files for CI.
    #[arg(long, value_name = "FORMAT:PATH", value_parser = parse_output_file)]
    pub output_file: Vec<OutputFile>,
    /// How the concise format counts columns: `chars` (characters) or `bytes` (UTF-8 bytes,
    /// for editors that count bytes, such as vim).
    #[arg(long, value_name = "UNIT", default_value = "chars", value_parser = ["chars", "bytes"])]
    pub columns: String,
    /// Check every packet as a request or as a response, instead of detecting it.
    #[arg(long, value_enum)]
    pub kind: Option<Kind>,
    /// A directory of extra rules tables that add to or replace the built-in ones.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// The protocol version to check packets against when they do not declare one
    /// (`<packet version="…">`): 1.6.0.0 to 1.6.9.1; the default is the newest.
    #[arg(long, value_name = "VERSION", value_parser = parse_api_version)]
    pub api_version: Option<plesk_lint::versions::Version>,
    /// A configuration file to use instead of searching for plesk-lint.toml, or a
    /// `KEY=VALUE` override of one setting (TOML, e.g. `severity.out-of-order="warning"`).
    /// Repeatable.
    #[arg(long, value_name = "PATH|KEY=VALUE")]
    pub config: Vec<String>,
    /// Report only these codes (comma-separated); replaces the configured `select`.
    /// `plesk-lint explain --help` lists the codes.
    #[arg(long, value_name = "CODES", value_delimiter = ',', value_parser = parse_code)]
    pub select: Option<Vec<Code>>,
    /// Never report these codes (comma-separated); added to the configured `ignore`.
    #[arg(long, value_name = "CODES", value_delimiter = ',', value_parser = parse_code)]
    pub ignore: Vec<Code>,
    /// Walk directories without the ignore rules: check what `.gitignore`, `.ignore` and
    /// git's excludes ignore, `node_modules` and tagged caches such as Cargo's `target/`
    /// too (like `respect-gitignore = false`).
    #[arg(long)]
    pub no_ignore: bool,
    /// Walk into hidden files and directories too (version control directories stay
    /// skipped; name one to check inside it).
    #[arg(long)]
    pub hidden: bool,
    /// Follow symbolic links met while walking, into linked directories and out of the
    /// named tree; without it only links to files inside the tree are checked.
    #[arg(long)]
    pub follow: bool,
    /// Apply the configured `exclude` globs to paths named on the command line too, as
    /// pre-commit passes every changed file by name.
    #[arg(long)]
    pub force_exclude: bool,
    /// Print how many findings each code has instead of the findings (text, or JSON in the
    /// JSON formats). Output files still get every finding.
    #[arg(long)]
    pub statistics: bool,
    /// Apply the safe fixes in place, then report what remains. With `-`, print the fixed
    /// packet on standard output and the findings on standard error.
    #[arg(long, overrides_with = "no_fix")]
    pub fix: bool,
    /// Apply no fixes, even when plesk-lint.toml says `fix = true`.
    #[arg(long, overrides_with = "fix")]
    pub no_fix: bool,
    /// Also apply the fixes marked unsafe (a rename to a guessed name, …).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print a unified diff of what `--fix` would change, and write nothing; exit 1 when
    /// there is a diff.
    #[arg(long, conflicts_with = "statistics")]
    pub diff: bool,
    /// Exit with 0 even when errors were found; a failed run (exit code 2) still fails.
    #[arg(long)]
    pub exit_zero: bool,
    /// Print the findings only: no summary line.
    #[arg(long, short)]
    pub quiet: bool,
    /// Files larger than this are not read but reported (exit code 2), e.g. `64MiB`;
    /// default 256 MiB, or `max-file-size` in plesk-lint.toml.
    #[arg(long, value_name = "SIZE", value_parser = plesk_lint::input::parse_size)]
    pub max_file_size: Option<u64>,
    /// How many files to check at once; the default is the number of cores. Output order
    /// does not depend on it. With more than one, the parts of a packet of 4 MiB or more
    /// are also checked on all cores.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// When to colour the human output; `auto` honours NO_COLOR, FORCE_COLOR and whether
    /// standard output is a terminal.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when standard output is a terminal, unless NO_COLOR is set; FORCE_COLOR forces it.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// One `--output-file FORMAT:PATH`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// What to write.
    pub format: Format,
    /// Where.
    pub path: PathBuf,
}

fn format_parser() -> impl TypedValueParser<Value = Format> {
    PossibleValuesParser::new(Format::ALL.map(Format::as_str))
        .map(|name: String| Format::from_name(&name).expect("only listed names get through"))
}

fn parse_output_file(value: &str) -> Result<OutputFile, String> {
    let names: Vec<&str> = Format::ALL.iter().map(|f| f.as_str()).collect();
    match value.split_once(':') {
        Some((name, path)) if !path.is_empty() => match Format::from_name(name) {
            Some(format) => Ok(OutputFile {
                format,
                path: PathBuf::from(path),
            }),
            None => Err(format!(
                "unknown format `{name}`; expected one of {}",
                names.join(", ")
            )),
        },
        _ => Err(format!(
            "expected FORMAT:PATH, e.g. `sarif:report.sarif`; FORMAT is one of {}",
            names.join(", ")
        )),
    }
}

fn parse_code(value: &str) -> Result<Code, String> {
    Code::from_name(value.trim()).ok_or_else(|| {
        let closest = plesk_lint::check::best_match(value.trim(), Code::names());
        match closest {
            Some(name) => format!("unknown rule code `{value}`; did you mean `{name}`?"),
            None => format!("unknown rule code `{value}`; `plesk-lint explain --help` lists them"),
        }
    })
}

/// `1.6.3.0`: a protocol version the rule sets cover.
pub fn parse_api_version(text: &str) -> Result<plesk_lint::versions::Version, String> {
    plesk_lint::config::api_version(text)
}
