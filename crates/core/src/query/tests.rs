//! Tests of the URL state: read, written, read again.

use super::*;
use crate::test_support::{taxonomy, url_pairs};

fn parse(query: &str) -> Query {
    let pairs = url_pairs(query);
    Query::from_pairs(pairs.iter().copied(), &taxonomy())
}

fn d(s: &str) -> Option<Date> {
    Some(Date::parse(s).unwrap())
}

#[test]
fn ranges_from_bounds() {
    let r = DateRange::from_bounds(Some("2019"), Some("2019-05")).unwrap();
    assert_eq!(r.from, Date::parse("2019-01-01").ok());
    assert_eq!(r.to, Date::parse("2019-05-31").ok());
    assert!(DateRange::from_bounds(None, None).unwrap().is_open());
    assert!(DateRange::from_bounds(Some("May"), None).is_none());
}

#[test]
fn reading_the_url() {
    let q = parse("region=kashmir&q=students&sort=oldest&page=2&from=2019&to=2020-02&year=2024");
    assert_eq!(q.filter.selected(Facet::Region), &[1]);
    assert_eq!(q.filter.selected(Facet::Year), &[0]);
    assert_eq!(q.text, "students");
    assert_eq!(q.sort(), Sort::Oldest);
    assert_eq!(q.page, 2);
    assert_eq!(q.range.from, d("2019-01-01"));
    assert_eq!(q.range.to, d("2020-02-29"));

    let cases: &[(&str, Sort, usize, DateRange)] = &[
        ("", Sort::Newest, 1, DateRange::default()),
        ("q=x", Sort::Relevance, 1, DateRange::default()),
        ("q=   ", Sort::Newest, 1, DateRange::default()),
        ("sort=relevance", Sort::Newest, 1, DateRange::default()),
        ("q=x&sort=newest", Sort::Newest, 1, DateRange::default()),
        (
            "sort=sideways&page=zero",
            Sort::Newest,
            1,
            DateRange::default(),
        ),
        ("page=0", Sort::Newest, 1, DateRange::default()),
        ("page=-3&page=4", Sort::Newest, 4, DateRange::default()),
        (
            "from=2019-13&to=2019-02-30",
            Sort::Newest,
            1,
            DateRange::default(),
        ),
        (
            "from=2019-02-03&to=banana",
            Sort::Newest,
            1,
            DateRange {
                from: d("2019-02-03"),
                to: None,
            },
        ),
        (
            "to=2019",
            Sort::Newest,
            1,
            DateRange {
                from: None,
                to: d("2019-12-31"),
            },
        ),
    ];
    for (url, sort, page, range) in cases {
        let q = parse(url);
        assert_eq!((q.sort(), q.page, q.range), (*sort, *page, *range), "{url}");
    }
}

#[test]
fn unknown_facet_values_are_ignored() {
    let q = parse("country=atlantis&country=india&colour=red&tag=&year=1066");
    assert_eq!(q.filter.selected(Facet::Country), &[0]);
    assert!(q.filter.selected(Facet::Tag).is_empty());
    assert!(q.filter.selected(Facet::Year).is_empty());
    assert!(parse("country=%%%").is_unfiltered());
}

#[test]
fn default_lists_need_no_facet_data() {
    for url in ["", "page=7", "sort=newest", "sort=relevance", "colour=red"] {
        assert!(parse(url).is_default(), "{url}");
    }
    for url in ["sort=oldest", "q=x", "country=india", "from=2019"] {
        assert!(!parse(url).is_default(), "{url}");
    }
}

#[test]
fn pairs_round_trip_canonically() {
    let tax = taxonomy();
    let q = parse(
        "page=3&tag=strikes&q=may day&country=india&tag=students&tag=strikes&to=2020&sort=oldest",
    );
    let pairs = q.to_pairs(&tax);
    let text: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
    assert_eq!(
        text,
        [
            "q=may day",
            "country=india",
            "tag=students",
            "tag=strikes",
            "to=2020-12-31",
            "sort=oldest",
            "page=3"
        ]
    );
    let again = Query::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())), &tax);
    assert_eq!(again, q);
}

#[test]
fn toggling_a_value() {
    let tax = taxonomy();
    let f = parse("tag=strikes").filter;
    let on = f.toggled(Facet::Country, 1).toggled(Facet::Tag, 0);
    assert_eq!(
        on.to_pairs(&tax),
        [
            ("country", "pakistan".to_string()),
            ("tag", "students".to_string()),
            ("tag", "strikes".to_string())
        ]
    );
    let off = on.toggled(Facet::Country, 1).toggled(Facet::Tag, 0);
    assert_eq!(off, f);
    assert!(f.toggled(Facet::Tag, 1).is_empty());
}

#[test]
fn date_ranges() {
    let r = DateRange {
        from: d("2019-01-01"),
        to: d("2019-12-31"),
    };
    assert!(r.contains(d("2019-06-01")));
    assert!(r.contains(d("2019-12-31")));
    assert!(!r.contains(d("2020-01-01")));
    assert!(!r.contains(None));
    assert!(DateRange::default().contains(None));
}
