//! Building the search index: the builder feeds it each article's text and
//! writes out the files it returns. Pure computation, no I/O, so the index
//! and the search that reads it are tested together natively.
//!
//! Articles are analysed independently ([`DocTerms::analyze`], which a builder
//! may run in parallel) and then added in catalog order ([`IndexWriter::add`]).

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use super::analyze::Analysis;
use super::phrase::{pair_hash, pair_location, put_pair};
use crate::codec::{encode_postings, to_base64, IMPACT_LEVELS};
use crate::format::GZIP_SUFFIX;
use crate::format::{
    PackedShards, PairShard, PostingsShard, SearchIndex, ShardRef, TermChunk, TermChunkRef,
    TermInfo,
};
use crate::{FORMAT_NAME, FORMAT_VERSION};

/// An index word and the articles it occurs in, with its weighted count
/// in each.
type WordDocs = (String, Vec<(u32, f32)>);

/// How much a word counts in each field, relative to the body.
const TITLE_WEIGHT: f32 = 3.0;
const SUMMARY_WEIGHT: f32 = 1.5;
/// BM25's usual constants.
const K1: f32 = 1.2;
/// BM25's document length norm, a fixed weighted length instead of the
/// index's average: a segment's impacts then depend on its own articles
/// only, and the segments of an archive score exactly as one index would.
const REFERENCE_LENGTH: f32 = 250.0;
const B: f32 = 0.75;

/// Target sizes of the index files, before compression.
#[derive(Clone, Copy, Debug)]
pub struct IndexLimits {
    pub postings_bytes: usize,
    pub chunk_terms: usize,
    pub pairs_bytes: usize,
}

impl Default for IndexLimits {
    fn default() -> Self {
        IndexLimits {
            postings_bytes: 48 * 1024,
            chunk_terms: 512,
            pairs_bytes: 48 * 1024,
        }
    }
}

/// What the index needs of one article.
pub struct DocText<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub body: &'a str,
    /// BCP 47 language tag: its words are stemmed and its stop words left
    /// out by its language's rules.
    pub language: &'a str,
}

/// One article's words, weighted by field, and its adjacent-word pairs.
pub struct DocTerms {
    length: f32,
    terms: Vec<(String, f32)>,
    /// Hashes of adjacent-word pairs ([`pair_hash`]), sorted, distinct.
    pairs: Vec<u64>,
}

impl DocTerms {
    /// The distinct index terms (stemmed, folded, stop words left out).
    pub fn terms(&self) -> impl Iterator<Item = &str> {
        self.terms.iter().map(|(term, _)| term.as_str())
    }

    pub fn analyze(doc: &DocText<'_>) -> DocTerms {
        let analysis = Analysis::for_language(doc.language);
        let mut terms: FxHashMap<String, f32> = FxHashMap::default();
        let mut pairs: Vec<u64> = Vec::new();
        let mut length = 0.0;
        for (text, weight) in [
            (doc.title, TITLE_WEIGHT),
            (doc.summary, SUMMARY_WEIGHT),
            (doc.body, 1.0),
        ] {
            let mut previous: Option<String> = None;
            for (_, folded) in analysis.words(text) {
                let key = analysis.key(&folded);
                if !analysis.is_stop_word(&folded) {
                    *terms.entry(key.clone()).or_default() += weight;
                    length += weight;
                }
                if let Some(prev) = &previous {
                    pairs.push(pair_hash(prev, &key));
                }
                previous = Some(key);
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        let mut terms: Vec<(String, f32)> = terms.into_iter().collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        DocTerms {
            length,
            terms,
            pairs,
        }
    }
}

/// How an index file is stored: its JSON compressed (gzip, in the
/// builder) by this function, or as it is.
pub type Compress = fn(&[u8]) -> Vec<u8>;

/// Collects articles, then writes the index files.
#[derive(Default)]
pub struct IndexWriter {
    /// Starts the name of every file (a segment's key); empty: none.
    name: String,
    /// Stores every file gzipped ([`crate::GZIP_SUFFIX`]) with this
    /// function; `None`: as JSON.
    gzip: Option<Compress>,
    docs: u32,
    lengths: Vec<f32>,
    terms: FxHashMap<String, Vec<(u32, f32)>>,
    pairs: FxHashMap<u64, Vec<u32>>,
}

/// An index file to write: path relative to the bundle, and its bytes.
pub struct IndexFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The index, ready to be written: the root and every file it names.
pub struct BuiltIndex {
    pub root: SearchIndex,
    pub files: Vec<IndexFile>,
}

impl IndexWriter {
    pub fn new() -> IndexWriter {
        IndexWriter::default()
    }

    /// A writer whose files' names start with `name` and a dot (a
    /// segment's key), so segments share the index's folders.
    pub fn named(name: &str) -> IndexWriter {
        IndexWriter {
            name: name.to_string(),
            ..IndexWriter::default()
        }
    }

    /// The same writer, its files stored gzipped by `gzip` (named
    /// `….json.gz`; the hashes and sizes recorded are the stored bytes').
    pub fn gzipped(self, gzip: Compress) -> IndexWriter {
        IndexWriter {
            gzip: Some(gzip),
            ..self
        }
    }

    /// Adds the next article (catalog position = number of articles so far).
    pub fn add(&mut self, doc: DocTerms) {
        let position = self.docs;
        self.docs += 1;
        self.lengths.push(doc.length);
        for (term, tf) in doc.terms {
            self.terms.entry(term).or_default().push((position, tf));
        }
        for pair in doc.pairs {
            self.pairs.entry(pair).or_default().push(position);
        }
    }

    /// The index's files and root: postings as runs of neighbouring words
    /// per file (the root says which word each starts at), word chunks
    /// with each word's document frequency, and phrase pairs bucketed by
    /// hash.
    pub fn finish(self, limits: IndexLimits) -> BuiltIndex {
        let mut files = Vec::new();
        let mut terms: Vec<WordDocs> = self.terms.into_iter().collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let blobs = postings_blobs(&terms, &self.lengths);
        let store = Store {
            name: &self.name,
            gzip: self.gzip,
        };
        let (postings, postings_from) = postings_files(&terms, blobs, limits, store, &mut files);
        let chunk_refs = word_chunks(&terms, limits, store, &mut files);
        let pairs = pair_shards(self.pairs, limits, store, &mut files);
        BuiltIndex {
            root: SearchIndex {
                format: FORMAT_NAME.into(),
                version: FORMAT_VERSION,
                docs: self.docs,
                terms: chunk_refs,
                postings,
                postings_from,
                pairs,
            },
            files,
        }
    }
}

/// Each word's postings (quantized impacts), encoded, in word order; in
/// parallel when the `parallel` feature is on.
fn postings_blobs(terms: &[WordDocs], lengths: &[f32]) -> Vec<String> {
    let avg = REFERENCE_LENGTH;
    #[cfg(feature = "parallel")]
    use rayon::iter::{IntoParallelRefIterator, ParallelIterator};
    #[cfg(feature = "parallel")]
    let each = terms.par_iter();
    #[cfg(not(feature = "parallel"))]
    let each = terms.iter();
    each.map(|(_, list)| {
        let impacts: Vec<(u32, u8)> = list
            .iter()
            .map(|&(doc, tf)| (doc, impact(tf, lengths[doc as usize], avg)))
            .collect();
        encode_postings(&impacts)
    })
    .collect()
}

/// Postings files of runs of neighbouring words; returns the files and the
/// word each starts at (the first at the empty word), for the root.
fn postings_files(
    terms: &[WordDocs],
    blobs: Vec<String>,
    limits: IndexLimits,
    store: Store<'_>,
    files: &mut Vec<IndexFile>,
) -> (PackedShards, Vec<String>) {
    let mut shards: Vec<Vec<u8>> = Vec::new();
    let mut from: Vec<String> = Vec::new();
    let mut pending: Vec<(String, String)> = Vec::new();
    let mut pending_bytes = 0;
    let flush = |pending: &mut Vec<(String, String)>, shards: &mut Vec<Vec<u8>>| {
        if !pending.is_empty() {
            let shard = PostingsShard {
                format: FORMAT_NAME.into(),
                version: FORMAT_VERSION,
                lists: std::mem::take(pending),
            };
            shards.push(shard.to_json());
        }
    };
    for ((term, _), blob) in terms.iter().zip(blobs) {
        if !pending.is_empty() && pending_bytes + blob.len() > limits.postings_bytes {
            flush(&mut pending, &mut shards);
            pending_bytes = 0;
        }
        if pending.is_empty() {
            from.push(if from.is_empty() {
                String::new()
            } else {
                term.clone()
            });
        }
        // The JSON around each list: quotes, brackets, commas.
        pending_bytes += blob.len() + term.len() + 8;
        pending.push((term.clone(), blob));
    }
    flush(&mut pending, &mut shards);
    (store.packed("search/postings", shards, files), from)
}

/// Word chunks of `chunk_terms` words each, with their document
/// frequencies; returns their references for the root.
fn word_chunks(
    terms: &[WordDocs],
    limits: IndexLimits,
    store: Store<'_>,
    files: &mut Vec<IndexFile>,
) -> Vec<TermChunkRef> {
    let runs: Vec<&[WordDocs]> = terms.chunks(limits.chunk_terms.max(1)).collect();
    let chunks = runs
        .iter()
        .map(|run| {
            TermChunk {
                format: FORMAT_NAME.into(),
                version: FORMAT_VERSION,
                terms: run
                    .iter()
                    .map(|(term, list)| TermInfo(term.clone(), list.len() as u32))
                    .collect(),
            }
            .to_json()
        })
        .collect();
    let stored = store.files("search/terms", chunks);
    let chunk_refs = runs
        .iter()
        .zip(&stored)
        .enumerate()
        .map(|(n, (run, file))| TermChunkRef {
            first: if n == 0 {
                String::new()
            } else {
                run[0].0.clone()
            },
            file: ShardRef::describe(file.path.clone(), &file.bytes),
        })
        .collect();
    files.extend(stored);
    chunk_refs
}

/// Phrase pairs, bucketed by hash into shards of about `pairs_bytes`.
fn pair_shards(
    pairs_of: FxHashMap<u64, Vec<u32>>,
    limits: IndexLimits,
    store: Store<'_>,
    files: &mut Vec<IndexFile>,
) -> PackedShards {
    let estimate: usize = pairs_of.values().map(|d| 4 + 2 * d.len()).sum();
    let shards = estimate.div_ceil(limits.pairs_bytes.max(1)).max(1);
    let mut buckets: Vec<BTreeMap<u32, Vec<u32>>> = vec![BTreeMap::new(); shards];
    for (hash, docs) in pairs_of {
        let (shard, tag) = pair_location(hash, shards);
        let slot = buckets[shard].entry(tag).or_default();
        slot.extend(docs);
    }
    let mut shards = Vec::with_capacity(buckets.len());
    for bucket in buckets {
        let mut blob = Vec::new();
        let mut last = 0u32;
        for (i, (tag, mut docs)) in bucket.into_iter().enumerate() {
            docs.sort_unstable();
            docs.dedup();
            put_pair(&mut blob, if i == 0 { tag } else { tag - last }, &docs);
            last = tag;
        }
        let shard = PairShard {
            format: FORMAT_NAME.into(),
            version: FORMAT_VERSION,
            blob: to_base64(&blob),
        };
        shards.push(shard.to_json());
    }
    store.packed("search/pairs", shards, files)
}

/// BM25's term-frequency part, quantized to 1..=IMPACT_LEVELS.
fn impact(tf: f32, length: f32, avg: f32) -> u8 {
    let norm = tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * length / avg));
    let level = (norm / (K1 + 1.0) * f32::from(IMPACT_LEVELS)).ceil();
    level.clamp(1.0, f32::from(IMPACT_LEVELS)) as u8
}

/// How a writer names and stores its files.
#[derive(Clone, Copy)]
struct Store<'a> {
    /// [`IndexWriter::named`].
    name: &'a str,
    /// [`IndexWriter::gzipped`].
    gzip: Option<Compress>,
}

impl Store<'_> {
    /// Each file's JSON as stored (compressed in parallel when the
    /// `parallel` feature is on: it is most of an index's writing time).
    fn compressed(self, jsons: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
        let Some(gzip) = self.gzip else {
            return jsons;
        };
        #[cfg(feature = "parallel")]
        use rayon::iter::{IntoParallelIterator, ParallelIterator};
        #[cfg(feature = "parallel")]
        let each = jsons.into_par_iter();
        #[cfg(not(feature = "parallel"))]
        let each = jsons.into_iter();
        each.map(|json| gzip(&json)).collect()
    }

    /// The files of `folder` as a packed series (their names and sizes in
    /// one string each, for the root), added to `files`.
    fn packed(self, folder: &str, jsons: Vec<Vec<u8>>, files: &mut Vec<IndexFile>) -> PackedShards {
        let mut series = PackedShards::named(folder, self.name);
        if self.gzip.is_some() {
            series = series.gzipped();
        }
        for bytes in self.compressed(jsons) {
            files.push(IndexFile {
                path: series.push(&bytes),
                bytes,
            });
        }
        series
    }

    /// The files of `folder`, numbered in order and named by the hash of
    /// their stored bytes: `<folder>/<name>.<n>.<hash>.json[.gz]`.
    fn files(self, folder: &str, jsons: Vec<Vec<u8>>) -> Vec<IndexFile> {
        let name = if self.name.is_empty() {
            String::new()
        } else {
            format!("{}.", self.name)
        };
        let gz = if self.gzip.is_some() { GZIP_SUFFIX } else { "" };
        self.compressed(jsons)
            .into_iter()
            .enumerate()
            .map(|(n, bytes)| {
                let hash = crate::content_hash(&bytes);
                IndexFile {
                    path: format!("{folder}/{name}{n:05}.{hash}.json{gz}"),
                    bytes,
                }
            })
            .collect()
    }
}
