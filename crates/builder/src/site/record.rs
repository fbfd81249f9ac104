//! What the builder wrote into a site folder (`--site-files`), recorded
//! beside it so the next build can remove what no longer belongs there — a
//! withdrawn article's page, a section's feed — without touching a file it
//! did not write (the reader, a publisher's own pages). Each path comes with
//! the content hash of what was written there, so a mirror
//! (`commands/mirror.rs`) can check every page it copies and skip the ones
//! it already has.
//!
//! A hundred thousand article pages make a record of about 9 MB, which a
//! host would take again whole after every new article; so article pages
//! are recorded in 256 small parts by a hash of their path
//! ([`PARTS`]`/<xx>`), each written only when it changes: a new article
//! changes one part.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io;
use std::path::{Component, Path};

use rayon::prelude::*;

/// The record, at the top of the site folder. Its first line says what it
/// is; every other line is `<content hash> <path>`, the path relative to
/// the folder (records written before hashes were: the path alone).
pub const RECORD: &str = ".broadsheet-site-files";
/// The folder of the record's parts (the article pages).
pub const PARTS: &str = ".broadsheet-site-files.d";
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
    let mut paths: Vec<&str> = now.into_iter().filter(|p| *p != "index.html").collect();
    paths.sort_unstable();
    let hashes: Vec<String> = paths
        .par_iter()
        .map(|p| std::fs::read(dir.join(p)).map(|bytes| broadsheet_core::content_hash(&bytes)))
        .collect::<io::Result<_>>()?;
    let mut record = String::from(HEADER);
    let mut parts: BTreeMap<String, String> = BTreeMap::new();
    for (path, hash) in paths.iter().zip(hashes) {
        let text = match part_of(path) {
            Some(part) => parts.entry(part).or_default(),
            None => &mut record,
        };
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&hash);
        text.push(' ');
        text.push_str(path);
    }
    record.push('\n');
    let folder = dir.join(PARTS);
    if !parts.is_empty() {
        std::fs::create_dir_all(&folder)?;
    }
    for (part, mut text) in std::mem::take(&mut parts) {
        text.push('\n');
        write_if_changed(&folder.join(&part), &text)?;
        parts.insert(part, String::new());
    }
    // Parts no page falls in any more.
    if let Ok(entries) = std::fs::read_dir(&folder) {
        for entry in entries {
            let entry = entry?;
            if !parts.contains_key(&*entry.file_name().to_string_lossy()) {
                std::fs::remove_file(entry.path())?;
            }
        }
    }
    write_if_changed(&dir.join(RECORD), &record)?;
    Ok(removed)
}

/// The part an article page is recorded in (other files: the record
/// itself).
fn part_of(path: &str) -> Option<String> {
    path.starts_with("articles/")
        .then(|| broadsheet_core::content_hash(path.as_bytes())[..2].to_string())
}

/// Writes `text` unless the file holds exactly it (then its time stays).
fn write_if_changed(path: &Path, text: &str) -> io::Result<()> {
    if std::fs::read(path).is_ok_and(|old| old == text.as_bytes()) {
        return Ok(());
    }
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, text)?;
    std::fs::rename(tmp, path)
}

/// The paths an earlier build recorded (none if it recorded nothing).
fn previous(dir: &Path) -> io::Result<Vec<String>> {
    Ok(read(dir)?.into_keys().collect())
}

/// The record in `dir`: path → content hash (`None`: recorded without
/// one). Empty when there is no record.
pub fn read(dir: &Path) -> io::Result<HashMap<String, Option<String>>> {
    let mut record = HashMap::new();
    let mut files = vec![dir.join(RECORD)];
    if let Ok(entries) = std::fs::read_dir(dir.join(PARTS)) {
        for entry in entries {
            files.push(entry?.path());
        }
    }
    for file in files {
        let text = match std::fs::read_to_string(&file) {
            Ok(text) => text,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        let lines = text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty());
        record.extend(lines.map(|line| match line.split_once(' ') {
            Some((hash, path)) if is_hash(hash) => (path.to_string(), Some(hash.to_string())),
            _ => (line.to_string(), None),
        }));
    }
    Ok(record)
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
        let part = dir
            .path()
            .join(PARTS)
            .join(part_of("articles/a.html").unwrap());
        let part = std::fs::read_to_string(part).unwrap();
        assert!(part.contains(&format!("{x} articles/a.html\n")), "{part}");
        assert_eq!(read(dir.path()).unwrap()["articles/b.html"], Some(x));
        std::fs::write(&record, format!("{text}../outside\n/etc/passwd\n")).unwrap();
        let second = ["index.html", "articles/a.html"].map(String::from);
        assert_eq!(settle(dir.path(), &second).unwrap(), 1);
        assert!(!dir.path().join("articles/b.html").exists());
        for p in ["index.html", "articles/a.html", "mine.html"] {
            assert!(dir.path().join(p).exists(), "{p}");
        }
    }

    #[test]
    fn a_new_page_changes_one_part_of_the_record() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("articles")).unwrap();
        let mut written = vec!["feeds/all.atom".to_string()];
        std::fs::create_dir_all(dir.path().join("feeds")).unwrap();
        std::fs::write(dir.path().join("feeds/all.atom"), "feed").unwrap();
        for i in 0..600 {
            let path = format!("articles/a{i}.html");
            std::fs::write(dir.path().join(&path), format!("page {i}")).unwrap();
            written.push(path);
        }
        settle(dir.path(), &written).unwrap();
        let before = snapshot(dir.path());
        assert!(before.len() > 200, "the pages spread over the parts");
        std::fs::write(dir.path().join("articles/new.html"), "new").unwrap();
        written.push("articles/new.html".into());
        settle(dir.path(), &written).unwrap();
        let after = snapshot(dir.path());
        let changed: Vec<&String> = after
            .iter()
            .filter(|(k, v)| before.get(*k) != Some(v))
            .map(|(k, _)| k)
            .collect();
        assert_eq!(changed.len(), 1, "{changed:?}");
        assert_eq!(read(dir.path()).unwrap().len(), 602);
        // Withdrawn again: the record is as it was.
        written.retain(|p| p != "articles/new.html");
        settle(dir.path(), &written).unwrap();
        assert_eq!(snapshot(dir.path()), before);
    }

    /// The record's files: name → text.
    fn snapshot(dir: &Path) -> HashMap<String, String> {
        let mut files: HashMap<String, String> = std::fs::read_dir(dir.join(PARTS))
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read_to_string(e.path()).unwrap(),
                )
            })
            .collect();
        files.insert(
            RECORD.into(),
            std::fs::read_to_string(dir.join(RECORD)).unwrap(),
        );
        files
    }
}
