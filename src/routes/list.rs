//! The article list: narrowed by facets, dates and search text from the URL,
//! counted, sorted and paged.

use std::sync::Arc;

use broadsheet_core::{paginate, Query};
use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{
    quoted, ArticleCard, ErrorPanel, FacetPanel, FilterChips, Pager, SearchBox, SortSelect,
};
use crate::data::Archive;
use crate::list_state::{ListState, Searched};
use crate::paths;

/// Articles on one page of the list.
const PER_PAGE: usize = 20;

#[component]
pub fn ListPage() -> impl IntoView {
    let archive = expect_context::<Arc<Archive>>();
    let state = ListState::new(archive.clone());
    let ListState {
        query,
        searched,
        listing,
    } = state;

    let total = Memo::new(move |_| listing.with(|l| l.positions.len()));
    let page = Memo::new(move |_| paginate(total.get(), PER_PAGE, query.with(|q| q.page)));
    let highlight = Memo::new(move |_| state.highlighter());
    let shown = {
        let archive = archive.clone();
        move || {
            let range = page.get().items;
            listing.with(|l| {
                l.positions[range]
                    .iter()
                    .map(|&p| (p, archive.catalog.articles[p as usize].clone()))
                    .collect::<Vec<_>>()
            })
        }
    };
    let count_text = move || {
        let n = total.get();
        let q = query.get();
        match (n, q.has_text()) {
            (0, _) => "No articles match.".to_string(),
            (1, false) => "1 article".to_string(),
            (n, false) => format!("{n} articles"),
            (1, true) => format!("1 result for {}", quoted(&q.text)),
            (n, true) => format!("{n} results for {}", quoted(&q.text)),
        }
    };
    let heading = move || {
        let q = query.get();
        if q.has_text() {
            "Search results"
        } else if q.is_unfiltered() {
            "Latest articles"
        } else {
            "Filtered articles"
        }
    };
    let title = move || {
        let q = query.get();
        if q.has_text() {
            format!("Search: {}", q.text.trim())
        } else {
            String::new()
        }
    };
    let pager_pairs = {
        let archive = archive.clone();
        Signal::derive(move || {
            let q = Query {
                page: 1,
                ..query.get()
            };
            q.to_pairs(&archive.manifest.taxonomy)
        })
    };
    let hidden = archive.hidden.len();

    view! {
        <Title text=title/>
        <div class="list-layout">
            <FacetPanel query listing/>
            <section class="list" aria-labelledby="list-title" aria-busy=move || state.busy().to_string()>
                <header class="list-head">
                    <h1 id="list-title">{heading}</h1>
                    <SearchBox query/>
                    <div class="list-tools">
                        <p class="count" role="status" aria-live="polite">{count_text}</p>
                        <SortSelect query/>
                    </div>
                    <SearchNotes searched/>
                    <FilterChips query/>
                    {(hidden > 0).then(|| view! {
                        <p class="notice-inline" role="note">
                            {format!("{hidden} damaged archive entries could not be shown.")}
                        </p>
                    })}
                </header>
                {move || (total.get() == 0).then(|| view! { <EmptyState query/> })}
                <ol class="cards">
                    <For each=shown key=|(position, _)| *position let((_, entry))>
                        <li><ArticleCard entry highlight=Signal::from(highlight)/></li>
                    </For>
                </ol>
                <Pager page=Signal::derive(move || page.get()) pairs=pager_pairs/>
            </section>
        </div>
    }
}

/// What the search did beyond matching: corrections, ignored words, errors.
#[component]
fn SearchNotes(searched: LocalResource<(String, Searched)>) -> impl IntoView {
    move || {
        match searched.get().map(|(_, s)| s) {
        Some(Searched::Found(hits)) if !hits.corrections.is_empty() => {
            let fixes: Vec<String> = hits
                .corrections
                .iter()
                .map(|(typed, used)| format!("“{used}” for “{typed}”"))
                .collect();
            Some(
                view! { <p class="search-note">"Also showing " {fixes.join(", ")} "."</p> }
                    .into_any(),
            )
        }
        Some(Searched::OnlyStopWords(words)) => Some(
            view! {
                <p class="search-note">
                    "“" {words.join(" ")} "” only has words too common to search for. Add a more specific word."
                </p>
            }
            .into_any(),
        ),
        Some(Searched::Failed(error)) => Some(
            view! { <ErrorPanel title="The search could not be completed" detail=error.to_string()/> }
                .into_any(),
        ),
        _ => None,
    }
    }
}

/// Nothing matched: say so, and offer ways out.
#[component]
fn EmptyState(query: Memo<Query>) -> impl IntoView {
    let archive = expect_context::<Arc<Archive>>();
    let q = query.get_untracked();
    let tax = &archive.manifest.taxonomy;
    let without_text = (q.has_text() && !(q.filter.is_empty() && q.range.is_open())).then(|| {
        paths::list_query(
            &Query {
                text: String::new(),
                sort: None,
                page: 1,
                ..q.clone()
            },
            tax,
        )
    });
    let only_text = (q.has_text() && !(q.filter.is_empty() && q.range.is_open())).then(|| {
        paths::list_query(
            &Query {
                text: q.text.clone(),
                ..Query::default()
            },
            tax,
        )
    });
    view! {
        <div class="empty" role="note">
            <p><strong>"Nothing here matches."</strong></p>
            <ul>
                {q.has_text().then(|| view! { <li>"Check the spelling, or try fewer or shorter words."</li> })}
                {without_text.map(|href| view! { <li><a href=href>"Keep the filters, drop the search"</a></li> })}
                {only_text.map(|href| view! { <li><a href=href>"Search the whole archive instead"</a></li> })}
                <li><a href=paths::href("/")>"Show all articles"</a></li>
            </ul>
        </div>
    }
}
