//! What a list row and an article's head show of an entry — its section,
//! authors, language and date, and the list's count — decided once, for the
//! reader's components (`src/components/`) and the builder's static pages
//! (`crates/builder/src/site/pages.rs`) alike. Only the markup around these
//! words differs between the two, and a browser test compares what each
//! shows.

use crate::{Entry, Facet, Taxonomy, Term};

/// Rows on a page of the list (the static list page shows the first page).
pub const PAGE_SIZE: usize = 20;

/// What the date line says of an article without a date.
pub const UNDATED: &str = "Undated";

/// An entry's facts as a card shows them.
#[derive(Clone, Debug, PartialEq)]
pub struct Card<'a> {
    /// Its section (the kicker over the title).
    pub section: Option<&'a Term>,
    /// Its authors, in the order the source gave them.
    pub authors: Vec<&'a Term>,
    /// Its language tag (`lang` of the card).
    pub language: &'a str,
    /// Its date as `(ISO, long English form)`: `("2024-05-01", "1 May 2024")`.
    pub date: Option<(String, String)>,
}

impl<'a> Card<'a> {
    /// The card of `entry`, its terms looked up in `taxonomy` (terms the
    /// dictionary lacks are left out).
    pub fn of(entry: &Entry, taxonomy: &'a Taxonomy) -> Card<'a> {
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
            date: entry.date.map(|d| (d.to_string(), d.long_form())),
        }
    }
}

/// The count over a list: `1 article`, `57 articles`.
pub fn article_count(n: usize) -> String {
    match n {
        1 => "1 article".to_string(),
        n => format!("{n} articles"),
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
        let card = Card::of(&e, &tax);
        assert_eq!(card.date, Some(("2024-05-01".into(), "1 May 2024".into())));
        assert_eq!(card.section.map(|t| t.key.as_str()), Some("news"));
        assert_eq!(card.language, "en");
        let authors: Vec<&str> = card.authors.iter().map(|t| t.key.as_str()).collect();
        assert_eq!(authors, ["a"]);
        e.date = None;
        e.section = Some(999);
        let card = Card::of(&e, &tax);
        assert_eq!((card.date, card.section), (None, None));
    }

    #[test]
    fn counts_say_article_or_articles() {
        assert_eq!(article_count(1), "1 article");
        assert_eq!(article_count(0), "0 articles");
        assert_eq!(article_count(20_000), "20000 articles");
    }
}
