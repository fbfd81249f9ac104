//! The emit stage: an indexed archive written as bundle files — bodies,
//! cards, slug buckets, facet data, the search index, the shard table —
//! each put into a [`DiskSink`] as soon as it is made, so memory holds the
//! index, never the whole bundle. The manifest is returned for the caller
//! to write last (`DiskSink::finish`).

mod disk;

use std::io;

use broadsheet_core::search::{DocTerms, DocText, IndexLimits, IndexWriter};
use broadsheet_core::{
    slug_bucket, Body, BodyShard, CardShard, Entry, FacetData, Manifest, PackedShards, ShardRef,
    Site, SlugShard, Tables, Taxonomy, FORMAT_NAME, FORMAT_VERSION,
};
use rayon::prelude::*;

pub use disk::{DiskSink, Unchanged};

use crate::index::Indexed;

/// How the bundle is cut into files.
#[derive(Clone, Copy, Debug)]
pub struct Layout {
    /// Target size of a body shard, in bytes of JSON.
    pub body_bytes: usize,
}

/// Articles per card shard: a page of the list (20) fits in the first one,
/// and a page of search results scattered over the archive costs at most a
/// few kilobytes per result.
const CARDS_PER_SHARD: usize = 32;
/// Slugs per slug bucket, on average.
const SLUGS_PER_BUCKET: usize = 512;

/// Puts each file into the sink and keeps every path, for the build id.
struct Files<'a> {
    sink: &'a mut DiskSink,
    paths: String,
}

impl Files<'_> {
    fn put(&mut self, path: String, bytes: Vec<u8>) -> io::Result<String> {
        self.paths.push_str(&path);
        self.sink.put(path.clone(), &bytes)?;
        Ok(path)
    }
}

/// Writes the bundle of `indexed` into `sink`; returns its manifest.
pub fn run(
    indexed: Indexed,
    site: Site,
    layout: Layout,
    sink: &mut DiskSink,
) -> io::Result<Manifest> {
    let Indexed {
        articles,
        taxonomy,
        translations,
        related,
    } = indexed;
    let mut files = Files {
        sink,
        paths: String::new(),
    };
    let mut entries = Vec::with_capacity(articles.len());
    let mut texts = Vec::with_capacity(articles.len());
    let bodies = bodies(
        articles,
        &translations,
        &related,
        layout,
        &mut files,
        |entry, text| {
            entries.push(entry);
            texts.push(text);
        },
    )?;
    let (cards, head) = cards(&entries, &mut files)?;
    let slugs = slugs(&entries, &mut files)?;
    let facets = FacetData::from_entries(&entries, &taxonomy).to_json();
    let facets_ref = described("facets", &facets);
    files.put(facets_ref.path.clone(), facets)?;
    let search = search_index(&entries, texts, &taxonomy, &mut files)?;
    let tables = Tables::new(cards, bodies, slugs).to_json();
    let tables_ref = described("tables", &tables);
    files.put(tables_ref.path.clone(), tables)?;
    Ok(Manifest {
        bytes: files.sink.bytes,
        format: FORMAT_NAME.into(),
        version: FORMAT_VERSION,
        build_id: broadsheet_core::content_hash(files.paths.as_bytes()),
        site,
        articles: entries.len() as u32,
        taxonomy,
        cards_per_shard: CARDS_PER_SHARD as u32,
        head,
        tables: tables_ref,
        facets: facets_ref,
        search,
    })
}

/// Body shards, in list order so recent articles share shards; each
/// article's HTML is dropped as soon as its shard is written, and its entry
/// (now knowing its shard) and text handed to `done`.
fn bodies(
    articles: Vec<crate::index::Article>,
    translations: &std::collections::HashMap<usize, Vec<broadsheet_core::Translation>>,
    related: &[Vec<u32>],
    layout: Layout,
    files: &mut Files,
    mut done: impl FnMut(Entry, String),
) -> io::Result<PackedShards> {
    let mut bodies = PackedShards::new("bodies");
    let mut current: Vec<Body> = Vec::new();
    let mut current_bytes = 0;
    for (position, mut article) in articles.into_iter().enumerate() {
        let html = std::mem::take(&mut article.html);
        let size = html.len() + article.entry.id.len() + article.source.file.len() + 64;
        if !current.is_empty() && current_bytes + size > layout.body_bytes {
            let shard = BodyShard::new(std::mem::take(&mut current)).to_json();
            files.put(bodies.push(&shard), shard)?;
            current_bytes = 0;
        }
        article.entry.shard = bodies.len() as u32;
        current_bytes += size;
        current.push(Body {
            id: article.entry.id.clone(),
            html,
            source: article.source,
            translations: translations.get(&position).cloned().unwrap_or_default(),
            related: related[position].clone(),
            excerpt: article.excerpt,
            title_derived: article.title_derived,
        });
        done(article.entry, article.text);
    }
    if !current.is_empty() {
        let shard = BodyShard::new(current).to_json();
        files.put(bodies.push(&shard), shard)?;
    }
    Ok(bodies)
}

/// Card shards of consecutive positions, so the first page is the first
/// shard (the manifest's `head`; an empty shard for an empty archive).
fn cards(entries: &[Entry], files: &mut Files) -> io::Result<(PackedShards, ShardRef)> {
    let mut cards = PackedShards::new("cards");
    let mut head = None;
    for (i, chunk) in entries.chunks(CARDS_PER_SHARD).enumerate() {
        let shard = CardShard::new((i * CARDS_PER_SHARD) as u32, chunk.to_vec()).to_json();
        let reference = ShardRef::describe(cards.push(&shard), &shard);
        head.get_or_insert(reference.clone());
        files.put(reference.path, shard)?;
    }
    let head = match head {
        Some(head) => head,
        None => {
            let empty = CardShard::new(0, vec![]).to_json();
            let reference = ShardRef::describe(cards.push(&empty), &empty);
            files.put(reference.path.clone(), empty)?;
            reference
        }
    };
    Ok((cards, head))
}

/// Slug buckets: slug → position, hashed into about one bucket per
/// `SLUGS_PER_BUCKET` articles.
fn slugs(entries: &[Entry], files: &mut Files) -> io::Result<PackedShards> {
    let buckets = entries.len().div_ceil(SLUGS_PER_BUCKET).max(1);
    let mut by_bucket: Vec<Vec<(String, u32)>> = vec![Vec::new(); buckets];
    for (position, entry) in (0u32..).zip(entries) {
        by_bucket[slug_bucket(&entry.slug, buckets)].push((entry.slug.clone(), position));
    }
    let mut slugs = PackedShards::new("slugs");
    for mut bucket in by_bucket {
        bucket.sort();
        let shard = SlugShard::new(bucket).to_json();
        files.put(slugs.push(&shard), shard)?;
    }
    Ok(slugs)
}

/// A top-level file `<name>.<hash>.json`.
fn described(name: &str, bytes: &[u8]) -> ShardRef {
    ShardRef::describe(
        format!("{name}.{}.json", broadsheet_core::content_hash(bytes)),
        bytes,
    )
}

/// Indexes the entries' text (in parallel: analysis is most of the work),
/// puts every index file, and returns the index root's reference.
fn search_index(
    entries: &[Entry],
    texts: Vec<String>,
    taxonomy: &Taxonomy,
    files: &mut Files,
) -> io::Result<ShardRef> {
    // In batches, so each batch's text is freed once analysed.
    const BATCH: usize = 4096;
    let languages = &taxonomy.languages;
    let progress = crate::progress::bar(entries.len(), "indexing", "articles");
    let mut texts = texts.into_iter();
    let mut writer = IndexWriter::new();
    for batch in entries.chunks(BATCH) {
        let batch_texts: Vec<String> = texts.by_ref().take(batch.len()).collect();
        let analysed: Vec<DocTerms> = batch
            .par_iter()
            .zip(batch_texts)
            .map(|(entry, text)| {
                DocTerms::analyze(&DocText {
                    title: &entry.title,
                    summary: &entry.summary,
                    body: &text,
                    language: languages
                        .get(entry.language as usize)
                        .map_or("", |t| t.key.as_str()),
                })
            })
            .collect();
        for doc in analysed {
            writer.add(doc);
        }
        progress.inc(batch.len() as u64);
    }
    progress.finish_and_clear();
    let built = writer.finish(IndexLimits::default());
    for file in built.files {
        files.put(file.path, file.bytes)?;
    }
    let root = built.root.to_json();
    let reference = ShardRef::describe(
        format!("search/index.{}.json", broadsheet_core::content_hash(&root)),
        &root,
    );
    files.put(reference.path.clone(), root)?;
    Ok(reference)
}
