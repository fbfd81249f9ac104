//! At the foot of an article: the previous and next article of the list
//! the reader came from (else of the whole archive), and the way back to
//! that list.

use std::sync::Arc;

use broadsheet_core::neighbours;
use leptos::prelude::*;

use crate::data::{Archive, Card};
use crate::paths;
use crate::trail::LastList;

#[component]
pub fn ArticleNav(position: u32) -> impl IntoView {
    let archive = expect_context::<Arc<Archive>>();
    let trail = expect_context::<LastList>().get_untracked();
    let positions = trail
        .as_ref()
        .map(|t| t.positions.clone())
        .unwrap_or_default();
    let (before, after) = neighbours(&positions, position, archive.manifest.articles);
    let wanted: Vec<u32> = before.into_iter().chain(after).collect();
    leptos::task::spawn_local(archive.clone().fetch_cards(wanted));
    let back = trail.map_or_else(|| paths::href("/"), |t| t.url);
    let link = move |position: Option<u32>, rel: &'static str, label: &'static str| {
        let archive = archive.clone();
        position.map(move |p| {
            move || match archive.cards(&[p]).pop() {
                Some((_, Card::Ready(entry))) => Some(view! {
                    <a class=format!("article-nav-{rel}") rel=rel href=paths::article(&entry.slug)>
                        <span class="article-nav-label">{label}</span>
                        <span class="article-nav-title" dir="auto">{entry.title.clone()}</span>
                    </a>
                }),
                _ => None,
            }
        })
    };
    view! {
        <nav class="article-nav" aria-label="More articles" lang="en" dir="ltr">
            {link(before, "prev", "Previous")}
            {link(after, "next", "Next")}
            <a class="article-nav-back" href=back>"Back to the list"</a>
        </nav>
    }
}
