//! Moving between list states: every filter, search and sort change is a
//! navigation to a new URL, so the URL is the state and Back undoes it.

use std::sync::Arc;

use broadsheet_core::Query;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::data::Archive;
use crate::paths;

/// How a change enters the browser history.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum History {
    /// A new entry: Back returns to the state before.
    Push,
    /// Rewrite the current entry (each keystroke of a search).
    Replace,
}

/// A function that shows the list for a query. Call this while the component
/// is being created (it captures the router).
pub fn list_navigator() -> impl Fn(&Query, History) + Clone {
    let navigate = use_navigate();
    let archive = expect_context::<Arc<Archive>>();
    move |query: &Query, history: History| {
        let url = paths::list_query(query, &archive.manifest.taxonomy);
        navigate(
            &url,
            NavigateOptions {
                resolve: false,
                replace: history == History::Replace,
                scroll: false,
                ..NavigateOptions::default()
            },
        );
    }
}
