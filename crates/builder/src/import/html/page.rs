//! What a page says about its article, gathered most trusted source first,
//! and the draft made of it.

use std::path::Path;

use broadsheet_core::{word_count, Date, Direction};
use scraper::Html;
use serde_json::Value;

use super::body::paragraphs;
use super::json_ld::{dedup, find_article};
use super::{select, Page};
use crate::import::plaintext::derive_title;
use crate::import::{stable_id, Draft, ReadOptions};
use crate::sanitize::{html_text, http_base, sanitize_saved_page_at, tidy_body};
use crate::text::{line_of_offset, teaser, SUMMARY_CHARS};
use crate::Diagnostic;

impl Page {
    pub(super) fn of(doc: &Html, source: &str, path: &Path, diags: &mut Vec<Diagnostic>) -> Page {
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
    pub(super) fn language(&self, options: &ReadOptions) -> String {
        crate::language::or_default(
            self.languages.iter().map(String::as_str),
            &options.default_language,
        )
    }

    pub(super) fn into_draft(
        mut self,
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
        let description = self.descriptions.iter().find(|d| !d.is_empty()).cloned();
        let (html, text, excerpt) = self.body(url.as_deref(), description.as_deref());
        let title = std::mem::take(&mut self.titles)
            .into_iter()
            .find(|t| !t.is_empty());
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
        let date = self.date(path, diags);
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

    /// The sanitized body and its text, from the page's markup, else its
    /// JSON-LD `articleBody` when the markup hides the text (scripts render
    /// it), else the description as an excerpt (`true`).
    fn body(&self, url: Option<&str>, description: Option<&str>) -> (String, String, bool) {
        let mut html = tidy_body(&sanitize_saved_page_at(&self.body, url));
        let mut text = html_text(&html);
        if let Some(body) = &self.article_body {
            if word_count(&text) < word_count(body) / 2 {
                html = paragraphs(body);
                text = html_text(&html);
            }
        }
        if text.is_empty() {
            if let Some(d) = description {
                html = paragraphs(d);
                return (html.clone(), html_text(&html), true);
            }
        }
        (html, text, false)
    }

    /// The first readable date, most trusted first; each unreadable one
    /// before it is reported.
    fn date(&self, path: &Path, diags: &mut Vec<Diagnostic>) -> Option<Date> {
        for (value, from) in &self.dates {
            let day = value.trim().get(..10).unwrap_or(value.trim());
            match Date::parse(day) {
                Ok(d) => return Some(d),
                Err(e) => diags.push(Diagnostic::warning(
                    path,
                    1,
                    format!("unreadable date `{value}` in {from} ({e}); ignored"),
                )),
            }
        }
        None
    }
}
