//! Tests of filtering and counting, against a small archive.

use super::*;
use crate::test_support::{taxonomy, url_pairs};
use crate::{Direction, Entry, Query};

/// (id, date, section, countries, tags, language)
type Row = (
    &'static str,
    Option<&'static str>,
    u32,
    &'static [u32],
    &'static [u32],
    u32,
);

const ROWS: [Row; 5] = [
    ("in-news-students", Some("2024-03-01"), 0, &[0], &[0], 0),
    ("pk-news-strikes", Some("2024-01-01"), 0, &[1], &[1], 0),
    (
        "pk-reports-students-ur",
        Some("2019-05-01"),
        1,
        &[1],
        &[0],
        1,
    ),
    ("both-reports", Some("2019-01-01"), 1, &[0, 1], &[], 0),
    ("undated-news", None, 0, &[1], &[1], 0),
];

fn entries() -> Vec<Entry> {
    ROWS.iter()
        .map(|&(id, date, section, countries, tags, language)| Entry {
            id: id.into(),
            slug: id.into(),
            title: id.into(),
            date: date.map(|d| Date::parse(d).unwrap()),
            authors: vec![0],
            section: Some(section),
            regions: vec![0],
            countries: countries.to_vec(),
            tags: tags.to_vec(),
            language,
            dir: Direction::Ltr,
            summary: String::new(),
            words: 1,
            shard: 0,
            translation: None,
            thumb: None,
        })
        .collect()
}

fn run(url: &str, hits: Option<&Hits>) -> (Vec<&'static str>, Selection) {
    let tax = taxonomy();
    let pairs = url_pairs(url);
    let q = Query::from_pairs(pairs.iter().copied(), &tax);
    let data = FacetData::from_entries(&entries(), &tax);
    let index = FacetIndex::from_data(&data, &tax).unwrap();
    let selection = index.evaluate(&q.filter, q.range, hits, q.sort());
    let ids = selection
        .positions
        .iter()
        .map(|&p| ROWS[p as usize].0)
        .collect();
    (ids, selection)
}

const ALL: [&str; 5] = [
    "in-news-students",
    "pk-news-strikes",
    "pk-reports-students-ur",
    "both-reports",
    "undated-news",
];

#[test]
fn facets_and_values_combine() {
    let cases: &[(&str, &[&str])] = &[
        ("", &ALL),
        (
            "country=pakistan",
            &[
                "pk-news-strikes",
                "pk-reports-students-ur",
                "both-reports",
                "undated-news",
            ],
        ),
        ("country=pakistan&country=india", &ALL),
        ("country=pakistan&tag=students", &["pk-reports-students-ur"]),
        (
            "section=news&tag=students&tag=strikes",
            &["in-news-students", "pk-news-strikes", "undated-news"],
        ),
        ("lang=ur", &["pk-reports-students-ur"]),
        ("region=kashmir", &[]),
        ("year=2019", &["pk-reports-students-ur", "both-reports"]),
        (
            "year=2019&year=2024&section=news",
            &["in-news-students", "pk-news-strikes"],
        ),
        (
            "from=2019-02&to=2024-01-31",
            &["pk-news-strikes", "pk-reports-students-ur"],
        ),
        ("from=2024", &["in-news-students", "pk-news-strikes"]),
        // Unknown values and parameters are ignored, not errors.
        ("country=atlantis", &ALL),
        (
            "country=atlantis&country=india",
            &["in-news-students", "both-reports"],
        ),
        ("colour=red&page=2&q=", &ALL),
        // Sorting.
        (
            "sort=oldest",
            &[
                "both-reports",
                "pk-reports-students-ur",
                "pk-news-strikes",
                "in-news-students",
                "undated-news",
            ],
        ),
        (
            "sort=oldest&section=news",
            &["pk-news-strikes", "in-news-students", "undated-news"],
        ),
    ];
    for (url, want) in cases {
        assert_eq!(run(url, None).0, *want, "{url}");
    }
}

#[test]
fn counts_ignore_their_own_facet() {
    let (_, selection) = run("country=india&tag=students", None);
    let count = |f: Facet| selection.counts[f as usize].clone();
    // Countries given tag=students: india 1, pakistan 1 (own facet ignored).
    assert_eq!(count(Facet::Country), [1, 1]);
    // Tags given country=india: students 1, strikes 0 (shown, disabled).
    assert_eq!(count(Facet::Tag), [1, 0]);
    // Other facets given both: the one matching article.
    assert_eq!(count(Facet::Section), [1, 0]);
    assert_eq!(count(Facet::Year), [1, 0]);
    // No filter: plain totals; the undated article has no year.
    let (_, selection) = run("", None);
    assert_eq!(selection.counts[Facet::Country as usize], [2, 4]);
    assert_eq!(selection.counts[Facet::Year as usize], [2, 2]);
    assert_eq!(selection.counts[Facet::Region as usize], [5, 0]);
}

#[test]
fn counts_equal_the_size_of_the_list_they_would_give() {
    let tax = taxonomy();
    for url in [
        "",
        "country=pakistan",
        "tag=students&section=reports",
        "year=2024&lang=en",
    ] {
        let (_, selection) = run(url, None);
        for facet in Facet::ALL {
            for (term, &count) in selection.counts[facet as usize].iter().enumerate() {
                let key = &tax.terms(facet)[term].key;
                let with: String = if url.is_empty() {
                    format!("{}={key}", facet.param())
                } else {
                    format!("{url}&{}={key}", facet.param())
                };
                // Selecting only that value in its facet gives `count`.
                let mut only: Vec<&str> = with
                    .split('&')
                    .filter(|p| !p.starts_with(&format!("{}=", facet.param())))
                    .collect();
                let own = format!("{}={key}", facet.param());
                only.push(&own);
                let n = run(&only.join("&"), None).0.len() as u32;
                assert_eq!(count, n, "{url}: {}={key}", facet.param());
            }
        }
    }
}

#[test]
fn search_hits_narrow_count_and_rank() {
    let hits = Hits {
        docs: vec![(0, 1.0), (2, 3.0), (4, 2.0)],
        ..Hits::default()
    };
    let (ids, selection) = run("q=x", Some(&hits));
    assert_eq!(
        ids,
        ["pk-reports-students-ur", "undated-news", "in-news-students"]
    );
    assert_eq!(selection.counts[Facet::Country as usize], [1, 2]);
    let (ids, _) = run("q=x&sort=newest&country=pakistan", Some(&hits));
    assert_eq!(ids, ["pk-reports-students-ur", "undated-news"]);
    let none = Hits::default();
    let (ids, selection) = run("q=x", Some(&none));
    assert!(ids.is_empty());
    assert_eq!(selection.counts[Facet::Country as usize], [0, 0]);
}

#[test]
fn a_search_alone_lists_before_the_facet_data_as_it_will_after() {
    let hits = Hits {
        docs: vec![(0, 1.0), (2, 3.0), (3, 1.0), (4, 2.0)],
        ..Hits::default()
    };
    for url in ["q=x", "q=x&sort=newest", "q=x&sort=relevance"] {
        let (_, after) = run(url, Some(&hits));
        let q = Query::from_pairs(url_pairs(url).iter().copied(), &taxonomy());
        assert!(q.is_text_only());
        let before = Selection::of_hits(&hits, q.sort()).expect("no dates needed");
        assert_eq!(before.positions, after.positions, "{url}");
        assert!(before.counts.is_empty(), "the counts are not known yet");
    }
    let q = Query::from_pairs(url_pairs("q=x&sort=oldest").iter().copied(), &taxonomy());
    assert_eq!(Selection::of_hits(&hits, q.sort()), None, "needs the dates");
    for url in [
        "q=x&country=pakistan",
        "q=x&from=2020-01-01",
        "country=pakistan",
        "",
    ] {
        let q = Query::from_pairs(url_pairs(url).iter().copied(), &taxonomy());
        assert!(!q.is_text_only(), "{url}");
    }
}

#[test]
fn the_unfiltered_listing_matches_the_index() {
    let mut tax = taxonomy();
    let (_, selection) = run("", None);
    for facet in Facet::ALL {
        for (term, count) in tax
            .terms_mut(facet)
            .iter_mut()
            .zip(&selection.counts[facet as usize])
        {
            term.count = *count;
        }
    }
    assert_eq!(Selection::unfiltered(5, &tax), selection);
}

#[test]
fn damaged_facet_data_narrows_less_or_fails_cleanly() {
    let tax = taxonomy();
    let mut data = FacetData::from_entries(&entries(), &tax);
    // A dictionary with fewer terms than the data: the extra lists are
    // ignored, nothing panics.
    let mut small = tax.clone();
    small.countries.truncate(1);
    let index = FacetIndex::from_data(&data, &small).unwrap();
    let selection = index.evaluate(&Filter::default(), DateRange::default(), None, Sort::Newest);
    assert_eq!(selection.positions.len(), 5);
    assert_eq!(selection.counts[Facet::Country as usize], [2]);
    data.lists[0] = "%%".into();
    let err = FacetIndex::from_data(&data, &tax).unwrap_err();
    assert!(err.to_string().contains("not base64"), "{err}");
}

#[test]
fn bits() {
    let mut b = Bits::empty(130);
    for i in [0, 63, 64, 129, 500] {
        b.set(i);
    }
    assert_eq!(b.ones().collect::<Vec<_>>(), [0, 63, 64, 129]);
    assert_eq!(Bits::full(130).ones().count(), 130);
    assert_eq!(Bits::full(128).ones().count(), 128);
    assert_eq!(Bits::full(0).ones().count(), 0);
}

#[test]
fn the_panel_lists_the_commonest_values_and_keeps_every_choice() {
    let tax = taxonomy();
    // Countries: india 1, pakistan 3; limit 1 keeps pakistan, and india
    // too once selected.
    let rows = facet_rows(&tax, Facet::Country, &[1, 3], &[], 1);
    let terms: Vec<u32> = rows.iter().map(|r| r.term).collect();
    assert_eq!(terms, [1]);
    let rows = facet_rows(&tax, Facet::Country, &[1, 3], &[0], 1);
    assert_eq!(
        rows.iter()
            .map(|r| (r.term, r.selected))
            .collect::<Vec<_>>(),
        [(1, false), (0, true)]
    );
    // Years keep their own order (newest first), whatever the counts.
    let rows = facet_rows(&tax, Facet::Year, &[1, 9], &[], 8);
    assert_eq!(
        rows.iter().map(|r| r.label.as_str()).collect::<Vec<_>>(),
        ["2024", "2019"]
    );
}

#[test]
fn a_page_of_hits_is_that_page_of_the_whole_ranked_list() {
    // Scores with ties (equal scores rank by position), and pages before,
    // across and past the end.
    let mut seed = 7u32;
    let mut next = move || {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        seed >> 16
    };
    for n in [0usize, 1, 5, 20, 21, 57, 300] {
        let docs: Vec<(u32, f32)> = (0..n as u32)
            .map(|d| (d * 3 + next() % 3, (next() % 7) as f32 / 2.0))
            .collect::<std::collections::BTreeMap<_, _>>()
            .into_iter()
            .collect();
        let hits = Hits {
            docs,
            ..Hits::default()
        };
        for sort in [Sort::Relevance, Sort::Newest] {
            let all = Selection::of_hits(&hits, sort)
                .expect("no dates needed")
                .positions;
            for range in [0..20, 20..40, 40..60, 280..300, 0..0, 500..520] {
                let want = all
                    .get(range.start.min(all.len())..range.end.min(all.len()))
                    .unwrap_or_default();
                assert_eq!(
                    page_of_hits(&hits, sort, range.clone()).expect("no dates needed"),
                    want,
                    "{n} hits, {sort:?}, {range:?}"
                );
            }
        }
    }
    assert_eq!(page_of_hits(&Hits::default(), Sort::Oldest, 0..20), None);
}
