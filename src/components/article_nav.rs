//! At the foot of an article: the previous and next article of the list
//! the reader came from (else of the whole archive), and the way back to
//! that list.

use std::sync::Arc;

use broadsheet_core::neighbours;
use leptos::prelude::*;

use crate::data::{Archive, Card};
use crate::paths;
use crate::trail::LastList;
use crate::words::{self, t};

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
    let back = trail.map_or_else(|| paths::page("/"), |t| t.url);
    let link = move |position: Option<u32>, rel: &'static str, label: String| {
        let archive = archive.clone();
        position.map(move |p| {
            move || match archive.cards(&[p]).pop() {
                Some((_, Card::Ready(entry))) => Some(view! {
                    <a class=format!("article-nav-{rel}") rel=rel href=paths::article(&entry.slug)>
                        <span class="article-nav-label">{label.clone()}</span>
                        <span class="article-nav-title" dir="auto">{entry.title.clone()}</span>
                    </a>
                }),
                _ => None,
            }
        })
    };
    view! {
        <nav class="article-nav" aria-label=t("article.more") lang=words::lang() dir=words::dir()>
            {link(before, "prev", t("article.previous"))}
            {link(after, "next", t("article.next"))}
            <a class="article-nav-back" href=back>{t("article.back")}</a>
        </nav>
    }
}
