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
use super::files::{IndexFiles, NeedFile};
use super::parse::TextQuery;
use super::phrase::{phrase_docs, phrase_pair_keys};
use super::score::{idf, Scores, WordScores};
use crate::codec::{decode_postings, CorruptBlob, IMPACT_LEVELS};
use crate::format::{SearchIndex, ShardRef, TermInfo};

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

/// Answers `query` from the files at hand, or names the files it still
/// needs: word chunks, then (for typos) more word chunks, then postings and
/// phrase shards.
pub fn search(
    index: &SearchIndex,
    query: &TextQuery,
    files: &impl IndexFiles,
) -> Result<Step<Hits>, CorruptBlob> {
    let need = word_chunks(index, query, files);
    if !need.is_empty() {
        return Ok(Step::Need(dedup(need)));
    }
    let mut hits = Hits::default();
    let resolved = match resolve(index, query, files, &mut hits) {
        Ok(resolved) => resolved,
        Err(need) => return Ok(Step::Need(dedup(need))),
    };
    let excluded: Vec<Alternatives> = query
        .excluded
        .iter()
        .map(|w| exact(index, &query_keys(w), files))
        .collect();
    let phrase_keys: Vec<Vec<Vec<(usize, u32)>>> = query
        .phrases
        .iter()
        .map(|p| phrase_pair_keys(p, index.pairs.len()))
        .collect();
    let need = postings_and_pairs(files, &resolved, &excluded, &phrase_keys)?;
    if !need.is_empty() {
        return Ok(Step::Need(dedup(need)));
    }
    let mut docs = ranked(index, files, &resolved, &mut hits.terms)?;
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

/// Round 1: the word chunks every word needs, exact or prefix, excluded
/// words included.
fn word_chunks(index: &SearchIndex, query: &TextQuery, files: &impl IndexFiles) -> Vec<NeedFile> {
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
    need
}

/// Each query word as the index words it matches: its keys, its
/// completions when typed last, else (round 2, the chunks of words sharing
/// its first two letters) its corrections. `Err`: chunks still needed.
fn resolve(
    index: &SearchIndex,
    query: &TextQuery,
    files: &impl IndexFiles,
    hits: &mut Hits,
) -> Result<Vec<Alternatives>, Vec<NeedFile>> {
    let mut need = Vec::new();
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
    if need.is_empty() {
        Ok(resolved)
    } else {
        Err(need)
    }
}

/// Round 3: the postings files of every matched word and the phrase shards
/// of every quoted pair, those not at hand yet.
fn postings_and_pairs(
    files: &impl IndexFiles,
    resolved: &[Alternatives],
    excluded: &[Alternatives],
    phrase_keys: &[Vec<Vec<(usize, u32)>>],
) -> Result<Vec<NeedFile>, CorruptBlob> {
    let mut need = Vec::new();
    for (info, chunk, _) in resolved.iter().chain(excluded).flatten() {
        let file = postings_ref(files, *chunk, info)?;
        if files.postings(file).is_none() {
            need.push(NeedFile::Postings(file.clone()));
        }
    }
    for (shard, _) in phrase_keys.iter().flatten().flatten() {
        if files.pairs(*shard).is_none() {
            need.push(NeedFile::Pairs(*shard));
        }
    }
    Ok(need)
}

/// The articles matching every word, with their BM25 scores (every article
/// when no word is asked for: phrases and exclusions alone); the index
/// words used are added to `terms`.
fn ranked(
    index: &SearchIndex,
    files: &impl IndexFiles,
    resolved: &[Alternatives],
    terms: &mut Vec<String>,
) -> Result<Vec<(u32, f32)>, CorruptBlob> {
    let n = index.docs as usize;
    let mut scores = Scores::new(n);
    for alts in resolved {
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
            terms.push(info.0.clone());
        }
        scores.and(word);
    }
    Ok(if resolved.is_empty() {
        (0..index.docs).map(|d| (d, 0.0)).collect()
    } else {
        scores.finish()
    })
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
