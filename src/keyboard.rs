//! Keyboard shortcuts, for reading without a mouse: `/` search, `j`/`k`
//! move through the list, Enter opens (the link's own behaviour), Esc
//! clears the search or goes back, `?` lists them. Keys typed into a field
//! are the field's, except Esc.

use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement, KeyboardEvent};

use crate::paths;

/// The list's article links, in order.
const CARD_LINKS: &str = ".cards .card-title a";

/// Listens for shortcuts on the whole page, for as long as the page lives.
pub fn install(help: NodeRef<html::Dialog>) {
    let navigate = use_navigate();
    let to_list = move || navigate(&paths::page("/"), Default::default());
    let handle = window_event_listener(leptos::ev::keydown, move |ev: KeyboardEvent| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || ev.default_prevented() {
            return;
        }
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let active = document.active_element();
        let key = ev.key();
        if let Some(field) = active.as_ref().filter(|a| is_field(a)) {
            if key == "Escape" {
                if let Some(search) = field
                    .dyn_ref::<HtmlInputElement>()
                    .filter(|i| i.id() == "q")
                {
                    leave_search(search);
                }
            }
            return;
        }
        let handled = match key.as_str() {
            "/" => {
                match document.get_element_by_id("q") {
                    Some(search) => focus(&search),
                    None => to_list(),
                }
                true
            }
            "j" | "k" => move_through_list(&document, active.as_ref(), key == "j"),
            "?" => toggle(help),
            "Escape" => go_back(&document, &to_list),
            _ => false,
        };
        if handled {
            ev.prevent_default();
        }
    });
    on_cleanup(move || handle.remove());
}

fn is_field(element: &web_sys::Element) -> bool {
    matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        || element
            .dyn_ref::<HtmlElement>()
            .is_some_and(HtmlElement::is_content_editable)
}

/// Esc in the search box: clears it (the list follows), or, empty, leaves it.
fn leave_search(search: &HtmlInputElement) {
    if search.value().is_empty() {
        let _ = search.blur();
        return;
    }
    search.set_value("");
    if let Ok(event) = web_sys::Event::new("input") {
        let _ = search.dispatch_event(&event);
    }
}

fn focus(element: &web_sys::Element) {
    if let Some(element) = element.dyn_ref::<HtmlElement>() {
        let _ = element.focus();
    }
}

/// `j`/`k`: focuses the next or previous article of the list (the first
/// when none is focused yet).
fn move_through_list(
    document: &web_sys::Document,
    active: Option<&web_sys::Element>,
    forward: bool,
) -> bool {
    let Ok(links) = document.query_selector_all(CARD_LINKS) else {
        return false;
    };
    let links: Vec<web_sys::Element> = (0..links.length())
        .filter_map(|i| links.item(i)?.dyn_into().ok())
        .collect();
    if links.is_empty() {
        return false;
    }
    let current = active.and_then(|a| links.iter().position(|l| l == a));
    let next = match (current, forward) {
        (None, _) => 0,
        (Some(i), true) => (i + 1).min(links.len() - 1),
        (Some(i), false) => i.saturating_sub(1),
    };
    // Focusing scrolls the link into view when it is not.
    focus(&links[next]);
    true
}

fn toggle(help: NodeRef<html::Dialog>) -> bool {
    let Some(dialog) = help.get_untracked() else {
        return false;
    };
    if dialog.open() {
        dialog.close();
    } else {
        let _ = dialog.show_modal();
    }
    true
}

/// Esc on an article goes back to where the reader came from (the list,
/// when the article was the first page opened).
fn go_back(document: &web_sys::Document, to_list: impl Fn()) -> bool {
    if document
        .query_selector("article.article")
        .ok()
        .flatten()
        .is_none()
    {
        return false;
    }
    match web_sys::window().and_then(|w| w.history().ok()) {
        Some(history) if history.length().unwrap_or(0) > 1 => {
            let _ = history.back();
        }
        _ => to_list(),
    }
    true
}
