//! Assembling drafts into a bundle (ids, slugs, term indices, shards) and
//! writing it to disk; reading one back for `ls` and the tests.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::Path;

use broadsheet_core::search::{DocTerms, DocText, IndexLimits, IndexWriter};
use broadsheet_core::{
    sort_newest_first, Body, BodyShard, Catalog, Entry, Facet, Manifest, ShardRef, Site, Source,
    Taxonomy, FORMAT_NAME, FORMAT_VERSION,
};
use rayon::prelude::*;

use crate::slug::slugify;
use crate::sources::Draft;
use crate::taxonomy::{self, key_for};
use crate::Diagnostic;

/// The files of a bundle, in memory, ready to write.
pub struct Bundle {
    pub manifest: Manifest,
    /// (path relative to the bundle folder, bytes), manifest excluded.
    pub files: Vec<(String, Vec<u8>)>,
}

/// What a build wrote.
#[derive(Debug, Default)]
pub struct BuildReport {
    pub articles: usize,
    pub body_shards: usize,
    pub bytes_written: u64,
}

/// Gives drafts their ids, slugs and places, and lays out the shards.
/// Slug and id clashes are resolved deterministically and reported.
pub fn assemble(
    drafts: Vec<Draft>,
    site: Site,
    shard_bytes: usize,
    diags: &mut Vec<Diagnostic>,
) -> Bundle {
    let drafts = assign_identity(drafts, diags);
    let refs: Vec<&Draft> = drafts.iter().map(|(d, _, _)| d).collect();
    let taxonomy = taxonomy::build(&refs);
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

    let mut pairs: Vec<(Entry, (Body, String))> = drafts
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
                id: id.clone(),
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
                year: terms(Facet::Year).first().copied(),
            };
            let body = Body {
                id,
                html: draft.html,
                source: Source {
                    file: draft.file,
                    line: draft.line,
                },
            };
            (entry, (body, draft.text))
        })
        .collect();

    // Sort entries (and their bodies) newest first; the body shards follow
    // the same order, so recent articles share shards.
    let mut entries: Vec<Entry> = pairs.iter().map(|(e, _)| e.clone()).collect();
    sort_newest_first(&mut entries);
    let mut bodies_by_id: HashMap<String, (Body, String)> =
        pairs.drain(..).map(|(e, b)| (e.id, b)).collect();
    let languages = &taxonomy.languages;
    let texts: Vec<(Body, String)> = entries
        .iter()
        .map(|e| bodies_by_id.remove(&e.id).expect("every entry has a body"))
        .collect();
    let search_files = search_index(&entries, &texts, languages);

    let mut files = Vec::new();
    let mut body_refs = Vec::new();
    let mut current: Vec<Body> = Vec::new();
    let mut current_bytes = 0;
    for (entry, (body, _)) in entries.iter_mut().zip(texts) {
        let size = body.html.len() + body.id.len() + body.source.file.len() + 64;
        if !current.is_empty() && current_bytes + size > shard_bytes {
            flush_shard(&mut current, &mut files, &mut body_refs);
            current_bytes = 0;
        }
        entry.shard = body_refs.len() as u32;
        current_bytes += size;
        current.push(body);
    }
    if !current.is_empty() {
        flush_shard(&mut current, &mut files, &mut body_refs);
    }

    let catalog = Catalog {
        format: FORMAT_NAME.into(),
        version: FORMAT_VERSION,
        articles: entries,
    };
    let catalog_bytes = catalog.to_json();
    let catalog_ref = ShardRef::describe(
        format!(
            "catalog.{}.json",
            broadsheet_core::content_hash(&catalog_bytes)
        ),
        &catalog_bytes,
    );
    files.push((catalog_ref.path.clone(), catalog_bytes));

    let (search_ref, search_files) = search_files;
    files.extend(search_files);
    let build_id = {
        let mut all = String::new();
        for (path, _) in &files {
            all.push_str(path);
        }
        broadsheet_core::content_hash(all.as_bytes())
    };
    let manifest = Manifest {
        format: FORMAT_NAME.into(),
        version: FORMAT_VERSION,
        build_id,
        site,
        articles: catalog.articles.len() as u32,
        taxonomy,
        catalog: catalog_ref,
        bodies: body_refs,
        search: search_ref,
    };
    Bundle { manifest, files }
}

/// Indexes the entries' text (in parallel: analysis is most of the work) and
/// returns the index root's reference and every index file.
fn search_index(
    entries: &[Entry],
    texts: &[(Body, String)],
    languages: &[broadsheet_core::Term],
) -> (ShardRef, Vec<(String, Vec<u8>)>) {
    let analysed: Vec<DocTerms> = entries
        .par_iter()
        .zip(texts)
        .map(|(entry, (_, text))| {
            DocTerms::analyze(&DocText {
                title: &entry.title,
                summary: &entry.summary,
                body: text,
                language: languages
                    .get(entry.language as usize)
                    .map_or("", |t| t.key.as_str()),
            })
        })
        .collect();
    let mut writer = IndexWriter::new();
    for doc in analysed {
        writer.add(doc);
    }
    let built = writer.finish(IndexLimits::default());
    let root = built.root.to_json();
    let path = format!("search/index.{}.json", broadsheet_core::content_hash(&root));
    let mut files: Vec<(String, Vec<u8>)> =
        built.files.into_iter().map(|f| (f.path, f.bytes)).collect();
    let root_ref = ShardRef::describe(path.clone(), &root);
    files.push((path, root));
    (root_ref, files)
}

fn flush_shard(
    current: &mut Vec<Body>,
    files: &mut Vec<(String, Vec<u8>)>,
    refs: &mut Vec<ShardRef>,
) {
    let shard = BodyShard {
        format: FORMAT_NAME.into(),
        version: FORMAT_VERSION,
        bodies: std::mem::take(current),
    };
    let bytes = shard.to_json();
    let path = format!(
        "bodies/{:04}.{}.json",
        refs.len(),
        broadsheet_core::content_hash(&bytes)
    );
    refs.push(ShardRef::describe(path.clone(), &bytes));
    files.push((path, bytes));
}

/// Chooses each draft's slug and id. Drafts arrive in source-path order, so
/// the first file keeps a contested slug and later ones get `-2`, `-3`, ….
fn assign_identity(
    drafts: Vec<Draft>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(Draft, String, String)> {
    let mut slugs: HashMap<String, String> = HashMap::new();
    let mut ids: HashSet<String> = HashSet::new();
    let mut out = Vec::with_capacity(drafts.len());
    for draft in drafts {
        let base = draft.slug.clone().unwrap_or_else(|| {
            let s = slugify(&draft.title);
            if s.is_empty() {
                "article".to_string()
            } else {
                s
            }
        });
        let mut slug = base.clone();
        let mut n = 2;
        while slugs.contains_key(&slug) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        if slug != base {
            diags.push(Diagnostic::warning(
                Path::new(&draft.file),
                draft.line,
                format!(
                    "slug `{base}` is already used by {}; this article gets `{slug}`",
                    slugs[&base]
                ),
            ));
        }
        let id = match &draft.id {
            Some(id) if !ids.contains(id) => id.clone(),
            Some(id) => {
                let fresh = derived_id(&slug);
                diags.push(Diagnostic::warning(
                    Path::new(&draft.file),
                    draft.line,
                    format!("id `{id}` is already used; this article gets `{fresh}`"),
                ));
                fresh
            }
            None => derived_id(&slug),
        };
        ids.insert(id.clone());
        slugs.insert(slug.clone(), draft.file.clone());
        out.push((draft, id, slug));
    }
    out
}

fn derived_id(slug: &str) -> String {
    broadsheet_core::content_hash(slug.as_bytes())[..12].to_string()
}

/// Writes the bundle into `dir`: shards first, the manifest last (renamed
/// into place), so a reader never sees a manifest whose shards are missing.
/// Shards of an earlier build in `dir` are removed afterwards.
pub fn write(bundle: &Bundle, dir: &Path) -> io::Result<BuildReport> {
    for folder in BUNDLE_FOLDERS {
        fs::create_dir_all(dir.join(folder))?;
    }
    let mut report = BuildReport {
        articles: bundle.manifest.articles as usize,
        body_shards: bundle.manifest.bodies.len(),
        bytes_written: 0,
    };
    let mut keep: HashSet<&str> = HashSet::new();
    for (path, bytes) in &bundle.files {
        fs::write(dir.join(path), bytes)?;
        report.bytes_written += bytes.len() as u64;
        keep.insert(path);
    }
    let manifest = bundle.manifest.to_json();
    let tmp = dir.join("manifest.json.tmp");
    fs::write(&tmp, &manifest)?;
    fs::rename(&tmp, dir.join("manifest.json"))?;
    report.bytes_written += manifest.len() as u64;
    remove_stale(dir, &keep)?;
    Ok(report)
}

/// Folders of a bundle that hold only files the builder writes.
const BUNDLE_FOLDERS: [&str; 5] = [
    "bodies",
    "search",
    "search/terms",
    "search/postings",
    "search/pairs",
];

fn remove_stale(dir: &Path, keep: &HashSet<&str>) -> io::Result<()> {
    let is_ours = |name: &str| name.ends_with(".json");
    for folder in BUNDLE_FOLDERS {
        for entry in fs::read_dir(dir.join(folder))? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.file_type()?.is_file()
                && is_ours(&name)
                && !keep.contains(format!("{folder}/{name}").as_str())
            {
                fs::remove_file(entry.path())?;
            }
        }
    }
    for entry in fs::read_dir(dir)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if name.starts_with("catalog.") && is_ours(&name) && !keep.contains(name.as_str()) {
            fs::remove_file(dir.join(&name))?;
        }
    }
    Ok(())
}

/// Reads a bundle's manifest and catalog, checking format, version and the
/// catalog's content hash.
pub fn read_bundle(dir: &Path) -> Result<(Manifest, Catalog), Box<dyn std::error::Error>> {
    let manifest_path = dir.join("manifest.json");
    let bytes = fs::read(&manifest_path)
        .map_err(|e| format!("cannot read {}: {e}", manifest_path.display()))?;
    let manifest =
        Manifest::decode(&bytes).map_err(|e| format!("{}: {e}", manifest_path.display()))?;
    let catalog_path = dir.join(&manifest.catalog.path);
    let bytes = fs::read(&catalog_path)
        .map_err(|e| format!("cannot read {}: {e}", catalog_path.display()))?;
    manifest.catalog.verify(&bytes)?;
    let catalog =
        Catalog::from_json(&bytes).map_err(|e| format!("{}: {e}", catalog_path.display()))?;
    Ok((manifest, catalog))
}

/// The labels of an entry's terms in one facet.
pub fn term_labels(taxonomy: &Taxonomy, entry: &Entry, facet: Facet) -> Vec<String> {
    entry
        .terms(facet)
        .iter()
        .filter_map(|&i| taxonomy.term(facet, i).map(|t| t.label.clone()))
        .collect()
}
