//! Reading a long article: a progress bar at the top of the window, the
//! place reached remembered on the device, and, for an article left half
//! read, an offer to continue there.

use broadsheet_core::ReadingLog;
use leptos::ev;
use leptos::html;
use leptos::prelude::*;

/// Progress is saved at most this often while scrolling.
const SAVE_EVERY_MS: f64 = 1_000.0;

#[component]
pub fn ReadingProgress(id: String, article: NodeRef<html::Article>) -> impl IntoView {
    let log = expect_context::<RwSignal<ReadingLog>>();
    let resume = log.with_untracked(|l| l.resume_at(&id));
    let offer = RwSignal::new(resume);
    let share = RwSignal::new(0.0f32);
    let last_save = StoredValue::new(0.0f64);
    let on_scroll = window_event_listener(ev::scroll, move |_| {
        let Some(now) = share_read(article) else {
            return;
        };
        share.set(now);
        if now > 0.0 && offer.get_untracked().is_some_and(|at| now >= at) {
            offer.set(None);
        }
        let time = js_sys::Date::now();
        if time - last_save.get_value() >= SAVE_EVERY_MS || now >= broadsheet_core::READ_AT {
            last_save.set_value(time);
            log.update(|l| l.set_progress(&id, now));
        }
    });
    on_cleanup(move || on_scroll.remove());
    let go_on = move |_| {
        if let Some(at) = offer.get_untracked() {
            scroll_to_share(article, at);
        }
        offer.set(None);
    };
    view! {
        <progress class="reading-progress" max="100" aria-hidden="true"
            value=move || (share.get() * 100.0).round().to_string()></progress>
        {move || offer.get().map(|at| view! {
            <p class="continue">
                <button type="button" class="link-button" on:click=go_on>
                    {crate::words::tn("article.continue", (at * 100.0).round() as u64, &[])}
                </button>
            </p>
        })}
    }
}

/// How much of the article has passed the bottom of the window (0 to 1).
fn share_read(article: NodeRef<html::Article>) -> Option<f32> {
    let element = article.get_untracked()?;
    let window = web_sys::window()?;
    let viewport = window.inner_height().ok()?.as_f64()?;
    let rect = element.get_bounding_client_rect();
    if rect.height() <= 0.0 {
        return None;
    }
    Some(((viewport - rect.top()) / rect.height()).clamp(0.0, 1.0) as f32)
}

fn scroll_to_share(article: NodeRef<html::Article>, at: f32) {
    let (Some(element), Some(window)) = (article.get_untracked(), web_sys::window()) else {
        return;
    };
    let viewport = window
        .inner_height()
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0);
    let rect = element.get_bounding_client_rect();
    let top =
        window.scroll_y().unwrap_or(0.0) + rect.top() + rect.height() * f64::from(at) - viewport;
    window.scroll_to_with_x_and_y(0.0, top.max(0.0));
}
