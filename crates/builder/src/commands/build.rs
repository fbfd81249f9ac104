//! `broadsheet build`: sources → checked, sanitized bundle.

use std::process::ExitCode;
use std::time::Instant;

use broadsheet_core::Site;

use crate::cli::BuildArgs;
use crate::sources::{self, ReadOptions};
use crate::{writer, Severity};

pub fn run(args: BuildArgs) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let started = Instant::now();
    let options = ReadOptions {
        default_language: args.language.clone(),
    };
    let harvest = sources::read_all(&args.sources, &options);
    let mut diagnostics = harvest.diagnostics;
    let site = Site {
        title: args.title.clone(),
        description: args.description.clone(),
        language: args.language.clone(),
    };
    let bundle = writer::assemble(harvest.drafts, site, args.shard_bytes, &mut diagnostics);

    diagnostics.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    for d in &diagnostics {
        eprintln!("{d}");
    }
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diagnostics.len() - errors;
    // Every error drops its article, so skipped = files with an error.
    let skipped = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.file.as_str())
        .collect::<std::collections::HashSet<_>>()
        .len();

    if args.strict && errors > 0 {
        eprintln!(
            "broadsheet: {errors} error(s) with --strict: nothing written to {}",
            args.out.display()
        );
        return Ok(ExitCode::FAILURE);
    }
    let report = writer::write(&bundle, &args.out)
        .map_err(|e| format!("cannot write the bundle to {}: {e}", args.out.display()))?;
    eprintln!(
        "broadsheet: {} files read, {} articles built, {} skipped, {} warnings; \
         {} body shards, {} bytes written to {} in {:.2?}",
        harvest.files,
        report.articles,
        skipped,
        warnings,
        report.body_shards,
        report.bytes_written,
        args.out.display(),
        started.elapsed()
    );
    if report.articles == 0 {
        eprintln!("broadsheet: warning: the bundle has no articles");
    }
    Ok(ExitCode::SUCCESS)
}
