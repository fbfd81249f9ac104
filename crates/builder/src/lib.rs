//! Broadsheet's builder: reads article sources, checks and sanitizes them,
//! and writes a bundle in the format owned by `broadsheet-core`.

mod bundle;
pub mod cli;
mod commands;
mod config;
mod diagnostics;
mod draft;
mod emit;
mod fingerprint;
mod gzip;
mod hosts;
mod import;
mod index;
mod language;
mod normalize;
mod pictures;
mod pipeline;
mod progress;
mod report;
mod sanitize;
mod site;
mod slug;
mod text;

use std::process::ExitCode;

pub use bundle::{read_bundle, read_shard, Files, Folder, Opened};
pub use diagnostics::{Diagnostic, Severity};
pub use draft::Draft;
pub use import::{Importer, Read, ReadOptions};

/// Panics if anything an importer kept carries markup the sanitizer
/// forbids, naming the article and what. For fuzz targets and tests.
pub fn assert_safe(read: &Read) {
    for draft in &read.drafts {
        if let Some(problem) = sanitize::forbidden_markup(&draft.html) {
            panic!("{}:{}: {problem}", draft.file, draft.line);
        }
    }
}

/// Runs a parsed command line. `Err` is for failures of the tool itself
/// (unreadable output folder, …); problems in sources are reported as
/// diagnostics and reflected in the exit code.
pub fn run(cli: cli::Cli) -> Result<ExitCode, Box<dyn std::error::Error>> {
    match cli.command {
        cli::Command::Build(args) => commands::build::run(args),
        cli::Command::Pack(args) => commands::pack::run(args),
        cli::Command::Ls(args) => commands::ls::run(args),
        cli::Command::Search(args) => commands::search::run(args),
        cli::Command::Check(args) => commands::check::run(args),
        cli::Command::Mirror(args) => commands::mirror::run(args),
        cli::Command::Seal(args) => {
            let bundle = args.dir.join("bundle");
            let sealed = site::edition::seal(&args.dir, &bundle::Folder(&bundle))?;
            eprintln!(
                "broadsheet: edition {} sealed: {} shell files, {} bundle files precached, {} kept at first use ({})",
                sealed.id,
                sealed.shell,
                sealed.core,
                sealed.facets,
                args.dir.join("sw.js").display()
            );
            if let Some(note) = sealed.stale_note() {
                eprintln!("{note}");
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
