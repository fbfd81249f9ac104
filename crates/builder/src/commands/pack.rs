//! `broadsheet pack`: sources → one self-contained HTML file (the reader and
//! the articles inside), optionally only some sections or a date range.

use std::collections::HashMap;
use std::process::ExitCode;
use std::time::Instant;

use broadsheet_core::{DateRange, Facet};

use crate::cli::PackArgs;
use crate::emit::{self, DiskSink, Layout};
use crate::index;
use crate::pictures::{self, PictureCache};
use crate::pipeline::read_input;
use crate::report::{count, human_bytes, print_sorted};
use crate::site::pack::{self, Reader};
use crate::slug::key_for;

pub fn run(args: PackArgs) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let started = Instant::now();
    let range = DateRange::from_bounds(args.from.as_deref(), args.to.as_deref())
        .ok_or("--from and --to take a year, a month or a day: 2019, 2019-05, 2019-05-01")?;
    let sections: Vec<String> = args
        .only_sections
        .iter()
        .map(|s| key_for(Facet::Section, s))
        .collect();
    let reader = Reader::find(&args.reader)
        .map_err(|e| format!("cannot read the reader from {}: {e}", args.reader.display()))?;
    let mut input = read_input(&args.input, false)?;
    if input.refused(args.input.strict, &args.out) {
        return Ok(ExitCode::FAILURE);
    }
    let read = input.drafts.len();
    let mut drafts = std::mem::take(&mut input.drafts);
    drafts.retain(|d| {
        let in_section = sections.is_empty()
            || d.section
                .as_deref()
                .is_some_and(|s| sections.contains(&key_for(Facet::Section, s)));
        in_section && range.contains(d.date)
    });
    let left_out = read - drafts.len();
    let mut diagnostics = std::mem::take(&mut input.diagnostics);
    // Pictures are made (or taken from the cache's record, but the files
    // are in no folder: made again) and carried inside the page.
    let mut pictures = DiskSink::in_memory();
    let mut made = PictureCache::open(None, true);
    // Cards' thumbnails come with whole pictures only: the default small
    // copy is for the lightest file.
    let thumbnails = input.thumbnails && args.images == pictures::Inline::Full;
    pictures::run(
        &mut drafts,
        &mut pictures,
        &mut made,
        &mut diagnostics,
        thumbnails,
    )?;
    let made: HashMap<String, Vec<u8>> = pictures.into_files_only().into_iter().collect();
    pictures::inline(&mut drafts, &made, args.images);
    let mut sink = DiskSink::in_memory();
    // One body shard per few articles keeps nothing large to parse at once.
    let layout = Layout {
        body_bytes: 64 * 1024,
        // The copy is compressed whole: its shards are not (binary
        // files would travel in its map as base64, a third larger).
        gzip: false,
    };
    let mut indexed = index::run(drafts, &mut diagnostics);
    // The copy speaks the languages it carries catalogs for (the site's
    // and its articles', see `pack::page`): their names of terms only.
    let mut labels = std::mem::take(&mut input.labels);
    let primary = |tag: &str| broadsheet_core::primary_subtag(tag).to_ascii_lowercase();
    let spoken: Vec<String> = (indexed.taxonomy.terms(Facet::Language).iter())
        .map(|t| primary(&t.key))
        .chain([primary(&input.site.language)])
        .collect();
    labels.retain(|label| spoken.contains(&label.0));
    indexed.taxonomy.labels = labels;
    let manifest = emit::run(
        indexed,
        input.site.clone(),
        layout,
        &emit::Previous::none(),
        &mut sink,
    )?;
    let files = sink.into_files(&manifest);
    let mut languages: Vec<String> = manifest
        .taxonomy
        .terms(broadsheet_core::Facet::Language)
        .iter()
        .map(|t| t.key.clone())
        .collect();
    languages.push(manifest.site.language.clone());
    let packed = pack::page(
        &manifest.site.title,
        &manifest.site.language,
        &languages,
        &reader,
        &files,
        input.images,
    );
    std::fs::write(&args.out, &packed.html)
        .map_err(|e| format!("cannot write {}: {e}", args.out.display()))?;
    print_sorted(&mut diagnostics);
    let filtered = match left_out {
        0 => String::new(),
        n => format!(
            " ({} left out by --only-section/--from/--to)",
            count(n, "article")
        ),
    };
    eprintln!(
        "broadsheet: {} packed{filtered} into {}: {} (reader {}, articles {}, compressed) in {:.2?}",
        count(manifest.articles as usize, "article"),
        args.out.display(),
        human_bytes(packed.html.len() as u64),
        human_bytes(packed.reader as u64),
        human_bytes(packed.articles as u64),
        started.elapsed()
    );
    if manifest.articles == 0 {
        eprintln!("broadsheet: warning: the file has no articles");
    }
    Ok(ExitCode::SUCCESS)
}
