//! How the reader looks, chosen by the reader and remembered on the device:
//! theme (follow the system, light, dark), text size and column width (the
//! settings themselves are broadsheet-core's `Display`). Applied as
//! attributes on `<html>` that the style sheet reads, so one setting
//! changes every page at once.

use broadsheet_core::Display;
use leptos::prelude::*;

use crate::device;

/// Where the choice is kept (local storage, this device only).
const KEY: &str = "broadsheet-display";

/// The saved choice (defaults for anything missing or unreadable), applied
/// to the page now and again whenever it changes; provided as context.
pub fn start() -> RwSignal<Display> {
    let saved = Display::from_json(device::get(KEY).as_deref());
    let display = RwSignal::new(saved);
    Effect::new(move |_| {
        let current = display.get();
        apply(current);
        device::set(KEY, &current.to_json());
    });
    provide_context(display);
    display
}

fn apply(display: Display) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = match display.theme.attribute() {
        Some(theme) => root.set_attribute("data-theme", theme),
        None => root.remove_attribute("data-theme"),
    };
    let _ = root.set_attribute("data-width", display.width.attribute());
    // An attribute, not an inline style: the CSP refuses those.
    let _ = root.set_attribute("data-size", &display.percent().to_string());
}
