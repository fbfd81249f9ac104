//! "Related articles" under an article: the builder's choice (shared tags,
//! places and distinctive words), shown from the list's cards.

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::Byline;
use crate::data::{Archive, Card};
use crate::paths;

#[component]
pub fn RelatedArticles(positions: Vec<u32>) -> impl IntoView {
    let archive = expect_context::<Arc<Archive>>();
    if positions.is_empty() {
        return None;
    }
    leptos::task::spawn_local(archive.clone().fetch_cards(positions.clone()));
    let cards = move || {
        archive
            .cards(&positions)
            .into_iter()
            .filter_map(|(_, card)| match card {
                Card::Ready(entry) => Some(entry),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    Some(view! {
        <section class="related" aria-labelledby="related-title" lang="en" dir="ltr">
            <h2 id="related-title">"Related articles"</h2>
            <ul>
                {move || cards().into_iter().map(|entry| view! {
                    <li dir=entry.dir.as_str()>
                        <a href=paths::article(&entry.slug)>{entry.title.clone()}</a>
                        <Byline entry=entry.clone()/>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    })
}
