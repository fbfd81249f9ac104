//! Source readers: each turns one kind of source file into [`Draft`]s plus
//! diagnostics. The [`Importer`] of a file is forced (`--importer`, or a
//! `[[sources]]` entry of the config), else chosen by extension: Markdown
//! with front matter (`.md`, `.markdown`), plain-text listings (`.txt`),
//! feeds (`.rss`, `.atom`, `.rdf`), saved HTML pages (`.html`, `.htm`, `.xhtml`);
//! else by content (`.xml`, `.json` and files of any other name: feeds,
//! JSON Feeds, HTML pages, front matter).

pub mod cache;
mod feed;
mod html;
pub mod markdown;
pub mod plaintext;
mod render;
mod sniff;

use std::path::{Path, PathBuf};

use indicatif::ParallelProgressIterator;
use rayon::prelude::*;

use crate::Diagnostic;

pub use cache::SourceCache;
pub use sniff::Importer;

pub use crate::draft::Draft;

/// What reading the sources produced: drafts in a deterministic order, and
/// every problem found on the way.
#[derive(Debug, Default)]
pub struct Harvest {
    pub drafts: Vec<Draft>,
    pub diagnostics: Vec<Diagnostic>,
    /// Source files read (including ones that gave no article).
    pub files: usize,
    /// Files in source folders that no importer recognised.
    pub ignored: usize,
    /// Articles (or whole files) left out because of an error.
    pub skipped: usize,
}

/// Options every source reader shares.
#[derive(Clone, Debug)]
pub struct ReadOptions {
    /// Language of articles that do not say.
    pub default_language: String,
    /// Section of articles that do not name one (and of listing entries,
    /// over a listing's own heading).
    pub section: Option<String>,
    /// Read every file with this importer, whatever its name or content.
    pub importer: Option<Importer>,
}

impl Default for ReadOptions {
    /// English, no section, importers chosen per file: the command line's
    /// defaults.
    fn default() -> ReadOptions {
        ReadOptions {
            default_language: "en".into(),
            section: None,
            importer: None,
        }
    }
}

/// A stable article id from a source's own key for it (a feed entry's id,
/// a page's canonical URL): the same key gives the same id in every build.
fn stable_id(key: &str) -> String {
    broadsheet_core::content_hash(key.as_bytes())[..12].to_string()
}

/// What one file gave.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Read {
    pub drafts: Vec<Draft>,
    pub diagnostics: Vec<Diagnostic>,
    /// Articles (or the whole file) left out because of an error.
    pub skipped: usize,
}

impl Read {
    /// What a file that gives whole articles gave: when it has errors and no
    /// article, the file is counted as skipped.
    fn of(drafts: Vec<Draft>, diagnostics: Vec<Diagnostic>) -> Read {
        let failed = drafts.is_empty()
            && diagnostics
                .iter()
                .any(|d| d.severity == crate::Severity::Error);
        Read {
            drafts,
            diagnostics,
            skipped: usize::from(failed),
        }
    }

    /// The articles and the problems, for callers that need no count.
    pub fn into_parts(self) -> (Vec<Draft>, Vec<Diagnostic>) {
        (self.drafts, self.diagnostics)
    }

    /// The file could not be read at all.
    fn failed(diagnostic: Diagnostic) -> Read {
        Read {
            drafts: Vec::new(),
            diagnostics: vec![diagnostic],
            skipped: 1,
        }
    }
}

/// Reads every source path (files, or folders searched recursively, hidden
/// files and those named in `skip` left out), in sorted order so builds are
/// deterministic. `options_for` gives each file's options (the config's
/// `[[sources]]` entry holding it). Files whose bytes and options are those
/// `cache` holds are not parsed again; the cache is saved with what every
/// file gave. Import only: nothing is checked across
/// files or against the config here; that is the normalize stage's work.
pub fn read_all(
    paths: &[PathBuf],
    options_for: &(dyn Fn(&Path) -> ReadOptions + Sync),
    skip: &[&str],
    cache: &SourceCache,
) -> Harvest {
    let mut harvest = Harvest::default();
    let mut all: Vec<Vec<Option<Cached>>> = Vec::new();
    for root in paths {
        let mut files = Vec::new();
        if root.is_dir() {
            collect_sources(root, skip, &mut files, &mut harvest.diagnostics);
        } else if root.is_file() {
            files.push((root.clone(), true));
        } else {
            harvest
                .diagnostics
                .push(Diagnostic::error(root, 1, "no such file or folder"));
        }
        files.sort();
        // Parsing and sanitizing dominate a build: one file per task, results
        // kept in file order so the output does not depend on scheduling.
        // A progress bar on long runs (drawn only when stderr is a terminal).
        let progress = crate::progress::bar(files.len(), "reading", "files");
        all.push(
            files
                .par_iter()
                .progress_with(progress)
                .map(|(file, named)| read_file(file, *named, &options_for(file), cache))
                .collect(),
        );
    }
    crate::progress::lap("files read");
    let saved = cache.save(all.iter().flatten().flatten().filter_map(|cached| {
        let (file, key) = cached.key.as_ref()?;
        Some(cache::Kept {
            file,
            key,
            how: &cached.how,
            stamp: cached.stamp,
            read: &cached.read,
            record: cached.record,
        })
    }));
    crate::progress::lap("source cache saved");
    harvest.diagnostics.extend(
        cache
            .problem
            .iter()
            .map(|problem| Diagnostic::warning(cache.path(), 1, problem.clone())),
    );
    if let Err(e) = saved {
        harvest.diagnostics.push(Diagnostic::warning(
            cache.path(),
            1,
            format!("the source cache could not be saved ({e}); the next build reads every source again"),
        ));
    }
    for (reads, root) in all.into_iter().zip(paths) {
        for cached in reads {
            let Some(Cached { mut read, .. }) = cached else {
                harvest.ignored += 1;
                continue;
            };
            for draft in &mut read.drafts {
                draft.origin = origin(root, &draft.file);
            }
            harvest.files += 1;
            harvest.skipped += read.skipped;
            harvest.diagnostics.extend(read.diagnostics);
            harvest.drafts.extend(read.drafts);
        }
    }
    harvest
}

/// `file` inside the source folder `root` (a file named alone: its name).
fn origin(root: &Path, file: &str) -> String {
    let file = Path::new(file);
    let inside = file
        .strip_prefix(root)
        .ok()
        .filter(|p| !p.as_os_str().is_empty())
        .or_else(|| file.file_name().map(Path::new))
        .unwrap_or(file);
    inside
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// What one file gave, and the key to keep it under in the source cache
/// (none when the file could not be read at all: that may pass).
struct Cached {
    read: Read,
    key: Option<(String, cache::Key)>,
    how: cache::How,
    /// The file's size and time, when they can stand for its bytes.
    stamp: Option<cache::Stamp>,
    /// To be recorded in the cache: read by its importer, or taken from
    /// the cache by its bytes under another stamp.
    record: bool,
}

impl From<Read> for Cached {
    fn from(read: Read) -> Cached {
        Cached {
            read,
            key: None,
            how: cache::How::default(),
            stamp: None,
            record: true,
        }
    }
}

/// Reads one file with its importer, or takes what it gave last time from
/// `cache` when its bytes and options are the same; `None` when no importer
/// recognises it (only files met in a folder walk: a file named on the
/// command line is always read, and reported when it cannot be).
fn read_file(
    file: &Path,
    named: bool,
    options: &ReadOptions,
    cache: &SourceCache,
) -> Option<Cached> {
    let display = display_path(file);
    let path = Path::new(&display);
    let importer = match options.importer {
        Some(importer) => importer,
        None => match Importer::detect(file) {
            Ok(Some(importer)) => importer,
            Ok(None) if named => {
                return Some(
                    Read::failed(Diagnostic::error(
                        path,
                        1,
                        "not a source this builder recognises: name it .md, .txt, .rss, \
                         .atom, .json or .html, or choose an importer with --importer",
                    ))
                    .into(),
                )
            }
            Ok(None) => return None,
            Err(e) => {
                return Some(
                    Read::failed(Diagnostic::error(path, 1, format!("cannot read file: {e}")))
                        .into(),
                )
            }
        },
    };
    let how = SourceCache::how(importer, options);
    let stamp = std::fs::metadata(file)
        .ok()
        .and_then(|meta| cache::Stamp::of(&meta, cache::Stamp::now()));
    if let Some((key, read)) = stamp.and_then(|s| cache.take_unchanged(&display, &how, s)) {
        return Some(Cached {
            read,
            key: Some((display, key)),
            how,
            stamp,
            record: false,
        });
    }
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(e) => {
            return Some(
                Read::failed(Diagnostic::error(path, 1, format!("cannot read file: {e}"))).into(),
            )
        }
    };
    let key = SourceCache::key(&bytes, &how);
    if let Some((read, recorded)) = cache.take(&display, &key) {
        return Some(Cached {
            read,
            key: Some((display, key)),
            how,
            stamp,
            record: recorded != stamp,
        });
    }
    // A parser bug must cost one file, not the build: a panic in an importer
    // (or the libraries under it) becomes that file's error.
    let read = std::panic::catch_unwind(|| importer.read(&display, &bytes, options));
    let read = read.unwrap_or_else(|panic| {
        let why = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Read::failed(Diagnostic::error(
            path,
            1,
            format!("the {importer:?} importer failed on this file ({why}); skipped"),
        ))
    });
    Some(Cached {
        read,
        key: Some((display, key)),
        how,
        stamp,
        record: true,
    })
}

/// Every file under `dir` but hidden ones and those named in `skip`;
/// whether an importer wants each is decided when it is read.
fn collect_sources(
    dir: &Path,
    skip: &[&str],
    out: &mut Vec<(PathBuf, bool)>,
    diags: &mut Vec<Diagnostic>,
) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            diags.push(Diagnostic::error(
                dir,
                1,
                format!("cannot read folder: {e}"),
            ));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || skip.contains(&name.as_ref()) {
            continue;
        }
        // The folder listing says what each entry is; a link is followed.
        let is_dir = match entry.file_type() {
            Ok(kind) if !kind.is_symlink() => kind.is_dir(),
            _ => path.is_dir(),
        };
        if is_dir {
            if !is_saved_page_folder(&path) {
                collect_sources(&path, skip, out, diags);
            }
        } else {
            out.push((path, false));
        }
    }
}

/// Is `dir` the folder a browser saves a page's pictures and scripts in
/// (`Page_files/` beside `Page.html`)? Its files belong to that page (the
/// pictures stage finds them from it); none is an article, whatever
/// importer the folder's sources are read with.
fn is_saved_page_folder(dir: &Path) -> bool {
    let Some(page) = dir
        .file_name()
        .and_then(|n| n.to_str()?.strip_suffix("_files"))
    else {
        return false;
    };
    ["html", "htm"]
        .iter()
        .any(|ext| dir.with_file_name(format!("{page}.{ext}")).is_file())
}

/// The text of a source file (a byte-order mark dropped), or an error naming
/// the line where it stops being UTF-8.
fn utf8<'a>(path: &Path, bytes: &'a [u8], diags: &mut Vec<Diagnostic>) -> Option<&'a str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(text.strip_prefix('\u{feff}').unwrap_or(text)),
        Err(e) => {
            let line = crate::text::line_of_offset(bytes, e.valid_up_to());
            diags.push(Diagnostic::error(path, line, "file is not valid UTF-8"));
            None
        }
    }
}

/// The path shown in diagnostics and stored as provenance: as the user named
/// it (folder walks join onto the named root), with `/` separators.
fn display_path(file: &Path) -> String {
    let mut out = String::new();
    for component in file.components() {
        if !(out.is_empty() || out.ends_with('/')) {
            out.push('/');
        }
        match component {
            std::path::Component::RootDir => out.push('/'),
            other => out.push_str(&other.as_os_str().to_string_lossy()),
        }
    }
    out
}
