//! The bundle format: the only place where serialized types are defined.
//!
//! A bundle is a folder:
//! - `manifest.json` — the entry point (fixed name, fetched first): format name
//!   and version, build id, site info, the taxonomy, and references to shards;
//! - `catalog.<hash>.json` — listing metadata of every article ([`Catalog`]);
//! - `bodies/<n>.<hash>.json` — sanitized article bodies, many per shard
//!   ([`BodyShard`]).
//!
//! - `search/…` — the search index ([`SearchIndex`] and the files it names).
//!
//! Shard names carry a hash of their content, so a static host can cache them
//! forever and the reader can check that what arrived is what was built.

use std::fmt;

use serde::{de::DeserializeOwned, Deserialize, Serialize};

mod search;

pub use search::{
    pair_shard_path, PairShard, PostingsShard, SearchIndex, TermChunk, TermChunkRef, TermInfo,
};

use crate::{Entry, Source, Taxonomy};

/// Every Broadsheet bundle file says it is one with this name...
pub const FORMAT_NAME: &str = "broadsheet-bundle";
/// ...and this version. Readers accept exactly this major version.
pub const FORMAT_VERSION: u32 = 2;

/// Site-wide facts the reader shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Site {
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Default BCP 47 language of the site.
    pub language: String,
}

/// A reference from the manifest to another file of the bundle.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ShardRef {
    /// Path relative to the manifest's folder.
    pub path: String,
    /// [`content_hash`] of the file's bytes.
    pub hash: String,
    /// Size of the file in bytes.
    pub bytes: u64,
}

impl ShardRef {
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

/// The bundle's entry point.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    /// Hash over every shard: changes whenever any content changes.
    pub build_id: String,
    pub site: Site,
    /// Number of articles in the catalog.
    pub articles: u32,
    pub taxonomy: Taxonomy,
    pub catalog: ShardRef,
    pub bodies: Vec<ShardRef>,
    /// The root of the search index ([`SearchIndex`]).
    pub search: ShardRef,
}

/// Listing metadata of every article, newest first, undated last.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalog {
    pub format: String,
    pub version: u32,
    pub articles: Vec<Entry>,
}

/// One article's body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Body {
    /// The [`Entry::id`] this body belongs to.
    pub id: String,
    /// Sanitized HTML: safe to insert into the page as it is.
    pub html: String,
    pub source: Source,
}

/// A group of article bodies fetched together.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodyShard {
    pub format: String,
    pub version: u32,
    pub bodies: Vec<Body>,
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
    Catalog,
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
        Ok(manifest)
    }
}

impl Catalog {
    /// Sets each entry's [`Entry::year`] from its date.
    pub fn link_years(&mut self, taxonomy: &Taxonomy) {
        for entry in &mut self.articles {
            entry.year = entry
                .date
                .and_then(|d| taxonomy.find(crate::Facet::Year, &d.year().to_string()));
        }
    }

    /// Positions of entries that refer to terms or shards the manifest does
    /// not have. The reader leaves them out, so one damaged entry cannot take
    /// the list down; positions stay stable because the search index uses them.
    pub fn inconsistent(&self, manifest: &Manifest) -> Vec<u32> {
        let tax = &manifest.taxonomy;
        let shards = manifest.bodies.len();
        let consistent = |e: &Entry| {
            crate::Facet::ALL.into_iter().all(|facet| {
                let len = tax.terms(facet).len();
                e.terms(facet).iter().all(|&i| (i as usize) < len)
            }) && (e.shard as usize) < shards
        };
        (0u32..)
            .zip(&self.articles)
            .filter(|(_, e)| !consistent(e))
            .map(|(i, _)| i)
            .collect()
    }

    /// Position of the article with this slug.
    pub fn position_of_slug(&self, slug: &str) -> Option<usize> {
        self.articles.iter().position(|e| e.slug == slug)
    }
}

impl BodyShard {
    pub fn body(&self, id: &str) -> Option<&Body> {
        self.bodies.iter().find(|b| b.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog_json(format: &str, version: &str) -> Vec<u8> {
        format!(r#"{{"format":{format},"version":{version},"articles":[]}}"#).into_bytes()
    }

    #[test]
    fn decode_names_what_is_wrong() {
        let cases: Vec<(Vec<u8>, Result<(), DecodeError>)> = vec![
            (
                catalog_json("\"broadsheet-bundle\"", &FORMAT_VERSION.to_string()),
                Ok(()),
            ),
            (
                b"<!doctype html><p>Not found".to_vec(),
                Err(DecodeError::NotJson {
                    detail: "expected value at line 1 column 1".into(),
                }),
            ),
            (
                catalog_json("\"pagefind\"", "1"),
                Err(DecodeError::ForeignFormat {
                    found: Some("pagefind".into()),
                }),
            ),
            (
                br#"{"articles":[]}"#.to_vec(),
                Err(DecodeError::ForeignFormat { found: None }),
            ),
            (
                catalog_json("\"broadsheet-bundle\"", "7"),
                Err(DecodeError::UnsupportedVersion { found: 7 }),
            ),
            (
                format!(r#"{{"format":"broadsheet-bundle","version":{FORMAT_VERSION}}}"#)
                    .into_bytes(),
                Err(DecodeError::Invalid {
                    detail: "missing field `articles` at line 1 column 42".into(),
                }),
            ),
        ];
        for (bytes, want) in cases {
            let got = Catalog::from_json(&bytes).map(|_| ());
            assert_eq!(got, want, "{}", String::from_utf8_lossy(&bytes));
        }
    }

    #[test]
    fn truncated_file_is_reported_as_not_json() {
        let bytes = catalog_json("\"broadsheet-bundle\"", &FORMAT_VERSION.to_string());
        let err = Catalog::from_json(&bytes[..bytes.len() - 3]).unwrap_err();
        assert!(matches!(err, DecodeError::NotJson { .. }), "{err:?}");
        assert!(err.to_string().contains("not valid JSON"));
    }

    #[test]
    fn shard_ref_verifies_content() {
        let r = ShardRef::describe("bodies/0.x.json".into(), b"hello");
        assert_eq!(r.bytes, 5);
        assert_eq!(r.hash.len(), 16);
        assert!(r.verify(b"hello").is_ok());
        let err = r.verify(b"hellO").unwrap_err();
        assert!(err.to_string().contains("bodies/0.x.json"), "{err}");
    }
}
