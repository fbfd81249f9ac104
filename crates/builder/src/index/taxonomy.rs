//! Building the facet dictionaries from drafts: one term per distinct key,
//! sorted by key so the same sources always give the same indices.

use std::borrow::Cow;
use std::collections::BTreeMap;

use broadsheet_core::{Entry, Facet, Taxonomy, Term};

use crate::draft::Draft;
use crate::slug::key_for;

/// The labels a draft carries for a facet (languages by tag, years as
/// numbers).
pub fn labels(draft: &Draft, facet: Facet) -> Vec<Cow<'_, str>> {
    match facet {
        Facet::Section => borrowed(draft.section.as_slice()),
        Facet::Region => borrowed(&draft.regions),
        Facet::Country => borrowed(&draft.countries),
        Facet::Tag => borrowed(&draft.tags),
        Facet::Author => borrowed(&draft.authors),
        Facet::Language => vec![Cow::from(draft.language.as_str())],
        Facet::Year => draft
            .date
            .map(|d| Cow::from(d.year().to_string()))
            .into_iter()
            .collect(),
    }
}

fn borrowed(values: &[String]) -> Vec<Cow<'_, str>> {
    values.iter().map(|s| Cow::from(s.as_str())).collect()
}

/// Collects every facet's terms with counts. The first label seen for a key
/// (in source order) is the one shown. Terms are sorted by key; years newest
/// first.
pub fn build(drafts: &[&Draft]) -> Taxonomy {
    let mut taxonomy = Taxonomy::default();
    for facet in Facet::ALL {
        let mut terms: BTreeMap<String, Term> = BTreeMap::new();
        for draft in drafts {
            let mut seen_here: Vec<String> = Vec::new();
            for label in labels(draft, facet) {
                let key = key_for(facet, &label);
                if seen_here.contains(&key) {
                    continue;
                }
                let term = terms.entry(key.clone()).or_insert_with(|| Term {
                    key: key.clone(),
                    label: display_label(facet, &label),
                    count: 0,
                });
                term.count += 1;
                seen_here.push(key);
            }
        }
        let mut terms: Vec<Term> = terms.into_values().collect();
        if facet == Facet::Year {
            terms.reverse();
        }
        *taxonomy.terms_mut(facet) = terms;
    }
    taxonomy
}

fn display_label(facet: Facet, label: &str) -> String {
    if facet == Facet::Language {
        language_name(label).unwrap_or(label).to_string()
    } else {
        label.to_string()
    }
}

/// The name of a language in itself (its autonym), for the common ones.
fn language_name(tag: &str) -> Option<&'static str> {
    let primary = tag.split('-').next()?.to_ascii_lowercase();
    Some(match primary.as_str() {
        "en" => "English",
        "ur" => "اردو",
        "hi" => "हिन्दी",
        "bn" => "বাংলা",
        "pa" => "ਪੰਜਾਬੀ",
        "ta" => "தமிழ்",
        "si" => "සිංහල",
        "ne" => "नेपाली",
        "my" => "မြန်မာ",
        "zh" => "中文",
        "ar" => "العربية",
        "fa" => "فارسی",
        "ps" => "پښتو",
        "sd" => "سنڌي",
        "es" => "Español",
        "fr" => "Français",
        "de" => "Deutsch",
        "pt" => "Português",
        "ru" => "Русский",
        "tr" => "Türkçe",
        _ => return None,
    })
}

/// The labels of an entry's terms in one facet.
pub fn term_labels(taxonomy: &Taxonomy, entry: &Entry, facet: Facet) -> Vec<String> {
    entry
        .terms(facet)
        .iter()
        .filter_map(|&i| taxonomy.term(facet, i).map(|t| t.label.clone()))
        .collect()
}
