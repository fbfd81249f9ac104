//! The site's root: the list, or the article `?article=` names, or the
//! bookmarks at `?bookmarks` (the single-file copy's addresses; see
//! `paths`).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{LazyArticlePage, LazyBookmarksPage, ListPage};

#[component]
pub fn Home() -> impl IntoView {
    let query = use_query_map();
    let page = Memo::new(move |_| {
        query.with(|q| {
            if q.get("article").is_some() {
                Page::Article
            } else if q.get("bookmarks").is_some() {
                Page::Bookmarks
            } else {
                Page::List
            }
        })
    });
    move || match page.get() {
        Page::Article => view! { <LazyArticlePage/> }.into_any(),
        Page::Bookmarks => view! { <LazyBookmarksPage/> }.into_any(),
        Page::List => view! { <ListPage/> }.into_any(),
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Page {
    List,
    Article,
    Bookmarks,
}
