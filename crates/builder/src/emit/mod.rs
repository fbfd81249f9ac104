//! The emit stage: an indexed archive written as bundle files, segment by
//! segment ([`segments`]: the articles of a period of days) — bodies,
//! cards, slug buckets, facet data, search index and the segment's table —
//! then the archive-wide files: the head cards and the slug → date
//! buckets. Each file is put into a [`DiskSink`] as soon as it is
//! made, so memory holds the index, never the whole bundle. The manifest is
//! returned for the caller to write last (`DiskSink::finish`).
//!
//! A segment's files are a function of its own articles only (its
//! dictionary, local positions and statistics, related articles named by
//! [`Link`]), so an edition that adds one article rewrites one short
//! segment and the few archive-wide files.

mod dictionary;
mod disk;
mod inputs;
mod reuse;
mod segments;

use std::io;

use broadsheet_core::search::{DocTerms, DocText, IndexLimits, IndexWriter};
use broadsheet_core::{
    slug_bucket, Body, BodyShard, CardShard, Entry, FacetData, Link, Manifest, PackedShards,
    Segment, SegmentRef, ShardRef, Site, SlugShard, Taxonomy, Translation, FORMAT_NAME,
    FORMAT_VERSION,
};
use rayon::prelude::*;

pub use disk::{DiskSink, Unchanged};
pub use reuse::Previous;

use crate::gzip;
use crate::index::{Article, Indexed, Related};

/// How the bundle is cut into files.
#[derive(Clone, Copy, Debug)]
pub struct Layout {
    /// Target size of a body shard, in bytes of JSON.
    pub body_bytes: usize,
    /// Card and body shards stored gzipped (a published bundle); not in a
    /// single-file copy, which is compressed whole.
    pub gzip: bool,
}

/// Articles per card shard: a page of the list (20) fits in the first one,
/// and a page of search results scattered over the archive costs at most a
/// few kilobytes per result.
const CARDS_PER_SHARD: usize = 32;
/// Slugs per bucket of a segment, on average.
const SLUGS_PER_BUCKET: usize = 128;
/// Slugs per bucket of the archive's slug → date table, on average at
/// most; the number of buckets is a power of two, so it changes (and every
/// bucket with it) only when the archive doubles.
const DATES_PER_BUCKET: usize = 1024;

/// Puts each file into the sink and keeps every path, for the build id.
struct Files<'a> {
    sink: &'a mut DiskSink,
    paths: Vec<String>,
    /// [`Layout::gzip`].
    gzip: bool,
}

impl Files<'_> {
    /// A series of card or body shards, stored gzipped when the layout
    /// says so.
    fn stored_series(&self, dir: &str, key: &str) -> PackedShards {
        let series = PackedShards::named(dir, key);
        if self.gzip {
            series.gzipped()
        } else {
            series
        }
    }

    /// A shard of a [`Files::stored_series`] as it is stored.
    fn stored(&self, json: Vec<u8>) -> Vec<u8> {
        if self.gzip {
            gzip::compress(&json)
        } else {
            json
        }
    }

    fn put(&mut self, path: String, bytes: Vec<u8>) -> io::Result<String> {
        self.paths.push(path.clone());
        self.sink.put(path.clone(), &bytes)?;
        Ok(path)
    }

    /// Puts `bytes` as `<name>.<hash>.json` and returns its reference.
    fn put_named(&mut self, name: &str, bytes: Vec<u8>) -> io::Result<ShardRef> {
        let reference = described(name, &bytes);
        self.put(reference.path.clone(), bytes)?;
        Ok(reference)
    }

    /// Puts `json` as `<name>.<hash>.json`, or gzipped as
    /// `<name>.<hash>.json.gz` when the layout says so, and returns its
    /// reference.
    fn put_stored(&mut self, name: &str, json: Vec<u8>) -> io::Result<ShardRef> {
        if !self.gzip {
            return self.put_named(name, json);
        }
        let bytes = gzip::compress(&json);
        let reference = ShardRef::describe(
            format!(
                "{name}.{}.json{}",
                broadsheet_core::content_hash(&bytes),
                broadsheet_core::GZIP_SUFFIX
            ),
            &bytes,
        );
        self.put(reference.path.clone(), bytes)?;
        Ok(reference)
    }

    /// Keeps files an earlier build wrote, as they are.
    fn keep(&mut self, files: Vec<(String, u64)>) {
        for (path, bytes) in files {
            self.paths.push(path.clone());
            self.sink.keep(path, bytes);
        }
    }

    /// A hash of every file's name (each names its content): the same
    /// files give the same id, whichever were reused.
    fn build_id(&mut self) -> String {
        self.paths.sort_unstable();
        broadsheet_core::content_hash(self.paths.join("\n").as_bytes())
    }
}

/// Writes the bundle of `indexed` into `sink`; returns its manifest.
pub fn run(
    indexed: Indexed,
    site: Site,
    layout: Layout,
    previous: &Previous,
    sink: &mut DiskSink,
) -> io::Result<Manifest> {
    let Indexed {
        articles,
        taxonomy,
        mut translations,
        related,
    } = indexed;
    let mut files = Files {
        sink,
        paths: Vec::new(),
        gzip: layout.gzip,
    };
    let dates: Vec<_> = articles.iter().map(|a| a.entry.date).collect();
    let pictures = {
        let mut seen = std::collections::HashSet::new();
        (articles.iter().flat_map(|a| &a.pictures))
            .filter(|p| seen.insert(p.path.as_str()))
            .map(|p| p.bytes)
            .sum()
    };
    let plan = segments::plan(&dates);
    let progress = crate::progress::bar(articles.len(), "indexing", "articles");
    let mut entries = Vec::with_capacity(articles.len());
    let mut refs = Vec::with_capacity(plan.len());
    let mut articles = articles.into_iter();
    for planned in &plan {
        let count = planned.positions.len();
        let part: Vec<Article> = articles.by_ref().take(count).collect();
        let part_translations: Vec<Vec<Translation>> = planned
            .positions
            .clone()
            .map(|p| translations.remove(&p).unwrap_or_default())
            .collect();
        let (reference, part_entries) = segment(
            planned,
            part,
            part_translations,
            &related,
            &taxonomy,
            layout,
            previous,
            &mut files,
        )?;
        progress.inc(part_entries.len() as u64);
        refs.push(reference);
        entries.extend(part_entries);
    }
    progress.finish_and_clear();
    let head = {
        let first: Vec<Entry> = entries.iter().take(CARDS_PER_SHARD).cloned().collect();
        files.put_named("head", CardShard::new(0, first).to_json())?
    };
    let slugs = slug_dates(&entries, &mut files)?;
    Ok(Manifest {
        bytes: files.sink.bytes,
        pictures,
        format: FORMAT_NAME.into(),
        version: FORMAT_VERSION,
        build_id: files.build_id(),
        site,
        articles: entries.len() as u32,
        taxonomy,
        cards_per_shard: CARDS_PER_SHARD as u32,
        head,
        segments: refs,
        slugs,
    })
}

/// Writes one segment's files, or keeps an earlier build's when they were
/// made from the same inputs; returns its reference and its entries (in
/// the archive's dictionary, for the head and the slug → date buckets).
#[allow(clippy::too_many_arguments)]
fn segment(
    planned: &segments::Planned,
    mut part: Vec<Article>,
    mut translations: Vec<Vec<Translation>>,
    related: &Related,
    taxonomy: &Taxonomy,
    layout: Layout,
    previous: &Previous,
    files: &mut Files,
) -> io::Result<(SegmentRef, Vec<Entry>)> {
    let key = planned.key.as_str();
    let global: Vec<&Entry> = part.iter().map(|a| &a.entry).collect();
    let dictionary = dictionary::Dictionary::of(&global, &translations, taxonomy);
    for list in &mut translations {
        for t in list {
            t.language = dictionary.local(broadsheet_core::Facet::Language, t.language);
        }
    }
    let shards = body_shards(&part, layout);
    for (article, shard) in part.iter_mut().zip(shards) {
        article.entry.shard = shard;
    }
    let local: Vec<Entry> = part.iter().map(|a| dictionary.localize(&a.entry)).collect();
    // Two hashes: one that needs no related articles worked out (the
    // usual case: nothing older changed), then one over the lists.
    let hash = |related| {
        inputs::hash(&inputs::Inputs {
            planned,
            layout,
            dictionary: &dictionary.taxonomy,
            local: &local,
            articles: &part,
            translations: &translations,
            related,
        })
    };
    let sources = related.inputs(planned.positions.clone());
    let by_sources = hash(inputs::RelatedBy::Sources(&sources));
    crate::progress::lap(&format!("emit: segment {key} hashed"));
    let related = match previous.take(&by_sources) {
        Some(reused) => return Ok(reuse(reused, part, files)),
        None => related.of(planned.positions.clone()),
    };
    crate::progress::lap(&format!("emit: segment {key} related"));
    let by_lists = hash(inputs::RelatedBy::Lists(&related));
    let inputs = format!("{by_sources} {by_lists}");
    if let Some(mut reused) = previous.take(&by_lists) {
        // As a build from scratch would record them.
        reused.reference.inputs = inputs;
        return Ok(reuse(reused, part, files));
    }
    let mut out = Vec::with_capacity(part.len());
    let pictures = pictures_of(&part);
    let bodies = bodies(key, part, &translations, &related, files, |entry, text| {
        out.push((entry, text));
    })?;
    let cards = cards(key, &local, files)?;
    let slugs = slugs(key, &local, files)?;
    let facets = files.put_named(
        &format!("facets/{key}"),
        FacetData::from_entries(&local, &dictionary.taxonomy).to_json(),
    )?;
    let (entries, texts): (Vec<Entry>, Vec<String>) = out.into_iter().unzip();
    crate::progress::lap(&format!("emit: segment {key} bodies, cards, facets"));
    let search = search_index(key, &entries, texts, taxonomy, files)?;
    crate::progress::lap(&format!("emit: segment {key} search index"));
    let table = Segment::new(key, dictionary.taxonomy, cards, bodies, slugs, pictures).to_json();
    let table = files.put_named(&format!("segments/{key}"), table)?;
    Ok((
        SegmentRef {
            key: key.to_string(),
            articles: local.len() as u32,
            days: planned.days,
            table,
            facets,
            search,
            inputs,
        },
        entries,
    ))
}

/// Every picture file a segment's articles show, each once, in list
/// order. The pictures stage has put them into the sink already.
fn pictures_of(articles: &[Article]) -> Vec<ShardRef> {
    let mut seen = std::collections::HashSet::new();
    articles
        .iter()
        .flat_map(|a| &a.pictures)
        .filter(|p| seen.insert(p.path.as_str()))
        .cloned()
        .collect()
}

/// A segment kept from the earlier build: its reference (inputs as this
/// build would write them) and entries.
fn reuse(reused: reuse::Reused, part: Vec<Article>, files: &mut Files) -> (SegmentRef, Vec<Entry>) {
    files.keep(reused.files);
    (
        reused.reference,
        part.into_iter().map(|a| a.entry).collect(),
    )
}

/// The body shard of each of a segment's articles, in list order so recent
/// articles share shards: a shard is closed when the next body would take
/// it past `layout.body_bytes`.
fn body_shards(articles: &[Article], layout: Layout) -> Vec<u32> {
    let mut shard = 0;
    let mut bytes = 0;
    articles
        .iter()
        .enumerate()
        .map(|(i, article)| {
            let size = article.html.len() + article.entry.id.len() + article.source.file.len() + 64;
            if i > 0 && bytes + size > layout.body_bytes {
                shard += 1;
                bytes = 0;
            }
            bytes += size;
            shard
        })
        .collect()
}

/// Body shards as [`body_shards`] cut them (`Entry::shard`); each
/// article's HTML is dropped as soon as its shard is written, and its entry
/// and text handed to `done`.
fn bodies(
    key: &str,
    articles: Vec<Article>,
    translations: &[Vec<Translation>],
    related: &[Vec<Link>],
    files: &mut Files,
    mut done: impl FnMut(Entry, String),
) -> io::Result<PackedShards> {
    let mut bodies = files.stored_series("bodies", key);
    let mut current: Vec<Body> = Vec::new();
    for (position, mut article) in articles.into_iter().enumerate() {
        if article.entry.shard as usize > bodies.len() {
            let shard = files.stored(BodyShard::new(std::mem::take(&mut current)).to_json());
            files.put(bodies.push(&shard), shard)?;
        }
        current.push(Body {
            id: article.entry.id.clone(),
            html: std::mem::take(&mut article.html),
            source: article.source,
            translations: translations[position].clone(),
            related: related[position].clone(),
            excerpt: article.excerpt,
            title_derived: article.title_derived,
        });
        done(article.entry, article.text);
    }
    if !current.is_empty() {
        let shard = files.stored(BodyShard::new(current).to_json());
        files.put(bodies.push(&shard), shard)?;
    }
    Ok(bodies)
}

/// Card shards of consecutive positions of a segment.
fn cards(key: &str, entries: &[Entry], files: &mut Files) -> io::Result<PackedShards> {
    let mut cards = files.stored_series("cards", key);
    for (i, chunk) in entries.chunks(CARDS_PER_SHARD).enumerate() {
        let shard =
            files.stored(CardShard::new((i * CARDS_PER_SHARD) as u32, chunk.to_vec()).to_json());
        files.put(cards.push(&shard), shard)?;
    }
    Ok(cards)
}

/// A segment's slug buckets: slug → position in the segment, hashed into
/// about one bucket per `SLUGS_PER_BUCKET` articles.
fn slugs(key: &str, entries: &[Entry], files: &mut Files) -> io::Result<PackedShards> {
    let buckets = entries.len().div_ceil(SLUGS_PER_BUCKET).max(1);
    buckets_of(
        PackedShards::named("slugs", key),
        buckets,
        (0u32..).zip(entries).map(|(p, e)| (e.slug.clone(), p)),
        files,
    )
}

/// The archive's slug buckets: slug → packed date (0: undated), which
/// names the article's segment.
fn slug_dates(entries: &[Entry], files: &mut Files) -> io::Result<PackedShards> {
    let buckets = entries
        .len()
        .div_ceil(DATES_PER_BUCKET)
        .max(1)
        .next_power_of_two();
    buckets_of(
        PackedShards::named("slugs", "all"),
        buckets,
        entries
            .iter()
            .map(|e| (e.slug.clone(), e.date.map_or(0, |d| d.packed()))),
        files,
    )
}

/// `pairs` (slug, number) hashed into `buckets` [`SlugShard`]s.
fn buckets_of(
    mut shards: PackedShards,
    buckets: usize,
    pairs: impl Iterator<Item = (String, u32)>,
    files: &mut Files,
) -> io::Result<PackedShards> {
    let mut by_bucket: Vec<Vec<(String, u32)>> = vec![Vec::new(); buckets];
    for (slug, value) in pairs {
        by_bucket[slug_bucket(&slug, buckets)].push((slug, value));
    }
    for mut bucket in by_bucket {
        bucket.sort();
        let shard = SlugShard::new(bucket).to_json();
        files.put(shards.push(&shard), shard)?;
    }
    Ok(shards)
}

/// A top-level file `<name>.<hash>.json`.
fn described(name: &str, bytes: &[u8]) -> ShardRef {
    ShardRef::describe(
        format!("{name}.{}.json", broadsheet_core::content_hash(bytes)),
        bytes,
    )
}

/// Articles from which a segment's index files have their full size: a
/// search reads one word chunk, postings file and phrase shard per word in
/// every segment, so a smaller segment gets proportionally smaller files
/// (down to a floor), and the bytes a query reads stay close to those of
/// one index of the whole archive.
const FULL_SIZE_SEGMENT: usize = 8192;

fn search_limits(articles: usize) -> IndexLimits {
    let full = IndexLimits::default();
    let scaled = |value: usize, floor: usize| {
        (value * articles / FULL_SIZE_SEGMENT).clamp(floor.min(value), value)
    };
    IndexLimits {
        postings_bytes: scaled(full.postings_bytes, 16 * 1024),
        chunk_terms: full.chunk_terms,
        pairs_bytes: scaled(full.pairs_bytes, 16 * 1024),
    }
}

/// Indexes a segment's text (in parallel: analysis is most of the work),
/// puts every index file, and returns the index root's reference.
fn search_index(
    key: &str,
    entries: &[Entry],
    texts: Vec<String>,
    taxonomy: &Taxonomy,
    files: &mut Files,
) -> io::Result<ShardRef> {
    // In batches, so each batch's text is freed once analysed.
    const BATCH: usize = 4096;
    let languages = &taxonomy.languages;
    let mut texts = texts.into_iter();
    let mut writer = IndexWriter::named(key);
    if files.gzip {
        writer = writer.gzipped(gzip::compress);
    }
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
    }
    let built = writer.finish(search_limits(entries.len()));
    for file in built.files {
        files.put(file.path, file.bytes)?;
    }
    files.put_stored(&format!("search/{key}.index"), built.root.to_json())
}
