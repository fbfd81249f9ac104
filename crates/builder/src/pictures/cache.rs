//! What each source picture was made into when a build last made it, so
//! that the next build encodes only new pictures: a picture is known by
//! the hash of its bytes (renaming or touching it changes nothing) and the
//! settings it was made with. One file per archive beside the source cache
//! (`<name>.pictures`); a cache that cannot be read is as good as none, and
//! a made file the bundle folder no longer holds is made again.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// A source picture's key: the BLAKE3 hash of its bytes.
pub type Key = [u8; 32];

/// One file made of a picture, as the bundle records it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Made {
    /// `images/<hash>.<extension>`.
    pub path: String,
    pub hash: String,
    pub bytes: u64,
    pub width: u32,
    pub height: u32,
}

impl Made {
    /// The file as the bundle's tables name it.
    pub fn to_ref(&self) -> broadsheet_core::ShardRef {
        broadsheet_core::ShardRef {
            path: self.path.clone(),
            hash: self.hash.clone(),
            bytes: self.bytes,
        }
    }
}

/// The pictures an earlier build made, and those this one uses.
#[derive(Default)]
pub struct PictureCache {
    path: Option<PathBuf>,
    earlier: HashMap<Key, Vec<Made>>,
    now: HashMap<Key, Vec<Made>>,
}

/// The first bytes of the file: its layout and the encoder's settings.
fn magic() -> String {
    format!("broadsheet picture cache 1: {}\n", super::encode::SETTINGS)
}

impl PictureCache {
    /// The cache at `path` (`None`: none), empty when it cannot be read or
    /// `fresh` asks for none.
    pub fn open(path: Option<PathBuf>, fresh: bool) -> PictureCache {
        let earlier = match &path {
            Some(p) if !fresh => load(p).unwrap_or_default(),
            _ => HashMap::new(),
        };
        PictureCache {
            path,
            earlier,
            now: HashMap::new(),
        }
    }

    /// What the picture `key` was made into, if an earlier build made it.
    pub fn get(&self, key: &Key) -> Option<&[Made]> {
        self.earlier.get(key).map(Vec::as_slice)
    }

    /// Records what `key` is made into for the next build.
    pub fn put(&mut self, key: Key, made: Vec<Made>) {
        self.now.insert(key, made);
    }

    /// Writes the pictures this build used (and only those) for the next;
    /// an archive without pictures leaves no file.
    pub fn save(&self) -> io::Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        if self.now.is_empty() {
            return match fs::remove_file(path) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            };
        }
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        let mut entries: Vec<(&Key, &Vec<Made>)> = self.now.iter().collect();
        entries.sort_unstable_by_key(|(k, _)| **k);
        let body = postcard::to_stdvec(&entries).map_err(io::Error::other)?;
        let tmp = path.with_extension("pictures.tmp");
        let mut file = fs::File::create(&tmp)?;
        file.write_all(magic().as_bytes())?;
        file.write_all(&body)?;
        drop(file);
        fs::rename(tmp, path)
    }
}

fn load(path: &Path) -> Option<HashMap<Key, Vec<Made>>> {
    let bytes = fs::read(path).ok()?;
    let body = bytes.strip_prefix(magic().as_bytes())?;
    let entries: Vec<(Key, Vec<Made>)> = postcard::from_bytes(body).ok()?;
    Some(entries.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn made(path: &str) -> Made {
        Made {
            path: path.into(),
            hash: "h".into(),
            bytes: 3,
            width: 2,
            height: 1,
        }
    }

    #[test]
    fn what_one_build_used_the_next_finds() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.pictures");
        let mut cache = PictureCache::open(Some(path.clone()), false);
        assert!(cache.get(&[1; 32]).is_none());
        cache.put([1; 32], vec![made("images/a.jpg")]);
        cache.save().unwrap();
        let mut next = PictureCache::open(Some(path.clone()), false);
        assert_eq!(next.get(&[1; 32]), Some(&[made("images/a.jpg")][..]));
        // Unused this time: gone from the one after.
        next.put([2; 32], vec![made("images/b.jpg")]);
        next.save().unwrap();
        let third = PictureCache::open(Some(path.clone()), false);
        assert!(third.get(&[1; 32]).is_none());
        assert!(third.get(&[2; 32]).is_some());
        assert!(PictureCache::open(Some(path.clone()), true)
            .get(&[2; 32])
            .is_none());
        // Damaged: as good as none.
        fs::write(&path, b"broadsheet picture cache 1: other settings\n").unwrap();
        assert!(PictureCache::open(Some(path), false)
            .get(&[2; 32])
            .is_none());
    }
}
