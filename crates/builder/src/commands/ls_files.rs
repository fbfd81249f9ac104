//! `broadsheet ls --files`: every file of a bundle, read and hash-checked,
//! by role. Scripts that need to know a bundle's files (the service
//! worker's precache list, tests that break one file on purpose) ask this
//! instead of working out paths themselves.

use std::error::Error;
use std::io::Write;
use std::path::Path;

use broadsheet_core::{SearchIndex, ShardRef, TermChunk};
use serde::Serialize;

use crate::bundle::{decode, read_bundle, read_shard};

/// The files of a bundle, paths relative to it.
#[derive(Debug, Serialize)]
pub struct BundleFiles {
    /// `manifest.json`, then what the first screen needs (and an offline
    /// copy always holds): the head cards, each segment's table, facet
    /// data and search root.
    pub first_screen: Vec<String>,
    /// The head cards (the list's first), then every segment's card
    /// shards, in list order.
    pub cards: Vec<String>,
    /// Body shards, segment after segment in list order.
    pub bodies: Vec<String>,
    /// The archive's slug → date buckets, then every segment's buckets.
    pub slugs: Vec<String>,
    /// Segment tables and facet data, in list order.
    pub segments: Vec<String>,
    pub facets: Vec<String>,
    /// Every file of every segment's search index: the root, word chunks,
    /// phrase shards, postings.
    pub search: Vec<String>,
    /// The articles' pictures, each once.
    pub pictures: Vec<String>,
    /// Number of files, and their bytes (the manifest included).
    pub count: usize,
    pub bytes: u64,
}

impl BundleFiles {
    /// Reads the bundle in `dir` and names its files, checking each one's
    /// content hash.
    pub fn of(dir: &Path) -> Result<BundleFiles, Box<dyn Error>> {
        let bundle = read_bundle(dir)?;
        let manifest = &bundle.manifest;
        let mut bytes = std::fs::metadata(dir.join("manifest.json"))?.len();
        let mut check = |shard: &ShardRef| -> Result<Vec<u8>, Box<dyn Error>> {
            let read = read_shard(dir, shard)?;
            bytes += read.len() as u64;
            Ok(read)
        };
        let mut search = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for segment in &manifest.segments {
            let root_bytes = check(&segment.search)?;
            let root = decode(&segment.search.path, &root_bytes, SearchIndex::from_json)?;
            search.push(segment.search.path.clone());
            for chunk in &root.terms {
                let read = check(&chunk.file)?;
                search.push(chunk.file.path.clone());
                decode(&chunk.file.path, &read, TermChunk::from_json)?;
            }
            for file in root.postings.iter().chain(root.pairs.iter()) {
                check(&file)?;
                search.push(file.path);
            }
        }
        let check = std::cell::RefCell::new(check);
        let named_one = |shard: &ShardRef| (check.borrow_mut())(shard).map(|_| ());
        let named =
            |shards: &broadsheet_core::PackedShards| -> Result<Vec<String>, Box<dyn Error>> {
                shards
                    .iter()
                    .map(|shard| named_one(&shard).map(|_| shard.path))
                    .collect()
            };
        named_one(&manifest.head)?;
        let mut cards = vec![manifest.head.path.clone()];
        let mut bodies = Vec::new();
        let mut slugs = named(&manifest.slugs)?;
        let mut pictures = Vec::new();
        for segment in &bundle.segments {
            cards.extend(named(&segment.cards)?);
            bodies.extend(named(&segment.bodies)?);
            slugs.extend(named(&segment.slugs)?);
            for picture in &segment.pictures {
                if seen.insert(picture.path.clone()) {
                    named_one(picture)?;
                    pictures.push(picture.path.clone());
                }
            }
        }
        let mut segments = Vec::new();
        let mut facets = Vec::new();
        for segment in &manifest.segments {
            named_one(&segment.table)?;
            named_one(&segment.facets)?;
            segments.push(segment.table.path.clone());
            facets.push(segment.facets.path.clone());
        }
        let first_screen = crate::bundle::first_screen(manifest);
        // The manifest, besides the lists.
        let count = 1
            + cards.len()
            + bodies.len()
            + slugs.len()
            + search.len()
            + segments.len()
            + facets.len()
            + pictures.len();
        Ok(BundleFiles {
            first_screen,
            cards,
            bodies,
            slugs,
            segments,
            facets,
            search,
            pictures,
            count,
            bytes,
        })
    }
}

pub fn run(dir: &Path, json: bool) -> Result<(), Box<dyn Error>> {
    let files = BundleFiles::of(dir)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if json {
        serde_json::to_writer(&mut out, &files)?;
        writeln!(out)?;
    } else {
        let mut all: Vec<&String> = files.first_screen.iter().collect();
        for list in [
            &files.segments,
            &files.facets,
            &files.cards,
            &files.bodies,
            &files.slugs,
            &files.search,
            &files.pictures,
        ] {
            all.extend(list.iter().filter(|p| !files.first_screen.contains(p)));
        }
        for path in all {
            writeln!(out, "{path}")?;
        }
    }
    out.flush()?;
    Ok(())
}
