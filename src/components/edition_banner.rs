//! "A new edition is available": shown when a newer app and bundle have been
//! installed beside the ones on screen; reloading switches to them whole.
//! When this edition is saved whole on the device, the new one's files are
//! saved ahead, while the reader goes on reading this one: only the files
//! no earlier edition left are fetched, and on a metered connection only
//! once the reader has seen what it costs and said so. Switching is then
//! safe offline too.

use std::sync::Arc;

use broadsheet_core::edition::Missing;
use broadsheet_core::Manifest;
use leptos::prelude::*;

use crate::data::{self, Archive, SaveProgress};
use crate::offline::{self, Offline};
use crate::words::{size, t, tf, tn};

#[derive(Clone, Debug, PartialEq)]
enum Ahead {
    /// Nothing saved whole here, or nothing known of the new edition yet.
    Idle,
    /// Working out what the new edition adds.
    Checking,
    /// What saving the new edition costs, waiting for the reader's go-ahead.
    Costs(u64),
    Downloading,
    Saved,
    Failed(String),
}

#[component]
pub fn EditionBanner(archive: Option<Arc<Archive>>) -> impl IntoView {
    let offline = expect_context::<Offline>();
    let current = archive.map(|a| (a.manifest.build_id.clone(), a.manifest.articles));
    let news = RwSignal::new(None::<String>);
    let ahead = RwSignal::new(Ahead::Idle);
    let progress = RwSignal::new(SaveProgress::default());
    let plan = StoredValue::new(None::<(Manifest, Missing)>);
    // Asked once: the page is quieting its requests, then reloads.
    let switching = RwSignal::new(false);
    let start = move || {
        let Some((manifest, missing)) = plan.get_value() else {
            return;
        };
        ahead.set(Ahead::Downloading);
        leptos::task::spawn_local(async move {
            match data::download(&missing, progress).await {
                Ok(()) => {
                    offline::remember_saved(&manifest.build_id);
                    ahead.set(Ahead::Saved);
                }
                Err(error) => ahead.set(Ahead::Failed(error.to_string())),
            }
        });
    };
    let current = StoredValue::new(current);
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) || !offline.update_ready.get() {
            return done.unwrap_or(false);
        }
        let Some((build_id, articles)) = current.get_value() else {
            return true;
        };
        leptos::task::spawn_local(async move {
            let Some(next) = newer_manifest(&build_id).await else {
                return;
            };
            news.set(Some(what_is_new(articles, next.articles)));
            if !offline::saved(&build_id) {
                return;
            }
            ahead.set(Ahead::Checking);
            match data::plan(&next).await {
                Ok(missing) => {
                    let bytes = missing.bytes;
                    plan.set_value(Some((next, missing)));
                    if offline::metered() {
                        ahead.set(Ahead::Costs(bytes));
                    } else {
                        start();
                    }
                }
                Err(error) => ahead.set(Ahead::Failed(error.to_string())),
            }
        });
        true
    });
    view! {
        <Show when=move || offline.update_ready.get()>
            <div class="edition-banner" role="status">
                <span>{move || match news.get() {
                    Some(news) => tf("edition.available-news", &[("news", &news)]),
                    None => t("edition.available"),
                }}</span>
                {move || match ahead.get() {
                    Ahead::Idle => ().into_any(),
                    Ahead::Checking => view! { <span class="ahead">{format!(" {}", t("edition.checking"))}</span> }.into_any(),
                    Ahead::Costs(bytes) => view! {
                        <span class="ahead">{format!(" {}", tf("edition.costs", &[("size", &size(bytes))]))}</span>
                        <button type="button" class="save-ahead" on:click=move |_| start()>
                            {tf("edition.download", &[("size", &size(bytes))])}
                        </button>
                    }.into_any(),
                    Ahead::Downloading => view! {
                        <span class="ahead">{move || {
                            let p = progress.get();
                            format!(" {}", tf("edition.downloading", &[("done", &size(p.done)), ("total", &size(p.total))]))
                        }}</span>
                    }.into_any(),
                    Ahead::Saved => view! {
                        <span class="ahead">{format!(" {}", t("edition.saved"))}</span>
                    }.into_any(),
                    Ahead::Failed(error) => view! {
                        <span class="ahead">{format!(" {}", tf("edition.failed", &[("error", &error)]))}</span>
                    }.into_any(),
                }}
                <button
                    type="button"
                    class="switch-edition"
                    disabled=move || switching.get()
                    aria-busy=move || switching.get().then_some("true")
                    on:click=move |_| {
                        switching.set(true);
                        leptos::task::spawn_local(async {
                            data::go_quiet().await;
                            offline::switch_to_new_edition();
                        });
                    }
                >
                    {t("edition.reload")}
                </button>
            </div>
        </Show>
    }
}

/// The newer edition installed beside the one on screen, if its manifest
/// reads.
async fn newer_manifest(build_id: &str) -> Option<Manifest> {
    offline::sealed_manifests()
        .await
        .iter()
        .filter_map(|bytes| Manifest::decode(bytes).ok())
        .find(|m| m.build_id != build_id)
}

/// "3 new articles", "2 articles withdrawn", "changes to its articles".
fn what_is_new(before: u32, after: u32) -> String {
    match after.cmp(&before) {
        std::cmp::Ordering::Greater => tn("edition.new-articles", u64::from(after - before), &[]),
        std::cmp::Ordering::Less => tn("edition.withdrawn", u64::from(before - after), &[]),
        std::cmp::Ordering::Equal => t("edition.changed"),
    }
}
