//! The normalize stage: drafts from every source made consistent with each
//! other and with the config — original addresses checked, listing headings
//! and JSON-LD places filed under a country, region or section, every
//! spelling turned into its canonical name (`canon.rs`), remote images
//! handled by the `[images]` policy, and one article met in several
//! sources merged (`merge.rs`).

mod canon;
mod merge;
mod places;

use std::path::Path;

use rayon::prelude::*;

use crate::config::{Config, RemoteImages};
use crate::draft::Draft;
use crate::Diagnostic;

/// What normalizing gave: the articles, and how many duplicates were merged
/// into others.
pub struct Normalized {
    pub drafts: Vec<Draft>,
    pub merged: usize,
}

/// Runs every normalizing step over the imported drafts, in source order.
pub fn run(mut drafts: Vec<Draft>, config: &Config, diags: &mut Vec<Diagnostic>) -> Normalized {
    for draft in &mut drafts {
        check_url(draft, diags);
    }
    let canon = canon::Canon::new(&config.taxonomy);
    places::place_headings(&mut drafts, &canon);
    canon.apply(&mut drafts, diags);
    let images: Option<fn(&str) -> String> = match config.images.remote {
        RemoteImages::Strip => Some(crate::sanitize::strip_images),
        RemoteImages::Link => Some(crate::sanitize::link_images),
        RemoteImages::Keep => None,
    };
    if let Some(images) = images {
        drafts.par_iter_mut().for_each(|d| d.html = images(&d.html));
    }
    let (drafts, merged) = merge::merge_duplicates(drafts, diags);
    Normalized { drafts, merged }
}

/// An article's original address is shown as a link: only absolute `http`
/// and `https` URLs are kept (never `javascript:`, `data:` or relative ones).
fn check_url(draft: &mut Draft, diags: &mut Vec<Diagnostic>) {
    let Some(url) = draft.url.take() else {
        return;
    };
    match ammonia::Url::parse(&url) {
        Ok(parsed) if matches!(parsed.scheme(), "http" | "https") => {
            draft.url = Some(parsed.to_string());
        }
        _ => diags.push(Diagnostic::warning(
            Path::new(&draft.file),
            draft.line,
            format!("`{url}` is not an absolute http(s) address; the article's url is left out"),
        )),
    }
}
