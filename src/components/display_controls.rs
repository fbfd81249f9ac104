//! The reader's display settings: theme, text size, column width (kept on
//! this device by `display.rs`).

use leptos::prelude::*;
use leptos::{ev, html};
use wasm_bindgen::JsCast;

use broadsheet_core::i18n::LANGUAGES;
use broadsheet_core::{Display, Theme, Width, SIZES};

use crate::words::{self, t, tn};

#[component]
pub fn DisplayControls() -> impl IntoView {
    let display = expect_context::<RwSignal<Display>>();
    let themes = choices(
        "theme",
        Theme::ALL,
        move |d| d.theme,
        move |d, t| d.theme = t,
    );
    let widths = choices(
        "width",
        Width::ALL,
        move |d| d.width,
        move |d, w| d.width = w,
    );
    // The panel floats over the page: a click elsewhere or Esc closes it.
    let panel = NodeRef::<html::Details>::new();
    let close_unless_inside = move |ev: web_sys::Event| {
        let Some(details) = panel.get_untracked() else {
            return;
        };
        let inside = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .is_some_and(|node| details.contains(Some(&node)));
        let escape = ev
            .dyn_ref::<web_sys::KeyboardEvent>()
            .is_some_and(|k| k.key() == "Escape");
        if details.open() && (escape || !inside) {
            details.set_open(false);
            if escape && inside {
                if let Some(summary) = details.first_element_child() {
                    let _ = summary.unchecked_into::<web_sys::HtmlElement>().focus();
                }
            }
        }
    };
    let clicks = window_event_listener(ev::click, move |e| close_unless_inside(e.into()));
    let keys = window_event_listener(ev::keydown, move |e| close_unless_inside(e.into()));
    on_cleanup(move || {
        clicks.remove();
        keys.remove();
    });
    view! {
        <details class="display-controls" node_ref=panel>
            <summary>{t("display.button")}</summary>
            <div class="display-panel">
                <fieldset>
                    <legend>{t("display.theme")}</legend>
                    {themes}
                </fieldset>
                <fieldset class="text-size">
                    <legend>{t("display.text-size")}</legend>
                    <button type="button"
                        disabled=move || display.with(|d| d.size == 0)
                        on:click=move |_| display.update(|d| *d = d.smaller())>
                        <span aria-hidden="true">"A−"</span><span class="visually-hidden">{t("display.smaller")}</span>
                    </button>
                    <output aria-live="polite">{move || tn("display.percent", u64::from(display.get().percent()), &[])}</output>
                    <button type="button"
                        disabled=move || display.with(|d| d.size + 1 >= SIZES.len())
                        on:click=move |_| display.update(|d| *d = d.larger())>
                        <span aria-hidden="true">"A+"</span><span class="visually-hidden">{t("display.larger")}</span>
                    </button>
                </fieldset>
                <fieldset>
                    <legend>{t("display.width")}</legend>
                    {widths}
                </fieldset>
                <label class="language">
                    <span>{t("display.language")}</span>
                    <select on:change=|ev| words::switch_to(&event_target_value(&ev))>
                        {LANGUAGES.iter().map(|l| view! {
                            <option value=l.code lang=l.code selected=l.code == words::lang()>{l.name}</option>
                        }).collect_view()}
                    </select>
                </label>
            </div>
        </details>
    }
}

/// A radio group for one setting: `get` reads it from the display, `set`
/// writes it.
fn choices<T: Copy + PartialEq + Send + Sync + 'static>(
    name: &'static str,
    options: [(T, &'static str); 3],
    get: impl Fn(&Display) -> T + Copy + Send + Sync + 'static,
    set: impl Fn(&mut Display, T) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let display = expect_context::<RwSignal<Display>>();
    options
        .into_iter()
        .map(|(value, label)| {
            view! {
                <label class="choice">
                    <input type="radio" name=name
                        prop:checked=move || display.with(|d| get(d) == value)
                        on:change=move |_| display.update(|d| set(d, value))/>
                    {t(label)}
                </label>
            }
        })
        .collect_view()
}
