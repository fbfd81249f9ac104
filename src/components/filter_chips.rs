//! The active filters as removable chips, plus "clear all".

use std::sync::Arc;

use broadsheet_core::Facet;
use leptos::prelude::*;

use crate::data::Archive;
use crate::paths;

#[component]
pub fn FilterChips(pairs: Signal<Vec<(&'static str, String)>>) -> impl IntoView {
    let archive = expect_context::<Arc<Archive>>();
    let chips = move || {
        let all = pairs.get();
        all.iter()
            .enumerate()
            .filter_map(|(i, (param, key))| {
                let facet = Facet::from_param(param)?;
                let tax = &archive.manifest.taxonomy;
                let label = tax
                    .find(facet, key)
                    .and_then(|t| tax.term(facet, t))?
                    .label
                    .clone();
                let rest: Vec<_> = all
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .map(|(_, p)| p.clone())
                    .collect();
                Some((facet.title(), label, paths::list_with(&rest)))
            })
            .collect::<Vec<_>>()
    };
    move || {
        let chips = chips();
        (!chips.is_empty()).then(|| {
            view! {
                <ul class="chips" aria-label="Active filters">
                    {chips.into_iter().map(|(facet, label, href)| {
                        let aria = format!("Remove filter {facet}: {label}");
                        view! {
                        <li>
                            <a class="chip" href=href aria-label=aria>
                                <span class="chip-facet">{facet}": "</span>{label}<span aria-hidden="true">" ×"</span>
                            </a>
                        </li>
                    }}).collect_view()}
                    <li><a class="chip clear" href=paths::href("/")>"Clear all"</a></li>
                </ul>
            }
        })
    }
}
