//! Focus on arrival: after a navigation, focus moves to the new page's main
//! heading, so a screen reader announces it and the keyboard starts there.
//! Not on the first page opened: there focus starts at the top, with the
//! skip link.

use std::cell::Cell;

use leptos::html;
use leptos::prelude::*;

thread_local! {
    static FIRST_PAGE: Cell<bool> = const { Cell::new(true) };
}

/// Focuses `heading` once it is on the page, unless this is the first page.
pub fn heading_on_arrival(heading: NodeRef<html::H1>) {
    Effect::new(move |_| {
        if let Some(heading) = heading.get() {
            if !FIRST_PAGE.replace(false) {
                let _ = heading.focus();
            }
        }
    });
}
