//! Fetching bundle files: bytes from the network, checked against the
//! manifest's hashes and sizes, with errors specific enough to act on.
//!
//! Networks here are slow, flaky or interfered with, so every request:
//! - is abandoned when nothing arrives for [`STALL_MS`] (a slow download
//!   that keeps moving is never cut off, a stalled one is);
//! - is tried again after a transient failure (a dropped connection, a
//!   stall, a 5xx, a file that does not match its hash), up to
//!   [`ATTEMPTS`] times with growing, jittered pauses, bypassing the HTTP
//!   cache;
//! - stops reading as soon as the body is larger than the file can be (its
//!   recorded size; else [`MANIFEST_LIMIT`] or [`SHARD_LIMIT`]);
//! - once verified, is kept in the page's shard cache for offline reading
//!   (only verified files are kept: see `shard_cache::keep`).

use std::cell::Cell;
use std::fmt;
use std::rc::Rc;

use broadsheet_core::{DecodeError, ShardRef};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::words::tf;
use crate::{paths, shard_cache};

/// A request that receives nothing for this long is abandoned.
pub const STALL_MS: i32 = 20_000;
pub use broadsheet_core::retry::ATTEMPTS;
/// The largest manifest accepted: real ones are a few kilobytes, and a
/// tampered mirror must not make a phone download gigabytes.
pub const MANIFEST_LIMIT: u64 = 1 << 20;
/// The largest shard of unrecorded size accepted (the builder aims at a
/// few hundred kilobytes; one very long article can make a shard larger).
const SHARD_LIMIT: u64 = 32 << 20;

/// Why a bundle file could not be loaded, specific enough to act on.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// The request failed: blocked, or the server went away.
    Network { url: String, detail: String },
    /// Nothing arrived for [`STALL_MS`], on every try.
    Timeout { url: String },
    /// The device is offline and this file is not saved on it.
    Offline { url: String },
    /// The server answered with an error status (404, 500, …).
    Status { url: String, status: u16 },
    /// The file is larger than it can be.
    TooLarge { url: String, limit: u64 },
    /// The file arrived but is not a usable Broadsheet bundle file.
    Decode { url: String, error: DecodeError },
}

impl LoadError {
    /// The message key of a short headline for the error page.
    pub fn headline(&self) -> &'static str {
        match self {
            LoadError::Network { .. } => "error.network",
            LoadError::Timeout { .. } => "error.timeout",
            LoadError::Offline { .. } => "error.offline",
            LoadError::Status { status: 404, .. } => "error.not-found",
            LoadError::Status { .. } => "error.refused",
            LoadError::Decode {
                error: DecodeError::UnsupportedVersion { .. },
                ..
            } => "error.version",
            LoadError::Decode {
                error: DecodeError::ForeignFormat { .. },
                ..
            } => "error.foreign",
            LoadError::TooLarge { .. } | LoadError::Decode { .. } => "error.damaged",
        }
    }

    /// Would the reader trying again, later, plausibly help?
    pub fn retryable(&self) -> bool {
        matches!(
            self,
            LoadError::Network { .. }
                | LoadError::Timeout { .. }
                | LoadError::Offline { .. }
                | LoadError::Status { .. }
                | LoadError::Decode {
                    error: DecodeError::NotJson { .. } | DecodeError::HashMismatch { .. },
                    ..
                }
        )
    }

    /// Is this worth an automatic retry, right away? Failures a flaky
    /// network or a stale cache cause; not a 404, not a damaged file the
    /// server will send again, not the device being offline.
    fn transient(&self) -> bool {
        match self {
            LoadError::Network { .. } | LoadError::Timeout { .. } => true,
            LoadError::Status { status, .. } => matches!(status, 408 | 429 | 500..=599),
            LoadError::Decode { error, .. } => matches!(error, DecodeError::HashMismatch { .. }),
            LoadError::Offline { .. } | LoadError::TooLarge { .. } => false,
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Network { url, detail } => f.write_str(&tf(
                "error.detail-network",
                &[("url", url), ("detail", detail)],
            )),
            LoadError::Timeout { url } => f.write_str(&tf(
                "error.detail-timeout",
                &[
                    ("url", url),
                    ("seconds", &(STALL_MS / 1000).to_string()),
                    ("times", &ATTEMPTS.to_string()),
                ],
            )),
            LoadError::Offline { url } => f.write_str(&tf("error.detail-offline", &[("url", url)])),
            LoadError::Status { url, status } => f.write_str(&tf(
                "error.detail-status",
                &[("url", url), ("status", &status.to_string())],
            )),
            LoadError::TooLarge { url, limit } => f.write_str(&tf(
                "error.detail-too-large",
                &[("url", url), ("limit", &limit.to_string())],
            )),
            LoadError::Decode { url, error } => f.write_str(&decode_detail(url, error)),
        }
    }
}

/// What is wrong with a file, in the interface language (the parser's own
/// detail, when there is one, stays as it says it).
fn decode_detail(url: &str, error: &DecodeError) -> String {
    match error {
        DecodeError::NotJson { detail } => {
            tf("error.detail-not-json", &[("url", url), ("detail", detail)])
        }
        DecodeError::ForeignFormat { found: Some(name) } => {
            tf("error.detail-foreign", &[("url", url), ("name", name)])
        }
        DecodeError::ForeignFormat { found: None } => {
            tf("error.detail-foreign-unnamed", &[("url", url)])
        }
        DecodeError::UnsupportedVersion { found } => tf(
            "error.detail-version",
            &[
                ("url", url),
                ("found", &found.to_string()),
                ("version", &broadsheet_core::FORMAT_VERSION.to_string()),
            ],
        ),
        DecodeError::Invalid { detail } => {
            tf("error.detail-invalid", &[("url", url), ("detail", detail)])
        }
        DecodeError::HashMismatch { .. } => tf("error.detail-hash", &[("url", url)]),
    }
}

pub fn damaged_index(path: &str) -> LoadError {
    LoadError::Decode {
        url: paths::bundle_file(path),
        error: DecodeError::Invalid {
            detail: "the search index refers to files it does not list".into(),
        },
    }
}

/// A failed request: `Offline` when the browser says it is offline.
fn network_error(url: &str, error: impl fmt::Display) -> LoadError {
    let online = web_sys::window().is_none_or(|w| w.navigator().on_line());
    if online {
        LoadError::Network {
            url: url.to_string(),
            detail: error.to_string(),
        }
    } else {
        LoadError::Offline {
            url: url.to_string(),
        }
    }
}

/// Resolves after `ms` milliseconds (at once where there is no window).
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let scheduled = web_sys::window().is_some_and(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
                .is_ok()
        });
        if !scheduled {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// The pause before try `attempt + 1` (the policy is broadsheet-core's).
fn backoff_ms(attempt: u32) -> i32 {
    broadsheet_core::retry::backoff_ms(attempt, js_sys::Math::random()) as i32
}

/// Aborts a request when it has received nothing for [`STALL_MS`]; each
/// [`Watchdog::pet`] (something arrived) starts the wait again.
struct Watchdog {
    controller: web_sys::AbortController,
    timer: Cell<Option<i32>>,
    fired: Rc<Cell<bool>>,
    on_stall: Closure<dyn FnMut()>,
}

impl Watchdog {
    fn start() -> Option<Watchdog> {
        let controller = web_sys::AbortController::new().ok()?;
        let fired = Rc::new(Cell::new(false));
        let on_stall = {
            let controller = controller.clone();
            let fired = fired.clone();
            Closure::<dyn FnMut()>::new(move || {
                fired.set(true);
                controller.abort();
            })
        };
        let watchdog = Watchdog {
            controller,
            timer: Cell::new(None),
            fired,
            on_stall,
        };
        watchdog.pet();
        Some(watchdog)
    }

    fn pet(&self) {
        let Some(window) = web_sys::window() else {
            return;
        };
        if let Some(timer) = self.timer.take() {
            window.clear_timeout_with_handle(timer);
        }
        let timer = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            self.on_stall.as_ref().unchecked_ref(),
            STALL_MS,
        );
        self.timer.set(timer.ok());
    }

    /// The error for a failed request: a stall if the watchdog ended it.
    fn explain(&self, url: &str, error: impl fmt::Display) -> LoadError {
        if self.fired.get() {
            LoadError::Timeout {
                url: url.to_string(),
            }
        } else {
            network_error(url, error)
        }
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        if let (Some(window), Some(timer)) = (web_sys::window(), self.timer.take()) {
            window.clear_timeout_with_handle(timer);
        }
    }
}

fn js_text(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "the request failed".into())
}

thread_local! {
    /// Requests under way (each try's, until its body is read or dropped).
    static UNDER_WAY: Cell<usize> = const { Cell::new(0) };
    /// The page is handing over to a new edition: no new request starts.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Counts a request as under way for as long as it lives.
struct UnderWay;

impl UnderWay {
    fn start() -> UnderWay {
        UNDER_WAY.set(UNDER_WAY.get() + 1);
        UnderWay
    }
}

impl Drop for UnderWay {
    fn drop(&mut self) {
        UNDER_WAY.set(UNDER_WAY.get().saturating_sub(1));
    }
}

/// The longest [`go_quiet`] waits for the requests under way to end.
const QUIET_WITHIN_MS: i32 = 3000;

/// Stops the page's requests for good (it is about to be reloaded into a
/// new edition) and resolves once those under way have ended, or after
/// [`QUIET_WITHIN_MS`]. Chromium activates a new service worker only once
/// the old one has fallen idle: a page that keeps asking it for files (a
/// save ahead, a search) could hold the new edition back for minutes.
pub async fn go_quiet() {
    QUIET.set(true);
    let mut waited = 0;
    while UNDER_WAY.get() > 0 && waited < QUIET_WITHIN_MS {
        sleep(25).await;
        waited += 25;
    }
}

/// A response body being read; cancelled if dropped before its end (a
/// search overtaken by the next keystroke), so that no half-read stream
/// keeps the service worker that answers it busy.
struct Reading {
    reader: web_sys::ReadableStreamDefaultReader,
    /// Read to its end: nothing to cancel.
    ended: bool,
}

impl Drop for Reading {
    fn drop(&mut self) {
        if self.ended {
            return;
        }
        // A refusal is awaited here, not left to be reported as unhandled.
        let cancelled = JsFuture::from(self.reader.cancel());
        wasm_bindgen_futures::spawn_local(async move {
            let _ = cancelled.await;
        });
    }
}

/// A file as it arrived.
pub struct Fetched {
    pub bytes: Vec<u8>,
    /// It came from this device's shard cache (see `shard_cache::keep`).
    pub saved: bool,
}

/// One try: the body, read as it arrives, at most `limit` bytes.
async fn fetch_once(url: &str, limit: u64, fresh: bool) -> Result<Fetched, LoadError> {
    if QUIET.get() {
        // The page is going away: nothing it would do with the file matters.
        std::future::pending::<()>().await;
    }
    let _under_way = UnderWay::start();
    let watchdog = Watchdog::start();
    let mut request = gloo_net::http::Request::get(url)
        .abort_signal(watchdog.as_ref().map(|w| w.controller.signal()).as_ref());
    if fresh {
        request = request.cache(web_sys::RequestCache::Reload);
    }
    let explain = |e: &dyn fmt::Display| match &watchdog {
        Some(w) => w.explain(url, e),
        None => network_error(url, e),
    };
    let response = request.send().await.map_err(|e| explain(&e))?;
    if !response.ok() {
        return Err(LoadError::Status {
            url: url.to_string(),
            status: response.status(),
        });
    }
    let too_large = || LoadError::TooLarge {
        url: url.to_string(),
        limit,
    };
    let headers = response.headers();
    let declared = headers.get("content-length");
    if declared.and_then(|n| n.parse::<u64>().ok()).unwrap_or(0) > limit {
        return Err(too_large());
    }
    let saved = headers.get(shard_cache::SAVED_HEADER).is_some();
    let Some(body) = response.body() else {
        return Ok(Fetched {
            bytes: Vec::new(),
            saved,
        });
    };
    let mut reading = Reading {
        reader: body.get_reader().unchecked_into(),
        ended: false,
    };
    let mut bytes = Vec::new();
    loop {
        if let Some(w) = &watchdog {
            w.pet();
        }
        let chunk = JsFuture::from(reading.reader.read())
            .await
            .map_err(|e| explain(&js_text(&e)))?;
        let field = |name: &str| js_sys::Reflect::get(&chunk, &JsValue::from_str(name));
        let done = field("done").ok().and_then(|d| d.as_bool());
        if done != Some(false) {
            reading.ended = done == Some(true);
            return Ok(Fetched { bytes, saved });
        }
        let Ok(value) = field("value").and_then(|v| v.dyn_into::<js_sys::Uint8Array>()) else {
            return Err(explain(&"the response body is not bytes"));
        };
        let start = bytes.len();
        if (start + value.length() as usize) as u64 > limit {
            return Err(too_large());
        }
        bytes.resize(start + value.length() as usize, 0);
        value.copy_to(&mut bytes[start..]);
    }
}

/// Fetches `url` (at most `limit` bytes) and checks it with `check`,
/// trying again after transient failures.
async fn fetch_checked(
    url: &str,
    limit: u64,
    check: impl Fn(&[u8]) -> Result<(), LoadError>,
) -> Result<Fetched, LoadError> {
    if let Some(path) = url.strip_prefix("pack:") {
        let bytes = crate::packed::file(path).ok_or_else(|| LoadError::Status {
            url: url.to_string(),
            status: 404,
        })?;
        check(&bytes)?;
        return Ok(Fetched { bytes, saved: true });
    }
    let mut attempt = 1;
    loop {
        // A retry skips the HTTP cache: it may hold the broken copy.
        let result = fetch_once(url, limit, attempt > 1)
            .await
            .and_then(|fetched| check(&fetched.bytes).map(|()| fetched));
        match result {
            Err(error) if error.transient() && attempt < ATTEMPTS => {
                sleep(backoff_ms(attempt)).await;
                attempt += 1;
            }
            result => return result,
        }
    }
}

/// Fetches a file whose size the reader cannot know in advance (the
/// manifest), refusing more than `limit` bytes.
pub async fn fetch_bytes(url: &str, limit: u64) -> Result<Vec<u8>, LoadError> {
    Ok(fetch_checked(url, limit, |_| Ok(())).await?.bytes)
}

/// Fetches a shard and checks it is the one the manifest names (keeping it
/// is the caller's).
pub async fn fetch_verified(shard: &ShardRef) -> Result<(String, Fetched), LoadError> {
    let url = paths::bundle_file(&shard.path);
    let fetched = fetch_checked(&url, shard.max_bytes(SHARD_LIMIT), |bytes| {
        shard.verify(bytes).map_err(|error| LoadError::Decode {
            url: url.clone(),
            error,
        })
    })
    .await?;
    Ok((url, fetched))
}

/// Fetches a shard, checks it is the one the manifest names, and keeps it
/// for offline reading.
pub async fn fetch_shard(shard: &ShardRef) -> Result<(String, Vec<u8>), LoadError> {
    let (url, fetched) = fetch_verified(shard).await?;
    if !fetched.saved {
        shard_cache::keep(&url, &fetched.bytes);
    }
    Ok((url, fetched.bytes))
}

/// Fetches a shard as [`fetch_shard`] does, and returns what it holds
/// (inflated when stored gzipped: [`stored`]).
pub async fn fetch_content(shard: &ShardRef) -> Result<(String, Vec<u8>), LoadError> {
    let (url, bytes) = fetch_shard(shard).await?;
    Ok((url, stored(&shard.path, bytes).await?))
}

/// Fetches a shard and decodes it with `from_json`.
pub async fn fetch_decoded<T>(
    shard: &ShardRef,
    from_json: fn(&[u8]) -> Result<T, DecodeError>,
) -> Result<T, LoadError> {
    let (url, bytes) = fetch_content(shard).await?;
    from_json(&bytes).map_err(|error| LoadError::Decode { url, error })
}

#[wasm_bindgen]
extern "C" {
    /// The browser's `DecompressionStream` (web-sys binds it only behind
    /// its unstable-APIs flag); it is a readable/writable pair.
    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
}

/// What the bundle file at `path` holds, from its bytes as stored (and as
/// checked and kept): inflated by the browser (`DecompressionStream`) when
/// the format stores it gzipped, else as they are.
pub async fn stored(path: &str, mut bytes: Vec<u8>) -> Result<Vec<u8>, LoadError> {
    if !broadsheet_core::is_gzipped(path) {
        return Ok(bytes);
    }
    let url = paths::bundle_file(path);
    let damaged = |e: &JsValue| LoadError::Decode {
        url: url.clone(),
        error: DecodeError::Invalid {
            detail: format!("not a gzipped file ({})", js_text(e)),
        },
    };
    let inflater: web_sys::ReadableWritablePair = DecompressionStream::new("gzip")
        .map_err(|e| damaged(&e))?
        .unchecked_into();
    let input =
        web_sys::Response::new_with_opt_u8_array(Some(&mut bytes)).map_err(|e| damaged(&e))?;
    let Some(body) = input.body() else {
        return Ok(Vec::new());
    };
    let output =
        web_sys::Response::new_with_opt_readable_stream(Some(&body.pipe_through(&inflater)))
            .map_err(|e| damaged(&e))?;
    let buffer = JsFuture::from(output.array_buffer().map_err(|e| damaged(&e))?)
        .await
        .map_err(|e| damaged(&e))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Fetches and decodes several shards at once; the first failure is the
/// answer.
pub async fn fetch_all_decoded<'a, T>(
    shards: impl IntoIterator<Item = &'a ShardRef>,
    from_json: fn(&[u8]) -> Result<T, DecodeError>,
) -> Result<Vec<T>, LoadError> {
    futures::future::join_all(shards.into_iter().map(|s| fetch_decoded(s, from_json)))
        .await
        .into_iter()
        .collect()
}
