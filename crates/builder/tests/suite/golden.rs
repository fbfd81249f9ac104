//! Golden tests, one folder per importer: every source file in
//! `crates/builder/tests/fixtures/golden/<importer>/` (real-world-shaped:
//! WordPress and Blogger feeds, RSS 0.91 and 1.0, JSON Feed 1.0 and 1.1,
//! Windows-1252, front matter in YAML and TOML, Urdu, plain text copied
//! from an index page, saved article and index pages) is recognised as its
//! folder's importer, read by it, and compared field by field with the
//! reviewed output beside it, `<file>.golden.json`. Every importer has a
//! folder; a new importer fails here until it has one.
//!
//! To add a case, drop the source in its importer's folder and run
//! `BLESS=1 cargo test -p broadsheet-builder --test suite golden`; after a
//! deliberate change, the same. Review the golden files' diff like code.

use std::path::{Path, PathBuf};

use broadsheet_builder::{Importer, ReadOptions};
use clap::ValueEnum;
use serde_json::{json, Value};

fn read(importer: Importer, path: &Path) -> Value {
    let bytes = std::fs::read(path).unwrap();
    let name = path.file_name().unwrap().to_str().unwrap();
    let read = importer.read(name, &bytes, &ReadOptions::default());
    let articles: Vec<Value> = read
        .drafts
        .iter()
        .map(|d| {
            json!({
                "line": d.line,
                "title": d.title,
                "title_derived": d.title_derived,
                "date": d.date.map(|d| d.to_string()),
                "authors": d.authors,
                "section": d.section,
                "regions": d.regions,
                "countries": d.countries,
                "tags": d.tags,
                "heading": d.heading,
                "places": d.places,
                "language": d.language,
                "dir": d.dir.as_str(),
                "slug": d.slug,
                "translation": d.translation,
                "url": d.url,
                "id": d.id,
                "excerpt": d.excerpt,
                "words": d.words,
                "summary": d.summary,
                "html": d.html,
            })
        })
        .collect();
    let diagnostics: Vec<String> = read.diagnostics.iter().map(|d| d.to_string()).collect();
    json!({ "articles": articles, "diagnostics": diagnostics, "skipped": read.skipped })
}

/// The importer's name as `--importer` and the config spell it.
fn folder_name(importer: Importer) -> String {
    importer
        .to_possible_value()
        .expect("every importer has a name")
        .get_name()
        .to_string()
}

#[test]
fn every_importer_matches_its_golden_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/golden");
    let bless = std::env::var_os("BLESS").is_some();
    let mut mismatched = Vec::new();
    for &importer in Importer::value_variants() {
        let dir = root.join(folder_name(importer));
        let sources: Vec<PathBuf> = if dir.is_dir() {
            let mut files: Vec<PathBuf> = crate::common::walk(&dir)
                .into_iter()
                .filter(|p| !p.to_string_lossy().ends_with(".golden.json"))
                .collect();
            files.sort();
            files
        } else {
            Vec::new()
        };
        if sources.is_empty() {
            mismatched.push(format!(
                "{}: no golden cases for the {importer:?} importer",
                dir.display()
            ));
        }
        for source in sources {
            assert_eq!(
                Importer::detect(&source).unwrap(),
                Some(importer),
                "{} is recognised as its folder's kind",
                source.display()
            );
            let got = read(importer, &source);
            let golden = source.with_file_name(format!(
                "{}.golden.json",
                source.file_name().unwrap().to_str().unwrap()
            ));
            let pretty = serde_json::to_string_pretty(&got).unwrap() + "\n";
            if bless {
                std::fs::write(&golden, pretty).unwrap();
                continue;
            }
            let want: Value = match std::fs::read(&golden) {
                Ok(bytes) => serde_json::from_slice(&bytes).unwrap(),
                Err(_) => {
                    mismatched.push(format!(
                        "{}: no golden file (run with BLESS=1)",
                        source.display()
                    ));
                    continue;
                }
            };
            if got != want {
                mismatched.push(format!(
                    "{}:\n--- want\n{}\n--- got\n{pretty}",
                    source.display(),
                    serde_json::to_string_pretty(&want).unwrap()
                ));
            }
        }
    }
    assert!(mismatched.is_empty(), "{}", mismatched.join("\n\n"));
}
