//! A card in the list: its thumbnail when the archive has them, section,
//! title, byline and date, teaser; when searching, the matched words
//! marked in the title and teaser.

use std::sync::Arc;

use broadsheet_core::search::Highlighter;
use broadsheet_core::{Card, Entry};
use leptos::prelude::*;

use crate::components::{Byline, Marked};
use crate::data::Archive;
use crate::paths;
use crate::words::{self, t};

#[component]
pub fn ArticleCard(entry: Entry, highlight: Signal<Option<Arc<Highlighter>>>) -> impl IntoView {
    let archive = expect_context::<Arc<Archive>>();
    let card = Card::of(&entry, &archive.manifest.taxonomy, &words::words());
    let section = card.section.map(|t| t.label.clone());
    let language = card.language.to_string();
    // The card stays while the reader types; only its marks follow the search.
    let title = {
        let text = entry.title.clone();
        move || match highlight.get() {
            Some(h) => h.highlight(&text),
            None => plain(&text),
        }
    };
    let teaser = {
        let text = entry.summary.clone();
        move || match highlight.get() {
            Some(h) => h.snippet(&text, TEASER_CHARS),
            None => plain(&text),
        }
    };
    let has_teaser = !entry.summary.is_empty();
    let log = expect_context::<RwSignal<broadsheet_core::ReadingLog>>();
    let marks = {
        let id = entry.id.clone();
        Memo::new(move |_| log.with(|l| (l.is_read(&id), l.is_bookmarked(&id))))
    };
    let read = move || marks.get().0;
    let marked = move || marks.get().1;
    let thumb = entry.thumb.as_ref().and_then(|thumb| {
        let src = thumb.address(&paths::bundle_file(""))?;
        Some(view! {
            <img class="card-thumb" src=src width=thumb.width height=thumb.height alt=""
                loading="lazy" decoding="async"/>
        })
    });
    view! {
        <article class="card" class:read=read lang=language dir=entry.dir.as_str()>
            {thumb}
            {section.map(|s| view! { <p class="kicker">{s}</p> })}
            <h2 class="card-title"><a href=paths::article(&entry.slug)>{move || view! { <Marked pieces=title()/> }}</a></h2>
            <Byline entry=entry.clone()/>
            {move || (read() || marked()).then(|| view! {
                <p class="card-marks" lang=words::lang() dir=words::dir()>
                    {read().then_some(view! { <span class="read-mark">{t("card.read")}</span> })}
                    {marked().then_some(view! { <span class="bookmark-mark">{t("tools.bookmarked")}</span> })}
                </p>
            })}
            {has_teaser.then(|| view! { <p class="teaser">{move || view! { <Marked pieces=teaser()/> }}</p> })}
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
