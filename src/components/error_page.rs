//! Readable errors: a whole page when the archive cannot load, a panel when
//! one part of a page cannot.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::data::LoadError;
use crate::words::t;

/// Shown instead of the reader when the archive itself cannot be loaded.
#[component]
pub fn ErrorPage(error: LoadError) -> impl IntoView {
    let retry = error.retryable();
    Effect::new(|_| crate::prerender::done());
    view! {
        <Title text=t("error.title")/>
        <main id="main" tabindex="-1">
            <section class="notice error-page" role="alert" aria-labelledby="err-title">
                <h1 id="err-title">{t(error.headline())}</h1>
                <p class="error-detail">{error.to_string()}</p>
                {retry.then(|| view! {
                    <p>
                        <button type="button" on:click=|_| reload()>{t("error.retry")}</button>
                    </p>
                })}
                <p class="hint">{t("error.hint")}</p>
            </section>
        </main>
    }
}

/// A problem confined to one part of a page.
#[component]
pub fn ErrorPanel(title: String, detail: String) -> impl IntoView {
    view! {
        <div class="notice error-panel" role="alert">
            <p><strong>{title}</strong></p>
            <p class="error-detail">{detail}</p>
        </div>
    }
}

fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
