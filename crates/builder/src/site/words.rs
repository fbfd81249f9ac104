//! The interface catalogs compiled into the builder (`build.rs` reads
//! `public/locales/`), and the words of a site's own language, in which its
//! static pages are written.

use std::sync::Arc;

use broadsheet_core::i18n::{self, Catalog, Locale, Plain, Words};
use broadsheet_core::Manifest;

use super::locale::Icu;

include!(concat!(env!("OUT_DIR"), "/catalogs.rs"));

/// The catalog file of interface language `code`.
pub fn catalog_source(code: &str) -> Option<&'static str> {
    CATALOGS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, json)| *json)
}

/// The words of the site's language (English when the interface lacks it),
/// with its plural rules, digits and dates ([`super::locale`]).
pub fn of_site(manifest: &Manifest) -> Words {
    of_language(&manifest.site.language)
}

/// The words of language `tag` (English when the interface lacks it).
pub fn of_language(tag: &str) -> Words {
    let language = i18n::language(tag).unwrap_or(i18n::ENGLISH);
    let locale = |code: &str| -> Arc<dyn Locale> {
        match Icu::new(code) {
            Some(icu) => Arc::new(icu),
            None => Arc::new(Plain),
        }
    };
    match catalog_source(language.code).map(Catalog::parse) {
        Some(Ok(catalog)) => Words::new(
            language,
            Arc::new(catalog),
            Arc::new(i18n::english().clone()),
            locale(language.code),
        ),
        _ => Words::new(
            i18n::ENGLISH,
            Arc::new(i18n::english().clone()),
            Arc::new(i18n::english().clone()),
            locale(i18n::ENGLISH.code),
        ),
    }
}
