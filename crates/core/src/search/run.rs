//! Answering a parsed query from the index files it needs.
//!
//! [`search`] is pure: given the files already at hand it either answers or
//! names the files still missing ([`Step::Need`]); the reader fetches those
//! and asks again. A query takes at most three rounds: word chunks, then word
//! chunks for typo correction (only when a word is not in the index), then
//! postings and phrase shards.
//!
//! Scoring is BM25 with the title weighted above the summary and body (see the
//! builder's index writer): postings carry the quantized term-frequency part,
//! and the inverse document frequency is applied here. All query words must
//! match; a word matches through its typed form, its English stem, and while
//! typed last, the commonest words it begins.

use std::collections::HashSet;

use super::analyze::query_keys;
use super::parse::TextQuery;
use crate::codec::{decode_postings, read_set, CorruptBlob, Reader, IMPACT_LEVELS};
use crate::format::{PairShard, PostingsShard, SearchIndex, ShardRef, TermChunk, TermInfo};

/// The most words a prefix stands for, and the most postings they may bring:
/// together they bound the bytes a keystroke fetches.
const PREFIX_WORDS: usize = 8;
const PREFIX_POSTINGS: u64 = 40_000;
/// Words this long or longer are corrected when not in the index.
const TYPO_MIN_CHARS: usize = 5;
const TYPO_WORDS: usize = 3;
/// How much less than an exact match a completion or a correction counts.
const PREFIX_WEIGHT: f32 = 0.7;
const TYPO_WEIGHT: f32 = 0.5;

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

pub enum Step<T> {
    Done(T),
    Need(Vec<NeedFile>),
}

/// The articles a query matched.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Hits {
    /// `(catalog position, score)`, by position.
    pub docs: Vec<(u32, f32)>,
    /// Index words that matched, for highlighting.
    pub terms: Vec<String>,
    /// Words typed as prefixes, for highlighting words they begin.
    pub prefixes: Vec<String>,
    /// `(typed, used instead)` for words corrected as typos.
    pub corrections: Vec<(String, String)>,
}

/// A word resolved to index words: `(word info, chunk index, weight)`.
type Alternatives = Vec<(TermInfo, usize, f32)>;

pub fn search(
    index: &SearchIndex,
    query: &TextQuery,
    files: &impl IndexFiles,
) -> Result<Step<Hits>, CorruptBlob> {
    // Round 1: the word chunks for every word, exact or prefix.
    let mut need = Vec::new();
    for word in &query.words {
        for key in query_keys(&word.folded) {
            need_chunks(index, &key, Some(&successor(&key)), files, &mut need);
        }
        if word.prefix {
            need_chunks(index, &word.folded, None, files, &mut need);
        }
    }
    for word in &query.excluded {
        for key in query_keys(word) {
            need_chunks(index, &key, Some(&successor(&key)), files, &mut need);
        }
    }
    if !need.is_empty() {
        return Ok(Step::Need(dedup(need)));
    }

    let mut hits = Hits::default();
    let mut resolved: Vec<Alternatives> = Vec::new();
    for word in &query.words {
        let mut alts = exact(index, &query_keys(&word.folded), files);
        if word.prefix {
            hits.prefixes.push(word.folded.clone());
            for (info, chunk) in completions(index, &word.folded, files) {
                if !alts.iter().any(|(a, _, _)| a.0 == info.0) {
                    alts.push((info, chunk, PREFIX_WEIGHT));
                }
            }
        }
        if alts.is_empty() && word.folded.chars().count() >= TYPO_MIN_CHARS {
            // Round 2: the chunks holding words with the same two first letters.
            let stem: String = word.folded.chars().take(2).collect();
            let range = index.chunks_for_range(&stem, Some(&successor(&stem)));
            let missing: Vec<NeedFile> = range
                .filter(|&i| files.term_chunk(i).is_none())
                .map(NeedFile::TermChunk)
                .collect();
            if !missing.is_empty() {
                need.extend(missing);
                continue;
            }
            for (info, chunk) in corrections(index, &word.folded, &stem, files) {
                hits.corrections.push((word.folded.clone(), info.0.clone()));
                alts.push((info, chunk, TYPO_WEIGHT));
            }
        }
        resolved.push(alts);
    }
    if !need.is_empty() {
        return Ok(Step::Need(dedup(need)));
    }
    let excluded: Vec<Alternatives> = query
        .excluded
        .iter()
        .map(|w| exact(index, &query_keys(w), files))
        .collect();

    // Round 3: postings and phrase pairs.
    for (info, chunk, _) in resolved.iter().chain(&excluded).flatten() {
        let file = postings_ref(files, *chunk, info)?;
        if files.postings(file).is_none() {
            need.push(NeedFile::Postings(file.clone()));
        }
    }
    let phrase_keys: Vec<Vec<Vec<(usize, u32)>>> = query
        .phrases
        .iter()
        .map(|p| phrase_pair_keys(p, index.pairs.len()))
        .collect();
    for (shard, _) in phrase_keys.iter().flatten().flatten() {
        if files.pairs(*shard).is_none() {
            need.push(NeedFile::Pairs(*shard));
        }
    }
    if !need.is_empty() {
        return Ok(Step::Need(dedup(need)));
    }

    let n = index.docs as usize;
    let mut scores = Scores::new(n);
    for alts in &resolved {
        let mut word = WordScores::new(n);
        for (info, chunk, weight) in alts {
            let idf = idf(index.docs, info.1);
            let list = postings_list(files, *chunk, info)?;
            decode_postings(list, |doc, level| {
                word.offer(
                    doc,
                    idf * f32::from(level) / f32::from(IMPACT_LEVELS) * weight,
                )
            })?;
            hits.terms.push(info.0.clone());
        }
        scores.and(word);
    }
    let mut docs = if resolved.is_empty() {
        (0..index.docs).map(|d| (d, 0.0)).collect()
    } else {
        scores.finish()
    };
    for pairs in &phrase_keys {
        let with_phrase = phrase_docs(pairs, files)?;
        docs.retain(|(d, _)| with_phrase.contains(d));
    }
    for alts in &excluded {
        let mut out = HashSet::new();
        for (info, chunk, _) in alts {
            decode_postings(postings_list(files, *chunk, info)?, |doc, _| {
                out.insert(doc);
            })?;
        }
        docs.retain(|(d, _)| !out.contains(d));
    }
    for phrase in &query.phrases {
        for w in phrase {
            if !hits.terms.contains(w) {
                hits.terms.push(w.clone());
            }
        }
    }
    hits.docs = docs;
    Ok(Step::Done(hits))
}

/// BM25's inverse document frequency.
fn idf(docs: u32, df: u32) -> f32 {
    let (n, df) = (docs as f32, df as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// The smallest string greater than every string starting with `prefix`.
fn successor(prefix: &str) -> String {
    format!("{prefix}\u{10ffff}")
}

fn need_chunks(
    index: &SearchIndex,
    from: &str,
    to: Option<&str>,
    files: &impl IndexFiles,
    need: &mut Vec<NeedFile>,
) {
    for i in index.chunks_for_range(from, to) {
        if files.term_chunk(i).is_none() {
            need.push(NeedFile::TermChunk(i));
        }
    }
}

fn dedup(mut need: Vec<NeedFile>) -> Vec<NeedFile> {
    let mut seen = HashSet::new();
    need.retain(|n| seen.insert(n.clone()));
    need
}

fn exact(index: &SearchIndex, keys: &[String], files: &impl IndexFiles) -> Alternatives {
    keys.iter()
        .filter_map(|key| {
            let chunk = index.chunks_for_range(key, Some(&successor(key))).start;
            let info = files.term_chunk(chunk)?.find(key)?;
            Some((info.clone(), chunk, 1.0))
        })
        .collect()
}

/// The commonest words starting with `prefix`, within the postings budget.
fn completions(
    index: &SearchIndex,
    prefix: &str,
    files: &impl IndexFiles,
) -> Vec<(TermInfo, usize)> {
    let mut found: Vec<(TermInfo, usize)> = index
        .chunks_for_range(prefix, None)
        .map_while(|i| files.term_chunk(i).map(|c| (i, c)))
        .flat_map(|(i, c)| c.with_prefix(prefix).map(move |t| (t.clone(), i)))
        .filter(|(t, _)| t.0 != prefix)
        .collect();
    found.sort_by(|a, b| b.0 .1.cmp(&a.0 .1).then_with(|| a.0 .0.cmp(&b.0 .0)));
    let mut budget = 0u64;
    let mut out = Vec::new();
    for (info, chunk) in found {
        budget += u64::from(info.1);
        if out.len() == PREFIX_WORDS || (!out.is_empty() && budget > PREFIX_POSTINGS) {
            break;
        }
        out.push((info, chunk));
    }
    out
}

/// The commonest index words one edit away from `word` that share its first
/// two letters.
fn corrections(
    index: &SearchIndex,
    word: &str,
    stem: &str,
    files: &impl IndexFiles,
) -> Vec<(TermInfo, usize)> {
    let mut found: Vec<(TermInfo, usize)> = index
        .chunks_for_range(stem, Some(&successor(stem)))
        .filter_map(|i| files.term_chunk(i).map(|c| (i, c)))
        .flat_map(|(i, c)| c.with_prefix(stem).map(move |t| (t, i)))
        .filter(|(t, _)| within_one_edit(word, &t.0))
        .map(|(t, i)| (t.clone(), i))
        .collect();
    found.sort_by(|a, b| b.0 .1.cmp(&a.0 .1).then_with(|| a.0 .0.cmp(&b.0 .0)));
    found.truncate(TYPO_WORDS);
    found
}

/// One insertion, deletion, substitution or swap of neighbours apart?
pub(crate) fn within_one_edit(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[common..], &b[common..]);
    match (ra.len(), rb.len()) {
        (0, 0) => false,
        (x, y) if x == y => {
            ra[1..] == rb[1..] || (x >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
        }
        (x, y) if x == y + 1 => ra[1..] == *rb,
        (x, y) if y == x + 1 => *ra == rb[1..],
        _ => false,
    }
}

fn postings_ref<'a>(
    files: &'a impl IndexFiles,
    chunk: usize,
    info: &TermInfo,
) -> Result<&'a ShardRef, CorruptBlob> {
    files
        .term_chunk(chunk)
        .and_then(|c| c.postings.get(info.2 as usize))
        .ok_or(CorruptBlob)
}

fn postings_list<'a>(
    files: &'a impl IndexFiles,
    chunk: usize,
    info: &TermInfo,
) -> Result<&'a str, CorruptBlob> {
    let file = postings_ref(files, chunk, info)?;
    files
        .postings(file)
        .and_then(|p| p.list(&info.0))
        .ok_or(CorruptBlob)
}

/// FNV-1a: a small, stable hash the builder and the reader agree on.
fn fnv1a(bytes: impl IntoIterator<Item = u8>) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    for b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// The hash of the pair `(first, second)` of index words.
pub fn pair_hash(first: &str, second: &str) -> u64 {
    fnv1a(first.bytes().chain([0x1f]).chain(second.bytes()))
}

/// Where a pair with this hash lives among `shards`: `(shard, tag)`.
pub fn pair_location(hash: u64, shards: usize) -> (usize, u32) {
    let shard = (hash % shards.max(1) as u64) as usize;
    (shard, (hash >> 32) as u32)
}

/// For each adjacent pair in a phrase, every `(shard, tag)` it may be indexed
/// under (each word as typed or stemmed).
fn phrase_pair_keys(phrase: &[String], shards: usize) -> Vec<Vec<(usize, u32)>> {
    phrase
        .windows(2)
        .map(|pair| {
            let mut keys = Vec::new();
            for a in query_keys(&pair[0]) {
                for b in query_keys(&pair[1]) {
                    let key = pair_location(pair_hash(&a, &b), shards);
                    if !keys.contains(&key) {
                        keys.push(key);
                    }
                }
            }
            keys
        })
        .collect()
}

/// Articles containing every adjacent pair of a phrase.
fn phrase_docs(
    pairs: &[Vec<(usize, u32)>],
    files: &impl IndexFiles,
) -> Result<HashSet<u32>, CorruptBlob> {
    let mut result: Option<HashSet<u32>> = None;
    for keys in pairs {
        let mut docs = HashSet::new();
        for &(shard, tag) in keys {
            let blob = &files.pairs(shard).ok_or(CorruptBlob)?.blob;
            pair_docs(blob, tag, |d| {
                docs.insert(d);
            })?;
        }
        result = Some(match result {
            None => docs,
            Some(prev) => prev.intersection(&docs).copied().collect(),
        });
    }
    Ok(result.unwrap_or_default())
}

/// Calls `each` with the articles of the pair tagged `tag` in a pair shard.
pub fn pair_docs(blob: &str, tag: u32, mut each: impl FnMut(u32)) -> Result<(), CorruptBlob> {
    let bytes = crate::codec::from_base64(blob)?;
    let mut reader = Reader::new(&bytes);
    let mut current = 0u64;
    let mut first = true;
    while !reader.is_empty() {
        let gap = reader.varint()?;
        current = if first { gap } else { current + gap };
        first = false;
        if current == u64::from(tag) {
            return read_set(&mut reader, &mut each);
        }
        read_set(&mut reader, |_| {})?;
        if current > u64::from(tag) {
            return Ok(());
        }
    }
    Ok(())
}

/// Running totals of a conjunctive query.
struct Scores {
    total: Vec<f32>,
    matched: Vec<u16>,
    words: u16,
    last: Vec<u32>,
}

impl Scores {
    fn new(n: usize) -> Scores {
        Scores {
            total: vec![0.0; n],
            matched: vec![0; n],
            words: 0,
            last: Vec::new(),
        }
    }

    /// Adds a word's best score per article; only articles that matched every
    /// earlier word stay in the running.
    fn and(&mut self, word: WordScores) {
        let mut kept = Vec::new();
        for doc in word.touched {
            let d = doc as usize;
            if self.matched[d] == self.words {
                self.total[d] += word.best[d];
                self.matched[d] += 1;
                kept.push(doc);
            }
        }
        self.words += 1;
        self.last = kept;
    }

    /// The articles that matched every word, by position. Common words
    /// match most of a large archive: a pass over the counters is cheaper
    /// than sorting the matches.
    fn finish(self) -> Vec<(u32, f32)> {
        if self.last.len() < self.matched.len() / 16 {
            let mut last = self.last;
            last.sort_unstable();
            return last.iter().map(|&d| (d, self.total[d as usize])).collect();
        }
        (0u32..)
            .zip(&self.matched)
            .filter(|(_, &m)| m == self.words)
            .map(|(d, _)| (d, self.total[d as usize]))
            .collect()
    }
}

/// One query word's best score in each article it occurs in.
struct WordScores {
    best: Vec<f32>,
    touched: Vec<u32>,
}

impl WordScores {
    fn new(n: usize) -> WordScores {
        WordScores {
            best: vec![0.0; n],
            touched: Vec::new(),
        }
    }

    fn offer(&mut self, doc: u32, score: f32) {
        let Some(slot) = self.best.get_mut(doc as usize) else {
            return;
        };
        if *slot == 0.0 {
            self.touched.push(doc);
        }
        if score > *slot {
            *slot = score;
        }
    }
}
