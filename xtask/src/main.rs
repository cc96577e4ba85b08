//! `cargo xtask`: the developer tools of plesk-lint, which the shipped binary does not carry.
//!
//! - `import-xsd` and `import-svg` write the rules tables of `rules/` from the official XSD
//!   set and from the XsdVi diagrams of protocol 1.6.9.1 (`.ci/run` regenerates and diffs);
//! - `generate` writes valid and mutated packets for every operation, the corpus of
//!   `scripts/bench.sh` and of differential runs outside the test suite.

mod import;

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use plesk_lint::generate;
use plesk_lint::render;
use plesk_lint::rules::RuleSet;
use plesk_lint::rules_reports;

/// The developer tools of plesk-lint.
#[derive(Debug, Parser)]
#[command(name = "xtask", bin_name = "cargo xtask", about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Generate the rules tables from the official XSD schema set.
    ImportXsd(ImportArgs),
    /// Generate the protocol 1.6.9.1 tables from its XsdVi diagrams (see docs/versions.md).
    ImportSvg(ImportSvgArgs),
    /// Generate valid and mutated packets for every operation (differential testing).
    Generate(GenerateArgs),
}

/// `cargo xtask import-xsd`
#[derive(Debug, Args)]
struct ImportArgs {
    /// The schema directory (holding agent_input.xsd and agent_output.xsd).
    schema_dir: PathBuf,
    /// Where to write the tables.
    #[arg(long, default_value = "rules")]
    out: PathBuf,
}

/// `cargo xtask import-svg`
#[derive(Debug, Args)]
struct ImportSvgArgs {
    /// The directory holding agent_input.svg and agent_output.svg.
    svg_dir: PathBuf,
    /// The 2015 schema directory, for value types.
    #[arg(long)]
    xsd: PathBuf,
    /// The 2015 tables, for the operators the diagrams do not draw.
    #[arg(long, default_value = "rules")]
    base: PathBuf,
    /// Where to write the tables.
    #[arg(long, default_value = "rules/1.6.9.1")]
    out: PathBuf,
}

/// `cargo xtask generate`
#[derive(Debug, Args)]
struct GenerateArgs {
    /// Where to write request/, response/ and manifest.jsonl.
    #[arg(long)]
    out: PathBuf,
    /// Seeds every random choice; the same seed gives the same corpus.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Valid packets per operation (minimal, thorough, then random), each with its mutants.
    #[arg(long, default_value_t = 4)]
    variants: usize,
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::ImportXsd(args) => import::import_xsd(&args.schema_dir, &args.out)
            .map(|summary| println!("{summary}"))
            .map_err(|error| format!("import-xsd: {error}")),
        Command::ImportSvg(args) => {
            import::import_svg(&args.svg_dir, &args.xsd, &args.base, &args.out)
                .map(|summary| println!("{summary}"))
                .map_err(|error| format!("import-svg: {error}"))
        }
        Command::Generate(args) => {
            generate_corpus(&args).map_err(|error| format!("generate: {error}"))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("cargo xtask {error}");
            ExitCode::from(2)
        }
    }
}

fn generate_corpus(args: &GenerateArgs) -> Result<(), String> {
    let (rules, errors) = RuleSet::load(&[] as &[PathBuf]);
    let options = generate::Options {
        seed: args.seed,
        variants: args.variants,
    };
    let corpus = generate::corpus(&rules, options);
    let broken: Vec<_> = errors.into_iter().chain(corpus.errors.clone()).collect();
    if !broken.is_empty() {
        render::render_concise(&rules_reports(&broken), &mut io::stdout().lock())
            .map_err(|e| e.to_string())?;
        return Err("the rules tables are broken".into());
    }
    generate::write_corpus(&corpus, &args.out).map_err(|e| e.to_string())?;
    let mutants = corpus
        .packets
        .iter()
        .filter(|p| p.mutation.is_some())
        .count();
    println!(
        "wrote {} packets ({} valid, {mutants} mutants) and {} to {}",
        corpus.packets.len(),
        corpus.packets.len() - mutants,
        generate::MANIFEST,
        args.out.display()
    );
    Ok(())
}
