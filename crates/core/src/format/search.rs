//! The search index's files, one index per segment (every name starts with
//! the segment's key). The builder writes them; the reader fetches only
//! the few a query needs, so answering a query never needs the whole
//! archive's text or index in memory. A segment's index counts its own
//! articles and words; a search sums the counts over segments
//! (`search_parts`, in the search module).
//!
//! - [`SearchIndex`] (`search/<key>.index.<hash>.json`): the root, fetched
//!   at the first search: where each range of words lives, in the word
//!   chunks and in the postings files.
//! - [`TermChunk`] (`search/terms/<key>.<n>.<hash>.json`): a sorted run of index
//!   words with their document frequency. Prefix expansion and typo
//!   correction read only these.
//! - [`PostingsShard`] (`search/postings/<key>.<n>.<hash>.json`): posting lists
//!   ([`crate::codec`]), a run of neighbouring words per file, very
//!   common words in a file of their own. The root says which file holds
//!   a word, so a search asks for a word's chunk and its postings at once:
//!   one round of requests, not two.
//! - [`PairShard`] (`search/pairs/<key>.<n>.<hash>.json`): which articles contain
//!   each pair of adjacent words, for quoted phrases; a pair lives in shard
//!   `hash % shards`.

use serde::{Deserialize, Serialize};

use super::{PackedShards, ShardRef};

/// The root of the search index.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchIndex {
    pub format: String,
    pub version: u32,
    /// Articles indexed (the segment's): postings are positions in it.
    pub docs: u32,
    /// Word chunks in word order; chunk `i` holds the words from
    /// `terms[i].first` up to (not including) `terms[i + 1].first`.
    pub terms: Vec<TermChunkRef>,
    /// The postings files (`search/postings/…`), in word order.
    pub postings: PackedShards,
    /// Where each postings file's words start: file `i` holds the lists of
    /// the words from `postings_from[i]` up to (not including)
    /// `postings_from[i + 1]` (the first is empty).
    pub postings_from: Vec<String>,
    /// The phrase-pair shards (`search/pairs/…`). Large archives have
    /// thousands; packed, they keep this root file, which every first search
    /// fetches, small.
    pub pairs: PackedShards,
}

/// Where a run of words starts and which file holds it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermChunkRef {
    pub first: String,
    #[serde(flatten)]
    pub file: ShardRef,
}

/// One index word: `[word, articles containing it]` (its postings file is
/// the root's business: [`SearchIndex::postings_of`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermInfo(pub String, pub u32);

/// A sorted run of index words.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermChunk {
    pub format: String,
    pub version: u32,
    /// Sorted by word (byte order).
    pub terms: Vec<TermInfo>,
}

/// Posting lists of a run of words: `[word, base64 postings]`, sorted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostingsShard {
    pub format: String,
    pub version: u32,
    pub lists: Vec<(String, String)>,
}

/// Adjacent-word pairs of one hash bucket, as one base64 blob: entries sorted
/// by the pair's 24-bit tag, each the tag's gap shifted left by one and
/// then, when the low bit is set, the one article holding the pair, else
/// its article set (`search::phrase::put_pair`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairShard {
    pub format: String,
    pub version: u32,
    pub blob: String,
}

impl SearchIndex {
    /// Every file this root names: word chunks, postings and phrase shards.
    pub fn shards(&self) -> impl Iterator<Item = ShardRef> + '_ {
        self.terms
            .iter()
            .map(|chunk| chunk.file.clone())
            .chain(self.postings.iter())
            .chain(self.pairs.iter())
    }

    /// The chunks that may hold words in `[from, to)` (`to = None`: no end).
    pub fn chunks_for_range(&self, from: &str, to: Option<&str>) -> std::ops::Range<usize> {
        runs_for_range(&self.terms, |c| c.first.as_str(), from, to)
    }

    /// The postings files that may hold words in `[from, to)` (`to =
    /// None`: no end).
    pub fn postings_for_range(&self, from: &str, to: Option<&str>) -> std::ops::Range<usize> {
        runs_for_range(&self.postings_from, String::as_str, from, to)
    }

    /// The postings file that holds `word`'s list, if the index has it.
    pub fn postings_of(&self, word: &str) -> Option<usize> {
        let i = self
            .postings_from
            .partition_point(|f| f.as_str() <= word)
            .checked_sub(1)?;
        (i < self.postings.len()).then_some(i)
    }
}

/// The runs of a sorted series (each starting at `first(run)`, the first at
/// the empty word) that may hold words in `[from, to)`.
fn runs_for_range<T>(
    runs: &[T],
    first: impl Fn(&T) -> &str,
    from: &str,
    to: Option<&str>,
) -> std::ops::Range<usize> {
    let start = runs.partition_point(|r| first(r) <= from).saturating_sub(1);
    let end = match to {
        Some(to) => runs.partition_point(|r| first(r) < to),
        None => runs.len(),
    };
    start..end.max(start + 1).min(runs.len())
}

impl TermChunk {
    pub fn find(&self, word: &str) -> Option<&TermInfo> {
        self.terms
            .binary_search_by(|t| t.0.as_str().cmp(word))
            .ok()
            .map(|i| &self.terms[i])
    }

    /// Words starting with `prefix`, in word order.
    pub fn with_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = &'a TermInfo> + 'a {
        let start = self.terms.partition_point(|t| t.0.as_str() < prefix);
        self.terms[start..]
            .iter()
            .take_while(move |t| t.0.starts_with(prefix))
    }
}

impl PostingsShard {
    pub fn list(&self, word: &str) -> Option<&str> {
        self.lists
            .binary_search_by(|(w, _)| w.as_str().cmp(word))
            .ok()
            .map(|i| self.lists[i].1.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(firsts: &[&str]) -> SearchIndex {
        SearchIndex {
            format: crate::FORMAT_NAME.into(),
            version: crate::FORMAT_VERSION,
            docs: 0,
            terms: firsts
                .iter()
                .map(|f| TermChunkRef {
                    first: f.to_string(),
                    file: ShardRef::describe(format!("{f}.json"), b""),
                })
                .collect(),
            postings: PackedShards::new("search/postings"),
            postings_from: Vec::new(),
            pairs: PackedShards::new("search/pairs"),
        }
    }

    #[test]
    fn range_lookup_finds_every_chunk_that_may_hold_words() {
        let idx = index(&["", "d", "m", "s"]);
        let cases = [
            (("a", Some("b")), 0..1),
            (("d", Some("e")), 1..2),
            (("do", Some("dp")), 1..2),
            (("c", Some("n")), 0..3),
            (("st", Some("su")), 3..4),
            (("z", None), 3..4),
            (("m", Some("m\u{10ffff}")), 2..3),
        ];
        for ((from, to), want) in cases {
            assert_eq!(idx.chunks_for_range(from, to), want, "{from}..{to:?}");
        }
        assert_eq!(index(&[]).chunks_for_range("a", None), 0..0);
    }

    #[test]
    fn a_words_postings_file_is_found_from_the_root() {
        let mut idx = index(&["", "m"]);
        for (n, first) in ["", "d", "m"].iter().enumerate() {
            idx.postings.push(format!("{n}").as_bytes());
            idx.postings_from.push(first.to_string());
        }
        assert_eq!(idx.postings_of("a"), Some(0));
        assert_eq!(idx.postings_of("d"), Some(1));
        assert_eq!(idx.postings_of("lz"), Some(1));
        assert_eq!(idx.postings_of("zz"), Some(2));
        assert_eq!(idx.postings_for_range("c", Some("e")), 0..2);
        assert_eq!(idx.postings_for_range("do", Some("dp")), 1..2);
        assert_eq!(index(&[]).postings_of("a"), None);
        assert_eq!(idx.shards().count(), 2 + 3);
    }
}
