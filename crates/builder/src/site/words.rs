//! The interface catalogs compiled into the builder (`build.rs` reads
//! `public/locales/`), and the words of a site's own language, in which its
//! static pages are written.

use std::sync::Arc;

use broadsheet_core::i18n::{self, Catalog, Plain, Words};
use broadsheet_core::Manifest;

include!(concat!(env!("OUT_DIR"), "/catalogs.rs"));

/// The catalog file of interface language `code`.
pub fn catalog_source(code: &str) -> Option<&'static str> {
    CATALOGS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, json)| *json)
}

/// The words of the site's language (English when the interface lacks it).
/// Counts and dates take their plain forms.
pub fn of_site(manifest: &Manifest) -> Words {
    let language = i18n::language(&manifest.site.language).unwrap_or(i18n::ENGLISH);
    match catalog_source(language.code).map(Catalog::parse) {
        Some(Ok(catalog)) => Words::new(
            language,
            Arc::new(catalog),
            Arc::new(i18n::english().clone()),
            Arc::new(Plain),
        ),
        _ => Words::english(),
    }
}
