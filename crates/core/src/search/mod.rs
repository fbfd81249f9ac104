//! Full-text search: one analyzer for index and query (per language), the index writer, and
//! the query runner that fetches only the index files a query needs.

mod analyze;
mod build;
mod cache;
mod files;
mod languages;
mod parse;
mod phrase;
mod run;
mod score;
mod snippet;

pub use crate::codec::CorruptBlob;
pub use analyze::{
    separate_stemmers, set_platform_nfkd, set_platform_stemmer, unmarked, Analysis,
    PlatformStemmer, QueryAnalysis, STEM_MARK,
};
pub use build::{BuiltIndex, Compress, DocTerms, DocText, IndexFile, IndexLimits, IndexWriter};
pub use cache::{run_parts, IndexCache};
pub use files::{IndexFiles, NeedFile};
pub use parse::{Phrase, QueryWord, TextQuery};
pub use run::{search, search_parts, Hits, Part, Step};

#[cfg(test)]
use run::within_one_edit;
pub use snippet::{Highlighter, Piece};

#[cfg(test)]
mod tests;
