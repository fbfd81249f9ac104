//! Links to the other language versions of an article.

use std::sync::Arc;

use broadsheet_core::{Entry, Facet};
use leptos::prelude::*;

use crate::data::Archive;
use crate::paths;

#[component]
pub fn Translations(entry: Entry) -> impl IntoView {
    let archive = expect_context::<Arc<Archive>>();
    let tax = &archive.manifest.taxonomy;
    let others: Vec<(String, String, String, String)> = match &entry.translation {
        None => vec![],
        Some(key) => archive
            .catalog
            .articles
            .iter()
            .filter(|e| e.id != entry.id && e.translation.as_ref() == Some(key))
            .filter_map(|e| {
                let lang = tax.term(Facet::Language, e.language)?;
                Some((
                    lang.label.clone(),
                    lang.key.clone(),
                    e.title.clone(),
                    paths::article(&e.slug),
                ))
            })
            .collect(),
    };
    (!others.is_empty()).then(|| {
        view! {
            <div class="terms translations">
                <span class="terms-facet">"Also in"</span>
                <ul>
                    {others.into_iter().map(|(language, tag, title, href)| view! {
                        <li><a class="chip" href=href hreflang=tag.clone() lang=tag title=title>{language}</a></li>
                    }).collect_view()}
                </ul>
            </div>
        }
    })
}
