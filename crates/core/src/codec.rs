//! Compact binary encodings of posting lists, carried in JSON as base64
//! strings: a posting list for a word found in 30,000 articles is about
//! 40 KB, where a JSON array of numbers would be several times that.
//!
//! Integers are LEB128 varints; sorted lists store gaps, not values.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};

/// A blob that could not be decoded (truncated or not base64).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CorruptBlob;

pub fn to_base64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

pub fn from_base64(text: &str) -> Result<Vec<u8>, CorruptBlob> {
    URL_SAFE_NO_PAD.decode(text).map_err(|_| CorruptBlob)
}

pub fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Reads varints from a byte slice.
pub struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes }
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The bytes not read yet.
    pub fn rest(&self) -> &'a [u8] {
        self.bytes
    }

    pub fn varint(&mut self) -> Result<u64, CorruptBlob> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let (&byte, rest) = self.bytes.split_first().ok_or(CorruptBlob)?;
            self.bytes = rest;
            value |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Ok(value);
            }
        }
        Err(CorruptBlob)
    }
}

/// Appends `count` then the gaps of a strictly increasing list.
pub fn put_sorted(out: &mut Vec<u8>, values: &[u32]) {
    put_varint(out, values.len() as u64);
    let mut last = 0u32;
    for (i, &v) in values.iter().enumerate() {
        let gap = if i == 0 { v } else { v - last - 1 };
        put_varint(out, u64::from(gap));
        last = v;
    }
}

/// Reads a list written by [`put_sorted`], appending to `into`.
pub fn read_sorted(reader: &mut Reader<'_>, mut each: impl FnMut(u32)) -> Result<(), CorruptBlob> {
    let count = reader.varint()?;
    let mut next = 0u64;
    for _ in 0..count {
        let value = next + reader.varint()?;
        each(u32::try_from(value).map_err(|_| CorruptBlob)?);
        next = value + 1;
    }
    Ok(())
}

/// Appends a strictly increasing list as [`put_sorted`] does or, when
/// smaller (lists holding a large share of the archive), as a bitmap: `0`,
/// the first value, the bitmap's length in bytes, the bitmap from the first
/// value. (A gap list never starts with a count of 0: an empty list is an
/// empty bitmap.)
pub fn put_set(out: &mut Vec<u8>, values: &[u32]) {
    let mut gaps = Vec::new();
    put_sorted(&mut gaps, values);
    match (values.first(), values.last()) {
        (Some(&first), Some(&last)) if ((last - first) / 8 + 1) as usize + 6 < gaps.len() => {
            out.push(0);
            put_bitmap(out, first, values.iter().copied(), last);
        }
        (Some(_), _) => out.extend_from_slice(&gaps),
        (None, _) => out.extend_from_slice(&[0, 0, 0]),
    }
}

/// Writes `first`, the bitmap's length and the bitmap of `values` (which
/// lie in `first..=last`).
fn put_bitmap(out: &mut Vec<u8>, first: u32, values: impl Iterator<Item = u32>, last: u32) {
    let span = ((last - first) / 8 + 1) as usize;
    put_varint(out, u64::from(first));
    put_varint(out, span as u64);
    let start = out.len();
    out.resize(start + span, 0);
    for v in values {
        let bit = (v - first) as usize;
        out[start + bit / 8] |= 1 << (bit % 8);
    }
}

/// Reads a bitmap written by [`put_bitmap`], calling `each` per value.
fn read_bitmap(reader: &mut Reader<'_>, mut each: impl FnMut(u32)) -> Result<(), CorruptBlob> {
    let first = u32::try_from(reader.varint()?).map_err(|_| CorruptBlob)?;
    let span = usize::try_from(reader.varint()?).map_err(|_| CorruptBlob)?;
    let bitmap = reader.bytes.get(..span).ok_or(CorruptBlob)?;
    reader.bytes = &reader.bytes[span..];
    for (i, &byte) in bitmap.iter().enumerate() {
        let mut bits = byte;
        while bits != 0 {
            let bit = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            let value = u32::try_from(i * 8 + bit)
                .ok()
                .and_then(|offset| first.checked_add(offset))
                .ok_or(CorruptBlob)?;
            each(value);
        }
    }
    Ok(())
}

/// Reads a list written by [`put_set`].
pub fn read_set(reader: &mut Reader<'_>, each: impl FnMut(u32)) -> Result<(), CorruptBlob> {
    if reader.bytes.first() == Some(&0) {
        reader.bytes = &reader.bytes[1..];
        read_bitmap(reader, each)
    } else {
        read_sorted(reader, each)
    }
}

/// A word's postings: each article it occurs in, with the quantized strength
/// of the match (1..=[`IMPACT_LEVELS`]). Two encodings, whichever is smaller:
/// - *sparse*: grouped by strength, each group a sorted list of articles
///   (about a byte per article in a common word, more in a rare one);
/// - *dense*, for words in a large share of the archive: a `0` byte, the
///   first article, the bitmap's length in bytes, a bitmap of articles from
///   the first, then each article's strength in four bits, in article order
///   (about five bits per article).
pub const IMPACT_LEVELS: u8 = 15;

pub fn encode_postings(postings: &[(u32, u8)]) -> String {
    let sparse = encode_sparse(postings);
    match encode_dense(postings) {
        Some(dense) if dense.len() < sparse.len() => to_base64(&dense),
        _ => to_base64(&sparse),
    }
}

/// Marks a dense blob: a sparse one starts with a level, never 0.
const DENSE: u8 = 0;

fn encode_dense(postings: &[(u32, u8)]) -> Option<Vec<u8>> {
    let mut docs: Vec<(u32, u8)> = postings
        .iter()
        .map(|&(d, l)| (d, l.clamp(1, IMPACT_LEVELS)))
        .collect();
    docs.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    docs.dedup_by_key(|p| p.0);
    let first = docs.first()?.0;
    let last = docs.last()?.0;
    let mut out = vec![DENSE];
    put_bitmap(&mut out, first, docs.iter().map(|d| d.0), last);
    for pair in docs.chunks(2) {
        out.push(pair[0].1 | pair.get(1).map_or(0, |p| p.1 << 4));
    }
    Some(out)
}

fn encode_sparse(postings: &[(u32, u8)]) -> Vec<u8> {
    let mut by_level: Vec<Vec<u32>> = vec![Vec::new(); usize::from(IMPACT_LEVELS) + 1];
    for &(doc, level) in postings {
        by_level[usize::from(level.clamp(1, IMPACT_LEVELS))].push(doc);
    }
    let mut out = Vec::new();
    for (level, docs) in by_level.iter_mut().enumerate().rev() {
        if docs.is_empty() {
            continue;
        }
        docs.sort_unstable();
        docs.dedup();
        out.push(level as u8);
        put_sorted(&mut out, docs);
    }
    out
}

pub fn decode_postings(blob: &str, mut each: impl FnMut(u32, u8)) -> Result<(), CorruptBlob> {
    let bytes = from_base64(blob)?;
    if bytes.first() == Some(&DENSE) {
        return decode_dense(&bytes[1..], each);
    }
    let mut reader = Reader::new(&bytes);
    while !reader.is_empty() {
        let level = reader.varint()?;
        let level = u8::try_from(level).map_err(|_| CorruptBlob)?;
        read_sorted(&mut reader, |doc| each(doc, level))?;
    }
    Ok(())
}

fn decode_dense(bytes: &[u8], mut each: impl FnMut(u32, u8)) -> Result<(), CorruptBlob> {
    let mut reader = Reader::new(bytes);
    let mut docs = Vec::new();
    read_bitmap(&mut reader, |d| docs.push(d))?;
    let levels = reader.rest();
    for (k, doc) in docs.into_iter().enumerate() {
        let packed = levels.get(k / 2).ok_or(CorruptBlob)?;
        each(
            doc,
            if k % 2 == 0 {
                packed & 0xf
            } else {
                packed >> 4
            },
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip() {
        let values = [
            0u64,
            1,
            127,
            128,
            300,
            16_383,
            16_384,
            u64::from(u32::MAX),
            u64::MAX,
        ];
        let mut out = Vec::new();
        for v in values {
            put_varint(&mut out, v);
        }
        let mut r = Reader::new(&out);
        for v in values {
            assert_eq!(r.varint(), Ok(v));
        }
        assert!(r.is_empty());
        assert_eq!(r.varint(), Err(CorruptBlob));
    }

    #[test]
    fn postings_round_trip_grouped_by_level() {
        let postings = [(5, 3), (0, 15), (99_999, 1), (6, 3), (7, 40)];
        let blob = encode_postings(&postings);
        let mut got = Vec::new();
        decode_postings(&blob, |d, l| got.push((d, l))).unwrap();
        assert_eq!(got, [(0, 15), (7, 15), (5, 3), (6, 3), (99_999, 1)]);
    }

    #[test]
    fn spread_lists_cost_about_a_byte_per_article() {
        let postings: Vec<(u32, u8)> = (0..30_000).map(|d| (d * 3, 1 + (d % 4) as u8)).collect();
        let blob = encode_postings(&postings);
        assert!(blob.len() < 30_000 * 4 / 3 + 100, "{}", blob.len());
        let mut got = Vec::new();
        decode_postings(&blob, |d, l| got.push((d, l))).unwrap();
        got.sort_unstable();
        assert_eq!(got, postings);
    }

    #[test]
    fn dense_lists_cost_about_five_bits_per_article() {
        // A word in 85 % of 10,000 articles, as common words are.
        let postings: Vec<(u32, u8)> = (0..10_000u32)
            .filter(|d| d % 7 != 0)
            .map(|d| (d + 5, 1 + (d % 15) as u8))
            .collect();
        let blob = encode_postings(&postings);
        let bytes = from_base64(&blob).unwrap();
        assert_eq!(bytes[0], DENSE);
        assert!(
            bytes.len() * 8 < postings.len() * 6,
            "{} bytes",
            bytes.len()
        );
        let mut got = Vec::new();
        decode_postings(&blob, |d, l| got.push((d, l))).unwrap();
        assert_eq!(got, postings);
    }

    #[test]
    fn sets_pick_the_smaller_encoding_and_round_trip() {
        let cases: Vec<Vec<u32>> = vec![
            vec![],
            vec![7],
            vec![3, 900, 100_000],
            (0..5_000).filter(|v| v % 3 != 0).collect(),
            (40..4_000).collect(),
        ];
        for values in cases {
            let mut out = Vec::new();
            put_set(&mut out, &values);
            let mut gaps = Vec::new();
            put_sorted(&mut gaps, &values);
            assert!(
                out.len() <= gaps.len().max(3),
                "{} > {}",
                out.len(),
                gaps.len()
            );
            out.push(42); // what follows is left for the next reader
            let mut reader = Reader::new(&out);
            let mut got = Vec::new();
            read_set(&mut reader, |v| got.push(v)).unwrap();
            assert_eq!(got, values);
            assert_eq!(reader.rest(), [42]);
        }
        let mut dense = Vec::new();
        put_set(&mut dense, &(0..8_000).collect::<Vec<u32>>());
        assert!(dense.len() < 1_010, "{}", dense.len());
        for bad in [&[0u8, 0, 9][..], &[0, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2]] {
            assert_eq!(read_set(&mut Reader::new(bad), |_| {}), Err(CorruptBlob));
        }
    }

    #[test]
    fn corrupt_blobs_are_errors_not_panics() {
        // An empty blob is an empty list.
        let mut seen = 0;
        assert_eq!(decode_postings("", |_, _| seen += 1), Ok(()));
        assert_eq!(seen, 0);
        for blob in [
            "AA",
            "////",
            "not base64!",
            "gICAgICAgICAgAE",
            "AAAB_w",
            "AP____8PAf8",
        ] {
            assert_eq!(
                decode_postings(blob, |_, _| {}),
                Err(CorruptBlob),
                "{blob:?}"
            );
        }
        assert_eq!(decode_postings("not base64!", |_, _| {}), Err(CorruptBlob));
        assert_eq!(decode_postings("AYA", |_, _| {}), Err(CorruptBlob));
    }
}
