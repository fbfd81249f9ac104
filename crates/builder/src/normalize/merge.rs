//! One article met in several sources (a feed item, the saved page, a
//! Markdown copy) becomes one article: drafts are the same when they share a
//! canonical URL, or a title and a date, in the same language. The fullest
//! text is kept, the rest fills gaps, and every merge is reported.

use std::collections::HashMap;
use std::path::Path;

use broadsheet_core::Date;

use crate::draft::Draft;
use crate::Diagnostic;

/// Merges duplicate drafts, in order (the first of a group keeps its place).
/// Returns the drafts left and how many were merged away.
pub fn merge_duplicates(drafts: Vec<Draft>, diags: &mut Vec<Diagnostic>) -> (Vec<Draft>, usize) {
    let mut kept: Vec<Draft> = Vec::with_capacity(drafts.len());
    let mut by_url: HashMap<(String, String), usize> = HashMap::new();
    let mut by_title: HashMap<(String, String, Date), usize> = HashMap::new();
    let mut merged = 0;
    for draft in drafts {
        let url = draft
            .url
            .as_deref()
            .map(|u| (draft.language.clone(), normalize_url(u)));
        let titled = title_key(&draft);
        let same = url
            .as_ref()
            .and_then(|k| by_url.get(k).map(|&i| (i, "the same URL")))
            .or_else(|| {
                let k = titled.as_ref()?;
                by_title.get(k).map(|&i| (i, "the same title and date"))
            });
        let at = match same {
            Some((i, why)) => {
                let first = &kept[i];
                let (file, line) = (first.file.clone(), first.line);
                merge_into(&mut kept[i], draft, diags, &file, line, why);
                merged += 1;
                i
            }
            None => {
                kept.push(draft);
                kept.len() - 1
            }
        };
        // The merged article answers to every key either draft had.
        let article = &kept[at];
        if let Some(u) = &article.url {
            by_url
                .entry((article.language.clone(), normalize_url(u)))
                .or_insert(at);
        }
        if let Some(k) = url {
            by_url.entry(k).or_insert(at);
        }
        for k in [title_key(article), titled].into_iter().flatten() {
            by_title.entry(k).or_insert(at);
        }
    }
    (kept, merged)
}

/// Title and date, when both are real (a derived title is not).
fn title_key(draft: &Draft) -> Option<(String, String, Date)> {
    let date = draft.date?;
    let title = super::canon::key(&draft.title);
    (!draft.title_derived && !title.is_empty()).then(|| (title, draft.language.clone(), date))
}

/// Merges `other` into `first`: the fuller text wins (a whole article over
/// an excerpt, then more words); lists are joined; gaps are filled. Reports
/// the merge at `other`'s place.
fn merge_into(
    first: &mut Draft,
    mut other: Draft,
    diags: &mut Vec<Diagnostic>,
    file: &str,
    line: u32,
    why: &str,
) {
    let fuller = |d: &Draft| (!d.excerpt, d.words);
    let replace = fuller(&other) > fuller(first);
    diags.push(Diagnostic::warning(
        Path::new(&other.file),
        other.line,
        format!(
            "the same article as {file}:{line} ({why}); merged, keeping {}",
            if replace { "this text" } else { "that text" }
        ),
    ));
    if replace {
        std::mem::swap(first, &mut other);
        // The article keeps the place and identity it was first given.
        std::mem::swap(&mut first.file, &mut other.file);
        std::mem::swap(&mut first.line, &mut other.line);
        first.body_file = first.body_file.take().or_else(|| Some(other.file.clone()));
        if other.slug.is_some() {
            std::mem::swap(&mut first.slug, &mut other.slug);
        }
        if other.id.is_some() {
            std::mem::swap(&mut first.id, &mut other.id);
        }
    }
    if first.title_derived && !other.title_derived {
        first.title = std::mem::take(&mut other.title);
        first.title_derived = false;
    }
    fill(&mut first.date, other.date);
    fill(&mut first.section, other.section);
    fill(&mut first.slug, other.slug);
    fill(&mut first.id, other.id);
    fill(&mut first.translation, other.translation);
    fill(&mut first.url, other.url);
    if first.summary.is_empty() {
        first.summary = other.summary;
    }
    for (mine, theirs) in [
        (&mut first.authors, other.authors),
        (&mut first.tags, other.tags),
        (&mut first.regions, other.regions),
        (&mut first.countries, other.countries),
    ] {
        for value in theirs {
            let key = super::canon::key(&value);
            if !mine.iter().any(|m| super::canon::key(m) == key) {
                mine.push(value);
            }
        }
    }
}

fn fill<T>(slot: &mut Option<T>, value: Option<T>) {
    if slot.is_none() {
        *slot = value;
    }
}

/// A URL as the same page's other addresses would write it: `http` and
/// `https`, `www.` or not, a trailing slash, a fragment and tracking
/// parameters make no difference.
pub fn normalize_url(url: &str) -> String {
    let Ok(mut parsed) = ammonia::Url::parse(url.trim()) else {
        return url.trim().to_string();
    };
    parsed.set_fragment(None);
    let query: Vec<(String, String)> = parsed
        .query_pairs()
        .filter(|(k, _)| {
            !(k.starts_with("utm_") || matches!(k.as_ref(), "fbclid" | "gclid" | "ref"))
        })
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if query.is_empty() {
        parsed.set_query(None);
    } else {
        parsed.query_pairs_mut().clear().extend_pairs(query);
    }
    let host = parsed.host_str().unwrap_or_default();
    let host = host.strip_prefix("www.").unwrap_or(host).to_string();
    let path = parsed.path().trim_end_matches('/').to_string();
    let query = parsed.query().map(|q| format!("?{q}")).unwrap_or_default();
    format!("{host}{path}{query}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::ReadOptions;

    fn draft(front: &str, body: &str) -> Draft {
        let text = format!("---\n{front}\n---\n{body}\n");
        crate::import::markdown::read("a.md", text.as_bytes(), &ReadOptions::default())
            .0
            .unwrap()
    }

    #[test]
    fn urls_normalize() {
        for (a, b) in [
            (
                "https://www.example.org/news/a/",
                "http://example.org/news/a",
            ),
            (
                "https://example.org/a?utm_source=rss&id=4#top",
                "https://example.org/a?id=4",
            ),
        ] {
            assert_eq!(normalize_url(a), normalize_url(b), "{a} {b}");
        }
        assert_ne!(
            normalize_url("https://example.org/a?id=4"),
            normalize_url("https://example.org/a?id=5")
        );
    }

    #[test]
    fn duplicates_merge_by_url_or_title_and_date() {
        let mut excerpt = draft(
            "title: Dock workers win\ndate: 2021-05-01\nurl: https://example.org/dock/\ntags: [ports]",
            "Short.",
        );
        excerpt.file = "feed.rss".into();
        excerpt.excerpt = true;
        let mut full = draft(
            "title: Dock Workers Win\nurl: http://www.example.org/dock\ntags: [Ports, strikes]\nsection: News",
            "A much longer text about the agreement and what it means.",
        );
        full.file = "saved/dock.html".into();
        let mut copy = draft(
            "title: Dock workers win\ndate: 2021-05-01\nlanguage: en",
            "Another copy.",
        );
        copy.file = "md/dock.md".into();
        let other = draft("title: Dock workers win\ndate: 2021-05-02", "Next day.");
        let mut diags = Vec::new();
        let (kept, merged) = merge_duplicates(vec![excerpt, full, copy, other], &mut diags);
        assert_eq!((kept.len(), merged), (2, 2));
        let dock = &kept[0];
        // The full text won, the first place and the gaps were filled.
        assert!(!dock.excerpt);
        assert!(dock.text.starts_with("A much longer text"));
        assert_eq!(dock.file, "feed.rss");
        // Its pictures are beside the file its text came from.
        assert_eq!(dock.body_file.as_deref(), Some("saved/dock.html"));
        assert_eq!(dock.date, Date::parse("2021-05-01").ok());
        assert_eq!(dock.section.as_deref(), Some("News"));
        assert_eq!(dock.tags, ["Ports", "strikes"]);
        let messages: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            messages,
            [
                "saved/dock.html:1: warning: the same article as feed.rss:1 (the same URL); merged, keeping this text",
                "md/dock.md:1: warning: the same article as feed.rss:1 (the same title and date); merged, keeping that text",
            ]
        );
    }

    #[test]
    fn languages_and_derived_titles_never_merge() {
        let en = draft("title: May Day\ndate: 2021-05-01", "Text.");
        let ur = draft("title: May Day\ndate: 2021-05-01\nlanguage: ur", "Text.");
        let mut derived = draft("title: May Day\ndate: 2021-05-01", "Text.");
        derived.title_derived = true;
        let (kept, merged) = merge_duplicates(vec![en, ur, derived], &mut Vec::new());
        assert_eq!((kept.len(), merged), (3, 0));
    }
}
