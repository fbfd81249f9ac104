//! Authors (linking to their articles) and the date, or "Undated".

use std::sync::Arc;

use broadsheet_core::{Card, Entry, Facet, UNDATED};

use crate::words::{self, t};
use leptos::prelude::*;

use crate::data::Archive;
use crate::paths;

#[component]
pub fn Byline(entry: Entry) -> impl IntoView {
    let archive = expect_context::<Arc<Archive>>();
    let authors = paths::term_links(&archive.manifest.taxonomy, Facet::Author, &entry.authors);
    let last = authors.len().saturating_sub(1);
    let date = Card::of(&entry, &archive.manifest.taxonomy, &words::words()).date;
    let separator = t("app.separator");
    view! {
        <p class="byline">
            {(!authors.is_empty()).then(|| view! {
                <span class="authors">
                    {authors.into_iter().enumerate().map(|(i, (label, href))| view! {
                        <a href=href>{label}</a>{(i < last).then(|| separator.clone())}
                    }).collect_view()}
                </span>
            })}
            {match date {
                // A date in the interface language, kept whole in any script.
                Some((iso, long)) => view! { <time datetime=iso lang=words::lang() dir=words::dir()>{long}</time> }.into_any(),
                None => view! { <span class="undated" lang=words::lang()>{t(UNDATED)}</span> }.into_any(),
            }}
        </p>
    }
}
