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

/// Packet kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    /// A packet sent to the server.
    Request,
    /// A packet the server answers with.
    Response,
}
