//! A saved index page (a section's front, search results): a page that lists
//! articles rather than holding one.

use broadsheet_core::{word_count, Date, Direction};
use scraper::{ElementRef, Html};

use super::body::paragraphs;
use super::select;
use super::Page;
use crate::import::feed::without_read_more;
use crate::import::plaintext::{derive_title, strip_marker};
use crate::import::{stable_id, Draft, ReadOptions};
use crate::sanitize::http_base;
use crate::text::{clean_line, teaser, SUMMARY_CHARS};

/// Fewest teasers that make a page an index page.
const INDEX_ITEMS: usize = 3;
/// Most paragraph text (bytes) a teaser has; a longer one is an article.
const TEASER_BYTES: usize = 1200;

/// The excerpts of a saved index page: three or more
/// `<article>` elements, each a linked heading and a short teaser, and no
/// JSON-LD article. Each becomes an excerpt, like an entry of a plain-text
/// listing, linked to its page; the page's `<h1>` is their heading (a
/// country, region or section, placed once every source is read).
pub(super) fn drafts(
    doc: &Html,
    page: &Page,
    file: &str,
    options: &ReadOptions,
) -> Option<Vec<Draft>> {
    let root = doc.root_element();
    let articles: Vec<ElementRef> = select(root, "article").collect();
    let teaser_len = |a: &ElementRef| -> usize {
        select(*a, "p")
            .map(|p| p.text().map(str::len).sum::<usize>())
            .sum()
    };
    if articles.len() < INDEX_ITEMS
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
