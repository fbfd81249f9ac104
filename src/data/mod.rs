//! Loading the bundle: the one place the reader talks to the network. Bytes
//! are decoded with broadsheet-core's types, so the reader and the builder
//! cannot disagree about the format.
//!
//! The first screen needs the manifest and the first card shard only; the
//! facet data (for filtering) and the shard table follow in the background;
//! card, body and search files are fetched when a page needs them, once.

mod fetch;
mod save;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use broadsheet_core::search::{search, Hits, IndexCache, Step, TextQuery};
use broadsheet_core::{
    slug_bucket, BodyShard, CardShard, DecodeError, Entry, FacetData, FacetIndex, Manifest,
    SearchIndex, SlugShard, Tables,
};
use leptos::prelude::*;

pub use fetch::LoadError;
use fetch::{damaged_index, fetch_bytes, fetch_decoded, fetch_shard, sleep, MANIFEST_LIMIT};
pub use save::SaveProgress;

use crate::paths;

/// The loaded archive, shared by every page.
pub struct Archive {
    pub manifest: Manifest,
    /// The facet data arranged for filtering: `None` until it has arrived.
    pub facets: RwSignal<Option<Result<Arc<FacetIndex>, LoadError>>>,
    /// Card shards fetched so far, by shard index; `cards_changed` ticks
    /// when one arrives or fails.
    cards: StoredValue<HashMap<u32, Result<Arc<CardShard>, LoadError>>>,
    cards_pending: StoredValue<HashSet<u32>>,
    pub cards_changed: RwSignal<u32>,
    tables: StoredValue<Option<Arc<Tables>>>,
    /// Body shards already fetched, by shard index.
    bodies: StoredValue<HashMap<u32, Arc<BodyShard>>>,
    /// The search index root (fetched at the first search) and the index
    /// files fetched since.
    search: StoredValue<(Option<Arc<SearchIndex>>, IndexCache)>,
}

/// What a list page can show for a position.
#[derive(Clone, Debug, PartialEq)]
pub enum Card {
    Ready(Entry),
    Loading,
    Failed(LoadError),
}

/// Resolves in a later task of the event loop (after the browser has had a
/// chance to paint and handle input).
async fn next_task() {
    sleep(0).await;
}

/// Loads the manifest, then the first card shard it names.
pub async fn load_archive() -> Result<Arc<Archive>, LoadError> {
    let url = paths::bundle_file("manifest.json");
    let bytes = fetch_bytes(&url, MANIFEST_LIMIT).await?;
    let manifest = Manifest::decode(&bytes).map_err(|error| LoadError::Decode { url, error })?;
    let head = fetch_decoded(&manifest.head, CardShard::from_json).await?;
    Ok(Arc::new(Archive {
        manifest,
        facets: RwSignal::new(None),
        cards: StoredValue::new(HashMap::from([(0, Ok(Arc::new(head)))])),
        cards_pending: StoredValue::new(HashSet::new()),
        cards_changed: RwSignal::new(0),
        tables: StoredValue::new(None),
        bodies: StoredValue::new(HashMap::new()),
        search: StoredValue::new((None, IndexCache::new())),
    }))
}

impl Archive {
    /// Fetches what filtering needs, once the first screen is up. Decoding
    /// is split into steps with a return to the event loop between them,
    /// so the page stays responsive while a large archive's data arrives.
    pub async fn load_facets(self: Arc<Self>) {
        next_task().await;
        let data = fetch_decoded(&self.manifest.facets, FacetData::from_json).await;
        next_task().await;
        let loaded = data.and_then(|data| {
            FacetIndex::from_data(&data, &self.manifest.taxonomy).map_err(|error| {
                LoadError::Decode {
                    url: paths::bundle_file(&self.manifest.facets.path),
                    error,
                }
            })
        });
        next_task().await;
        self.facets.set(Some(loaded.map(Arc::new)));
        // The table is small and every next step needs it.
        let _ = self.tables().await;
    }

    /// The shard table, fetched once.
    async fn tables(&self) -> Result<Arc<Tables>, LoadError> {
        if let Some(tables) = self.tables.get_value() {
            return Ok(tables);
        }
        let tables = Arc::new(fetch_decoded(&self.manifest.tables, Tables::from_json).await?);
        self.tables.set_value(Some(tables.clone()));
        Ok(tables)
    }

    /// The card for each position, as far as it has arrived (reactive: reads
    /// [`Archive::cards_changed`]).
    pub fn cards(&self, positions: &[u32]) -> Vec<(u32, Card)> {
        self.cards_changed.track();
        self.cards.with_value(|cards| {
            positions
                .iter()
                .map(|&p| {
                    let card = match cards.get(&self.manifest.card_shard_of(p)) {
                        None => Card::Loading,
                        Some(Err(e)) => Card::Failed(e.clone()),
                        Some(Ok(shard)) => shard
                            .card(p)
                            .cloned()
                            .map_or_else(|| Card::Failed(self.damaged_cards()), Card::Ready),
                    };
                    (p, card)
                })
                .collect()
        })
    }

    /// Fetches the card shards holding `positions` that are not here yet.
    pub async fn fetch_cards(self: Arc<Self>, positions: Vec<u32>) {
        let wanted: Vec<u32> = {
            let mut shards: Vec<u32> = positions
                .iter()
                .map(|&p| self.manifest.card_shard_of(p))
                .collect();
            shards.sort_unstable();
            shards.dedup();
            shards
                .into_iter()
                .filter(|s| {
                    !self.cards.with_value(|c| c.contains_key(s))
                        && self.cards_pending.try_update_value(|p| p.insert(*s)) == Some(true)
                })
                .collect()
        };
        if wanted.is_empty() {
            return;
        }
        let tables = self.tables().await;
        let this = &self;
        let fetched = futures::future::join_all(wanted.iter().map(|&i| {
            let tables = tables.clone();
            async move {
                let tables = tables?;
                let shard = tables
                    .cards
                    .get(i as usize)
                    .ok_or_else(|| this.damaged_cards())?;
                fetch_decoded(&shard, CardShard::from_json).await
            }
        }))
        .await;
        for (i, result) in wanted.into_iter().zip(fetched) {
            self.cards_pending.update_value(|p| _ = p.remove(&i));
            self.cards
                .update_value(|c| _ = c.insert(i, result.map(Arc::new)));
        }
        self.cards_changed.update(|n| *n += 1);
    }

    fn damaged_cards(&self) -> LoadError {
        LoadError::Decode {
            url: paths::bundle_file(&self.manifest.tables.path),
            error: DecodeError::Invalid {
                detail: "the list refers to cards the archive does not have".into(),
            },
        }
    }

    /// The article with this slug, and its position: from the cards already
    /// here, or through the slug's bucket. `Ok(None)`: no such article.
    pub async fn find_slug(
        self: Arc<Self>,
        slug: String,
    ) -> Result<Option<(u32, Entry)>, LoadError> {
        let cached = self.cards.with_value(|cards| {
            cards.values().flatten().find_map(|shard| {
                (0u32..)
                    .zip(&shard.cards)
                    .find(|(_, e)| e.slug == slug)
                    .map(|(i, e)| (shard.first + i, e.clone()))
            })
        });
        if cached.is_some() {
            return Ok(cached);
        }
        let tables = self.tables().await?;
        let bucket = slug_bucket(&slug, tables.slugs.len());
        let Some(shard) = tables.slugs.get(bucket) else {
            return Ok(None);
        };
        let Some(position) = fetch_decoded(&shard, SlugShard::from_json)
            .await?
            .position(&slug)
        else {
            return Ok(None);
        };
        self.clone().fetch_cards(vec![position]).await;
        match self.cards(&[position]).pop() {
            Some((_, Card::Ready(entry))) => Ok(Some((position, entry))),
            Some((_, Card::Failed(error))) => Err(error),
            _ => Err(self.damaged_cards()),
        }
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
                fetch_shard(&shard).await
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
        let root = Arc::new(fetch_decoded(&self.manifest.search, SearchIndex::from_json).await?);
        self.search
            .update_value(|(slot, _)| *slot = Some(root.clone()));
        Ok(root)
    }

    /// The body shard with this index, fetched once and then kept.
    pub async fn body_shard(&self, index: u32) -> Result<Arc<BodyShard>, LoadError> {
        if let Some(shard) = self.bodies.with_value(|m| m.get(&index).cloned()) {
            return Ok(shard);
        }
        let tables = self.tables().await?;
        let Some(shard_ref) = tables.bodies.get(index as usize) else {
            return Err(LoadError::Decode {
                url: paths::bundle_file(&self.manifest.tables.path),
                error: DecodeError::Invalid {
                    detail: format!("no body shard {index}"),
                },
            });
        };
        let shard = Arc::new(fetch_decoded(&shard_ref, BodyShard::from_json).await?);
        self.bodies
            .update_value(|m| _ = m.insert(index, shard.clone()));
        Ok(shard)
    }
}
