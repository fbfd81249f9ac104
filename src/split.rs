//! Code the first screen never runs, kept out of the main wasm: each
//! `#[wasm_split(name)]` function below, and everything only it reaches,
//! goes into a module of its own that the browser fetches at the first
//! call (scripts/split.mjs cuts the build's wasm at these points; without
//! that step the reader does not start). Each split has a `load_*` function:
//! awaiting it fetches the module, or says it could not; after that, the
//! split's functions answer at once, so synchronous code can call them
//! through [`ready`].
//!
//! Splits: `search` — the search engine's step, its index files' decoding
//! and the query parser.

use broadsheet_core::search::{
    search_parts, CorruptBlob, Hits, IndexCache, NeedFile, Part, QueryAnalysis, Step, TextQuery,
};
use broadsheet_core::{DecodeError, SearchIndex};
use futures::FutureExt;
use leptos::wasm_split::{wasm_split, SplitLoaderError};

/// A split module could not be fetched or started (the network, or an
/// offline device without it saved).
#[derive(Clone, Debug)]
pub struct Unavailable;

impl From<SplitLoaderError> for Unavailable {
    fn from(_: SplitLoaderError) -> Self {
        Unavailable
    }
}

/// The answer of a split function that [`load_search`] (or its like) has
/// readied: `None` only if it was not.
pub fn ready<T>(call: impl std::future::Future<Output = Result<T, Unavailable>>) -> Option<T> {
    call.now_or_never().and_then(Result::ok)
}

/// A search step's answer: the hits, or the files it needs first.
pub type SearchStep = Result<Step<Hits, (usize, NeedFile)>, CorruptBlob>;

/// One step of a search over every segment: the hits, or the files it
/// needs first.
#[wasm_split(search, wasm_split_path = ::leptos::wasm_split, fallible, preload(load_step))]
pub fn search_step(
    parts: &[Part<'_, IndexCache>],
    query: &TextQuery,
) -> Result<SearchStep, Unavailable> {
    Ok(search_parts(parts, query))
}

/// Keeps a fetched index file in a segment's cache.
#[wasm_split(search, wasm_split_path = ::leptos::wasm_split, fallible, preload(load_keep))]
pub fn keep_index_file(
    cache: &mut IndexCache,
    index: &SearchIndex,
    file: &NeedFile,
    content: &[u8],
) -> Result<Result<(), DecodeError>, Unavailable> {
    Ok(cache.insert(index, file, content))
}

/// Fetches the search's module and readies its functions.
pub async fn load_search() -> Result<(), Unavailable> {
    load_step().await?;
    load_keep().await?;
    load_root().await?;
    Ok(())
}

/// A segment's search index root, decoded.
#[wasm_split(search, wasm_split_path = ::leptos::wasm_split, fallible, preload(load_root))]
pub fn decode_search_root(bytes: &[u8]) -> Result<Result<SearchIndex, DecodeError>, Unavailable> {
    Ok(SearchIndex::from_json(bytes))
}

/// What the visitor typed, as a query.
#[wasm_split(search, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn parse_query(text: &str, analysis: &QueryAnalysis) -> Result<TextQuery, Unavailable> {
    Ok(TextQuery::parse(text, analysis))
}
