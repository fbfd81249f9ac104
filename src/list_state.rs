//! The list page's state, derived from the URL: the query, the search run for
//! its text (fetched lazily from the index), and the narrowed, counted,
//! sorted list. No logic here that the core does not own; this is wiring.

use std::sync::Arc;

use broadsheet_core::search::{separate_stemmers, Highlighter, Hits};
use broadsheet_core::{page_of_hits, paginate, Query, Selection, Sort, PAGE_SIZE};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::data::{Archive, LoadError};
use crate::latest::latest_answer;

/// What searching for the query's text gave.
#[derive(Clone, Debug)]
pub enum Searched {
    /// No search text.
    Nothing,
    /// Only words too common to search for.
    OnlyStopWords(Vec<String>),
    Found(Arc<Hits>),
    Failed(LoadError),
}

#[derive(Clone, Copy)]
pub struct ListState {
    pub query: Memo<Query>,
    /// The search for the query's text, with the text it was run for
    /// (which trails the URL while a search is on its way).
    pub searched: ReadSignal<Option<(String, Searched)>>,
    pub selection: Memo<Selection>,
    /// The list cannot be worked out yet: the facet data (or the search) is
    /// still on its way, or failed.
    pub pending: Memo<Pending>,
}

/// Why the list is not (yet) the one the URL asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    Ready,
    /// The facet data is on its way.
    Facets,
    /// A search alone is answered and listed; only the filters' counts wait
    /// for the facet data, fetched once the results are here.
    Counts,
    FacetsFailed(LoadError),
}

impl Pending {
    /// Is the list itself the one asked for (its counts perhaps not yet)?
    pub fn listed(&self) -> bool {
        matches!(self, Pending::Ready | Pending::Counts)
    }
}

/// Can the list be shown before the facet data: a search alone, in an
/// order that needs no dates.
fn lists_early(q: &Query) -> bool {
    q.is_text_only() && q.sort() != Sort::Oldest
}

impl ListState {
    pub fn new(archive: Arc<Archive>) -> ListState {
        let params = use_query_map();
        let query = {
            let archive = archive.clone();
            Memo::new(move |_| {
                params.with(|p| {
                    let pairs: Vec<(String, String)> = p
                        .into_iter()
                        .map(|(k, v)| (k.to_string(), v.to_string()))
                        .collect();
                    Query::from_pairs(
                        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
                        &archive.manifest.taxonomy,
                    )
                })
            })
        };
        let text = Memo::new(move |_| query.with(|q| q.text.clone()));
        let searched = {
            let archive = archive.clone();
            latest_answer(text, move |text| {
                let archive = archive.clone();
                async move {
                    let searched = run_search(&archive, &text).await;
                    if let Some(q) = query.try_get_untracked().filter(|q| q.text == text) {
                        fetch_cards_early(&archive, &searched, &q);
                    }
                    searched
                }
            })
        };
        // The search for the text in the address is answered.
        let answered = move || {
            let current = text.get();
            searched
                .get()
                .is_some_and(|(searched_for, _)| searched_for == current)
        };
        {
            // A filter or a search in the address needs the facet data: at
            // once when the page opens with a filter, after its results
            // when it opens with a search alone (on a slow link they would
            // share it), later when one is chosen.
            let archive = archive.clone();
            Effect::new(move || {
                let q = query.get();
                if !q.is_default() && (!lists_early(&q) || answered()) {
                    archive.want_facets();
                }
            });
        }
        let facets = archive.facets;
        let pending = Memo::new(move |_| match facets.get() {
            Some(Ok(_)) => Pending::Ready,
            Some(Err(e)) => Pending::FacetsFailed(e),
            None if query.with(Query::is_default) => Pending::Ready,
            None if query.with(lists_early) => Pending::Counts,
            None => Pending::Facets,
        });
        let selection = Memo::new(move |previous: Option<&Selection>| {
            let q = query.get();
            let hits: Option<Arc<Hits>> = match searched.get().map(|(_, s)| s) {
                _ if !q.has_text() => None,
                // The first search is still on its way: keep what is shown.
                None => return previous.cloned().unwrap_or_default(),
                Some(Searched::Found(hits)) => Some(hits),
                Some(Searched::Nothing) => None,
                Some(Searched::OnlyStopWords(_) | Searched::Failed(_)) => {
                    Some(Arc::new(Hits::default()))
                }
            };
            let index = match facets.get() {
                Some(Ok(index)) => index,
                // Before (or without) the facet data: the first screen
                // needs none, nor does a search alone (but for its counts).
                _ if q.is_default() => {
                    return Selection::unfiltered(
                        archive.manifest.articles,
                        &archive.manifest.taxonomy,
                    )
                }
                _ if lists_early(&q) => {
                    let hits = hits.unwrap_or_default();
                    return Selection::of_hits(&hits, q.sort())
                        .unwrap_or_else(|| previous.cloned().unwrap_or_default());
                }
                _ => return previous.cloned().unwrap_or_default(),
            };
            // The facet data is there, so filtering's module is loaded.
            crate::split::ready(crate::split::evaluate(
                &index,
                &q.filter,
                q.range,
                hits.as_deref(),
                q.sort(),
            ))
            .unwrap_or_else(|| previous.cloned().unwrap_or_default())
        });
        ListState {
            query,
            searched,
            selection,
            pending,
        }
    }

    /// Is the list still being worked out: the facet data, or a search
    /// for the current text, on its way?
    pub fn busy(&self) -> bool {
        let text = self.query.with(|q| q.text.clone());
        matches!(self.pending.get(), Pending::Facets | Pending::Counts)
            || !self
                .searched
                .with(|s| s.as_ref().is_some_and(|(t, _)| *t == text))
    }

    /// Marks the words the current search matched, if searching.
    pub fn highlighter(&self) -> Option<Arc<Highlighter>> {
        match self.searched.get().map(|(_, s)| s) {
            Some(Searched::Found(hits)) if self.query.with(Query::has_text) => {
                Some(Arc::new(Highlighter::new(&hits)))
            }
            _ => None,
        }
    }
}

/// Asks for the cards of the page a search alone shows the moment its
/// hits are here: before the list is worked out, counted and drawn, which
/// on a large archive takes longer than the cards take to come. (The
/// list's own request, made after, finds them on their way.)
fn fetch_cards_early(archive: &Arc<Archive>, searched: &Searched, q: &Query) {
    let Searched::Found(hits) = searched else {
        return;
    };
    if !lists_early(q) {
        return;
    }
    let range = paginate(hits.docs.len(), PAGE_SIZE, q.page).items;
    if let Some(positions) = page_of_hits(hits, q.sort(), range) {
        leptos::task::spawn_local(archive.clone().fetch_cards(positions));
    }
}

async fn run_search(archive: &Archive, text: &str) -> Searched {
    if text.trim().is_empty() {
        return Searched::Nothing;
    }
    let taxonomy = &archive.manifest.taxonomy;
    // The stemmers, the search's code and the index roots, at once.
    let stemmers = separate_stemmers(taxonomy.languages.iter().map(|t| t.key.as_str()));
    let (_, prepared) = futures::join!(crate::stemmers::load(&stemmers), archive.prepare_search());
    if let Err(error) = prepared {
        return Searched::Failed(error);
    }
    let parsed = match crate::split::parse_query(text, &taxonomy.query_analysis()).await {
        Ok(parsed) => parsed,
        Err(_) => return Searched::Failed(crate::data::code_unavailable("search")),
    };
    if parsed.only_stop_words() {
        return Searched::OnlyStopWords(parsed.dropped);
    }
    if parsed.is_empty() {
        return Searched::Nothing;
    }
    match archive.search(&parsed).await {
        Ok(hits) => Searched::Found(hits),
        Err(error) => Searched::Failed(error),
    }
}
