//! `broadsheet build`: sources → checked, sanitized bundle.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use broadsheet_core::Site;

use crate::cli::{BuildArgs, SourceArgs};
use crate::config::{self, Config, RemoteImages};
use crate::emit::{self, DiskSink, Layout};
use crate::import::{self, ReadOptions};
use crate::index;
use crate::normalize;
use crate::Severity;
use crate::{pages, site_files, site_record};
use crate::{read_bundle, OnDisk};

/// Sources read, merged and checked, ready to assemble: what `build` and
/// `pack` share.
pub struct Input {
    pub drafts: Vec<crate::import::Draft>,
    pub site: Site,
    pub diagnostics: Vec<crate::Diagnostic>,
    pub files: usize,
    pub ignored: usize,
    pub skipped: usize,
    pub merged: usize,
    /// The config's image policy (the pages' CSP follows it).
    pub images: RemoteImages,
}

impl Input {
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Under `--strict`, any error: reports them all and says nothing was
    /// written to `target`. Every error is known once the sources are read
    /// (assembling only adds warnings), so this runs before anything is.
    pub fn refused(&mut self, strict: bool, target: &Path) -> bool {
        let errors = self.errors();
        if strict && errors > 0 {
            print_sorted(&mut self.diagnostics);
            eprintln!(
                "broadsheet: {errors} error(s) with --strict: nothing written to {}",
                target.display()
            );
            return true;
        }
        false
    }
}

/// Reads the config and the sources, merges duplicates and settles the
/// site. `Err` for a config that cannot be used or no sources at all.
pub fn read_input(args: &SourceArgs) -> Result<Input, Box<dyn std::error::Error>> {
    let config = match config::locate(args.config.as_deref(), &args.sources) {
        Some(path) => Config::load(&path).map_err(|problem| problem.to_string())?,
        None => Config::default(),
    };
    let sources: Vec<PathBuf> = if args.sources.is_empty() {
        config.sources.iter().map(|s| s.path.clone()).collect()
    } else {
        args.sources.clone()
    };
    if sources.is_empty() {
        return Err(
            "no sources: name files or folders, or list [[sources]] in broadsheet.toml".into(),
        );
    }
    let language = args
        .language
        .clone()
        .or_else(|| config.site.language.clone())
        .unwrap_or_else(|| "en".into());
    let options = ReadOptions {
        default_language: language.clone(),
        section: args.section.clone(),
        importer: args.importer,
    };
    let harvest = import::read_all(
        &sources,
        &|file| config.read_options(file, &options),
        &[config::FILE_NAME],
    );
    let mut diagnostics = harvest.diagnostics;
    let normalize::Normalized { drafts, merged } =
        normalize::run(harvest.drafts, &config, &mut diagnostics);
    let site = Site {
        title: args
            .title
            .clone()
            .or_else(|| config.site.title.clone())
            .unwrap_or_else(|| "Broadsheet".into()),
        description: args
            .description
            .clone()
            .or_else(|| config.site.description.clone())
            .unwrap_or_default(),
        language,
        url: args.url.clone().or_else(|| config.site.url.clone()),
    };
    if let Some(url) = &site.url {
        if !url.starts_with("https://") && !url.starts_with("http://") {
            return Err(format!("the site URL `{url}` must be an absolute http(s) URL").into());
        }
    }
    Ok(Input {
        drafts,
        site,
        diagnostics,
        files: harvest.files,
        ignored: harvest.ignored,
        skipped: harvest.skipped,
        merged,
        images: config.images.remote,
    })
}

pub fn run(args: BuildArgs) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let started = Instant::now();
    let mut input = read_input(&args.input)?;
    if args.site_files.is_some() && input.site.url.is_none() {
        return Err(
            "--site-files needs the site's URL: pass --url or set site.url in broadsheet.toml"
                .into(),
        );
    }
    if input.refused(args.input.strict, &args.out) {
        return Ok(ExitCode::FAILURE);
    }
    let site_url = input.site.url.clone();
    let errors = input.errors();
    let mut diagnostics = std::mem::take(&mut input.diagnostics);
    let drafts = std::mem::take(&mut input.drafts);
    let site = input.site.clone();
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
    let manifest = emit::run(
        index::run(drafts, &mut diagnostics),
        site,
        layout,
        &mut sink,
    )
    .map_err(cannot_write)?;
    let files = sink.files + 1;
    let bytes = sink.finish(&manifest).map_err(cannot_write)?;
    let mut site_files = Vec::new();
    if let (Some(dir), Some(url), false) = (&args.site_files, &site_url, args.dry_run) {
        let OnDisk {
            manifest,
            tables,
            entries,
        } = read_bundle(&args.out)?;
        site_files = site_files::write(dir, url, &manifest, &entries)
            .map_err(|e| format!("cannot write feeds and sitemap to {}: {e}", dir.display()))?;
        site_files.extend(pages::write(
            dir,
            url,
            &args.out,
            &manifest,
            &tables,
            &entries,
            pages::Options {
                article_pages: !args.no_article_pages,
                images: input.images,
            },
        )?);
        let removed = site_record::settle(dir, &site_files)
            .map_err(|e| format!("cannot tidy the site files in {}: {e}", dir.display()))?;
        if removed > 0 {
            eprintln!(
                "broadsheet: {} an earlier build wrote, no longer published, removed from {}",
                count(removed, "file"),
                dir.display()
            );
        }
    }
    print_sorted(&mut diagnostics);
    let warnings = diagnostics.len() - errors;
    let written = if args.dry_run {
        "would be written (dry run: nothing written)"
    } else {
        "written"
    };
    let ignored = match input.ignored {
        0 => String::new(),
        n => format!(" ({} ignored)", count(n, "other file")),
    };
    eprintln!(
        "broadsheet: {} read{ignored}: {} imported, {} merged, {} skipped, {}; \
         {}, {} {written} to {} in {:.2?}",
        count(input.files, "file"),
        count(manifest.articles as usize, "article"),
        input.merged,
        input.skipped,
        count(warnings, "warning"),
        count(files, "file"),
        human_bytes(bytes),
        args.out.display(),
        started.elapsed()
    );
    if !site_files.is_empty() {
        eprintln!(
            "broadsheet: {}, {} and {} written to {}",
            count(
                site_files
                    .iter()
                    .filter(|f| f.starts_with("feeds/"))
                    .count(),
                "feed"
            ),
            count(
                site_files
                    .iter()
                    .filter(|f| f.starts_with("sitemap"))
                    .count(),
                "sitemap file"
            ),
            count(
                site_files.iter().filter(|f| f.ends_with(".html")).count(),
                "page"
            ),
            args.site_files
                .as_deref()
                .unwrap_or(Path::new(""))
                .display()
        );
    }
    if manifest.articles == 0 {
        eprintln!("broadsheet: warning: the bundle has no articles");
    }
    Ok(ExitCode::SUCCESS)
}

pub fn print_sorted(diagnostics: &mut [crate::Diagnostic]) {
    diagnostics.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    for d in diagnostics.iter() {
        eprintln!("{d}");
    }
}

/// `1 file`, `2 files`.
pub fn count(n: usize, noun: &str) -> String {
    match n {
        1 => format!("1 {noun}"),
        n => format!("{n} {noun}s"),
    }
}

/// `523 bytes`, `48.2 KB`, `512.0 MB`.
pub fn human_bytes(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} bytes"),
        1_000..1_000_000 => format!("{:.1} KB", bytes as f64 / 1e3),
        _ => format!("{:.1} MB", bytes as f64 / 1e6),
    }
}
