//! Source readers: each turns one kind of source file into [`Draft`]s plus
//! diagnostics. The [`Importer`] of a file is forced (`--importer`, or a
//! `[[sources]]` entry of the config), else chosen by extension: Markdown
//! with front matter (`.md`, `.markdown`), plain-text listings (`.txt`),
//! feeds (`.rss`, `.atom`, `.rdf`), saved HTML pages (`.html`, `.htm`, `.xhtml`);
//! else by content (`.xml`, `.json` and files of any other name: feeds,
//! JSON Feeds, HTML pages, front matter).

mod feed;
mod html;
mod listing;
pub mod markdown;
mod render;
mod sniff;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use indicatif::ParallelProgressIterator;
use rayon::prelude::*;

use broadsheet_core::{Date, Direction};

use crate::canon::{self, Canon};
use crate::config::{Config, RemoteImages};
use crate::Diagnostic;

pub use markdown::normalize_language;
pub use sniff::Importer;

/// An article read from a source, checked and sanitized, before it is given
/// its place in a bundle (ids, slugs and term indices come later).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draft {
    /// The source file's path as given (diagnostics name it so).
    pub file: String,
    /// The same path inside its source folder, `/`-separated
    /// (`articles/x.md`): what the bundle records, so a build does not
    /// depend on where the sources lie. Set by [`read_all`].
    pub origin: String,
    pub line: u32,
    pub title: String,
    pub date: Option<Date>,
    pub authors: Vec<String>,
    pub section: Option<String>,
    pub regions: Vec<String>,
    pub countries: Vec<String>,
    pub tags: Vec<String>,
    pub language: String,
    pub dir: Direction,
    /// Plain text teaser.
    pub summary: String,
    pub slug: Option<String>,
    pub id: Option<String>,
    pub translation: Option<String>,
    /// Sanitized HTML.
    pub html: String,
    /// The body as plain text, for the search index.
    pub text: String,
    pub words: u32,
    /// Only a teaser of the article is known (listings).
    pub excerpt: bool,
    /// The title was made from the text's first sentence.
    pub title_derived: bool,
    /// The heading of the listing it came from, placed once every source is
    /// read (see [`place_headings`]).
    pub heading: Option<String>,
    /// Places the source names (JSON-LD `contentLocation`): placed like a
    /// heading, but a place that is neither a country nor a region becomes a
    /// tag, never a section.
    pub places: Vec<String>,
    /// The article's address on its original site (canonical URL, feed
    /// link), if the source gives one.
    pub url: Option<String>,
}

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

impl ReadOptions {
    /// The options for one file: the config's `[[sources]]` entry holding
    /// it gives its language, and its section and importer unless the
    /// command line forced them.
    fn for_file(&self, file: &Path, config: &Config) -> ReadOptions {
        let mut options = self.clone();
        if let Some(source) = config.source_for(file) {
            if let Some(language) = &source.language {
                options.default_language = language.clone();
            }
            options.section = options.section.or_else(|| source.section.clone());
            options.importer = options.importer.or(source.importer);
        }
        options
    }
}

/// A stable article id from a source's own key for it (a feed entry's id,
/// a page's canonical URL): the same key gives the same id in every build.
fn stable_id(key: &str) -> String {
    broadsheet_core::content_hash(key.as_bytes())[..12].to_string()
}

/// What one file gave.
#[derive(Debug, Default)]
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

/// Reads every source path (files, or folders searched recursively), in
/// sorted order so builds are deterministic, then files listing headings and
/// applies the config's taxonomy.
pub fn read_all(paths: &[PathBuf], options: &ReadOptions, config: &Config) -> Harvest {
    let mut harvest = Harvest::default();
    for root in paths {
        let mut files = Vec::new();
        if root.is_dir() {
            collect_sources(root, &mut files, &mut harvest.diagnostics);
        } else if root.is_file() {
            files.push((root.clone(), true));
        } else {
            harvest
                .diagnostics
                .push(Diagnostic::error(root, 1, "no such file or folder"));
            continue;
        }
        files.sort();
        // Parsing and sanitizing dominate a build: one file per task, results
        // kept in file order so the output does not depend on scheduling.
        // A progress bar on long runs (drawn only when stderr is a terminal).
        let progress = crate::progress::bar(files.len(), "reading", "files");
        let read: Vec<Option<Read>> = files
            .par_iter()
            .progress_with(progress)
            .map(|(file, named)| read_file(file, *named, &options.for_file(file, config)))
            .collect();
        for read in read {
            let Some(mut read) = read else {
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
    for draft in &mut harvest.drafts {
        check_url(draft, &mut harvest.diagnostics);
    }
    let canon = Canon::new(&config.taxonomy);
    place_headings(&mut harvest.drafts, &canon);
    canon.apply(&mut harvest.drafts, &mut harvest.diagnostics);
    let images: Option<fn(&str) -> String> = match config.images.remote {
        RemoteImages::Strip => Some(crate::sanitize::strip_images),
        RemoteImages::Link => Some(crate::sanitize::link_images),
        RemoteImages::Keep => None,
    };
    if let Some(images) = images {
        harvest
            .drafts
            .par_iter_mut()
            .for_each(|d| d.html = images(&d.html));
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

/// An article's original address is shown as a link: only absolute `http`
/// and `https` URLs are kept (never `javascript:`, `data:` or relative ones).
fn check_url(draft: &mut Draft, diags: &mut Vec<Diagnostic>) {
    let Some(url) = draft.url.take() else {
        return;
    };
    match ammonia::Url::parse(&url) {
        Ok(parsed) if matches!(parsed.scheme(), "http" | "https") => {
            draft.url = Some(parsed.to_string());
        }
        _ => diags.push(Diagnostic::warning(
            Path::new(&draft.file),
            draft.line,
            format!("`{url}` is not an absolute http(s) address; the article's url is left out"),
        )),
    }
}

/// Reads one file with its importer; `None` when no importer recognises it
/// (only files met in a folder walk: a file named on the command line is
/// always read, and reported when it cannot be).
fn read_file(file: &Path, named: bool, options: &ReadOptions) -> Option<Read> {
    let display = display_path(file);
    let path = Path::new(&display);
    let importer = match options.importer {
        Some(importer) => importer,
        None => match Importer::detect(file) {
            Ok(Some(importer)) => importer,
            Ok(None) if named => {
                return Some(Read::failed(Diagnostic::error(
                    path,
                    1,
                    "not a source this builder recognises: name it .md, .txt, .rss, \
                     .atom, .json or .html, or choose an importer with --importer",
                )))
            }
            Ok(None) => return None,
            Err(e) => {
                return Some(Read::failed(Diagnostic::error(
                    path,
                    1,
                    format!("cannot read file: {e}"),
                )))
            }
        },
    };
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(e) => {
            return Some(Read::failed(Diagnostic::error(
                path,
                1,
                format!("cannot read file: {e}"),
            )))
        }
    };
    // A parser bug must cost one file, not the build: a panic in an importer
    // (or the libraries under it) becomes that file's error.
    let read = std::panic::catch_unwind(|| importer.read(&display, &bytes, options));
    Some(read.unwrap_or_else(|panic| {
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
    }))
}

/// A listing's heading names what its entries are about: a country or a
/// region when the config's taxonomy or other articles of the archive use
/// it as one (“Sri Lanka”, “Kashmir”), else their section.
fn place_headings(drafts: &mut [Draft], canon: &Canon) {
    let known = |pick: fn(&Draft) -> &[String]| -> HashSet<String> {
        drafts
            .iter()
            .flat_map(|d| pick(d).iter().map(|v| canon::key(v)))
            .collect()
    };
    let countries = known(|d| &d.countries);
    let regions = known(|d| &d.regions);
    for draft in drafts.iter_mut() {
        let place = |draft: &mut Draft, label: String| -> Option<String> {
            let key = canon::key(&label);
            if countries.contains(&key) || canon.is_country(&key) {
                draft.countries.push(label);
            } else if regions.contains(&key) || canon.is_region(&key) {
                draft.regions.push(label);
            } else {
                return Some(label);
            }
            None
        };
        if let Some(heading) = draft.heading.take() {
            if let Some(unplaced) = place(draft, heading) {
                draft.section.get_or_insert(unplaced);
            }
        }
        for label in std::mem::take(&mut draft.places) {
            if let Some(unplaced) = place(draft, label) {
                draft.tags.push(unplaced);
            }
        }
    }
}

/// Every file under `dir` but hidden ones and the config; whether an
/// importer wants each is decided when it is read.
fn collect_sources(dir: &Path, out: &mut Vec<(PathBuf, bool)>, diags: &mut Vec<Diagnostic>) {
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
        if name.to_string_lossy().starts_with('.') || name == crate::config::FILE_NAME {
            continue;
        }
        if path.is_dir() {
            collect_sources(&path, out, diags);
        } else {
            out.push((path, false));
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_become_countries_regions_or_sections() {
        let options = ReadOptions::default();
        let (article, _) = markdown::read(
            "a.md",
            b"---\ntitle: A\ncountry: Sri Lanka\nregion: South Asia\n---\nText.\n",
            &options,
        );
        let mut drafts: Vec<Draft> = article.into_iter().collect();
        for heading in ["sri lanka", "South Asia", "Reports"] {
            let text =
                format!("{heading}\n\nTitle\n\nTeaser [\u{2026}]\n\nLast\n\nTeaser [\u{2026}]\n");
            drafts.extend(listing::read("l.txt", text.as_bytes(), &options).drafts);
        }
        place_headings(&mut drafts, &Canon::default());
        let placed: Vec<(Vec<String>, Vec<String>, Option<String>)> = drafts[1..]
            .iter()
            .step_by(2)
            .map(|d| (d.countries.clone(), d.regions.clone(), d.section.clone()))
            .collect();
        assert_eq!(
            placed,
            [
                (vec!["sri lanka".into()], vec![], None),
                (vec![], vec!["South Asia".into()], None),
                (vec![], vec![], Some("Reports".into())),
            ]
        );
    }
}
