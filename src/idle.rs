//! Work that can wait: running something once the browser is idle, and
//! whether the connection invites fetching ahead of need (the Network
//! Information API, where the browser has it).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;

/// Runs `then` once the browser is idle, at the latest after `within_ms`;
/// where it cannot say (no `requestIdleCallback`), after the current task.
pub fn when_idle(within_ms: u32, then: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return then();
    };
    let callback = Rc::new(RefCell::new(Some(then)));
    let run = {
        let callback = callback.clone();
        wasm_bindgen::closure::Closure::once_into_js(move || {
            if let Some(then) = callback.borrow_mut().take() {
                then();
            }
        })
    };
    let run: &js_sys::Function = run.unchecked_ref();
    let options = web_sys::IdleRequestOptions::new();
    options.set_timeout(within_ms);
    let idle = window.request_idle_callback_with_options(run, &options);
    if idle.is_err() && window.set_timeout_with_callback(run).is_err() {
        if let Some(then) = callback.borrow_mut().take() {
            then();
        }
    }
}

/// Does the browser say this connection is neither metered nor slow: wired
/// or Wi-Fi, no data saver on? Unknown (most browsers do not say) is no.
pub fn unmetered() -> bool {
    let Some(connection) = web_sys::window()
        .map(|w| w.navigator())
        .and_then(|n| js_sys::Reflect::get(&n, &JsValue::from_str("connection")).ok())
        .filter(|c| c.is_object())
    else {
        return false;
    };
    let field = |name: &str| js_sys::Reflect::get(&connection, &JsValue::from_str(name)).ok();
    let save_data = field("saveData").and_then(|v| v.as_bool()).unwrap_or(false);
    let kind = field("type")
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    !save_data && matches!(kind.as_str(), "ethernet" | "wifi")
}
