//! Properties of the query engine, on random archives and random queries
//! (proptest): results satisfy every active filter, the date range and the
//! search; they are exactly the articles that do (counts included); adding
//! a facet never grows the result; search results are a subset of the
//! filtered set; every sort is a total order of the same set.
//!
//! The generators are in `support/mod.rs` (shared with `segments.rs`); the
//! plain oracles are here, beside the properties they judge.

use std::collections::BTreeSet;

use broadsheet_core::search::Hits;
use broadsheet_core::{
    Date, DateRange, Entry, Facet, FacetData, FacetIndex, Filter, Query, Sort, Taxonomy,
};
use proptest::prelude::*;

mod support;
use support::*;

/// URL pairs: known keys, unknown ones, and a date range.
fn url() -> impl Strategy<Value = Vec<(String, String)>> {
    const PARAMS: [&str; 7] = [
        "section", "region", "country", "tag", "author", "lang", "year",
    ];
    let pair = (0..PARAMS.len(), 0..TERMS + 1).prop_map(|(p, t)| {
        let key = match PARAMS[p] {
            "section" => format!("s{t}"),
            "region" => format!("r{t}"),
            "country" => format!("c{t}"),
            "tag" => format!("t{t}"),
            "author" => format!("a{t}"),
            "lang" => format!("l{}", t % 3),
            _ => (FIRST_YEAR + t as u16 * 2).to_string(),
        };
        (PARAMS[p].to_string(), key)
    });
    (
        proptest::collection::vec(pair, 0..4),
        proptest::option::of(bound()),
        proptest::option::of(bound()),
    )
        .prop_map(|(mut pairs, from, to)| {
            pairs.extend(from.map(|b| ("from".to_string(), b.text())));
            pairs.extend(to.map(|b| ("to".to_string(), b.text())));
            pairs
        })
}

/// A `from`/`to` bound at every granularity: `2019`, `2019-02`, `2019-02-29`.
#[derive(Clone, Copy, Debug)]
enum Bound {
    Year(u16),
    Month(u16, u8),
    Day(u16, u8, Day),
}

impl Bound {
    fn text(self) -> String {
        match self {
            Bound::Year(y) => y.to_string(),
            Bound::Month(y, m) => format!("{y}-{m:02}"),
            Bound::Day(y, m, d) => format!("{y}-{m:02}-{:02}", d.resolve(y, m)),
        }
    }

    /// The first or last day the bound covers, as (year, month, day).
    fn edge(self, last: bool) -> (u16, u8, u8) {
        match (self, last) {
            (Bound::Year(y), false) => (y, 1, 1),
            (Bound::Year(y), true) => (y, 12, 31),
            (Bound::Month(y, m), false) => (y, m, 1),
            (Bound::Month(y, m), true) => (y, m, month_length(y, m)),
            (Bound::Day(y, m, d), _) => (y, m, d.resolve(y, m)),
        }
    }
}

fn bound() -> impl Strategy<Value = Bound> {
    let year = FIRST_YEAR..FIRST_YEAR + YEARS;
    prop_oneof![
        year.clone().prop_map(Bound::Year),
        (year.clone(), 1u8..=12).prop_map(|(y, m)| Bound::Month(y, m)),
        (year, 1u8..=12, day()).prop_map(|(y, m, d)| Bound::Day(y, m, d)),
    ]
}

/// Is `date` within the URL's `from` and `to` (the last of each wins, as in
/// a URL), by the oracle's own reading of the bounds? Undated articles are
/// in only when there is no bound.
fn in_range(url: &[(String, String)], date: Option<Date>) -> bool {
    let last_bound = |key: &str| {
        url.iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| parse_bound_text(v))
    };
    let (from, to) = (last_bound("from"), last_bound("to"));
    let Some(date) = date else {
        return from.is_none() && to.is_none();
    };
    let day = (date.year(), date.month(), date.day());
    from.is_none_or(|b| day >= b.edge(false)) && to.is_none_or(|b| day <= b.edge(true))
}

/// A bound's text back to a [`Bound`] (the generator wrote it).
fn parse_bound_text(text: &str) -> Bound {
    let parts: Vec<u16> = text.split('-').map(|p| p.parse().unwrap()).collect();
    match parts[..] {
        [y] => Bound::Year(y),
        [y, m] => Bound::Month(y, m as u8),
        [y, m, d] => Bound::Day(y, m as u8, Day::Nth(d as u8)),
        _ => unreachable!("{text}"),
    }
}

/// An archive and, maybe, search hits over it: a random subset of its
/// positions with scores (ties likely).
fn archive_and_hits() -> impl Strategy<Value = (Vec<Entry>, Option<Hits>)> {
    archive().prop_flat_map(|entries| {
        let n = entries.len();
        let docs = proptest::collection::btree_map(0..n.max(1) as u32, 0u8..5, 0..n.max(1));
        (Just(entries), proptest::option::of(docs)).prop_map(move |(entries, docs)| {
            let hits = docs.map(|docs| Hits {
                docs: docs
                    .into_iter()
                    .filter(|&(d, _)| (d as usize) < n)
                    .map(|(d, s)| (d, f32::from(s) + 0.5))
                    .collect(),
                ..Hits::default()
            });
            (entries, hits)
        })
    })
}

fn sort() -> impl Strategy<Value = Sort> {
    prop_oneof![
        Just(Sort::Newest),
        Just(Sort::Oldest),
        Just(Sort::Relevance)
    ]
}

/// Does an entry have this term (years from its date)?
fn has(tax: &Taxonomy, e: &Entry, facet: Facet, term: u32) -> bool {
    match facet {
        Facet::Year => e.date.is_some_and(|d| {
            tax.terms(Facet::Year)
                .get(term as usize)
                .is_some_and(|t| t.key == d.year().to_string())
        }),
        Facet::Section => e.section == Some(term),
        Facet::Language => e.language == term,
        _ => e.terms(facet).contains(&term),
    }
}

/// Does an entry pass every active facet except `skip`?
fn passes(tax: &Taxonomy, e: &Entry, filter: &Filter, skip: Option<Facet>) -> bool {
    filter
        .active()
        .filter(|(f, _)| Some(*f) != skip)
        .all(|(f, selected)| selected.iter().any(|&t| has(tax, e, f, t)))
}

struct Case {
    tax: Taxonomy,
    entries: Vec<Entry>,
    index: FacetIndex,
    query: Query,
}

fn case(entries: Vec<Entry>, url: &[(String, String)]) -> Case {
    let tax = taxonomy();
    let data = FacetData::from_entries(&entries, &tax);
    let index = FacetIndex::from_data(&data, &tax).unwrap();
    let query = Query::from_pairs(url.iter().map(|(k, v)| (k.as_str(), v.as_str())), &tax);
    Case {
        tax,
        entries,
        index,
        query,
    }
}

fn in_hits(hits: Option<&Hits>, p: u32) -> bool {
    hits.is_none_or(|h| h.docs.iter().any(|&(d, _)| d == p))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Exactly the articles that satisfy every filter, the range and the
    /// search are listed, once each; every count is the number of articles
    /// that would be listed with that value chosen in its facet.
    #[test]
    fn results_and_counts_are_exact(
        (entries, hits) in archive_and_hits(),
        url in url(),
        sort in sort(),
    ) {
        let c = case(entries, &url);
        let range: DateRange = c.query.range;
        let listing = c.index.evaluate(&c.query.filter, range, hits.as_ref(), sort);
        let got: BTreeSet<u32> = listing.positions.iter().copied().collect();
        prop_assert_eq!(got.len(), listing.positions.len(), "no position twice");
        let want: BTreeSet<u32> = (0u32..)
            .zip(&c.entries)
            .filter(|(p, e)| {
                passes(&c.tax, e, &c.query.filter, None)
                    && in_range(&url, e.date)
                    && in_hits(hits.as_ref(), *p)
            })
            .map(|(p, _)| p)
            .collect();
        prop_assert_eq!(&got, &want);
        for facet in Facet::ALL {
            for term in 0..c.tax.terms(facet).len() as u32 {
                let expected = (0u32..)
                    .zip(&c.entries)
                    .filter(|(p, e)| {
                        passes(&c.tax, e, &c.query.filter, Some(facet))
                            && has(&c.tax, e, facet, term)
                            && in_range(&url, e.date)
                            && in_hits(hits.as_ref(), *p)
                    })
                    .count() as u32;
                prop_assert_eq!(listing.counts[facet as usize][term as usize], expected,
                    "count of {:?} {}", facet, term);
            }
        }
    }

    /// A value of a facet not yet filtered never adds results; a search
    /// only ever narrows the filtered set.
    #[test]
    fn narrowing_never_grows(
        (entries, hits) in archive_and_hits(),
        url in url(),
        facet in 0..Facet::ALL.len(),
        term in 0..TERMS,
    ) {
        let c = case(entries, &url);
        let range = c.query.range;
        let base = c.index.evaluate(&c.query.filter, range, None, Sort::Newest);
        let base_set: BTreeSet<u32> = base.positions.iter().copied().collect();
        let facet = Facet::ALL[facet];
        if c.query.filter.selected(facet).is_empty() && (term as usize) < c.tax.terms(facet).len() {
            let narrower = c.query.filter.toggled(facet, term);
            let fewer = c.index.evaluate(&narrower, range, None, Sort::Newest);
            let inside = fewer.positions.iter().all(|p| base_set.contains(p));
            prop_assert!(inside, "a new facet added results");
        }
        let searched = c.index.evaluate(&c.query.filter, range, hits.as_ref(), Sort::Newest);
        let inside = searched.positions.iter().all(|p| base_set.contains(p));
        prop_assert!(inside, "a search added results");
    }

    /// Every sort lists the same set in a total order: newest is list
    /// order; oldest is by date ascending with undated last; relevance is
    /// by score, ties in list order.
    #[test]
    fn sorts_are_total_orders_of_one_set(
        (entries, hits) in archive_and_hits(),
        url in url(),
    ) {
        let c = case(entries, &url);
        let run = |sort| c.index.evaluate(&c.query.filter, c.query.range, hits.as_ref(), sort).positions;
        let (newest, oldest, relevance) = (run(Sort::Newest), run(Sort::Oldest), run(Sort::Relevance));
        let set = |v: &Vec<u32>| v.iter().copied().collect::<BTreeSet<u32>>();
        prop_assert_eq!(set(&newest), set(&oldest));
        prop_assert_eq!(set(&newest), set(&relevance));
        let ascending = newest.windows(2).all(|w| w[0] < w[1]);
        prop_assert!(ascending, "newest: {:?}", newest);
        // Oldest first: dated ascending (same day: later in list order
        // first, the reverse of newest), then undated in list order.
        let key = |p: u32| {
            let date = c.entries[p as usize].date;
            (date.is_none(), date, if date.is_some() { std::cmp::Reverse(p) } else { std::cmp::Reverse(u32::MAX - p) })
        };
        let by_date = oldest.windows(2).all(|w| key(w[0]) < key(w[1]));
        prop_assert!(by_date, "oldest: {:?}", oldest);
        if let Some(hits) = &hits {
            let score = |p: u32| hits.docs.iter().find(|d| d.0 == p).map(|d| d.1).unwrap();
            let ordered = relevance.windows(2).all(|w| {
                score(w[0]) > score(w[1]) || (score(w[0]) == score(w[1]) && w[0] < w[1])
            });
            prop_assert!(ordered, "relevance order: {:?}", relevance);
        } else {
            prop_assert_eq!(&relevance, &newest);
        }
    }
}
