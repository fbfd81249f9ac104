//! Related articles, worked out once by the builder so the reader needs no
//! model of its own: two articles are related by what they share — tags
//! most, then countries, then regions, and the distinctive words of their
//! titles and summaries — each shared feature weighted by how rare it is
//! (inverse document frequency). Translations of an article are linked
//! separately and left out here.
//!
//! Only *older* articles are candidates, and a feature's rarity is counted
//! among the article and those older than it: nothing newer changes an
//! article's list, so a new article leaves every older body (and its
//! segment's files) as it was. "Older" is the age order: dated articles by
//! the list order reversed, then undated ones (as if added last).
//!
//! Cost stays near-linear: features shared by more than [`COMMON`]
//! articles say little and are skipped, so each article visits at most a
//! few thousand others; the work is spread over every core (rayon).

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use broadsheet_core::search::{DocTerms, DocText};
use broadsheet_core::{Entry, Facet, Link, Taxonomy};
use rayon::prelude::*;

use super::words_cache;

/// Related articles kept per article.
pub const KEEP: usize = 4;
/// A feature shared by more articles than this is too common to relate them.
const COMMON: usize = 1_000;
/// Weights of a shared feature, by kind, before its rarity.
const TAG: f32 = 3.0;
const COUNTRY: f32 = 2.0;
const REGION: f32 = 1.0;
const WORD: f32 = 1.0;
/// Below this score, sharing is coincidence (one common word, one region).
const ENOUGH: f32 = 4.0;

/// A score in fixed point (1/65,536ths).
fn fixed(score: f32) -> u64 {
    (f64::from(score) * 65_536.0).round() as u64
}

/// Related articles, worked out on demand for the positions of a segment
/// being made (a segment reused from an earlier build needs none).
pub struct Related {
    /// What the features are worked out from (on demand, as the table is):
    /// the entries, and the names of their languages.
    entries: Vec<Entry>,
    languages: Vec<broadsheet_core::Term>,
    features: OnceLock<Vec<Features>>,
    ranks: Vec<u32>,
    /// Each position's own link.
    links: Vec<Link>,
    /// By age rank: a hash of the features of the article of that rank and
    /// of every older one — all a list of related articles depends on.
    older: Vec<[u8; 32]>,
    table: OnceLock<Table>,
    /// Where the words of every title and summary are kept between
    /// builds ([`words_cache`]), if anywhere.
    words_cache: Option<PathBuf>,
}

impl Related {
    /// What the related articles of `entries` (list order) are worked out
    /// from: their features, age ranks and links, and the chained hashes.
    pub fn new(entries: &[&Entry], taxonomy: &Taxonomy) -> Related {
        let dated: Vec<bool> = entries.iter().map(|e| e.date.is_some()).collect();
        let ranks = age_ranks(&dated);
        let mut by_rank = vec![0; ranks.len()];
        for (p, &rank) in ranks.iter().enumerate() {
            by_rank[rank as usize] = p;
        }
        let hashes: Vec<[u8; 32]> = entries
            .par_iter()
            .map(|e| features_hash(e, taxonomy))
            .collect();
        let mut chain = [0u8; 32];
        let older = by_rank
            .iter()
            .map(|&p| {
                let mut hasher = blake3::Hasher::new();
                hasher.update(&chain);
                hasher.update(&hashes[p]);
                chain = *hasher.finalize().as_bytes();
                chain
            })
            .collect();
        Related {
            entries: entries.iter().map(|&e| e.clone()).collect(),
            languages: taxonomy.terms(Facet::Language).to_vec(),
            features: OnceLock::new(),
            links: entries.iter().map(|e| Link::new(e.date, &e.slug)).collect(),
            ranks,
            older,
            table: OnceLock::new(),
            words_cache: None,
        }
    }

    /// Keeps the words of every title and summary in `path` between
    /// builds, so that only new and changed ones are analysed.
    pub fn keep_words_in(&mut self, path: Option<PathBuf>) {
        self.words_cache = path;
    }

    /// The related articles of `positions`, each as a link.
    pub fn of(&self, positions: Range<usize>) -> Vec<Vec<Link>> {
        let features = self.features.get_or_init(|| {
            let entries: Vec<&Entry> = self.entries.iter().collect();
            let words = words(&entries, &self.languages, self.words_cache.as_deref());
            let features = features_of(&entries, words);
            crate::progress::lap("related: every article's features");
            features
        });
        let table = self.table.get_or_init(|| {
            let table = Table::new(features, &self.ranks);
            crate::progress::lap("related: table of who shares what");
            table
        });
        table
            .related(features, &self.ranks, positions)
            .into_iter()
            .map(|list| {
                list.into_iter()
                    .map(|j| self.links[j as usize].clone())
                    .collect()
            })
            .collect()
    }

    /// A hash of everything the related articles of `positions` depend on:
    /// the features, dates and slugs of these articles and every older one.
    pub fn inputs(&self, positions: Range<usize>) -> [u8; 32] {
        positions
            .map(|p| self.ranks[p])
            .max()
            .map_or([0; 32], |rank| self.older[rank as usize])
    }
}

/// What [`features`] reads of an entry, with its link: in words,
/// not dictionary indexes (which move as the archive grows).
fn features_hash(entry: &Entry, taxonomy: &Taxonomy) -> [u8; 32] {
    let keys = |facet: Facet, terms: &[u32]| -> Vec<&str> {
        terms
            .iter()
            .map(|&t| taxonomy.terms(facet)[t as usize].key.as_str())
            .collect()
    };
    let bytes = serde_json::to_vec(&(
        entry.date,
        &entry.slug,
        &entry.title,
        &entry.summary,
        keys(Facet::Language, &[entry.language]),
        keys(Facet::Tag, &entry.tags),
        keys(Facet::Country, &entry.countries),
        keys(Facet::Region, &entry.regions),
        &entry.translation,
    ))
    .expect("entries serialize");
    *blake3::hash(&bytes).as_bytes()
}

/// What an article can share with another.
pub struct Features {
    /// `(kind weight, feature id)`, distinct.
    items: Vec<(f32, u32)>,
    /// Articles never to relate to this one (its translations).
    skip: Vec<u32>,
}

/// The features of each entry (in list order), from its terms and the
/// distinctive words of its title and summary.
#[cfg(test)]
pub fn features(entries: &[&Entry], languages: &[broadsheet_core::Term]) -> Vec<Features> {
    features_of(entries, words(entries, languages, None))
}

/// The distinctive words of each entry's title and summary: those `cache`
/// holds from an earlier build, the others analysed (and the cache written
/// again with this build's when anything differs).
fn words(
    entries: &[&Entry],
    languages: &[broadsheet_core::Term],
    cache: Option<&Path>,
) -> Vec<Vec<String>> {
    let language = |e: &Entry| {
        languages
            .get(e.language as usize)
            .map_or("", |t| t.key.as_str())
    };
    let keys: Vec<words_cache::Key> = entries
        .par_iter()
        .map(|e| words_cache::key(&e.title, &e.summary, language(e)))
        .collect();
    let mut known = cache.map(words_cache::load).unwrap_or_default();
    let loaded = known.len();
    crate::progress::lap("related: words file read");
    let kept: Vec<Option<Vec<String>>> = keys.iter().map(|k| known.remove(k)).collect();
    let distinct = keys.iter().collect::<HashSet<_>>().len();
    let missing = kept.iter().filter(|w| w.is_none()).count();
    let words: Vec<Vec<String>> = (entries, kept)
        .into_par_iter()
        .map(|(e, kept)| {
            kept.unwrap_or_else(|| {
                let doc = DocTerms::analyze(&DocText {
                    title: &e.title,
                    summary: &e.summary,
                    body: "",
                    language: language(e),
                });
                doc.terms().map(str::to_string).collect()
            })
        })
        .collect();
    crate::progress::lap("related: new words analysed");
    if let Some(path) = cache.filter(|_| missing > 0 || loaded != distinct) {
        let mut seen = HashSet::new();
        let entries: Vec<(words_cache::Key, &[String])> = (keys.iter().zip(&words))
            .filter(|(k, _)| seen.insert(**k))
            .map(|(k, w)| (*k, w.as_slice()))
            .collect();
        if let Err(e) = words_cache::save(path, &entries) {
            eprintln!("broadsheet: warning: cannot save the words cache: {e}");
        }
        crate::progress::lap("related: words file written");
    }
    words
}

/// [`features`] of entries whose words are known.
fn features_of(entries: &[&Entry], words: Vec<Vec<String>>) -> Vec<Features> {
    // Words numbered in list order, each at its first use (one pass, on
    // one core: the numbering is what keeps builds alike).
    let mut ids: rustc_hash::FxHashMap<&str, u32> = rustc_hash::FxHashMap::default();
    let word_ids: Vec<Vec<u32>> = words
        .iter()
        .map(|words| {
            (words.iter())
                .map(|word| {
                    let next = ids.len() as u32;
                    *ids.entry(word.as_str()).or_insert(next)
                })
                .collect()
        })
        .collect();
    let mut groups: HashMap<&str, Vec<u32>> = HashMap::new();
    for (position, e) in (0u32..).zip(entries) {
        if let Some(key) = &e.translation {
            groups.entry(key).or_default().push(position);
        }
    }
    let positions: Vec<u32> = (0..entries.len() as u32).collect();
    (positions, entries, word_ids)
        .into_par_iter()
        .map(|(position, e, word_ids)| {
            let mut items = Vec::new();
            let facet = |kind: u32, weight: f32, terms: &[u32], items: &mut Vec<(f32, u32)>| {
                for &t in terms {
                    items.push((weight, kind << 28 | t));
                }
            };
            facet(1, TAG, &e.tags, &mut items);
            facet(2, COUNTRY, &e.countries, &mut items);
            facet(3, REGION, &e.regions, &mut items);
            items.extend(word_ids.into_iter().map(|id| (WORD, 4 << 28 | id)));
            items.sort_unstable_by_key(|&(_, id)| id);
            items.dedup_by_key(|&mut (_, id)| id);
            let skip = e
                .translation
                .as_deref()
                .and_then(|key| groups.get(key))
                .map(|g| g.iter().copied().filter(|&p| p != position).collect())
                .unwrap_or_default();
            Features { items, skip }
        })
        .collect()
}

/// Each position's place in the age order (see the module documentation):
/// dated articles oldest first, then the undated ones in list order.
pub fn age_ranks(dated: &[bool]) -> Vec<u32> {
    let d = dated.iter().take_while(|&&x| x).count() as u32;
    (0u32..)
        .zip(dated)
        .map(|(p, &is_dated)| if is_dated { d - 1 - p } else { p })
        .collect()
}

/// For each article, up to [`KEEP`] related ones (positions) among those
/// older than it (`ranks`: [`age_ranks`]), best first; ties go to the
/// earlier position (the newer article).
#[cfg(test)]
pub fn related(features: &[Features], ranks: &[u32]) -> Vec<Vec<u32>> {
    Table::new(features, ranks).related(features, ranks, 0..features.len())
}

/// Each feature's articles by age, as one flat sorted table (compact at
/// 100k articles and millions of pairs).
pub struct Table {
    pairs: Vec<(u32, u32)>,
    ranges: HashMap<u32, (usize, usize)>,
    position_of: Vec<u32>,
}

impl Table {
    pub fn new(features: &[Features], ranks: &[u32]) -> Table {
        let mut pairs: Vec<(u32, u32)> = ranks
            .iter()
            .zip(features)
            .flat_map(|(&rank, f)| f.items.iter().map(move |&(_, id)| (id, rank)))
            .collect();
        pairs.par_sort_unstable();
        let mut ranges: HashMap<u32, (usize, usize)> = HashMap::new();
        for (i, &(id, _)) in pairs.iter().enumerate() {
            ranges.entry(id).or_insert((i, i)).1 = i + 1;
        }
        let mut position_of = vec![0u32; features.len()];
        for (p, &rank) in (0u32..).zip(ranks) {
            position_of[rank as usize] = p;
        }
        Table {
            pairs,
            ranges,
            position_of,
        }
    }

    /// [`related`] for the articles at `positions` only (each one's list
    /// depends on it and the older articles alone).
    pub fn related(
        &self,
        features: &[Features],
        ranks: &[u32],
        positions: std::ops::Range<usize>,
    ) -> Vec<Vec<u32>> {
        /// Articles worked on by one task, sharing its score table.
        const CHUNK: usize = 1024;
        let n = features.len();
        let Table {
            pairs,
            ranges,
            position_of,
        } = self;
        // Rarity among the article and the older ones, in fixed point:
        // integer sums do not depend on the order the features come in (ids
        // are handed out in list order, so a new article reorders them),
        // where float sums differ in their last bits and break ties apart.
        let weight = |kind: f32, older: usize, df: usize| {
            fixed(kind * (1.0 + older as f32 / df as f32).ln()).max(1)
        };
        let positions: Vec<usize> = positions.collect();
        positions
            .par_chunks(CHUNK)
            .flat_map_iter(|chunk| {
                let mut scores = vec![0u64; n];
                let mut touched: Vec<u32> = Vec::new();
                chunk
                    .iter()
                    .map(|&i| {
                        let rank = ranks[i];
                        for &(kind, id) in &features[i].items {
                            let (start, end) = ranges[&id];
                            let all = &pairs[start..end];
                            let older = &all[..all.partition_point(|&(_, r)| r < rank)];
                            let df = older.len() + 1;
                            if older.is_empty() || df > COMMON {
                                continue;
                            }
                            let w = weight(kind, rank as usize + 1, df);
                            for &(_, r) in older {
                                let j = position_of[r as usize];
                                if scores[j as usize] == 0 {
                                    touched.push(j);
                                }
                                scores[j as usize] += w;
                            }
                        }
                        let mut found: Vec<(u64, u32)> = touched
                            .drain(..)
                            .map(|j| (std::mem::take(&mut scores[j as usize]), j))
                            .filter(|&(score, j)| {
                                score >= fixed(ENOUGH) && !features[i].skip.contains(&j)
                            })
                            .collect();
                        // Best first, ties to the newer article: a total
                        // order, so the best few are picked without sorting
                        // them all.
                        let order =
                            |a: &(u64, u32), b: &(u64, u32)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
                        if found.len() > KEEP {
                            found.select_nth_unstable_by(KEEP, order);
                            found.truncate(KEEP);
                        }
                        found.sort_unstable_by(order);
                        found.iter().map(|&(_, j)| j).collect()
                    })
                    .collect::<Vec<_>>()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use broadsheet_core::{Direction, Term};

    fn entry(title: &str, tags: &[u32], countries: &[u32], translation: Option<&str>) -> Entry {
        Entry {
            id: title.into(),
            slug: title.into(),
            title: title.into(),
            date: None,
            authors: vec![],
            section: None,
            regions: vec![0],
            countries: countries.to_vec(),
            tags: tags.to_vec(),
            language: 0,
            dir: Direction::Ltr,
            summary: String::new(),
            words: 0,
            shard: 0,
            translation: translation.map(str::to_string),
            thumb: None,
        }
    }

    fn english() -> Vec<Term> {
        vec![Term {
            key: "en".into(),
            label: "English".into(),
            count: 1,
        }]
    }

    #[test]
    fn shared_rare_tags_and_words_relate_articles_best_first() {
        // Undated: the age order is the list order, so each article's
        // candidates are the ones before it.
        let entries = [
            entry("Teachers in Kotli, translated", &[1, 2], &[0], Some("t")),
            entry("Teachers strike in Kotli", &[1, 2], &[0], None),
            entry("Dockworkers strike in Colombo", &[2], &[1], None),
            entry("A recipe for lentils", &[9], &[2], None),
            entry("Kotli teachers win their strike", &[1, 2], &[0], None),
            entry("Teachers strike in Kotli (Urdu)", &[1, 2], &[0], Some("t")),
        ];
        let refs: Vec<&Entry> = entries.iter().collect();
        let ranks = age_ranks(&[false; 6]);
        let related = related(&features(&refs, &english()), &ranks);
        assert_eq!(related[4][0], 1, "the most alike first: {:?}", related[4]);
        assert!(!related[4].contains(&4), "never itself");
        assert!(related[0].is_empty(), "nothing older, nothing related");
        assert!(related[3].is_empty(), "nothing in common, nothing related");
        assert!(
            !related[5].contains(&0),
            "translations are linked elsewhere"
        );
        assert!(related[1].iter().all(|&j| j < 1) && related.iter().all(|r| r.len() <= KEEP));
    }

    #[test]
    fn a_newer_article_changes_no_older_list() {
        let older = [
            entry("Teachers strike in Kotli", &[1, 2], &[0], None),
            entry("Kotli teachers win their strike", &[1, 2], &[0], None),
            entry("Dockworkers strike in Colombo", &[2], &[1], None),
        ];
        let newer = entry("Teachers of Kotli strike again", &[1, 2], &[0], None);
        let with_date = |e: &Entry, day: &str| {
            let mut e = e.clone();
            e.date = broadsheet_core::Date::parse(day).ok();
            e
        };
        let before: Vec<Entry> = older
            .iter()
            .zip(["2024-03-03", "2024-03-02", "2024-03-01"])
            .map(|(e, d)| with_date(e, d))
            .collect();
        let mut after = vec![with_date(&newer, "2024-03-04")];
        after.extend(before.iter().cloned());
        let run = |list: &[Entry]| {
            let refs: Vec<&Entry> = list.iter().collect();
            related(
                &features(&refs, &english()),
                &age_ranks(&vec![true; list.len()]),
            )
        };
        let (b, a) = (run(&before), run(&after));
        for (p, list) in b.iter().enumerate() {
            let shifted: Vec<u32> = list.iter().map(|j| j + 1).collect();
            assert_eq!(a[p + 1], shifted, "position {p}");
        }
        assert!(!a[0].is_empty(), "the new article finds older ones");
    }

    #[test]
    fn lists_do_not_depend_on_how_features_are_numbered() {
        // Feature ids are handed out in list order, so a new article (or a
        // new tag) renumbers them and reorders every article's items. The
        // lists must not move, ties included: a build into the last folder
        // keeps an old segment that a build from scratch makes again, and
        // both must agree. Here the newest article shares three words with
        // each of two older ones, of the same rarities in another order
        // (df 2, 3, 4 against 3, 4, 2): equal scores, summed in different
        // orders; fillers set the rarities, padding varies the weights.
        let word = |ids: &[u32]| Features {
            items: ids.iter().map(|&id| (WORD, 4 << 28 | id)).collect(),
            skip: vec![],
        };
        for padding in 8..40 {
            let mut list = vec![
                word(&[1, 2, 3, 4, 5, 6]), // the newest
                word(&[1, 2, 3]),          // x: df 2, 3, 4
                word(&[4, 5, 6]),          // y: df 3, 4, 2
                word(&[2, 4]),
                word(&[3, 5]),
                word(&[3, 5]),
            ];
            list.extend((0..padding).map(|i| word(&[1000 + i])));
            let ranks = age_ranks(&vec![true; list.len()]);
            let renumbered: Vec<Features> = list
                .iter()
                .map(|f| {
                    let mut items: Vec<(f32, u32)> = f
                        .items
                        .iter()
                        .map(|&(w, id)| (w, id ^ 0x0fff_ffff))
                        .collect();
                    items.sort_unstable_by_key(|&(_, id)| id);
                    Features {
                        items,
                        skip: vec![],
                    }
                })
                .collect();
            let (a, b) = (related(&list, &ranks), related(&renumbered, &ranks));
            assert_eq!(
                a[0][..2],
                [1, 2],
                "equal scores: the newer first ({padding})"
            );
            assert_eq!(a, b, "padding {padding}");
        }
    }

    #[test]
    fn a_region_alone_is_not_enough() {
        let entries = [
            entry("Alpha", &[1], &[], None),
            entry("Beta", &[2], &[], None),
        ];
        let refs: Vec<&Entry> = entries.iter().collect();
        assert!(
            related(&features(&refs, &english()), &age_ranks(&[false, false]))
                .iter()
                .all(Vec::is_empty)
        );
    }
}
