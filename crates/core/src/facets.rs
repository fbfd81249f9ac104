//! Faceted narrowing at archive scale: per-term article lists and bitsets,
//! so a filter change over 100,000 articles costs a few passes over compact
//! arrays, never a scan of the catalog's entries.
//!
//! Counts follow the usual faceted-search rule: a value's count is the number
//! of articles the list would show if that value were added, given every
//! *other* facet's selection (so choosing "India" does not zero "Pakistan").

use crate::search::Hits;
use crate::{Date, DateRange, DecodeError, Facet, FacetData, Filter, Sort, Taxonomy};

/// A set of catalog positions.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Bits(Vec<u64>);

impl Bits {
    fn empty(n: usize) -> Bits {
        Bits(vec![0; n.div_ceil(64)])
    }

    fn full(n: usize) -> Bits {
        let mut b = Bits(vec![u64::MAX; n.div_ceil(64)]);
        if !n.is_multiple_of(64) {
            if let Some(last) = b.0.last_mut() {
                *last = (1u64 << (n % 64)) - 1;
            }
        }
        b
    }

    fn set(&mut self, i: u32) {
        if let Some(w) = self.0.get_mut(i as usize / 64) {
            *w |= 1 << (i % 64);
        }
    }

    fn has(&self, i: u32) -> bool {
        self.0
            .get(i as usize / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    fn and(&mut self, other: &Bits) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a &= b;
        }
    }

    fn ones(&self) -> impl Iterator<Item = u32> + '_ {
        self.0.iter().enumerate().flat_map(|(w, &word)| {
            let mut word = word;
            std::iter::from_fn(move || {
                (word != 0).then(|| {
                    let bit = word.trailing_zeros();
                    word &= word - 1;
                    (w * 64) as u32 + bit
                })
            })
        })
    }
}

/// The facet data of a whole catalog, arranged for filtering and counting.
#[derive(Clone, Debug)]
pub struct FacetIndex {
    len: usize,
    /// Every position that may be shown (damaged entries left out).
    universe: Bits,
    /// `lists[facet][term]`: positions carrying that term, ascending.
    lists: Vec<Vec<Vec<u32>>>,
    dates: Vec<Option<Date>>,
}

/// A narrowed, counted list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Selection {
    /// Matching catalog positions, in the order asked for.
    pub positions: Vec<u32>,
    /// `counts[facet as usize][term]`: see the module documentation.
    pub counts: Vec<Vec<u32>>,
}

impl Selection {
    /// The whole archive in list order, with the dictionaries' counts: what
    /// the first screen shows before the facet data has arrived.
    pub fn unfiltered(articles: u32, taxonomy: &Taxonomy) -> Selection {
        Selection {
            positions: (0..articles).collect(),
            counts: Facet::ALL
                .iter()
                .map(|&f| taxonomy.terms(f).iter().map(|t| t.count).collect())
                .collect(),
        }
    }
}

impl FacetIndex {
    /// Arranges a bundle's facet data for filtering. Terms the taxonomy does
    /// not have and positions past the end are left out, so damaged data
    /// narrows less instead of failing; data that cannot be decoded is an
    /// error.
    pub fn from_data(data: &FacetData, taxonomy: &Taxonomy) -> Result<FacetIndex, DecodeError> {
        let invalid = |detail: String| DecodeError::Invalid { detail };
        let len = data.articles as usize;
        let dates = data.decode_dates().map_err(invalid)?;
        let mut lists = Vec::with_capacity(Facet::ALL.len());
        for facet in Facet::ALL {
            let terms = taxonomy.terms(facet).len();
            lists.push(if facet == Facet::Year {
                year_lists(&dates, taxonomy)
            } else {
                data.decode_lists(facet, terms).map_err(invalid)?
            });
        }
        Ok(FacetIndex {
            len,
            universe: Bits::full(len),
            lists,
            dates,
        })
    }

    /// Articles described (the list's positions are `0..len`).
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The list for a filter, a date range and (if searching) the search
    /// hits, sorted, with counts for every facet value.
    pub fn evaluate(
        &self,
        filter: &Filter,
        range: DateRange,
        hits: Option<&Hits>,
        sort: Sort,
    ) -> Selection {
        let mut base = self.universe.clone();
        if let Some(hits) = hits {
            let mut found = Bits::empty(self.len);
            for &(doc, _) in &hits.docs {
                found.set(doc);
            }
            base.and(&found);
        }
        if !range.is_open() {
            let mut inside = Bits::empty(self.len);
            for (i, d) in (0u32..).zip(&self.dates) {
                if range.contains(*d) {
                    inside.set(i);
                }
            }
            base.and(&inside);
        }
        // Each active facet's OR of its selected values.
        let selections: Vec<(Facet, Bits)> = filter
            .active()
            .map(|(facet, terms)| {
                let mut bits = Bits::empty(self.len);
                for &t in terms {
                    for &p in self.list(facet, t) {
                        bits.set(p);
                    }
                }
                (facet, bits)
            })
            .collect();
        let mut all = base.clone();
        for (_, bits) in &selections {
            all.and(bits);
        }
        let counts = Facet::ALL
            .iter()
            .map(|&facet| {
                let mask = if selections.iter().any(|(f, _)| *f == facet) {
                    let mut m = base.clone();
                    for (_, bits) in selections.iter().filter(|(f, _)| *f != facet) {
                        m.and(bits);
                    }
                    m
                } else {
                    all.clone()
                };
                self.lists[facet as usize]
                    .iter()
                    .map(|list| list.iter().filter(|&&p| mask.has(p)).count() as u32)
                    .collect()
            })
            .collect();
        Selection {
            positions: self.order(&all, hits, sort),
            counts,
        }
    }

    fn list(&self, facet: Facet, term: u32) -> &[u32] {
        self.lists[facet as usize]
            .get(term as usize)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Sorts a set of positions. The catalog is newest first with undated
    /// articles last, so newest is position order and oldest is the dated
    /// positions reversed, then the undated ones.
    fn order(&self, set: &Bits, hits: Option<&Hits>, sort: Sort) -> Vec<u32> {
        let mut positions: Vec<u32> = set.ones().collect();
        match (sort, hits) {
            (Sort::Newest, _) | (Sort::Relevance, None) => positions,
            (Sort::Oldest, _) => {
                let split = positions.partition_point(|&p| self.dates[p as usize].is_some());
                positions[..split].reverse();
                positions
            }
            (Sort::Relevance, Some(hits)) => {
                // Best score first, then catalog order: one u64 key per hit
                // (scores are positive, so their bits sort like the numbers)
                // makes this a plain integer sort, the costliest step of a
                // keystroke on a large archive.
                let mut keyed: Vec<u64> = hits
                    .docs
                    .iter()
                    .filter(|(d, _)| set.has(*d))
                    .map(|&(d, score)| (u64::from(!score.max(0.0).to_bits()) << 32) | u64::from(d))
                    .collect();
                keyed.sort_unstable();
                keyed.into_iter().map(|k| k as u32).collect()
            }
        }
    }
}

/// Positions of each year of the taxonomy, from the dates.
fn year_lists(dates: &[Option<Date>], taxonomy: &Taxonomy) -> Vec<Vec<u32>> {
    let years = taxonomy.terms(Facet::Year);
    let index: std::collections::HashMap<u16, usize> = years
        .iter()
        .enumerate()
        .filter_map(|(i, t)| Some((t.key.parse().ok()?, i)))
        .collect();
    let mut lists = vec![Vec::new(); years.len()];
    for (position, date) in (0u32..).zip(dates) {
        if let Some(&i) = date.and_then(|d| index.get(&d.year())) {
            lists[i].push(position);
        }
    }
    lists
}

#[cfg(test)]
mod tests {
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
        let selection =
            index.evaluate(&Filter::default(), DateRange::default(), None, Sort::Newest);
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
}
