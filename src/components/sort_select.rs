//! The sort order of the list; "best match" is offered only when searching.

use broadsheet_core::{Query, Sort};
use leptos::prelude::*;

use crate::navigation::{list_navigator, History};
use crate::words::t;

#[component]
pub fn SortSelect(query: Memo<Query>) -> impl IntoView {
    let go = list_navigator();
    let on_change = move |ev| {
        let sort = Sort::from_param(&event_target_value(&ev));
        go(
            &Query {
                sort,
                page: 1,
                ..query.get_untracked()
            },
            History::Push,
        );
    };
    let options = move || {
        let searching = query.with(Query::has_text);
        let current = query.with(Query::sort);
        Sort::ALL
            .into_iter()
            .filter(|s| searching || *s != Sort::Relevance)
            .map(|s| view! { <option value=s.param() selected=s == current>{t(s.label_key())}</option> })
            .collect_view()
    };
    view! {
        <label class="sort">
            <span>{t("sort.label")}</span>
            <select on:change=on_change prop:value=move || query.with(|q| q.sort().param())>
                {options}
            </select>
        </label>
    }
}
