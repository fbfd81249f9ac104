//! The site's root: the list, or the article `?article=` names (the
//! single-file edition's article address; see `paths`).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{ArticlePage, ListPage};

#[component]
pub fn Home() -> impl IntoView {
    let query = use_query_map();
    let article = Memo::new(move |_| query.with(|q| q.get("article").is_some()));
    move || {
        if article.get() {
            view! { <ArticlePage/> }.into_any()
        } else {
            view! { <ListPage/> }.into_any()
        }
    }
}
