//! The application shell: loads the archive once, then routes.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::{EditionBanner, ErrorPage, Loading, Masthead, OfflineControls};
use crate::data::{self, Archive};
use crate::offline;
use crate::paths;
use crate::routes::{ArticlePage, Home, NotFound};

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(offline::start());
    let archive = LocalResource::new(data::load_archive);
    view! {
        <Title text="Broadsheet"/>
        <a class="skip-link" href="#main">"Skip to content"</a>
        <EditionBanner/>
        <Router base=paths::base()>
            <Transition fallback=|| view! { <Loading/> }>
                {move || archive.get().map(|loaded| match loaded {
                    Ok(archive) => view! { <Shell archive/> }.into_any(),
                    Err(error) => view! { <ErrorPage error/> }.into_any(),
                })}
            </Transition>
        </Router>
    }
}

/// The loaded reader: masthead and routes, with the archive in context.
#[component]
fn Shell(archive: Arc<Archive>) -> impl IntoView {
    let site = archive.manifest.site.clone();
    leptos::task::spawn_local(archive.clone().load_facets());
    provide_context(archive);
    view! {
        <Title formatter=move |page: String| {
            if page.is_empty() { site.title.clone() } else { format!("{page} · {}", site.title) }
        }/>
        <Masthead/>
        <main id="main" tabindex="-1">
            <Routes fallback=|| view! { <NotFound/> }>
                <Route path=path!("/") view=Home/>
                <Route path=path!("/articles/:slug") view=ArticlePage/>
            </Routes>
        </main>
        <footer class="site-foot">
            <OfflineControls/>
        </footer>
    }
}
