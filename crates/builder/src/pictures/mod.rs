//! The pictures stage: an article's local images travel with the archive.
//! Every `<img>` of a sanitized body whose address is relative (a Markdown
//! `![alt](img/x.jpg)`, a saved page's `Page_files/x.jpg`) is looked for
//! beside its source file, inside the source folder; found, it is made
//! into a few widths without its metadata (`encode.rs`), written into the
//! bundle's `images/` folder named by content, and the tag rewritten
//! (`markup.rs`: `srcset`, `width`/`height`, lazy loading, a `<figure>`
//! with the Markdown title as its caption). A picture that is missing,
//! broken or too large costs that picture and a warning naming the file,
//! never the build. Pictures made by an earlier build are not made again
//! (`cache.rs`).
//!
//! Other hosts' images were settled before (`[images] remote`, in the
//! normalize stage); this stage leaves absolute addresses alone.

mod cache;
mod encode;
mod markup;

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};

use broadsheet_core::pictures::Thumb;
use rayon::prelude::*;

pub use cache::PictureCache;
use cache::{Key, Made};
pub use markup::Inline;

use crate::draft::Draft;
use crate::emit::DiskSink;
use crate::Diagnostic;

/// Pictures made at once: the memory a batch holds is bounded.
const BATCH: usize = 16;

/// What the stage did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Distinct source pictures shown.
    pub pictures: usize,
    /// Of them, made by this build (the rest were an earlier build's).
    pub made: usize,
    /// Bytes of every file made of them.
    pub bytes: u64,
}

/// A local picture one body names.
struct Mention {
    /// The address as the body spells it (escaped).
    src: String,
    /// The file it names, or why there is none.
    file: Result<PathBuf, String>,
}

/// Finds, makes and writes every local picture of `drafts` into `sink`,
/// and rewrites their tags; with `thumbnails`, each article's first
/// picture also gives its card a small one ([`Draft::thumb`]).
pub fn run(
    drafts: &mut [Draft],
    sink: &mut DiskSink,
    cache: &mut PictureCache,
    diags: &mut Vec<Diagnostic>,
    thumbnails: bool,
) -> io::Result<Report> {
    let mentions: Vec<Vec<Mention>> = drafts.par_iter().map(mentions).collect();
    // Each file read once, however many articles show it.
    let files: HashSet<PathBuf> = mentions
        .iter()
        .flatten()
        .filter_map(|m| m.file.as_ref().ok().cloned())
        .collect();
    // Hashed, not kept: a large archive's pictures never sit in memory.
    let read: HashMap<PathBuf, Result<Key, String>> = files
        .into_par_iter()
        .map(|path| {
            let key = std::fs::read(&path)
                .map(|b| *blake3::hash(&b).as_bytes())
                .map_err(|e| format!("cannot read it: {e}"));
            (path, key)
        })
        .collect();
    let key_of = |m: &Mention| -> Option<Key> {
        let path = m.file.as_ref().ok()?;
        read[path].as_ref().ok().copied()
    };
    // The pictures that give a card its thumbnail: each article's first,
    // made with its widths from one decoding.
    let wanted: HashSet<Key> = mentions
        .iter()
        .filter_map(|ms| ms.iter().find_map(key_of))
        .filter(|_| thumbnails)
        .collect();
    // Each picture made once, however many files hold it.
    let mut todo: Vec<Job> = Vec::new();
    let mut done: HashMap<Key, Result<Vec<Made>, String>> = HashMap::new();
    let mut thumbs: HashMap<Key, Made> = HashMap::new();
    let mut paths: Vec<(&PathBuf, &Key)> = read
        .iter()
        .filter_map(|(path, key)| key.as_ref().ok().map(|k| (path, k)))
        .collect();
    paths.sort_unstable();
    let mut paths_of: HashMap<Key, &Path> = HashMap::new();
    for (path, key) in paths {
        if paths_of.insert(*key, path).is_some() {
            continue;
        }
        let widths = kept(cache, sink, key);
        let thumb = match wanted.contains(key) {
            true => kept_thumb(cache, sink, key),
            false => None,
        };
        let job = Job {
            key: *key,
            path,
            widths: widths.is_none(),
            thumb: wanted.contains(key) && thumb.is_none(),
        };
        if let Some(made) = widths {
            done.insert(*key, Ok(made));
        }
        if let Some(made) = thumb {
            thumbs.insert(*key, made);
        }
        if job.widths || job.thumb {
            todo.push(job);
        }
    }
    let mut report = Report {
        made: todo.len(),
        ..Report::default()
    };
    make(todo, sink, &mut done, &mut thumbs)?;
    // An article whose first picture could not be made takes its card's
    // thumbnail from the first one that was.
    let first: Vec<Option<Key>> = mentions
        .iter()
        .map(|ms| {
            let shown = |k: &Key| matches!(done.get(k), Some(Ok(_)));
            ms.iter()
                .filter_map(key_of)
                .find(shown)
                .filter(|_| thumbnails)
        })
        .collect();
    let mut later: Vec<Job> = Vec::new();
    for key in first.iter().flatten() {
        if thumbs.contains_key(key) || later.iter().any(|job| job.key == *key) {
            continue;
        }
        match kept_thumb(cache, sink, key) {
            Some(made) => {
                thumbs.insert(*key, made);
            }
            None => later.push(Job {
                key: *key,
                path: paths_of[key],
                widths: false,
                thumb: true,
            }),
        }
    }
    make(later, sink, &mut done, &mut thumbs)?;
    for (key, made) in &done {
        if let Ok(made) = made {
            report.pictures += 1;
            report.bytes += made.iter().map(|m| m.bytes).sum::<u64>();
            cache.put(*key, made.clone());
        }
    }
    for (key, made) in &thumbs {
        report.bytes += made.bytes;
        cache.put(thumb_key(key), vec![made.clone()]);
    }
    for ((draft, mentions), first) in drafts.iter_mut().zip(mentions).zip(first) {
        draft.thumb = None;
        if mentions.is_empty() {
            continue;
        }
        let mut shown = HashMap::new();
        for mention in mentions {
            let made = mention.file.and_then(|path| match &read[&path] {
                Ok(key) => done[key].clone(),
                Err(problem) => Err(problem.clone()),
            });
            match made {
                Ok(made) => {
                    shown.insert(mention.src, made);
                }
                // Named by the file whose text shows it (a merged
                // duplicate's kept text may come from another file).
                Err(problem) => diags.push(Diagnostic::warning(
                    Path::new(draft.body_file.as_ref().unwrap_or(&draft.file)),
                    if draft.body_file.is_some() {
                        1
                    } else {
                        draft.line
                    },
                    format!(
                        "picture `{}`: {problem}; it is left out (its description stays)",
                        unescape(&mention.src)
                    ),
                )),
            }
        }
        let (html, used) = markup::rewrite(&draft.html, &shown);
        draft.html = html;
        draft.pictures = used.into_iter().map(Made::to_ref).collect();
        draft.thumb = first.and_then(|key| thumbs.get(&key)).map(|made| {
            draft.pictures.push(made.to_ref());
            Thumb {
                path: made.path.clone(),
                width: made.width,
                height: made.height,
            }
        });
    }
    Ok(report)
}

/// Makes what `jobs` ask for, 16 at a time, into `sink`: widths into
/// `done` (or why they could not be made), thumbnails into `thumbs`.
fn make(
    mut jobs: Vec<Job>,
    sink: &mut DiskSink,
    done: &mut HashMap<Key, Result<Vec<Made>, String>>,
    thumbs: &mut HashMap<Key, Made>,
) -> io::Result<()> {
    jobs.sort_unstable_by_key(|job| job.key);
    for batch in jobs.chunks(BATCH) {
        let encoded: Vec<(&Job, Result<encode::Outputs, String>)> = batch
            .par_iter()
            .map(|job| {
                let made = std::fs::read(job.path)
                    .map_err(|e| format!("cannot read it: {e}"))
                    .and_then(|bytes| encode::make(&bytes, job.widths, job.thumb));
                (job, made)
            })
            .collect();
        for (job, outputs) in encoded {
            match outputs {
                Ok(outputs) => {
                    if job.widths {
                        done.insert(job.key, Ok(write(outputs.widths, sink)?));
                    }
                    if let Some(thumb) = outputs.thumb {
                        let made = write(vec![thumb], sink)?.remove(0);
                        thumbs.insert(job.key, made);
                    }
                }
                Err(problem) if job.widths => {
                    done.insert(job.key, Err(problem));
                }
                // A picture made before that cannot be made small now (it
                // changed on disk since): still shown, its card without.
                Err(_) => {}
            }
        }
    }
    Ok(())
}

/// One source picture to make: its widths, its thumbnail or both.
struct Job<'a> {
    key: Key,
    path: &'a Path,
    widths: bool,
    thumb: bool,
}

/// What an earlier build made of `key`, if the bundle folder still holds
/// every file of it (kept in `sink` then).
fn kept(cache: &PictureCache, sink: &mut DiskSink, key: &Key) -> Option<Vec<Made>> {
    let made = cache.get(key)?;
    if !made.iter().all(|m| sink.holds(&m.path, m.bytes)) {
        return None;
    }
    for m in made {
        sink.keep(m.path.clone(), m.bytes);
    }
    Some(made.to_vec())
}

/// The thumbnail an earlier build made of the picture `key`, as [`kept`].
fn kept_thumb(cache: &PictureCache, sink: &mut DiskSink, key: &Key) -> Option<Made> {
    kept(cache, sink, &thumb_key(key)).and_then(|made| made.into_iter().next())
}

/// The cache's key for the thumbnail of the picture `key`.
fn thumb_key(key: &Key) -> Key {
    let mut hasher = blake3::Hasher::new();
    hasher.update(encode::THUMB_SETTINGS.as_bytes());
    hasher.update(key);
    *hasher.finalize().as_bytes()
}

/// The single-file copy's bodies: every picture carried inside the page
/// as `mode` says (`files`: the files [`run`] made, by path), none left
/// for the bundle to name.
pub fn inline(drafts: &mut [Draft], files: &HashMap<String, Vec<u8>>, mode: Inline) {
    use base64::Engine as _;
    let data = |path: &str| {
        let bytes = files.get(path)?;
        let kind = if path.ends_with(".webp") {
            "webp"
        } else {
            "jpeg"
        };
        let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
        Some(format!("data:image/{kind};base64,{encoded}"))
    };
    drafts.par_iter_mut().for_each(|draft| {
        if !draft.pictures.is_empty() {
            draft.html = markup::inline(&draft.html, mode, &data);
            draft.pictures.clear();
        }
        // A card's thumbnail, if the pictures stage made one (`pack`
        // asks for them with whole pictures only).
        draft.thumb = (draft.thumb.take())
            .and_then(|thumb| data(&thumb.path).map(|path| Thumb { path, ..thumb }));
    });
}

/// Writes a picture's files, each named by its content.
fn write(variants: Vec<encode::Variant>, sink: &mut DiskSink) -> io::Result<Vec<Made>> {
    variants
        .into_iter()
        .map(|v| {
            let hash = broadsheet_core::content_hash(&v.bytes);
            let path = format!(
                "{}{hash}.{}",
                broadsheet_core::pictures::FOLDER,
                v.extension
            );
            sink.put(path.clone(), &v.bytes)?;
            Ok(Made {
                path,
                hash,
                bytes: v.bytes.len() as u64,
                width: v.width,
                height: v.height,
            })
        })
        .collect()
}

/// The local pictures a draft's body names, each address once.
fn mentions(draft: &Draft) -> Vec<Mention> {
    let mut seen = HashSet::new();
    markup::image_sources(&draft.html)
        .into_iter()
        .filter(|src| is_local(src) && seen.insert(src.clone()))
        .map(|src| Mention {
            file: locate(draft, &unescape(&src)),
            src,
        })
        .collect()
}

/// Whether an address names a file beside the source rather than a host:
/// no scheme, not `//host/…`.
pub(crate) fn is_local(src: &str) -> bool {
    let src = src.trim();
    if src.is_empty() || src.starts_with("//") || src.starts_with('#') {
        return false;
    }
    match src.find(':') {
        Some(colon) => src[..colon].contains(['/', '?', '#']),
        None => true,
    }
}

/// The attribute text the sanitizer escaped, as written.
fn unescape(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The file a local address names: relative to the source file's folder
/// (`/`-rooted: to the source folder), percent-escapes decoded, query and
/// fragment dropped. It must lie inside the source folder the article was
/// found in.
fn locate(draft: &Draft, src: &str) -> Result<PathBuf, String> {
    let file = absolute(Path::new(draft.body_file.as_ref().unwrap_or(&draft.file)));
    let root = source_root(&file, &draft.origin);
    let src = src.split(['?', '#']).next().unwrap_or_default();
    let (base, src) = match src.strip_prefix('/') {
        Some(rooted) => (root.clone(), rooted),
        None => (
            file.parent().map(Path::to_path_buf).unwrap_or_default(),
            src,
        ),
    };
    let not_found = || format!("not found beside {}", file.display());
    let base = ammonia::Url::from_directory_path(&base).map_err(|()| not_found())?;
    let path = base
        .join(src)
        .ok()
        .and_then(|url| url.to_file_path().ok())
        .ok_or_else(not_found)?;
    if !path.starts_with(&root) {
        return Err(format!(
            "outside the source folder {} (only pictures inside it are published)",
            root.display()
        ));
    }
    if !path.is_file() {
        return Err(format!("not found (looked for {})", path.display()));
    }
    Ok(path)
}

/// `path` made absolute without touching the disk for anything else.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The source folder: the source file's path without the part inside it
/// (`Draft::origin`), or the file's own folder.
fn source_root(file: &Path, origin: &str) -> PathBuf {
    let depth = origin.split('/').filter(|p| !p.is_empty()).count();
    let mut root = file.to_path_buf();
    if depth == 0 || !file.ends_with(origin) {
        root.pop();
        return root;
    }
    for _ in 0..depth {
        root.pop();
    }
    root
}

#[cfg(test)]
mod tests;
