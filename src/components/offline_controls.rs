//! "Save the whole archive for offline reading": its size first, then
//! progress, then what was done; and what this device keeps, with a way to
//! free it. Shown only where a service worker runs. Once saved, a new
//! edition's files are saved ahead of the switch (`edition_banner.rs`) or,
//! when that could not happen, as soon as it is read (on a metered
//! connection, when the reader says so): the page never claims an edition
//! is saved before every file of it is. Each visit tidies the device: files
//! no edition in use needs are deleted.

use std::sync::Arc;

use leptos::prelude::*;

use crate::data::{self, Archive, Kept, SaveProgress};
use crate::offline::{self, Offline};
use crate::shard_cache;
use crate::words::{size, t, tf, tn};

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

/// How long after the page is up the device is tidied (the first screen's
/// requests go first).
const TIDY_AFTER_MS: i32 = 1500;

#[component]
pub fn OfflineControls() -> impl IntoView {
    let archive = StoredValue::new(expect_context::<Arc<Archive>>());
    let offline = expect_context::<Offline>();
    let (build_id, total, pictures) = archive.with_value(|a| {
        let m = &a.manifest;
        (m.build_id.clone(), m.bytes, m.pictures)
    });
    let with_pictures = RwSignal::new(offline::wants_pictures());
    let choose_pictures = move |ev: leptos::ev::Event| {
        let wanted = event_target_checked(&ev);
        offline::set_wants_pictures(wanted);
        with_pictures.set(wanted);
    };
    let to_save = move || {
        if with_pictures.get() {
            total
        } else {
            total.saturating_sub(pictures)
        }
    };
    let state = RwSignal::new(if offline::saved(&build_id) {
        Saving::Done
    } else if offline::wants_whole() {
        Saving::Outdated
    } else {
        Saving::Idle
    });
    let progress = RwSignal::new(SaveProgress::default());
    let kept = RwSignal::new(None::<Kept>);
    let used = RwSignal::new(None::<(u64, u64)>);
    let build_id = StoredValue::new(build_id);
    let measure = move || {
        leptos::task::spawn_local(async move {
            if let Ok(Some(found)) = data::tidy(archive.get_value()).await {
                kept.set(Some(found));
            }
            used.set(offline::storage_estimate().await);
        });
    };
    let run = move |update: bool| {
        state.set(Saving::Running { update });
        offline::ask_to_persist();
        leptos::task::spawn_local(async move {
            let manifest = archive.with_value(|a| a.manifest.clone());
            match data::save(&manifest, progress).await {
                Ok(()) => {
                    offline::remember_saved(&build_id.get_value());
                    state.set(Saving::Done);
                }
                Err(error) => state.set(Saving::Failed(error.to_string())),
            }
            measure();
        });
    };
    let free = move |_| {
        leptos::task::spawn_local(async move {
            shard_cache::forget_all().await;
            offline::forget_saved(&build_id.get_value());
            state.set(Saving::Idle);
            kept.set(Some(Kept::default()));
            used.set(offline::storage_estimate().await);
        });
    };
    // A copy saved before stays whole: this edition's files are fetched
    // (those already kept come from the device) once a worker runs, unless
    // the connection is metered. Then, or else, the device is tidied.
    Effect::new(move |_| {
        if !offline.available.get() {
            return;
        }
        if state.get_untracked() == Saving::Outdated && !offline::metered() {
            run(true);
        } else {
            leptos::task::spawn_local(async move {
                data::sleep(TIDY_AFTER_MS).await;
                measure();
            });
        }
    });
    view! {
        <Show when=move || offline.available.get()>
            <section class="offline" aria-labelledby="offline-heading">
                <h2 id="offline-heading">{t("offline.heading")}</h2>
                {move || match state.get() {
                    Saving::Idle => view! {
                        <p>{t("offline.intro")}</p>
                        <button type="button" class="save-all" on:click=move |_| run(false)>
                            {move || tf("offline.save", &[("size", &size(to_save()))])}
                        </button>
                        {(pictures > 0).then(|| view! {
                            <label class="save-pictures">
                                <input type="checkbox" prop:checked=with_pictures on:change=choose_pictures/>
                                " " {tf("offline.with-pictures", &[("size", &size(pictures))])}
                            </label>
                        })}
                    }.into_any(),
                    Saving::Outdated => view! {
                        <p class="save-status" role="status">
                            {t("offline.outdated")}
                        </p>
                        <button type="button" class="save-all" on:click=move |_| run(true)>
                            {t("offline.update")}
                        </button>
                    }.into_any(),
                    Saving::Running { update } => view! {
                        <progress max=move || progress.get().total value=move || progress.get().done></progress>
                        <p class="save-status" role="status">{move || {
                            let p = progress.get();
                            let (working, progress) = if update {
                                ("offline.updating-working", "offline.updating-progress")
                            } else {
                                ("offline.saving-working", "offline.saving-progress")
                            };
                            if p.total == 0 {
                                t(working)
                            } else {
                                tf(progress, &[("done", &size(p.done)), ("total", &size(p.total))])
                            }
                        }}</p>
                    }.into_any(),
                    Saving::Done => view! {
                        <p class="save-status" role="status">{
                            if pictures > 0 && !with_pictures.get_untracked() {
                                t("offline.done-no-pictures")
                            } else {
                                t("offline.done")
                            }
                        }</p>
                    }.into_any(),
                    Saving::Failed(error) => view! {
                        <p class="save-status" role="alert">{tf("offline.failed", &[("error", &error)])}</p>
                        <button type="button" class="save-all" on:click=move |_| run(offline::wants_whole())>{t("error.retry")}</button>
                    }.into_any(),
                }}
                {move || kept.get().map(|k| view! {
                    <p class="kept">
                        {kept_text(k, total, used.get())}
                        " "
                        <button type="button" class="link-button free-space" on:click=free disabled=k.held.files == 0>
                            {t("offline.free")}
                        </button>
                    </p>
                })}
            </section>
        </Show>
    }
}

/// "Kept on this device: 2.4 MB of this archive's 2.5 MB. Articles 1.6
/// MB, search 0.6 MB, lists and filters 0.2 MB; 412 files. With the app,
/// this site uses 4.1 MB of the 300 MB the browser allows it."
fn kept_text(kept: Kept, total: u64, used: Option<(u64, u64)>) -> String {
    let held = kept.held;
    let mut sentences = vec![tf(
        "offline.kept",
        &[("held", &size(held.bytes())), ("total", &size(total))],
    )];
    if held.files > 0 {
        sentences.push(tn(
            "offline.kept-parts",
            held.files as u64,
            &[
                ("articles", &size(held.articles)),
                ("search", &size(held.search)),
                ("lists", &size(held.lists)),
            ],
        ));
        if held.pictures > 0 {
            sentences.push(tf(
                "offline.kept-pictures",
                &[("size", &size(held.pictures))],
            ));
        }
    }
    if let Some((usage, quota)) = used {
        sentences.push(tf(
            "offline.usage",
            &[("usage", &size(usage)), ("quota", &size(quota))],
        ));
    }
    sentences.join(" ")
}
