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
    // After the first page: the worker's first install downloads the
    // whole reader, which must not share a slow link with the first screen.
    crate::prerender::after_first_page(move || register(offline));
    offline
}

fn register(offline: Offline) {
    let Some(workers) = container() else {
        return;
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
        // The interface language's catalog is kept by the worker once it
        // asks for it while the worker is in control.
        if controlled() {
            crate::words::keep_for_offline();
        } else if let Some(container) = container() {
            let keep = Closure::<dyn FnMut()>::new(crate::words::keep_for_offline);
            let _ = container.add_event_listener_with_callback(
                "controllerchange",
                keep.as_ref().unchecked_ref(),
            );
            keep.forget();
        }
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
}

/// Lets the waiting edition take over, then reloads the page into it. The
/// page should have stopped asking for files first (`data::go_quiet`: a
/// save ahead may be under way): the browser hands over only once the old
/// worker has fallen idle.
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
/// this archive kept whole: later editions are then saved too (a newer
/// edition saved ahead, before the reader switches to it, is remembered
/// the same way).
pub fn remember_saved(build_id: &str) {
    device::set(&saved_key(build_id), "1");
    device::set(&wants_whole_key(), "1");
}

/// Whether the reader once saved this archive whole (any edition): a new
/// edition then needs its new files saved before the claim holds again.
pub fn wants_whole() -> bool {
    device::get(&wants_whole_key()).is_some()
}

/// Whether the reader wants pictures saved with the archive (the default);
/// saving without them keeps only the text, lists and search.
pub fn wants_pictures() -> bool {
    device::get(&pictures_key()).is_none()
}

pub fn set_wants_pictures(wanted: bool) {
    if wanted {
        device::remove(&pictures_key());
    } else {
        device::set(&pictures_key(), "no");
    }
}

fn pictures_key() -> String {
    format!("broadsheet-no-pictures:{}/", crate::paths::base())
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

/// Whether a service worker can run this page (not on `file://`, not in
/// insecure contexts or old browsers).
pub fn workers_run_here() -> bool {
    container().is_some()
}

/// Whether a newer edition's worker is installing or waits (a tidy of the
/// device must then leave its files alone).
pub async fn newer_edition_pending() -> bool {
    let Some(container) = container() else {
        return false;
    };
    let Ok(registration) = wasm_bindgen_futures::JsFuture::from(container.get_registration()).await
    else {
        return false;
    };
    registration
        .dyn_into::<ServiceWorkerRegistration>()
        .is_ok_and(|r| r.waiting().is_some() || r.installing().is_some())
}

/// The manifests sealed in this archive's edition caches (the one on
/// screen, and a newer one installed beside it), as bytes.
pub async fn sealed_manifests() -> Vec<Vec<u8>> {
    use wasm_bindgen_futures::JsFuture;
    let Some(caches) = web_sys::window().and_then(|w| w.caches().ok()) else {
        return Vec::new();
    };
    let scope = format!("{}/", crate::paths::base());
    let prefix = broadsheet_core::offline::cache_name(&scope, "edition-");
    let Ok(names) = JsFuture::from(caches.keys()).await else {
        return Vec::new();
    };
    let manifest = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .and_then(|page| {
            web_sys::Url::new_with_base(&crate::paths::bundle_file("manifest.json"), &page).ok()
        })
        .map(|u| u.href())
        .unwrap_or_default();
    let mut out = Vec::new();
    for name in js_sys::Array::from(&names)
        .iter()
        .filter_map(|n| n.as_string())
    {
        if !name.starts_with(&prefix) {
            continue;
        }
        let Ok(cache) = JsFuture::from(caches.open(&name)).await else {
            continue;
        };
        let Ok(cache) = cache.dyn_into::<web_sys::Cache>() else {
            continue;
        };
        let Ok(hit) = JsFuture::from(cache.match_with_str(&manifest)).await else {
            continue;
        };
        let Ok(response) = hit.dyn_into::<web_sys::Response>() else {
            continue;
        };
        let Ok(buffer) = response.array_buffer() else {
            continue;
        };
        if let Ok(buffer) = JsFuture::from(buffer).await {
            out.push(js_sys::Uint8Array::new(&buffer).to_vec());
        }
    }
    out
}

/// Forgets that any edition of this archive was saved whole (the reader
/// freed the space).
pub fn forget_saved(build_id: &str) {
    device::remove(&saved_key(build_id));
    device::remove(&wants_whole_key());
}

/// Asks the browser to keep this site's files until the reader deletes
/// them (not to evict them when space runs short); the browser may say no.
pub fn ask_to_persist() {
    let Some(storage) = storage_manager() else {
        return;
    };
    if let Ok(persist) = js_sys::Reflect::get(&storage, &JsValue::from_str("persist")) {
        if let Some(persist) = persist.dyn_ref::<js_sys::Function>() {
            let _ = persist.call0(&storage);
        }
    }
}

/// How many bytes this site's origin keeps on the device, and how many it
/// may (the browser's estimate), where the browser says.
pub async fn storage_estimate() -> Option<(u64, u64)> {
    let storage = storage_manager()?;
    let estimate = js_sys::Reflect::get(&storage, &JsValue::from_str("estimate")).ok()?;
    let promise = estimate
        .dyn_ref::<js_sys::Function>()?
        .call0(&storage)
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()?;
    let result = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    let field = |name: &str| {
        js_sys::Reflect::get(&result, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_f64())
            .map(|v| v as u64)
    };
    Some((field("usage")?, field("quota")?))
}

fn storage_manager() -> Option<JsValue> {
    let navigator = web_sys::window()?.navigator();
    let storage = js_sys::Reflect::get(&navigator, &JsValue::from_str("storage")).ok()?;
    (!storage.is_undefined() && !storage.is_null()).then_some(storage)
}
