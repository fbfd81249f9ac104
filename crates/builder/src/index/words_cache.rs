//! The words each article's title and summary were analysed into when a
//! build last worked out related articles, so that the next one analyses
//! only new and changed articles (at 100,000 articles, analysing them all
//! was two seconds of a build adding one). An article is known by the hash
//! of what is analysed: its title, summary and language. One file per
//! archive beside the source cache (`<name>.words`), written by this
//! builder only (another's is as good as none, as is a damaged one).

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::Path;

/// An article's key: the first half of the BLAKE3 hash of what is analysed.
pub type Key = [u8; 16];

/// How the file starts: its layout and the builder that wrote it (another
/// builder may analyse differently).
fn magic() -> Vec<u8> {
    format!(
        "broadsheet words cache 1 {}\n",
        crate::fingerprint::builder()
    )
    .into_bytes()
}

/// The key of an article whose title, summary and language are these.
pub fn key(title: &str, summary: &str, language: &str) -> Key {
    let mut hasher = blake3::Hasher::new();
    for part in [title, summary, language] {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    let mut key = [0; 16];
    key.copy_from_slice(&hasher.finalize().as_bytes()[..16]);
    key
}

/// What the file at `path` holds; empty when there is none or it cannot
/// be used.
pub fn load(path: &Path) -> HashMap<Key, Vec<String>> {
    let Ok(bytes) = fs::read(path) else {
        return HashMap::new();
    };
    let Some(body) = bytes.strip_prefix(magic().as_slice()) else {
        return HashMap::new();
    };
    postcard::from_bytes::<Vec<(Key, Vec<String>)>>(body)
        .map(|entries| entries.into_iter().collect())
        .unwrap_or_default()
}

/// Writes `entries` (every article of this build, in order) to `path`,
/// renamed into place.
pub fn save(path: &Path, entries: &[(Key, &[String])]) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let mut bytes = magic();
    let body = postcard::to_stdvec(entries).map_err(io::Error::other)?;
    bytes.extend(body);
    let tmp = path.with_extension("words.tmp");
    fs::write(&tmp, bytes)?;
    fs::rename(tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_one_build_saves_the_next_loads_and_a_foreign_file_is_none() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.words");
        assert!(load(&path).is_empty());
        let words = vec!["strike".to_string(), "dock".to_string()];
        let a = key("Dock strike", "", "en");
        assert_ne!(
            a,
            key("Dock strik", "e", "en"),
            "parts cannot run into each other"
        );
        save(&path, &[(a, &words)]).unwrap();
        assert_eq!(load(&path).get(&a), Some(&words));
        fs::write(&path, b"broadsheet words cache 1 another-builder\n").unwrap();
        assert!(load(&path).is_empty());
    }
}
