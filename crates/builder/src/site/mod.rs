//! The site stage: what a published site carries around its bundle, made
//! from the bundle itself (read through [`Files`], a shard at a time) —
//! Atom feeds (`feeds.rs`), the sitemap (`sitemap.rs`), the reader's pages
//! with their content prerendered (`pages.rs`), and the record of what was
//! written so the next build removes what no longer belongs (`record.rs`).
//! `edition.rs` seals the whole for offline reading (the service worker).
//! `shell.rs` takes the reader's `index.html` apart into the pages' shells
//! and `reader.js`. `csp.rs` keeps every page's Content-Security-Policy true to its inline
//! scripts and image policy. `pack.rs` is the other emitter: the single-file copy of the archive.

mod budget;
mod csp;
pub mod edition;
mod feeds;
mod locale;
pub mod pack;
pub mod pages;
pub mod record;
mod shell;
mod sitemap;
mod split;
pub mod words;

use std::error::Error;
use std::path::Path;

use crate::bundle::{self, Files};

pub use pages::Options;

/// What the site stage wrote into the site folder.
#[derive(Debug, Default)]
pub struct Published {
    pub feeds: usize,
    pub sitemaps: usize,
    pub pages: usize,
    /// Article pages that carry the article's summary only (within
    /// `--max-site-bytes`).
    pub summaries: usize,
    /// The offline edition sealed (`sw.js`), when the folder holds the
    /// reader.
    pub edition: Option<edition::Sealed>,
    /// Files an earlier build wrote that no longer belong, removed.
    pub removed: usize,
}

/// Writes feeds, sitemap and pages for the bundle in `bundle` into `dir`,
/// the folder served at `site_url`, and removes what an earlier build wrote
/// there that no longer belongs.
pub fn run(
    dir: &Path,
    site_url: &str,
    bundle: &dyn Files,
    options: Options,
) -> Result<Published, Box<dyn Error>> {
    let mut opened = bundle::open(bundle)?;
    // Pages and feeds are in the site's language, its terms' names too.
    let language = opened.manifest.site.language.clone();
    opened.manifest.taxonomy.translate(&language);
    let base = if site_url.ends_with('/') {
        site_url.to_string()
    } else {
        format!("{site_url}/")
    };
    let cannot =
        |e: std::io::Error| format!("cannot write feeds and sitemap to {}: {e}", dir.display());
    let feeds = feeds::files(&base, &opened.manifest, &opened.entries);
    let sitemaps = sitemap::files(&base, &opened.entries);
    let mut published = Published {
        feeds: feeds.len(),
        sitemaps: sitemaps.len(),
        ..Published::default()
    };
    std::fs::create_dir_all(dir.join("feeds/sections")).map_err(cannot)?;
    let mut written = Vec::new();
    for (path, text) in feeds.into_iter().chain(sitemaps) {
        std::fs::write(dir.join(&path), text).map_err(cannot)?;
        written.push(path);
    }
    let (pages, summaries) = pages::write(dir, &base, bundle, &opened, options)?;
    published.summaries = summaries;
    // The loader the article pages run is written with them, not a page.
    published.pages = pages.iter().filter(|p| p.ends_with(".html")).count();
    written.extend(pages);
    // Last: the edition's hashes cover the pages just written.
    if published.pages > 0 {
        published.edition = Some(edition::seal(dir, bundle)?);
        written.push("sw.js".into());
    }
    published.removed = record::settle(dir, &written)
        .map_err(|e| format!("cannot tidy the site files in {}: {e}", dir.display()))?;
    Ok(published)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::Memory;
    use crate::emit::{DiskSink, Layout};
    use crate::import::{markdown, ReadOptions};
    use broadsheet_core::Site;

    /// The stage runs on a bundle held in memory as on one on disk: every
    /// file it writes comes from what the bundle holds.
    #[test]
    fn a_bundle_in_memory_gives_the_pages_feeds_and_sitemap() {
        let options = ReadOptions::default();
        let drafts = ["Dock strike", "Harvest report"]
            .iter()
            .enumerate()
            .map(|(i, title)| {
                let text = format!(
                    "---\ntitle: {title}\ndate: 2024-05-0{}\nsection: Reports\n---\nThe text of {title}.\n",
                    i + 1
                );
                markdown::read("a.md", text.as_bytes(), &options).0.unwrap()
            })
            .collect();
        let mut diags = Vec::new();
        let indexed = crate::index::run(drafts, &mut diags);
        let site = Site {
            title: "Test".into(),
            language: "en".into(),
            ..Site::default()
        };
        let mut sink = DiskSink::in_memory();
        let manifest = crate::emit::run(
            indexed,
            site,
            Layout {
                body_bytes: 1 << 20,
                gzip: true,
            },
            &crate::emit::Previous::none(),
            &mut sink,
        )
        .unwrap();
        let bundle = Memory(sink.into_files(&manifest).into_iter().collect());
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("index.html"),
            "<html><head><meta http-equiv=\"Content-Security-Policy\" \
             content=\"script-src 'self' __INLINE_SCRIPT_HASHES__\"><title>x</title></head>\
             <body><script>start()</script></body></html>",
        )
        .unwrap();
        let options = Options {
            article_pages: true,
            images: crate::config::RemoteImages::Link,
            max_site_bytes: None,
        };
        let published = run(dir.path(), "https://example.org/news", &bundle, options).unwrap();
        assert_eq!(
            (published.feeds, published.sitemaps, published.pages),
            (2, 1, 3)
        );
        let read = |path: &str| std::fs::read_to_string(dir.path().join(path)).unwrap();
        let sealed = format!("script-src 'self' {}", csp::source("start()"));
        assert!(read("index.html").contains(&sealed));
        assert!(read("articles/dock-strike.html").contains("The text of Dock strike."));
        assert!(read("feeds/sections/reports.atom").contains("Harvest report"));
        assert!(read("sitemap.xml").contains("https://example.org/news/articles/harvest-report"));
    }
}
