//! Source readers: each turns one kind of source file into [`Draft`]s plus
//! diagnostics. Only Markdown with front matter exists so far.

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
}

/// Reads every source path (files, or folders searched recursively for
/// `.md`/`.markdown`), in sorted order so builds are deterministic.
pub fn read_all(paths: &[PathBuf], options: &ReadOptions) -> Harvest {
    let mut harvest = Harvest::default();
    for root in paths {
        let mut files = Vec::new();
        if root.is_dir() {
            collect_markdown(root, &mut files, &mut harvest.diagnostics);
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
        let read: Vec<(Option<Draft>, Vec<Diagnostic>)> = files
            .par_iter()
            .progress_with(progress)
            .map(|file| {
                let display = display_path(file);
                match std::fs::read(file) {
                    Ok(bytes) => markdown::read(&display, &bytes, options),
                    Err(e) => (
                        None,
                        vec![Diagnostic::error(
                            Path::new(&display),
                            1,
                            format!("cannot read file: {e}"),
                        )],
                    ),
                }
            })
            .collect();
        for (draft, diags) in read {
            harvest.diagnostics.extend(diags);
            harvest.drafts.extend(draft);
        }
    }
    harvest
}

fn collect_markdown(dir: &Path, out: &mut Vec<PathBuf>, diags: &mut Vec<Diagnostic>) {
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
            collect_markdown(&path, out, diags);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("md" | "markdown")
        ) {
            out.push(path);
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
