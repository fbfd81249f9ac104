//! What the builder wrote into a site folder (`--site-files`), recorded
//! beside it so the next build can remove what no longer belongs there — a
//! withdrawn article's page, a section's feed — without touching a file it
//! did not write (the reader, a publisher's own pages). Each path comes with
//! the content hash of what was written there, so a mirror
//! (`commands/mirror.rs`) can check every page it copies and skip the ones
//! it already has.

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Component, Path};

use rayon::prelude::*;

/// The record, at the top of the site folder. Its first line says what it
/// is; every other line is `<content hash> <path>`, the path relative to
/// the folder (records written before hashes were: the path alone).
pub const RECORD: &str = ".broadsheet-site-files";
const HEADER: &str = "# Written by `broadsheet build --site-files`: the next build removes \
                      whichever of these it does not write again.";

/// Records `written` (paths relative to `dir`) and removes every file an
/// earlier build recorded that is not among them. The reader's shell
/// (`index.html`) is Trunk's, only filled in by the builder: it is never
/// recorded, so never removed. Returns how many files were removed.
pub fn settle(dir: &Path, written: &[String]) -> io::Result<usize> {
    let now: HashSet<&str> = written.iter().map(String::as_str).collect();
    let mut removed = 0;
    for old in previous(dir)? {
        if now.contains(old.as_str()) || !inside(&old) {
            continue;
        }
        match std::fs::remove_file(dir.join(&old)) {
            Ok(()) => removed += 1,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    let mut record = String::from(HEADER);
    let mut paths: Vec<&str> = now.into_iter().filter(|p| *p != "index.html").collect();
    paths.sort_unstable();
    let hashes: Vec<String> = paths
        .par_iter()
        .map(|p| std::fs::read(dir.join(p)).map(|bytes| broadsheet_core::content_hash(&bytes)))
        .collect::<io::Result<_>>()?;
    for (path, hash) in paths.iter().zip(hashes) {
        record.push('\n');
        record.push_str(&hash);
        record.push(' ');
        record.push_str(path);
    }
    record.push('\n');
    let tmp = dir.join(format!("{RECORD}.tmp"));
    std::fs::write(&tmp, record)?;
    std::fs::rename(tmp, dir.join(RECORD))?;
    Ok(removed)
}

/// The paths an earlier build recorded (none if it recorded nothing).
fn previous(dir: &Path) -> io::Result<Vec<String>> {
    Ok(read(dir)?.into_keys().collect())
}

/// The record in `dir`: path → content hash (`None`: recorded without
/// one). Empty when there is no record.
pub fn read(dir: &Path) -> io::Result<HashMap<String, Option<String>>> {
    match std::fs::read_to_string(dir.join(RECORD)) {
        Ok(text) => Ok(text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|line| match line.split_once(' ') {
                Some((hash, path)) if is_hash(hash) => (path.to_string(), Some(hash.to_string())),
                _ => (line.to_string(), None),
            })
            .collect()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(HashMap::new()),
        Err(e) => Err(e),
    }
}

fn is_hash(text: &str) -> bool {
    text.len() == 16 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A path that stays inside the folder: relative, no `..` (a hand-edited
/// record must not make the builder delete elsewhere).
pub fn inside(path: &str) -> bool {
    let path = Path::new(path);
    !path.as_os_str().is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_only_what_it_wrote_before_and_not_now() {
        let dir = tempfile::tempdir().unwrap();
        let put = |p: &str| {
            let path = dir.path().join(p);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        };
        for p in [
            "index.html",
            "articles/a.html",
            "articles/b.html",
            "mine.html",
        ] {
            put(p);
        }
        let first = ["index.html", "articles/a.html", "articles/b.html"].map(String::from);
        assert_eq!(settle(dir.path(), &first).unwrap(), 0);
        // b is withdrawn: its page goes, the publisher's own page and the
        // shell stay, and a record pointing outside is ignored.
        let record = dir.path().join(RECORD);
        let text = std::fs::read_to_string(&record).unwrap();
        assert!(!text.contains("index.html"), "{text}");
        let x = broadsheet_core::content_hash(b"x");
        assert!(text.contains(&format!("\n{x} articles/a.html\n")), "{text}");
        assert_eq!(read(dir.path()).unwrap()["articles/b.html"], Some(x));
        std::fs::write(&record, format!("{text}../outside\n/etc/passwd\n")).unwrap();
        let second = ["index.html", "articles/a.html"].map(String::from);
        assert_eq!(settle(dir.path(), &second).unwrap(), 1);
        assert!(!dir.path().join("articles/b.html").exists());
        for p in ["index.html", "articles/a.html", "mine.html"] {
            assert!(dir.path().join(p).exists(), "{p}");
        }
    }
}
