//! Fuzz target: a URL's query string read as the reader reads it (filters,
//! dates, sort, page, search text), and written back.
#![no_main]

use broadsheet_core::search::TextQuery;
use broadsheet_core::{DateRange, Query, Taxonomy, Term};
use libfuzzer_sys::fuzz_target;

fn taxonomy() -> Taxonomy {
    let terms = |keys: &[&str]| {
        keys.iter()
            .map(|k| Term {
                key: k.to_string(),
                label: k.to_string(),
                count: 1,
            })
            .collect::<Vec<_>>()
    };
    Taxonomy {
        sections: terms(&["news", "reports"]),
        regions: terms(&["kashmir", "south-asia"]),
        countries: terms(&["pakistan", "sri-lanka"]),
        tags: terms(&["may-day", "students"]),
        authors: terms(&["a"]),
        languages: terms(&["en", "ur"]),
        years: terms(&["2024", "2019"]),
    }
}

fuzz_target!(|text: &str| {
    let taxonomy = taxonomy();
    let pairs: Vec<(&str, &str)> = text
        .split('&')
        .map(|p| p.split_once('=').unwrap_or((p, "")))
        .collect();
    let query = Query::from_pairs(pairs.iter().copied(), &taxonomy);
    let again = query.to_pairs(&taxonomy);
    let reread = Query::from_pairs(again.iter().map(|(k, v)| (*k, v.as_str())), &taxonomy);
    // Writing a query out and reading it back changes nothing.
    assert_eq!(reread.to_pairs(&taxonomy), again);
    let _ = TextQuery::parse(text);
    let _ = DateRange::from_bounds(Some(text), Some(text));
});
