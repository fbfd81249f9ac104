//! `broadsheet build`: sources → checked, sanitized bundle.

use std::process::ExitCode;
use std::time::Instant;

use broadsheet_core::Site;

use crate::cli::BuildArgs;
use crate::sources::{self, ReadOptions};
use crate::writer::{self, DiskSink, Layout};
use crate::Severity;

pub fn run(args: BuildArgs) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let started = Instant::now();
    let options = ReadOptions {
        default_language: args.language.clone(),
        section: args.section.clone(),
    };
    let harvest = sources::read_all(&args.sources, &options);
    let mut diagnostics = harvest.diagnostics;
    let site = Site {
        title: args.title.clone(),
        description: args.description.clone(),
        language: args.language.clone(),
    };
    // Every error is known once the sources are read (assembling only adds
    // warnings), so `--strict` can refuse before anything is written.
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    if args.strict && errors > 0 {
        print_sorted(&mut diagnostics);
        eprintln!(
            "broadsheet: {errors} error(s) with --strict: nothing written to {}",
            args.out.display()
        );
        return Ok(ExitCode::FAILURE);
    }
    // Every error drops its article, so skipped = files with an error.
    let skipped = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.file.clone())
        .collect::<std::collections::HashSet<_>>()
        .len();
    let cannot_write =
        |e: std::io::Error| format!("cannot write the bundle to {}: {e}", args.out.display());
    let mut sink = if args.dry_run {
        DiskSink::dry_run()
    } else {
        DiskSink::create(&args.out).map_err(cannot_write)?
    };
    let layout = Layout {
        body_bytes: args.shard_bytes,
    };
    let manifest = writer::assemble(harvest.drafts, site, layout, &mut diagnostics, &mut sink)
        .map_err(cannot_write)?;
    let files = sink.files + 1;
    let bytes = sink.finish(&manifest).map_err(cannot_write)?;
    print_sorted(&mut diagnostics);
    let warnings = diagnostics.len() - errors;
    let written = if args.dry_run {
        "would be written (dry run: nothing written)"
    } else {
        "written"
    };
    eprintln!(
        "broadsheet: {} files read, {} articles built, {} skipped, {} warnings; \
         {} files, {} {written} to {} in {:.2?}",
        harvest.files,
        manifest.articles,
        skipped,
        warnings,
        files,
        human_bytes(bytes),
        args.out.display(),
        started.elapsed()
    );
    if manifest.articles == 0 {
        eprintln!("broadsheet: warning: the bundle has no articles");
    }
    Ok(ExitCode::SUCCESS)
}

fn print_sorted(diagnostics: &mut [crate::Diagnostic]) {
    diagnostics.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    for d in diagnostics.iter() {
        eprintln!("{d}");
    }
}

/// `523 bytes`, `48.2 KB`, `512.0 MB`.
fn human_bytes(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} bytes"),
        1_000..1_000_000 => format!("{:.1} KB", bytes as f64 / 1e3),
        _ => format!("{:.1} MB", bytes as f64 / 1e6),
    }
}
