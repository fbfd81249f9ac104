//! Entry point of the browser reader: panic hook, then mount the app.

mod app;
mod components;
mod crash;
mod data;
mod device;
mod display;
mod focus;
mod idle;
mod keyboard;
mod latest;
mod list_state;
mod navigation;
mod offline;
mod packed;
mod paths;
mod prerender;
mod reading;
mod routes;
mod shard_cache;
mod split;
mod stemmers;
mod trail;
mod words;

fn main() {
    crash::install();
    // Search text is decomposed with the browser's Unicode tables (the same
    // algorithm the builder runs with its own), which keeps them out of the
    // wasm.
    broadsheet_core::search::set_platform_nfkd(|word| {
        js_sys::JsString::from(word).normalize("NFKD").into()
    });
    stemmers::register();
    prerender::adopt();
    // The interface language's catalog first (English needs no fetch), so
    // every string the app shows comes from it.
    wasm_bindgen_futures::spawn_local(async {
        words::start().await;
        leptos::mount::mount_to_body(app::App);
    });
}
