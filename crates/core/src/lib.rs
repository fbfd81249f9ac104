//! Broadsheet's core: the bundle format, the article model and the queries the
//! reader runs over them. Pure Rust: no I/O, no browser, tested natively.
//!
//! The builder writes bundles with these types and the reader reads them with
//! the same types, so the format has exactly one definition.

mod date;
mod facets;
mod format;
mod listing;
mod model;
mod query;
pub mod search;
mod text;

#[cfg(test)]
mod test_support;

pub use date::{Date, DateError};
pub use facets::{FacetIndex, Listing};
pub use format::{
    content_hash, Body, BodyShard, Catalog, DecodeError, Manifest, PairShard, PostingsShard,
    SearchIndex, ShardRef, Site, TermChunk, TermChunkRef, TermInfo, FORMAT_NAME, FORMAT_VERSION,
};
pub use listing::{paginate, sort_newest_first, Page};
pub use model::{Direction, Entry, Facet, Source, Taxonomy, Term};
pub use query::{DateRange, Filter, Query, Sort};
pub use text::{reading_minutes, word_count};
