//! "Save the whole archive for offline reading": its size first, then
//! progress, then what was done. Shown only where a service worker runs.

use std::sync::Arc;

use leptos::prelude::*;

use crate::data::{Archive, SaveProgress};
use crate::offline::{self, Offline};

#[derive(Clone, Debug, PartialEq)]
enum Saving {
    Idle,
    Running,
    Done,
    Failed(String),
}

#[component]
pub fn OfflineControls() -> impl IntoView {
    let archive = StoredValue::new(expect_context::<Arc<Archive>>());
    let offline = expect_context::<Offline>();
    let (build_id, size) =
        archive.with_value(|a| (a.manifest.build_id.clone(), megabytes(a.manifest.bytes)));
    let state = RwSignal::new(if offline::saved(&build_id) {
        Saving::Done
    } else {
        Saving::Idle
    });
    let progress = RwSignal::new(SaveProgress::default());
    let build_id = StoredValue::new(build_id);
    let size = StoredValue::new(size);
    let save = move |_| {
        state.set(Saving::Running);
        let archive = archive.get_value();
        leptos::task::spawn_local(async move {
            match archive.save_everything(progress).await {
                Ok(()) => {
                    offline::remember_saved(&build_id.get_value());
                    state.set(Saving::Done);
                }
                Err(error) => state.set(Saving::Failed(error.to_string())),
            }
        });
    };
    view! {
        <Show when=move || offline.available.get()>
            <section class="offline" aria-labelledby="offline-heading">
                <h2 id="offline-heading">"Offline reading"</h2>
                {move || match state.get() {
                    Saving::Idle => view! {
                        <p>"Articles you open stay readable on this device without a connection."</p>
                        <button type="button" class="save-all" on:click=save>
                            {format!("Save the whole archive ({})", size.get_value())}
                        </button>
                    }.into_any(),
                    Saving::Running => view! {
                        <progress max=move || progress.get().total value=move || progress.get().done></progress>
                        <p class="save-status" role="status">{move || {
                            let p = progress.get();
                            format!("Saving… {} of {}", megabytes(p.done), megabytes(p.total))
                        }}</p>
                    }.into_any(),
                    Saving::Done => view! {
                        <p class="save-status" role="status">"The whole archive is saved on this device: it reads offline."</p>
                    }.into_any(),
                    Saving::Failed(error) => view! {
                        <p class="save-status" role="alert">{format!("Saving stopped: {error}")}</p>
                        <button type="button" class="save-all" on:click=save>"Try again"</button>
                    }.into_any(),
                }}
            </section>
        </Show>
    }
}

/// `320 KB`, `12.4 MB`.
fn megabytes(bytes: u64) -> String {
    if bytes < 1_000_000 {
        format!("{} KB", bytes.div_ceil(1000))
    } else {
        format!("{:.1} MB", bytes as f64 / 1e6)
    }
}
