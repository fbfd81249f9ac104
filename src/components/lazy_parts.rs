//! The `offline` split (`crate::split`): the offline controls and the
//! new-edition banner, with saving and tidying the device. Neither is
//! needed to read, so they are fetched once the browser is idle.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};

use super::{EditionBanner, OfflineControls};
use crate::data::Archive;
use crate::split::{ready, Unavailable};

/// A part of the page in a split module is fetched once the first page is
/// ready and the browser idle, at the latest this long after that.
const PARTS_WITHIN_MS: u32 = 3000;

/// A part of the page from a split module, fetched once the first page is
/// ready and the browser idle: nothing until then, and nothing if it cannot be fetched (what the
/// part offers is not needed to read).
fn idle_part<L>(
    load: fn() -> L,
    show: impl Fn() -> Option<AnyView> + Send + Sync + 'static,
) -> impl IntoView
where
    L: std::future::Future<Output = Result<(), SplitLoaderError>> + 'static,
{
    let loaded = RwSignal::new(false);
    crate::prerender::after_first_page(move || {
        crate::idle::when_idle(PARTS_WITHIN_MS, move || {
            leptos::task::spawn_local(async move {
                let ok = load().await.is_ok();
                let _ = loaded.try_set(ok);
            });
        });
    });
    move || loaded.get().then(|| untrack(&show)).flatten()
}

/// The offline controls' view.
#[wasm_split(offline, wasm_split_path = ::leptos::wasm_split, fallible, preload(load_offline_controls))]
pub fn offline_controls() -> Result<AnyView, Unavailable> {
    Ok(view! { <OfflineControls/> }.into_any())
}

/// The offline controls, from their split module.
#[component]
pub fn LazyOfflineControls() -> impl IntoView {
    idle_part(load_offline_controls, || ready(offline_controls()))
}

/// The new-edition banner's view.
#[wasm_split(offline, wasm_split_path = ::leptos::wasm_split, fallible, preload(load_edition_banner))]
pub fn edition_banner(archive: Option<Arc<Archive>>) -> Result<AnyView, Unavailable> {
    Ok(view! { <EditionBanner archive/> }.into_any())
}

/// The new-edition banner, from its split module.
#[component]
pub fn LazyEditionBanner(archive: Option<Arc<Archive>>) -> impl IntoView {
    idle_part(load_edition_banner, move || {
        ready(edition_banner(archive.clone()))
    })
}
