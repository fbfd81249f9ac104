//! The keyboard shortcuts, listed in a dialog that `?` opens (see
//! `keyboard.rs`).

use leptos::html;
use leptos::prelude::*;

/// Each shortcut and what it does.
pub const SHORTCUTS: [(&str, &str); 6] = [
    ("/", "Search the archive"),
    ("j", "Next article in the list"),
    ("k", "Previous article in the list"),
    ("Enter", "Open the chosen article"),
    ("Esc", "Clear the search, or go back from an article"),
    ("?", "Show or hide this list"),
];

#[component]
pub fn ShortcutsHelp(dialog: NodeRef<html::Dialog>) -> impl IntoView {
    view! {
        <dialog class="shortcuts" node_ref=dialog aria-labelledby="shortcuts-title">
            <h2 id="shortcuts-title">"Keyboard shortcuts"</h2>
            <dl>
                {SHORTCUTS.into_iter().map(|(key, what)| view! {
                    <div><dt><kbd>{key}</kbd></dt><dd>{what}</dd></div>
                }).collect_view()}
            </dl>
            <form method="dialog"><button type="submit">"Close"</button></form>
        </dialog>
    }
}
