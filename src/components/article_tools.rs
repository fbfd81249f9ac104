//! Under an article's heading: bookmark it, mark it read or unread, share
//! or copy its address.

use broadsheet_core::{Entry, ReadingLog};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::reading::bookmark_of;
use crate::words::{self, t};

#[component]
pub fn ArticleTools(entry: Entry) -> impl IntoView {
    let log = expect_context::<RwSignal<ReadingLog>>();
    let id = entry.id.clone();
    let bookmarked = Memo::new(move |_| log.with(|l| l.is_bookmarked(&id)));
    let read = {
        let id = entry.id.clone();
        Memo::new(move |_| log.with(|l| l.is_read(&id)))
    };
    let toggle_read = {
        let id = entry.id.clone();
        move |_| {
            let now = !read.get_untracked();
            log.update(|l| l.set_read(&id, now));
        }
    };
    let toggle = move |_| {
        let mark = bookmark_of(&entry);
        log.update(|l| _ = l.toggle_bookmark(mark));
    };
    let status = RwSignal::new(String::new());
    let can_share = web_sys::window()
        .is_some_and(|w| js_sys::Reflect::has(&w.navigator(), &"share".into()).unwrap_or(false));
    let share = move |_| {
        leptos::task::spawn_local(async move {
            status.set(share_or_copy(can_share).await);
        });
    };
    view! {
        <div class="article-tools" lang=words::lang() dir=words::dir()>
            <button type="button" class="tool" aria-pressed=move || bookmarked.get().to_string() on:click=toggle>
                {move || if bookmarked.get() { t("tools.bookmarked") } else { t("tools.bookmark") }}
            </button>
            <button type="button" class="tool" aria-pressed=move || read.get().to_string() on:click=toggle_read>
                {move || if read.get() { t("tools.read") } else { t("tools.mark-read") }}
            </button>
            <button type="button" class="tool" on:click=share>
                {if can_share { t("tools.share") } else { t("tools.copy") }}
            </button>
            <span class="tool-status" role="status">{move || status.get()}</span>
        </div>
    }
}

/// Shares the page's address (the Web Share API where there is one), else
/// copies it; says what happened.
async fn share_or_copy(can_share: bool) -> String {
    let Some(window) = web_sys::window() else {
        return String::new();
    };
    let url = window.location().href().unwrap_or_default();
    let title = window.document().map(|d| d.title()).unwrap_or_default();
    let navigator = window.navigator();
    if can_share {
        let data = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&data, &"url".into(), &url.as_str().into());
        let _ = js_sys::Reflect::set(&data, &"title".into(), &title.as_str().into());
        let shared = js_sys::Reflect::get(&navigator, &"share".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .and_then(|f| f.call1(&navigator, &data).ok())
            .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
        if let Some(promise) = shared {
            // The share sheet speaks for itself; cancelling it is no error.
            let _ = JsFuture::from(promise).await;
            return String::new();
        }
    }
    match JsFuture::from(navigator.clipboard().write_text(&url)).await {
        Ok(_) => t("tools.copied"),
        Err(_) => t("tools.copy-failed"),
    }
}
