//! The index files a search needs, and the ones it has at hand.

use crate::format::{PairShard, PostingsShard, SearchIndex, ShardRef, TermChunk};

/// The files already fetched.
pub trait IndexFiles {
    fn term_chunk(&self, index: usize) -> Option<&TermChunk>;
    fn postings(&self, file: &ShardRef) -> Option<&PostingsShard>;
    fn pairs(&self, index: usize) -> Option<&PairShard>;
}

/// A file the search still needs.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum NeedFile {
    TermChunk(usize),
    Postings(ShardRef),
    Pairs(usize),
}

impl NeedFile {
    pub fn shard(&self, index: &SearchIndex) -> Option<ShardRef> {
        match self {
            NeedFile::TermChunk(i) => index.terms.get(*i).map(|c| c.file.clone()),
            NeedFile::Postings(r) => Some(r.clone()),
            NeedFile::Pairs(i) => index.pairs.get(*i),
        }
    }
}
