//! The index files a search needs, and the ones it has at hand.

use crate::format::{PairShard, PostingsShard, SearchIndex, ShardRef, TermChunk};

/// The files already fetched.
pub trait IndexFiles {
    fn term_chunk(&self, index: usize) -> Option<&TermChunk>;
    /// Postings file `index` of the root ([`SearchIndex::postings`]).
    fn postings(&self, index: usize) -> Option<&PostingsShard>;
    fn pairs(&self, index: usize) -> Option<&PairShard>;
}

/// A file the search still needs.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum NeedFile {
    TermChunk(usize),
    Postings(usize),
    Pairs(usize),
}

impl NeedFile {
    pub fn shard(&self, index: &SearchIndex) -> Option<ShardRef> {
        match self {
            NeedFile::TermChunk(i) => index.terms.get(*i).map(|c| c.file.clone()),
            NeedFile::Postings(i) => index.postings.get(*i),
            NeedFile::Pairs(i) => index.pairs.get(*i),
        }
    }
}
