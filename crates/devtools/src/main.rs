//! `broadsheet-dev`: tools for the people who work on Broadsheet, kept out
//! of the published `broadsheet` binary (and its dependencies): synthetic
//! archives for benchmarks and scale tests, and the native engine benchmark.

mod bench;
mod draw;
mod synth;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

/// Broadsheet's developer tools.
#[derive(Debug, Parser)]
#[command(name = "broadsheet-dev", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write a synthetic source archive (for benchmarks and scale tests).
    Synth(SynthArgs),
    /// Measure filter and search latency over built bundles, natively.
    Bench(BenchArgs),
    /// Draw the sample archive's pictures (into `content/`).
    Draw(DrawArgs),
}

#[derive(Debug, Args)]
struct DrawArgs {
    /// The source folder to draw them into.
    #[arg(long, short, default_value = "content")]
    out: PathBuf,
}

#[derive(Debug, Args)]
struct SynthArgs {
    /// How many articles to write.
    #[arg(long, default_value_t = 1000)]
    articles: usize,
    /// Random seed: the same seed writes the same archive.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Folder to write the Markdown sources into.
    #[arg(long, short)]
    out: PathBuf,
    /// How long the bodies are: `short` (median ≈ 270 words, at most
    /// 3,000) or `long-form` (median ≈ 1,200, a tail to 6,000: analyses
    /// and reports as a political publisher writes them).
    #[arg(long, value_enum, default_value = "short")]
    profile: synth::Profile,
    /// Give every article a picture (drawn, 960 to 2000 px wide), saved
    /// beside it: for the pictures benchmark.
    #[arg(long)]
    pictures: bool,
}

#[derive(Debug, Args)]
struct BenchArgs {
    /// Bundle folders to measure, one table row each.
    #[arg(required = true)]
    bundles: Vec<PathBuf>,
    /// Repetitions of the query set (more: steadier percentiles).
    #[arg(long, default_value_t = 5)]
    rounds: usize,
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Synth(args) => synth::run(args),
        Command::Bench(args) => bench::run(args),
        Command::Draw(args) => draw::run(&args.out),
    };
    result.unwrap_or_else(|err| {
        eprintln!("broadsheet-dev: error: {err}");
        ExitCode::from(2)
    })
}
