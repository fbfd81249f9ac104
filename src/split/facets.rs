//! The `facets` split: filtering — the facet data's decoding, its index
//! and the evaluation of a query.

use broadsheet_core::search::Hits;
use broadsheet_core::{
    DateRange, DecodeError, FacetData, FacetIndex, Filter, Remap, Selection, Sort, Taxonomy,
};
use leptos::wasm_split::wasm_split;

use super::Unavailable;

/// A segment's facet data, decoded.
#[wasm_split(facets, wasm_split_path = ::leptos::wasm_split, fallible, preload(load_facet_data))]
pub fn decode_facet_data(bytes: &[u8]) -> Result<Result<FacetData, DecodeError>, Unavailable> {
    Ok(FacetData::from_json(bytes))
}

/// Every segment's facet data arranged for filtering.
#[wasm_split(facets, wasm_split_path = ::leptos::wasm_split, fallible, preload(load_facet_index))]
pub fn facet_index(
    parts: &[(&FacetData, &Remap)],
    taxonomy: &Taxonomy,
) -> Result<Result<FacetIndex, DecodeError>, Unavailable> {
    Ok(FacetIndex::from_segments(parts, taxonomy))
}

/// The list a query selects, with every facet's counts.
#[wasm_split(facets, wasm_split_path = ::leptos::wasm_split, fallible, preload(load_evaluate))]
pub fn evaluate(
    index: &FacetIndex,
    filter: &Filter,
    range: DateRange,
    hits: Option<&Hits>,
    sort: Sort,
) -> Result<Selection, Unavailable> {
    Ok(index.evaluate(filter, range, hits, sort))
}

/// Fetches filtering's module and readies its functions.
pub async fn load_facets() -> Result<(), Unavailable> {
    load_facet_data().await?;
    load_facet_index().await?;
    load_evaluate().await?;
    Ok(())
}
