//! The sink a bundle is written into: a folder, file by file as the builder
//! makes them (so a large archive is never all in memory), the manifest
//! last; or memory, for `broadsheet pack`; or nothing, for a dry run.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use broadsheet_core::Manifest;

/// Folders of a bundle that hold only files the builder writes.
const BUNDLE_FOLDERS: [&str; 10] = [
    "images",
    "segments",
    "facets",
    "cards",
    "slugs",
    "bodies",
    "search",
    "search/terms",
    "search/postings",
    "search/pairs",
];

/// Files at the bundle's top level named `<prefix>.<hash>.json` (those of
/// formats 2 and 3 included, so an upgrade leaves no stale file).
const TOP_LEVEL_PREFIXES: [&str; 4] = ["head.", "tables.", "facets.", "catalog."];

/// Writes files into a bundle folder as they come, remembering them so that
/// files of an earlier build can be removed at the end. A dry run only
/// counts them.
pub struct DiskSink {
    /// `None` for a dry run or in memory.
    dir: Option<PathBuf>,
    /// The files themselves, when kept in memory (`broadsheet pack`).
    kept: Option<Vec<(String, Vec<u8>)>>,
    written: HashSet<String>,
    pub files: usize,
    pub bytes: u64,
    /// Files the folder already held with these very bytes (their names
    /// carry their content hash), left as they were: what a mirror or a
    /// reader's cache need not fetch again.
    pub unchanged: Unchanged,
}

/// Files a build found already in place, and their bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Unchanged {
    pub files: usize,
    pub bytes: u64,
}

impl DiskSink {
    pub fn create(dir: &Path) -> io::Result<DiskSink> {
        for folder in BUNDLE_FOLDERS {
            fs::create_dir_all(dir.join(folder))?;
        }
        Ok(DiskSink {
            dir: Some(dir.to_path_buf()),
            kept: None,
            written: HashSet::new(),
            files: 0,
            bytes: 0,
            unchanged: Unchanged::default(),
        })
    }

    /// A sink that writes nothing and counts what would have been written.
    pub fn dry_run() -> DiskSink {
        DiskSink {
            dir: None,
            kept: None,
            written: HashSet::new(),
            files: 0,
            bytes: 0,
            unchanged: Unchanged::default(),
        }
    }

    /// A sink that keeps every file in memory, for [`DiskSink::into_files`].
    pub fn in_memory() -> DiskSink {
        DiskSink {
            kept: Some(Vec::new()),
            ..DiskSink::dry_run()
        }
    }

    /// Every file kept in memory, without a manifest.
    pub fn into_files_only(self) -> Vec<(String, Vec<u8>)> {
        self.kept.unwrap_or_default()
    }

    /// Every file kept in memory, the manifest last (`manifest.json`).
    pub fn into_files(self, manifest: &Manifest) -> Vec<(String, Vec<u8>)> {
        let mut files = self.kept.unwrap_or_default();
        files.push(("manifest.json".into(), manifest.to_json()));
        files
    }

    /// Writes a file; one already put or kept (a picture several segments
    /// show) is one file, counted once.
    pub fn put(&mut self, path: String, bytes: &[u8]) -> io::Result<()> {
        if self.written.contains(&path) {
            return Ok(());
        }
        if let Some(dir) = &self.dir {
            let file = dir.join(&path);
            // Every file but the manifest is named by its content's hash:
            // one already there with the same size holds these bytes.
            let same = fs::metadata(&file).is_ok_and(|m| m.len() == bytes.len() as u64);
            if same {
                self.unchanged.files += 1;
                self.unchanged.bytes += bytes.len() as u64;
            } else {
                fs::write(file, bytes)?;
            }
        }
        if let Some(kept) = &mut self.kept {
            kept.push((path.clone(), bytes.to_vec()));
        }
        self.files += 1;
        self.bytes += bytes.len() as u64;
        self.written.insert(path);
        Ok(())
    }

    /// Counts a file an earlier build wrote (of `bytes` bytes) as written
    /// and unchanged, without reading or writing it.
    pub fn keep(&mut self, path: String, bytes: u64) {
        if self.written.contains(&path) {
            return;
        }
        self.unchanged.files += 1;
        self.unchanged.bytes += bytes;
        self.files += 1;
        self.bytes += bytes;
        self.written.insert(path);
    }

    /// Whether the folder holds `path` with `bytes` bytes already (an
    /// earlier build's file, named by its content). Never in memory.
    pub fn holds(&self, path: &str, bytes: u64) -> bool {
        self.dir
            .as_ref()
            .is_some_and(|dir| fs::metadata(dir.join(path)).is_ok_and(|m| m.len() == bytes))
    }

    /// Writes the manifest (renamed into place, so a reader never sees one
    /// whose shards are missing), then removes an earlier build's files.
    pub fn finish(mut self, manifest: &Manifest) -> io::Result<u64> {
        let bytes = manifest.to_json();
        let Some(dir) = self.dir.clone() else {
            return Ok(self.bytes + bytes.len() as u64);
        };
        let tmp = dir.join("manifest.json.tmp");
        fs::write(&tmp, &bytes)?;
        fs::rename(&tmp, dir.join("manifest.json"))?;
        self.bytes += bytes.len() as u64;
        self.remove_stale(&dir)?;
        Ok(self.bytes)
    }

    fn remove_stale(&self, dir: &Path) -> io::Result<()> {
        let is_ours = |name: &str| {
            name.ends_with(".json")
                || name.ends_with(".json.gz")
                || name.ends_with(".jpg")
                || name.ends_with(".webp")
        };
        for folder in BUNDLE_FOLDERS {
            for entry in fs::read_dir(dir.join(folder))? {
                let entry = entry?;
                let name = entry.file_name().to_string_lossy().into_owned();
                if entry.file_type()?.is_file()
                    && is_ours(&name)
                    && !self.written.contains(&format!("{folder}/{name}"))
                {
                    fs::remove_file(entry.path())?;
                }
            }
        }
        for entry in fs::read_dir(dir)? {
            let name = entry?.file_name().to_string_lossy().into_owned();
            if TOP_LEVEL_PREFIXES.iter().any(|p| name.starts_with(p))
                && is_ours(&name)
                && !self.written.contains(&name)
            {
                fs::remove_file(dir.join(&name))?;
            }
        }
        Ok(())
    }
}
