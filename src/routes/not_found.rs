//! The page for addresses that lead nowhere.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::paths;
use crate::words::t;

/// Shown for unknown routes and unknown article slugs.
#[component]
pub fn NotFound(#[prop(optional, into)] what: Option<String>) -> impl IntoView {
    let message = what.unwrap_or_else(|| t("notfound.page"));
    Effect::new(|_| crate::prerender::done());
    view! {
        <Title text=t("notfound.title")/>
        <section class="notice not-found" aria-labelledby="nf-title">
            <h1 id="nf-title">{t("notfound.title")}</h1>
            <p>{message}</p>
            <p><a href=paths::page("/")>{t("notfound.browse")}</a></p>
        </section>
    }
}
