//! The reader's bookmarks, kept on this device: newest first, each with a
//! way to remove it.

use broadsheet_core::ReadingLog;
use leptos::html;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::paths;
use crate::words::{t, tf, tn};

#[component]
pub fn BookmarksPage() -> impl IntoView {
    let log = expect_context::<RwSignal<ReadingLog>>();
    let heading = NodeRef::<html::H1>::new();
    crate::focus::heading_on_arrival(heading);
    Effect::new(|_| crate::prerender::done());
    let bookmarks = move || log.with(|l| l.bookmarks().to_vec());
    view! {
        <Title text=t("nav.bookmarks")/>
        <section class="bookmarks" aria-labelledby="bookmarks-title">
            <h1 id="bookmarks-title" tabindex="-1" node_ref=heading>{t("nav.bookmarks")}</h1>
            <p class="count" role="status">{move || match bookmarks().len() {
                0 => t("bookmarks.none"),
                n => tn("bookmarks.count", n as u64, &[]),
            }}</p>
            <ul class="bookmark-list">
                <For each=bookmarks key=|b| b.id.clone() let(bookmark)>
                    <li>
                        <a href=paths::article(&bookmark.slug) dir="auto">{bookmark.title.clone()}</a>
                        <span class="bookmark-saved">{tf("bookmarks.saved", &[("date", &saved_on(&bookmark.saved))])}</span>
                        <button type="button" class="link-button"
                            on:click={
                                let bookmark = bookmark.clone();
                                move |_| log.update(|l| _ = l.toggle_bookmark(bookmark.clone()))
                            }>
                            {t("bookmarks.remove")}<span class="visually-hidden">{format!(" {}", bookmark.title)}</span>
                        </button>
                    </li>
                </For>
            </ul>
        </section>
    }
}

/// The day a bookmark was saved (an ISO date), written out.
fn saved_on(iso: &str) -> String {
    broadsheet_core::Date::parse(iso)
        .map_or_else(|_| iso.to_string(), |d| crate::words::words().date(d))
}
