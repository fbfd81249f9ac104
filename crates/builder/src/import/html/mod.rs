//! Saved HTML article pages (`.html`, `.htm`, `.xhtml`, or any file that
//! sniffs as HTML), e.g. a folder saved from a live site.
//!
//! Each field comes from the most trusted place that has it:
//! 1. schema.org JSON-LD (`NewsArticle`, `Article`, `BlogPosting`, …, also
//!    inside `@graph` or arrays);
//! 2. OpenGraph and `<meta>` tags (`og:title`, `article:published_time`,
//!    `article:section`, `article:tag`, `author`, `description`, …) and
//!    `<link rel="canonical">`;
//! 3. the document: `<time datetime>`, the first `<h1>`, `<html lang dir>`,
//!    `<title>` (without the site's name).
//!
//! The body is the page's `itemprop="articleBody"`, else its `<article>`
//! with the most text, else `<main>`, else the element holding the most
//! paragraph text, without navigation, headers, footers, asides, forms and
//! the title's own `<h1>`. It is sanitized like every body, with relative
//! links made absolute against the page's canonical address. A page without
//! body text but with a description keeps the description as an excerpt.
//!
//! The work is split by concern: `page.rs` gathers what a page says and
//! makes the draft, `json_ld.rs` and `meta.rs` read its metadata, `body.rs`
//! finds and serializes the body, `index_page.rs` recognises a page that
//! lists articles, `charset.rs` decodes the bytes.
//!
//! The text is decoded by its byte-order mark, else its `<meta charset>`,
//! else as UTF-8, else as Windows-1252 (what browsers assume).

mod body;
mod charset;
mod index_page;
mod json_ld;
mod meta;
mod page;
#[cfg(test)]
mod tests;

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;

use scraper::{ElementRef, Html, Selector};

use super::{Read, ReadOptions};

pub fn read(file: &str, bytes: &[u8], options: &ReadOptions) -> Read {
    let path = Path::new(file);
    let mut diags = Vec::new();
    let text = charset::decode(bytes);
    let doc = Html::parse_document(&text);
    let page = Page::of(&doc, &text, path, &mut diags);
    if !page.is_article {
        if let Some(drafts) = index_page::drafts(&doc, &page, file, options) {
            return Read::of(drafts, diags);
        }
    }
    let draft = page.into_draft(file, options, &mut diags);
    Read::of(draft.into_iter().collect(), diags)
}

/// The elements under `root` that `selector` matches. Selectors are
/// constants of this module (a bad one is a bug, caught by the tests), each
/// parsed once per thread.
fn select<'a>(
    root: ElementRef<'a>,
    selector: &'static str,
) -> impl Iterator<Item = ElementRef<'a>> {
    thread_local! {
        static PARSED: RefCell<HashMap<&'static str, Selector>> = RefCell::default();
    }
    PARSED.with_borrow_mut(|parsed| {
        let selector = parsed
            .entry(selector)
            .or_insert_with(|| Selector::parse(selector).expect("a valid selector"));
        root.select(selector).collect::<Vec<_>>().into_iter()
    })
}

/// What a page says about its article, most trusted source first.
#[derive(Default)]
struct Page {
    titles: Vec<String>,
    dates: Vec<(String, &'static str)>,
    authors: Vec<Vec<String>>,
    sections: Vec<String>,
    tags: Vec<Vec<String>>,
    descriptions: Vec<String>,
    languages: Vec<String>,
    urls: Vec<String>,
    /// JSON-LD `contentLocation` / `spatialCoverage`.
    places: Vec<String>,
    dir: Option<String>,
    /// JSON-LD names an article: the page is one, whatever its shape.
    is_article: bool,
    /// Sanitizer-bound HTML of the body, and the JSON-LD `articleBody`.
    body: String,
    article_body: Option<String>,
}
