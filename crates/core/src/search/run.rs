//! Answering a parsed query from the index files it needs.
//!
//! An archive has one index per segment; [`search_parts`] answers over all
//! of them as one index of the whole list would: a word's document
//! frequency is summed over the segments, completions and corrections are
//! chosen by those sums, postings are read in each segment that has the
//! word and moved to list positions by the segment's base. ([`search`] is
//! the one-segment case.)
//!
//! The search is pure: given the files already at hand it either answers or
//! names the files still missing ([`Step::Need`]); the reader fetches those
//! and asks again. A query takes at most three rounds: word chunks with the
//! postings files the root says hold their words (so most queries need one
//! round), then word chunks for typo correction (only when a word is not in
//! the index), then postings and phrase shards still missing.
//!
//! Scoring is BM25 with the title weighted above the summary and body (see the
//! builder's index writer): postings carry the quantized term-frequency part
//! (normalized by a fixed reference length, so no segment depends on
//! another), and the inverse document frequency is applied here. All query words must
//! match; a word matches through its typed form, its English stem, and while
//! typed last, the commonest words it begins.

use std::collections::{BTreeMap, HashSet};

use super::analyze::unmarked;
use super::files::{IndexFiles, NeedFile};
use super::parse::TextQuery;
use super::phrase::{phrase_docs, phrase_pair_keys};
use super::score::{idf, Scores, WordScores};
use crate::codec::{decode_postings, CorruptBlob, IMPACT_LEVELS};
use crate::format::{SearchIndex, TermInfo};

/// The most words a prefix stands for, and the most postings they may bring:
/// together they bound the bytes a keystroke fetches.
const PREFIX_WORDS: usize = 8;
const PREFIX_POSTINGS: u64 = 40_000;
/// A prefix's postings files are asked for with its word chunks when its
/// words lie in this many files or fewer (per segment); more, and its
/// chunks first say which of them its commonest words need.
const PREFIX_FILES_AHEAD: usize = 2;
/// Words this long or longer are corrected when not in the index.
const TYPO_MIN_CHARS: usize = 5;
const TYPO_WORDS: usize = 3;
/// How much less than an exact match a completion or a correction counts.
const PREFIX_WEIGHT: f32 = 0.7;
const TYPO_WEIGHT: f32 = 0.5;

pub enum Step<T, N = NeedFile> {
    Done(T),
    Need(Vec<N>),
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

/// One segment's search index: its root, the list position of its first
/// article, and its files at hand.
pub struct Part<'a, F> {
    pub index: &'a SearchIndex,
    pub base: u32,
    pub files: &'a F,
}

/// An index word, over every segment: its archive-wide document frequency,
/// its weight in the query and the segments that have it `(part, info)`.
struct Alternative {
    word: String,
    df: u32,
    weight: f32,
    at: Vec<(usize, TermInfo)>,
}

/// A query word resolved to index words.
type Alternatives = Vec<Alternative>;

/// A quoted phrase's adjacent pairs, as `(shard, tag)` keys in one
/// segment's phrase shards; one per segment.
type PhraseKeys = Vec<Vec<Vec<(usize, u32)>>>;

/// Answers `query` from the files at hand, or names the files it still
/// needs: word chunks (with their words' postings), then (for typos) more
/// word chunks, then postings and phrase shards.
pub fn search(
    index: &SearchIndex,
    query: &TextQuery,
    files: &impl IndexFiles,
) -> Result<Step<Hits>, CorruptBlob> {
    let part = Part {
        index,
        base: 0,
        files,
    };
    Ok(match search_parts(&[part], query)? {
        Step::Done(hits) => Step::Done(hits),
        Step::Need(need) => Step::Need(need.into_iter().map(|(_, file)| file).collect()),
    })
}

/// [`search`] over an archive's segments (in list order): the answer is
/// the one a single index of the whole list would give — the same words
/// (completions and corrections chosen by archive-wide frequency), the
/// same BM25 statistics, the same positions. Files still needed are named
/// with their segment's part number.
pub fn search_parts<F: IndexFiles>(
    parts: &[Part<'_, F>],
    query: &TextQuery,
) -> Result<Step<Hits, (usize, NeedFile)>, CorruptBlob> {
    let need = word_chunks(parts, query);
    if !need.is_empty() {
        return Ok(Step::Need(dedup(need)));
    }
    let mut hits = Hits::default();
    let resolved = match resolve(parts, query, &mut hits) {
        Ok(resolved) => resolved,
        Err(need) => return Ok(Step::Need(dedup(need))),
    };
    let excluded: Vec<Alternatives> = query
        .excluded
        .iter()
        .map(|w| exact(parts, &w.keys))
        .collect();
    // Per phrase, per part: the pair keys in that part's shards.
    let phrase_keys: Vec<PhraseKeys> = query
        .phrases
        .iter()
        .map(|p| {
            parts
                .iter()
                .map(|part| phrase_pair_keys(p, part.index.pairs.len()))
                .collect()
        })
        .collect();
    let need = postings_and_pairs(parts, &resolved, &excluded, &phrase_keys)?;
    if !need.is_empty() {
        return Ok(Step::Need(dedup(need)));
    }
    let mut docs = ranked(parts, &resolved, &mut hits.terms)?;
    for per_part in &phrase_keys {
        let mut with_phrase = HashSet::new();
        for (part, pairs) in parts.iter().zip(per_part) {
            with_phrase.extend(
                phrase_docs(pairs, part.files)?
                    .into_iter()
                    .map(|d| part.base + d),
            );
        }
        docs.retain(|(d, _)| with_phrase.contains(d));
    }
    for alts in &excluded {
        let mut out = HashSet::new();
        for alt in alts {
            for (p, info) in &alt.at {
                let part = &parts[*p];
                decode_postings(postings_list(part, info)?, |doc, _| {
                    out.insert(part.base + doc);
                })?;
            }
        }
        docs.retain(|(d, _)| !out.contains(d));
    }
    for phrase in &query.phrases {
        for w in &phrase.words {
            if !hits.terms.contains(w) {
                hits.terms.push(w.clone());
            }
        }
    }
    hits.docs = docs;
    Ok(Step::Done(hits))
}

/// Round 1: the word chunks every word needs, exact or prefix, excluded
/// words included, in every segment; with them, the postings files the
/// root says hold its words (a prefix's only when they are few, and only
/// while its chunks are not at hand), so that the next round is not spent
/// asking for them.
fn word_chunks<F: IndexFiles>(parts: &[Part<'_, F>], query: &TextQuery) -> Vec<(usize, NeedFile)> {
    let mut need = Vec::new();
    for (p, part) in parts.iter().enumerate() {
        let mut wanted = |from: &str, prefix: bool| {
            let to = successor(from);
            let before = need.len();
            need_chunks(p, part, from, &to, &mut need);
            let at_hand = need.len() == before;
            let files = match (prefix, at_hand) {
                // Which of its words a prefix stands for, its chunks say.
                (true, true) => return,
                (true, false) => part.index.postings_for_range(from, Some(&to)),
                // A word its chunk says this segment lacks needs nothing.
                (false, true) if found(part, from).is_none() => return,
                (false, _) => part.index.postings_of(from).map_or(0..0, |i| i..i + 1),
            };
            if files.len() <= PREFIX_FILES_AHEAD {
                for i in files {
                    if part.files.postings(i).is_none() {
                        need.push((p, NeedFile::Postings(i)));
                    }
                }
            }
        };
        for word in &query.words {
            for key in &word.keys {
                wanted(key, false);
            }
            if word.prefix {
                wanted(&word.folded, true);
            }
        }
        for word in &query.excluded {
            for key in &word.keys {
                wanted(key, false);
            }
        }
    }
    need
}

/// Each query word as the index words it matches: its keys, its
/// completions when typed last, else (round 2, the chunks of words sharing
/// its first two letters) its corrections. `Err`: chunks still needed.
fn resolve<F: IndexFiles>(
    parts: &[Part<'_, F>],
    query: &TextQuery,
    hits: &mut Hits,
) -> Result<Vec<Alternatives>, Vec<(usize, NeedFile)>> {
    let mut need = Vec::new();
    let mut resolved: Vec<Alternatives> = Vec::new();
    for word in &query.words {
        let mut alts = exact(parts, &word.keys);
        if word.prefix {
            hits.prefixes.push(word.folded.clone());
            for alt in completions(parts, &word.folded) {
                if !alts.iter().any(|a| a.word == alt.word) {
                    alts.push(alt);
                }
            }
        }
        if alts.is_empty() && word.folded.chars().count() >= TYPO_MIN_CHARS {
            let stem: String = word.folded.chars().take(2).collect();
            let mut missing = Vec::new();
            for (p, part) in parts.iter().enumerate() {
                need_chunks(p, part, &stem, &successor(&stem), &mut missing);
            }
            if !missing.is_empty() {
                need.extend(missing);
                continue;
            }
            for alt in corrections(parts, &word.folded, &stem) {
                hits.corrections
                    .push((word.folded.clone(), unmarked(&alt.word).to_string()));
                alts.push(alt);
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
fn postings_and_pairs<F: IndexFiles>(
    parts: &[Part<'_, F>],
    resolved: &[Alternatives],
    excluded: &[Alternatives],
    phrase_keys: &[PhraseKeys],
) -> Result<Vec<(usize, NeedFile)>, CorruptBlob> {
    let mut need = Vec::new();
    for alt in resolved.iter().chain(excluded).flatten() {
        for (p, info) in &alt.at {
            let part = &parts[*p];
            let file = part.index.postings_of(&info.0).ok_or(CorruptBlob)?;
            if part.files.postings(file).is_none() {
                need.push((*p, NeedFile::Postings(file)));
            }
        }
    }
    for per_part in phrase_keys {
        for (p, pairs) in per_part.iter().enumerate() {
            for (shard, _) in pairs.iter().flatten() {
                if parts[p].files.pairs(*shard).is_none() {
                    need.push((p, NeedFile::Pairs(*shard)));
                }
            }
        }
    }
    Ok(need)
}

/// Positions `0..n` of the whole list.
fn list_len<F>(parts: &[Part<'_, F>]) -> u32 {
    parts
        .iter()
        .map(|p| p.base + p.index.docs)
        .max()
        .unwrap_or(0)
}

/// The articles matching every word, with their BM25 scores (every article
/// when no word is asked for: phrases and exclusions alone); the index
/// words used are added to `terms`.
fn ranked<F: IndexFiles>(
    parts: &[Part<'_, F>],
    resolved: &[Alternatives],
    terms: &mut Vec<String>,
) -> Result<Vec<(u32, f32)>, CorruptBlob> {
    let docs = list_len(parts);
    let n = docs as usize;
    let mut scores = Scores::new(n);
    for alts in resolved {
        let mut word = WordScores::new(n);
        for alt in alts {
            let idf = idf(docs, alt.df);
            for (p, info) in &alt.at {
                let part = &parts[*p];
                let list = postings_list(part, info)?;
                decode_postings(list, |doc, level| {
                    word.offer(
                        part.base + doc,
                        idf * f32::from(level) / f32::from(IMPACT_LEVELS) * alt.weight,
                    )
                })?;
            }
            terms.push(alt.word.clone());
        }
        scores.and(word);
    }
    Ok(if resolved.is_empty() {
        (0..docs).map(|d| (d, 0.0)).collect()
    } else {
        scores.finish()
    })
}

/// The smallest string greater than every string starting with `prefix`.
fn successor(prefix: &str) -> String {
    format!("{prefix}\u{10ffff}")
}

/// `word` in the part's chunk that would hold it, if that chunk is at hand
/// and has it.
fn found<'a, F: IndexFiles>(part: &Part<'a, F>, word: &str) -> Option<&'a TermInfo> {
    let chunk = part
        .index
        .chunks_for_range(word, Some(&successor(word)))
        .start;
    part.files.term_chunk(chunk)?.find(word)
}

/// The chunks of part `p` that may hold words in `[from, to)` and are not
/// at hand.
fn need_chunks<F: IndexFiles>(
    p: usize,
    part: &Part<'_, F>,
    from: &str,
    to: &str,
    need: &mut Vec<(usize, NeedFile)>,
) {
    for i in part.index.chunks_for_range(from, Some(to)) {
        if part.files.term_chunk(i).is_none() {
            need.push((p, NeedFile::TermChunk(i)));
        }
    }
}

fn dedup<N: Clone + Eq + std::hash::Hash>(mut need: Vec<N>) -> Vec<N> {
    let mut seen = HashSet::new();
    need.retain(|n| seen.insert(n.clone()));
    need
}

/// Index words found in the chunks at hand, merged over the segments: the
/// same word in several segments is one [`Alternative`].
fn merged(found: impl Iterator<Item = (usize, TermInfo)>, weight: f32) -> Alternatives {
    let mut by_word: BTreeMap<String, Alternative> = BTreeMap::new();
    for (p, info) in found {
        let alt = by_word
            .entry(info.0.clone())
            .or_insert_with(|| Alternative {
                word: info.0.clone(),
                df: 0,
                weight,
                at: Vec::new(),
            });
        alt.df = alt.df.saturating_add(info.1);
        alt.at.push((p, info));
    }
    by_word.into_values().collect()
}

fn exact<F: IndexFiles>(parts: &[Part<'_, F>], keys: &[String]) -> Alternatives {
    keys.iter()
        .flat_map(|key| {
            merged(
                parts
                    .iter()
                    .enumerate()
                    .filter_map(|(p, part)| Some((p, found(part, key)?.clone()))),
                1.0,
            )
        })
        .collect()
}

/// Index words starting with `stem` in every segment's chunks at hand that
/// pass `keep`, merged and commonest first.
fn candidates<F: IndexFiles>(
    parts: &[Part<'_, F>],
    stem: &str,
    weight: f32,
    keep: impl Fn(&str) -> bool,
) -> Alternatives {
    let found = parts.iter().enumerate().flat_map(|(p, part)| {
        part.index
            .chunks_for_range(stem, Some(&successor(stem)))
            .filter_map(move |i| part.files.term_chunk(i))
            .flat_map(move |c| c.with_prefix(stem).map(move |t| (p, t.clone())))
    });
    let mut alts: Alternatives = merged(found.filter(|(_, t)| keep(&t.0)), weight);
    alts.sort_by(|a, b| b.df.cmp(&a.df).then_with(|| a.word.cmp(&b.word)));
    alts
}

/// The commonest words starting with `prefix`, within the postings budget.
fn completions<F: IndexFiles>(parts: &[Part<'_, F>], prefix: &str) -> Alternatives {
    let mut budget = 0u64;
    let mut out = Vec::new();
    for alt in candidates(parts, prefix, PREFIX_WEIGHT, |w| w != prefix) {
        budget += u64::from(alt.df);
        if out.len() == PREFIX_WORDS || (!out.is_empty() && budget > PREFIX_POSTINGS) {
            break;
        }
        out.push(alt);
    }
    out
}

/// The commonest index words one edit away from `word` that share its first
/// two letters.
fn corrections<F: IndexFiles>(parts: &[Part<'_, F>], word: &str, stem: &str) -> Alternatives {
    let mut found = candidates(parts, stem, TYPO_WEIGHT, |w| {
        within_one_edit(word, unmarked(w))
    });
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

/// A word's posting list, from the file its segment's root says holds it.
fn postings_list<'a, F: IndexFiles>(
    part: &Part<'a, F>,
    info: &TermInfo,
) -> Result<&'a str, CorruptBlob> {
    part.index
        .postings_of(&info.0)
        .and_then(|file| part.files.postings(file))
        .and_then(|p| p.list(&info.0))
        .ok_or(CorruptBlob)
}
