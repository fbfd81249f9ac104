//! "A new edition is available": shown when a newer app and bundle have been
//! installed beside the ones on screen; reloading switches to them whole.

use leptos::prelude::*;

use crate::offline::{self, Offline};

#[component]
pub fn EditionBanner() -> impl IntoView {
    let offline = expect_context::<Offline>();
    view! {
        <Show when=move || offline.update_ready.get()>
            <div class="edition-banner" role="status">
                <span>"A new edition of this archive is available."</span>
                <button type="button" on:click=|_| offline::switch_to_new_edition()>"Reload"</button>
            </div>
        </Show>
    }
}
