//! Quoted phrases: adjacent index words as hashed pairs, bucketed into
//! phrase shards the builder writes and the search reads.

use std::collections::HashSet;

use super::files::IndexFiles;
use super::parse::Phrase;
use crate::codec::{read_set, CorruptBlob, Reader};

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

/// Where a pair with this hash lives among `shards`: `(shard, tag)`.
pub fn pair_location(hash: u64, shards: usize) -> (usize, u32) {
    let shard = (hash % shards.max(1) as u64) as usize;
    (shard, (hash >> 32) as u32)
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
