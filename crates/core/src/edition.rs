//! What a device keeps of an archive, edition after edition: every file an
//! edition is made of, what a device holding files of earlier editions
//! still has to fetch for it (and how many bytes that is), what it no longer
//! needs any more, and what of it a device holds, by part.
//!
//! Every bundle file is named by its content, so "held" is a question of
//! names only: a file an earlier edition shares with this one is never
//! fetched again, whichever edition it was fetched for, and a reader who
//! missed several editions fetches the union of what they added, once.

use std::collections::HashSet;

use crate::format::{Manifest, SearchIndex, Segment, ShardRef};

/// Every file of an edition but its manifest, each once, given the files
/// that name the rest: the segments' tables and their search roots.
pub fn files(manifest: &Manifest, tables: &[Segment], roots: &[SearchIndex]) -> Vec<ShardRef> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let mut add = |file: ShardRef| {
        if seen.insert(file.path.clone()) {
            out.push(file);
        }
    };
    for file in manifest.first_screen() {
        add(file.clone());
    }
    manifest.slugs.iter().for_each(&mut add);
    for table in tables {
        table.shards().for_each(&mut add);
    }
    for root in roots {
        root.shards().for_each(&mut add);
    }
    out
}

/// What bringing a device up to an edition costs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Missing {
    /// The files it does not hold yet, in the edition's order.
    pub files: Vec<ShardRef>,
    /// Their bytes (before compression), as recorded.
    pub bytes: u64,
    /// How many of them have no recorded size (bundles written before
    /// sizes were: `bytes` then falls short).
    pub unknown_sizes: usize,
}

/// The files of `edition` the device does not hold (`held`: paths
/// relative to the bundle).
pub fn missing(edition: &[ShardRef], held: &dyn Fn(&str) -> bool) -> Missing {
    let mut out = Missing::default();
    for file in edition.iter().filter(|f| !held(&f.path)) {
        out.bytes += file.bytes;
        out.unknown_sizes += usize::from(file.bytes == 0);
        out.files.push(file.clone());
    }
    out
}

/// The files a device holds that no file of `edition` is: what it may
/// delete once it reads that edition.
pub fn unneeded<'a>(held: impl IntoIterator<Item = &'a str>, edition: &[ShardRef]) -> Vec<&'a str> {
    let live: HashSet<&str> = edition.iter().map(|f| f.path.as_str()).collect();
    held.into_iter().filter(|p| !live.contains(p)).collect()
}

/// What a device holds of an edition, by part.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Held {
    pub files: usize,
    /// Article bodies.
    pub articles: u64,
    /// The search index.
    pub search: u64,
    /// The articles' pictures.
    pub pictures: u64,
    /// Everything else: cards, tables, facet data, slugs (the lists and
    /// filters).
    pub lists: u64,
}

impl Held {
    pub fn bytes(&self) -> u64 {
        self.articles + self.search + self.pictures + self.lists
    }
}

/// The files a device holds that belong to `edition`, and their bytes by
/// part.
pub fn held(edition: &[ShardRef], held: &dyn Fn(&str) -> bool) -> Held {
    let mut out = Held::default();
    for f in edition.iter().filter(|f| held(&f.path)) {
        out.files += 1;
        let part = if f.path.starts_with("bodies/") {
            &mut out.articles
        } else if f.path.starts_with("search/") {
            &mut out.search
        } else if crate::pictures::is_picture(&f.path) {
            &mut out.pictures
        } else {
            &mut out.lists
        };
        *part += f.bytes;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::{PackedShards, SegmentRef, Site, TermChunkRef};
    use crate::{Taxonomy, FORMAT_NAME, FORMAT_VERSION};

    fn shard(path: &str, bytes: u64) -> ShardRef {
        ShardRef {
            path: path.into(),
            hash: "0".repeat(16),
            bytes,
        }
    }

    fn series(dir: &str, key: &str, contents: &[&str]) -> PackedShards {
        let mut packed = PackedShards::named(dir, key);
        for c in contents {
            packed.push(c.as_bytes());
        }
        packed
    }

    fn table(key: &str, cards: &[&str], bodies: &[&str], pictures: &[&str]) -> Segment {
        Segment::new(
            key,
            Taxonomy::default(),
            series("cards", key, cards),
            series("bodies", key, bodies),
            series("slugs", key, &["s"]),
            pictures.iter().map(|p| shard(p, 60)).collect(),
        )
    }

    fn manifest(keys: &[&str]) -> Manifest {
        Manifest {
            format: FORMAT_NAME.into(),
            version: FORMAT_VERSION,
            build_id: "b".into(),
            site: Site::default(),
            articles: 3,
            taxonomy: Taxonomy::default(),
            cards_per_shard: 32,
            head: shard("head.1.json", 10),
            segments: keys
                .iter()
                .map(|k| SegmentRef {
                    key: k.to_string(),
                    articles: 1,
                    days: None,
                    table: shard(&format!("segments/{k}.json"), 100),
                    facets: shard(&format!("facets/{k}.json"), 20),
                    search: shard(&format!("search/{k}.index.json"), 30),
                    inputs: String::new(),
                })
                .collect(),
            slugs: series("slugs", "all", &["a", "b"]),
            bytes: 0,
            pictures: 0,
        }
    }

    fn root(key: &str) -> SearchIndex {
        SearchIndex {
            format: FORMAT_NAME.into(),
            version: FORMAT_VERSION,
            docs: 1,
            terms: vec![TermChunkRef {
                first: String::new(),
                file: shard(&format!("search/terms/{key}.0.json"), 40),
            }],
            postings: series("search/postings", key, &["p1", "p2"]),
            postings_from: vec![String::new(), "m".into()],
            pairs: series("search/pairs", key, &["p"]),
        }
    }

    #[test]
    fn an_edition_is_every_file_its_tables_and_indexes_name_once() {
        let m = manifest(&["new", "old"]);
        let tables = [
            table("new", &["c1"], &["b1"], &["images/p.jpg"]),
            table(
                "old",
                &["c2"],
                &["b2", "b3"],
                &["images/p.jpg", "images/q.jpg"],
            ),
        ];
        let roots = [root("new"), root("old")];
        let files = files(&m, &tables, &roots);
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        // head, 2 × (table, facets, root), 2 slug buckets, 2 × (card, slug)
        // + 3 bodies, 2 chunks, 2 pair files, 2 × 2 postings files, two
        // pictures (one shown in both segments).
        assert_eq!(files.len(), 1 + 6 + 2 + 4 + 3 + 2 + 2 + 4 + 2, "{paths:?}");
        let unique: HashSet<&str> = paths.iter().copied().collect();
        assert_eq!(unique.len(), paths.len());
        assert_eq!(paths[0], "head.1.json");
        assert!(paths
            .iter()
            .any(|p| p.starts_with("search/postings/old.00001.")));
        assert!(paths.contains(&"images/q.jpg"));
        assert!(paths.iter().any(|p| p.starts_with("bodies/old.00001.")));
        // Sizes come with the packed series.
        let body = files
            .iter()
            .find(|f| f.path.starts_with("bodies/old.00001."))
            .unwrap();
        assert_eq!(body.bytes, 2);
    }

    #[test]
    fn what_is_missing_is_what_no_earlier_edition_left() {
        let edition = [shard("a", 10), shard("b", 20), shard("c", 0)];
        let held = |p: &str| p == "a";
        let got = missing(&edition, &held);
        assert_eq!(
            got.files
                .iter()
                .map(|f| f.path.as_str())
                .collect::<Vec<_>>(),
            ["b", "c"]
        );
        assert_eq!(got.bytes, 20);
        assert_eq!(got.unknown_sizes, 1);
        assert_eq!(missing(&edition, &|_| true), Missing::default());
        let parts = [
            shard("bodies/a", 5),
            shard("search/b", 7),
            shard("cards/c", 11),
            shard("images/d.jpg", 13),
            shard("x", 1),
        ];
        let got = super::held(&parts, &|p| p != "x");
        assert_eq!(
            (got.files, got.articles, got.search, got.pictures, got.lists),
            (4, 5, 7, 13, 11)
        );
        assert_eq!(got.bytes(), 36);
    }

    #[test]
    fn what_no_file_of_the_edition_is_may_go() {
        let edition = [shard("a", 1), shard("b", 1)];
        assert_eq!(
            unneeded(["a", "old", "b", "older"], &edition),
            ["old", "older"]
        );
        assert!(unneeded(["a"], &edition).is_empty());
    }
}
