//! OpenGraph and `<meta>` tags, then what the document itself shows.

use scraper::Html;

use super::body::{body_container, serialize_children};
use super::json_ld::split_list;
use super::select;
use super::Page;
use crate::text::clean_line;

impl Page {
    pub(super) fn meta(&mut self, doc: &Html) {
        let root = doc.root_element();
        let meta = |names: &[&str]| -> Vec<String> {
            select(root, "meta[content]")
                .filter(|m| {
                    let key = m.attr("property").or_else(|| m.attr("name"));
                    key.is_some_and(|k| names.iter().any(|n| k.eq_ignore_ascii_case(n)))
                })
                .filter_map(|m| m.attr("content"))
                .map(clean_line)
                .filter(|c| !c.is_empty())
                .collect()
        };
        self.titles.extend(meta(&["og:title", "twitter:title"]));
        for (key, from) in [
            ("article:published_time", "article:published_time"),
            ("date", "meta date"),
            ("dc.date", "meta dc.date"),
            ("dcterms.created", "meta dcterms.created"),
            ("dcterms.date", "meta dcterms.date"),
            ("pubdate", "meta pubdate"),
            ("article:modified_time", "article:modified_time"),
        ] {
            self.dates
                .extend(meta(&[key]).into_iter().map(|d| (d, from)));
        }
        let named: Vec<String> = meta(&["article:author", "author", "dc.creator"])
            .into_iter()
            .filter(|a| !a.contains("://"))
            .collect();
        if !named.is_empty() {
            self.authors.push(named);
        }
        self.sections.extend(meta(&["article:section"]));
        let tags = meta(&["article:tag"]);
        if !tags.is_empty() {
            self.tags.push(tags);
        }
        if let Some(keywords) = meta(&["keywords", "news_keywords"]).first() {
            self.tags.push(split_list(keywords));
        }
        self.descriptions.extend(meta(&[
            "og:description",
            "description",
            "twitter:description",
        ]));
        self.languages.extend(
            meta(&["og:locale"])
                .into_iter()
                .map(|l| l.replace('_', "-")),
        );
        for link in select(root, "link[rel][href]") {
            let rel = link.attr("rel").unwrap_or_default();
            if rel
                .split_whitespace()
                .any(|r| r.eq_ignore_ascii_case("canonical"))
            {
                self.urls
                    .push(link.attr("href").unwrap_or_default().trim().to_string());
            }
        }
        self.urls.extend(meta(&["og:url"]));
    }

    pub(super) fn document(&mut self, doc: &Html) {
        let root = doc.root_element();
        let container = body_container(root);
        let h1 = select(container, "h1")
            .chain(select(root, "h1"))
            .map(|h| clean_line(&h.text().collect::<String>()))
            .find(|t| !t.is_empty());
        let site_names = {
            let mut names: Vec<String> = select(root, "meta[content]")
                .filter(|m| {
                    let key = m.attr("property").or_else(|| m.attr("name"));
                    key.is_some_and(|k| {
                        k.eq_ignore_ascii_case("og:site_name")
                            || k.eq_ignore_ascii_case("application-name")
                    })
                })
                .filter_map(|m| m.attr("content"))
                .map(clean_line)
                .collect();
            names.retain(|n| !n.is_empty());
            names
        };
        self.titles.extend(h1.clone());
        if let Some(title) = select(root, "title").next() {
            let title = clean_line(&title.text().collect::<String>());
            self.titles.push(strip_site_name(&title, &site_names));
        }
        let time = select(container, "time[datetime]")
            .chain(select(root, "time[datetime]"))
            .find_map(|t| t.attr("datetime").map(clean_line));
        self.dates.extend(time.map(|t| (t, "<time datetime>")));
        if let Some(html) = select(root, "html").next().or(Some(root)) {
            self.languages
                .extend(html.attr("lang").or(html.attr("xml:lang")).map(clean_line));
            self.dir = html.attr("dir").map(|d| d.trim().to_ascii_lowercase());
        }
        let mut body = String::new();
        serialize_children(container, h1.as_deref(), &mut body);
        self.body = body;
    }
}

/// A `<title>` without the site's name: “Dock workers win | The Daily” →
/// “Dock workers win”.
fn strip_site_name(title: &str, site_names: &[String]) -> String {
    for separator in [" | ", " – ", " — ", " - ", " :: ", " » "] {
        if let Some((head, tail)) = title.rsplit_once(separator) {
            let known = site_names
                .iter()
                .any(|n| n.eq_ignore_ascii_case(tail.trim()));
            if known || (site_names.is_empty() && tail.len() < head.len()) {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}
