//! The filter panel: every facet with counts, and the date range. Open on
//! wide screens, folded behind a "Filters" toggle on phones.

use std::sync::Arc;

use broadsheet_core::{Facet, Query, Selection};
use leptos::prelude::*;

use crate::components::{DateRangeInputs, FacetGroup};
use crate::data::Archive;
use crate::words::t;

#[component]
pub fn FacetPanel(query: Memo<Query>, selection: Memo<Selection>) -> impl IntoView {
    let archive = expect_context::<Arc<Archive>>();
    let facets: Vec<Facet> = Facet::ALL
        .into_iter()
        .filter(|&f| !archive.manifest.taxonomy.terms(f).is_empty())
        .collect();
    let active = move || {
        query.with(|q| {
            q.filter.active().map(|(_, t)| t.len()).sum::<usize>()
                + usize::from(q.range.from.is_some())
                + usize::from(q.range.to.is_some())
        })
    };
    let facets_ready = archive.facets;
    // A hand on the filters (a tap, a click, the keyboard's focus) starts
    // fetching their data, if nothing has yet.
    let want = move || archive.want_facets();
    view! {
        // `data-ready`: the facet data has arrived (tests and benchmarks wait on it).
        <aside
            class="facets"
            aria-label=t("facet.filters")
            data-ready=move || facets_ready.with(Option::is_some).to_string()
            on:pointerdown={
                let want = want.clone();
                move |_| want()
            }
            on:focusin=move |_| want()
        >
            <details class="facet-panel" open=is_wide_screen()>
                <summary>
                    {t("facet.filters")}
                    {move || (active() > 0).then(|| view! { <span class="badge">{active()}</span> })}
                </summary>
                {facets.into_iter().map(|facet| view! { <FacetGroup facet query selection/> }).collect_view()}
                <DateRangeInputs query/>
            </details>
        </aside>
    }
}

fn is_wide_screen() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(min-width: 50rem)").ok().flatten())
        .is_some_and(|m| m.matches())
}
