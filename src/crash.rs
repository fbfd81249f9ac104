//! The last line of defence: if the reader ever panics, the page says so
//! and offers a reload, instead of freezing with whatever was on screen.
//!
//! After a panic the wasm instance cannot be trusted to run again (the
//! reader is built with `panic = "abort"`), so the notice is made with plain
//! DOM calls inside the panic hook, before the instance stops, and its one
//! action is a link (inline handlers are refused by the page's CSP anyway).

use std::panic::PanicHookInfo;

use wasm_bindgen::prelude::*;

use crate::words::t;

/// Installs the hook: the panic goes to the console, then the notice.
pub fn install() {
    std::panic::set_hook(Box::new(|info: &PanicHookInfo<'_>| {
        console_error_panic_hook::hook(info);
        let _ = show(&info.to_string());
    }));
}

/// Replaces the page with the crash notice (once, however many panics).
fn show(detail: &str) -> Option<()> {
    let document = web_sys::window()?.document()?;
    if document.get_element_by_id("crash").is_some() {
        return Some(());
    }
    // Whoever waits for the reader (a test, a tool) learns at once.
    if let Some(html) = document.document_element() {
        let _ = html.set_attribute("data-reader-failed", detail);
    }
    let body = document.body()?;
    let notice = document.create_element("main").ok()?;
    notice.set_id("crash");
    notice.set_class_name("notice error-page crash");
    let _ = notice.set_attribute("role", "alert");
    let _ = notice.set_attribute("aria-labelledby", "crash-title");
    let add = |parent: &web_sys::Element, tag: &str, text: &str| {
        let element = document.create_element(tag).ok()?;
        element.set_text_content(Some(text));
        parent.append_child(&element).ok()?;
        Some(element)
    };
    add(&notice, "h1", &t("crash.title"))?.set_id("crash-title");
    add(&notice, "p", &t("crash.body"))?;
    let reload = add(&notice, "p", "")?;
    let link = add(&reload, "a", &t("crash.reload"))?;
    let here = web_sys::window()?.location().href().ok()?;
    let _ = link.set_attribute("href", &here);
    // A full load, not the router's (whose code is what stopped).
    let _ = link.set_attribute("rel", "external");
    let details = add(&notice, "details", "")?;
    add(&details, "summary", &t("crash.details"))?;
    add(&details, "pre", detail)?.set_class_name("error-detail");
    // The rest of the page is stale: hidden, from sight and from screen
    // readers.
    let _ = body.set_attribute("class", "crashed");
    let _ = body.prepend_with_node_1(&notice);
    Some(())
}

/// Panics on purpose: how the browser tests check the notice. (Calling it
/// from the console breaks only one's own page.)
#[wasm_bindgen(js_name = broadsheetSelfTestPanic)]
pub fn self_test_panic() {
    panic!("self-test panic, asked for by broadsheetSelfTestPanic()");
}
