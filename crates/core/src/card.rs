//! What a list row and an article's head show of an entry — its section,
//! authors, language and date, and the list's count — decided once, for the
//! reader's components (`src/components/`) and the builder's static pages
//! (`crates/builder/src/site/pages.rs`) alike. Only the markup around these
//! words differs between the two, and a browser test compares what each
//! shows.

use crate::i18n::Words;
use crate::{Entry, Facet, Query, Taxonomy, Term};

/// Rows on a page of the list (the static list page shows the first page).
pub const PAGE_SIZE: usize = 20;

/// The message key of what the date line says of an article without a date.
pub const UNDATED: &str = "article.undated";

/// An entry's facts as a card shows them.
#[derive(Clone, Debug, PartialEq)]
pub struct Card<'a> {
    /// Its section (the kicker over the title).
    pub section: Option<&'a Term>,
    /// Its authors, in the order the source gave them.
    pub authors: Vec<&'a Term>,
    /// Its language tag (`lang` of the card).
    pub language: &'a str,
    /// Its date as `(ISO, written out in the interface language)`:
    /// `("2024-05-01", "1 May 2024")`.
    pub date: Option<(String, String)>,
}

impl<'a> Card<'a> {
    /// The card of `entry`, its terms looked up in `taxonomy` (terms the
    /// dictionary lacks are left out), its date written in `words`.
    pub fn of(entry: &Entry, taxonomy: &'a Taxonomy, words: &Words) -> Card<'a> {
        Card {
            section: entry.section.and_then(|s| taxonomy.term(Facet::Section, s)),
            authors: entry
                .authors
                .iter()
                .filter_map(|&a| taxonomy.term(Facet::Author, a))
                .collect(),
            language: taxonomy
                .term(Facet::Language, entry.language)
                .map_or("", |t| t.key.as_str()),
            date: entry.date.map(|d| (d.to_string(), words.date(d))),
        }
    }
}

/// The count over a list: `1 article`, `57 articles`.
pub fn article_count(n: usize, words: &Words) -> String {
    words.count("list.articles", n as u64, &[])
}

/// The count over a list of `n` articles found by `query`: results for a
/// search, articles otherwise.
pub fn list_count(n: usize, query: &Query, words: &Words) -> String {
    match (n, query.has_text()) {
        (0, _) => words.text("list.none").into_owned(),
        (n, false) => article_count(n, words),
        (n, true) => words.count(
            "list.results",
            n as u64,
            &[("text", &quoted(&query.text, words))],
        ),
    }
}

/// The list's heading for `query` (the static list page's is the
/// unfiltered one).
pub fn list_heading(query: &Query, words: &Words) -> String {
    let key = if query.has_text() {
        "list.heading-search"
    } else if query.is_unfiltered() {
        "list.heading-latest"
    } else {
        "list.heading-filtered"
    };
    words.text(key).into_owned()
}

/// Search text in the interface language's quotes, as typed (already
/// quoted text stays as it is).
pub fn quoted(text: &str, words: &Words) -> String {
    let text = text.trim();
    if text.starts_with(['"', '“', '«', '„']) {
        text.to_string()
    } else {
        words.fill("list.quoted", &[("text", text)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{entry, taxonomy};

    #[test]
    fn a_card_names_its_terms_and_leaves_out_unknown_ones() {
        let tax = taxonomy();
        let mut e = entry("a", Some("2024-05-01"), &[0], &[0]);
        e.authors = vec![0, 99];
        let card = Card::of(&e, &tax, &Words::english());
        assert_eq!(card.date, Some(("2024-05-01".into(), "1 May 2024".into())));
        assert_eq!(card.section.map(|t| t.key.as_str()), Some("news"));
        assert_eq!(card.language, "en");
        let authors: Vec<&str> = card.authors.iter().map(|t| t.key.as_str()).collect();
        assert_eq!(authors, ["a"]);
        e.date = None;
        e.section = Some(999);
        let card = Card::of(&e, &tax, &Words::english());
        assert_eq!((card.date, card.section), (None, None));
    }

    #[test]
    fn the_list_says_what_it_shows() {
        let search = Query {
            text: "dock strike".into(),
            ..Query::default()
        };
        let w = Words::english();
        assert_eq!(list_count(2, &search, &w), "2 results for “dock strike”");
        assert_eq!(list_count(1, &Query::default(), &w), "1 article");
        assert_eq!(list_count(0, &search, &w), "No articles match.");
        assert_eq!(list_heading(&Query::default(), &w), "Latest articles");
        assert_eq!(list_heading(&search, &w), "Search results");
        assert_eq!(quoted("\"as typed\"", &w), "\"as typed\"");
    }

    #[test]
    fn counts_say_article_or_articles() {
        let w = Words::english();
        assert_eq!(article_count(1, &w), "1 article");
        assert_eq!(article_count(0, &w), "0 articles");
        assert_eq!(article_count(20_000, &w), "20000 articles");
    }
}
