//! "Related articles" under an article: the builder's choice (shared tags,
//! places and distinctive words, among older articles), found by their
//! links and shown from the list's cards.

use std::sync::Arc;

use leptos::prelude::*;

use broadsheet_core::Link;

use crate::components::Byline;
use crate::data::{Archive, Card};
use crate::paths;
use crate::words::{self, t};

#[component]
pub fn RelatedArticles(links: Vec<Link>) -> impl IntoView {
    let archive = expect_context::<Arc<Archive>>();
    if links.is_empty() {
        return None;
    }
    let positions = RwSignal::new(Vec::<u32>::new());
    {
        let archive = archive.clone();
        leptos::task::spawn_local(async move {
            let found =
                futures::future::join_all(links.iter().map(|l| archive.position_of(l))).await;
            // A link that cannot be followed (damaged or missing) is left out.
            let found: Vec<u32> = found.into_iter().filter_map(|p| p.ok().flatten()).collect();
            archive.clone().fetch_cards(found.clone()).await;
            positions.set(found);
        });
    }
    let cards = move || {
        archive
            .cards(&positions.get())
            .into_iter()
            .filter_map(|(_, card)| match card {
                Card::Ready(entry) => Some(entry),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    Some(view! {
        <section class="related" aria-labelledby="related-title" lang=words::lang() dir=words::dir()>
            <h2 id="related-title">{t("article.related")}</h2>
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
