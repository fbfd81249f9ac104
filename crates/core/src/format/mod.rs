//! The bundle format: the only place where serialized types are defined.
//!
//! A bundle is a folder:
//! - `manifest.json` — the entry point (fixed name, fetched first): format name
//!   and version, build id, site info, the taxonomy, the segments and
//!   references to the files below. Its size grows with the number of facet
//!   values and of segments, not of articles;
//! - `head.<hash>.json` — the first cards of the list ([`CardShard`]), so
//!   the first screen needs nothing else;
//! - per segment ([`segments`]: the articles of a period of days),
//!   `segments/<key>.<hash>.json` (its [`Segment`] table and dictionary),
//!   `facets/<key>.<hash>.json` (every article's date and facet values,
//!   [`FacetData`]), `cards/<key>.<n>.<hash>.json` (listing metadata,
//!   [`CardShard`]), `slugs/<key>.<n>.<hash>.json` (slug → position,
//!   [`SlugShard`]), `bodies/<key>.<n>.<hash>.json.gz` (sanitized bodies,
//!   [`BodyShard`]) and `search/<key>.index.<hash>.json.gz` (its search
//!   index); card, body and search files are stored gzipped
//!   ([`is_gzipped`]);
//! - `slugs/all.<n>.<hash>.json` — slug → date for every article, hashed
//!   into buckets: the date names the segment;
//! - `search/…` — each segment's search index ([`SearchIndex`] and the
//!   files it names), `<key>.` starting every name.
//!
//! File names carry a hash of their content, so a static host can cache them
//! forever and the reader can check that what arrived is what was built; a
//! segment's files depend on its articles only, so a new edition shares
//! every file of the segments it did not touch with the last one.

use std::fmt;

use serde::{de::DeserializeOwned, Deserialize, Serialize};

mod search;
mod segments;
mod shards;

pub use search::{PairShard, PostingsShard, SearchIndex, TermChunk, TermChunkRef, TermInfo};
pub use segments::{Link, Segment, SegmentRef};
pub use shards::{slug_bucket, Body, BodyShard, CardShard, FacetData, SlugShard, Translation};

use crate::{Date, Taxonomy};

/// Every Broadsheet bundle file says it is one with this name...
pub const FORMAT_NAME: &str = "broadsheet-bundle";
/// ...and this version. Readers accept exactly this major version.
/// 5: words of articles in languages other than English are indexed by
/// their stem marked with the language (`trabaj~es`), no longer as written.
/// 6: card and body shards are stored gzipped (`….json.gz`).
/// 7: so is the search index, its root and every file it names.
/// 8: the search root names the postings files and the words each starts
/// at (a word's chunk and postings are fetched together); chunks no
/// longer name them.
pub const FORMAT_VERSION: u32 = 8;

/// How a file stored gzipped at rest ends. Cards, bodies and the search
/// index are nearly all of a bundle's bytes and a third to a half of them
/// gzipped, and a static host (GitHub
/// Pages) serves such a file as it is, so they are kept so on the host and
/// on the device; the hash and size a reference records are of the stored
/// bytes, checked before they are inflated (the reader with the browser's
/// `DecompressionStream`, the builder with flate2).
pub const GZIP_SUFFIX: &str = ".gz";

/// Is the file at `path` stored gzipped?
pub fn is_gzipped(path: &str) -> bool {
    path.ends_with(GZIP_SUFFIX)
}

/// Does the file at `path` travel as base64 text in a single-file copy's
/// map (which holds text)? Binary files do: those stored gzipped, and the
/// stemmer modules.
pub fn packed_as_base64(path: &str) -> bool {
    is_gzipped(path) || path.ends_with(".wasm")
}

/// Site-wide facts the reader shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Site {
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Default BCP 47 language of the site.
    pub language: String,
    /// Where the archive is published, if the config says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Site {
    /// The site's description for a page's `<meta name="description">`:
    /// its own, else one made from its title.
    pub fn summary(&self) -> String {
        if self.description.is_empty() {
            format!(
                "The articles of {}, to filter, search and read.",
                self.title
            )
        } else {
            self.description.clone()
        }
    }
}

/// A reference from the manifest to another file of the bundle.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ShardRef {
    /// Path relative to the manifest's folder.
    pub path: String,
    /// [`content_hash`] of the file's bytes.
    pub hash: String,
    /// Size of the file in bytes; 0 when not recorded (the shards of a
    /// [`PackedShards`] series).
    pub bytes: u64,
}

impl ShardRef {
    /// The most bytes this file can have: its size when recorded, else
    /// `unknown` (the reader's cap for shards of unrecorded size).
    pub fn max_bytes(&self, unknown: u64) -> u64 {
        if self.bytes == 0 {
            unknown
        } else {
            self.bytes
        }
    }

    /// Describes `bytes` stored at `path`.
    pub fn describe(path: String, bytes: &[u8]) -> ShardRef {
        ShardRef {
            path,
            hash: content_hash(bytes),
            bytes: bytes.len() as u64,
        }
    }

    /// Checks that `bytes` are the file this reference was built for.
    pub fn verify(&self, bytes: &[u8]) -> Result<(), DecodeError> {
        let found = content_hash(bytes);
        if found == self.hash {
            Ok(())
        } else {
            Err(DecodeError::HashMismatch {
                path: self.path.clone(),
                expected: self.hash.clone(),
                found,
            })
        }
    }
}

/// Hex digits of a content hash (see [`content_hash`]).
const HASH_LEN: usize = 16;

/// References to a numbered series of shards in one folder, as their content
/// hashes concatenated: shard `i` is `<dir>/<prefix><i:05>.<hash>.json` (`.gz`
/// after it when [`PackedShards::gzip`]). Large
/// archives have thousands of shards; a full [`ShardRef`] each would make the
/// file listing them several times larger.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackedShards {
    pub dir: String,
    /// Starts every name: a segment's key and a dot, so segments share folders.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub prefix: String,
    pub hashes: String,
    /// Each shard's size in bytes, as base64 varints (what a device must
    /// download to bring a saved copy up to date is known before it does);
    /// absent in bundles written before sizes were recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty", with = "sizes")]
    pub sizes: Vec<u64>,
    /// The shards are stored gzipped: their names end in [`GZIP_SUFFIX`].
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub gzip: bool,
}

/// [`PackedShards::sizes`] in JSON: one base64 string of varints.
mod sizes {
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    use crate::codec;

    pub fn serialize<S: Serializer>(sizes: &[u64], serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = Vec::with_capacity(sizes.len() * 3);
        for &size in sizes {
            codec::put_varint(&mut out, size);
        }
        serializer.serialize_str(&codec::to_base64(&out))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u64>, D::Error> {
        let text = String::deserialize(deserializer)?;
        let bytes =
            codec::from_base64(&text).map_err(|_| D::Error::custom("sizes are not base64"))?;
        let mut reader = codec::Reader::new(&bytes);
        let mut sizes = Vec::new();
        while !reader.is_empty() {
            sizes.push(
                reader
                    .varint()
                    .map_err(|_| D::Error::custom("sizes end in the middle of a number"))?,
            );
        }
        Ok(sizes)
    }
}

impl PackedShards {
    pub fn new(dir: &str) -> PackedShards {
        PackedShards::named(dir, "")
    }

    /// A series whose names start with `<prefix>.` (empty: no prefix).
    pub fn named(dir: &str, prefix: &str) -> PackedShards {
        PackedShards {
            dir: dir.to_string(),
            prefix: if prefix.is_empty() {
                String::new()
            } else {
                format!("{prefix}.")
            },
            hashes: String::new(),
            sizes: Vec::new(),
            gzip: false,
        }
    }

    /// The same series, its shards stored gzipped (the bytes given to
    /// [`PackedShards::push`] are the gzipped ones).
    pub fn gzipped(self) -> PackedShards {
        PackedShards { gzip: true, ..self }
    }

    /// Appends the next shard's bytes: returns its path.
    pub fn push(&mut self, bytes: &[u8]) -> String {
        let hash = content_hash(bytes);
        let path = self.path(self.len(), &hash);
        self.hashes.push_str(&hash);
        self.sizes.push(bytes.len() as u64);
        path
    }

    fn path(&self, i: usize, hash: &str) -> String {
        let gz = if self.gzip { GZIP_SUFFIX } else { "" };
        format!("{}/{}{i:05}.{hash}.json{gz}", self.dir, self.prefix)
    }

    pub fn len(&self) -> usize {
        self.hashes.len() / HASH_LEN
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every shard, in order.
    pub fn iter(&self) -> impl Iterator<Item = ShardRef> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// The reference of shard `i` (its size 0 when not recorded, or when
    /// the sizes do not match the hashes one for one).
    pub fn get(&self, i: usize) -> Option<ShardRef> {
        let hash = self.hashes.get(i * HASH_LEN..(i + 1) * HASH_LEN)?;
        let bytes = if self.sizes.len() == self.len() {
            self.sizes[i]
        } else {
            0
        };
        Some(ShardRef {
            path: self.path(i, hash),
            hash: hash.to_string(),
            bytes,
        })
    }
}

/// The bundle's entry point.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    /// Hash over every shard: changes whenever any content changes.
    pub build_id: String,
    pub site: Site,
    /// Number of articles. Positions `0..articles` are the list order:
    /// newest first, undated last.
    pub articles: u32,
    /// Every segment's dictionary merged, with counts over the archive.
    pub taxonomy: Taxonomy,
    /// Articles per card shard of a segment: position `p` of a segment is
    /// in its card shard `p / cards_per_shard`.
    pub cards_per_shard: u32,
    /// The first cards of the list (positions from 0, indexing
    /// [`Manifest::taxonomy`]), so the first screen needs nothing else.
    pub head: ShardRef,
    /// The segments in list order: newest period first, undated last.
    pub segments: Vec<SegmentRef>,
    /// Slug → packed date (0: undated) of every article, in buckets
    /// ([`slug_bucket`]).
    pub slugs: PackedShards,
    /// Bytes of every file but this one: what saving the whole archive for
    /// offline reading costs (before compression).
    #[serde(default)]
    pub bytes: u64,
    /// Of [`Manifest::bytes`], the articles' pictures (`images/…`): what
    /// saving the archive without them spares.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub pictures: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// Why bytes could not be read as a bundle file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Not JSON at all (an HTML error page, a truncated download, …).
    NotJson { detail: String },
    /// JSON, but not a Broadsheet bundle file (`found` is its `format`, if any).
    ForeignFormat { found: Option<String> },
    /// A Broadsheet bundle of a version this reader cannot read.
    UnsupportedVersion { found: u64 },
    /// The right format and version, but the content does not fit it.
    Invalid { detail: String },
    /// A file whose bytes are not the ones the manifest describes.
    HashMismatch {
        path: String,
        expected: String,
        found: String,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::NotJson { detail } => write!(f, "the file is not valid JSON ({detail})"),
            DecodeError::ForeignFormat { found: Some(name) } => write!(
                f,
                "the file is a `{name}` file, not a Broadsheet bundle (`{FORMAT_NAME}`)"
            ),
            DecodeError::ForeignFormat { found: None } => write!(
                f,
                "the file is JSON but not a Broadsheet bundle (it has no `format` field)"
            ),
            DecodeError::UnsupportedVersion { found } => write!(
                f,
                "the bundle has format version {found}, but this reader reads version {FORMAT_VERSION}"
            ),
            DecodeError::Invalid { detail } => {
                write!(f, "the bundle file is damaged or incomplete ({detail})")
            }
            DecodeError::HashMismatch {
                path,
                expected,
                found,
            } => write!(
                f,
                "`{path}` does not match the manifest (expected content hash {expected}, got {found}); \
                 it may be damaged or from another edition"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// The first 16 hex digits of the BLAKE3 hash of `bytes`: the content hash in
/// shard names and [`ShardRef::hash`].
pub fn content_hash(bytes: &[u8]) -> String {
    let hash = blake3::hash(bytes);
    hash.to_hex()[..16].to_string()
}

/// Just enough of any bundle file to tell what it is.
#[derive(Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

/// Decodes a bundle file: one pass when all is well; when it is not, a second
/// look at the header to say *why* (not JSON / foreign / version / damaged).
fn decode<T: DeserializeOwned + Versioned>(bytes: &[u8]) -> Result<T, DecodeError> {
    match serde_json::from_slice::<T>(bytes) {
        Ok(value) => {
            check_header(Some(value.format()), Some(u64::from(value.version())))?;
            Ok(value)
        }
        Err(full_error) => {
            let header: Header =
                serde_json::from_slice(bytes).map_err(|e| DecodeError::NotJson {
                    detail: e.to_string(),
                })?;
            let format = header.format.as_ref().and_then(|v| v.as_str());
            let version = header.version.as_ref().and_then(|v| v.as_u64());
            check_header(format, version)?;
            Err(DecodeError::Invalid {
                detail: full_error.to_string(),
            })
        }
    }
}

fn check_header(format: Option<&str>, version: Option<u64>) -> Result<(), DecodeError> {
    match format {
        Some(FORMAT_NAME) => {}
        other => {
            return Err(DecodeError::ForeignFormat {
                found: other.map(str::to_string),
            })
        }
    }
    match version {
        Some(v) if v == u64::from(FORMAT_VERSION) => Ok(()),
        Some(v) => Err(DecodeError::UnsupportedVersion { found: v }),
        None => Err(DecodeError::Invalid {
            detail: "missing `version`".into(),
        }),
    }
}

trait Versioned {
    fn format(&self) -> &str;
    fn version(&self) -> u32;
}

macro_rules! versioned {
    ($($t:ty),*) => {$(
        impl Versioned for $t {
            fn format(&self) -> &str { &self.format }
            fn version(&self) -> u32 { self.version }
        }
        impl $t {
            /// Reads this file from JSON bytes, checking format and version.
            pub fn from_json(bytes: &[u8]) -> Result<Self, DecodeError> {
                decode(bytes)
            }

            /// Writes this file as compact JSON; the same value always gives
            /// the same bytes.
            pub fn to_json(&self) -> Vec<u8> {
                serde_json::to_vec(self).expect("bundle types always serialize")
            }
        }
    )*};
}

versioned!(
    Manifest,
    Segment,
    CardShard,
    FacetData,
    SlugShard,
    BodyShard,
    SearchIndex,
    TermChunk,
    PostingsShard,
    PairShard
);

impl Manifest {
    /// Reads the manifest and checks that it is internally consistent.
    pub fn decode(bytes: &[u8]) -> Result<Manifest, DecodeError> {
        let manifest = Manifest::from_json(bytes)?;
        if manifest.taxonomy.languages.is_empty() && manifest.articles > 0 {
            return Err(DecodeError::Invalid {
                detail: "the taxonomy has no languages".into(),
            });
        }
        if manifest.cards_per_shard == 0 {
            return Err(DecodeError::Invalid {
                detail: "`cards_per_shard` is 0".into(),
            });
        }
        Ok(manifest)
    }
}

impl Manifest {
    /// The files the first screen needs besides the manifest, and which an
    /// offline copy always holds: the head cards and each segment's table,
    /// facet data and search root.
    pub fn first_screen(&self) -> Vec<&ShardRef> {
        std::iter::once(&self.head)
            .chain(
                self.segments
                    .iter()
                    .flat_map(|s| [&s.table, &s.facets, &s.search]),
            )
            .collect()
    }

    /// Each segment's facet data: only filtering and search need it (at
    /// 100,000 articles it is most of [`Manifest::first_screen`]'s bytes),
    /// so the reader fetches it at its first need.
    pub fn facet_data(&self) -> impl Iterator<Item = &ShardRef> {
        self.segments.iter().map(|s| &s.facets)
    }

    /// The position of each segment's first article.
    pub fn bases(&self) -> Vec<u32> {
        self.segments
            .iter()
            .scan(0u32, |next, s| {
                let base = *next;
                *next = next.saturating_add(s.articles);
                Some(base)
            })
            .collect()
    }

    /// The segment holding list position `position`, and the position
    /// within it.
    pub fn locate(&self, position: u32) -> Option<(usize, u32)> {
        let mut base = 0u32;
        for (i, segment) in self.segments.iter().enumerate() {
            if position < base.saturating_add(segment.articles) {
                return Some((i, position - base));
            }
            base = base.saturating_add(segment.articles);
        }
        None
    }

    /// The segment an article dated `date` belongs to.
    pub fn segment_for(&self, date: Option<Date>) -> Option<usize> {
        self.segments.iter().position(|s| s.holds(date))
    }

    /// The card shard (of its segment) holding a segment's position.
    pub fn card_shard_of(&self, position: u32) -> u32 {
        position / self.cards_per_shard.max(1)
    }
}

#[cfg(test)]
mod tests;
