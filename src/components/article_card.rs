//! A card in the list: section, title, byline and date, teaser.

use std::sync::Arc;

use broadsheet_core::{Entry, Facet};
use leptos::prelude::*;

use crate::components::Byline;
use crate::data::Archive;
use crate::paths;

#[component]
pub fn ArticleCard(entry: Entry) -> impl IntoView {
    let archive = expect_context::<Arc<Archive>>();
    let tax = &archive.manifest.taxonomy;
    let section = entry
        .section
        .and_then(|i| tax.term(Facet::Section, i))
        .map(|t| t.label.clone());
    let language = tax
        .term(Facet::Language, entry.language)
        .map(|t| t.key.clone())
        .unwrap_or_default();
    view! {
        <article class="card" lang=language dir=entry.dir.as_str()>
            {section.map(|s| view! { <p class="kicker">{s}</p> })}
            <h2 class="card-title"><a href=paths::article(&entry.slug)>{entry.title.clone()}</a></h2>
            <Byline entry=entry.clone()/>
            {(!entry.summary.is_empty()).then(|| view! { <p class="teaser">{entry.summary.clone()}</p> })}
        </article>
    }
}
