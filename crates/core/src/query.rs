//! Narrowing the catalog by facets: several values of one facet combine with
//! OR, different facets with AND. Filters come from and go to URL query pairs.

use crate::{Catalog, Entry, Facet, Taxonomy};

/// A facet selection resolved against a taxonomy (term indices, not keys).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// (facet, selected term indices), facets in [`Facet::ALL`] order, each
    /// present only if at least one of its values is known.
    selected: Vec<(Facet, Vec<u32>)>,
}

impl Filter {
    /// Reads `facet=key` pairs (e.g. from `?region=kashmir&tag=students`).
    /// Parameters that are not facets, and keys the taxonomy does not know,
    /// are ignored: a stale or hand-edited link still shows something useful.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
        taxonomy: &Taxonomy,
    ) -> Filter {
        let mut by_facet: Vec<(Facet, Vec<u32>)> = Facet::ALL.map(|f| (f, Vec::new())).to_vec();
        for (param, key) in pairs {
            let Some(facet) = Facet::from_param(param) else {
                continue;
            };
            let Some(index) = taxonomy.find(facet, key.trim()) else {
                continue;
            };
            let slot = &mut by_facet
                .iter_mut()
                .find(|(f, _)| *f == facet)
                .expect("every facet has a slot")
                .1;
            if !slot.contains(&index) {
                slot.push(index);
            }
        }
        by_facet.retain(|(_, v)| !v.is_empty());
        for (_, v) in &mut by_facet {
            v.sort_unstable();
        }
        Filter { selected: by_facet }
    }

    pub fn is_empty(&self) -> bool {
        self.selected.is_empty()
    }

    /// The selected term indices of a facet (empty when not filtered).
    pub fn selected(&self, facet: Facet) -> &[u32] {
        self.selected
            .iter()
            .find(|(f, _)| *f == facet)
            .map(|(_, v)| v.as_slice())
            .unwrap_or(&[])
    }

    /// Does the entry satisfy every active facet?
    pub fn matches(&self, entry: &Entry) -> bool {
        self.selected.iter().all(|(facet, wanted)| {
            entry
                .terms(*facet)
                .iter()
                .any(|t| wanted.binary_search(t).is_ok())
        })
    }

    /// Positions in the catalog of the matching entries, in catalog order.
    pub fn apply(&self, catalog: &Catalog) -> Vec<usize> {
        catalog
            .articles
            .iter()
            .enumerate()
            .filter(|(_, e)| self.matches(e))
            .map(|(i, _)| i)
            .collect()
    }

    /// The filter as `param=key` pairs, in a canonical order.
    pub fn to_pairs(&self, taxonomy: &Taxonomy) -> Vec<(&'static str, String)> {
        self.selected
            .iter()
            .flat_map(|(facet, indices)| {
                indices.iter().filter_map(move |&i| {
                    taxonomy
                        .term(*facet, i)
                        .map(|t| (facet.param(), t.key.clone()))
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Direction, Term};

    fn terms(keys: &[&str]) -> Vec<Term> {
        keys.iter()
            .map(|k| Term {
                key: k.to_string(),
                label: k.to_string(),
                count: 0,
            })
            .collect()
    }

    fn taxonomy() -> Taxonomy {
        Taxonomy {
            sections: terms(&["news", "reports"]),
            regions: terms(&["south-asia", "kashmir"]),
            countries: terms(&["india", "pakistan"]),
            tags: terms(&["students", "strikes"]),
            authors: terms(&["a", "b"]),
            languages: terms(&["en", "ur"]),
        }
    }

    fn entry(id: &str, section: u32, countries: &[u32], tags: &[u32], language: u32) -> Entry {
        Entry {
            id: id.into(),
            slug: id.into(),
            title: id.into(),
            date: None,
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
        }
    }

    fn catalog() -> Catalog {
        Catalog {
            format: crate::FORMAT_NAME.into(),
            version: crate::FORMAT_VERSION,
            articles: vec![
                entry("in-news-students", 0, &[0], &[0], 0),
                entry("pk-news-strikes", 0, &[1], &[1], 0),
                entry("pk-reports-students-ur", 1, &[1], &[0], 1),
                entry("both-reports", 1, &[0, 1], &[], 0),
            ],
        }
    }

    fn ids(query: &str) -> Vec<String> {
        let pairs: Vec<(&str, &str)> = query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| p.split_once('=').unwrap_or((p, "")))
            .collect();
        let cat = catalog();
        Filter::from_pairs(pairs, &taxonomy())
            .apply(&cat)
            .into_iter()
            .map(|i| cat.articles[i].id.clone())
            .collect()
    }

    #[test]
    fn facets_and_values_combine() {
        let all = [
            "in-news-students",
            "pk-news-strikes",
            "pk-reports-students-ur",
            "both-reports",
        ];
        let cases: &[(&str, &[&str])] = &[
            ("", &all),
            (
                "country=pakistan",
                &["pk-news-strikes", "pk-reports-students-ur", "both-reports"],
            ),
            ("country=pakistan&country=india", &all),
            ("country=pakistan&tag=students", &["pk-reports-students-ur"]),
            (
                "section=news&tag=students&tag=strikes",
                &["in-news-students", "pk-news-strikes"],
            ),
            ("lang=ur", &["pk-reports-students-ur"]),
            ("region=kashmir", &[]),
            // Unknown values and parameters are ignored, not errors.
            ("country=atlantis", &all),
            (
                "country=atlantis&country=india",
                &["in-news-students", "both-reports"],
            ),
            ("colour=red&page=2&q=", &all),
            ("country=%%%", &all),
        ];
        for (query, want) in cases {
            assert_eq!(ids(query), *want, "query {query:?}");
        }
    }

    #[test]
    fn pairs_round_trip_canonically() {
        let tax = taxonomy();
        let f = Filter::from_pairs(
            [
                ("tag", "strikes"),
                ("country", "india"),
                ("tag", "students"),
                ("tag", "strikes"),
            ],
            &tax,
        );
        let pairs = f.to_pairs(&tax);
        assert_eq!(
            pairs,
            [
                ("country", "india".to_string()),
                ("tag", "students".to_string()),
                ("tag", "strikes".to_string())
            ]
        );
        let again = Filter::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())), &tax);
        assert_eq!(again, f);
        assert_eq!(f.selected(Facet::Tag), &[0, 1]);
        assert!(f.selected(Facet::Author).is_empty());
    }
}
