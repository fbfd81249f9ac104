//! Broadsheet's core: the bundle format, the article model and the queries the
//! reader runs over them. Pure Rust: no I/O, no browser, tested natively.
//!
//! The builder writes bundles with these types and the reader reads them with
//! the same types, so the format has exactly one definition.

mod date;
mod format;
mod listing;
mod model;
mod query;
mod text;

pub use date::{Date, DateError};
pub use format::{
    content_hash, Body, BodyShard, Catalog, DecodeError, Manifest, ShardRef, Site, FORMAT_NAME,
    FORMAT_VERSION,
};
pub use listing::{paginate, sort_newest_first, Page};
pub use model::{Direction, Entry, Facet, Source, Taxonomy, Term};
pub use query::Filter;
pub use text::{reading_minutes, word_count};
