//! The reader's own log of this archive (read marks, bookmarks, progress;
//! rules in `broadsheet_core::ReadingLog`), kept in local storage under the
//! site's path, so two archives on one host keep separate logs. Provided as
//! context; every change is saved.

use broadsheet_core::{Bookmark, Entry, ReadingLog};
use leptos::prelude::*;

use crate::{device, paths};

fn key() -> String {
    format!("broadsheet-reading:{}", paths::base())
}

/// Loads the log, provides it, and saves it whenever it changes.
pub fn start() -> RwSignal<ReadingLog> {
    let log = RwSignal::new(ReadingLog::from_json(device::get(&key()).as_deref()));
    Effect::new(move |_| log.with(|log| device::set(&key(), &log.to_json())));
    provide_context(log);
    log
}

pub fn bookmark_of(entry: &Entry) -> Bookmark {
    let today = js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default();
    Bookmark {
        id: entry.id.clone(),
        slug: entry.slug.clone(),
        title: entry.title.clone(),
        saved: today.chars().take(10).collect(),
    }
}
