//! Listing headings and JSON-LD places filed under a country, a region or
//! a section.

use std::collections::HashSet;

use super::canon::{self, Canon};
use crate::draft::Draft;

/// A listing's heading names what its entries are about: a country or a
/// region when the config's taxonomy or other articles of the archive use
/// it as one (“Sri Lanka”, “Kashmir”), else their section.
pub fn place_headings(drafts: &mut [Draft], canon: &Canon) {
    let known = |pick: fn(&Draft) -> &[String]| -> HashSet<String> {
        drafts
            .iter()
            .flat_map(|d| pick(d).iter().map(|v| canon::key(v)))
            .collect()
    };
    let countries = known(|d| &d.countries);
    let regions = known(|d| &d.regions);
    for draft in drafts.iter_mut() {
        let place = |draft: &mut Draft, label: String| -> Option<String> {
            let key = canon::key(&label);
            if countries.contains(&key) || canon.is_country(&key) {
                draft.countries.push(label);
            } else if regions.contains(&key) || canon.is_region(&key) {
                draft.regions.push(label);
            } else {
                return Some(label);
            }
            None
        };
        if let Some(heading) = draft.heading.take() {
            if let Some(unplaced) = place(draft, heading) {
                draft.section.get_or_insert(unplaced);
            }
        }
        for label in std::mem::take(&mut draft.places) {
            if let Some(unplaced) = place(draft, label) {
                draft.tags.push(unplaced);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{markdown, ReadOptions};

    #[test]
    fn headings_become_countries_regions_or_sections() {
        let options = ReadOptions::default();
        let (article, _) = markdown::read(
            "a.md",
            b"---\ntitle: A\ncountry: Sri Lanka\nregion: South Asia\n---\nText.\n",
            &options,
        );
        let mut drafts: Vec<Draft> = article.into_iter().collect();
        for heading in ["sri lanka", "South Asia", "Reports"] {
            let text =
                format!("{heading}\n\nTitle\n\nTeaser [\u{2026}]\n\nLast\n\nTeaser [\u{2026}]\n");
            drafts
                .extend(crate::import::plaintext::read("l.txt", text.as_bytes(), &options).drafts);
        }
        place_headings(&mut drafts, &Canon::default());
        let placed: Vec<(Vec<String>, Vec<String>, Option<String>)> = drafts[1..]
            .iter()
            .step_by(2)
            .map(|d| (d.countries.clone(), d.regions.clone(), d.section.clone()))
            .collect();
        assert_eq!(
            placed,
            [
                (vec!["sri lanka".into()], vec![], None),
                (vec![], vec!["South Asia".into()], None),
                (vec![], vec![], Some("Reports".into())),
            ]
        );
    }
}
