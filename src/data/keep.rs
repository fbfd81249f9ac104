//! What this device keeps of the archive: saving a whole edition (every
//! file it is made of, fetched once, through the service worker, which
//! answers from what is already kept), bringing a saved copy up to a newer
//! edition before the reader switches to it (only the files no earlier
//! edition left), and tidying up once an edition is on screen (files no
//! edition in use needs are deleted; a copy that held only part of the
//! archive gets the new files that stand where its old ones stood). The
//! lists of files are broadsheet-core's (`edition.rs`).

use std::collections::HashSet;
use std::fmt;

use broadsheet_core::edition::{self, Missing};
use std::sync::Arc;

use broadsheet_core::{BodyShard, CardShard, Manifest, SearchIndex, Segment, ShardRef};
use futures::stream::{self, StreamExt};
use leptos::prelude::*;

use super::fetch::{fetch_all_decoded, fetch_verified};
use super::{Archive, LoadError};
use crate::offline;
use crate::shard_cache::{self, KeepError};

/// Files fetched at once: enough to fill a slow link, few enough not to
/// starve the page's own requests.
const AT_ONCE: usize = 6;

/// How far a download has come, in bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SaveProgress {
    pub done: u64,
    pub total: u64,
}

/// Why saving stopped.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveError {
    Load(LoadError),
    /// The device has no room: what this save had added was deleted again.
    Full {
        needed: u64,
    },
    /// The browser keeps no files for this page.
    Refused(String),
}

impl From<LoadError> for SaveError {
    fn from(error: LoadError) -> SaveError {
        SaveError::Load(error)
    }
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SaveError::Load(error) => write!(f, "{error}"),
            SaveError::Full { needed } => f.write_str(&crate::words::tf(
                "offline.error-full",
                &[("size", &crate::words::size(*needed))],
            )),
            SaveError::Refused(detail) => f.write_str(&crate::words::tf(
                "offline.error-refused",
                &[("detail", detail)],
            )),
        }
    }
}

/// An edition's files.
struct Listed {
    files: Vec<ShardRef>,
}

/// Every file of the edition `manifest` names, from its segments' tables
/// and search roots.
async fn list(manifest: &Manifest) -> Result<Listed, LoadError> {
    let segments = &manifest.segments;
    let tables = fetch_all_decoded(segments.iter().map(|s| &s.table), Segment::from_json).await?;
    let roots =
        fetch_all_decoded(segments.iter().map(|s| &s.search), SearchIndex::from_json).await?;
    Ok(Listed {
        files: edition::files(manifest, &tables, &roots),
    })
}

/// What bringing this device up to the edition `manifest` costs: the files
/// it has not got (its pictures only if the reader wants them saved).
/// Fetches (and keeps) the files that name the rest — for a newer edition,
/// only those of the segments that changed.
pub async fn plan(manifest: &Manifest) -> Result<Missing, SaveError> {
    let mut listed = list(manifest).await?;
    if !offline::wants_pictures() {
        listed
            .files
            .retain(|f| !broadsheet_core::pictures::is_picture(&f.path));
    }
    let held = shard_cache::held().await.map_err(keep_error)?;
    Ok(edition::missing(&listed.files, &|p| held.contains(p)))
}

fn keep_error(error: KeepError) -> SaveError {
    match error {
        KeepError::Full => SaveError::Full { needed: 0 },
        KeepError::Refused(detail) => SaveError::Refused(detail),
    }
}

/// Fetches and keeps every file of `missing`, reporting progress. A full
/// device stops it and deletes what it had added: nothing half-saved.
pub async fn download(
    missing: &Missing,
    progress: RwSignal<SaveProgress>,
) -> Result<(), SaveError> {
    let total = missing.bytes.max(1);
    progress.set(SaveProgress { done: 0, total });
    let mut added: Vec<String> = Vec::new();
    let mut done = 0u64;
    let mut fetches = stream::iter(missing.files.iter().map(|file| async move {
        let (url, fetched) = fetch_verified(file).await?;
        // Kept already (another page, or an earlier try, got there first):
        // not this save's to take back.
        let keeping = !fetched.saved;
        if keeping {
            shard_cache::keep_now(&url, &fetched.bytes)
                .await
                .map_err(keep_error)?;
        }
        Ok::<_, SaveError>((file, keeping, fetched.bytes.len() as u64))
    }))
    .buffer_unordered(AT_ONCE);
    while let Some(result) = fetches.next().await {
        match result {
            Ok((file, keeping, bytes)) => {
                if keeping {
                    added.push(file.path.clone());
                }
                done += bytes;
                progress.set(SaveProgress {
                    done: done.min(total),
                    total,
                });
            }
            Err(SaveError::Full { .. }) => {
                drop(fetches);
                shard_cache::forget(added.iter().map(String::as_str)).await;
                return Err(SaveError::Full {
                    needed: missing.bytes.saturating_sub(done),
                });
            }
            Err(error) => return Err(error),
        }
    }
    progress.set(SaveProgress { done: total, total });
    Ok(())
}

/// Saves the whole edition `manifest` on this device; files already kept
/// are not fetched again.
pub async fn save(manifest: &Manifest, progress: RwSignal<SaveProgress>) -> Result<(), SaveError> {
    let missing = plan(manifest).await?;
    download(&missing, progress).await
}

/// Whether an edition other than `manifest`'s is installing, waiting or
/// sealed on this device (a newer one being saved ahead, or already taking
/// over from this page): its files are not this page's to judge.
async fn another_edition(manifest: &Manifest) -> bool {
    offline::newer_edition_pending().await
        || offline::sealed_manifests()
            .await
            .iter()
            .filter_map(|bytes| Manifest::decode(bytes).ok())
            .any(|m| m.build_id != manifest.build_id)
}

/// What a tidy found and did.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Kept {
    /// What of this edition the device keeps, by part.
    pub held: edition::Held,
    /// Files deleted (no edition in use needs them), and files fetched to
    /// stand where a partial copy's old ones stood.
    pub deleted: usize,
    pub updated: usize,
}

/// Once an edition is on screen: fetches, for a copy that held only part of
/// the archive, the new files holding what its old files held (the cards
/// of the list pages it had, the bodies of the articles it had opened:
/// found by slug, as the reader finds any article), then deletes every
/// kept file this edition does not name. Leaves everything as it is when
/// another edition is installing, waiting or sealed (its files are being
/// saved ahead, or it is taking over from this page) or a file it needs
/// cannot be fetched (offline: the old files stay readable).
pub async fn tidy(archive: Arc<Archive>) -> Result<Option<Kept>, SaveError> {
    let manifest = &archive.manifest;
    if another_edition(manifest).await {
        return Ok(None);
    }
    let mut held = shard_cache::held().await.map_err(keep_error)?;
    let listed = list(manifest).await?;
    let dead: Vec<String> = edition::unneeded(held.iter().map(String::as_str), &listed.files)
        .into_iter()
        .map(str::to_string)
        .collect();
    let mut updated = 0;
    if !offline::saved(&manifest.build_id) {
        for (slug, opened) in what_old_files_held(&dead).await {
            let Some((position, entry)) = archive.clone().find_slug(slug).await? else {
                continue;
            };
            if opened {
                archive.body_shard(position, entry.shard).await?;
            }
            updated += 1;
        }
        held = shard_cache::held().await.map_err(keep_error)?;
    }
    if another_edition(manifest).await {
        return Ok(None);
    }
    let deleted = shard_cache::forget(dead.iter().map(String::as_str)).await;
    let gone: HashSet<&str> = dead.iter().map(String::as_str).collect();
    let kept = edition::held(&listed.files, &|p| held.contains(p) && !gone.contains(p));
    Ok(Some(Kept {
        held: kept,
        deleted,
        updated,
    }))
}

/// The articles the old files among `dead` held: each card shard's first
/// and last (the list pages it covered), and every article whose body was
/// kept (`true`: opened), by slug.
async fn what_old_files_held(dead: &[String]) -> Vec<(String, bool)> {
    let mut opened = HashSet::new();
    let mut slugs: Vec<(String, String)> = Vec::new();
    let mut ends = HashSet::new();
    for path in dead {
        let is_cards = path.starts_with("cards/") || path.starts_with("head.");
        if !is_cards && !path.starts_with("bodies/") {
            continue;
        }
        let Some(bytes) = shard_cache::read(path).await else {
            continue;
        };
        let Ok(bytes) = super::fetch::stored(path, bytes).await else {
            continue;
        };
        if is_cards {
            if let Ok(shard) = CardShard::from_json(&bytes) {
                for (i, entry) in shard.cards.iter().enumerate() {
                    if i == 0 || i + 1 == shard.cards.len() {
                        ends.insert(entry.id.clone());
                    }
                    slugs.push((entry.id.clone(), entry.slug.clone()));
                }
            }
        } else if let Ok(shard) = BodyShard::from_json(&bytes) {
            opened.extend(shard.bodies.into_iter().map(|b| b.id));
        }
    }
    let mut seen = HashSet::new();
    slugs
        .into_iter()
        .filter(|(id, _)| (ends.contains(id) || opened.contains(id)) && seen.insert(id.clone()))
        .map(|(id, slug)| (slug, opened.contains(&id)))
        .collect()
}
