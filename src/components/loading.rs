//! What shows while the archive loads.

use leptos::prelude::*;

#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <main id="main" tabindex="-1">
            <p class="loading" role="status">{crate::words::t("app.loading")}</p>
        </main>
    }
}
