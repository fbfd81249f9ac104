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
//! The text is decoded by its byte-order mark, else its `<meta charset>`,
//! else as UTF-8, else as Windows-1252 (what browsers assume).

use std::path::Path;

use broadsheet_core::{word_count, Date, Direction};
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;

use super::feed::without_read_more;
use super::plaintext::{derive_title, strip_marker};
use super::{stable_id, Draft, Read, ReadOptions};
use crate::sanitize::{html_text, http_base, sanitize_html_at, tidy_body};
use crate::text::{clean_line, escape_text, line_of_offset, teaser, SUMMARY_CHARS};
use crate::Diagnostic;

/// Elements never part of an article's body.
const BOILERPLATE: [&str; 14] = [
    "nav", "header", "footer", "aside", "form", "script", "style", "noscript", "template",
    "button", "select", "textarea", "iframe", "dialog",
];

pub fn read(file: &str, bytes: &[u8], options: &ReadOptions) -> Read {
    let path = Path::new(file);
    let mut diags = Vec::new();
    let text = decode(bytes);
    let doc = Html::parse_document(&text);
    let page = Page::of(&doc, &text, path, &mut diags);
    if !page.is_article {
        if let Some(drafts) = listing_page(&doc, &page, file, options) {
            return Read::of(drafts, diags);
        }
    }
    let draft = page.into_draft(file, options, &mut diags);
    Read::of(draft.into_iter().collect(), diags)
}

/// Fewest teasers that make a page a listing.
const LISTING_ITEMS: usize = 3;
/// Most paragraph text (bytes) a teaser has; a longer one is an article.
const TEASER_BYTES: usize = 1200;

/// A saved listing page (a section's index, search results): three or more
/// `<article>` elements, each a linked heading and a short teaser, and no
/// JSON-LD article. Each becomes an excerpt, like an entry of a plain-text
/// listing, linked to its page; the page's `<h1>` is their heading (a
/// country, region or section, placed once every source is read).
fn listing_page(doc: &Html, page: &Page, file: &str, options: &ReadOptions) -> Option<Vec<Draft>> {
    let root = doc.root_element();
    let articles: Vec<ElementRef> = select(root, "article").collect();
    let teaser_len = |a: &ElementRef| -> usize {
        select(*a, "p")
            .map(|p| p.text().map(str::len).sum::<usize>())
            .sum()
    };
    if articles.len() < LISTING_ITEMS
        || articles
            .iter()
            .any(|a| teaser_len(a) > TEASER_BYTES || linked_heading(a).is_none())
    {
        return None;
    }
    let base = page.urls.iter().find_map(|u| http_base(u));
    let heading = select(root, "h1")
        .find(|h| {
            !articles
                .iter()
                .any(|a| a.descendants().any(|d| d.id() == h.id()))
        })
        .map(|h| clean_line(&h.text().collect::<String>()))
        .filter(|h| !h.is_empty());
    let language = page.language(options);
    let drafts = articles
        .iter()
        .filter_map(|article| {
            let link = linked_heading(article)?;
            let title = clean_line(&link.text().collect::<String>());
            let text = select(*article, "p")
                .map(|p| clean_line(&p.text().collect::<String>()))
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            let text = without_read_more(&text);
            let text = strip_marker(&text).unwrap_or(&text).trim().to_string();
            let url = link.attr("href").and_then(|href| match &base {
                Some(base) => base.join(href).ok().map(|u| u.to_string()),
                None => ammonia::Url::parse(href).ok().map(|u| u.to_string()),
            });
            let date = select(*article, "time[datetime]")
                .filter_map(|t| t.attr("datetime"))
                .find_map(|d| Date::parse(d.trim().get(..10).unwrap_or(d.trim())).ok());
            let (title, title_derived) = match title {
                t if !t.is_empty() => (t, false),
                _ if !text.is_empty() => (derive_title(&text), true),
                _ => return None,
            };
            let html = paragraphs(&text);
            Some(Draft {
                file: file.to_string(),
                line: 1,
                title,
                date,
                section: options.section.clone(),
                language: language.clone(),
                dir: Direction::for_language(&language),
                summary: teaser(&text, SUMMARY_CHARS),
                id: url.as_deref().map(stable_id),
                html,
                words: word_count(&text),
                text,
                excerpt: true,
                title_derived,
                heading: heading.clone(),
                url,
                ..Draft::default()
            })
        })
        .collect();
    Some(drafts)
}

/// The link in an element's heading, if it has one.
fn linked_heading<'a>(element: &ElementRef<'a>) -> Option<ElementRef<'a>> {
    select(*element, "h1 a[href], h2 a[href], h3 a[href], h4 a[href]").next()
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

impl Page {
    fn of(doc: &Html, source: &str, path: &Path, diags: &mut Vec<Diagnostic>) -> Page {
        let mut page = Page::default();
        for script in select(doc.root_element(), "script[type='application/ld+json' i]") {
            let json: String = script.text().collect();
            match serde_json::from_str::<Value>(json.trim()) {
                Ok(value) => {
                    if let Some(article) = find_article(&value) {
                        page.is_article = true;
                        page.json_ld(article);
                    }
                }
                Err(e) => {
                    let line = source
                        .find(json.trim())
                        .map(|at| line_of_offset(source.as_bytes(), at))
                        .unwrap_or(1);
                    diags.push(Diagnostic::warning(
                        path,
                        line + e.line().saturating_sub(1) as u32,
                        format!("unreadable JSON-LD ({e}); using the page's other metadata"),
                    ));
                }
            }
        }
        page.meta(doc);
        page.document(doc);
        page
    }

    /// The first well-formed language tag the page gives, else the default.
    fn language(&self, options: &ReadOptions) -> String {
        crate::language::or_default(
            self.languages.iter().map(String::as_str),
            &options.default_language,
        )
    }

    fn json_ld(&mut self, a: &Value) {
        push_text(
            &mut self.titles,
            a.get("headline").or_else(|| a.get("name")),
        );
        for key in ["datePublished", "dateCreated", "dateModified"] {
            if let Some(date) = a.get(key).and_then(Value::as_str) {
                self.dates.push((date.to_string(), "JSON-LD"));
            }
        }
        let authors = people(a.get("author"));
        if !authors.is_empty() {
            self.authors.push(authors);
        }
        push_text(&mut self.sections, a.get("articleSection"));
        if let Some(keywords) = a.get("keywords") {
            self.tags.push(match keywords {
                Value::String(s) => split_list(s),
                other => texts(other),
            });
        }
        push_text(&mut self.descriptions, a.get("description"));
        match a.get("inLanguage") {
            Some(Value::String(s)) => self.languages.push(s.clone()),
            Some(Value::Object(o)) => push_text(&mut self.languages, o.get("alternateName")),
            _ => {}
        }
        push_text(&mut self.urls, a.get("url"));
        match a.get("mainEntityOfPage") {
            Some(Value::String(s)) => self.urls.push(s.clone()),
            Some(Value::Object(o)) => push_text(&mut self.urls, o.get("@id")),
            _ => {}
        }
        for key in ["contentLocation", "spatialCoverage"] {
            self.places.extend(places(a.get(key)));
        }
        self.article_body = a
            .get("articleBody")
            .and_then(Value::as_str)
            .map(str::to_string);
    }

    fn meta(&mut self, doc: &Html) {
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

    fn document(&mut self, doc: &Html) {
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

    fn into_draft(
        self,
        file: &str,
        options: &ReadOptions,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Draft> {
        let language = self.language(options);
        let path = Path::new(file);
        let url = self
            .urls
            .iter()
            .find(|u| http_base(u).is_some())
            // Else an absolute one of another scheme, which check_url then
            // reports (and which is never used as a base).
            .or_else(|| self.urls.iter().find(|u| ammonia::Url::parse(u).is_ok()))
            .cloned();
        let mut html = tidy_body(&sanitize_html_at(&self.body, url.as_deref()));
        let mut text = html_text(&html);
        // A page whose markup hides the text (scripts render it) may still
        // carry it in JSON-LD.
        if let Some(body) = &self.article_body {
            if word_count(&text) < word_count(body) / 2 {
                html = paragraphs(body);
                text = html_text(&html);
            }
        }
        let description = self.descriptions.into_iter().find(|d| !d.is_empty());
        let mut excerpt = false;
        if text.is_empty() {
            if let Some(d) = &description {
                html = paragraphs(d);
                text = html_text(&html);
                excerpt = true;
            }
        }
        let title = self.titles.into_iter().find(|t| !t.is_empty());
        let (title, title_derived) = match title {
            Some(t) => (t, false),
            None if !text.is_empty() => (derive_title(&text), true),
            None => {
                diags.push(Diagnostic::error(
                    path,
                    1,
                    "no article found: the page has no title and no text",
                ));
                return None;
            }
        };
        if text.is_empty() {
            diags.push(Diagnostic::warning(
                path,
                1,
                "no article text found (no <article>, <main> or paragraphs); only the title is kept",
            ));
        }
        let mut date = None;
        for (value, from) in &self.dates {
            let day = value.trim().get(..10).unwrap_or(value.trim());
            match Date::parse(day) {
                Ok(d) => {
                    date = Some(d);
                    break;
                }
                Err(e) => diags.push(Diagnostic::warning(
                    path,
                    1,
                    format!("unreadable date `{value}` in {from} ({e}); ignored"),
                )),
            }
        }
        let dir = match self.dir.as_deref() {
            Some("rtl") => Direction::Rtl,
            Some("ltr") => Direction::Ltr,
            _ => Direction::for_language(&language),
        };
        let summary = description.unwrap_or_else(|| text.clone());
        Some(Draft {
            file: file.to_string(),
            line: 1,
            title,
            date,
            authors: dedup(self.authors.into_iter().next().unwrap_or_default()),
            section: self
                .sections
                .into_iter()
                .next()
                .or_else(|| options.section.clone()),
            tags: dedup(self.tags.into_iter().next().unwrap_or_default()),
            dir,
            summary: teaser(&summary, SUMMARY_CHARS),
            id: url.as_deref().map(stable_id),
            html,
            words: word_count(&text),
            text,
            excerpt,
            title_derived,
            places: dedup(self.places),
            url,
            language,
            ..Draft::default()
        })
    }
}

/// The element holding the article's body.
fn body_container(root: ElementRef<'_>) -> ElementRef<'_> {
    let text_len = |e: &ElementRef| -> usize {
        select(*e, "p")
            .map(|p| p.text().map(str::len).sum::<usize>())
            .sum()
    };
    if let Some(e) = select(root, "[itemprop~='articleBody']").next() {
        return e;
    }
    if let Some(e) = select(root, "article").max_by_key(text_len) {
        if text_len(&e) > 0 {
            return e;
        }
    }
    if let Some(e) = select(root, "main, [role='main']").next() {
        return e;
    }
    // The parent of the most paragraph text.
    let mut totals: Vec<(usize, ElementRef)> = Vec::new();
    for p in select(root, "p") {
        let Some(parent) = p.parent().and_then(ElementRef::wrap) else {
            continue;
        };
        let len: usize = p.text().map(str::len).sum();
        match totals.iter_mut().find(|(_, e)| *e == parent) {
            Some((total, _)) => *total += len,
            None => totals.push((len, parent)),
        }
    }
    let best = totals.into_iter().max_by_key(|(total, _)| *total);
    best.map(|(_, e)| e)
        .or_else(|| select(root, "body").next())
        .unwrap_or(root)
}

/// Writes `parent`'s children as HTML, leaving out boilerplate elements and
/// the `<h1>` that repeats the title. (The sanitizer runs on the result.)
fn serialize_children(parent: ElementRef<'_>, title: Option<&str>, out: &mut String) {
    for child in parent.children() {
        match child.value() {
            Node::Text(text) => out.push_str(&escape_text(text)),
            Node::Element(element) => {
                let name = element.name();
                let Some(child) = ElementRef::wrap(child) else {
                    continue;
                };
                if BOILERPLATE.contains(&name) || is_hidden(&child) || !is_name(name) {
                    continue;
                }
                if name == "h1"
                    && title.is_some_and(|t| clean_line(&child.text().collect::<String>()) == t)
                {
                    continue;
                }
                out.push('<');
                out.push_str(name);
                // Sorted: the parser keeps attributes in a hash map, and
                // builds must not depend on its order.
                let mut attrs: Vec<(&str, &str)> =
                    element.attrs().filter(|(key, _)| is_name(key)).collect();
                attrs.sort_unstable();
                for (key, value) in attrs {
                    out.push_str(&format!(" {key}=\"{}\"", escape_text(value)));
                }
                out.push('>');
                if !is_void(name) {
                    serialize_children(child, title, out);
                    out.push_str(&format!("</{name}>"));
                }
            }
            _ => {}
        }
    }
}

/// Element and attribute names worth keeping (the parser accepts stranger
/// ones, which no allowed element or attribute has).
fn is_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':'))
}

/// Hidden, or page furniture by its class or id (bylines, share buttons,
/// related links, comments, ads), which a saved page carries around its
/// text but is not the article.
fn is_hidden(e: &ElementRef) -> bool {
    const FURNITURE: [&str; 16] = [
        "byline",
        "dateline",
        "share",
        "social",
        "related",
        "comment",
        "advert",
        "promo",
        "newsletter",
        "subscribe",
        "breadcrumb",
        "sidebar",
        "menu",
        "author-bio",
        "cookie",
        "skip-link",
    ];
    let furniture = e
        .attr("class")
        .into_iter()
        .flat_map(str::split_whitespace)
        .chain(e.attr("id"))
        .any(|name| {
            let name = name.to_ascii_lowercase();
            FURNITURE.iter().any(|f| name.contains(f))
        });
    furniture || e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true")
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    )
}

/// The first schema.org article in a JSON-LD value (arrays and `@graph`
/// searched too).
fn find_article(value: &Value) -> Option<&Value> {
    match value {
        Value::Array(items) => items.iter().find_map(find_article),
        Value::Object(object) => {
            let is_article = match object.get("@type") {
                Some(Value::String(t)) => is_article_type(t),
                Some(Value::Array(types)) => {
                    types.iter().filter_map(Value::as_str).any(is_article_type)
                }
                _ => false,
            };
            if is_article {
                Some(value)
            } else {
                object.get("@graph").and_then(find_article)
            }
        }
        _ => None,
    }
}

fn is_article_type(t: &str) -> bool {
    let t = t.rsplit(['/', ':']).next().unwrap_or(t);
    t.ends_with("Article") || t == "BlogPosting" || t == "Report"
}

/// The names of the people (or organisations) of a JSON-LD `author`.
fn people(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => split_list(s),
        Some(Value::Object(o)) => texts(o.get("name").unwrap_or(&Value::Null)),
        Some(Value::Array(items)) => items.iter().flat_map(|i| people(Some(i))).collect(),
        _ => Vec::new(),
    }
}

/// The names of JSON-LD places (`"Lahore"`, `{"@type": "Place", "name":
/// "Lahore"}`, or a list of them).
fn places(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => texts(&Value::String(s.clone())),
        Some(Value::Object(o)) => texts(o.get("name").unwrap_or(&Value::Null)),
        Some(Value::Array(items)) => items.iter().flat_map(|i| places(Some(i))).collect(),
        _ => Vec::new(),
    }
}

/// Every string of a JSON value (a string, or an array of them).
fn texts(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => vec![clean_line(s)],
        Value::Array(items) => items.iter().flat_map(texts).collect(),
        _ => Vec::new(),
    }
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect()
}

fn push_text(out: &mut Vec<String>, value: Option<&Value>) {
    out.extend(value.map(texts).unwrap_or_default().into_iter().take(1));
}

fn split_list(s: &str) -> Vec<String> {
    s.split([',', ';'])
        .map(clean_line)
        .filter(|s| !s.is_empty())
        .collect()
}

fn dedup(items: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    for item in items {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&item)) {
            out.push(item);
        }
    }
    out
}

/// Plain text as paragraphs of escaped HTML.
fn paragraphs(text: &str) -> String {
    text.split('\n')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>", escape_text(p)))
        .collect()
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

fn select<'a>(root: ElementRef<'a>, selector: &str) -> impl Iterator<Item = ElementRef<'a>> {
    // Selectors are constants of this file: a bad one is a bug, caught by
    // the tests.
    let selector = Selector::parse(selector).expect("a valid selector");
    root.select(&selector).collect::<Vec<_>>().into_iter()
}

/// The page's text: by byte-order mark, else by `<meta charset>` (or
/// `http-equiv` content type), else UTF-8 when it is, else Windows-1252.
fn decode(bytes: &[u8]) -> String {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding.decode_with_bom_removal(bytes).0.into_owned();
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let declared = head.find("charset=").and_then(|at| {
        let rest = head[at + 8..].trim_start_matches(['"', '\'', ' ']);
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(rest.len());
        encoding_rs::Encoding::for_label(&rest.as_bytes()[..end])
    });
    match declared {
        // A page saved as UTF-8 may keep its old declaration: trust valid UTF-8.
        Some(encoding) if encoding != encoding_rs::UTF_8 && std::str::from_utf8(bytes).is_err() => {
            encoding.decode_without_bom_handling(bytes).0.into_owned()
        }
        _ => match std::str::from_utf8(bytes) {
            Ok(text) => text.to_string(),
            Err(_) => encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_page(html: &[u8]) -> (Option<Draft>, Vec<String>) {
        let read = read("page.html", html, &ReadOptions::default());
        (
            read.drafts.into_iter().next(),
            read.diagnostics.iter().map(|d| d.to_string()).collect(),
        )
    }

    const NEWS_PAGE: &str = r#"<!DOCTYPE html>
<html lang="en-gb">
<head>
<meta charset="utf-8">
<title>Dock workers win pay dispute | The Harbour Times</title>
<meta property="og:site_name" content="The Harbour Times">
<meta property="og:title" content="Dock workers win (OpenGraph)">
<meta property="article:published_time" content="2021-04-30T09:00:00Z">
<meta name="description" content="After six weeks, a new agreement.">
<link rel="canonical" href="https://harbour.example/news/2021/dock-workers/">
<script type="application/ld+json">
{"@context":"https://schema.org","@graph":[
  {"@type":"WebSite","name":"The Harbour Times"},
  {"@type":["NewsArticle"],"headline":"Dock workers win pay dispute",
   "datePublished":"2021-05-01T10:00:00+05:00",
   "author":[{"@type":"Person","name":"Amina Qureshi"},{"@type":"Person","name":"Tomás Rojas"}],
   "articleSection":"Labour","keywords":"ports, strikes, Valparaíso","inLanguage":"es-CL"}
]}
</script>
<script>track()</script>
</head>
<body>
<nav><a href="/">Home</a> <a href="/news/">News</a></nav>
<header><h1>The Harbour Times</h1></header>
<main>
<article>
<header><h1>Dock workers win pay dispute</h1><p class="byline">By Amina Qureshi</p></header>
<h1>Dock workers win pay dispute</h1>
<p>After a six-week strike, dock workers in <b>Valparaíso</b> have won a new agreement.</p>
<div class="social-share">Share on X</div><ul id="related-links"><li>Related</li></ul>
<p onclick="steal()">Read <a href="../2020/earlier.html">the earlier report</a>.<img src="/img/dock.jpg" alt="Dock"></p>
<script>alert(1)</script>
<form action="/subscribe"><input name="email"></form>
<aside>Related: something else</aside>
<div hidden>Hidden text</div>
<iframe src="https://ads.example/"></iframe>
</article>
<article><h2>Related</h2><p>Short.</p></article>
</main>
<footer>© The Harbour Times</footer>
</body>
</html>"#;

    #[test]
    fn json_ld_wins_and_the_body_is_the_article() {
        let (draft, diags) = read_page(NEWS_PAGE.as_bytes());
        assert!(diags.is_empty(), "{diags:?}");
        let d = draft.unwrap();
        assert_eq!(d.title, "Dock workers win pay dispute");
        assert!(!d.title_derived);
        assert_eq!(d.date, Date::parse("2021-05-01").ok());
        assert_eq!(d.authors, ["Amina Qureshi", "Tomás Rojas"]);
        assert_eq!(d.section.as_deref(), Some("Labour"));
        assert_eq!(d.tags, ["ports", "strikes", "Valparaíso"]);
        assert_eq!(d.language, "es-CL");
        assert_eq!(d.summary, "After six weeks, a new agreement.");
        assert_eq!(
            d.url.as_deref(),
            Some("https://harbour.example/news/2021/dock-workers/")
        );
        // (Line breaks between blocks are as the page had them.)
        assert_eq!(
            d.html.replace('\n', ""),
            "<p>After a six-week strike, dock workers in <b>Valparaíso</b> have won a new agreement.</p>\
             <p>Read <a href=\"https://harbour.example/news/2021/2020/earlier.html\" rel=\"noopener noreferrer\">the earlier report</a>.\
             <img alt=\"Dock\" src=\"https://harbour.example/img/dock.jpg\" loading=\"lazy\"></p>"
        );
        assert!(!d.excerpt);
        for gone in [
            "track", "alert", "steal", "Related", "Hidden", "Home", "©", "byline",
        ] {
            assert!(!d.html.contains(gone) && !d.text.contains(gone), "{gone}");
        }
    }

    #[test]
    fn metadata_falls_back_to_opengraph_then_the_document() {
        let page = r#"<html><head><title>Teachers meet – Site</title>
<meta property="og:title" content="Teachers meet in Lahore">
<meta name="author" content="Staff reporter">
<meta property="article:tag" content="education"><meta property="article:tag" content="Lahore">
<meta property="og:url" content="https://example.org/a/teachers">
</head><body><div class="post"><time datetime="2019-03-08">8 March</time>
<p>More than two hundred teachers met on Sunday.</p><p>They agreed a plan.</p></div>
<div class="sidebar"><p>x</p></div></body></html>"#;
        let (d, diags) = read_page(page.as_bytes());
        assert!(diags.is_empty(), "{diags:?}");
        let d = d.unwrap();
        assert_eq!(d.title, "Teachers meet in Lahore");
        assert_eq!(d.date, Date::parse("2019-03-08").ok());
        assert_eq!(d.authors, ["Staff reporter"]);
        assert_eq!(d.tags, ["education", "Lahore"]);
        assert_eq!(d.language, "en");
        assert_eq!(
            d.text,
            "8 March More than two hundred teachers met on Sunday. They agreed a plan."
        );

        // No metadata at all: the title without the site's name; no title:
        // the first sentence, marked as derived.
        let (d, _) = read_page(b"<title>Floods in Sindh | Our News</title><p>Water rose.</p>");
        assert_eq!(d.unwrap().title, "Floods in Sindh");
        let (d, _) = read_page(b"<body><p>Water rose fast. Families moved.</p></body>");
        let d = d.unwrap();
        assert_eq!(
            (d.title.as_str(), d.title_derived),
            ("Water rose fast", true)
        );
    }

    #[test]
    fn legacy_encodings_and_direction() {
        let page = b"<html lang=\"ur\" dir=\"rtl\"><head><meta charset=\"windows-1252\">\
            <title>Caf\xe9 workers</title></head><body><article><p>Na\xefve \x93quotes\x94.</p></article></body></html>"
            ;
        let (d, _) = read_page(page);
        let d = d.unwrap();
        assert_eq!(d.title, "Café workers");
        assert_eq!(d.text, "Naïve \u{201c}quotes\u{201d}.");
        assert_eq!((d.language.as_str(), d.dir), ("ur", Direction::Rtl));
        // No declaration and not UTF-8: Windows-1252, as browsers do.
        let (d, _) = read_page(b"<title>Caf\xe9</title><p>x</p>");
        assert_eq!(d.unwrap().title, "Café");
    }

    #[test]
    fn description_only_is_an_excerpt_and_empty_pages_are_errors() {
        let (d, diags) = read_page(
            br#"<head><title>Convention report</title><meta name="description" content="Delegates met in Manchester."></head><body><nav>menu</nav></body>"#,
        );
        assert!(diags.is_empty(), "{diags:?}");
        let d = d.unwrap();
        assert!(d.excerpt);
        assert_eq!(d.html, "<p>Delegates met in Manchester.</p>");

        let (d, diags) = read_page(b"<html><body><nav>menu</nav></body></html>");
        assert!(d.is_none());
        assert_eq!(
            diags,
            ["page.html:1: error: no article found: the page has no title and no text"]
        );
    }

    #[test]
    fn broken_metadata_is_reported_and_passed_over() {
        let page = "<html><head>\n<title>T</title>\n<script type=\"application/ld+json\">\n{\"@type\": \"NewsArticle\",\n \"headline\": }\n</script>\n\
            <meta property=\"article:published_time\" content=\"last Tuesday\">\n</head><body><p>Text.</p></body></html>";
        let (d, diags) = read_page(page.as_bytes());
        assert_eq!(d.unwrap().title, "T");
        assert_eq!(diags.len(), 2, "{diags:?}");
        assert!(
            diags[0].starts_with("page.html:5: warning: unreadable JSON-LD"),
            "{diags:?}"
        );
        assert!(diags[1].contains("unreadable date `last Tuesday` in article:published_time"));
    }

    #[test]
    fn a_saved_listing_page_gives_one_excerpt_per_teaser() {
        let page = r#"<html lang="en"><head><link rel="canonical" href="https://example.org/region/kashmir/"></head>
<body><nav><a href="/">Home</a></nav><h1>Kashmir</h1>
<article><h2><a href="../../2024/10/muzaffarabad-bills/">Strike over electricity bills</a></h2>
<time datetime="2024-10-12">12 October</time><p>Traders shut their shops in Muzaffarabad […]</p></article>
<article><h2><a href="/2023/03/reporter/">A reporter's year</a></h2><p>An interview. Read more »</p></article>
<article><h3><a href="https://other.example/x">Elsewhere</a></h3><p>Teaser.</p><script>x()</script></article>
</body></html>"#;
        let read = read("kashmir.html", page.as_bytes(), &ReadOptions::default());
        assert!(read.diagnostics.is_empty(), "{:?}", read.diagnostics);
        type Teaser<'a> = (&'a str, Option<&'a str>, &'a str, bool, Option<String>);
        let got: Vec<Teaser> = read
            .drafts
            .iter()
            .map(|d| {
                (
                    d.title.as_str(),
                    d.url.as_deref(),
                    d.text.as_str(),
                    d.excerpt,
                    d.date.map(|d| d.to_string()),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "Strike over electricity bills",
                    Some("https://example.org/2024/10/muzaffarabad-bills/"),
                    "Traders shut their shops in Muzaffarabad",
                    true,
                    Some("2024-10-12".to_string())
                ),
                (
                    "A reporter's year",
                    Some("https://example.org/2023/03/reporter/"),
                    "An interview.",
                    true,
                    None
                ),
                (
                    "Elsewhere",
                    Some("https://other.example/x"),
                    "Teaser.",
                    true,
                    None
                ),
            ]
        );
        assert!(read
            .drafts
            .iter()
            .all(|d| d.heading.as_deref() == Some("Kashmir")));

        // Two teasers, or a long one, or a JSON-LD article: a page, not a listing.
        let two = page.replace("<article><h3>", "<div><h3>");
        assert_eq!(
            read_page(two.as_bytes()).0.map(|d| d.title.is_empty()),
            Some(false)
        );
        assert_eq!(
            super::read("k.html", two.as_bytes(), &ReadOptions::default())
                .drafts
                .len(),
            1
        );
    }

    #[test]
    fn hostile_bytes_never_panic() {
        for bytes in [
            &b""[..],
            b"\xff\xfe\x00<",
            b"<<<>>>",
            b"<script type=\"application/ld+json\">[[[[</script>",
            b"<p a\"b=1 c<d>x</p>",
            b"<html><body><article></article><main></main></body></html>",
            b"<svg><script>alert(1)</script></svg><p>ok</p>",
        ] {
            let read = read("x.html", bytes, &ReadOptions::default());
            for d in read.drafts {
                assert!(
                    !d.html.contains("<script") && !d.html.contains("<svg"),
                    "{}",
                    d.html
                );
            }
        }
    }
}
