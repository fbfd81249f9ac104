//! The index stage: drafts given their place in the archive — a unique id
//! and slug each (`identity.rs`), term indices into the facet dictionaries
//! (`taxonomy.rs`), the list order, links between translations
//! (`translations.rs`) and related articles (`related.rs`).

mod identity;
mod related;
mod taxonomy;
mod translations;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use broadsheet_core::{compare_newest_first, Entry, Facet, Link, Source, Taxonomy, Translation};

pub use taxonomy::term_labels;

use crate::draft::Draft;
use crate::slug::key_for;
use crate::Diagnostic;

/// An article with its place in the archive: its entry (list row), and what
/// goes into its body and the search index.
pub struct Article {
    pub entry: Entry,
    pub html: String,
    pub source: Source,
    pub text: String,
    pub excerpt: bool,
    pub title_derived: bool,
}

/// The archive, indexed: articles in list order (position = index), the
/// dictionaries their entries point into, per position the other
/// language versions, and what the related articles (older ones only) are
/// worked out from.
pub struct Indexed {
    pub articles: Vec<Article>,
    pub taxonomy: Taxonomy,
    pub translations: HashMap<usize, Vec<Translation>>,
    pub related: Related,
}

/// Related articles, worked out on demand for the positions of a segment
/// being made (a segment reused from an earlier build needs none).
pub struct Related {
    features: Vec<related::Features>,
    ranks: Vec<u32>,
    /// Each position's own link.
    links: Vec<Link>,
    /// By age rank: a hash of the features of the article of that rank and
    /// of every older one — all a list of related articles depends on.
    older: Vec<[u8; 32]>,
    table: OnceLock<related::Table>,
}

impl Related {
    /// The related articles of `positions`, each as a link.
    pub fn of(&self, positions: Range<usize>) -> Vec<Vec<Link>> {
        let table = self
            .table
            .get_or_init(|| related::Table::new(&self.features, &self.ranks));
        table
            .related(&self.features, &self.ranks, positions)
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

/// Indexes the drafts. Slug and id clashes are resolved deterministically
/// and reported.
pub fn run(drafts: Vec<Draft>, diags: &mut Vec<Diagnostic>) -> Indexed {
    let drafts = identity::assign_identity(drafts, diags);
    let refs: Vec<&Draft> = drafts.iter().map(|(d, _, _)| d).collect();
    let taxonomy = taxonomy::build(&refs);
    let mut articles = to_articles(drafts, &taxonomy);
    articles.sort_by(|a, b| compare_newest_first(&a.entry, &b.entry));
    let translations = translations::links(&articles);
    let related = {
        let entries: Vec<&Entry> = articles.iter().map(|a| &a.entry).collect();
        let dated: Vec<bool> = entries.iter().map(|e| e.date.is_some()).collect();
        let ranks = related::age_ranks(&dated);
        let mut by_rank = vec![0; ranks.len()];
        for (p, &rank) in ranks.iter().enumerate() {
            by_rank[rank as usize] = p;
        }
        let mut chain = [0u8; 32];
        let older = by_rank
            .iter()
            .map(|&p| {
                let mut hasher = blake3::Hasher::new();
                hasher.update(&chain);
                hasher.update(&features_hash(entries[p], &taxonomy));
                chain = *hasher.finalize().as_bytes();
                chain
            })
            .collect();
        Related {
            features: related::features(&entries, taxonomy.terms(Facet::Language)),
            links: entries.iter().map(|e| Link::new(e.date, &e.slug)).collect(),
            ranks,
            older,
            table: OnceLock::new(),
        }
    };
    Indexed {
        articles,
        taxonomy,
        translations,
        related,
    }
}

/// What [`related::features`] reads of an entry, with its link: in words,
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

/// Drafts as entries pointing into the taxonomy's dictionaries.
fn to_articles(drafts: Vec<(Draft, String, String)>, taxonomy: &Taxonomy) -> Vec<Article> {
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
            Article {
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
