//! The article model as it travels in a bundle: catalog entries that point
//! into the taxonomy's dictionaries, and the vocabulary (terms, facets).

use serde::{Deserialize, Serialize};

use crate::{reading_minutes, Date};

/// One value of a facet: a stable URL key and the label people read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    /// Lower-case ASCII key used in URLs (`sri-lanka`), unique within its facet.
    pub key: String,
    /// Display label (`Sri Lanka`, `اردو`).
    pub label: String,
    /// How many articles carry this term.
    pub count: u32,
}

/// The dimensions an archive can be narrowed by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Facet {
    Section,
    Region,
    Country,
    Tag,
    Author,
    Language,
    /// Derived from the date; undated articles have no year.
    Year,
}

impl Facet {
    pub const ALL: [Facet; 7] = [
        Facet::Section,
        Facet::Region,
        Facet::Country,
        Facet::Tag,
        Facet::Author,
        Facet::Language,
        Facet::Year,
    ];

    /// The query-string parameter for this facet (`/?region=kashmir`).
    pub fn param(self) -> &'static str {
        match self {
            Facet::Section => "section",
            Facet::Region => "region",
            Facet::Country => "country",
            Facet::Tag => "tag",
            Facet::Author => "author",
            Facet::Language => "lang",
            Facet::Year => "year",
        }
    }

    pub fn from_param(param: &str) -> Option<Facet> {
        Facet::ALL.into_iter().find(|f| f.param() == param)
    }

    /// The message key of this facet's heading in the interface.
    pub fn title_key(self) -> &'static str {
        match self {
            Facet::Section => "facet.section",
            Facet::Region => "facet.region",
            Facet::Country => "facet.country",
            Facet::Tag => "facet.tag",
            Facet::Author => "facet.author",
            Facet::Language => "facet.language",
            Facet::Year => "facet.year",
        }
    }
}

/// Dictionaries of every facet's terms; entries refer to them by index, which
/// keeps the catalog small when an archive has tens of thousands of articles.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Taxonomy {
    pub sections: Vec<Term>,
    pub regions: Vec<Term>,
    pub countries: Vec<Term>,
    pub tags: Vec<Term>,
    pub authors: Vec<Term>,
    pub languages: Vec<Term>,
    /// Years with articles, newest first (keys are the year: `2024`).
    #[serde(default)]
    pub years: Vec<Term>,
    /// The site's names for terms in interface languages (a manifest's
    /// only), sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<Label>,
}

/// A term's name translated by the site (`broadsheet.toml`: `labels = { ur
/// = "خبریں" }` on a section, region or country): `[interface language
/// code, facet parameter, term key, name]`, e.g. `["ur", "section", "news",
/// "خبریں"]`. A list, not nested maps: the reader's wasm decodes it with the
/// code it already has for lists of strings.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Label(pub String, pub String, pub String, pub String);

impl Taxonomy {
    /// How a search box's words are analysed for this archive: in every
    /// language its articles are written in.
    pub fn query_analysis(&self) -> crate::search::QueryAnalysis {
        crate::search::QueryAnalysis::for_languages(self.languages.iter().map(|t| t.key.as_str()))
    }

    pub fn terms(&self, facet: Facet) -> &[Term] {
        match facet {
            Facet::Section => &self.sections,
            Facet::Region => &self.regions,
            Facet::Country => &self.countries,
            Facet::Tag => &self.tags,
            Facet::Author => &self.authors,
            Facet::Language => &self.languages,
            Facet::Year => &self.years,
        }
    }

    /// Shows each term the site translated into `language` (a BCP 47 tag,
    /// matched by its primary subtag) by that name; the others keep theirs.
    pub fn translate(&mut self, language: &str) {
        let primary = primary_subtag(language);
        let labels = std::mem::take(&mut self.labels);
        for Label(_, facet, key, name) in labels.iter().filter(|l| l.0 == primary) {
            let Some(facet) = Facet::from_param(facet) else {
                continue;
            };
            if let Some(term) = self.terms_mut(facet).iter_mut().find(|t| t.key == *key) {
                term.label.clone_from(name);
            }
        }
        self.labels = labels;
    }

    pub fn terms_mut(&mut self, facet: Facet) -> &mut Vec<Term> {
        match facet {
            Facet::Section => &mut self.sections,
            Facet::Region => &mut self.regions,
            Facet::Country => &mut self.countries,
            Facet::Tag => &mut self.tags,
            Facet::Author => &mut self.authors,
            Facet::Language => &mut self.languages,
            Facet::Year => &mut self.years,
        }
    }

    /// The term at `index` in `facet`, if the index is valid.
    pub fn term(&self, facet: Facet, index: u32) -> Option<&Term> {
        self.terms(facet).get(index as usize)
    }

    /// Index of the term whose key is `key`.
    pub fn find(&self, facet: Facet, key: &str) -> Option<u32> {
        self.terms(facet)
            .iter()
            .position(|t| t.key == key)
            .and_then(|i| u32::try_from(i).ok())
    }
}

/// Text direction of an article.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    #[default]
    Ltr,
    Rtl,
}

/// The primary subtag of a BCP 47 tag (`es` of `es-MX`, `nb` of `nb_NO`),
/// as written.
pub fn primary_subtag(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or("")
}

impl Direction {
    /// The direction a language is written in, from its BCP 47 tag's primary
    /// subtag (or an explicit `Arab`/`Hebr`/… script subtag).
    pub fn for_language(tag: &str) -> Direction {
        const RTL_LANGUAGES: [&str; 12] = [
            "ar", "arc", "ckb", "dv", "fa", "he", "ks", "ps", "sd", "ug", "ur", "yi",
        ];
        const RTL_SCRIPTS: [&str; 6] = ["arab", "hebr", "syrc", "thaa", "nkoo", "adlm"];
        let lower = tag.to_ascii_lowercase();
        let mut subtags = lower.split(['-', '_']);
        let primary = subtags.next().unwrap_or("");
        let script = subtags.find(|s| s.len() == 4);
        match script {
            Some(s) if RTL_SCRIPTS.contains(&s) => Direction::Rtl,
            Some(_) => Direction::Ltr,
            None if RTL_LANGUAGES.contains(&primary) => Direction::Rtl,
            None => Direction::Ltr,
        }
    }

    /// The value of an HTML `dir` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// Where an article came from, for error messages and provenance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// Path relative to the source root the builder was given.
    pub file: String,
    /// 1-based line where the article starts.
    pub line: u32,
    /// The article's address on its original site, if the source gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// One article's listing metadata: everything the list and the filters need,
/// nothing they do not (the body lives in a body shard).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Stable identifier, unique in the bundle.
    pub id: String,
    /// URL path segment, unique in the bundle (`/articles/<slug>`).
    pub slug: String,
    /// Plain text, never HTML.
    pub title: String,
    /// Publication date; undated articles are valid and sort last.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Indices into [`Taxonomy::authors`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<u32>,
    /// Index into [`Taxonomy::sections`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<u32>,
    /// Index into [`Taxonomy::languages`]; the term key is the BCP 47 tag.
    pub language: u32,
    pub dir: Direction,
    /// Teaser, plain text (escaped when shown, never treated as HTML).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    /// Words in the body.
    pub words: u32,
    /// Index of the body shard (in [`crate::Tables::bodies`]) holding the body.
    pub shard: u32,
    /// Articles sharing this key are translations of one another (their
    /// links are in each one's [`crate::Body::translations`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation: Option<String>,
    /// Its card's small picture, when the archive asks for them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumb: Option<crate::pictures::Thumb>,
}

impl Entry {
    pub fn reading_minutes(&self) -> u32 {
        reading_minutes(self.words)
    }

    /// The term indices this entry carries for a facet. The year is not
    /// stored in entries (it follows from [`Entry::date`]): always empty.
    /// Replaces every term index by `map(facet, index)`, dropping those it
    /// maps to `None` (a language mapped to `None` becomes the first).
    pub fn map_terms(&mut self, map: impl Fn(Facet, u32) -> Option<u32>) {
        let list = |facet: Facet, terms: &mut Vec<u32>| {
            *terms = terms.iter().filter_map(|&t| map(facet, t)).collect();
        };
        list(Facet::Author, &mut self.authors);
        list(Facet::Region, &mut self.regions);
        list(Facet::Country, &mut self.countries);
        list(Facet::Tag, &mut self.tags);
        self.section = self.section.and_then(|s| map(Facet::Section, s));
        self.language = map(Facet::Language, self.language).unwrap_or(0);
    }

    pub fn terms(&self, facet: Facet) -> &[u32] {
        match facet {
            Facet::Section => self.section.as_slice(),
            Facet::Region => &self.regions,
            Facet::Country => &self.countries,
            Facet::Tag => &self.tags,
            Facet::Author => &self.authors,
            Facet::Language => std::slice::from_ref(&self.language),
            Facet::Year => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_take_the_names_the_site_gave_them_in_a_language() {
        let term = |key: &str, label: &str| Term {
            key: key.into(),
            label: label.into(),
            count: 1,
        };
        let mut taxonomy = Taxonomy {
            sections: vec![term("news", "News"), term("reports", "Reports")],
            countries: vec![term("pakistan", "Pakistan")],
            ..Taxonomy::default()
        };
        let label = |facet: &str, key: &str, name: &str| {
            Label("ur".into(), facet.into(), key.into(), name.into())
        };
        taxonomy.labels = vec![
            label("country", "pakistan", "پاکستان"),
            label("section", "news", "خبریں"),
            label("nothing", "news", "?"),
        ];
        let mut urdu = taxonomy.clone();
        urdu.translate("ur-PK");
        assert_eq!(urdu.sections[0].label, "خبریں");
        assert_eq!(
            urdu.sections[1].label, "Reports",
            "not translated: canonical"
        );
        assert_eq!(urdu.countries[0].label, "پاکستان");
        let mut french = taxonomy.clone();
        french.translate("fr");
        assert_eq!(french.sections, taxonomy.sections);
        let json = serde_json::to_string(&taxonomy).unwrap();
        assert!(
            json.contains("\"labels\":[[\"ur\",\"country\",\"pakistan\",\"پاکستان\"]"),
            "{json}"
        );
        let plain = serde_json::to_string(&Taxonomy::default()).unwrap();
        assert!(!plain.contains("labels"), "no labels, no field: {plain}");
    }

    #[test]
    fn direction_follows_the_language_tag() {
        let cases = [
            ("ur", Direction::Rtl),
            ("ur-PK", Direction::Rtl),
            ("ar", Direction::Rtl),
            ("fa-IR", Direction::Rtl),
            ("en", Direction::Ltr),
            ("hi", Direction::Ltr),
            ("pa-Arab", Direction::Rtl),
            ("pa-Guru", Direction::Ltr),
            ("ks-Deva", Direction::Ltr),
            ("UR", Direction::Rtl),
            ("", Direction::Ltr),
        ];
        for (tag, want) in cases {
            assert_eq!(Direction::for_language(tag), want, "{tag}");
        }
    }

    #[test]
    fn facet_params_round_trip() {
        for facet in Facet::ALL {
            assert_eq!(Facet::from_param(facet.param()), Some(facet));
        }
        assert_eq!(Facet::from_param("nope"), None);
    }
}
