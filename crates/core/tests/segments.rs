//! A list stored in segments answers exactly as the same list stored whole
//! (proptest): random archives are cut into consecutive segments, each with
//! a dictionary of its own (only the terms it uses, in a shuffled order,
//! counted among its own articles), and every filter gives the same
//! positions and the same counts through [`FacetIndex::from_segments`] as
//! through [`FacetIndex::from_data`] on the whole list.

use broadsheet_core::{
    Date, DateRange, Entry, Facet, FacetData, FacetIndex, Filter, Remap, Sort, Taxonomy,
};
use proptest::prelude::*;

mod support;
use support::{archive, taxonomy, FIRST_YEAR, TERMS, YEARS};

/// A segment's dictionary: the terms `entries` use, ordered by `shuffle`,
/// and the entries indexing it.
fn localize(entries: &[Entry], global: &Taxonomy, shuffle: u64) -> (Taxonomy, Vec<Entry>) {
    let mut local = Taxonomy::default();
    let mut maps = Vec::new();
    for facet in Facet::ALL {
        let mut used: Vec<u32> = entries
            .iter()
            .flat_map(|e| e.terms(facet).to_vec())
            .collect();
        used.sort_unstable();
        used.dedup();
        used.sort_by_key(|&t| (u64::from(t) + 1).wrapping_mul(shuffle | 1) % 97);
        let out = local.terms_mut(facet);
        for &g in &used {
            out.push(global.terms(facet)[g as usize].clone());
        }
        maps.push((facet, used));
    }
    let index = |facet: Facet, g: u32| {
        let (_, used) = maps.iter().find(|(f, _)| *f == facet)?;
        used.iter().position(|&u| u == g).map(|i| i as u32)
    };
    let entries = entries
        .iter()
        .map(|e| {
            let mut e = e.clone();
            e.map_terms(index);
            e
        })
        .collect();
    (local, entries)
}

fn filter() -> impl Strategy<Value = Vec<(usize, u32)>> {
    proptest::collection::vec((0usize..6, 0..TERMS), 0..4)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn segments_answer_as_the_whole_list(
        entries in archive(),
        cuts in proptest::collection::vec(0usize..80, 0..5),
        shuffle in any::<u64>(),
        picks in filter(),
        range in proptest::option::of((0..YEARS, 0u16..3)),
    ) {
        let global = taxonomy();
        let whole = FacetIndex::from_data(&FacetData::from_entries(&entries, &global), &global).unwrap();

        let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(entries.len())).collect();
        cuts.extend([0, entries.len()]);
        cuts.sort_unstable();
        cuts.dedup();
        let parts: Vec<(FacetData, Remap)> = cuts
            .windows(2)
            .map(|w| {
                let (dictionary, local) = localize(&entries[w[0]..w[1]], &global, shuffle);
                (FacetData::from_entries(&local, &dictionary), Remap::new(&dictionary, &global))
            })
            .collect();
        let parts: Vec<(&FacetData, &Remap)> = parts.iter().map(|(d, r)| (d, r)).collect();
        let segmented = FacetIndex::from_segments(&parts, &global).unwrap();
        prop_assert_eq!(segmented.len(), whole.len());

        let mut filter = Filter::default();
        for (facet, term) in picks {
            filter = filter.toggled(Facet::ALL[facet], term);
        }
        let range = range.map_or(DateRange::default(), |(from, span)| DateRange {
            from: Date::new(FIRST_YEAR + from, 1, 1).ok(),
            to: Date::new(FIRST_YEAR + from + span, 12, 31).ok(),
        });
        for sort in [Sort::Newest, Sort::Oldest] {
            let a = whole.evaluate(&filter, range, None, sort);
            let b = segmented.evaluate(&filter, range, None, sort);
            prop_assert_eq!(&a.positions, &b.positions);
            prop_assert_eq!(&a.counts, &b.counts);
        }
    }
}

mod search {
    //! The same property for search: an archive's text indexed in
    //! segments answers every query — words, completions, corrections,
    //! phrases, exclusions, scores — exactly as one index of it.

    use std::collections::HashMap;

    use broadsheet_core::search::{
        run_parts, DocTerms, DocText, IndexCache, IndexLimits, IndexWriter, TextQuery,
    };
    use broadsheet_core::SearchIndex;
    use proptest::prelude::*;

    const WORDS: [&str; 16] = [
        "workers", "worker", "working", "union", "unions", "strike", "strikes", "students",
        "student", "kashmir", "kashmiri", "lahore", "teachers", "wages", "meeting", "rally",
    ];

    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(0..WORDS.len(), 1..12)
            .prop_map(|w| w.iter().map(|&i| WORDS[i]).collect::<Vec<_>>().join(" "))
    }

    fn query() -> impl Strategy<Value = String> {
        let word = (0..WORDS.len()).prop_map(|i| WORDS[i].to_string());
        prop_oneof![
            word.clone().prop_map(|w| format!("{w} ")),
            (word.clone(), word.clone()).prop_map(|(a, b)| format!("{a} {b} ")),
            word.clone().prop_map(|w| w[..3].to_string()),
            word.clone()
                .prop_map(|w| format!("{}x{} ", &w[..3], &w[3..])),
            (word.clone(), word.clone()).prop_map(|(a, b)| format!("\"{a} {b}\" ")),
            (word.clone(), word).prop_map(|(a, b)| format!("{a} -{b} ")),
        ]
    }

    type Built = (SearchIndex, HashMap<String, Vec<u8>>);

    fn index(docs: &[(String, String)], name: &str, limits: IndexLimits) -> Built {
        let mut writer = IndexWriter::named(name);
        for (title, body) in docs {
            writer.add(DocTerms::analyze(&DocText {
                title,
                summary: "",
                body,
                language: "en",
            }));
        }
        let built = writer.finish(limits);
        let files = built.files.into_iter().map(|f| (f.path, f.bytes)).collect();
        (built.root, files)
    }

    fn answer(parts: &[(Built, u32)], q: &str) -> broadsheet_core::search::Hits {
        let roots: Vec<(&SearchIndex, u32)> = parts.iter().map(|((r, _), b)| (r, *b)).collect();
        let mut caches = vec![IndexCache::new(); parts.len()];
        let fetch = |r: &broadsheet_core::ShardRef| {
            parts
                .iter()
                .find_map(|((_, files), _)| files.get(&r.path).cloned())
        };
        run_parts(
            &roots,
            &mut caches,
            &TextQuery::parse(q, &Default::default()),
            fetch,
        )
        .unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(150))]

        #[test]
        fn segments_search_as_one_index(
            docs in proptest::collection::vec((text(), text()), 1..30),
            cuts in proptest::collection::vec(0usize..30, 0..4),
            tiny in any::<bool>(),
            queries in proptest::collection::vec(query(), 1..6),
        ) {
            let limits = if tiny {
                IndexLimits { postings_bytes: 40, chunk_terms: 3, pairs_bytes: 60 }
            } else {
                IndexLimits::default()
            };
            let whole = vec![(index(&docs, "", limits), 0)];
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(docs.len())).collect();
            cuts.extend([0, docs.len()]);
            cuts.sort_unstable();
            cuts.dedup();
            let parts: Vec<(Built, u32)> = cuts
                .windows(2)
                .enumerate()
                .map(|(i, w)| (index(&docs[w[0]..w[1]], &format!("s{i}"), limits), w[0] as u32))
                .collect();
            for q in &queries {
                prop_assert_eq!(answer(&whole, q), answer(&parts, q), "{:?}", q);
            }
        }
    }
}
