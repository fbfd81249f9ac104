//! The builder's stages in order, for the commands that run them:
//!
//! ```text
//! sources ─ import ─► Draft ─ normalize ─► Draft ─ index ─► Indexed ─ emit ─► bundle ─ site ─► pages, feeds
//! ```
//!
//! [`read_input`] runs the first two (with the config that steers them);
//! `build` and `pack` then call [`crate::pictures::run`] (local images
//! made into the bundle's files), [`crate::index::run`], [`crate::emit::run`]
//! and, for a published site, [`crate::site::run`] — each stage a module
//! with one entry point, tested on its own.

use std::path::{Path, PathBuf};

use broadsheet_core::Site;

use crate::cli::SourceArgs;
use crate::config::{self, Config, RemoteImages};
use crate::import::{self, ReadOptions, SourceCache};
use crate::normalize;
use crate::report::print_sorted;
use crate::Severity;

/// Sources read, merged and checked, ready to assemble: what `build` and
/// `pack` share.
pub struct Input {
    pub drafts: Vec<crate::import::Draft>,
    pub site: Site,
    pub diagnostics: Vec<crate::Diagnostic>,
    pub files: usize,
    pub ignored: usize,
    /// Files whose drafts came from the source cache, not parsed again.
    pub cached: usize,
    pub skipped: usize,
    pub merged: usize,
    /// The config's image policy (the pages' CSP follows it).
    pub images: RemoteImages,
    /// Whether cards show a thumbnail (`[images] thumbnails`).
    pub thumbnails: bool,
    /// The config's names of terms in interface languages (the manifest's
    /// `taxonomy.labels`).
    pub labels: Vec<broadsheet_core::Label>,
    /// Where the pictures an earlier build made are recorded (beside the
    /// source cache; `None` without one).
    pub picture_cache: Option<PathBuf>,
    /// Where the words of every title and summary are kept for related
    /// articles (beside the source cache; `None` without one).
    pub words_cache: Option<PathBuf>,
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

/// Reads the config and the sources (each file parsed only when the source
/// cache has not kept what it gives; `fresh`: parse every one), merges
/// duplicates and settles the site. `Err` for a config that cannot be used
/// or no sources at all.
pub fn read_input(args: &SourceArgs, fresh: bool) -> Result<Input, Box<dyn std::error::Error>> {
    let config_path = config::locate(args.config.as_deref(), &args.sources);
    let config = match &config_path {
        Some(path) => Config::load(path).map_err(|problem| problem.to_string())?,
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
    crate::progress::lap("start");
    let cache = match args.cache.clone().or_else(import::cache::default_dir) {
        Some(dir) if !args.no_cache => {
            SourceCache::open(&dir, &sources, config_path.as_deref(), fresh)
        }
        _ => SourceCache::none(),
    };
    crate::progress::lap("source cache loaded");
    let harvest = import::read_all(
        &sources,
        &|file| config.read_options(file, &options),
        &[config::FILE_NAME],
        &cache,
    );
    crate::progress::lap("sources read");
    let mut diagnostics = harvest.diagnostics;
    let normalize::Normalized { drafts, merged } =
        normalize::run(harvest.drafts, &config, &mut diagnostics);
    crate::progress::lap("normalized");
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
        cached: cache.hits(),
        skipped: harvest.skipped,
        merged,
        images: config.images.remote,
        thumbnails: config.images.thumbnails,
        labels: config.taxonomy.labels(),
        picture_cache: cache.sibling("pictures"),
        words_cache: cache.sibling("words"),
    })
}
