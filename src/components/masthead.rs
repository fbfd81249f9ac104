//! The site's name at the top of every page, linking home.

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::DisplayControls;
use crate::data::Archive;
use crate::paths;
use crate::words::t;

#[component]
pub fn Masthead() -> impl IntoView {
    let archive = expect_context::<Arc<Archive>>();
    let site = &archive.manifest.site;
    let log = expect_context::<RwSignal<broadsheet_core::ReadingLog>>();
    view! {
        <header class="masthead" role="banner">
            <a class="site-title" href=paths::page("/")>{site.title.clone()}</a>
            {(!site.description.is_empty()).then(|| view! { <p class="site-description">{site.description.clone()}</p> })}
            <nav class="site-nav" aria-label=t("nav.your-reading")>
                <a href=paths::bookmarks()>{t("nav.bookmarks")}
                    {move || match log.with(|l| l.bookmarks().len()) {
                        0 => None,
                        n => Some(view! { <span class="badge">{crate::words::words().number(n as u64)}</span> }),
                    }}
                </a>
            </nav>
            <DisplayControls/>
        </header>
    }
}
