//! Fuzz target: every bundle file type decoded from arbitrary bytes, and
//! facet data that decodes arranged and queried: a tampered mirror or a
//! truncated download must give an error, never a panic.
#![no_main]

use broadsheet_core::{
    BodyShard, CardShard, DateRange, FacetData, FacetIndex, Filter, Manifest, PairShard,
    PostingsShard, SearchIndex, SlugShard, Sort, Tables, Taxonomy, TermChunk,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let manifest = Manifest::decode(bytes).ok();
    let _ = Tables::from_json(bytes).map(|t| t.shards().count());
    let _ = CardShard::from_json(bytes);
    let _ = SlugShard::from_json(bytes);
    let _ = BodyShard::from_json(bytes);
    let _ = SearchIndex::from_json(bytes).map(|s| s.shards().count());
    let _ = TermChunk::from_json(bytes);
    let _ = PostingsShard::from_json(bytes);
    let _ = PairShard::from_json(bytes);
    if let Ok(data) = FacetData::from_json(bytes) {
        let taxonomy = manifest.map(|m| m.taxonomy).unwrap_or_else(Taxonomy::default);
        if let Ok(index) = FacetIndex::from_data(&data, &taxonomy) {
            for sort in [Sort::Newest, Sort::Oldest] {
                let _ = index.evaluate(&Filter::default(), DateRange::default(), None, sort);
            }
        }
    }
});
