//! The article list: narrowed by facets, dates and search text from the URL,
//! counted, sorted and paged.

use std::sync::Arc;

use broadsheet_core::{list_count, list_heading, paginate, Query, PAGE_SIZE};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::components::{
    ArticleCard, ErrorPanel, FacetPanel, FilterChips, Pager, SearchBox, SortSelect,
};
use crate::data::{Archive, Card};
use crate::list_state::{ListState, Pending, Searched};
use crate::paths;
use crate::words::{t, tf, words};

#[component]
pub fn ListPage() -> impl IntoView {
    let archive = expect_context::<Arc<Archive>>();
    let state = ListState::new(archive.clone());
    let ListState {
        query,
        searched,
        selection,
        pending,
    } = state;

    let total = Memo::new(move |_| selection.with(|l| l.positions.len()));
    remember_trail(&state, archive.clone());
    let page = Memo::new(move |_| paginate(total.get(), PAGE_SIZE, query.with(|q| q.page)));
    let highlight = Memo::new(move |_| state.highlighter());
    // The page's positions; their cards come from the card shards, fetched
    // when not here yet.
    let on_page = Memo::new(move |_| {
        let range = page.get().items;
        selection.with(|l| l.positions.get(range).unwrap_or_default().to_vec())
    });
    {
        let archive = archive.clone();
        Effect::new(move |_| {
            let positions = on_page.get();
            leptos::task::spawn_local(archive.clone().fetch_cards(positions));
        });
    }
    let shown = {
        let archive = archive.clone();
        Memo::new(move |_| on_page.with(|positions| archive.cards(positions)))
    };
    let busy = move || {
        state.busy() || shown.with(|cards| cards.iter().any(|(_, c)| matches!(c, Card::Loading)))
    };
    let title = move || {
        let q = query.get();
        if q.has_text() {
            tf("list.title-search", &[("text", q.text.trim())])
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

    // The first page's cards come with the archive: the static copy goes
    // once this is rendered; readiness waits until the list has settled
    // (a search or a page of cards may be on its way), for every address.
    Effect::new(|_| crate::prerender::remove_static());
    Effect::new(move |_| {
        query.track();
        if !busy() {
            crate::prerender::mark_ready();
        }
    });
    let description = archive.manifest.site.summary();
    view! {
        <Title text=title/>
        <Meta name="description" content=description/>
        <div class="list-layout">
            <FacetPanel query selection/>
            <section class="list" aria-labelledby="list-title" aria-busy=move || busy().to_string()>
                <ListHead query searched pending total/>
                {move || (total.get() == 0 && pending.get().listed()).then(|| view! { <EmptyState query/> })}
                <CardList shown highlight/>
                <Pager page=Signal::derive(move || page.get()) pairs=pager_pairs/>
            </section>
        </div>
    }
}

/// The list's head: its heading (focused on arrival), the search box,
/// the count, the sort, what the search did, the chips of the filters set.
#[component]
fn ListHead(
    query: Memo<Query>,
    searched: ReadSignal<Option<(String, Searched)>>,
    pending: Memo<Pending>,
    total: Memo<usize>,
) -> impl IntoView {
    let count_text = move || {
        let n = total.get();
        let q = query.get();
        match pending.get() {
            Pending::Facets => return t("list.loading-filters"),
            Pending::FacetsFailed(_) if !q.is_default() => return t("list.filters-unavailable"),
            _ => {}
        }
        list_count(n, &q, &words())
    };
    let heading = move || list_heading(&query.get(), &words());
    let heading_ref = NodeRef::new();
    crate::focus::heading_on_arrival(heading_ref);
    view! {
        <header class="list-head">
            <h1 id="list-title" tabindex="-1" node_ref=heading_ref>{heading}</h1>
            <SearchBox query/>
            <div class="list-tools">
                <p class="count" role="status" aria-live="polite">{count_text}</p>
                <SortSelect query/>
            </div>
            <SearchNotes searched/>
            <FilterChips query/>
            {move || match pending.get() {
                Pending::FacetsFailed(error) => Some(view! {
                    <ErrorPanel title=t(error.headline()) detail=error.to_string()/>
                }),
                _ => None,
            }}
        </header>
    }
}

/// Remembers the list on screen, once settled, for the articles opened
/// from it (previous / next, and the way back).
fn remember_trail(state: &ListState, archive: Arc<Archive>) {
    let last_list = expect_context::<crate::trail::LastList>();
    let ListState {
        query,
        selection,
        pending,
        ..
    } = *state;
    Effect::new(move |_| {
        if !pending.get().listed() {
            return;
        }
        let url = paths::list_query(&query.get(), &archive.manifest.taxonomy);
        let positions = selection.with(|l| l.positions.as_slice().into());
        last_list.set(Some(crate::trail::Trail { positions, url }));
    });
}

/// The page's cards, each as soon as its shard is here (a placeholder
/// until then, a notice if it cannot be loaded).
#[component]
fn CardList(
    shown: Memo<Vec<(u32, Card)>>,
    highlight: Memo<Option<Arc<broadsheet_core::search::Highlighter>>>,
) -> impl IntoView {
    view! {
        <ol class="cards">
            <For each=move || shown.get() key=|(position, card)| (*position, std::mem::discriminant(card)) let((_, card))>
                <li>{match card {
                    Card::Ready(entry) => view! { <ArticleCard entry highlight=Signal::from(highlight)/> }.into_any(),
                    Card::Loading => view! { <div class="card card-loading" aria-hidden="true"></div> }.into_any(),
                    Card::Failed(error) => view! {
                        <div class="card card-failed"><p>{tf("list.card-failed", &[("reason", &t(error.headline()))])}</p></div>
                    }.into_any(),
                }}</li>
            </For>
        </ol>
    }
}

/// What the search did beyond matching: corrections, ignored words, errors.
#[component]
fn SearchNotes(searched: ReadSignal<Option<(String, Searched)>>) -> impl IntoView {
    move || {
        match searched.get().map(|(_, s)| s) {
        Some(Searched::Found(hits)) if !hits.corrections.is_empty() => {
            let fixes: Vec<String> = hits
                .corrections
                .iter()
                .map(|(typed, used)| tf("list.correction", &[("used", used), ("typed", typed)]))
                .collect();
            Some(
                view! { <p class="search-note">{tf("list.also-showing", &[("fixes", &fixes.join(&t("app.separator")))])}</p> }
                    .into_any(),
            )
        }
        Some(Searched::OnlyStopWords(words)) => Some(
            view! {
                <p class="search-note">{tf("list.only-stop-words", &[("words", &words.join(" "))])}</p>
            }
            .into_any(),
        ),
        Some(Searched::Failed(error)) => Some(
            view! { <ErrorPanel title=t("list.search-failed") detail=error.to_string()/> }
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
            <p><strong>{t("list.empty")}</strong></p>
            <ul>
                {q.has_text().then(|| view! { <li>{t("list.empty-spelling")}</li> })}
                {without_text.map(|href| view! { <li><a href=href>{t("list.empty-drop-search")}</a></li> })}
                {only_text.map(|href| view! { <li><a href=href>{t("list.empty-whole-archive")}</a></li> })}
                <li><a href=paths::page("/")>{t("list.show-all")}</a></li>
            </ul>
        </div>
    }
}
