//! Source readers: each turns one kind of source file into [`Draft`]s plus
//! diagnostics, chosen by extension: Markdown with front matter (`.md`,
//! `.markdown`), plain-text listings (`.txt`) and feeds (`.rss`, `.atom`,
//! `.xml`, and `.json` files that are JSON Feeds).

mod feed;
mod listing;
pub mod markdown;
mod render;

use std::path::{Path, PathBuf};

use indicatif::ParallelProgressIterator;
use rayon::prelude::*;

use broadsheet_core::{Date, Direction};

use crate::Diagnostic;

/// An article read from a source, checked and sanitized, before it is given
/// its place in a bundle (ids, slugs and term indices come later).
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    /// Path relative to the source root, with `/` separators.
    pub file: String,
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
}

/// What reading the sources produced: drafts in a deterministic order, and
/// every problem found on the way.
#[derive(Debug, Default)]
pub struct Harvest {
    pub drafts: Vec<Draft>,
    pub diagnostics: Vec<Diagnostic>,
    /// Source files read (including ones that gave no article).
    pub files: usize,
}

/// Options every source reader shares.
#[derive(Clone, Debug)]
pub struct ReadOptions {
    /// Language of articles that do not say.
    pub default_language: String,
    /// Section of listing entries (over a listing's own heading).
    pub section: Option<String>,
}

impl Default for ReadOptions {
    /// English, no section: the command line's defaults.
    fn default() -> ReadOptions {
        ReadOptions {
            default_language: "en".into(),
            section: None,
        }
    }
}

/// Reads every source path (files, or folders searched recursively for
/// `.md`/`.markdown`/`.txt`), in sorted order so builds are deterministic.
pub fn read_all(paths: &[PathBuf], options: &ReadOptions) -> Harvest {
    let mut harvest = Harvest::default();
    for root in paths {
        let mut files = Vec::new();
        if root.is_dir() {
            collect_sources(root, &mut files, &mut harvest.diagnostics);
        } else if root.is_file() {
            files.push(root.clone());
        } else {
            harvest
                .diagnostics
                .push(Diagnostic::error(root, 1, "no such file or folder"));
            continue;
        }
        files.sort();
        harvest.files += files.len();
        // Parsing and sanitizing dominate a build: one file per task, results
        // kept in file order so the output does not depend on scheduling.
        // A progress bar on long runs (drawn only when stderr is a terminal).
        let progress = crate::progress::bar(files.len(), "reading", "files");
        let read: Vec<(Vec<Draft>, Vec<Diagnostic>)> = files
            .par_iter()
            .progress_with(progress)
            .map(|file| {
                let display = display_path(file);
                match std::fs::read(file) {
                    Ok(bytes) => match Kind::of(file, &bytes) {
                        Some(Kind::Listing) => listing::read(&display, &bytes, options),
                        Some(Kind::Feed) => feed::read(&display, &bytes, options),
                        Some(Kind::Markdown) => {
                            let (draft, diags) = markdown::read(&display, &bytes, options);
                            (draft.into_iter().collect(), diags)
                        }
                        None => (Vec::new(), Vec::new()),
                    },
                    Err(e) => (
                        Vec::new(),
                        vec![Diagnostic::error(
                            Path::new(&display),
                            1,
                            format!("cannot read file: {e}"),
                        )],
                    ),
                }
            })
            .collect();
        for (drafts, diags) in read {
            harvest.diagnostics.extend(diags);
            harvest.drafts.extend(drafts);
        }
    }
    place_headings(&mut harvest.drafts);
    harvest
}

/// A listing's heading names what its entries are about: a country or a
/// region when other articles of the archive use it as one (“Sri Lanka”,
/// “Kashmir”), else their section.
fn place_headings(drafts: &mut [Draft]) {
    let known = |pick: fn(&Draft) -> &[String]| -> std::collections::HashSet<String> {
        drafts
            .iter()
            .flat_map(|d| pick(d).iter().map(|v| v.to_lowercase()))
            .collect()
    };
    let countries = known(|d| &d.countries);
    let regions = known(|d| &d.regions);
    for draft in drafts.iter_mut() {
        let Some(heading) = draft.heading.take() else {
            continue;
        };
        let key = heading.to_lowercase();
        if countries.contains(&key) {
            draft.countries.push(heading);
        } else if regions.contains(&key) {
            draft.regions.push(heading);
        } else if draft.section.is_none() {
            draft.section = Some(heading);
        }
    }
}

fn collect_sources(dir: &Path, out: &mut Vec<PathBuf>, diags: &mut Vec<Diagnostic>) {
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
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect_sources(&path, out, diags);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("md" | "markdown" | "txt" | "rss" | "atom" | "xml" | "json")
        ) {
            out.push(path);
        }
    }
}

/// The kinds of source file, by extension (and, for `.json`, by content:
/// only JSON Feeds are sources).
enum Kind {
    Markdown,
    Listing,
    Feed,
}

impl Kind {
    fn of(file: &Path, bytes: &[u8]) -> Option<Kind> {
        match file.extension().and_then(|e| e.to_str()) {
            Some("txt") => Some(Kind::Listing),
            Some("rss" | "atom" | "xml") => Some(Kind::Feed),
            Some("json") => feed::is_json_feed(bytes).then_some(Kind::Feed),
            _ => Some(Kind::Markdown),
        }
    }
}

/// The text of a source file (a byte-order mark dropped), or an error naming
/// the line where it stops being UTF-8.
fn utf8<'a>(path: &Path, bytes: &'a [u8], diags: &mut Vec<Diagnostic>) -> Option<&'a str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(text.strip_prefix('\u{feff}').unwrap_or(text)),
        Err(e) => {
            let line = markdown::line_of_offset(bytes, e.valid_up_to());
            diags.push(Diagnostic::error(path, line, "file is not valid UTF-8"));
            None
        }
    }
}

/// The path shown in diagnostics and stored as provenance: as the user named
/// it (folder walks join onto the named root), with `/` separators.
fn display_path(file: &Path) -> String {
    file.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
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
            drafts.extend(listing::read("l.txt", text.as_bytes(), &options).0);
        }
        place_headings(&mut drafts);
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
