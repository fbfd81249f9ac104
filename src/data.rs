//! Loading the bundle: the one place the reader talks to the network. Bytes
//! are decoded with broadsheet-core's types, so the reader and the builder
//! cannot disagree about the format.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use broadsheet_core::search::{search, Hits, IndexCache, Step, TextQuery};
use broadsheet_core::{
    BodyShard, Catalog, DecodeError, FacetIndex, Manifest, SearchIndex, ShardRef,
};
use leptos::prelude::*;

use crate::paths;

/// The loaded archive: manifest and catalog, shared by every page.
pub struct Archive {
    pub manifest: Manifest,
    pub catalog: Catalog,
    /// Catalog positions left out because they did not fit the manifest.
    pub hidden: Vec<u32>,
    /// The catalog's facets, arranged for filtering and counting.
    pub facets: FacetIndex,
    /// Body shards already fetched, by shard index.
    bodies: StoredValue<HashMap<u32, Arc<BodyShard>>>,
    /// The search index root (fetched at the first search) and the index
    /// files fetched since.
    search: StoredValue<(Option<Arc<SearchIndex>>, IndexCache)>,
}

/// Why a bundle file could not be loaded, specific enough to act on.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// The request failed: offline, blocked, or the server went away.
    Network { url: String, detail: String },
    /// The server answered with an error status (404, 500, …).
    Status { url: String, status: u16 },
    /// The file arrived but is not a usable Broadsheet bundle file.
    Decode { url: String, error: DecodeError },
}

impl LoadError {
    /// A short headline for the error page.
    pub fn headline(&self) -> &'static str {
        match self {
            LoadError::Network { .. } => "The archive could not be reached",
            LoadError::Status { status: 404, .. } => "The archive was not found",
            LoadError::Status { .. } => "The server refused the archive",
            LoadError::Decode {
                error: DecodeError::UnsupportedVersion { .. },
                ..
            } => "This archive needs a different version of the reader",
            LoadError::Decode {
                error: DecodeError::ForeignFormat { .. },
                ..
            } => "This is not a Broadsheet archive",
            LoadError::Decode { .. } => "The archive is damaged",
        }
    }

    /// Would trying again plausibly help?
    pub fn retryable(&self) -> bool {
        matches!(
            self,
            LoadError::Network { .. }
                | LoadError::Status { .. }
                | LoadError::Decode {
                    error: DecodeError::NotJson { .. } | DecodeError::HashMismatch { .. },
                    ..
                }
        )
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Network { url, detail } => {
                write!(f, "Could not fetch {url}: {detail}")
            }
            LoadError::Status { url, status } => {
                write!(f, "{url} answered HTTP {status}")
            }
            LoadError::Decode { url, error } => write!(f, "{url}: {error}"),
        }
    }
}

fn damaged_index(path: &str) -> LoadError {
    LoadError::Decode {
        url: paths::bundle_file(path),
        error: DecodeError::Invalid {
            detail: "the search index refers to files it does not list".into(),
        },
    }
}

async fn fetch_bytes(url: &str) -> Result<Vec<u8>, LoadError> {
    let response = gloo_net::http::Request::get(url)
        .send()
        .await
        .map_err(|e| LoadError::Network {
            url: url.to_string(),
            detail: e.to_string(),
        })?;
    if !response.ok() {
        return Err(LoadError::Status {
            url: url.to_string(),
            status: response.status(),
        });
    }
    // Bytes, not text: half the memory, and no size cliff on large files.
    response.binary().await.map_err(|e| LoadError::Network {
        url: url.to_string(),
        detail: e.to_string(),
    })
}

/// Fetches a shard and checks it is the one the manifest names.
async fn fetch_shard(shard: &ShardRef) -> Result<(String, Vec<u8>), LoadError> {
    let url = paths::bundle_file(&shard.path);
    let bytes = fetch_bytes(&url).await?;
    shard.verify(&bytes).map_err(|error| LoadError::Decode {
        url: url.clone(),
        error,
    })?;
    Ok((url, bytes))
}

/// Loads the manifest, then the catalog it names.
pub async fn load_archive() -> Result<Arc<Archive>, LoadError> {
    let url = paths::bundle_file("manifest.json");
    let bytes = fetch_bytes(&url).await?;
    let manifest = Manifest::decode(&bytes).map_err(|error| LoadError::Decode { url, error })?;
    let (url, bytes) = fetch_shard(&manifest.catalog).await?;
    let mut catalog =
        Catalog::from_json(&bytes).map_err(|error| LoadError::Decode { url, error })?;
    catalog.link_years(&manifest.taxonomy);
    let hidden = catalog.inconsistent(&manifest);
    if !hidden.is_empty() {
        leptos::logging::warn!(
            "{} catalog entries did not fit the manifest and were left out",
            hidden.len()
        );
    }
    let facets = FacetIndex::build(&catalog, &manifest.taxonomy, &hidden);
    Ok(Arc::new(Archive {
        manifest,
        catalog,
        hidden,
        facets,
        bodies: StoredValue::new(HashMap::new()),
        search: StoredValue::new((None, IndexCache::new())),
    }))
}

impl Archive {
    /// Is this catalog position one the reader may show?
    pub fn is_shown(&self, position: usize) -> bool {
        position < self.catalog.articles.len() && !self.hidden.contains(&(position as u32))
    }

    /// Runs a search, fetching the index files it needs (all of a round at
    /// once) and keeping them for the next query.
    pub async fn search(&self, query: &TextQuery) -> Result<Arc<Hits>, LoadError> {
        let index = self.search_root().await?;
        for _ in 0..4 {
            let step = self
                .search
                .with_value(|(_, cache)| search(&index, query, cache));
            let step = step.map_err(|_| damaged_index(&self.manifest.search.path))?;
            let files = match step {
                Step::Done(hits) => return Ok(Arc::new(hits)),
                Step::Need(files) => files,
            };
            let fetched = futures::future::join_all(files.iter().map(|file| async {
                let shard = file
                    .shard(&index)
                    .ok_or_else(|| damaged_index(&self.manifest.search.path))?;
                let url = paths::bundle_file(&shard.path);
                fetch_bytes(&url).await.map(|bytes| (url, bytes))
            }))
            .await;
            for (file, result) in files.iter().zip(fetched) {
                let (url, bytes) = result?;
                self.search
                    .try_update_value(|(_, cache)| cache.insert(&index, file, &bytes))
                    .unwrap_or(Ok(()))
                    .map_err(|error| LoadError::Decode { url, error })?;
            }
        }
        Err(damaged_index(&self.manifest.search.path))
    }

    async fn search_root(&self) -> Result<Arc<SearchIndex>, LoadError> {
        if let Some(root) = self.search.with_value(|(root, _)| root.clone()) {
            return Ok(root);
        }
        let (url, bytes) = fetch_shard(&self.manifest.search).await?;
        let root = Arc::new(
            SearchIndex::from_json(&bytes).map_err(|error| LoadError::Decode { url, error })?,
        );
        self.search
            .update_value(|(slot, _)| *slot = Some(root.clone()));
        Ok(root)
    }

    /// The body shard with this index, fetched once and then kept.
    pub async fn body_shard(&self, index: u32) -> Result<Arc<BodyShard>, LoadError> {
        if let Some(shard) = self.bodies.with_value(|m| m.get(&index).cloned()) {
            return Ok(shard);
        }
        let Some(shard_ref) = self.manifest.bodies.get(index as usize) else {
            return Err(LoadError::Decode {
                url: paths::bundle_file("manifest.json"),
                error: DecodeError::Invalid {
                    detail: format!("no body shard {index}"),
                },
            });
        };
        let (url, bytes) = fetch_shard(shard_ref).await?;
        let shard = Arc::new(
            BodyShard::from_json(&bytes).map_err(|error| LoadError::Decode { url, error })?,
        );
        self.bodies
            .update_value(|m| _ = m.insert(index, shard.clone()));
        Ok(shard)
    }
}
