//! Random archives for the property tests (proptest): a small taxonomy,
//! entries with a few terms each and dates at the months' edges, in list
//! order. Each test file uses what it needs of it.
#![allow(dead_code)]

use broadsheet_core::{sort_newest_first, Date, Direction, Entry, Taxonomy, Term};
use proptest::prelude::*;

/// Terms per facet (years are 2015–2024).
pub const TERMS: u32 = 4;
pub const FIRST_YEAR: u16 = 2015;
pub const YEARS: u16 = 10;

pub fn terms(prefix: &str, n: u32) -> Vec<Term> {
    (0..n)
        .map(|i| Term {
            key: format!("{prefix}{i}"),
            label: format!("{prefix} {i}"),
            count: 0,
        })
        .collect()
}

pub fn taxonomy() -> Taxonomy {
    Taxonomy {
        sections: terms("s", TERMS),
        regions: terms("r", TERMS),
        countries: terms("c", TERMS),
        tags: terms("t", TERMS),
        authors: terms("a", TERMS),
        languages: terms("l", 2),
        // Newest first, as the builder writes them.
        years: (0..YEARS)
            .rev()
            .map(|i| {
                let year = (FIRST_YEAR + i).to_string();
                Term {
                    key: year.clone(),
                    label: year,
                    count: 0,
                }
            })
            .collect(),
        labels: Default::default(),
    }
}

pub fn subset() -> impl Strategy<Value = Vec<u32>> {
    proptest::collection::btree_set(0..TERMS, 0..3).prop_map(|s| s.into_iter().collect())
}

pub fn entry() -> impl Strategy<Value = Entry> {
    (
        proptest::option::weighted(0.9, (0..YEARS, 1u8..=12, day())),
        proptest::option::weighted(0.8, 0..TERMS),
        (subset(), subset(), subset(), subset()),
        0u32..2,
    )
        .prop_map(
            |(date, section, (regions, countries, tags, authors), language)| Entry {
                id: String::new(),
                slug: String::new(),
                title: String::new(),
                date: date.map(|(y, m, d)| {
                    let year = FIRST_YEAR + y;
                    Date::new(year, m, d.resolve(year, m)).unwrap()
                }),
                authors,
                section,
                regions,
                countries,
                tags,
                language,
                dir: Direction::Ltr,
                summary: String::new(),
                words: 1,
                shard: 0,
                translation: None,
                thumb: None,
            },
        )
}

/// An archive in list order (newest first, undated last).
pub fn archive() -> impl Strategy<Value = Vec<Entry>> {
    proptest::collection::vec(entry(), 0..80).prop_map(|mut entries| {
        sort_newest_first(&mut entries);
        for (i, e) in entries.iter_mut().enumerate() {
            e.id = i.to_string();
        }
        entries
    })
}

/// A day of the month, most often at an edge: the first, the last (28, 29,
/// 30 or 31 by month and year, leap days included), or one beside them.
#[derive(Clone, Copy, Debug)]
pub enum Day {
    First,
    Last,
    BeforeLast,
    Nth(u8),
}

impl Day {
    pub fn resolve(self, year: u16, month: u8) -> u8 {
        let last = month_length(year, month);
        match self {
            Day::First => 1,
            Day::Last => last,
            Day::BeforeLast => last - 1,
            Day::Nth(n) => n.min(last),
        }
    }
}

pub fn day() -> impl Strategy<Value = Day> {
    prop_oneof![
        Just(Day::First),
        Just(Day::Last),
        Just(Day::BeforeLast),
        (1u8..=31).prop_map(Day::Nth),
    ]
}

/// The oracle's own calendar (not the crate's).
pub fn month_length(year: u16, month: u8) -> u8 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][month as usize - 1]
}
