//! The sitemap of a published site: `sitemap.xml` listing the home page and
//! every article; past 50,000 addresses (the protocol's limit), an index of
//! `sitemap-N.xml` files.

use std::fmt::Write as _;

use broadsheet_core::{Date, Entry};

use crate::text::escape_xml as escape;

/// Addresses in one sitemap file (the protocol's limit).
const SITEMAP_URLS: usize = 50_000;

/// `sitemap.xml` listing the home page and every article; past
/// `SITEMAP_URLS`, an index of `sitemap-N.xml` files.
pub fn files(base: &str, entries: &[Entry]) -> Vec<(String, String)> {
    let mut urls: Vec<(String, Option<Date>)> = vec![(base.to_string(), None)];
    urls.extend(
        entries
            .iter()
            .map(|e| (format!("{base}articles/{}", e.slug), e.date)),
    );
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
    if urls.len() <= SITEMAP_URLS {
        return vec![("sitemap.xml".into(), urlset(&urls))];
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (n, chunk) in urls.chunks(SITEMAP_URLS).enumerate() {
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
