//! The command line, declared with clap. No logic lives here.

mod check;

use std::path::PathBuf;

pub use check::{CheckArgs, ColorChoice};

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Validate and lint Plesk XML-RPC API packets.
#[derive(Debug, Parser)]
#[command(name = "plesk-lint", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check packets: files, directories (every *.xml below that git does not ignore, sorted)
    /// and `-` for stdin.
    Check(CheckArgs),
    /// Explain a rule code (`out-of-order`) or an operation (`webspace/set_traffic`).
    #[command(after_help = plesk_lint::codes::help_list())]
    Explain(ExplainArgs),
    /// Generate the rules tables from the official XSD schema set.
    ImportXsd(ImportArgs),
    /// Generate the protocol 1.6.9.1 tables from its XsdVi diagrams (see docs/versions.md).
    ImportSvg(ImportSvgArgs),
    /// Generate valid and mutated packets for every operation (differential testing).
    Generate(GenerateArgs),
    /// Run the language server (LSP over stdin/stdout) for editors; see docs/editors.md.
    Server,
}

/// `plesk-lint explain`
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule code, an operator, or OPERATOR/OPERATION.
    pub target: Option<String>,
    /// List every operator and operation.
    #[arg(long)]
    pub list: bool,
    /// Explain or list the rules of this protocol version (default: the newest).
    #[arg(long, value_name = "VERSION", value_parser = check::parse_api_version)]
    pub api_version: Option<plesk_lint::versions::Version>,
    /// Only this direction.
    #[arg(long, value_enum)]
    pub kind: Option<Kind>,
    /// A directory of extra rules tables.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
}

/// `plesk-lint import-xsd`
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The schema directory (holding agent_input.xsd and agent_output.xsd).
    pub schema_dir: PathBuf,
    /// Where to write the tables.
    #[arg(long, default_value = "rules")]
    pub out: PathBuf,
}

/// `plesk-lint import-svg`
#[derive(Debug, Args)]
pub struct ImportSvgArgs {
    /// The directory holding agent_input.svg and agent_output.svg.
    pub svg_dir: PathBuf,
    /// The 2015 schema directory, for value types.
    #[arg(long)]
    pub xsd: PathBuf,
    /// The 2015 tables, for the operators the diagrams do not draw.
    #[arg(long, default_value = "rules")]
    pub base: PathBuf,
    /// Where to write the tables.
    #[arg(long, default_value = "rules/1.6.9.1")]
    pub out: PathBuf,
}

/// `plesk-lint generate`
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Where to write request/, response/ and manifest.jsonl.
    #[arg(long)]
    pub out: PathBuf,
    /// Seeds every random choice; the same seed gives the same corpus.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Valid packets per operation (minimal, thorough, then random), each with its mutants.
    #[arg(long, default_value_t = 4)]
    pub variants: usize,
}

/// Packet kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    /// A packet sent to the server.
    Request,
    /// A packet the server answers with.
    Response,
}
