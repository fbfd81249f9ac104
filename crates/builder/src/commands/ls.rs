//! `broadsheet ls`: the articles of a built bundle, as a table or JSON lines
//! (`--files`: its files, `ls_files.rs`).

use std::io::Write;
use std::process::ExitCode;

use broadsheet_core::Facet;
use serde::Serialize;

use crate::bundle::read_bundle;
use crate::cli::LsArgs;
use crate::index::term_labels;

/// One line of `ls --json`. Facet values are labels as the reader shows them.
#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    slug: &'a str,
    title: &'a str,
    date: Option<String>,
    section: Option<String>,
    regions: Vec<String>,
    countries: Vec<String>,
    tags: Vec<String>,
    authors: Vec<String>,
    language: &'a str,
    dir: &'a str,
    words: u32,
    summary: &'a str,
    translation: Option<&'a str>,
    /// Its card's thumbnail (`images/…`), when the archive has them.
    #[serde(skip_serializing_if = "Option::is_none")]
    thumb: Option<&'a str>,
}

pub fn run(args: LsArgs) -> Result<ExitCode, Box<dyn std::error::Error>> {
    if args.files {
        super::ls_files::run(&args.bundle, args.json)?;
        return Ok(ExitCode::SUCCESS);
    }
    let bundle = read_bundle(&args.bundle)?;
    let manifest = &bundle.manifest;
    let tax = &manifest.taxonomy;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for entry in &bundle.entries {
        let labels = |f: Facet| term_labels(tax, entry, f);
        let language = tax
            .term(Facet::Language, entry.language)
            .map_or("", |t| t.key.as_str());
        if args.json {
            let line = Line {
                id: &entry.id,
                slug: &entry.slug,
                title: &entry.title,
                date: entry.date.map(|d| d.to_string()),
                section: labels(Facet::Section).into_iter().next(),
                regions: labels(Facet::Region),
                countries: labels(Facet::Country),
                tags: labels(Facet::Tag),
                authors: labels(Facet::Author),
                language,
                dir: entry.dir.as_str(),
                words: entry.words,
                summary: &entry.summary,
                translation: entry.translation.as_deref(),
                thumb: entry.thumb.as_ref().map(|t| t.path.as_str()),
            };
            serde_json::to_writer(&mut out, &line)?;
            writeln!(out)?;
        } else {
            let date = entry
                .date
                .map_or_else(|| "undated".to_string(), |d| d.to_string());
            let section = labels(Facet::Section)
                .into_iter()
                .next()
                .unwrap_or_default();
            writeln!(
                out,
                "{date:<10}  {section:<12}  {language:<5}  {}",
                entry.title
            )?;
        }
    }
    out.flush()?;
    if !args.json {
        eprintln!(
            "{} articles in “{}” (build {})",
            bundle.entries.len(),
            manifest.site.title,
            manifest.build_id
        );
    }
    Ok(ExitCode::SUCCESS)
}
