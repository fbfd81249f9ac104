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
                focus_once_shown(heading, FRAMES_TO_WAIT);
            }
        }
    });
}

/// A page from a split module is built while its module's call returns:
/// focus moves at the next frame, once the page is shown, or later while
/// the heading is not in the document yet (this many frames at most).
const FRAMES_TO_WAIT: u32 = 120;

fn focus_once_shown(heading: web_sys::HtmlHeadingElement, frames: u32) {
    request_animation_frame(move || {
        if heading.is_connected() {
            let _ = heading.focus();
        } else if frames > 0 {
            focus_once_shown(heading, frames - 1);
        }
    });
}
