//! Assembling drafts into a bundle: ids, slugs and term indices, the list
//! order, then every shard, written as soon as it is made so that memory
//! holds the drafts and the index, never the whole bundle.

mod disk;
mod identity;

use std::collections::HashMap;
use std::io;

use broadsheet_core::search::{DocTerms, DocText, IndexLimits, IndexWriter};
use broadsheet_core::{
    compare_newest_first, slug_bucket, Body, BodyShard, CardShard, Entry, Facet, FacetData,
    Manifest, PackedShards, ShardRef, Site, SlugShard, Source, Tables, Taxonomy, Translation,
    FORMAT_NAME, FORMAT_VERSION,
};
use rayon::prelude::*;

pub use disk::{decode, read_bundle, read_shard, DiskSink, OnDisk};

use crate::draft::Draft;
use crate::slug::key_for;
use crate::taxonomy;
use crate::Diagnostic;

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

/// An article on its way into the bundle: its entry, and what goes into the
/// body shard and the search index.
struct Piece {
    entry: Entry,
    html: String,
    source: Source,
    text: String,
    excerpt: bool,
    title_derived: bool,
}

/// Builds the bundle from `drafts` into `sink`, returning the manifest for
/// the caller to write last. Slug and id clashes are resolved
/// deterministically and reported.
pub fn assemble(
    drafts: Vec<Draft>,
    site: Site,
    layout: Layout,
    diags: &mut Vec<Diagnostic>,
    sink: &mut DiskSink,
) -> io::Result<Manifest> {
    let drafts = identity::assign_identity(drafts, diags);
    let refs: Vec<&Draft> = drafts.iter().map(|(d, _, _)| d).collect();
    let taxonomy = taxonomy::build(&refs);
    let mut pieces = to_pieces(drafts, &taxonomy);
    pieces.sort_by(|a, b| compare_newest_first(&a.entry, &b.entry));
    let translations = translations(&pieces);
    let related = {
        let entries: Vec<&Entry> = pieces.iter().map(|p| &p.entry).collect();
        crate::related::related(&crate::related::features(
            &entries,
            taxonomy.terms(Facet::Language),
        ))
    };

    let mut paths = String::new();
    let mut put = |path: String, bytes: Vec<u8>| -> io::Result<String> {
        paths.push_str(&path);
        sink.put(path.clone(), &bytes)?;
        Ok(path)
    };

    // Bodies, in list order so recent articles share shards; the HTML is
    // dropped as soon as its shard is written.
    let mut bodies = PackedShards::new("bodies");
    let mut current: Vec<Body> = Vec::new();
    let mut current_bytes = 0;
    for (position, piece) in pieces.iter_mut().enumerate() {
        let html = std::mem::take(&mut piece.html);
        let size = html.len() + piece.entry.id.len() + piece.source.file.len() + 64;
        if !current.is_empty() && current_bytes + size > layout.body_bytes {
            let shard = body_shard(std::mem::take(&mut current));
            put(bodies.push(&shard), shard)?;
            current_bytes = 0;
        }
        piece.entry.shard = bodies.len() as u32;
        current_bytes += size;
        current.push(Body {
            id: piece.entry.id.clone(),
            html,
            source: piece.source.clone(),
            translations: translations.get(&position).cloned().unwrap_or_default(),
            related: related[position].clone(),
            excerpt: piece.excerpt,
            title_derived: piece.title_derived,
        });
    }
    if !current.is_empty() {
        let shard = body_shard(current);
        put(bodies.push(&shard), shard)?;
    }
    let (entries, texts): (Vec<Entry>, Vec<String>) =
        pieces.into_iter().map(|p| (p.entry, p.text)).unzip();

    // Cards: consecutive positions, so the first page is the first shard.
    let mut cards = PackedShards::new("cards");
    let mut head = None;
    for (i, chunk) in entries.chunks(CARDS_PER_SHARD).enumerate() {
        let shard = CardShard {
            format: FORMAT_NAME.into(),
            version: FORMAT_VERSION,
            first: (i * CARDS_PER_SHARD) as u32,
            cards: chunk.to_vec(),
        }
        .to_json();
        let reference = ShardRef::describe(cards.push(&shard), &shard);
        head.get_or_insert(reference.clone());
        put(reference.path, shard)?;
    }
    let head = match head {
        Some(head) => head,
        None => {
            let empty = CardShard {
                format: FORMAT_NAME.into(),
                version: FORMAT_VERSION,
                first: 0,
                cards: vec![],
            }
            .to_json();
            let reference = ShardRef::describe(cards.push(&empty), &empty);
            put(reference.path.clone(), empty)?;
            reference
        }
    };

    // Slug buckets.
    let buckets = entries.len().div_ceil(SLUGS_PER_BUCKET).max(1);
    let mut by_bucket: Vec<Vec<(String, u32)>> = vec![Vec::new(); buckets];
    for (position, entry) in (0u32..).zip(&entries) {
        by_bucket[slug_bucket(&entry.slug, buckets)].push((entry.slug.clone(), position));
    }
    let mut slugs = PackedShards::new("slugs");
    for mut bucket in by_bucket {
        bucket.sort();
        let shard = SlugShard {
            format: FORMAT_NAME.into(),
            version: FORMAT_VERSION,
            slugs: bucket,
        }
        .to_json();
        put(slugs.push(&shard), shard)?;
    }

    let facets = FacetData::from_entries(&entries, &taxonomy).to_json();
    let facets_ref = described("facets", &facets);
    put(facets_ref.path.clone(), facets)?;

    let search = search_index(&entries, texts, &taxonomy.languages, &mut put)?;

    let tables = Tables {
        format: FORMAT_NAME.into(),
        version: FORMAT_VERSION,
        cards,
        bodies,
        slugs,
    }
    .to_json();
    let tables_ref = described("tables", &tables);
    put(tables_ref.path.clone(), tables)?;

    Ok(Manifest {
        bytes: sink.bytes,
        format: FORMAT_NAME.into(),
        version: FORMAT_VERSION,
        build_id: broadsheet_core::content_hash(paths.as_bytes()),
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

/// A top-level file `<name>.<hash>.json`.
fn described(name: &str, bytes: &[u8]) -> ShardRef {
    ShardRef::describe(
        format!("{name}.{}.json", broadsheet_core::content_hash(bytes)),
        bytes,
    )
}

fn body_shard(bodies: Vec<Body>) -> Vec<u8> {
    BodyShard {
        format: FORMAT_NAME.into(),
        version: FORMAT_VERSION,
        bodies,
    }
    .to_json()
}

/// Drafts as entries pointing into the taxonomy's dictionaries.
fn to_pieces(drafts: Vec<(Draft, String, String)>, taxonomy: &Taxonomy) -> Vec<Piece> {
    let index: HashMap<(Facet, String), u32> = Facet::ALL
        .into_iter()
        .flat_map(|f| {
            taxonomy
                .terms(f)
                .iter()
                .enumerate()
                .map(move |(i, t)| ((f, t.key.clone()), i as u32))
        })
        .collect();
    drafts
        .into_iter()
        .map(|(draft, id, slug)| {
            let terms = |facet: Facet| -> Vec<u32> {
                taxonomy::labels(&draft, facet)
                    .into_iter()
                    .map(|label| index[&(facet, key_for(facet, &label))])
                    .fold(Vec::new(), |mut v, i| {
                        if !v.contains(&i) {
                            v.push(i);
                        }
                        v
                    })
            };
            let entry = Entry {
                id,
                slug,
                title: draft.title.clone(),
                date: draft.date,
                authors: terms(Facet::Author),
                section: terms(Facet::Section).first().copied(),
                regions: terms(Facet::Region),
                countries: terms(Facet::Country),
                tags: terms(Facet::Tag),
                language: terms(Facet::Language)[0],
                dir: draft.dir,
                summary: draft.summary.clone(),
                words: draft.words,
                shard: 0,
                translation: draft.translation.clone(),
            };
            Piece {
                entry,
                html: draft.html,
                source: Source {
                    // Where the sources lie is no part of the bundle.
                    file: if draft.origin.is_empty() {
                        draft.file
                    } else {
                        draft.origin
                    },
                    line: draft.line,
                    url: draft.url,
                },
                text: draft.text,
                excerpt: draft.excerpt,
                title_derived: draft.title_derived,
            }
        })
        .collect()
}

/// For each position whose article has other language versions, links to
/// them, in list order.
fn translations(pieces: &[Piece]) -> HashMap<usize, Vec<Translation>> {
    let mut groups: HashMap<&str, Vec<usize>> = HashMap::new();
    for (position, piece) in pieces.iter().enumerate() {
        if let Some(key) = &piece.entry.translation {
            groups.entry(key).or_default().push(position);
        }
    }
    let mut out = HashMap::new();
    for members in groups.values().filter(|m| m.len() > 1) {
        for &position in members {
            let others = members
                .iter()
                .filter(|&&p| p != position)
                .map(|&p| {
                    let e = &pieces[p].entry;
                    Translation {
                        language: e.language,
                        slug: e.slug.clone(),
                        title: e.title.clone(),
                    }
                })
                .collect();
            out.insert(position, others);
        }
    }
    out
}

/// Indexes the entries' text (in parallel: analysis is most of the work),
/// puts every index file, and returns the index root's reference.
fn search_index(
    entries: &[Entry],
    texts: Vec<String>,
    languages: &[broadsheet_core::Term],
    put: &mut impl FnMut(String, Vec<u8>) -> io::Result<String>,
) -> io::Result<ShardRef> {
    // In batches, so each batch's text is freed once analysed.
    const BATCH: usize = 4096;
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
        put(file.path, file.bytes)?;
    }
    let root = built.root.to_json();
    let reference = ShardRef::describe(
        format!("search/index.{}.json", broadsheet_core::content_hash(&root)),
        &root,
    );
    put(reference.path.clone(), root)?;
    Ok(reference)
}

/// The labels of an entry's terms in one facet.
pub fn term_labels(taxonomy: &Taxonomy, entry: &Entry, facet: Facet) -> Vec<String> {
    entry
        .terms(facet)
        .iter()
        .filter_map(|&i| taxonomy.term(facet, i).map(|t| t.label.clone()))
        .collect()
}
