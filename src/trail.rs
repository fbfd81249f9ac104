//! The list the reader came from, so an article can offer the previous and
//! next article *of that list* (filters, search and sort as they were), and
//! a way back to it.

use std::sync::Arc;

use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub struct Trail {
    /// The list's positions, in the order shown.
    pub positions: Arc<[u32]>,
    /// The list's address.
    pub url: String,
}

/// The last list shown (none until one has been).
pub type LastList = RwSignal<Option<Trail>>;

pub fn provide() {
    provide_context::<LastList>(RwSignal::new(None));
}
