//! The article list: newest first, narrowed by the facets in the URL, paged.

use std::sync::Arc;

use broadsheet_core::{paginate, Filter};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::{ArticleCard, FilterChips, Pager};
use crate::data::Archive;

/// Articles on one page of the list.
const PER_PAGE: usize = 20;

#[component]
pub fn ListPage() -> impl IntoView {
    let archive = expect_context::<Arc<Archive>>();
    let query = use_query_map();

    let filter = {
        let archive = archive.clone();
        Memo::new(move |_| {
            query.with(|q| {
                Filter::from_pairs(
                    q.into_iter().map(|(k, v)| (k.as_ref(), v)),
                    &archive.manifest.taxonomy,
                )
            })
        })
    };
    let matches = {
        let archive = archive.clone();
        Memo::new(move |_| filter.with(|f| f.apply(&archive.catalog)))
    };
    let requested_page = Memo::new(move |_| {
        query.with(|q| q.get_str("page").and_then(|p| p.parse().ok()).unwrap_or(1))
    });
    let page = Memo::new(move |_| paginate(matches.with(Vec::len), PER_PAGE, requested_page.get()));
    let shown = {
        let archive = archive.clone();
        move || {
            let range = page.get().items;
            matches.with(|m| {
                m[range]
                    .iter()
                    .map(|&i| archive.catalog.articles[i].clone())
                    .collect::<Vec<_>>()
            })
        }
    };
    let count_text = move || match matches.with(Vec::len) {
        0 => "No articles match these filters.".to_string(),
        1 => "1 article".to_string(),
        n => format!("{n} articles"),
    };
    let heading = move || {
        if filter.with(Filter::is_empty) {
            "Latest articles"
        } else {
            "Filtered articles"
        }
    };
    let filtered_pairs = {
        let archive = archive.clone();
        Signal::derive(move || filter.with(|f| f.to_pairs(&archive.manifest.taxonomy)))
    };

    let dropped = archive.dropped;
    view! {
        <Title text=""/>
        <section class="list" aria-labelledby="list-title">
            <header class="list-head">
                <h1 id="list-title">{heading}</h1>
                <p class="count" role="status" aria-live="polite">{count_text}</p>
                <FilterChips pairs=filtered_pairs/>
                {(dropped > 0).then(|| view! {
                    <p class="notice-inline" role="note">
                        {format!("{dropped} damaged archive entries could not be shown.")}
                    </p>
                })}
            </header>
            <ol class="cards">
                <For each=shown key=|e| e.id.clone() let(entry)>
                    <li><ArticleCard entry/></li>
                </For>
            </ol>
            <Pager page=Signal::derive(move || page.get()) pairs=filtered_pairs/>
        </section>
    }
}
