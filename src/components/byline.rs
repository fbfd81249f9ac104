//! Authors (linking to their articles) and the date, or "Undated".

use std::sync::Arc;

use broadsheet_core::{Card, Entry, Facet, UNDATED};
use leptos::prelude::*;

use crate::data::Archive;
use crate::paths;

#[component]
pub fn Byline(entry: Entry) -> impl IntoView {
    let archive = expect_context::<Arc<Archive>>();
    let authors = paths::term_links(&archive.manifest.taxonomy, Facet::Author, &entry.authors);
    let last = authors.len().saturating_sub(1);
    let date = Card::of(&entry, &archive.manifest.taxonomy).date;
    view! {
        <p class="byline">
            {(!authors.is_empty()).then(|| view! {
                <span class="authors">
                    {authors.into_iter().enumerate().map(|(i, (label, href))| view! {
                        <a href=href>{label}</a>{(i < last).then_some(", ")}
                    }).collect_view()}
                </span>
            })}
            {match date {
                // An English date: kept whole and left to right in any script.
                Some((iso, long)) => view! { <time datetime=iso lang="en" dir="ltr">{long}</time> }.into_any(),
                None => view! { <span class="undated">{UNDATED}</span> }.into_any(),
            }}
        </p>
    }
}
