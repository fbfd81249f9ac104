//! Offline reading, the page's side: registers the service worker that the
//! builder writes next to the app (`crates/builder/src/site/edition.rs`),
//! tells the reader when a new edition has been installed beside the one
//! on screen, and switches to it only when they choose (the whole page
//! reloads: app and bundle change together, never one without the other).

use crate::device;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// What the page knows of offline reading.
#[derive(Clone, Copy)]
pub struct Offline {
    /// A service worker runs this page: saving for offline reading works.
    pub available: RwSignal<bool>,
    /// A new edition is installed and waits for the reader's go-ahead.
    pub update_ready: RwSignal<bool>,
}

/// The browser's service worker container, where there is one (not on
/// `file://`, not in insecure contexts, not in old browsers).
fn container() -> Option<ServiceWorkerContainer> {
    let window = web_sys::window()?;
    if window.location().protocol().ok()?.as_str() == "file:" {
        return None;
    }
    let navigator = window.navigator();
    js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker"))
        .unwrap_or(false)
        .then(|| navigator.service_worker())
}

/// Registers the service worker (`sw.js`, resolved against the page's
/// `<base href>`, so it works under a sub-path) and watches for new
/// editions.
pub fn start() -> Offline {
    let offline = Offline {
        available: RwSignal::new(false),
        update_ready: RwSignal::new(false),
    };
    let Some(workers) = container() else {
        return offline;
    };
    let registering = workers.register("sw.js");
    leptos::task::spawn_local(async move {
        let Ok(registration) = wasm_bindgen_futures::JsFuture::from(registering).await else {
            // No service worker (a host that serves no sw.js, a blocked
            // one): the reader works online as before.
            return;
        };
        // Anything but a registration (a browser or policy that blocks
        // service workers may answer `undefined`): online only, as above.
        let Ok(registration) = registration.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        offline.available.set(true);
        let controlled = move || container().and_then(|c| c.controller()).is_some();
        if registration.waiting().is_some() && controlled() {
            offline.update_ready.set(true);
        }
        let watched = registration.clone();
        let on_update_found = Closure::<dyn FnMut()>::new(move || {
            let Some(worker) = watched.installing() else {
                return;
            };
            let installing = worker.clone();
            let on_state = Closure::<dyn FnMut()>::new(move || {
                // The first installation is no update: nothing to announce.
                if installing.state() == ServiceWorkerState::Installed && controlled() {
                    offline.update_ready.set(true);
                }
            });
            worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        });
        registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
        on_update_found.forget();
    });
    offline
}

/// Lets the waiting edition take over, then reloads the page into it.
pub fn switch_to_new_edition() {
    let Some(container) = container() else {
        return;
    };
    let reload = Closure::<dyn FnMut()>::new(|| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    });
    container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
    reload.forget();
    let ready = container.get_registration();
    leptos::task::spawn_local(async move {
        let Ok(registration) = wasm_bindgen_futures::JsFuture::from(ready).await else {
            return;
        };
        let Ok(registration) = registration.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        match registration.waiting() {
            Some(worker) => {
                let _ = worker.post_message(&JsValue::from_str("activate-edition"));
            }
            // Nothing waits any more (another tab switched): just reload.
            None => {
                if let Some(window) = web_sys::window() {
                    let _ = window.location().reload();
                }
            }
        }
    });
}

/// Whether this edition was saved whole on this device (remembered per
/// edition in local storage, once every one of its files was kept).
pub fn saved(build_id: &str) -> bool {
    device::get(&saved_key(build_id)).is_some()
}

/// Remembers that this edition is saved whole, and that the reader wants
/// this archive kept whole: later editions are then saved too.
pub fn remember_saved(build_id: &str) {
    device::set(&saved_key(build_id), "1");
    device::set(&wants_whole_key(), "1");
}

/// Whether the reader once saved this archive whole (any edition): a new
/// edition then needs its new files saved before the claim holds again.
pub fn wants_whole() -> bool {
    device::get(&wants_whole_key()).is_some()
}

fn saved_key(build_id: &str) -> String {
    format!("broadsheet-saved-{build_id}")
}

fn wants_whole_key() -> String {
    format!("broadsheet-whole:{}/", crate::paths::base())
}

/// Whether the connection says data costs (the Network Information API's
/// `saveData`, or a cellular link): large downloads then wait to be asked
/// for. Unknown (most browsers but Chromium) counts as not metered.
pub fn metered() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let field = |object: &JsValue, name: &str| {
        js_sys::Reflect::get(object, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
    };
    let connection = field(&window.navigator(), "connection");
    if connection.is_undefined() || connection.is_null() {
        return false;
    }
    field(&connection, "saveData").as_bool() == Some(true)
        || field(&connection, "type").as_string().as_deref() == Some("cellular")
}

/// The cache of bundle files read so far; the service worker answers from
/// it. The page fills it, and only with files it has checked against the
/// manifest's hash: a truncated or tampered download is never kept. Named
/// per scope, as the worker names it (`public/sw.js`): archives sharing an
/// origin keep apart.
fn shards_cache() -> String {
    let scope = format!("{}/", crate::paths::base());
    broadsheet_core::offline::cache_name(&scope, broadsheet_core::offline::SHARDS)
}
/// Marks a response that came from the shard cache (nothing to keep again).
pub const SAVED_HEADER: &str = "x-broadsheet-saved";

/// Keeps a verified bundle file on this device, in the background.
pub fn keep(url: &str, bytes: &[u8]) {
    let Some(caches) = web_sys::window()
        .filter(|_| container().is_some())
        .and_then(|w| w.caches().ok())
    else {
        return;
    };
    let body = js_sys::Uint8Array::from(bytes);
    let init = web_sys::ResponseInit::new();
    let headers = web_sys::Headers::new().ok();
    if let Some(headers) = &headers {
        let _ = headers.set("content-type", "application/json");
        let _ = headers.set(SAVED_HEADER, "1");
        init.set_headers(headers);
    }
    let Ok(response) = web_sys::Response::new_with_opt_buffer_source_and_init(Some(&body), &init)
    else {
        return;
    };
    let url = url.to_string();
    leptos::task::spawn_local(async move {
        let Ok(cache) = wasm_bindgen_futures::JsFuture::from(caches.open(&shards_cache())).await
        else {
            return;
        };
        let Ok(cache) = cache.dyn_into::<web_sys::Cache>() else {
            return;
        };
        // A full disk or a private window: the file is simply not kept.
        let _ = wasm_bindgen_futures::JsFuture::from(cache.put_with_str(&url, &response)).await;
    });
}
