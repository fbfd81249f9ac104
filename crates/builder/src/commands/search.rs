//! `broadsheet search`: runs a query against a built bundle with the same
//! engine the reader uses, reading only the index files the query needs.

use std::io::Write;
use std::process::ExitCode;

use broadsheet_core::search::TextQuery;
use serde::Serialize;

use crate::bundle::{read_bundle, Folder};
use crate::cli::SearchArgs;

#[derive(Serialize)]
struct Line<'a> {
    slug: &'a str,
    title: &'a str,
    score: f32,
}

pub fn run(args: SearchArgs) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let bundle = read_bundle(&args.bundle)?;
    let query = TextQuery::parse(&args.query, &bundle.manifest.taxonomy.query_analysis());
    let (hits, read) = bundle.search(&Folder(&args.bundle), &query)?;
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
            read
        );
    }
    Ok(ExitCode::SUCCESS)
}
