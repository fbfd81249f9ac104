//! Golden tests: real-world-shaped feeds (WordPress RSS 2.0, RSS 1.0 RDF,
//! RSS 0.91, Atom with `xml:base`, Windows-1252, JSON Feed 1.0 and 1.1) read
//! by the feed importer, compared field by field with the reviewed output in
//! `tests/fixtures/feeds/*.golden.json`.
//!
//! After a deliberate change, rewrite the golden files with
//! `BLESS=1 cargo test -p broadsheet-builder --test golden` and review the
//! diff like code.

use std::path::Path;

use broadsheet_builder::{Importer, ReadOptions};
use serde_json::{json, Value};

mod common;

fn read(path: &Path) -> Value {
    let bytes = std::fs::read(path).unwrap();
    let name = path.file_name().unwrap().to_str().unwrap();
    let importer = Importer::detect(path).unwrap();
    assert_eq!(
        importer,
        Some(Importer::Feed),
        "{name} is recognised as a feed"
    );
    let read = Importer::Feed.read(name, &bytes, &ReadOptions::default());
    let articles: Vec<Value> = read
        .drafts
        .iter()
        .map(|d| {
            json!({
                "title": d.title,
                "title_derived": d.title_derived,
                "date": d.date.map(|d| d.to_string()),
                "authors": d.authors,
                "tags": d.tags,
                "language": d.language,
                "dir": d.dir.as_str(),
                "url": d.url,
                "id": d.id,
                "excerpt": d.excerpt,
                "summary": d.summary,
                "html": d.html,
            })
        })
        .collect();
    let diagnostics: Vec<String> = read.diagnostics.iter().map(|d| d.to_string()).collect();
    json!({ "articles": articles, "diagnostics": diagnostics, "skipped": read.skipped })
}

#[test]
fn feeds_match_their_golden_output() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/feeds");
    let bless = std::env::var_os("BLESS").is_some();
    let mut feeds: Vec<_> = common::walk(&dir)
        .into_iter()
        .filter(|p| !p.to_string_lossy().ends_with(".golden.json"))
        .collect();
    feeds.sort();
    assert!(feeds.len() >= 7, "{feeds:?}");
    let mut mismatched = Vec::new();
    for feed in feeds {
        let got = read(&feed);
        let golden = feed.with_file_name(format!(
            "{}.golden.json",
            feed.file_name().unwrap().to_str().unwrap()
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
                    feed.display()
                ));
                continue;
            }
        };
        if got != want {
            mismatched.push(format!(
                "{}:\n--- want\n{}\n--- got\n{pretty}",
                feed.display(),
                serde_json::to_string_pretty(&want).unwrap()
            ));
        }
    }
    assert!(mismatched.is_empty(), "{}", mismatched.join("\n\n"));
}
