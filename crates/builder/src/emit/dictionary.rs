//! A segment's own dictionary: the archive's terms its articles use (and
//! the languages their translations are in), in the archive's order, with
//! counts among the segment's articles. Its cards and facet data index it,
//! so a term first used elsewhere changes nothing here.

use std::collections::HashMap;

use broadsheet_core::{Entry, Facet, Taxonomy, Term, Translation};

pub struct Dictionary {
    pub taxonomy: Taxonomy,
    /// For each facet of [`Facet::ALL`]: the archive's index → the segment's.
    local: Vec<HashMap<u32, u32>>,
}

impl Dictionary {
    /// The dictionary of `entries` (indexing `taxonomy`) and their
    /// `translations`.
    pub fn of(
        entries: &[&Entry],
        translations: &[Vec<Translation>],
        taxonomy: &Taxonomy,
    ) -> Dictionary {
        let mut dictionary = Taxonomy::default();
        let mut local = Vec::with_capacity(Facet::ALL.len());
        for facet in Facet::ALL {
            let mut counts: HashMap<u32, u32> = HashMap::new();
            if facet != Facet::Year {
                for entry in entries {
                    for &t in entry.terms(facet) {
                        *counts.entry(t).or_default() += 1;
                    }
                }
            }
            if facet == Facet::Language {
                for t in translations.iter().flatten() {
                    counts.entry(t.language).or_default();
                }
            }
            let mut used: Vec<u32> = counts.keys().copied().collect();
            used.sort_unstable();
            let terms = taxonomy.terms(facet);
            let mut map = HashMap::with_capacity(used.len());
            let out = dictionary.terms_mut(facet);
            for g in used {
                let Some(term) = terms.get(g as usize) else {
                    continue;
                };
                map.insert(g, out.len() as u32);
                out.push(Term {
                    key: term.key.clone(),
                    label: term.label.clone(),
                    count: counts[&g],
                });
            }
            local.push(map);
        }
        Dictionary {
            taxonomy: dictionary,
            local,
        }
    }

    /// The segment's index of the archive's term `global`.
    pub fn local(&self, facet: Facet, global: u32) -> u32 {
        let slot = Facet::ALL.iter().position(|&f| f == facet).unwrap_or(0);
        self.local[slot].get(&global).copied().unwrap_or(0)
    }

    /// `entry` indexing this dictionary.
    pub fn localize(&self, entry: &Entry) -> Entry {
        let mut entry = entry.clone();
        entry.map_terms(|facet, g| Some(self.local(facet, g)));
        entry
    }
}

#[cfg(test)]
mod tests {
    use broadsheet_core::Remap;

    use super::*;

    #[test]
    fn a_segment_dictionary_round_trips_through_the_reader_remap() {
        let term = |k: &str| Term {
            key: k.into(),
            label: k.to_uppercase(),
            count: 9,
        };
        let taxonomy = Taxonomy {
            tags: vec![term("a"), term("b"), term("c")],
            languages: vec![term("en"), term("ur")],
            ..Taxonomy::default()
        };
        let mut entry: Entry = serde_json::from_str(
            r#"{"id":"x","slug":"x","title":"x","language":1,"dir":"rtl","words":1,"shard":0,"tags":[2,0]}"#,
        )
        .unwrap();
        let translations = vec![vec![Translation {
            language: 0,
            slug: "y".into(),
            title: "y".into(),
        }]];
        let dictionary = Dictionary::of(&[&entry], &translations, &taxonomy);
        assert_eq!(
            dictionary
                .taxonomy
                .tags
                .iter()
                .map(|t| (t.key.as_str(), t.count))
                .collect::<Vec<_>>(),
            [("a", 1), ("c", 1)]
        );
        assert_eq!(
            dictionary.taxonomy.languages.len(),
            2,
            "the translation's language too"
        );
        let mut local = dictionary.localize(&entry);
        assert_eq!(local.tags, [1, 0]);
        Remap::new(&dictionary.taxonomy, &taxonomy).entry(&mut local);
        entry.shard = local.shard;
        assert_eq!(local, entry);
    }
}
