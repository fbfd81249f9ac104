//! The application shell: loads the archive once, then routes.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::{
    ErrorPage, LazyEditionBanner, LazyOfflineControls, Loading, Masthead, ShortcutsHelp,
};
use crate::data::{self, Archive};
use crate::paths;
use crate::routes::{Home, LazyArticlePage, LazyBookmarksPage, NotFound};
use crate::words::{t, tf};
use crate::{display, keyboard, offline, reading, trail};

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(offline::start());
    display::start();
    reading::start();
    trail::provide();
    let archive = LocalResource::new(data::load_archive);
    view! {
        <Title text="Broadsheet"/>
        <a class="skip-link" href="#main" on:click=skip_to_content>{t("app.skip")}</a>
        <Router base=paths::base()>
            <Transition fallback=|| view! { <Loading/> }>
                {move || archive.get().map(|loaded| match loaded {
                    Ok(archive) => view! { <Shell archive/> }.into_any(),
                    Err(error) => view! { <LazyEditionBanner archive=None/><ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </Router>
    }
}

/// On an unmetered connection, the facet data is fetched once the first
/// screen is up and the browser idle, at the latest this long after.
const FACETS_AHEAD_WITHIN_MS: u32 = 2000;

/// The loaded reader: masthead and routes, with the archive in context.
#[component]
fn Shell(archive: Arc<Archive>) -> impl IntoView {
    let site = archive.manifest.site.clone();
    // Filtering's data ahead of need only where the connection is
    // unmetered; elsewhere at the first filter or search.
    if crate::idle::unmetered() {
        let archive = archive.clone();
        crate::idle::when_idle(FACETS_AHEAD_WITHIN_MS, move || archive.want_facets());
    }
    let banner = Some(archive.clone());
    provide_context(archive);
    let help = NodeRef::new();
    keyboard::install(help);
    // "(press ?)", the key marked up where the language puts it.
    let press = tf("app.shortcuts-press", &[("key", "\u{0}")]);
    let (press_before, press_after) = press
        .split_once('\u{0}')
        .map_or((press.clone(), String::new()), |(a, b)| {
            (a.to_string(), b.to_string())
        });
    view! {
        <Title formatter=move |page: String| {
            if page.is_empty() { site.title.clone() } else { format!("{page} · {}", site.title) }
        }/>
        <LazyEditionBanner archive=banner/>
        <Masthead/>
        <main id="main" tabindex="-1">
            <Routes fallback=|| view! { <NotFound/> }>
                <Route path=path!("/") view=Home/>
                <Route path=path!("/articles/:slug") view=LazyArticlePage/>
                <Route path=path!("/bookmarks") view=LazyBookmarksPage/>
            </Routes>
        </main>
        <footer class="site-foot">
            <LazyOfflineControls/>
            <p class="shortcuts-hint">
                <button type="button" class="link-button" on:click=move |_| {
                    if let Some(dialog) = help.get_untracked() { let _ = dialog.show_modal(); }
                }>{t("app.shortcuts")}</button>
                " "{press_before}<kbd>"?"</kbd>{press_after}
            </p>
        </footer>
        <ShortcutsHelp dialog=help/>
    }
}

/// The skip link moves focus itself: the router would take `#main` for a
/// navigation (and against the page's `<base href>` it names another page).
fn skip_to_content(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    let main = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("main"));
    if let Some(main) =
        main.and_then(|m| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(m).ok())
    {
        let _ = main.focus();
    }
}
