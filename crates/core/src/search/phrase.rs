//! Quoted phrases: adjacent index words as hashed pairs, bucketed into
//! phrase shards the builder writes and the search reads.

use std::collections::HashSet;

use super::files::IndexFiles;
use super::parse::Phrase;
use crate::codec::{put_set, put_varint, read_set, CorruptBlob, Reader};

/// FNV-1a: a small, stable hash the builder and the reader agree on.
pub(super) fn fnv1a(bytes: impl IntoIterator<Item = u8>) -> u64 {
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

/// Bits of a pair's hash kept as its tag in its shard. A shard holds a few
/// thousand pairs, so two of them share a tag about once in 6,000 lookups
/// of a phrase's pair (and an article then also needs every word of the
/// phrase to be found by it); fewer bits make the sorted tags' gaps two
/// bytes where 32 made them three or four, and the phrase index is most of
/// a long-form archive's search index.
const TAG_BITS: u32 = 24;

/// Where a pair with this hash lives among `shards`: `(shard, tag)`.
pub fn pair_location(hash: u64, shards: usize) -> (usize, u32) {
    let shard = (hash % shards.max(1) as u64) as usize;
    (shard, (hash >> (64 - TAG_BITS)) as u32)
}

/// Appends a shard's entry: the gap from the last tag, shifted left by one,
/// its low bit set when one article holds the pair (then that article
/// follows, as most pairs are in one article), else its set of articles.
pub fn put_pair(out: &mut Vec<u8>, gap: u32, docs: &[u32]) {
    match docs {
        [one] => {
            put_varint(out, u64::from(gap) << 1 | 1);
            put_varint(out, u64::from(*one));
        }
        _ => {
            put_varint(out, u64::from(gap) << 1);
            put_set(out, docs);
        }
    }
}

/// For each adjacent pair in a phrase, every `(shard, tag)` it may be indexed
/// under (both words as typed, or both keyed by one language).
pub(super) fn phrase_pair_keys(phrase: &Phrase, shards: usize) -> Vec<Vec<(usize, u32)>> {
    phrase
        .pairs
        .iter()
        .map(|pairs| {
            let mut keys = Vec::new();
            for (a, b) in pairs {
                let key = pair_location(pair_hash(a, b), shards);
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
            keys
        })
        .collect()
}

/// Articles containing every adjacent pair of a phrase.
pub(super) fn phrase_docs(
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
        let head = reader.varint()?;
        let (gap, single) = (head >> 1, head & 1 == 1);
        current = if first { gap } else { current + gap };
        first = false;
        let found = current == u64::from(tag);
        if single {
            let doc = u32::try_from(reader.varint()?).map_err(|_| CorruptBlob)?;
            if found {
                each(doc);
            }
        } else if found {
            return read_set(&mut reader, &mut each);
        } else {
            read_set(&mut reader, |_| {})?;
        }
        if current >= u64::from(tag) {
            return Ok(());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A shard's blob of `(tag, docs)` entries, as the index writer puts it.
    fn blob(entries: &[(u32, &[u32])]) -> String {
        let mut out = Vec::new();
        let mut last = 0;
        for (i, &(tag, docs)) in entries.iter().enumerate() {
            put_pair(&mut out, if i == 0 { tag } else { tag - last }, docs);
            last = tag;
        }
        crate::codec::to_base64(&out)
    }

    fn docs_of(blob: &str, tag: u32) -> Vec<u32> {
        let mut docs = Vec::new();
        pair_docs(blob, tag, |d| docs.push(d)).unwrap();
        docs
    }

    #[test]
    fn a_pair_finds_its_articles_one_or_many() {
        let many: Vec<u32> = (0..400).step_by(3).collect();
        let shard = blob(&[
            (5, &[70_000]),
            (9, &[1, 2, 3]),
            (1 << 20, &many),
            ((1 << 24) - 1, &[0]),
        ]);
        assert_eq!(docs_of(&shard, 5), [70_000]);
        assert_eq!(docs_of(&shard, 9), [1, 2, 3]);
        assert_eq!(docs_of(&shard, 1 << 20), many);
        assert_eq!(docs_of(&shard, (1 << 24) - 1), [0]);
        for absent in [0, 6, 10, 1 << 21] {
            assert!(docs_of(&shard, absent).is_empty(), "{absent}");
        }
        assert!(docs_of(&blob(&[]), 5).is_empty());
        // A blob cut inside an entry is damaged, not an empty answer.
        let whole = crate::codec::from_base64(&shard).unwrap();
        let cut = crate::codec::to_base64(&whole[..whole.len() - 1]);
        assert!(pair_docs(&cut, (1 << 24) - 1, |_| {}).is_err());
    }

    #[test]
    fn tags_fit_their_bits() {
        for hash in [0, u64::MAX, 0x0123_4567_89ab_cdef] {
            let (shard, tag) = pair_location(hash, 7);
            assert!(shard < 7 && tag < 1 << TAG_BITS);
        }
    }
}
