//! Offline reading, the page's side: registers the service worker that
//! `scripts/edition.mjs` writes next to the app, tells the reader when a new
//! edition has been installed beside the one on screen, and switches to it
//! only when they choose (the whole page reloads: app and bundle change
//! together, never one without the other).

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
        let registration: ServiceWorkerRegistration = registration.unchecked_into();
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
        let registration: ServiceWorkerRegistration = registration.unchecked_into();
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
/// edition in local storage).
pub fn saved(build_id: &str) -> bool {
    storage()
        .and_then(|s| s.get_item(&saved_key(build_id)).ok().flatten())
        .is_some()
}

pub fn remember_saved(build_id: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(&saved_key(build_id), "1");
    }
}

fn saved_key(build_id: &str) -> String {
    format!("broadsheet-saved-{build_id}")
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}
