//! The site's name at the top of every page, linking home.

use std::sync::Arc;

use leptos::prelude::*;

use crate::components::DisplayControls;
use crate::data::Archive;
use crate::paths;

#[component]
pub fn Masthead() -> impl IntoView {
    let archive = expect_context::<Arc<Archive>>();
    let site = &archive.manifest.site;
    view! {
        <header class="masthead" role="banner">
            <a class="site-title" href=paths::href("/")>{site.title.clone()}</a>
            {(!site.description.is_empty()).then(|| view! { <p class="site-description">{site.description.clone()}</p> })}
            <DisplayControls/>
        </header>
    }
}
