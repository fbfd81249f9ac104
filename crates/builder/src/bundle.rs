//! A bundle read back, from a folder or from memory: its manifest, segment
//! tables and entries ([`open`]), and any file a [`ShardRef`] names, checked
//! against its content hash ([`Files::read`]). `ls`, `search`, the site
//! stage and the tests read bundles only through here.

use std::error::Error;
use std::fs;
use std::path::Path;

use broadsheet_core::search::{run_parts, Hits, IndexCache, TextQuery};
use broadsheet_core::{
    CardShard, DecodeError, Entry, Manifest, Remap, SearchIndex, Segment, ShardRef,
};

/// Where a bundle's files are read from.
pub trait Files {
    /// The bytes of the file at `path` (relative to the bundle).
    fn bytes(&self, path: &str) -> Result<Vec<u8>, Box<dyn Error>>;

    /// The file `shard` names, checked against its content hash.
    fn read(&self, shard: &ShardRef) -> Result<Vec<u8>, Box<dyn Error>> {
        let bytes = self.bytes(&shard.path)?;
        shard
            .verify(&bytes)
            .map_err(|e| format!("{}: {e}", shard.path))?;
        Ok(bytes)
    }

    /// What the file `shard` names holds: checked against its content
    /// hash, then inflated when it is stored gzipped.
    fn content(&self, shard: &ShardRef) -> Result<Vec<u8>, Box<dyn Error>> {
        Ok(crate::gzip::stored(&shard.path, self.read(shard)?)?)
    }
}

/// A bundle folder on disk.
pub struct Folder<'a>(pub &'a Path);

impl Files for Folder<'_> {
    fn bytes(&self, path: &str) -> Result<Vec<u8>, Box<dyn Error>> {
        let path = self.0.join(path);
        Ok(fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?)
    }
}

/// A bundle held in memory (as `DiskSink::into_files` gives it): how the
/// tests run the site stage without a folder.
#[cfg(test)]
pub struct Memory(pub std::collections::HashMap<String, Vec<u8>>);

#[cfg(test)]
impl Files for Memory {
    fn bytes(&self, path: &str) -> Result<Vec<u8>, Box<dyn Error>> {
        Ok(self
            .0
            .get(path)
            .cloned()
            .ok_or_else(|| format!("the bundle has no {path}"))?)
    }
}

/// A bundle read back: its manifest, each segment's table (in list order)
/// and every entry in list order, in the manifest's dictionary.
pub struct Opened {
    pub manifest: Manifest,
    pub segments: Vec<Segment>,
    pub entries: Vec<Entry>,
}

impl Opened {
    /// The body shards of every segment, in list order, each with the
    /// position of its segment's first article.
    pub fn body_shards(&self) -> impl Iterator<Item = (u32, ShardRef)> + '_ {
        self.manifest
            .bases()
            .into_iter()
            .zip(&self.segments)
            .flat_map(|(base, s)| s.bodies.iter().map(move |b| (base, b)))
    }

    /// The body shard of the article at list position `position`.
    pub fn body_shard(&self, position: u32) -> Option<ShardRef> {
        let (segment, _) = self.manifest.locate(position)?;
        let shard = self.entries.get(position as usize)?.shard;
        self.segments.get(segment)?.bodies.get(shard as usize)
    }

    /// Every segment's search index root, with its segment's base.
    pub fn search_roots(
        &self,
        files: &dyn Files,
    ) -> Result<Vec<(SearchIndex, u32)>, Box<dyn Error>> {
        self.manifest
            .segments
            .iter()
            .zip(self.manifest.bases())
            .map(|(s, base)| {
                let root = decode(
                    &s.search.path,
                    &files.read(&s.search)?,
                    SearchIndex::from_json,
                )?;
                Ok((root, base))
            })
            .collect()
    }

    /// Runs `query` over every segment as the reader does; also returns
    /// the bytes of index files it read (roots included).
    pub fn search(
        &self,
        files: &dyn Files,
        query: &TextQuery,
    ) -> Result<(Hits, u64), Box<dyn Error>> {
        let roots = self.search_roots(files)?;
        let root_bytes: u64 = self.manifest.segments.iter().map(|s| s.search.bytes).sum();
        let refs: Vec<(&SearchIndex, u32)> = roots.iter().map(|(r, b)| (r, *b)).collect();
        let mut caches = vec![IndexCache::new(); roots.len()];
        if query.is_empty() {
            return Ok((Hits::default(), root_bytes));
        }
        let hits = run_parts(&refs, &mut caches, query, |r| files.content(r).ok())?;
        let read: u64 = caches.iter().map(|c| c.bytes).sum();
        Ok((hits, read + root_bytes))
    }

    /// How the segment holding list position `position` numbers terms.
    pub fn remap(&self, position: u32) -> Option<Remap> {
        let (segment, _) = self.manifest.locate(position)?;
        Some(Remap::new(
            &self.segments.get(segment)?.dictionary,
            &self.manifest.taxonomy,
        ))
    }
}

/// Reads one file of the bundle folder `dir`, checking its content hash.
pub fn read_shard(dir: &Path, shard: &ShardRef) -> Result<Vec<u8>, Box<dyn Error>> {
    Folder(dir).read(shard)
}

/// Decodes a bundle file as stored (inflated first when it is stored
/// gzipped), naming it in the error.
pub fn decode<T>(
    path: &str,
    bytes: &[u8],
    from_json: fn(&[u8]) -> Result<T, DecodeError>,
) -> Result<T, Box<dyn Error>> {
    let bytes = crate::gzip::stored(path, bytes.to_vec())?;
    Ok(from_json(&bytes).map_err(|e| format!("{path}: {e}"))?)
}

/// The paths of what the first screen needs, which an offline copy always
/// holds: `manifest.json`, then the files it names for the first screen.
pub fn first_screen(manifest: &Manifest) -> Vec<String> {
    std::iter::once("manifest.json".to_string())
        .chain(manifest.first_screen().iter().map(|s| s.path.clone()))
        .collect()
}

/// Reads the bundle folder `dir` (see [`open`]).
pub fn read_bundle(dir: &Path) -> Result<Opened, Box<dyn Error>> {
    open(&Folder(dir)).map_err(|e| format!("{}: {e}", dir.display()).into())
}

/// Reads a bundle's manifest, segment tables and cards from `files`,
/// checking format, version and every content hash.
pub fn open(files: &dyn Files) -> Result<Opened, Box<dyn Error>> {
    let bytes = files.bytes("manifest.json")?;
    let manifest = Manifest::decode(&bytes).map_err(|e| format!("manifest.json: {e}"))?;
    let mut entries = Vec::with_capacity(manifest.articles as usize);
    let mut segments = Vec::with_capacity(manifest.segments.len());
    for reference in &manifest.segments {
        let path = &reference.table.path;
        let segment = decode(path, &files.read(&reference.table)?, Segment::from_json)?;
        let remap = Remap::new(&segment.dictionary, &manifest.taxonomy);
        let mut held = 0;
        for shard in segment.cards.iter() {
            let cards = decode(&shard.path, &files.read(&shard)?, CardShard::from_json)?;
            if cards.first as usize != held {
                return Err(format!("{}: cards out of order", shard.path).into());
            }
            held += cards.cards.len();
            entries.extend(cards.cards.into_iter().map(|mut entry| {
                remap.entry(&mut entry);
                entry
            }));
        }
        if held != reference.articles as usize {
            return Err(format!(
                "{path}: the manifest counts {} articles in segment {} but its cards hold {held}",
                reference.articles, reference.key
            )
            .into());
        }
        segments.push(segment);
    }
    if entries.len() != manifest.articles as usize {
        return Err(format!(
            "the manifest counts {} articles but the cards hold {}",
            manifest.articles,
            entries.len()
        )
        .into());
    }
    Ok(Opened {
        manifest,
        segments,
        entries,
    })
}
