//! The config's taxonomy applied to drafts: every spelling of a section,
//! region or country becomes its canonical name, and a country brings its
//! region along.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use broadsheet_core::Facet;

use crate::config::{Spellings, TaxonomyConfig};
use crate::draft::Draft;
use crate::Diagnostic;

/// The key two spellings share when they are the same term (the facet key:
/// “Sri Lanka”, “sri lanka” and “Sri-Lanka” are one).
pub fn key(label: &str) -> String {
    crate::slug::key_for(Facet::Section, label)
}

/// Canonical names by the key of every spelling, per facet.
#[derive(Debug, Default)]
pub struct Canon {
    sections: Names,
    regions: Names,
    countries: Names,
    /// The region of a country, by the country's canonical name.
    region_of: HashMap<String, String>,
}

#[derive(Debug, Default)]
struct Names {
    /// Whether the config lists this facet's terms at all (then a term it
    /// does not list is worth a warning: probably a typo).
    listed: bool,
    canonical: HashMap<String, String>,
}

impl Names {
    fn new(entries: Spellings) -> Names {
        let mut names = Names::default();
        for (name, aliases) in entries {
            names.listed = true;
            for spelling in std::iter::once(name).chain(aliases) {
                names
                    .canonical
                    .insert(key(spelling), name.trim().to_string());
            }
        }
        names
    }

    /// The canonical name of `label`, or `label` itself when unknown.
    fn resolve(&self, label: &str) -> (String, bool) {
        match self.canonical.get(&key(label)) {
            Some(name) => (name.clone(), true),
            None => (label.to_string(), false),
        }
    }
}

impl Canon {
    pub fn new(config: &TaxonomyConfig) -> Canon {
        let [sections, mut regions, countries] =
            config.facets().map(|(_, names)| Names::new(names));
        let region_of: HashMap<String, String> = config
            .countries
            .iter()
            .filter_map(|c| Some((c.name.trim().to_string(), c.region.clone()?)))
            .collect();
        // A country's region is a region the config knows, listed or not.
        for region in region_of.values() {
            regions
                .canonical
                .entry(key(region))
                .or_insert_with(|| region.trim().to_string());
        }
        Canon {
            sections,
            regions,
            countries,
            region_of,
        }
    }

    pub fn is_country(&self, key: &str) -> bool {
        self.countries.canonical.contains_key(key)
    }

    pub fn is_region(&self, key: &str) -> bool {
        self.regions.canonical.contains_key(key)
    }

    /// Renames every section, region and country to its canonical name, adds
    /// each country's region, and warns once per term the config does not
    /// list (when it lists that facet's terms).
    pub fn apply(&self, drafts: &mut [Draft], diags: &mut Vec<Diagnostic>) {
        let mut unknown: HashSet<(&'static str, String)> = HashSet::new();
        let mut warn = |facet: &'static str, label: &str, draft: &Draft| {
            if unknown.insert((facet, key(label))) {
                diags.push(Diagnostic::warning(
                    Path::new(&draft.file),
                    draft.line,
                    format!("{facet} `{label}` is not in the config's taxonomy"),
                ));
            }
        };
        for draft in drafts.iter_mut() {
            if let Some(section) = draft.section.take() {
                let (name, known) = self.sections.resolve(&section);
                if !known && self.sections.listed {
                    warn("section", &section, draft);
                }
                draft.section = Some(name);
            }
            let mut countries = Vec::new();
            for country in std::mem::take(&mut draft.countries) {
                let (name, known) = self.countries.resolve(&country);
                if !known && self.countries.listed {
                    warn("country", &country, draft);
                }
                push_new(&mut countries, name);
            }
            let mut regions = Vec::new();
            let implied = countries
                .iter()
                .filter_map(|c| self.region_of.get(c))
                .cloned();
            for region in std::mem::take(&mut draft.regions)
                .into_iter()
                .chain(implied)
            {
                let (name, known) = self.regions.resolve(&region);
                if !known && self.regions.listed {
                    warn("region", &region, draft);
                }
                push_new(&mut regions, name);
            }
            draft.countries = countries;
            draft.regions = regions;
        }
    }
}

/// Pushes `value` unless a spelling of it is already there.
fn push_new(values: &mut Vec<String>, value: String) {
    let k = key(&value);
    if !values.iter().any(|v| key(v) == k) {
        values.push(value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn aliases_become_names_and_countries_bring_their_region() {
        let config: Config = toml::from_str(
            r#"
[[taxonomy.regions]]
name = "Kashmir"
aliases = ["Pakistan-administered Kashmir", "Indian-administered Kashmir"]
[[taxonomy.regions]]
name = "South Asia"
[[taxonomy.countries]]
name = "Sri Lanka"
aliases = ["Ceylon"]
region = "South Asia"
"#,
        )
        .unwrap();
        let canon = Canon::new(&config.taxonomy);
        let (draft, _) = crate::import::markdown::read(
            "a.md",
            "---\ntitle: A\nregions: [pakistan-administered kashmir, Kashmir, Balochistan]\n\
             countries: [CEYLON, Sri Lanka]\nsection: News\n---\nText.\n"
                .as_bytes(),
            &Default::default(),
        );
        let mut drafts = vec![draft.unwrap()];
        let mut diags = Vec::new();
        canon.apply(&mut drafts, &mut diags);
        assert_eq!(drafts[0].regions, ["Kashmir", "Balochistan", "South Asia"]);
        assert_eq!(drafts[0].countries, ["Sri Lanka"]);
        assert_eq!(drafts[0].section.as_deref(), Some("News"));
        // Regions are listed, sections are not: only the region is a typo.
        let messages: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            messages,
            ["a.md:1: warning: region `Balochistan` is not in the config's taxonomy"]
        );
    }
}
