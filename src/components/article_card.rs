//! A card in the list: section, title, byline and date, teaser; when
//! searching, the matched words marked in the title and teaser.

use std::sync::Arc;

use broadsheet_core::search::Highlighter;
use broadsheet_core::{Entry, Facet};
use leptos::prelude::*;

use crate::components::{Byline, Marked};
use crate::data::Archive;
use crate::paths;

#[component]
pub fn ArticleCard(entry: Entry, highlight: Option<Arc<Highlighter>>) -> impl IntoView {
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
    let (title, teaser) = match &highlight {
        Some(h) => (
            h.highlight(&entry.title),
            h.snippet(&entry.summary, TEASER_CHARS),
        ),
        None => (plain(&entry.title), plain(&entry.summary)),
    };
    view! {
        <article class="card" lang=language dir=entry.dir.as_str()>
            {section.map(|s| view! { <p class="kicker">{s}</p> })}
            <h2 class="card-title"><a href=paths::article(&entry.slug)><Marked pieces=title/></a></h2>
            <Byline entry=entry.clone()/>
            {(!teaser.is_empty()).then(|| view! { <p class="teaser"><Marked pieces=teaser/></p> })}
        </article>
    }
}

/// Characters of teaser shown around a search match.
const TEASER_CHARS: usize = 220;

fn plain(text: &str) -> Vec<broadsheet_core::search::Piece> {
    if text.is_empty() {
        return Vec::new();
    }
    vec![broadsheet_core::search::Piece {
        text: text.to_string(),
        mark: false,
    }]
}
