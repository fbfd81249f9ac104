//! The source cache: what each source file gave when it was last read, so
//! that a build reads and parses only new and changed files. A file is
//! known by its path and the hash of its bytes (touching it changes
//! nothing), the options it was read with and the builder program itself
//! (another builder may read it differently); anything else is read again.
//! An importer reads only its own file's bytes: that is what makes the key
//! complete.
//!
//! One file per archive (its source folders and config), outside the
//! folders a build publishes: `$XDG_CACHE_HOME/broadsheet/` or
//! `~/.cache/broadsheet/` unless `--cache` names another folder. A cache
//! that cannot be read is as good as none; the build says so and reads
//! everything.
//!
//! A file whose size and modification time are those recorded is taken
//! without being read (`stat` alone: at 100,000 sources, reading and
//! hashing every file was over a second of an incremental build). A time
//! within two seconds of the reading is never trusted (the file may have
//! changed again within its clock's tick): such a file, like a touched
//! one, is read and known by its bytes, and its new time recorded.
//!
//! The file grows by appending, as the archive does: a build adds what the
//! files it parsed gave (a later entry for a file replaces an earlier one),
//! so one new article writes one entry, not the whole cache again. Once the
//! entries no file takes any more (changed or removed files) outnumber the
//! ones in use, the file is written again with those alone.

use std::collections::HashMap;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use super::{Read, ReadOptions};

/// How every cache file starts...
const MAGIC: &str = "broadsheet source cache ";

/// ...and the rest of its first line: its layout's version and the
/// builder that wrote it (another builder's entries are of no use to this
/// one, and their layout may differ).
fn magic() -> Vec<u8> {
    format!("{MAGIC}3 {}\n", crate::fingerprint::builder()).into_bytes()
}

/// What a file's reading depends on: its bytes, its options, the builder.
pub type Key = [u8; 32];

/// What a file's reading depends on besides its bytes: the importer, its
/// options and the builder.
pub type How = [u8; 32];

/// A file's size and modification time when it was read, if they can
/// stand for its bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    len: u64,
    /// Nanoseconds since the Unix epoch.
    modified: i128,
}

/// How long after its last change a file's time can stand for its bytes.
const SETTLED_NS: i128 = 2_000_000_000;

impl Stamp {
    /// The stamp of `meta`, unless it changed less than two seconds before
    /// `now` (nanoseconds since the epoch) or its times are unknown.
    pub fn of(meta: &fs::Metadata, now: i128) -> Option<Stamp> {
        let modified = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos() as i128;
        (now - modified >= SETTLED_NS).then_some(Stamp {
            len: meta.len(),
            modified,
        })
    }

    /// Now, as [`Stamp::of`] takes it.
    pub fn now() -> i128 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as i128)
    }
}

/// One file's entry.
#[derive(Serialize, Deserialize)]
struct Entry {
    file: String,
    held: Held,
}

/// An entry without its file's name, as the cache holds it until that
/// file takes it (in the file, its fields follow the name).
#[derive(Serialize, Deserialize)]
struct Held {
    key: Key,
    how: How,
    stamp: Option<Stamp>,
    read: Read,
}

/// The entries an earlier build left, taken as the files are read again.
pub struct SourceCache {
    path: Option<PathBuf>,
    entries: Mutex<HashMap<String, Held>>,
    /// Entries in the file on disk (replaced ones too), when it was read
    /// whole: new entries may then be appended to it.
    on_disk: Option<usize>,
    hits: AtomicUsize,
    /// Files asked for and not found (new, or changed).
    misses: AtomicUsize,
    /// Why the cache on disk was not used, if it was not.
    pub problem: Option<String>,
}

impl SourceCache {
    /// The file beside this cache's for another cache of the same archive
    /// (`pictures`: the pictures cache); `None` without a cache.
    pub fn sibling(&self, extension: &str) -> Option<PathBuf> {
        self.path.as_ref().map(|p| p.with_extension(extension))
    }

    /// No cache: every file read, nothing saved.
    pub fn none() -> SourceCache {
        SourceCache {
            path: None,
            entries: Mutex::new(HashMap::new()),
            on_disk: None,
            hits: AtomicUsize::new(0),
            misses: AtomicUsize::new(0),
            problem: None,
        }
    }

    /// The cache of the archive made of `sources` (and `config`) in `dir`;
    /// `fresh`: start empty (a `--full` build), but save.
    pub fn open(dir: &Path, sources: &[PathBuf], config: Option<&Path>, fresh: bool) -> Self {
        let mut name = blake3::Hasher::new();
        for path in sources.iter().map(PathBuf::as_path).chain(config) {
            let path = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            name.update(path.as_os_str().as_encoded_bytes());
            name.update(b"\0");
        }
        let path = dir.join(format!("{}.sources", &name.finalize().to_hex()[..24]));
        let mut cache = SourceCache {
            path: Some(path.clone()),
            ..SourceCache::none()
        };
        if fresh {
            return cache;
        }
        match load(&path) {
            Ok(entries) => {
                cache.on_disk = Some(entries.len());
                let map = entries.into_iter().map(|e| (e.file, e.held)).collect();
                cache.entries = Mutex::new(map);
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => {
                cache.problem = Some(format!(
                    "the source cache {} cannot be used ({e}); every source is read again",
                    path.display()
                ));
            }
        }
        cache
    }

    /// What a file's reading depends on besides its bytes.
    pub fn how(importer: super::Importer, options: &ReadOptions) -> How {
        let mut hasher = blake3::Hasher::new();
        hasher.update(crate::fingerprint::builder().as_bytes());
        hasher.update(format!("{importer:?} {options:?}").as_bytes());
        *hasher.finalize().as_bytes()
    }

    /// The key of a file's reading: its bytes, and [`SourceCache::how`].
    pub fn key(bytes: &[u8], how: &How) -> Key {
        let mut hasher = blake3::Hasher::new();
        hasher.update(how);
        hasher.update(bytes);
        *hasher.finalize().as_bytes()
    }

    /// What `file` gave last time, and its key, if it was read the same
    /// way and its stamp is the one recorded then: known without reading
    /// it. Taken: each entry is asked for once per build.
    pub fn take_unchanged(&self, file: &str, how: &How, stamp: Stamp) -> Option<(Key, Read)> {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let held = entries.get(file)?;
        if held.how != *how || held.stamp != Some(stamp) {
            return None;
        }
        let held = entries.remove(file)?;
        self.hits.fetch_add(1, Ordering::Relaxed);
        Some((held.key, held.read))
    }

    /// What `file` gave last time if it was read from the same key, and
    /// the stamp recorded with it (taken: each entry is asked for once per
    /// build).
    pub fn take(&self, file: &str, key: &Key) -> Option<(Read, Option<Stamp>)> {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        match entries.remove(file) {
            Some(held) if held.key == *key => {
                self.hits.fetch_add(1, Ordering::Relaxed);
                Some((held.read, held.stamp))
            }
            _ => {
                self.misses.fetch_add(1, Ordering::Relaxed);
                None
            }
        }
    }

    /// The cache file (empty when there is none).
    pub fn path(&self) -> &Path {
        self.path.as_deref().unwrap_or(Path::new(""))
    }

    /// Files read from the cache so far.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::Relaxed)
    }

    /// Whether every entry was taken and nothing else read: the cache on
    /// disk already says what this build's files gave.
    fn unchanged(&self) -> bool {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.is_empty() && self.hits() > 0 && self.misses.load(Ordering::Relaxed) == 0
    }

    /// Keeps what every file gave for the next build (`record`: what the
    /// file on disk says of it is not what it is now): appended to the file
    /// when that keeps it at most twice the entries in use, else written
    /// whole and renamed into place (so a build stopped halfway leaves the
    /// earlier cache). Nothing when the cache holds it already.
    pub fn save<'a>(&self, reads: impl Iterator<Item = Kept<'a>> + Clone) -> io::Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let (live, parsed) = reads.clone().fold((0, 0), |(live, parsed), kept| {
            (live + 1, parsed + usize::from(kept.record))
        });
        if parsed == 0 && self.unchanged() {
            return Ok(());
        }
        if let Some(on_disk) = self.on_disk {
            if on_disk + parsed <= 2 * live {
                if parsed == 0 {
                    return Ok(());
                }
                let file = fs::OpenOptions::new().append(true).open(path)?;
                return write_entries(BufWriter::new(file), reads.filter(|kept| kept.record));
            }
        }
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        let tmp = path.with_extension("tmp");
        let mut out = BufWriter::new(fs::File::create(&tmp)?);
        out.write_all(&magic())?;
        write_entries(out, reads)?;
        fs::rename(&tmp, path)
    }
}

/// One file's reading, as [`SourceCache::save`] is given it.
#[derive(Clone, Copy)]
pub struct Kept<'a> {
    pub file: &'a str,
    pub key: &'a Key,
    pub how: &'a How,
    pub stamp: Option<Stamp>,
    pub read: &'a Read,
    /// Not as the file on disk records it: read by its importer in this
    /// build, or its stamp changed (touched, copied).
    pub record: bool,
}

fn write_entries<'a>(
    mut out: BufWriter<fs::File>,
    reads: impl Iterator<Item = Kept<'a>>,
) -> io::Result<()> {
    for Kept {
        file,
        key,
        how,
        stamp,
        read,
        ..
    } in reads
    {
        let entry = EntryRef {
            file,
            key,
            how,
            stamp,
            read,
        };
        postcard::to_io(&entry, &mut out).map_err(io::Error::other)?;
    }
    out.into_inner().map_err(|e| e.into_error())?;
    Ok(())
}

/// [`Entry`], borrowed, for saving.
#[derive(Serialize)]
struct EntryRef<'a> {
    file: &'a str,
    key: &'a Key,
    how: &'a How,
    stamp: Option<Stamp>,
    read: &'a Read,
}

fn load(path: &Path) -> io::Result<Vec<Entry>> {
    let bytes = fs::read(path)?;
    let Some(mut rest) = bytes.strip_prefix(magic().as_slice()) else {
        // Another builder's cache is as good as none, and not a problem.
        return Err(match bytes.starts_with(MAGIC.as_bytes()) {
            true => io::ErrorKind::NotFound.into(),
            false => io::Error::other("not a Broadsheet source cache"),
        });
    };
    let mut entries = Vec::new();
    while !rest.is_empty() {
        let (entry, tail) = postcard::take_from_bytes::<Entry>(rest)
            .map_err(|e| io::Error::other(format!("damaged: {e}")))?;
        entries.push(entry);
        rest = tail;
    }
    Ok(entries)
}

/// The cache folder when `--cache` names none.
pub fn default_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cache")))?;
    Some(base.join("broadsheet"))
}
