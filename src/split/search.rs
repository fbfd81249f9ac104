//! The `search` split: the search engine's step, its index files'
//! decoding and the query parser.

use broadsheet_core::search::{
    search_parts, CorruptBlob, Hits, IndexCache, NeedFile, Part, QueryAnalysis, Step, TextQuery,
};
use broadsheet_core::{DecodeError, SearchIndex};
use leptos::wasm_split::wasm_split;

use super::Unavailable;

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
