//! The page's prerendered content (written by the builder, `pages.rs`):
//! shown until the reader's own version of the same page is ready, then
//! removed, so the page reads at once and never flashes blank. Content for
//! another address (the service worker answers every address with the
//! list's page) is removed at once.
//!
//! Readiness is also announced: `<html data-reader-ready="<path+query>">`
//! names the address whose page the reader has rendered. Only the reader
//! sets it (the static copy never has it), so tests and tools that claim
//! reader behaviour wait for it.

use std::cell::RefCell;

use broadsheet_core::prerender;
use wasm_bindgen::JsCast;

/// Work for later.
type Later = Box<dyn FnOnce()>;

thread_local! {
    /// What waits for the first page to be ready ([`after_first_page`]);
    /// `None` once it was.
    static WAITING: RefCell<Option<Vec<Later>>> = RefCell::new(Some(Vec::new()));
}

/// Runs `then` once the reader's first page is ready (at once if it was):
/// work a visit does not need to read — the service worker's downloads,
/// code for later — must not share a slow link with the first screen.
pub fn after_first_page(then: impl FnOnce() + 'static) {
    let then: Later = Box::new(then);
    let now = WAITING.with_borrow_mut(|waiting| match waiting {
        Some(list) => {
            list.push(then);
            None
        }
        None => Some(then),
    });
    if let Some(then) = now {
        then();
    }
}

/// Called before the app mounts.
pub fn adopt() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(prerendered) = document.get_element_by_id(prerender::CONTENT_ID) else {
        return;
    };
    let route = prerendered
        .get_attribute(prerender::ROUTE_ATTRIBUTE)
        .unwrap_or_default();
    if route != here() {
        remove_static();
    }
}

/// The reader's page is ready: the prerendered one goes, with its head tags
/// (the reader sets its own), and readiness is announced.
pub fn done() {
    remove_static();
    mark_ready();
}

/// The prerendered page goes, with its head tags; readiness is announced by
/// the caller once its content has settled ([`mark_ready`]).
pub fn remove_static() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(prerendered) = document.get_element_by_id(prerender::CONTENT_ID) {
        prerendered.remove();
    }
    if let Ok(tags) = document.query_selector_all(&format!("head [{}]", prerender::HEAD_ATTRIBUTE))
    {
        for i in 0..tags.length() {
            if let Some(tag) = tags
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                tag.remove();
            }
        }
    }
}

/// Announces that the reader's page for the current address is rendered
/// (again after a change within a page: a filter, a search).
pub fn mark_ready() {
    announce_ready();
    let waiting = WAITING.with_borrow_mut(Option::take).unwrap_or_default();
    for then in waiting {
        then();
    }
}

fn announce_ready() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let here = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    if let Some(html) = window.document().and_then(|d| d.document_element()) {
        let _ = html.set_attribute("data-reader-ready", &here);
    }
}

/// This page's route as the builder names it: the path under the site's
/// base, and only the plain list (`/`) without a query.
fn here() -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return String::new();
    };
    let path = location.pathname().unwrap_or_default();
    let search = location.search().unwrap_or_default();
    let route = path
        .strip_prefix(&crate::paths::base())
        .unwrap_or(&path)
        .to_string();
    let route = if route.is_empty() { "/".into() } else { route };
    if route == "/" && !search.is_empty() {
        return format!("/{search}");
    }
    route
}
