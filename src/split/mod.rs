//! Code the first screen never runs, kept out of the main wasm: each
//! `#[wasm_split(name)]` function in these files, and everything only it
//! reaches, goes into a module of its own that the browser fetches at the
//! first call (`scripts/split.mjs` cuts the build's wasm at these points;
//! without that step the reader does not start). Every split function has
//! its own loader, so each split has a `load_*` function that readies all
//! of its functions: awaiting it fetches the module, or says it could not
//! ([`Unavailable`], never a panic: the `fallible` option). After that, the
//! split's functions answer at once, so synchronous code calls them through
//! [`ready`].
//!
//! The splits: `search` (`search.rs`) — the search engine's step, its
//! index files' decoding and the query parser; `facets` (`facets.rs`) —
//! filtering: the facet data's decoding, its index and the evaluation of a
//! query; `article` and `bookmarks` (`routes/lazy.rs`) — those pages;
//! `offline` (`components/lazy_parts.rs`) — the offline controls and the
//! new-edition banner, with saving and tidying the device.

mod facets;
mod search;

use futures::FutureExt;
use leptos::wasm_split::SplitLoaderError;

pub use facets::{decode_facet_data, evaluate, facet_index, load_facets};
pub use search::{decode_search_root, keep_index_file, load_search, parse_query, search_step};

/// A split module could not be fetched or started (the network, or an
/// offline device without it saved).
#[derive(Clone, Debug)]
pub struct Unavailable;

impl From<SplitLoaderError> for Unavailable {
    fn from(_: SplitLoaderError) -> Self {
        Unavailable
    }
}

/// The answer of a split function that its split's `load_*` has readied:
/// `None` only if it was not.
pub fn ready<T>(call: impl std::future::Future<Output = Result<T, Unavailable>>) -> Option<T> {
    call.now_or_never().and_then(Result::ok)
}
