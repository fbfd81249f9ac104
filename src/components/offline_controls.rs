//! "Save the whole archive for offline reading": its size first, then
//! progress, then what was done. Shown only where a service worker runs.
//! Once saved, a new edition's files are saved as soon as it is read (or,
//! on a metered connection, when the reader says so): the page never
//! claims an edition is saved before every file of it is.

use std::sync::Arc;

use leptos::prelude::*;

use crate::data::{Archive, SaveProgress};
use crate::offline::{self, Offline};

#[derive(Clone, Debug, PartialEq)]
enum Saving {
    /// Never saved whole.
    Idle,
    /// Saved whole before, but this edition's new files are not yet.
    Outdated,
    /// `update`: bringing an earlier saved copy up to this edition.
    Running {
        update: bool,
    },
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
    } else if offline::wants_whole() {
        Saving::Outdated
    } else {
        Saving::Idle
    });
    let progress = RwSignal::new(SaveProgress::default());
    let build_id = StoredValue::new(build_id);
    let size = StoredValue::new(size);
    let run = move |update: bool| {
        state.set(Saving::Running { update });
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
    // A copy saved before stays whole: this edition's files are fetched
    // (those already kept come from the device) once a worker runs, unless
    // the connection is metered.
    Effect::new(move |_| {
        if offline.available.get()
            && state.get_untracked() == Saving::Outdated
            && !offline::metered()
        {
            run(true);
        }
    });
    view! {
        <Show when=move || offline.available.get()>
            <section class="offline" aria-labelledby="offline-heading">
                <h2 id="offline-heading">"Offline reading"</h2>
                {move || match state.get() {
                    Saving::Idle => view! {
                        <p>"Articles you open stay readable on this device without a connection."</p>
                        <button type="button" class="save-all" on:click=move |_| run(false)>
                            {format!("Save the whole archive ({})", size.get_value())}
                        </button>
                    }.into_any(),
                    Saving::Outdated => view! {
                        <p class="save-status" role="status">
                            "This is a new edition of the archive, and the copy saved on this device is of an earlier one: until it is updated, this edition may not read offline."
                        </p>
                        <button type="button" class="save-all" on:click=move |_| run(true)>
                            {format!("Update the saved archive (up to {})", size.get_value())}
                        </button>
                    }.into_any(),
                    Saving::Running { update } => view! {
                        <progress max=move || progress.get().total value=move || progress.get().done></progress>
                        <p class="save-status" role="status">{move || {
                            let p = progress.get();
                            let what = if update { "Updating the saved archive to this edition" } else { "Saving" };
                            format!("{what}… {} of {}", megabytes(p.done), megabytes(p.total))
                        }}</p>
                    }.into_any(),
                    Saving::Done => view! {
                        <p class="save-status" role="status">"The whole archive is saved on this device: it reads offline."</p>
                    }.into_any(),
                    Saving::Failed(error) => view! {
                        <p class="save-status" role="alert">{format!("Saving stopped: {error}. The archive is not wholly saved on this device.")}</p>
                        <button type="button" class="save-all" on:click=move |_| run(offline::wants_whole())>"Try again"</button>
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
