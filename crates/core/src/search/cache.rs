//! The index files fetched so far: the reader keeps one for the session, and
//! native tests and benchmarks fill one straight from a built index.

use std::collections::HashMap;

use super::files::{IndexFiles, NeedFile};
use super::run::{search, search_parts, Hits, Part, Step};
use super::TextQuery;
use crate::format::{PairShard, PostingsShard, SearchIndex, ShardRef, TermChunk};
use crate::DecodeError;

#[derive(Clone, Debug, Default)]
pub struct IndexCache {
    chunks: HashMap<usize, TermChunk>,
    postings: HashMap<usize, PostingsShard>,
    pairs: HashMap<usize, PairShard>,
    /// Bytes of every file added, as stored (and fetched).
    pub bytes: u64,
}

impl IndexCache {
    pub fn new() -> IndexCache {
        IndexCache::default()
    }

    /// Keeps `file`, from `content`: what it holds, its stored bytes
    /// checked against the index's reference ([`ShardRef::verify`]) and
    /// inflated when stored gzipped ([`crate::is_gzipped`]) by the caller,
    /// which has the network, the disk and the inflater.
    pub fn insert(
        &mut self,
        index: &SearchIndex,
        file: &NeedFile,
        content: &[u8],
    ) -> Result<(), DecodeError> {
        let shard = file.shard(index).ok_or_else(|| DecodeError::Invalid {
            detail: format!("the search index has no file {file:?}"),
        })?;
        match file {
            NeedFile::TermChunk(i) => {
                self.chunks.insert(*i, TermChunk::from_json(content)?);
            }
            NeedFile::Postings(i) => {
                self.postings.insert(*i, PostingsShard::from_json(content)?);
            }
            NeedFile::Pairs(i) => {
                self.pairs.insert(*i, PairShard::from_json(content)?);
            }
        }
        self.bytes += shard.max_bytes(content.len() as u64);
        Ok(())
    }

    /// Runs a query to the end, fetching missing files with `fetch`, which
    /// returns a file's content (checked and inflated, as
    /// [`IndexCache::insert`] takes it), or `None` for a file it cannot get.
    pub fn run(
        &mut self,
        index: &SearchIndex,
        query: &TextQuery,
        mut fetch: impl FnMut(&ShardRef) -> Option<Vec<u8>>,
    ) -> Result<Hits, String> {
        for _ in 0..4 {
            match search(index, query, self).map_err(|_| "a search index file is damaged")? {
                Step::Done(hits) => return Ok(hits),
                Step::Need(files) => {
                    for file in files {
                        let shard = file.shard(index).ok_or("the search index is damaged")?;
                        let bytes =
                            fetch(&shard).ok_or_else(|| format!("missing {}", shard.path))?;
                        self.insert(index, &file, &bytes)
                            .map_err(|e| e.to_string())?;
                    }
                }
            }
        }
        Err("the search needed more rounds than it ever should".into())
    }
}

/// Runs a query over an archive's segments to the end: `roots` are their
/// index roots with the position of each one's first article, `caches`
/// their files at hand (one cache per segment), and `fetch` returns a
/// file's content, checked and inflated (`None`: it cannot be had).
pub fn run_parts(
    roots: &[(&SearchIndex, u32)],
    caches: &mut [IndexCache],
    query: &TextQuery,
    mut fetch: impl FnMut(&ShardRef) -> Option<Vec<u8>>,
) -> Result<Hits, String> {
    if roots.len() != caches.len() {
        return Err("one cache per segment".into());
    }
    for _ in 0..4 {
        let parts: Vec<Part<'_, IndexCache>> = roots
            .iter()
            .zip(caches.iter())
            .map(|(&(index, base), files)| Part { index, base, files })
            .collect();
        let step = search_parts(&parts, query).map_err(|_| "a search index file is damaged")?;
        match step {
            Step::Done(hits) => return Ok(hits),
            Step::Need(files) => {
                for (p, file) in files {
                    let index = roots[p].0;
                    let shard = file.shard(index).ok_or("the search index is damaged")?;
                    let bytes = fetch(&shard).ok_or_else(|| format!("missing {}", shard.path))?;
                    caches[p]
                        .insert(index, &file, &bytes)
                        .map_err(|e| e.to_string())?;
                }
            }
        }
    }
    Err("the search needed more rounds than it ever should".into())
}

impl IndexFiles for IndexCache {
    fn term_chunk(&self, index: usize) -> Option<&TermChunk> {
        self.chunks.get(&index)
    }

    fn postings(&self, index: usize) -> Option<&PostingsShard> {
        self.postings.get(&index)
    }

    fn pairs(&self, index: usize) -> Option<&PairShard> {
        self.pairs.get(&index)
    }
}
