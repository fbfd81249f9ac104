//! Readable errors: a whole page when the archive cannot load, a panel when
//! one part of a page cannot.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::data::LoadError;

/// Shown instead of the reader when the archive itself cannot be loaded.
#[component]
pub fn ErrorPage(error: LoadError) -> impl IntoView {
    let retry = error.retryable();
    Effect::new(|_| crate::prerender::done());
    view! {
        <Title text="Archive unavailable"/>
        <main id="main" tabindex="-1">
            <section class="notice error-page" role="alert" aria-labelledby="err-title">
                <h1 id="err-title">{error.headline()}</h1>
                <p class="error-detail">{error.to_string()}</p>
                {retry.then(|| view! {
                    <p>
                        <button type="button" on:click=|_| reload()>"Try again"</button>
                    </p>
                })}
                <p class="hint">"If you reached this page from a saved link, the archive may have moved or been replaced."</p>
            </section>
        </main>
    }
}

/// A problem confined to one part of a page.
#[component]
pub fn ErrorPanel(title: &'static str, detail: String) -> impl IntoView {
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
