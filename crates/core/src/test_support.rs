//! Fixtures shared by the core's unit tests.

use crate::{Date, Direction, Entry, Taxonomy, Term};

pub fn terms(keys: &[&str]) -> Vec<Term> {
    keys.iter()
        .map(|k| Term {
            key: k.to_string(),
            label: k.to_string(),
            count: 0,
        })
        .collect()
}

/// A small taxonomy with two terms in every facet.
pub fn taxonomy() -> Taxonomy {
    Taxonomy {
        sections: terms(&["news", "reports"]),
        regions: terms(&["south-asia", "kashmir"]),
        countries: terms(&["india", "pakistan"]),
        tags: terms(&["students", "strikes"]),
        authors: terms(&["a", "b"]),
        languages: terms(&["en", "ur"]),
        years: terms(&["2024", "2019"]),
        labels: Default::default(),
    }
}

/// `a=1&b=2` as pairs (not percent-decoded).
pub fn url_pairs(query: &str) -> Vec<(&str, &str)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
        .collect()
}

/// An English news entry by author `a` in South Asia, with these countries
/// and tags (indices into [`taxonomy`]); id, slug and title are `id`.
pub fn entry(id: &str, date: Option<&str>, countries: &[u32], tags: &[u32]) -> Entry {
    Entry {
        id: id.into(),
        slug: id.into(),
        title: id.into(),
        date: date.map(|d| Date::parse(d).unwrap()),
        authors: vec![0],
        section: Some(0),
        regions: vec![0],
        countries: countries.to_vec(),
        tags: tags.to_vec(),
        language: 0,
        dir: Direction::Ltr,
        summary: String::new(),
        words: 1,
        shard: 0,
        translation: None,
        thumb: None,
    }
}
