//! The interface in its readers' languages: catalogs of messages
//! (`catalog.rs`, one JSON file a language in `public/locales/`), the
//! languages and how a visitor's is chosen (`languages.rs`), and [`Words`],
//! what the reader's components and the builder's static pages ask for
//! their text. Numbers, plural categories and dates come from a
//! [`Locale`]: the browser's `Intl` in the reader (so no locale data is
//! compiled into the wasm), [`Plain`] where a plain English form will do.

mod catalog;
mod languages;

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

pub use catalog::{fill, placeholders, Catalog, Message, CATEGORIES};
pub use languages::{choose, language, Language, Wishes, ENGLISH, LANGUAGES};

use crate::Date;

/// The English catalog's source: compiled into the reader, the fallback for
/// any message another catalog lacks.
pub const ENGLISH_SOURCE: &str = include_str!("../../../../public/locales/en.json");

/// The English catalog, read once.
pub fn english() -> &'static Catalog {
    static ENGLISH_CATALOG: OnceLock<Catalog> = OnceLock::new();
    ENGLISH_CATALOG.get_or_init(|| Catalog::parse(ENGLISH_SOURCE).expect("en.json reads"))
}

/// How a language writes numbers and dates and counts things.
pub trait Locale: Send + Sync {
    /// The plural category (`one`, `few`, …) of `n` things.
    fn plural(&self, n: u64) -> &'static str;
    /// `n` in the language's digits, with exactly `fraction` decimals
    /// (no grouping: counts and sizes read plainly).
    fn number(&self, n: f64, fraction: u8) -> String;
    /// A date written out, day, month name and year in the language's order.
    fn date(&self, date: Date) -> String;
}

/// English forms without locale data: `one` for 1, digits as they are, the
/// day-month-year long form.
#[derive(Clone, Copy, Debug, Default)]
pub struct Plain;

impl Locale for Plain {
    fn plural(&self, n: u64) -> &'static str {
        if n == 1 {
            "one"
        } else {
            "other"
        }
    }

    fn number(&self, n: f64, fraction: u8) -> String {
        format!("{n:.*}", usize::from(fraction))
    }

    fn date(&self, date: Date) -> String {
        date.long_form()
    }
}

/// The words of one interface language: its catalog (English for what it
/// lacks) and its locale.
#[derive(Clone)]
pub struct Words {
    pub language: &'static Language,
    catalog: Arc<Catalog>,
    /// English, for what `catalog` lacks.
    fallback: Arc<Catalog>,
    locale: Arc<dyn Locale>,
}

impl std::fmt::Debug for Words {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Words({})", self.language.code)
    }
}

impl Words {
    /// `catalog` in `language`, English's `fallback` for what it lacks.
    pub fn new(
        language: &'static Language,
        catalog: Arc<Catalog>,
        fallback: Arc<Catalog>,
        locale: Arc<dyn Locale>,
    ) -> Words {
        Words {
            language,
            catalog,
            fallback,
            locale,
        }
    }

    /// English, in plain forms.
    pub fn english() -> Words {
        let catalog = Arc::new(english().clone());
        Words::new(ENGLISH, catalog.clone(), catalog, Arc::new(Plain))
    }

    pub fn locale(&self) -> &dyn Locale {
        &*self.locale
    }

    fn message(&self, key: &str) -> Option<&Message> {
        self.catalog.get(key).or_else(|| self.fallback.get(key))
    }

    /// The text of `key` (the key itself if no catalog has it, which a
    /// test rules out).
    pub fn text(&self, key: &str) -> Cow<'_, str> {
        match self.message(key) {
            Some(m) => Cow::Borrowed(m.form("other")),
            None => Cow::Owned(key.to_string()),
        }
    }

    /// The text of `key` with its placeholders filled.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(&self.text(key), args)
    }

    /// The text of `key` for `n` things: its plural form for `n`, `{n}`
    /// written in the language's digits, other placeholders from `args`.
    pub fn count(&self, key: &str, n: u64, args: &[(&str, &str)]) -> String {
        let Some(message) = self.message(key) else {
            return key.to_string();
        };
        let number = self.number(n);
        let mut all = vec![("n", number.as_str())];
        all.extend_from_slice(args);
        fill(message.form(self.locale.plural(n)), &all)
    }

    /// A whole number in the language's digits.
    pub fn number(&self, n: u64) -> String {
        self.locale.number(n as f64, 0)
    }

    /// A date written out.
    pub fn date(&self, date: Date) -> String {
        self.locale.date(date)
    }

    /// A size in bytes as people read it: `812 KB`, `2.4 MB`, `1.2 GB`.
    pub fn size(&self, bytes: u64) -> String {
        let (value, key, fraction) = match bytes {
            b if b < 1_000_000 => (b.div_ceil(1000) as f64, "size.kb", 0),
            b if b < 1_000_000_000 => (b as f64 / 1e6, "size.mb", 1),
            b => (b as f64 / 1e9, "size.gb", 1),
        };
        self.fill(key, &[("n", &self.locale.number(value, fraction))])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Arabic;
    impl Locale for Arabic {
        fn plural(&self, n: u64) -> &'static str {
            match n {
                0 => "zero",
                1 => "one",
                2 => "two",
                _ => "few",
            }
        }
        fn number(&self, n: f64, _: u8) -> String {
            n.to_string()
                .chars()
                .map(|c| char::from_u32(c as u32 - '0' as u32 + 0x660).unwrap_or(c))
                .collect()
        }
        fn date(&self, date: Date) -> String {
            date.to_string()
        }
    }

    #[test]
    fn counts_take_the_languages_plural_form_and_digits() {
        let catalog = Catalog::parse(
            r#"{"list.articles": {"zero": "لا مقالات", "one": "مقال واحد", "two": "مقالان", "few": "{n} مقالات", "other": "{n} مقال"}}"#,
        )
        .unwrap();
        let fallback = Arc::new(english().clone());
        let words = Words::new(&LANGUAGES[3], Arc::new(catalog), fallback, Arc::new(Arabic));
        assert_eq!(words.count("list.articles", 2, &[]), "مقالان");
        assert_eq!(words.count("list.articles", 7, &[]), "٧ مقالات");
        // What the catalog lacks comes from English.
        assert_eq!(
            words.text("list.heading-latest"),
            english().get("list.heading-latest").unwrap().form("other")
        );
        assert_eq!(words.text("no.such-key"), "no.such-key");
    }

    #[test]
    fn english_counts_and_sizes_read_plainly() {
        let words = Words::english();
        assert_eq!(words.count("list.articles", 1, &[]), "1 article");
        assert_eq!(words.count("list.articles", 20_000, &[]), "20000 articles");
        assert_eq!(words.size(0), "0 KB");
        assert_eq!(words.size(300), "1 KB");
        assert_eq!(words.size(812_000), "812 KB");
        assert_eq!(words.size(2_400_000), "2.4 MB");
        assert_eq!(words.size(1_000_000_000), "1.0 GB");
    }
}
