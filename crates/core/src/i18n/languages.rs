//! The interface languages the reader speaks, and which one a visitor gets.
//! A new language is its catalog file (`public/locales/<code>.json`) plus
//! one line in [`LANGUAGES`].

/// One interface language.
#[derive(Debug, PartialEq, Eq)]
pub struct Language {
    /// BCP 47 primary tag (`ur`), also the catalog's file name.
    pub code: &'static str,
    /// Its own name for itself, as the language menu shows it.
    pub name: &'static str,
    /// Written right to left.
    pub rtl: bool,
    /// The plural categories its counts need (Unicode CLDR), which every
    /// count in its catalog must give.
    pub plurals: &'static [&'static str],
}

impl Language {
    /// The `dir` attribute for text in this language.
    pub fn dir(&self) -> &'static str {
        if self.rtl {
            "rtl"
        } else {
            "ltr"
        }
    }
}

const ONE_OTHER: &[&str] = &["one", "other"];
const ONE_MANY_OTHER: &[&str] = &["one", "many", "other"];

/// Every interface language, English first (the fallback for a missing
/// message).
#[rustfmt::skip]
pub const LANGUAGES: [Language; 9] = [
    Language { code: "en", name: "English", rtl: false, plurals: ONE_OTHER },
    Language { code: "ur", name: "اردو", rtl: true, plurals: ONE_OTHER },
    Language { code: "hi", name: "हिन्दी", rtl: false, plurals: ONE_OTHER },
    Language { code: "ar", name: "العربية", rtl: true, plurals: &["zero", "one", "two", "few", "many", "other"] },
    Language { code: "fa", name: "فارسی", rtl: true, plurals: ONE_OTHER },
    Language { code: "es", name: "Español", rtl: false, plurals: ONE_MANY_OTHER },
    Language { code: "fr", name: "Français", rtl: false, plurals: ONE_MANY_OTHER },
    Language { code: "de", name: "Deutsch", rtl: false, plurals: ONE_OTHER },
    Language { code: "pt", name: "Português", rtl: false, plurals: ONE_MANY_OTHER },
];

/// English: the language of the catalog compiled into the reader.
pub const ENGLISH: &Language = &LANGUAGES[0];

/// The interface language for a language tag (`ur-PK`, `pt_BR`, `FR`),
/// matched by its primary subtag.
pub fn language(tag: &str) -> Option<&'static Language> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    LANGUAGES.iter().find(|l| l.code == primary)
}

/// Where a visitor's language can come from, strongest first.
#[derive(Clone, Debug, Default)]
pub struct Wishes<'a> {
    /// `?hl=` in the address (a shared link keeps its language).
    pub url: Option<&'a str>,
    /// The visitor's own choice, kept on the device.
    pub saved: Option<&'a str>,
    /// The browser's languages, most wanted first (`navigator.languages`).
    pub browser: &'a [String],
    /// The site's default (its configuration).
    pub site: Option<&'a str>,
}

/// The interface language for `wishes`: the address's, else the saved
/// choice, else the first of the browser's languages the interface has,
/// else the site's default, else English. A wish the interface lacks is
/// passed over.
pub fn choose(wishes: &Wishes) -> &'static Language {
    wishes
        .url
        .and_then(language)
        .or_else(|| wishes.saved.and_then(language))
        .or_else(|| wishes.browser.iter().find_map(|tag| language(tag)))
        .or_else(|| wishes.site.and_then(language))
        .unwrap_or(ENGLISH)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(wishes: &Wishes) -> &'static str {
        choose(wishes).code
    }

    #[test]
    fn the_address_wins_then_the_choice_then_the_browser_then_the_site() {
        let browser = ["de-AT".to_string(), "en".to_string()];
        let all = Wishes {
            url: Some("ur"),
            saved: Some("fr"),
            browser: &browser,
            site: Some("es"),
        };
        assert_eq!(code(&all), "ur");
        assert_eq!(
            code(&Wishes {
                url: None,
                ..all.clone()
            }),
            "fr"
        );
        assert_eq!(
            code(&Wishes {
                url: None,
                saved: None,
                ..all.clone()
            }),
            "de"
        );
        let no_browser = Wishes {
            url: None,
            saved: None,
            browser: &[],
            site: Some("es"),
        };
        assert_eq!(code(&no_browser), "es");
        assert_eq!(code(&Wishes::default()), "en");
    }

    #[test]
    fn unknown_wishes_are_passed_over_and_tags_match_by_primary_subtag() {
        let browser = ["sw-KE".to_string(), "pt_BR".to_string()];
        let wishes = Wishes {
            url: Some("xx"),
            saved: Some(""),
            browser: &browser,
            site: None,
        };
        assert_eq!(code(&wishes), "pt");
        assert_eq!(language("FA-ir").map(|l| l.code), Some("fa"));
        assert_eq!(language("urdu"), None);
    }

    #[test]
    fn three_languages_read_right_to_left() {
        let rtl: Vec<&str> = LANGUAGES.iter().filter(|l| l.rtl).map(|l| l.code).collect();
        assert_eq!(rtl, ["ur", "ar", "fa"]);
        assert_eq!(ENGLISH.dir(), "ltr");
        assert!(LANGUAGES.iter().all(|l| l.plurals.contains(&"other")));
    }
}
