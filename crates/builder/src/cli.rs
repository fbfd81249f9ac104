//! Command-line arguments, as parsed (checked and derived in each command).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Broadsheet: build static, offline-first article archives.
#[derive(Debug, Parser)]
#[command(name = "broadsheet", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read article sources and write a bundle the reader can load.
    Build(BuildArgs),
    /// List the articles of a built bundle.
    Ls(LsArgs),
    /// Search a built bundle, best matches first (the reader's engine).
    Search(SearchArgs),
    /// Write a synthetic source archive (for benchmarks and scale tests).
    Synth(SynthArgs),
    /// Measure filter and search latency over built bundles, natively.
    Bench(BenchArgs),
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Source files or folders (folders are searched for `.md`, `.markdown`
    /// and `.txt` files; `.txt` files are plain-text listings).
    #[arg(required = true)]
    pub sources: Vec<PathBuf>,
    /// Folder to write the bundle into (created if missing).
    #[arg(long, short)]
    pub out: PathBuf,
    /// Treat every error as fatal: write nothing and exit non-zero.
    #[arg(long)]
    pub strict: bool,
    /// Read, check and lay out everything, report, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Site title shown by the reader.
    #[arg(long, default_value = "Broadsheet")]
    pub title: String,
    /// One-line site description.
    #[arg(long, default_value = "")]
    pub description: String,
    /// Language (BCP 47) of articles that do not name one.
    #[arg(long, default_value = "en")]
    pub language: String,
    /// Section of the entries of plain-text listings (instead of a
    /// listing's own heading line).
    #[arg(long)]
    pub section: Option<String>,
    /// Target size of a body shard in bytes (before compression).
    #[arg(long, default_value_t = 64 * 1024)]
    pub shard_bytes: usize,
}

#[derive(Debug, Args)]
pub struct LsArgs {
    /// A bundle folder (the one holding `manifest.json`).
    pub bundle: PathBuf,
    /// One JSON object per line instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// A bundle folder (the one holding `manifest.json`).
    pub bundle: PathBuf,
    /// The query, as typed in the reader: words, "phrases", -excluded.
    pub query: String,
    /// One JSON object per line (slug, title, score) instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SynthArgs {
    /// How many articles to write.
    #[arg(long, default_value_t = 1000)]
    pub articles: usize,
    /// Random seed: the same seed writes the same archive.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Folder to write the Markdown sources into.
    #[arg(long, short)]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Bundle folders to measure, one table row each.
    #[arg(required = true)]
    pub bundles: Vec<PathBuf>,
    /// Repetitions of the query set (more: steadier percentiles).
    #[arg(long, default_value_t = 5)]
    pub rounds: usize,
}
