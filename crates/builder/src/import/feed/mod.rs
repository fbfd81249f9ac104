//! Feeds (`.rss`, `.atom`, `.xml`; `.json` when it is a JSON Feed): RSS
//! 0.9x/1.0/2.0, Atom and JSON Feed, parsed by `feed-rs` (which also decodes
//! non-UTF-8 XML by its declared encoding).
//!
//! Each entry becomes an article:
//! - title, published (else updated) date, authors, categories as tags;
//! - the full content (`content:encoded`, Atom `content`, JSON `content_html`)
//!   as the body; with only a summary, the summary is the body and the
//!   article is marked as an excerpt;
//! - links and images made absolute against the entry's link (else the
//!   feed's), then sanitized like every body;
//! - the pictures an entry encloses that were saved beside the feed (a
//!   relative `<enclosure>` or `<media:content>`: `media.rs`) shown at the
//!   head of its body, where the pictures stage finds them;
//! - an id derived from the entry's own id, so it stays stable across builds
//!   even when a title changes.
//!
//! An entry without a title takes its first sentence (marked as derived); an
//! entry with neither title nor text is skipped with a warning, and two
//! entries with the same id are merged with a warning.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use broadsheet_core::{word_count, Date, Direction};
use chrono::NaiveDate;
use feed_rs::model::{Entry, Feed, Text};

mod media;
mod xml;

use media::LocalPicture;
use xml::{entry_lines, later_declaration, local_days, utf8_xml};

use super::plaintext::derive_title;
use super::{stable_id, Draft, Read, ReadOptions};
use crate::sanitize::{html_text, http_base, sanitize_html_at, tidy_body};
use crate::text::{escape_text, line_of_offset, teaser, SUMMARY_CHARS};
use crate::Diagnostic;

/// Reads a feed file into one draft per entry.
pub fn read(file: &str, bytes: &[u8], options: &ReadOptions) -> Read {
    let path = Path::new(file);
    let mut diags = Vec::new();
    // The XML reader gets UTF-8 whose only declaration, at the start, says
    // so. A declaration anywhere else (two feeds pasted together) is an
    // error: XML allows none there, and the reader panics on some.
    let xml = utf8_xml(bytes);
    let is_json = xml.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    if later_declaration(&xml).is_some() && !is_json {
        // Its line in the file as written (1 when only decoding shows it).
        let line = later_declaration(bytes).map_or(1, |at| line_of_offset(bytes, at));
        diags.push(Diagnostic::error(
            path,
            line,
            "not a readable feed: an XML declaration after the start (two files pasted together?)",
        ));
        return Read::of(Vec::new(), diags);
    }
    let Some(feed) = parse(&xml, path, &mut diags) else {
        return Read::of(Vec::new(), diags);
    };
    let feed_base = feed.links.first().map(|l| l.href.clone());
    let days = local_days(bytes);
    let language = crate::language::or_default(feed.language.as_deref(), &options.default_language);
    let lines = entry_lines(bytes, feed.entries.len());
    let pictures = media::local_pictures(&xml, feed.entries.len());
    let context = Context {
        file,
        days: &days,
        feed: &feed,
        feed_base: feed_base.as_deref(),
        language: &language,
        options,
    };
    let mut seen = HashSet::new();
    let mut drafts = Vec::new();
    let mut skipped = 0;
    for (n, entry) in feed.entries.iter().enumerate() {
        let label = format!("entry {}", n + 1);
        let line = lines.get(n).copied().unwrap_or(1);
        if !entry.id.is_empty() && !seen.insert(entry.id.clone()) {
            diags.push(Diagnostic::warning(
                path,
                line,
                format!(
                    "{label} repeats the id `{}`; merged into the first",
                    entry.id
                ),
            ));
            continue;
        }
        match draft(&context, entry, pictures.get(n).map_or(&[], Vec::as_slice)) {
            Some(d) => drafts.push(Draft { line, ..d }),
            None => {
                skipped += 1;
                diags.push(Diagnostic::warning(
                    path,
                    line,
                    format!("{label} has neither a title nor any text; skipped"),
                ));
            }
        }
    }
    if drafts.is_empty() && diags.is_empty() {
        diags.push(Diagnostic::warning(path, 1, "the feed has no entries"));
    }
    Read {
        drafts,
        diagnostics: diags,
        skipped,
    }
}

/// A summary without what blog software appends: “Read more”, “Continue
/// reading →”, “The post … appeared first on ….”.
pub(super) fn without_read_more(summary: &str) -> String {
    let mut text = summary.trim();
    if let Some(at) = text.rfind("The post ") {
        if text[at..].contains(" appeared first on ") {
            text = text[..at].trim_end();
        }
    }
    let trailing = |c: char| c.is_whitespace() || matches!(c, '»' | '→' | '›' | '>' | '.' | ':');
    let trimmed = text.trim_end_matches(trailing);
    for phrase in [
        "read more",
        "continue reading",
        "read the full article",
        "read full story",
    ] {
        let Some(cut) = trimmed.len().checked_sub(phrase.len()) else {
            continue;
        };
        if trimmed.is_char_boundary(cut) && trimmed[cut..].eq_ignore_ascii_case(phrase) {
            text = trimmed[..cut].trim_end();
            break;
        }
    }
    text.to_string()
}

/// HTML of a text field (escaped when it is plain text).
fn text_html(text: &Text) -> String {
    let media = &text.content_type;
    as_html(&text.content, media.ty().as_str(), media.subty().as_str())
}

/// A body of some media type as HTML: HTML and XHTML as they are, text
/// escaped into paragraphs, anything else (Atom's base64 documents) nothing.
fn as_html(body: &str, ty: &str, sub: &str) -> String {
    if sub.contains("html") {
        body.to_string()
    } else if ty == "text" {
        body.split("\n\n")
            .filter(|p| !p.trim().is_empty())
            .map(|p| format!("<p>{}</p>", escape_text(p.trim())))
            .collect()
    } else {
        String::new()
    }
}

/// The feed, parsed; `None` (with the error) when it cannot be.
fn parse(xml: &[u8], path: &Path, diags: &mut Vec<Diagnostic>) -> Option<Feed> {
    // An entry without an id of its own is known by its link; with neither,
    // it has no id (the bundle derives one from its slug). feed-rs's default
    // would make up a random one, and builds must be reproducible.
    let parser = feed_rs::parser::Builder::new()
        .id_generator(|links, _, _| links.first().map(|l| l.href.clone()).unwrap_or_default())
        .build();
    match parser.parse(xml) {
        Ok(feed) => Some(feed),
        Err(e) => {
            diags.push(Diagnostic::error(
                path,
                1,
                format!("not a readable feed: {e}"),
            ));
            None
        }
    }
}

/// The entry's authors, else the feed's: names, else addresses.
fn authors(entry: &Entry, feed: &Feed) -> Vec<String> {
    let people = if entry.authors.is_empty() {
        &feed.authors
    } else {
        &entry.authors
    };
    people
        .iter()
        .filter_map(|p| p.name.clone().or_else(|| p.email.clone()))
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect()
}

/// The entry's categories, by label where they have one.
fn tags(entry: &Entry) -> Vec<String> {
    entry
        .categories
        .iter()
        .map(|c| c.label.clone().unwrap_or_else(|| c.term.clone()))
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

/// What every entry of one feed is read with.
struct Context<'a> {
    file: &'a str,
    days: &'a HashMap<i64, NaiveDate>,
    feed: &'a Feed,
    feed_base: Option<&'a str>,
    language: &'a str,
    options: &'a ReadOptions,
}

fn draft(context: &Context, entry: &Entry, pictures: &[LocalPicture]) -> Option<Draft> {
    // Only an absolute http(s) link is a base (a hostile `<link>` must not
    // turn relative links into script URLs).
    let Context {
        file,
        days,
        feed,
        feed_base,
        language,
        options,
    } = *context;
    let base = entry
        .links
        .iter()
        .map(|l| l.href.as_str())
        .chain(feed_base)
        .find(|href| http_base(href).is_some());
    let content = entry
        .content
        .as_ref()
        .and_then(|c| {
            let media = &c.content_type;
            Some(as_html(
                c.body.as_deref()?,
                media.ty().as_str(),
                media.subty().as_str(),
            ))
        })
        .filter(|b| !b.trim().is_empty());
    let excerpt = content.is_none();
    let raw_html = content
        .or_else(|| entry.summary.as_ref().map(text_html))
        .unwrap_or_default();
    let html = tidy_body(&sanitize_html_at(&raw_html, base));
    let text = html_text(&html);
    // Pictures saved beside the feed keep their relative address (no
    // base): the pictures stage looks for them there.
    let lead = media::lead_html(pictures, &raw_html);
    let html = if lead.is_empty() {
        html
    } else {
        sanitize_html_at(&lead, None) + &html
    };
    let summary_text = entry
        .summary
        .as_ref()
        .map(|s| without_read_more(&html_text(&sanitize_html_at(&text_html(s), base))))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| text.clone());
    let title = entry
        .title
        .as_ref()
        .map(|t| html_text(&sanitize_html_at(&text_html(t), base)))
        .filter(|t| !t.is_empty());
    let (title, title_derived) = match title {
        Some(t) => (t, false),
        None if !text.is_empty() => (derive_title(&text), true),
        None => return None,
    };
    let date = entry
        .published
        .or(entry.updated)
        .map(|d| days.get(&d.timestamp()).copied().unwrap_or(d.date_naive()))
        .and_then(|d| Date::parse(&d.to_string()).ok());
    Some(Draft {
        file: file.to_string(),
        origin: String::new(),
        line: 1,
        title,
        date,
        authors: authors(entry, feed),
        section: options.section.clone(),
        regions: Vec::new(),
        countries: Vec::new(),
        tags: tags(entry),
        language: language.to_string(),
        dir: Direction::for_language(language),
        summary: teaser(&summary_text, SUMMARY_CHARS),
        slug: None,
        id: (!entry.id.is_empty()).then(|| stable_id(&entry.id)),
        translation: None,
        html,
        words: word_count(&text),
        text,
        excerpt,
        title_derived,
        heading: None,
        places: Vec::new(),
        body_file: None,
        pictures: Vec::new(),
        thumb: None,
        url: entry.links.first().map(|l| l.href.clone()),
    })
}

#[cfg(test)]
mod tests;
