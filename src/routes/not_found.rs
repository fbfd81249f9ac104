//! The page for addresses that lead nowhere.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::paths;

/// Shown for unknown routes and unknown article slugs.
#[component]
pub fn NotFound(#[prop(optional, into)] what: Option<String>) -> impl IntoView {
    let message = what.unwrap_or_else(|| "There is no page at this address.".to_string());
    Effect::new(|_| crate::prerender::done());
    view! {
        <Title text="Not found"/>
        <section class="notice not-found" aria-labelledby="nf-title">
            <h1 id="nf-title">"Not found"</h1>
            <p>{message}</p>
            <p><a href=paths::href("/")>"Browse all articles"</a></p>
        </section>
    }
}
