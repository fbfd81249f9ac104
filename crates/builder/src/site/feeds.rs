//! Atom feeds of a published site: the whole archive (`feeds/all.atom`) and
//! one per section (`feeds/sections/<key>.atom`), newest articles first,
//! with absolute URLs under the site's address. Deterministic: a feed's
//! `updated` is its newest article's date, never the build's time.

use std::collections::HashSet;
use std::fmt::Write as _;

use broadsheet_core::{compare_newest_first, Date, Entry, Facet, Manifest, Taxonomy};

use crate::text::escape_xml as escape;

/// Articles in a feed.
const FEED_ENTRIES: usize = 50;

/// Every feed of the archive: (path, text), the archive's feed first.
pub fn files(base: &str, manifest: &Manifest, entries: &[Entry]) -> Vec<(String, String)> {
    feeds(manifest, entries)
        .into_iter()
        .map(|(path, title, articles)| {
            let text = atom(base, &path, &title, manifest, &articles);
            (path, text)
        })
        .collect()
}

/// The ids of the articles some feed links: a reader who follows a feed
/// lands on their pages.
pub fn linked<'a>(manifest: &Manifest, entries: &'a [Entry]) -> HashSet<&'a str> {
    feeds(manifest, entries)
        .into_iter()
        .flat_map(|(_, _, articles)| articles.into_iter().take(FEED_ENTRIES))
        .map(|e| e.id.as_str())
        .collect()
}

/// Every feed: its path, title and dated articles, newest first.
fn feeds<'a>(manifest: &Manifest, entries: &'a [Entry]) -> Vec<(String, String, Vec<&'a Entry>)> {
    let mut dated: Vec<&Entry> = entries.iter().filter(|e| e.date.is_some()).collect();
    dated.sort_by(|a, b| compare_newest_first(a, b));
    let mut feeds = Vec::new();
    for (index, section) in manifest.taxonomy.terms(Facet::Section).iter().enumerate() {
        let in_section: Vec<&Entry> = dated
            .iter()
            .copied()
            .filter(|e| e.section == Some(index as u32))
            .collect();
        if in_section.is_empty() {
            continue;
        }
        // Section feeds have a folder of their own: a section called "All"
        // must not replace the archive's feed.
        let path = format!("feeds/sections/{}.atom", section.key);
        let title = format!("{} — {}", manifest.site.title, section.label);
        feeds.push((path, title, in_section));
    }
    feeds.insert(
        0,
        ("feeds/all.atom".into(), manifest.site.title.clone(), dated),
    );
    feeds
}

/// An Atom feed of the newest `FEED_ENTRIES` of `entries` (already newest
/// first, all dated).
fn atom(base: &str, path: &str, title: &str, manifest: &Manifest, entries: &[&Entry]) -> String {
    let updated = entries.first().and_then(|e| e.date).map(timestamp);
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        x,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        escape(&manifest.site.language)
    );
    let _ = writeln!(x, "  <id>{}</id>", escape(&format!("{base}{path}")));
    let _ = writeln!(x, "  <title>{}</title>", escape(title));
    if !manifest.site.description.is_empty() {
        let _ = writeln!(
            x,
            "  <subtitle>{}</subtitle>",
            escape(&manifest.site.description)
        );
    }
    let _ = writeln!(
        x,
        "  <updated>{}</updated>",
        updated.unwrap_or_else(|| "1970-01-01T00:00:00Z".into())
    );
    let _ = writeln!(
        x,
        "  <link rel=\"self\" href=\"{}\"/>",
        escape(&format!("{base}{path}"))
    );
    let _ = writeln!(
        x,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape(base)
    );
    // Atom wants an author on the feed when an entry has none.
    let _ = writeln!(
        x,
        "  <author><name>{}</name></author>",
        escape(&manifest.site.title)
    );
    for entry in entries.iter().take(FEED_ENTRIES) {
        atom_entry(&mut x, base, &manifest.taxonomy, entry);
    }
    x.push_str("</feed>\n");
    x
}

/// One `<entry>` of a feed: the article's address, title, dates, authors,
/// terms as categories and teaser.
fn atom_entry(x: &mut String, base: &str, terms: &Taxonomy, entry: &Entry) {
    let url = format!("{base}articles/{}", entry.slug);
    let language = terms
        .terms(Facet::Language)
        .get(entry.language as usize)
        .map(|t| t.key.as_str())
        .unwrap_or_default();
    let _ = writeln!(x, "  <entry xml:lang=\"{}\">", escape(language));
    let _ = writeln!(x, "    <id>{}</id>", escape(&url));
    let _ = writeln!(x, "    <title>{}</title>", escape(&entry.title));
    let _ = writeln!(
        x,
        "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape(&url)
    );
    if let Some(date) = entry.date {
        let _ = writeln!(x, "    <published>{}</published>", timestamp(date));
        let _ = writeln!(x, "    <updated>{}</updated>", timestamp(date));
    }
    for &author in &entry.authors {
        if let Some(term) = terms.terms(Facet::Author).get(author as usize) {
            let _ = writeln!(
                x,
                "    <author><name>{}</name></author>",
                escape(&term.label)
            );
        }
    }
    for facet in [Facet::Section, Facet::Region, Facet::Country, Facet::Tag] {
        for &i in entry.terms(facet) {
            if let Some(term) = terms.terms(facet).get(i as usize) {
                let _ = writeln!(
                    x,
                    "    <category term=\"{}\" label=\"{}\"/>",
                    escape(&term.key),
                    escape(&term.label)
                );
            }
        }
    }
    if !entry.summary.is_empty() {
        let _ = writeln!(x, "    <summary>{}</summary>", escape(&entry.summary));
    }
    x.push_str("  </entry>\n");
}

/// An Atom timestamp for a day (`2021-05-01T00:00:00Z`).
fn timestamp(date: Date) -> String {
    format!("{date}T00:00:00Z")
}
