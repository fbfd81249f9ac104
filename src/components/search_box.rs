//! The search box: results follow each keystroke (replacing the history
//! entry), and submitting or the first keystroke adds one, so Back leaves
//! the search rather than stepping through it letter by letter. A hand on
//! the box (focus, a tap) starts fetching what a search needs.

use std::sync::Arc;

use broadsheet_core::Query;
use leptos::prelude::*;

use crate::data::Archive;
use crate::navigation::{list_navigator, History};
use crate::words::t;

#[component]
pub fn SearchBox(query: Memo<Query>) -> impl IntoView {
    let go = list_navigator();
    let search = move |text: String, history: History| {
        let current = query.get_untracked();
        go(
            &Query {
                text,
                page: 1,
                ..current
            },
            history,
        );
    };
    let on_input = {
        let search = search.clone();
        move |ev| {
            let history = if query.with_untracked(Query::has_text) {
                History::Replace
            } else {
                History::Push
            };
            search(event_target_value(&ev), history);
        }
    };
    let archive = expect_context::<Arc<Archive>>();
    let ready = move || {
        archive.want_facets();
        archive.warm_search();
    };
    view! {
        <form class="search" role="search" on:submit=|ev| ev.prevent_default()>
            <label for="q" class="visually-hidden">{t("search.label")}</label>
            <input
                id="q"
                type="search"
                name="q"
                placeholder=t("search.label")
                autocomplete="off"
                spellcheck="false"
                enterkeyhint="search"
                prop:value=move || query.with(|q| q.text.clone())
                on:input=on_input
                on:focus={
                    let ready = ready.clone();
                    move |_| ready()
                }
                on:pointerdown=move |_| ready()
            />
        </form>
    }
}
