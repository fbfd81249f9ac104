//! Broadsheet's core: the bundle format, the article model and the queries the
//! reader runs over them. Pure Rust: no I/O, no browser, tested natively.
//!
//! The builder writes bundles with these types and the reader reads them with
//! the same types, so the format has exactly one definition.

mod card;
mod codec;
mod date;
mod display;
pub mod edition;
mod facets;
mod format;
pub mod i18n;
pub mod links;
mod model;
pub mod offline;
mod order;
pub mod pictures;
pub mod prerender;
mod query;
mod reading;
mod remap;
pub mod retry;
pub mod search;
mod text;

#[cfg(test)]
mod test_support;

pub use card::{article_count, list_count, list_heading, quoted, Card, PAGE_SIZE, UNDATED};
pub use date::{Date, DateError};
pub use display::{Display, Theme, Width, SIZES};
pub use facets::{facet_rows, page_of_hits, FacetIndex, FacetRow, Selection};
pub use format::{
    content_hash, is_gzipped, packed_as_base64, slug_bucket, Body, BodyShard, CardShard,
    DecodeError, FacetData, Link, Manifest, PackedShards, PairShard, PostingsShard, SearchIndex,
    Segment, SegmentRef, ShardRef, Site, SlugShard, TermChunk, TermChunkRef, TermInfo, Translation,
    FORMAT_NAME, FORMAT_VERSION, GZIP_SUFFIX,
};
pub use model::{primary_subtag, Direction, Entry, Facet, Label, Source, Taxonomy, Term};
pub use order::{compare_newest_first, paginate, sort_newest_first, Page};
pub use query::{DateRange, Filter, Query, Sort};
pub use reading::{neighbours, Bookmark, ReadingLog, READ_AT};
pub use remap::Remap;
pub use text::{reading_minutes, word_count};
