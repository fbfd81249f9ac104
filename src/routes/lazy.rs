//! The `article` and `bookmarks` pages live in split modules
//! (`crate::split`): each is shown "loading" until its module is in, then
//! as it is, or as an error if the module cannot be fetched.

use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};

use super::{ArticlePage, BookmarksPage};
use crate::components::ErrorPanel;
use crate::split::{ready, Unavailable};

/// A page from a split module: "loading" while the module arrives, then
/// the page `show` makes, or the error page if the module cannot be
/// fetched. (Once fetched, the page appears within the same task.)
fn lazily<L>(load: L, show: fn() -> Option<AnyView>, what: &'static str) -> impl IntoView
where
    L: std::future::Future<Output = Result<(), SplitLoaderError>> + 'static,
{
    let loaded = RwSignal::new(None::<bool>);
    leptos::task::spawn_local(async move {
        let ok = load.await.is_ok();
        let _ = loaded.try_set(Some(ok));
    });
    let failed = move || {
        let error = crate::data::code_unavailable(what);
        crate::prerender::done();
        view! { <ErrorPanel title=crate::words::t(error.headline()) detail=error.to_string()/> }
            .into_any()
    };
    move || match loaded.get() {
        None => view! {
            <p class="loading" role="status">{crate::words::t("app.loading")}</p>
        }
        .into_any(),
        Some(true) => untrack(show).unwrap_or_else(failed),
        Some(false) => failed(),
    }
}

/// The article page's view.
#[wasm_split(article, wasm_split_path = ::leptos::wasm_split, fallible, preload(load_article))]
pub fn article_page() -> Result<AnyView, Unavailable> {
    Ok(view! { <ArticlePage/> }.into_any())
}

/// The article page, from its split module.
#[component]
pub fn LazyArticlePage() -> impl IntoView {
    lazily(load_article(), || ready(article_page()), "article page")
}

/// The bookmarks page's view.
#[wasm_split(bookmarks, wasm_split_path = ::leptos::wasm_split, fallible, preload(load_bookmarks))]
pub fn bookmarks_page() -> Result<AnyView, Unavailable> {
    Ok(view! { <BookmarksPage/> }.into_any())
}

/// The bookmarks page, from its split module.
#[component]
pub fn LazyBookmarksPage() -> impl IntoView {
    lazily(
        load_bookmarks(),
        || ready(bookmarks_page()),
        "bookmarks page",
    )
}
