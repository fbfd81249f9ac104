//! `broadsheet.toml`: the site, its taxonomy (canonical names, aliases, the
//! region of each country), image policy and per-source options. Every table
//! rejects unknown keys, so a typo is an error naming its line, not a setting
//! silently ignored.
//!
//! ```toml
//! [site]
//! title = "The Broadsheet Sample"
//! description = "Regional news and reports."
//! url = "https://example.org/archive/"
//! language = "en"
//!
//! [images]
//! remote = "link"           # the default; or "strip", or "keep"
//! thumbnails = true         # a small picture on each card (default false)
//!
//! [[taxonomy.regions]]
//! name = "Kashmir"
//! aliases = ["Pakistan-administered Kashmir", "Indian-administered Kashmir"]
//!
//! [[taxonomy.countries]]
//! name = "Sri Lanka"
//! aliases = ["Ceylon"]
//! region = "South Asia"
//! labels = { ur = "سری لنکا", ar = "سريلانكا" }   # its name in interface languages
//!
//! [[sources]]
//! path = "listings"         # relative to this file
//! importer = "text"         # markdown | text | feed | html
//! section = "News"
//! language = "ur"
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use broadsheet_core::{Facet, Label};

use serde::Deserialize;

use crate::import::{Importer, ReadOptions};
use crate::slug::key_for;
use crate::Diagnostic;

/// The name looked for when `--config` is not given.
pub const FILE_NAME: &str = "broadsheet.toml";

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub site: SiteConfig,
    #[serde(default)]
    pub images: Images,
    #[serde(default)]
    pub taxonomy: TaxonomyConfig,
    #[serde(default)]
    pub sources: Vec<SourceConfig>,
    /// Each `[[sources]]` path made canonical, once (not once a file).
    #[serde(skip)]
    roots: std::sync::OnceLock<Vec<Option<PathBuf>>>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: Option<String>,
    pub description: Option<String>,
    /// Where the archive is published (absolute URL).
    pub url: Option<String>,
    /// Language (BCP 47) of articles that do not name one.
    pub language: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Images {
    #[serde(default)]
    pub remote: RemoteImages,
    /// Each card in the list shows its article's first picture, small
    /// (192 × 128 pixels, about 5 KB a card). Off by default: a list
    /// without them is lighter on a slow link.
    #[serde(default)]
    pub thumbnails: bool,
}

/// What to do with images on other hosts in article bodies. Loading one
/// tells that host who reads what (and it may be blocked, slow or gone), so
/// by default reading never contacts another host.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RemoteImages {
    /// Each image becomes a link to it, labelled with its description and
    /// host ("Image: … (example.org)"): nothing loads unless the reader
    /// follows it.
    #[default]
    Link,
    /// Remove every image.
    Strip,
    /// Load images from their hosts (the reader's Content-Security-Policy
    /// then allows images from anywhere).
    Keep,
}

impl RemoteImages {
    /// Whether reading loads images from other hosts: the pages'
    /// Content-Security-Policy allows that only then.
    pub fn loads_remote(self) -> bool {
        self == RemoteImages::Keep
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaxonomyConfig {
    #[serde(default)]
    pub sections: Vec<Named>,
    #[serde(default)]
    pub regions: Vec<Named>,
    #[serde(default)]
    pub countries: Vec<Country>,
}

/// A facet's canonical names, each with its aliases.
pub type Spellings<'a> = Vec<(&'a String, &'a [String])>;

impl TaxonomyConfig {
    /// The names given in interface languages, as the manifest carries
    /// them (sorted).
    pub fn labels(&self) -> Vec<Label> {
        fn named(list: &[Named]) -> Vec<(&String, &BTreeMap<String, String>)> {
            list.iter().map(|n| (&n.name, &n.labels)).collect()
        }
        let countries = self
            .countries
            .iter()
            .map(|c| (&c.name, &c.labels))
            .collect();
        let mut labels = Vec::new();
        for (facet, names) in [
            (Facet::Section, named(&self.sections)),
            (Facet::Region, named(&self.regions)),
            (Facet::Country, countries),
        ] {
            for (name, translated) in names {
                for (language, label) in translated {
                    labels.push(Label(
                        language.trim().to_ascii_lowercase(),
                        facet.param().to_string(),
                        key_for(facet, name),
                        label.trim().to_string(),
                    ));
                }
            }
        }
        labels.sort();
        labels
    }

    /// Sections, regions and countries (as the config calls them), each
    /// with its names and their aliases.
    pub fn facets(&self) -> [(&'static str, Spellings<'_>); 3] {
        [
            ("sections", spellings(&self.sections)),
            ("regions", spellings(&self.regions)),
            (
                "countries",
                self.countries
                    .iter()
                    .map(|c| (&c.name, &c.aliases[..]))
                    .collect(),
            ),
        ]
    }
}

fn spellings(list: &[Named]) -> Spellings<'_> {
    list.iter().map(|n| (&n.name, &n.aliases[..])).collect()
}

/// A canonical name and the other spellings that mean it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Named {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The name in interface languages, by language code (`ur = "خبریں"`).
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The region every article about this country is also filed under.
    pub region: Option<String>,
    /// The name in interface languages, by language code.
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
}

/// Options for the files under one path.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceConfig {
    /// A file or folder, relative to the config file.
    pub path: PathBuf,
    /// Read every file here with this importer, whatever its extension.
    pub importer: Option<Importer>,
    /// Section of every article here that does not name one (and of listing
    /// entries, over the listing's heading).
    pub section: Option<String>,
    /// Language of articles here that do not name one.
    pub language: Option<String>,
}

impl Config {
    /// Reads and checks a config file; paths of sources become relative to
    /// the current folder. Problems are `file:line: error: …`.
    pub fn load(path: &Path) -> Result<Config, Diagnostic> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Diagnostic::error(path, 1, format!("cannot read the config: {e}")))?;
        let mut config = Config::parse(path, &text)?;
        let dir = path.parent().unwrap_or(Path::new(""));
        for source in &mut config.sources {
            source.path = dir.join(&source.path);
        }
        Ok(config)
    }

    fn parse(path: &Path, text: &str) -> Result<Config, Diagnostic> {
        let config: Config = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|span| crate::text::line_of_offset(text.as_bytes(), span.start))
                .unwrap_or(1);
            Diagnostic::error(path, line, e.message().trim_end().to_string())
        })?;
        config.check(path, text)?;
        Ok(config)
    }

    /// Checks what the types cannot: languages are tags, every alias means
    /// one name.
    fn check(&self, path: &Path, text: &str) -> Result<(), Diagnostic> {
        let error = |needle: &str, message: String| {
            let line = text
                .find(needle)
                .map(|at| crate::text::line_of_offset(text.as_bytes(), at))
                .unwrap_or(1);
            Diagnostic::error(path, line, message)
        };
        let languages = self
            .site
            .language
            .iter()
            .chain(self.sources.iter().filter_map(|s| s.language.as_ref()));
        for language in languages {
            if crate::language::normalize_language(language).is_none() {
                return Err(error(
                    language,
                    format!("`{language}` is not a BCP 47 language tag (e.g. `en`, `ur`, `pt-BR`)"),
                ));
            }
        }
        if let Some(url) = &self.site.url {
            if ammonia::Url::parse(url).is_err() {
                return Err(error(
                    url,
                    format!("site url `{url}` is not an absolute URL"),
                ));
            }
        }
        for (facet, names) in self.taxonomy.facets() {
            let mut seen: std::collections::HashMap<String, &String> = Default::default();
            for (name, aliases) in names {
                if name.trim().is_empty() {
                    return Err(error(facet, format!("a name in taxonomy.{facet} is empty")));
                }
                for spelling in std::iter::once(name).chain(aliases) {
                    let key = crate::slug::key_for(broadsheet_core::Facet::Section, spelling);
                    if let Some(other) = seen.insert(key, name) {
                        if other != name {
                            return Err(error(
                                spelling,
                                format!(
                                    "`{spelling}` in taxonomy.{facet} names both `{other}` and `{name}`"
                                ),
                            ));
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// The options for one file: the config's `[[sources]]` entry holding
    /// it gives its language, and its section and importer unless the
    /// command line forced them.
    pub fn read_options(&self, file: &Path, base: &ReadOptions) -> ReadOptions {
        let mut options = base.clone();
        if let Some(source) = self.source_for(file) {
            if let Some(language) = &source.language {
                options.default_language = language.clone();
            }
            options.section = options.section.or_else(|| source.section.clone());
            options.importer = options.importer.or(source.importer);
        }
        options
    }

    /// The options of the most specific `[[sources]]` entry holding `file`.
    pub fn source_for(&self, file: &Path) -> Option<&SourceConfig> {
        if self.sources.is_empty() {
            return None;
        }
        let roots = self.roots.get_or_init(|| {
            (self.sources.iter())
                .map(|s| std::fs::canonicalize(&s.path).ok())
                .collect()
        });
        let file = std::fs::canonicalize(file).ok()?;
        (roots.iter().zip(&self.sources))
            .filter_map(|(root, s)| Some((root.as_ref()?, s)))
            .filter(|(root, _)| file.starts_with(root))
            .max_by_key(|(root, _)| root.components().count())
            .map(|(_, s)| s)
    }
}

/// Finds the config: `explicit` if given, else `broadsheet.toml` in the
/// current folder, else in the first source folder.
pub fn locate(explicit: Option<&Path>, sources: &[PathBuf]) -> Option<PathBuf> {
    if let Some(path) = explicit {
        return Some(path.to_path_buf());
    }
    std::iter::once(PathBuf::from(FILE_NAME))
        .chain(
            sources
                .first()
                .filter(|s| s.is_dir())
                .map(|s| s.join(FILE_NAME)),
        )
        .find(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, String> {
        Config::parse(Path::new("broadsheet.toml"), text).map_err(|d| d.to_string())
    }

    #[test]
    fn a_full_config_reads() {
        let config = parse(
            r#"
[site]
title = "Archive"
url = "https://example.org/archive/"
language = "ur"

[images]
remote = "strip"

[[taxonomy.regions]]
name = "Kashmir"
aliases = ["Pakistan-administered Kashmir"]

[[taxonomy.countries]]
name = "Sri Lanka"
region = "South Asia"

[[sources]]
path = "listings"
importer = "listing"
section = "News"
"#,
        )
        .unwrap();
        assert_eq!(config.site.title.as_deref(), Some("Archive"));
        assert_eq!(config.images.remote, RemoteImages::Strip);
        assert_eq!(config.taxonomy.regions[0].aliases.len(), 1);
        assert_eq!(
            config.taxonomy.countries[0].region.as_deref(),
            Some("South Asia")
        );
        // `listing`, the importer's name before `text`, still reads.
        assert_eq!(config.sources[0].importer, Some(Importer::Text));
    }

    #[test]
    fn names_in_interface_languages_become_the_manifests_labels() {
        let config = parse(
            r#"
[[taxonomy.sections]]
name = "News"
labels = { ur = "خبریں", es = "Noticias" }
[[taxonomy.countries]]
name = "Sri Lanka"
region = "South Asia"
labels = { UR = " سری لنکا " }
[[taxonomy.regions]]
name = "Kashmir"
"#,
        )
        .unwrap();
        let labels = config.taxonomy.labels();
        let label = |code: &str, facet: &str, key: &str, name: &str| {
            Label(code.into(), facet.into(), key.into(), name.into())
        };
        assert_eq!(
            labels,
            [
                label("es", "section", "news", "Noticias"),
                label("ur", "country", "sri-lanka", "سری لنکا"),
                label("ur", "section", "news", "خبریں"),
            ]
        );
    }

    #[test]
    fn mistakes_name_their_line() {
        let cases = [
            ("[site]\ntitel = \"x\"\n", "broadsheet.toml:2: error: unknown field `titel`"),
            ("[images]\nremote = \"maybe\"\n", "broadsheet.toml:2: error: unknown variant `maybe`"),
            (
                "[[sources]]\npath = \"a\"\nimporter = \"pdf\"\n",
                "broadsheet.toml:3: error: unknown variant `pdf`",
            ),
            ("[site]\nlanguage = \"english!\"\n", "broadsheet.toml:2: error: `english!` is not"),
            ("[site]\nurl = \"/archive/\"\n", "broadsheet.toml:2: error: site url"),
            (
                "[[taxonomy.regions]]\nname = \"Kashmir\"\n[[taxonomy.regions]]\nname = \"Jammu\"\naliases = [\"kashmir\"]\n",
                "broadsheet.toml:5: error: `kashmir` in taxonomy.regions names both `Kashmir` and `Jammu`",
            ),
            ("[site\n", "broadsheet.toml:1: error:"),
        ];
        for (text, want) in cases {
            let got = parse(text).unwrap_err();
            assert!(got.starts_with(want), "{text:?}\n got: {got}\nwant: {want}");
        }
    }
}
