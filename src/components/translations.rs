//! Links to the other language versions of an article.

use std::sync::Arc;

use broadsheet_core::{Facet, Translation};
use leptos::prelude::*;

use crate::data::Archive;
use crate::paths;
use crate::words::t;

#[component]
pub fn Translations(translations: Vec<Translation>) -> impl IntoView {
    let archive = expect_context::<Arc<Archive>>();
    let tax = &archive.manifest.taxonomy;
    let others: Vec<(String, String, String, String)> = translations
        .into_iter()
        .filter_map(|t| {
            let lang = tax.term(Facet::Language, t.language)?;
            Some((
                lang.label.clone(),
                lang.key.clone(),
                t.title,
                paths::article(&t.slug),
            ))
        })
        .collect();
    (!others.is_empty()).then(|| {
        view! {
            <div class="terms translations">
                <span class="terms-facet">{t("article.also-in")}</span>
                <ul>
                    {others.into_iter().map(|(language, tag, title, href)| view! {
                        <li><a class="chip" href=href hreflang=tag.clone() lang=tag title=title>{language}</a></li>
                    }).collect_view()}
                </ul>
            </div>
        }
    })
}
