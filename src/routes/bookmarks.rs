//! The reader's bookmarks, kept on this device: newest first, each with a
//! way to remove it.

use broadsheet_core::ReadingLog;
use leptos::html;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::paths;

#[component]
pub fn BookmarksPage() -> impl IntoView {
    let log = expect_context::<RwSignal<ReadingLog>>();
    let heading = NodeRef::<html::H1>::new();
    crate::focus::heading_on_arrival(heading);
    Effect::new(|_| crate::prerender::done());
    let bookmarks = move || log.with(|l| l.bookmarks().to_vec());
    view! {
        <Title text="Bookmarks"/>
        <section class="bookmarks" aria-labelledby="bookmarks-title">
            <h1 id="bookmarks-title" tabindex="-1" node_ref=heading>"Bookmarks"</h1>
            <p class="count" role="status">{move || match bookmarks().len() {
                0 => "No bookmarks yet. Use “Bookmark” on an article to keep it here.".to_string(),
                1 => "1 article, kept on this device.".to_string(),
                n => format!("{n} articles, kept on this device."),
            }}</p>
            <ul class="bookmark-list">
                <For each=bookmarks key=|b| b.id.clone() let(bookmark)>
                    <li>
                        <a href=paths::article(&bookmark.slug) dir="auto">{bookmark.title.clone()}</a>
                        <span class="bookmark-saved">{format!("saved {}", bookmark.saved)}</span>
                        <button type="button" class="link-button"
                            on:click={
                                let bookmark = bookmark.clone();
                                move |_| log.update(|l| _ = l.toggle_bookmark(bookmark.clone()))
                            }>
                            "Remove"<span class="visually-hidden">{format!(" {}", bookmark.title)}</span>
                        </button>
                    </li>
                </For>
            </ul>
        </section>
    }
}
