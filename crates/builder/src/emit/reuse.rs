//! Reusing an earlier build's segments: a segment whose inputs hash
//! ([`SegmentRef::inputs`]) is the one the earlier manifest in the output
//! folder records, and whose files are all still there, is kept as it is
//! instead of being made again. Its files would come out byte for byte the
//! same (their inputs are), so this changes how long a build takes, never
//! what it writes.

use std::cell::Cell;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use broadsheet_core::{Manifest, SearchIndex, Segment, SegmentRef, ShardRef};

use crate::gzip;

/// The segments of the bundle an output folder held before this build.
pub struct Previous {
    dir: PathBuf,
    by_inputs: HashMap<String, SegmentRef>,
    reused: Cell<usize>,
}

/// A reused segment: its reference and every file it is made of, with
/// their sizes.
pub struct Reused {
    pub reference: SegmentRef,
    pub files: Vec<(String, u64)>,
}

impl Previous {
    /// The segments of the manifest in `dir`; nothing to reuse when there is
    /// none, or it is of another format or version (it would not read).
    pub fn open(dir: &Path) -> Previous {
        let by_inputs = fs::read(dir.join("manifest.json"))
            .ok()
            .and_then(|bytes| Manifest::decode(&bytes).ok())
            .map(|manifest| {
                manifest
                    .segments
                    .into_iter()
                    .flat_map(|s| {
                        let keys: Vec<String> = s.inputs.split(' ').map(str::to_string).collect();
                        keys.into_iter()
                            .filter(|k| !k.is_empty())
                            .map(move |k| (k, s.clone()))
                    })
                    .collect()
            })
            .unwrap_or_default();
        Previous {
            dir: dir.to_path_buf(),
            by_inputs,
            reused: Cell::new(0),
        }
    }

    /// Nothing to reuse (`--full`, a dry run, a bundle kept in memory).
    pub fn none() -> Previous {
        Previous {
            dir: PathBuf::new(),
            by_inputs: HashMap::new(),
            reused: Cell::new(0),
        }
    }

    /// Segments reused so far.
    pub fn reused(&self) -> usize {
        self.reused.get()
    }

    /// The earlier segment with `inputs` among its inputs hashes, if every
    /// one of its files is still in place (its table and search root
    /// checked against their hashes, the others by presence and size: they
    /// are named by their hash).
    pub fn take(&self, inputs: &str) -> Option<Reused> {
        let reference = self.by_inputs.get(inputs)?;
        let mut files = Vec::new();
        let table = self.read(&reference.table, &mut files)?;
        let table = Segment::from_json(&table).ok()?;
        let root = self.read(&reference.search, &mut files)?;
        let root =
            SearchIndex::from_json(&gzip::stored(&reference.search.path, root).ok()?).ok()?;
        self.present(&reference.facets, &mut files)?;
        for shard in root.shards().chain(table.shards()) {
            self.present(&shard, &mut files)?;
        }
        self.reused.set(self.reused.get() + 1);
        Some(Reused {
            reference: reference.clone(),
            files,
        })
    }

    fn read(&self, shard: &ShardRef, files: &mut Vec<(String, u64)>) -> Option<Vec<u8>> {
        let bytes = fs::read(self.dir.join(&shard.path)).ok()?;
        shard.verify(&bytes).ok()?;
        files.push((shard.path.clone(), bytes.len() as u64));
        Some(bytes)
    }

    fn present(&self, shard: &ShardRef, files: &mut Vec<(String, u64)>) -> Option<()> {
        let meta = fs::metadata(self.dir.join(&shard.path)).ok()?;
        if shard.bytes != 0 && shard.bytes != meta.len() {
            return None;
        }
        files.push((shard.path.clone(), meta.len()));
        Some(())
    }
}
