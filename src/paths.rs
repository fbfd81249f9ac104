//! URLs inside the site: everything goes through here so the reader works at
//! the root of a host and under a sub-path (`/broadsheet/`) alike.

use broadsheet_core::links::{base_path, list_path, packed_href};
use broadsheet_core::{Facet, Query, Taxonomy};

/// The site's base path without a trailing slash (`""` at the root,
/// `"/broadsheet"` under a sub-path), read from the page's `<base href>`
/// that Trunk writes from `--public-url`.
pub fn base() -> String {
    let from_document = || -> Option<String> {
        let uri = web_sys::window()?.document()?.base_uri().ok()??;
        Some(web_sys::Url::new(&uri).ok()?.pathname())
    };
    base_path(&from_document().unwrap_or_default())
}

/// A path inside the site (`/articles/x`) as an absolute URL path. In the
/// single-file copy every page is the file itself: the list keeps its
/// query, an article becomes `?article=x`.
pub fn href(path: &str) -> String {
    if crate::packed::active() {
        packed_href(&base(), path)
    } else {
        format!("{}{}", base(), path)
    }
}

thread_local! {
    static LANGUAGE: std::cell::Cell<Option<&'static str>> = const { std::cell::Cell::new(None) };
}

/// The interface language the address named (`?hl=ur`), for [`page`]
/// (set by `words.rs` when it chose the language from the address).
pub fn keep_language(code: &'static str) {
    LANGUAGE.with(|l| l.set(Some(code)));
}

/// A page of the site (`/`, `/articles/x`, `/?region=kashmir`): [`href`],
/// plus `hl=` when the address named the interface language, so every
/// page it leads to keeps it (files the reader fetches use [`href`]).
pub fn page(path: &str) -> String {
    let url = href(path);
    match LANGUAGE.with(std::cell::Cell::get) {
        Some(code) if url.contains('?') => format!("{url}&hl={code}"),
        Some(code) => format!("{url}?hl={code}"),
        None => url,
    }
}

/// A URL of a bundle file (`manifest.json`, `bodies/0000.<hash>.json`);
/// `pack:<path>` in the single-file copy, which carries its files.
pub fn bundle_file(path: &str) -> String {
    if crate::packed::active() {
        format!("pack:{path}")
    } else {
        href(&format!("/bundle/{path}"))
    }
}

/// The reader's bookmarks.
pub fn bookmarks() -> String {
    page("/bookmarks")
}

pub fn article(slug: &str) -> String {
    page(&format!("/articles/{slug}"))
}

/// The list filtered to one term (`/?region=kashmir`).
pub fn list_filtered(facet: Facet, key: &str) -> String {
    list_with(&[(facet.param(), key.to_string())])
}

/// The list with these query pairs.
pub fn list_with(pairs: &[(&str, String)]) -> String {
    page(&list_path(pairs))
}

/// The list showing `query`.
pub fn list_query(query: &Query, taxonomy: &Taxonomy) -> String {
    list_with(&query.to_pairs(taxonomy))
}

/// Links to the list filtered by each of an entry's terms in `facet`.
pub fn term_links(taxonomy: &Taxonomy, facet: Facet, indices: &[u32]) -> Vec<(String, String)> {
    indices
        .iter()
        .filter_map(|&i| taxonomy.term(facet, i))
        .map(|t| (t.label.clone(), list_filtered(facet, &t.key)))
        .collect()
}
