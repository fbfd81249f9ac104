//! `broadsheet build`: sources → checked, sanitized bundle, and with
//! `--site-files` the pages, feeds and sitemap around it.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use crate::bundle::Folder;
use crate::cli::BuildArgs;
use crate::emit::{self, DiskSink, Layout, Previous, Unchanged};
use crate::pictures::{self, PictureCache};
use crate::pipeline::{read_input, Input};
use crate::report::{count, human_bytes, print_sorted};
use crate::{index, site};

pub fn run(args: BuildArgs) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let started = Instant::now();
    let mut input = read_input(&args.input, args.full)?;
    let site_url = input.site.url.clone();
    if args.site_files.is_some() && site_url.is_none() {
        return Err(
            "--site-files needs the site's URL: pass --url or set site.url in broadsheet.toml"
                .into(),
        );
    }
    if input.refused(args.input.strict, &args.out) {
        return Ok(ExitCode::FAILURE);
    }
    let errors = input.errors();
    let mut diagnostics = std::mem::take(&mut input.diagnostics);
    let cannot_write =
        |e: std::io::Error| format!("cannot write the bundle to {}: {e}", args.out.display());
    // Read before anything is written: the segments the folder holds.
    let previous = if args.full || args.dry_run {
        Previous::none()
    } else {
        Previous::open(&args.out)
    };
    let mut sink = if args.dry_run {
        DiskSink::dry_run()
    } else {
        DiskSink::create(&args.out).map_err(cannot_write)?
    };
    let layout = Layout {
        body_bytes: args.shard_bytes,
        gzip: true,
    };
    let mut made = PictureCache::open(input.picture_cache.clone(), args.full);
    let pictures = pictures::run(
        &mut input.drafts,
        &mut sink,
        &mut made,
        &mut diagnostics,
        input.thumbnails,
    )
    .map_err(cannot_write)?;
    if !args.dry_run {
        if let Err(e) = made.save() {
            eprintln!("broadsheet: warning: cannot save the pictures cache: {e}");
        }
    }
    crate::progress::lap("pictures");
    let mut indexed = index::run(std::mem::take(&mut input.drafts), &mut diagnostics);
    indexed.taxonomy.labels = std::mem::take(&mut input.labels);
    if !args.dry_run {
        indexed.related.keep_words_in(input.words_cache.clone());
    }
    crate::progress::lap("indexed");
    let manifest = emit::run(indexed, input.site.clone(), layout, &previous, &mut sink)
        .map_err(cannot_write)?;
    let segments = (previous.reused(), manifest.segments.len());
    let files = sink.files + 1;
    let unchanged = sink.unchanged;
    let bytes = sink.finish(&manifest).map_err(cannot_write)?;
    crate::progress::lap("emitted");
    let published = match (&args.site_files, &site_url, args.dry_run) {
        (Some(dir), Some(url), false) => {
            let options = site::Options {
                article_pages: !args.no_article_pages,
                images: input.images,
                max_site_bytes: args.max_site_bytes,
            };
            Some((dir, site::run(dir, url, &Folder(&args.out), options)?))
        }
        _ => None,
    };
    crate::progress::lap("site files");
    print_sorted(&mut diagnostics);
    let summary = Summary {
        input: &input,
        articles: manifest.articles as usize,
        warnings: diagnostics.len() - errors,
        files,
        bytes,
        unchanged,
        segments,
        elapsed: started.elapsed(),
    };
    summary.print(&args);
    if pictures.pictures > 0 {
        eprintln!(
            "broadsheet: {} shown ({} made by this build, the rest kept from an earlier one), {} of picture files",
            count(pictures.pictures, "picture"),
            pictures.made,
            human_bytes(pictures.bytes)
        );
    }
    if let Some((dir, published)) = published {
        if published.removed > 0 {
            eprintln!(
                "broadsheet: {} an earlier build wrote, no longer published, removed from {}",
                count(published.removed, "file"),
                dir.display()
            );
        }
        if let Some(sealed) = &published.edition {
            eprintln!(
                "broadsheet: edition {} sealed for offline reading: {} shell files, {} bundle files precached, {} kept at first use",
                sealed.id, sealed.shell, sealed.core, sealed.facets
            );
            if let Some(note) = sealed.stale_note() {
                eprintln!("{note}");
            }
        }
        if published.feeds + published.sitemaps + published.pages > 0 {
            eprintln!(
                "broadsheet: {}, {} and {} written to {}",
                count(published.feeds, "feed"),
                count(published.sitemaps, "sitemap file"),
                count(published.pages, "page"),
                dir.display()
            );
        }
        if let Some(budget) = args.max_site_bytes {
            // `pages` counts the list's page too.
            let articles = published.pages.saturating_sub(1);
            eprintln!(
                "broadsheet: within --max-site-bytes {}: of {}, {} hold the whole text, {} the summary only",
                human_bytes(budget),
                count(articles, "article page"),
                articles - published.summaries,
                published.summaries,
            );
        }
    }
    if manifest.articles == 0 {
        eprintln!("broadsheet: warning: the bundle has no articles");
    }
    if !args.host.is_empty() && !args.dry_run {
        let published = args.site_files.as_deref().unwrap_or(&args.out);
        if !super::check::check(published, &args.host)? {
            return Ok(ExitCode::FAILURE);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The build's closing line.
struct Summary<'a> {
    input: &'a Input,
    articles: usize,
    warnings: usize,
    files: usize,
    bytes: u64,
    unchanged: Unchanged,
    /// Segments kept from the earlier build, of all the segments.
    segments: (usize, usize),
    elapsed: Duration,
}

impl Summary<'_> {
    fn print(&self, args: &BuildArgs) {
        let written = if args.dry_run {
            "would be written (dry run: nothing written)"
        } else {
            "written"
        };
        let ignored = match self.input.ignored {
            0 => String::new(),
            n => format!(" ({} ignored)", count(n, "other file")),
        };

        eprintln!(
            "broadsheet: {} read{ignored}: {} imported, {} merged, {} skipped, {}; \
             {}, {} {written} to {} in {:.2?}",
            count(self.input.files, "file"),
            count(self.articles, "article"),
            self.input.merged,
            self.input.skipped,
            count(self.warnings, "warning"),
            count(self.files, "file"),
            human_bytes(self.bytes),
            args.out.display(),
            self.elapsed
        );
        // What the next step downstream (an upload, a mirror, a reader's
        // cache) has to move: the files the folder did not hold already.
        if !args.dry_run {
            let (reused, segments) = self.segments;
            eprintln!(
                "broadsheet: {} new or changed ({} to upload), {} unchanged ({})",
                count(self.files - self.unchanged.files, "file"),
                human_bytes(self.bytes - self.unchanged.bytes),
                count(self.unchanged.files, "file"),
                human_bytes(self.unchanged.bytes),
            );
            eprintln!(
                "broadsheet: reused from the earlier build: {} of {} (not parsed again), \
                 {reused} of {} (not made again)",
                self.input.cached,
                count(self.input.files, "source"),
                count(segments, "segment"),
            );
        }
    }
}
