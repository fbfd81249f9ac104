//! Fixtures shared by the core's unit tests.

use crate::{Taxonomy, Term};

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
