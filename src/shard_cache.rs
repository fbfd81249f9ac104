//! The shard cache, the page's side: the bundle files this device keeps
//! (the service worker answers from it, `public/sw.js`). The page fills
//! it, and only with files it has checked against their hash: a truncated
//! or tampered download is never kept. Named per scope, as the worker
//! names it: archives sharing an origin keep apart. Files are named by
//! their content, so the cache is shared by every edition; what none of
//! them needs is deleted once the device reads a newer one
//! (`data/keep.rs`).

use std::cell::RefCell;
use std::collections::HashSet;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::paths;

/// Marks a response that came from the shard cache (nothing to keep again).
pub const SAVED_HEADER: &str = "x-broadsheet-saved";

/// Why a file could not be kept.
#[derive(Clone, Debug, PartialEq)]
pub enum KeepError {
    /// The device's storage for this site is full.
    Full,
    /// No cache here (no service worker, a private window) or another
    /// failure of the browser's.
    Refused(String),
}

fn name() -> String {
    let scope = format!("{}/", paths::base());
    broadsheet_core::offline::cache_name(&scope, broadsheet_core::offline::SHARDS)
}

/// The cache, where the browser offers one to a page a worker runs.
async fn open() -> Result<web_sys::Cache, KeepError> {
    let caches = web_sys::window()
        .filter(|_| crate::offline::workers_run_here())
        .and_then(|w| w.caches().ok())
        .ok_or_else(|| KeepError::Refused("this browser keeps no files for this page".into()))?;
    JsFuture::from(caches.open(&name()))
        .await
        .map_err(|e| KeepError::Refused(js_text(&e)))?
        .dyn_into::<web_sys::Cache>()
        .map_err(|_| KeepError::Refused("not a cache".into()))
}

/// The absolute URL bundle file `path` is kept under.
fn url_of(path: &str) -> String {
    let relative = paths::bundle_file(path);
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .and_then(|page| web_sys::Url::new_with_base(&relative, &page).ok())
        .map_or(relative, |u| u.href())
}

fn js_text(value: &wasm_bindgen::JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| {
            value
                .dyn_ref::<web_sys::DomException>()
                .map(|e| e.message())
        })
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "the browser refused".into())
}

fn response(bytes: &[u8]) -> Option<web_sys::Response> {
    let body = js_sys::Uint8Array::from(bytes);
    let init = web_sys::ResponseInit::new();
    let headers = web_sys::Headers::new().ok()?;
    let _ = headers.set("content-type", "application/json");
    let _ = headers.set(SAVED_HEADER, "1");
    init.set_headers(&headers);
    web_sys::Response::new_with_opt_buffer_source_and_init(Some(&body), &init).ok()
}

/// Keeps a verified bundle file (`url` as the page fetched it) and waits
/// until it is stored.
pub async fn keep_now(url: &str, bytes: &[u8]) -> Result<(), KeepError> {
    put(&open().await?, url, bytes).await
}

async fn put(cache: &web_sys::Cache, url: &str, bytes: &[u8]) -> Result<(), KeepError> {
    let response = response(bytes).ok_or_else(|| KeepError::Refused("no response".into()))?;
    JsFuture::from(cache.put_with_str(url, &response))
        .await
        .map(|_| ())
        .map_err(|error| {
            let quota = error
                .dyn_ref::<web_sys::DomException>()
                .is_some_and(|e| e.name() == "QuotaExceededError");
            if quota {
                KeepError::Full
            } else {
                KeepError::Refused(js_text(&error))
            }
        })
}

thread_local! {
    /// Verified files waiting for an idle moment to be kept.
    static WAITING: RefCell<Vec<(String, Vec<u8>)>> = const { RefCell::new(Vec::new()) };
}

/// The longest a verified file waits for an idle moment before it is
/// kept anyway.
const KEEP_WITHIN_MS: u32 = 1000;

/// Keeps a verified bundle file in the background (a full disk or a
/// private window: it is simply not kept). Storing costs the page's main
/// thread about a millisecond a file, so files are kept together once the
/// page is idle (within [`KEEP_WITHIN_MS`]), not while a search or a list
/// that needs them is still being worked out.
pub fn keep(url: &str, bytes: &[u8]) {
    if !crate::offline::workers_run_here() {
        return;
    }
    let first = WAITING.with_borrow_mut(|waiting| {
        waiting.push((url.to_string(), bytes.to_vec()));
        waiting.len() == 1
    });
    if first {
        crate::idle::when_idle(KEEP_WITHIN_MS, || leptos::task::spawn_local(keep_waiting()));
    }
}

async fn keep_waiting() {
    let files = WAITING.take();
    let Ok(cache) = open().await else {
        return;
    };
    for (url, bytes) in files {
        let _ = put(&cache, &url, &bytes).await;
    }
}

/// The bundle files this device keeps, by path in the bundle.
pub async fn held() -> Result<HashSet<String>, KeepError> {
    let cache = open().await?;
    let keys = JsFuture::from(cache.keys())
        .await
        .map_err(|e| KeepError::Refused(js_text(&e)))?;
    let prefix = url_of("");
    let keys: js_sys::Array = keys.unchecked_into();
    Ok(keys
        .iter()
        .filter_map(|k| k.dyn_into::<web_sys::Request>().ok())
        .filter_map(|r| r.url().strip_prefix(&prefix).map(str::to_string))
        .collect())
}

/// A kept file's bytes, if this device has it.
pub async fn read(path: &str) -> Option<Vec<u8>> {
    let cache = open().await.ok()?;
    let hit = JsFuture::from(cache.match_with_str(&url_of(path)))
        .await
        .ok()?;
    let response = hit.dyn_into::<web_sys::Response>().ok()?;
    let buffer = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Deletes kept files (paths in the bundle); returns how many went.
pub async fn forget(paths: impl IntoIterator<Item = &str>) -> usize {
    let Ok(cache) = open().await else {
        return 0;
    };
    let mut gone = 0;
    for path in paths {
        if let Ok(deleted) = JsFuture::from(cache.delete_with_str(&url_of(path))).await {
            gone += usize::from(deleted.as_bool() == Some(true));
        }
    }
    gone
}

/// Deletes every kept file of this archive.
pub async fn forget_all() {
    if let Some(caches) = web_sys::window().and_then(|w| w.caches().ok()) {
        let _ = JsFuture::from(caches.delete(&name())).await;
    }
}
