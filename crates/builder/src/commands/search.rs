//! `broadsheet search`: runs a query against a built bundle with the same
//! engine the reader uses, reading only the index files the query needs.

use std::io::Write;
use std::process::ExitCode;

use broadsheet_core::search::{IndexCache, TextQuery};
use broadsheet_core::SearchIndex;
use serde::Serialize;

use crate::bundle::{decode, read_bundle, read_shard};
use crate::cli::SearchArgs;

#[derive(Serialize)]
struct Line<'a> {
    slug: &'a str,
    title: &'a str,
    score: f32,
}

pub fn run(args: SearchArgs) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let bundle = read_bundle(&args.bundle)?;
    let search = &bundle.manifest.search;
    let root = read_shard(&args.bundle, search)?;
    let index = decode(&search.path, &root, SearchIndex::from_json)?;
    let query = TextQuery::parse(&args.query);
    let mut cache = IndexCache::new();
    let hits = if query.is_empty() {
        Default::default()
    } else {
        cache.run(&index, &query, |r| {
            std::fs::read(args.bundle.join(&r.path)).ok()
        })?
    };
    let mut docs = hits.docs.clone();
    docs.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for (position, score) in docs {
        let Some(entry) = bundle.entries.get(position as usize) else {
            continue;
        };
        if args.json {
            let line = Line {
                slug: &entry.slug,
                title: &entry.title,
                score,
            };
            serde_json::to_writer(&mut out, &line)?;
            writeln!(out)?;
        } else {
            writeln!(out, "{score:>7.3}  {}", entry.title)?;
        }
    }
    out.flush()?;
    if !args.json {
        let dropped = if query.dropped.is_empty() {
            String::new()
        } else {
            format!("; ignored common words: {}", query.dropped.join(" "))
        };
        eprintln!(
            "{} results, {} bytes of index read{dropped}",
            hits.docs.len(),
            cache.bytes + root.len() as u64
        );
    }
    Ok(ExitCode::SUCCESS)
}
