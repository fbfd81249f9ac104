//! One facet's values as checkboxes with counts. The commonest values show
//! first (years newest first); zero counts stay visible but disabled unless
//! selected, so the reader sees what the other filters rule out.

use std::sync::Arc;

use broadsheet_core::{facet_rows, Facet, Query, Selection};
use leptos::prelude::*;

use crate::data::Archive;
use crate::navigation::{list_navigator, History};
use crate::words::{t, tn};

/// Values shown before "Show all".
const SHORT_LIST: usize = 8;
/// Values shown at most even when expanded (archives have thousands of tags).
const LONG_LIST: usize = 200;

#[component]
pub fn FacetGroup(facet: Facet, query: Memo<Query>, selection: Memo<Selection>) -> impl IntoView {
    let archive = expect_context::<Arc<Archive>>();
    let total = archive.manifest.taxonomy.terms(facet).len();
    let expanded = RwSignal::new(false);
    let go = list_navigator();
    let rows = move || {
        // Until the facet data is here (a search alone lists first) the
        // counts are not known: the values go in the archive's order.
        let counts = selection
            .with(|l| l.counts.get(facet as usize).cloned())
            .unwrap_or_else(|| {
                let terms = archive.manifest.taxonomy.terms(facet);
                terms.iter().map(|t| t.count).collect()
            });
        let selected = query.with(|q| q.filter.selected(facet).to_vec());
        let limit = if expanded.get() {
            LONG_LIST
        } else {
            SHORT_LIST
        };
        facet_rows(&archive.manifest.taxonomy, facet, &counts, &selected, limit)
    };
    let lang_of = {
        let archive = expect_context::<Arc<Archive>>();
        move |term: u32| {
            (facet == Facet::Language)
                .then(|| {
                    archive
                        .manifest
                        .taxonomy
                        .term(facet, term)
                        .map(|t| t.key.clone())
                })
                .flatten()
        }
    };
    view! {
        <fieldset class="facet" data-facet=facet.param()>
            <legend>{t(facet.title_key())}</legend>
            <ul>
                // Keyed without the count, which updates in place: typing a
                // search changes every count, and rebuilding every row on each
                // keystroke costs more than the search on a large archive.
                <For each=rows key=|r| (r.term, r.selected) let(row)>
                    {
                        let go = go.clone();
                        let term = row.term;
                        // `None`: not known yet (no facet data).
                        let count = move || {
                            selection.with(|l| {
                                l.counts
                                    .get(facet as usize)
                                    .map(|c| c.get(term as usize).copied().unwrap_or(0))
                            })
                        };
                        let zero = move || count() == Some(0);
                        let toggle = move |_| {
                            let q = query.get_untracked();
                            let next = Query {
                                filter: q.filter.toggled(facet, row.term),
                                page: 1,
                                ..q
                            };
                            go(&next, History::Push);
                        };
                        view! {
                            <li>
                                <label class="facet-value" class:zero=zero>
                                    <input type="checkbox" name=facet.param()
                                        prop:checked=row.selected
                                        disabled=move || zero() && !row.selected
                                        on:change=toggle/>
                                    <span class="facet-label" lang=lang_of(row.term)>{row.label.clone()}</span>
                                    <span class="facet-count">{move || count().map(|n| crate::words::words().number(u64::from(n)))}</span>
                                </label>
                            </li>
                        }
                    }
                </For>
            </ul>
            {(total > SHORT_LIST).then(|| view! {
                <button type="button" class="link-button" aria-expanded=move || expanded.get().to_string()
                    on:click=move |_| expanded.update(|e| *e = !*e)>
                    {move || if expanded.get() { t("facet.show-fewer") } else { tn("facet.show-all", total as u64, &[]) }}
                </button>
            })}
        </fieldset>
    }
}
