//! The sitemap of a published site: `sitemap.xml` listing the home page and
//! every article; past 50,000 addresses (the protocol's limit), an index of
//! `sitemap-N.xml` files. Oldest first, so the archive's growth appends: a
//! new article changes the last part (and the index when it starts a new
//! one), not every part.

use std::fmt::Write as _;

use broadsheet_core::{Date, Entry};

use crate::text::escape_xml as escape;

/// Addresses in one sitemap file (the protocol's limit).
const SITEMAP_URLS: usize = 50_000;

/// `sitemap.xml` listing the home page and every article (`entries` in
/// list order, newest first); past `SITEMAP_URLS`, an index of
/// `sitemap-N.xml` files.
pub fn files(base: &str, entries: &[Entry]) -> Vec<(String, String)> {
    parts(base, entries, SITEMAP_URLS)
}

fn parts(base: &str, entries: &[Entry], per_file: usize) -> Vec<(String, String)> {
    let mut urls: Vec<(String, Option<Date>)> = vec![(base.to_string(), None)];
    urls.extend((entries.iter().rev()).map(|e| (format!("{base}articles/{}", e.slug), e.date)));
    let urlset = |chunk: &[(String, Option<Date>)]| -> String {
        let mut x = String::from(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
             <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for (url, date) in chunk {
            let _ = write!(x, "  <url><loc>{}</loc>", escape(url));
            if let Some(date) = date {
                let _ = write!(x, "<lastmod>{date}</lastmod>");
            }
            x.push_str("</url>\n");
        }
        x.push_str("</urlset>\n");
        x
    };
    if urls.len() <= per_file {
        return vec![("sitemap.xml".into(), urlset(&urls))];
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (n, chunk) in urls.chunks(per_file).enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        let _ = writeln!(
            index,
            "  <sitemap><loc>{}</loc></sitemap>",
            escape(&format!("{base}{name}"))
        );
        files.push((name, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, ("sitemap.xml".into(), index));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(slug: &str) -> Entry {
        Entry {
            id: slug.into(),
            slug: slug.into(),
            title: slug.into(),
            date: None,
            authors: Vec::new(),
            section: None,
            regions: Vec::new(),
            countries: Vec::new(),
            tags: Vec::new(),
            language: 0,
            dir: broadsheet_core::Direction::Ltr,
            summary: String::new(),
            words: 0,
            shard: 0,
            translation: None,
            thumb: None,
        }
    }

    #[test]
    fn a_new_article_changes_only_the_last_part() {
        // List order: newest first.
        let old: Vec<Entry> = ["d", "c", "b", "a"].map(entry).to_vec();
        let before = parts("https://x.org/", &old, 2);
        let names: Vec<&str> = before.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap.xml",
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml"
            ]
        );
        // The home page and the oldest first, the newest last.
        assert!(before[1].1.find("x.org/</loc>").unwrap() < before[1].1.find("/a</loc>").unwrap());
        assert!(before[3].1.contains("/d</loc>"));
        let mut grown = vec![entry("e")];
        grown.extend(old);
        let after = parts("https://x.org/", &grown, 2);
        assert_eq!(after.len(), before.len());
        let changed: Vec<&str> = (after.iter().zip(&before))
            .filter(|(a, b)| a != b)
            .map(|(a, _)| a.0.as_str())
            .collect();
        assert_eq!(changed, ["sitemap-3.xml"]);
    }
}
