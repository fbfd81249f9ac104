//! The keyboard shortcuts, listed in a dialog that `?` opens (see
//! `keyboard.rs`).

use leptos::html;
use leptos::prelude::*;

use crate::words::t;

/// Each shortcut and what it does: keys as typed, or the message key of a
/// key's name, and the message key of what it does.
pub const SHORTCUTS: [(&str, &str); 6] = [
    ("/", "keys.search"),
    ("j", "keys.next"),
    ("k", "keys.previous"),
    ("keys.enter", "keys.open"),
    ("keys.esc", "keys.back"),
    ("?", "keys.help"),
];

#[component]
pub fn ShortcutsHelp(dialog: NodeRef<html::Dialog>) -> impl IntoView {
    view! {
        <dialog class="shortcuts" node_ref=dialog aria-labelledby="shortcuts-title">
            <h2 id="shortcuts-title">{t("app.shortcuts")}</h2>
            <dl>
                {SHORTCUTS.into_iter().map(|(key, what)| view! {
                    <div><dt><kbd>{if key.len() > 1 { t(key) } else { key.to_string() }}</kbd></dt><dd>{t(what)}</dd></div>
                }).collect_view()}
            </dl>
            <form method="dialog"><button type="submit">{t("keys.close")}</button></form>
        </dialog>
    }
}
