//! Loading the bundle: the one place the reader talks to the network. Bytes
//! are decoded with broadsheet-core's types, so the reader and the builder
//! cannot disagree about the format.
//!
//! The first screen needs the manifest and the head cards only. Every
//! segment's table and facet data (filtering needs them all; at 100,000
//! articles they weigh hundreds of kilobytes) are fetched at their first
//! need — a filter in the address, a search once its results are in, a
//! hand on the filters or the search box — or ahead, in idle time, where
//! the connection is unmetered
//! ([`Archive::want_facets`]); card, body and search files are fetched
//! when a page needs them, once. A segment's cards and bodies index its own
//! dictionary: they are turned into the manifest's ([`Remap`]) as they
//! arrive, so the pages only ever see the archive's.

mod fetch;
mod keep;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use broadsheet_core::search::{Hits, IndexCache, Part, Step, TextQuery};
use broadsheet_core::{
    slug_bucket, BodyShard, CardShard, DecodeError, Entry, FacetData, FacetIndex, Link, Manifest,
    Remap, SearchIndex, Segment, SlugShard,
};
use leptos::prelude::*;

use fetch::{damaged_index, fetch_bytes, fetch_content, fetch_decoded, MANIFEST_LIMIT};
pub use fetch::{go_quiet, sleep, LoadError};
pub use keep::{download, plan, save, tidy, Kept, SaveProgress};

use crate::paths;
use crate::split;

/// A segment's card or body shard: (segment, shard).
type ShardKey = (usize, u32);

/// Every segment's search root once fetched, and one cache of index files
/// per segment.
type SearchState = (Option<Arc<Vec<SearchIndex>>>, Vec<IndexCache>);

/// A segment's table, and how its dictionary maps to the manifest's.
struct Table {
    segment: Segment,
    remap: Remap,
}

/// The loaded archive, shared by every page.
pub struct Archive {
    pub manifest: Manifest,
    /// The position of each segment's first article.
    bases: Vec<u32>,
    /// The list's first cards, in the manifest's dictionary.
    head: Arc<CardShard>,
    /// The facet data arranged for filtering: `None` until it has arrived.
    pub facets: RwSignal<Option<Result<Arc<FacetIndex>, LoadError>>>,
    /// Has the facet data been asked for?
    facets_wanted: StoredValue<bool>,
    /// Card shards fetched so far; `cards_changed` ticks when one arrives
    /// or fails.
    cards: StoredValue<HashMap<ShardKey, Result<Arc<CardShard>, LoadError>>>,
    cards_pending: StoredValue<HashSet<ShardKey>>,
    pub cards_changed: RwSignal<u32>,
    /// Segment tables fetched so far, by segment.
    tables: StoredValue<HashMap<usize, Arc<Table>>>,
    /// Body shards already fetched.
    bodies: StoredValue<HashMap<ShardKey, Arc<BodyShard>>>,
    /// Every segment's search index root (fetched at the first search) and
    /// the index files fetched since, one cache per segment.
    search: StoredValue<SearchState>,
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

/// Loads the manifest, then the head cards it names.
pub async fn load_archive() -> Result<Arc<Archive>, LoadError> {
    let url = paths::bundle_file("manifest.json");
    let bytes = fetch_bytes(&url, MANIFEST_LIMIT).await?;
    let mut manifest =
        Manifest::decode(&bytes).map_err(|error| LoadError::Decode { url, error })?;
    // Sections, regions and countries by the names the site gave them in
    // the interface language, everywhere they are shown.
    manifest.taxonomy.translate(crate::words::lang());
    let head = fetch_decoded(&manifest.head, CardShard::from_json).await?;
    Ok(Arc::new(Archive {
        bases: manifest.bases(),
        manifest,
        head: Arc::new(head),
        facets: RwSignal::new(None),
        facets_wanted: StoredValue::new(false),
        cards: StoredValue::new(HashMap::new()),
        cards_pending: StoredValue::new(HashSet::new()),
        cards_changed: RwSignal::new(0),
        tables: StoredValue::new(HashMap::new()),
        bodies: StoredValue::new(HashMap::new()),
        search: StoredValue::new((None, Vec::new())),
    }))
}

impl Archive {
    /// Starts fetching what filtering needs, the first time it is asked
    /// for (later calls do nothing).
    pub fn want_facets(self: &Arc<Self>) {
        if self
            .facets_wanted
            .try_update_value(|wanted| std::mem::replace(wanted, true))
            == Some(false)
        {
            leptos::task::spawn_local(self.clone().load_facets());
        }
    }

    /// The search's code and every segment's index root, fetched at once
    /// if they are not here yet.
    pub async fn prepare_search(&self) -> Result<(), LoadError> {
        self.search_roots().await.map(|_| ())
    }

    /// Fetches the search index's roots ahead of a search about to be
    /// typed (errors are the search's to report).
    pub fn warm_search(self: &Arc<Self>) {
        let this = self.clone();
        leptos::task::spawn_local(async move {
            let _ = this.search_roots().await;
        });
    }

    /// Fetches what filtering needs (see [`Archive::want_facets`]): every
    /// segment's table and facet data, all at once. Decoding is split into
    /// steps with a return to the event loop between them, so the page
    /// stays responsive while a large archive's data arrives.
    async fn load_facets(self: Arc<Self>) {
        next_task().await;
        let this = &self;
        // Filtering's own code (it decodes the data) and the data, at once.
        let (code, parts) = futures::join!(
            split::load_facets(),
            futures::future::join_all(this.manifest.segments.iter().enumerate().map(
                |(i, reference)| async move {
                    let table = this.table(i).await?;
                    let (url, bytes) = fetch_content(&reference.facets).await?;
                    Ok::<_, LoadError>((url, bytes, table))
                },
            ))
        );
        if code.is_err() {
            self.facets.set(Some(Err(code_unavailable("filtering"))));
            return;
        }
        let parts = parts.into_iter().map(|part| {
            let (url, bytes, table) = part?;
            let data =
                decode_facet_data(&bytes).map_err(|error| LoadError::Decode { url, error })?;
            Ok::<_, LoadError>((data, table))
        });
        let parts: Vec<_> = parts.collect();
        next_task().await;
        let loaded = parts
            .into_iter()
            .collect::<Result<Vec<_>, _>>()
            .and_then(|parts| {
                let parts: Vec<(&FacetData, &Remap)> = parts
                    .iter()
                    .map(|(data, table)| (data, &table.remap))
                    .collect();
                split::ready(split::facet_index(&parts, &self.manifest.taxonomy))
                    .unwrap_or_else(|| Err(not_loaded("filtering")))
                    .map_err(|error| LoadError::Decode {
                        url: paths::bundle_file("manifest.json"),
                        error,
                    })
            });
        next_task().await;
        self.facets.set(Some(loaded.map(Arc::new)));
    }

    /// A segment's table, fetched once.
    async fn table(&self, segment: usize) -> Result<Arc<Table>, LoadError> {
        if let Some(table) = self.tables.with_value(|t| t.get(&segment).cloned()) {
            return Ok(table);
        }
        let reference = self.manifest.segments.get(segment).ok_or_else(|| {
            self.damaged("the list refers to a segment the archive does not have")
        })?;
        let segment_table = fetch_decoded(&reference.table, Segment::from_json).await?;
        let table = Arc::new(Table {
            remap: Remap::new(&segment_table.dictionary, &self.manifest.taxonomy),
            segment: segment_table,
        });
        self.tables
            .update_value(|t| _ = t.insert(segment, table.clone()));
        Ok(table)
    }

    /// Where list position `p` is stored, unless the head holds it.
    fn shard_of(&self, p: u32) -> Option<(ShardKey, u32)> {
        let (segment, local) = self.manifest.locate(p)?;
        Some(((segment, self.manifest.card_shard_of(local)), local))
    }

    /// The card for each position, as far as it has arrived (reactive: reads
    /// [`Archive::cards_changed`]).
    pub fn cards(&self, positions: &[u32]) -> Vec<(u32, Card)> {
        self.cards_changed.track();
        self.cards.with_value(|cards| {
            positions
                .iter()
                .map(|&p| {
                    if let Some(entry) = self.head.card(p) {
                        return (p, Card::Ready(entry.clone()));
                    }
                    let card = match self.shard_of(p) {
                        None => Card::Failed(self.damaged_cards()),
                        Some((key, local)) => match cards.get(&key) {
                            None => Card::Loading,
                            Some(Err(e)) => Card::Failed(e.clone()),
                            Some(Ok(shard)) => shard
                                .card(local)
                                .cloned()
                                .map_or_else(|| Card::Failed(self.damaged_cards()), Card::Ready),
                        },
                    };
                    (p, card)
                })
                .collect()
        })
    }

    /// Fetches the card shards holding `positions` that are not here yet.
    pub async fn fetch_cards(self: Arc<Self>, positions: Vec<u32>) {
        let wanted: Vec<ShardKey> = {
            let mut keys: Vec<ShardKey> = positions
                .iter()
                .filter(|&&p| self.head.card(p).is_none())
                .filter_map(|&p| self.shard_of(p).map(|(key, _)| key))
                .collect();
            keys.sort_unstable();
            keys.dedup();
            keys.into_iter()
                .filter(|k| {
                    !self.cards.with_value(|c| c.contains_key(k))
                        && self.cards_pending.try_update_value(|p| p.insert(*k)) == Some(true)
                })
                .collect()
        };
        if wanted.is_empty() {
            return;
        }
        let this = &self;
        let fetched = futures::future::join_all(wanted.iter().map(|&(segment, i)| async move {
            let table = this.table(segment).await?;
            let shard = table
                .segment
                .cards
                .get(i as usize)
                .ok_or_else(|| this.damaged_cards())?;
            let mut cards = fetch_decoded(&shard, CardShard::from_json).await?;
            for entry in &mut cards.cards {
                table.remap.entry(entry);
            }
            Ok(cards)
        }))
        .await;
        for (key, result) in wanted.into_iter().zip(fetched) {
            self.cards_pending.update_value(|p| _ = p.remove(&key));
            self.cards
                .update_value(|c| _ = c.insert(key, result.map(Arc::new)));
        }
        self.cards_changed.update(|n| *n += 1);
    }

    fn damaged(&self, detail: &str) -> LoadError {
        LoadError::Decode {
            url: paths::bundle_file("manifest.json"),
            error: DecodeError::Invalid {
                detail: detail.into(),
            },
        }
    }

    fn damaged_cards(&self) -> LoadError {
        self.damaged("the list refers to cards the archive does not have")
    }

    /// The article with this slug, and its position: from the cards already
    /// here, or through the slug's bucket (which gives its date, and so its
    /// segment). `Ok(None)`: no such article.
    pub async fn find_slug(
        self: Arc<Self>,
        slug: String,
    ) -> Result<Option<(u32, Entry)>, LoadError> {
        let in_head = (0u32..)
            .zip(&self.head.cards)
            .find(|(_, e)| e.slug == slug)
            .map(|(p, e)| (p, e.clone()));
        let cached = in_head.or_else(|| {
            self.cards.with_value(|cards| {
                cards.iter().find_map(|(&(segment, _), shard)| {
                    let shard = shard.as_ref().ok()?;
                    let base = self.bases.get(segment)? + shard.first;
                    (0u32..)
                        .zip(&shard.cards)
                        .find(|(_, e)| e.slug == slug)
                        .map(|(i, e)| (base + i, e.clone()))
                })
            })
        });
        if cached.is_some() {
            return Ok(cached);
        }
        let buckets = &self.manifest.slugs;
        let Some(shard) = buckets.get(slug_bucket(&slug, buckets.len())) else {
            return Ok(None);
        };
        let Some(date) = fetch_decoded(&shard, SlugShard::from_json)
            .await?
            .position(&slug)
        else {
            return Ok(None);
        };
        let Some(position) = self.position_of(&Link(date, slug)).await? else {
            return Ok(None);
        };
        self.clone().fetch_cards(vec![position]).await;
        // Untracked: a resource tracks what its future reads, and this
        // answer must not be asked again (the page built again) each time
        // another card shard arrives.
        match untrack(|| self.cards(&[position])).pop() {
            Some((_, Card::Ready(entry))) => Ok(Some((position, entry))),
            Some((_, Card::Failed(error))) => Err(error),
            _ => Err(self.damaged_cards()),
        }
    }

    /// The list position of a linked article, through its segment's slug
    /// bucket. `Ok(None)`: no such article.
    pub async fn position_of(&self, link: &Link) -> Result<Option<u32>, LoadError> {
        let Some(segment) = self.manifest.segment_for(link.date()) else {
            return Ok(None);
        };
        let table = self.table(segment).await?;
        let slugs = &table.segment.slugs;
        let Some(shard) = slugs.get(slug_bucket(link.slug(), slugs.len())) else {
            return Ok(None);
        };
        let local = fetch_decoded(&shard, SlugShard::from_json)
            .await?
            .position(link.slug());
        Ok(local.and_then(|l| Some(self.bases.get(segment)? + l)))
    }

    /// Runs a search over every segment's index, fetching the files it
    /// needs (all of a round at once) and keeping them for the next query.
    pub async fn search(&self, query: &TextQuery) -> Result<Arc<Hits>, LoadError> {
        let roots = self.search_roots().await?;
        let first_root = self
            .manifest
            .segments
            .first()
            .map(|s| s.search.path.as_str());
        let damaged = || damaged_index(first_root.unwrap_or("manifest.json"));
        for _ in 0..4 {
            let step = self.search.with_value(|(_, caches)| {
                let parts: Vec<Part<'_, IndexCache>> = roots
                    .iter()
                    .zip(&self.bases)
                    .zip(caches)
                    .map(|((index, &base), files)| Part { index, base, files })
                    .collect();
                split::ready(split::search_step(&parts, query))
            });
            let step = step.ok_or_else(|| code_unavailable("search"))?;
            let files = match step.map_err(|_| damaged())? {
                Step::Done(hits) => return Ok(Arc::new(hits)),
                Step::Need(files) => files,
            };
            let fetched = futures::future::join_all(files.iter().map(|(p, file)| async {
                let shard = roots
                    .get(*p)
                    .and_then(|root| file.shard(root))
                    .ok_or_else(damaged)?;
                fetch_content(&shard).await
            }))
            .await;
            for ((p, file), result) in files.iter().zip(fetched) {
                let (url, bytes) = result?;
                self.search
                    .try_update_value(|(_, caches)| match (roots.get(*p), caches.get_mut(*p)) {
                        (Some(root), Some(cache)) => {
                            split::ready(split::keep_index_file(cache, root, file, &bytes))
                                .unwrap_or_else(|| Err(not_loaded("search")))
                        }
                        _ => Ok(()),
                    })
                    .unwrap_or(Ok(()))
                    .map_err(|error| LoadError::Decode { url, error })?;
            }
        }
        Err(damaged())
    }

    /// Every segment's search index root, fetched together at the first
    /// search (with the search's code: see [`Archive::prepare_search`]).
    async fn search_roots(&self) -> Result<Arc<Vec<SearchIndex>>, LoadError> {
        if let Some(roots) = self.search.with_value(|(roots, _)| roots.clone()) {
            return Ok(roots);
        }
        // The search's own code (it decodes the roots) and the roots, at
        // once: on a slow link, one round trip instead of two.
        let segments = &self.manifest.segments;
        let (code, fetched) = futures::join!(
            split::load_search(),
            futures::future::join_all(segments.iter().map(|s| fetch_content(&s.search)))
        );
        code.map_err(|_| code_unavailable("search"))?;
        let roots = fetched
            .into_iter()
            .map(|result| {
                let (url, bytes) = result?;
                decode_search_root(&bytes).map_err(|error| LoadError::Decode { url, error })
            })
            .collect::<Result<Vec<_>, _>>()?;
        // Another search (or the warm-up) may have fetched them meanwhile:
        // the first kept stays, with the index files fetched since.
        let fetched = Arc::new(roots);
        let roots = self
            .search
            .try_update_value(|(roots, caches)| {
                roots
                    .get_or_insert_with(|| {
                        *caches = vec![IndexCache::new(); fetched.len()];
                        fetched.clone()
                    })
                    .clone()
            })
            .unwrap_or(fetched);
        Ok(roots)
    }

    /// The body shard `index` of the segment holding list position
    /// `position`, fetched once and then kept.
    pub async fn body_shard(&self, position: u32, index: u32) -> Result<Arc<BodyShard>, LoadError> {
        let Some((segment, _)) = self.manifest.locate(position) else {
            return Err(self.damaged("no such article"));
        };
        if let Some(shard) = self
            .bodies
            .with_value(|m| m.get(&(segment, index)).cloned())
        {
            return Ok(shard);
        }
        let table = self.table(segment).await?;
        let Some(shard_ref) = table.segment.bodies.get(index as usize) else {
            return Err(self.damaged(&format!("no body shard {index}")));
        };
        let mut shard = fetch_decoded(&shard_ref, BodyShard::from_json).await?;
        for body in &mut shard.bodies {
            for translation in &mut body.translations {
                table.remap.translation(translation);
            }
        }
        let shard = Arc::new(shard);
        self.bodies
            .update_value(|m| _ = m.insert((segment, index), shard.clone()));
        Ok(shard)
    }
}

/// A segment's search index root, decoded by the search's split module
/// (loaded before any search starts).
fn decode_search_root(bytes: &[u8]) -> Result<SearchIndex, DecodeError> {
    split::ready(split::decode_search_root(bytes)).unwrap_or_else(|| Err(not_loaded("search")))
}

/// A segment's facet data, decoded by filtering's split module (loaded
/// before the data is fetched).
fn decode_facet_data(bytes: &[u8]) -> Result<FacetData, DecodeError> {
    split::ready(split::decode_facet_data(bytes)).unwrap_or_else(|| Err(not_loaded("filtering")))
}

/// A split module's function was called before its module was loaded.
fn not_loaded(what: &str) -> DecodeError {
    DecodeError::Invalid {
        detail: format!("the reader's {what} code is not loaded"),
    }
}

/// A part of the reader's own code could not be fetched.
pub fn code_unavailable(what: &str) -> LoadError {
    LoadError::Network {
        url: format!("the reader's {what} code"),
        detail: "it could not be loaded".into(),
    }
}
