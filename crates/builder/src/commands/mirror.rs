//! `broadsheet mirror FROM TO`: brings a copy of a published site (or of a
//! bundle folder) up to date from another copy or from a build folder.
//!
//! - Only what `TO` lacks is copied: a bundle file is named by its content,
//!   so one already there is the same file; a page whose recorded hash
//!   (`site/record.rs`) is the one `TO` recorded is the same page.
//! - Every file copied is checked before anything is written: bundle files
//!   against the hashes their manifest and tables record, the app shell
//!   against the SHA-256 its service worker was sealed with, pages against
//!   the site record. A file that fails stops the mirror, which is left as
//!   it was.
//! - The files that switch a reader to the new edition go last: the app's
//!   `index.html`, then `sw.js`, then the manifest. A mirror is never
//!   half-updated: until the manifest is written it serves the old edition
//!   whole, and after, the new one whole.
//! - Files no edition needs any more are removed only after a grace period
//!   (`--grace`, 7 days by default): readers still on an older edition keep
//!   fetching them. `.broadsheet-mirror` in `TO` records since when each
//!   has been unneeded.

use std::collections::{HashMap, HashSet};
use std::error::Error;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use broadsheet_core::{content_hash, edition, Manifest, SearchIndex, Segment};
use sha2::{Digest, Sha256};

use crate::bundle::{Files, Folder};
use crate::cli::MirrorArgs;
use crate::report::{count, human_bytes};
use crate::site::record;

/// In `TO`: since when each file no edition needs has been so.
pub const GRACE_RECORD: &str = ".broadsheet-mirror";

/// How a file to copy is checked.
#[derive(Clone, Debug, PartialEq)]
enum Check {
    /// Broadsheet's content hash (bundle files, recorded pages).
    Content(String),
    /// The SHA-256 the service worker was sealed with (the app shell).
    Sha256(String),
    /// Nothing records it (a publisher's own file): copied as it is.
    Unrecorded,
    /// The site record's own files: copied as they are, being the record.
    Record,
}

/// One file of the source.
struct Wanted {
    path: String,
    check: Check,
    /// Named by its content (a bundle file): one of that name in `TO` is it.
    addressed: bool,
}

/// What a mirror run did.
#[derive(Debug, Default, PartialEq)]
pub struct Mirrored {
    pub copied: usize,
    pub copied_bytes: u64,
    pub unchanged: usize,
    pub repaired: usize,
    pub unrecorded: usize,
    pub waiting: usize,
    pub removed: usize,
}

pub fn run(args: MirrorArgs) -> Result<ExitCode, Box<dyn Error>> {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let done = mirror(&args.from, &args.to, args.grace, args.verify, now)?;
    let checked = match (done.copied, done.unrecorded) {
        (0, _) => String::new(),
        (_, 0) => "; every file copied was checked against its recorded hash".into(),
        (_, n) => format!(
            "; every file copied was checked against its recorded hash, but for {} no build \
             records (copied as they are)",
            count(n, "file")
        ),
    };
    eprintln!(
        "broadsheet: mirror: {} copied ({}), {} unchanged{}{checked}",
        count(done.copied, "file"),
        human_bytes(done.copied_bytes),
        count(done.unchanged, "file"),
        if args.verify {
            format!(
                " (each checked again: {} repaired)",
                count(done.repaired, "damaged file")
            )
        } else {
            String::new()
        },
    );
    if done.waiting > 0 {
        eprintln!(
            "broadsheet: mirror: {} no edition needs any more kept for readers of older \
             editions (until {} after they stopped being needed)",
            count(done.waiting, "file"),
            human_duration(args.grace),
        );
    }
    if done.removed > 0 {
        eprintln!(
            "broadsheet: mirror: {} no edition has needed for {} removed",
            count(done.removed, "file"),
            human_duration(args.grace),
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `7 days`, `12 hours`, `0 seconds`.
fn human_duration(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        s if s >= 86_400 && s % 86_400 == 0 => count((s / 86_400) as usize, "day"),
        s if s >= 3600 && s % 3600 == 0 => count((s / 3600) as usize, "hour"),
        s if s >= 60 && s % 60 == 0 => count((s / 60) as usize, "minute"),
        s => count(s as usize, "second"),
    }
}

/// Mirrors `from` into `to` (`now`: seconds since 1970, for the grace
/// period).
pub fn mirror(
    from: &Path,
    to: &Path,
    grace: Duration,
    verify: bool,
    now: u64,
) -> Result<Mirrored, Box<dyn Error>> {
    let wanted = wanted(from)?;
    let mut done = Mirrored::default();
    std::fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let recorded_there = record::read(to).unwrap_or_default();
    // First every file to copy, read and checked; nothing is written until
    // all of them pass.
    let mut to_copy = Vec::new();
    for file in &wanted {
        let there = to.join(&file.path);
        let present = there.is_file();
        let same = present
            && if verify {
                let bytes = std::fs::read(&there)?;
                let good = passes(&file.check, &bytes)
                    && (!matches!(file.check, Check::Unrecorded | Check::Record)
                        || bytes == read(from, &file.path)?);
                done.repaired += usize::from(!good);
                good
            } else if file.addressed {
                true
            } else {
                match (&file.check, recorded_there.get(&file.path)) {
                    (Check::Content(hash), Some(Some(theirs))) => hash == theirs,
                    _ => same_bytes(&there, &from.join(&file.path))?,
                }
            };
        if same {
            done.unchanged += 1;
            continue;
        }
        let bytes = read(from, &file.path)?;
        check(from, file, &bytes)?;
        done.unrecorded += usize::from(file.check == Check::Unrecorded);
        to_copy.push(file);
    }
    // The switch last: the shell, its worker, the manifest. Each file is
    // read again (one at a time: a first mirror of a large archive must
    // not hold it in memory) and checked again as it is written.
    to_copy.sort_by_key(|file| switch_rank(&file.path));
    for file in to_copy {
        let bytes = read(from, &file.path)?;
        check(from, file, &bytes)?;
        write(to, &file.path, &bytes)?;
        done.copied += 1;
        done.copied_bytes += bytes.len() as u64;
    }
    settle(to, &wanted, grace, now, &mut done)?;
    Ok(done)
}

/// Fails unless `bytes` are the file `file` records.
fn check(from: &Path, file: &Wanted, bytes: &[u8]) -> Result<(), Box<dyn Error>> {
    if passes(&file.check, bytes) {
        return Ok(());
    }
    Err(format!(
        "{}: not the file its edition records ({}): nothing was mirrored",
        from.join(&file.path).display(),
        match &file.check {
            Check::Content(hash) => format!("content hash {hash}"),
            Check::Sha256(hash) => format!("SHA-256 {hash}"),
            Check::Unrecorded | Check::Record => "nothing".into(),
        }
    )
    .into())
}

/// Where a file goes in the copying order: everything, then the shell's
/// page, then its worker, then the manifest.
fn switch_rank(path: &str) -> u8 {
    match path {
        "index.html" => 1,
        "sw.js" => 2,
        "manifest.json" | "bundle/manifest.json" => 3,
        _ => 0,
    }
}

fn passes(check: &Check, bytes: &[u8]) -> bool {
    match check {
        Check::Content(hash) => content_hash(bytes) == *hash,
        Check::Sha256(hash) => crate::site::edition::hex(&Sha256::digest(bytes)) == *hash,
        Check::Unrecorded | Check::Record => true,
    }
}

fn read(dir: &Path, path: &str) -> Result<Vec<u8>, Box<dyn Error>> {
    let full = dir.join(path);
    Ok(std::fs::read(&full).map_err(|e| format!("cannot read {}: {e}", full.display()))?)
}

fn same_bytes(a: &Path, b: &Path) -> std::io::Result<bool> {
    if std::fs::metadata(a)?.len() != std::fs::metadata(b)?.len() {
        return Ok(false);
    }
    Ok(std::fs::read(a)? == std::fs::read(b)?)
}

/// Writes `bytes` to `to/path` whole: a reader of the mirror sees the old
/// file or the new one, never part of one.
fn write(to: &Path, path: &str, bytes: &[u8]) -> Result<(), Box<dyn Error>> {
    let target = to.join(path);
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let tmp = target.with_extension("mirror-tmp");
    std::fs::write(&tmp, bytes)
        .and_then(|()| std::fs::rename(&tmp, &target))
        .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    Ok(())
}

/// Every file of the source and how it is checked.
fn wanted(from: &Path) -> Result<Vec<Wanted>, Box<dyn Error>> {
    let site = from.join("bundle/manifest.json").is_file();
    let bundle_dir = if site {
        from.join("bundle")
    } else if from.join("manifest.json").is_file() {
        from.to_path_buf()
    } else {
        return Err(format!(
            "{} holds no Broadsheet site or bundle (no bundle/manifest.json, no manifest.json)",
            from.display()
        )
        .into());
    };
    let prefix = if site { "bundle/" } else { "" };
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for file in bundle_files(&bundle_dir)? {
        seen.insert(format!("{prefix}{}", file.path));
        out.push(Wanted {
            path: format!("{prefix}{}", file.path),
            check: Check::Content(file.hash),
            addressed: true,
        });
    }
    if !site {
        out.push(Wanted {
            path: "manifest.json".into(),
            check: Check::Unrecorded,
            addressed: false,
        });
        return Ok(out);
    }
    let sealed = sealed_hashes(from)?;
    let recorded = record::read(from)?;
    for path in walk(from)? {
        if seen.contains(&path) || path.starts_with("bundle/") && path != "bundle/manifest.json" {
            continue;
        }
        if path == GRACE_RECORD || path.ends_with(".mirror-tmp") {
            continue;
        }
        let check = match (sealed.get(&path), recorded.get(&path)) {
            (Some(sha), _) => Check::Sha256(sha.clone()),
            (None, Some(Some(hash))) => Check::Content(hash.clone()),
            _ if path == record::RECORD || path.starts_with(&format!("{}/", record::PARTS)) => {
                Check::Record
            }
            _ => Check::Unrecorded,
        };
        out.push(Wanted {
            path,
            check,
            addressed: false,
        });
    }
    Ok(out)
}

/// Every file the bundle in `dir` names (its manifest aside), reading and
/// checking the tables and search roots that name the rest.
fn bundle_files(dir: &Path) -> Result<Vec<broadsheet_core::ShardRef>, Box<dyn Error>> {
    let files = Folder(dir);
    let manifest = Manifest::decode(&files.bytes("manifest.json")?)
        .map_err(|e| format!("{}: {e}", dir.join("manifest.json").display()))?;
    let decode = |e: broadsheet_core::DecodeError| e.to_string();
    let mut tables = Vec::new();
    let mut roots = Vec::new();
    for s in &manifest.segments {
        tables.push(Segment::from_json(&files.read(&s.table)?).map_err(decode)?);
        roots.push(SearchIndex::from_json(&files.content(&s.search)?).map_err(decode)?);
    }
    Ok(edition::files(&manifest, &tables, &roots))
}

/// The SHA-256 of each file the site's service worker was sealed with
/// (`site/edition.rs`); none when the site has no worker.
fn sealed_hashes(site: &Path) -> Result<HashMap<String, String>, Box<dyn Error>> {
    let Ok(worker) = std::fs::read_to_string(site.join("sw.js")) else {
        return Ok(HashMap::new());
    };
    let start = "const SHA256 = ";
    let Some(at) = worker.find(start) else {
        return Ok(HashMap::new());
    };
    let rest = &worker[at + start.len()..];
    let end = rest
        .find(";\n")
        .ok_or("sw.js: the sealed hashes do not end")?;
    Ok(serde_json::from_str(&rest[..end]).map_err(|e| format!("sw.js: sealed hashes: {e}"))?)
}

/// Every file under `dir`, as paths relative to it with `/`.
fn walk(dir: &Path) -> std::io::Result<Vec<String>> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        for entry in std::fs::read_dir(dir.join(&rel))? {
            let entry = entry?;
            let path = rel.join(entry.file_name());
            if entry.file_type()?.is_dir() {
                stack.push(path);
            } else {
                out.push(path.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out.sort_unstable();
    Ok(out)
}

/// Files of `to` the source no longer has: recorded as unneeded from `now`,
/// removed once `grace` has passed since.
fn settle(
    to: &Path,
    wanted: &[Wanted],
    grace: Duration,
    now: u64,
    done: &mut Mirrored,
) -> Result<(), Box<dyn Error>> {
    let keep: HashSet<&str> = wanted.iter().map(|w| w.path.as_str()).collect();
    let since: HashMap<String, u64> = std::fs::read_to_string(to.join(GRACE_RECORD))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            let (t, p) = l.split_once(' ')?;
            Some((p.to_string(), t.parse().ok()?))
        })
        .collect();
    let mut record = String::new();
    for path in walk(to)? {
        if keep.contains(path.as_str()) || path == GRACE_RECORD || !record::inside(&path) {
            continue;
        }
        let from = since.get(&path).copied().unwrap_or(now);
        if now.saturating_sub(from) >= grace.as_secs() {
            std::fs::remove_file(to.join(&path))?;
            done.removed += 1;
        } else {
            record.push_str(&format!("{from} {path}\n"));
            done.waiting += 1;
        }
    }
    let path = to.join(GRACE_RECORD);
    if record.is_empty() {
        let _ = std::fs::remove_file(path);
    } else {
        write(to, GRACE_RECORD, record.as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_switch_is_written_last() {
        let mut paths = vec![
            "bundle/manifest.json",
            "sw.js",
            "index.html",
            "bundle/head.1.json",
        ];
        paths.sort_by_key(|p| switch_rank(p));
        assert_eq!(
            paths,
            [
                "bundle/head.1.json",
                "index.html",
                "sw.js",
                "bundle/manifest.json"
            ]
        );
    }
}
