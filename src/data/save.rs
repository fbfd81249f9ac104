//! Saving the whole archive on this device: every bundle file is fetched
//! once, through the service worker, which keeps what it fetches. The list
//! of files comes from broadsheet-core (the manifest, the segment tables
//! and the search index name them all; a builder test checks none is
//! missing).

use std::sync::Arc;

use broadsheet_core::{ShardRef, TermChunk};
use futures::stream::{self, StreamExt};
use leptos::prelude::*;

use super::fetch::fetch_shard;
use super::{Archive, LoadError};

/// Files fetched at once: enough to fill a slow link, few enough not to
/// starve the page's own requests.
const AT_ONCE: usize = 6;

/// How far a save has come, in bytes (`total` is the manifest's estimate).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SaveProgress {
    pub done: u64,
    pub total: u64,
}

impl Archive {
    /// Fetches every file of the bundle, reporting progress to `progress`.
    /// Files already saved come back from the cache at once.
    pub async fn save_everything(
        self: Arc<Self>,
        progress: RwSignal<SaveProgress>,
    ) -> Result<(), LoadError> {
        let total = self.manifest.bytes.max(1);
        progress.set(SaveProgress { done: 0, total });
        let mut tables = Vec::with_capacity(self.manifest.segments.len());
        for segment in 0..self.manifest.segments.len() {
            tables.push(self.table(segment).await?);
        }
        let roots = self.search_roots().await?;
        let mut done = 0u64;
        // Word chunks first: they name the postings files.
        let chunks: Vec<ShardRef> = roots
            .iter()
            .flat_map(|root| root.terms.iter().map(|chunk| chunk.file.clone()))
            .collect();
        let mut postings = Vec::new();
        for chunk in &chunks {
            let (_, bytes) = fetch_shard(chunk).await?;
            done += bytes.len() as u64;
            let decoded = TermChunk::from_json(&bytes).map_err(|error| LoadError::Decode {
                url: crate::paths::bundle_file(&chunk.path),
                error,
            })?;
            postings.extend(decoded.postings);
            progress.set(SaveProgress { done, total });
        }
        let rest: Vec<ShardRef> = self
            .manifest
            .first_screen()
            .into_iter()
            .cloned()
            .chain(self.manifest.slugs.iter())
            .chain(tables.iter().flat_map(|t| t.segment.shards()))
            .chain(roots.iter().flat_map(|root| root.pairs.iter()))
            .chain(postings)
            .collect();
        let mut fetches = stream::iter(
            rest.into_iter()
                .map(|shard| async move { fetch_shard(&shard).await }),
        )
        .buffer_unordered(AT_ONCE);
        while let Some(fetched) = fetches.next().await {
            let (_, bytes) = fetched?;
            done += bytes.len() as u64;
            progress.set(SaveProgress {
                done: done.min(total),
                total,
            });
        }
        progress.set(SaveProgress { done: total, total });
        Ok(())
    }
}
