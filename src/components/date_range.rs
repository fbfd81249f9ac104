//! From/to date inputs: an inclusive range; undated articles drop out while
//! either end is set.

use broadsheet_core::{Date, Query};
use leptos::prelude::*;

use crate::navigation::{list_navigator, History};
use crate::words::t;

#[component]
pub fn DateRangeInputs(query: Memo<Query>) -> impl IntoView {
    let go = list_navigator();
    let set = move |end: End, value: String| {
        let mut next = query.get_untracked();
        let date = Date::parse(&value).ok();
        match end {
            End::From => next.range.from = date,
            End::To => next.range.to = date,
        }
        next.page = 1;
        go(&next, History::Push);
    };
    let shown = move |end: End| {
        query
            .with(|q| match end {
                End::From => q.range.from,
                End::To => q.range.to,
            })
            .map(|d| d.to_string())
            .unwrap_or_default()
    };
    let set_to = set.clone();
    view! {
        <fieldset class="facet dates">
            <legend>{t("facet.date")}</legend>
            <label>
                <span>{t("facet.from")}</span>
                <input type="date" name="from" prop:value=move || shown(End::From)
                    on:change=move |ev| set(End::From, event_target_value(&ev))/>
            </label>
            <label>
                <span>{t("facet.to")}</span>
                <input type="date" name="to" prop:value=move || shown(End::To)
                    on:change=move |ev| set_to(End::To, event_target_value(&ev))/>
            </label>
        </fieldset>
    }
}

#[derive(Clone, Copy)]
enum End {
    From,
    To,
}
