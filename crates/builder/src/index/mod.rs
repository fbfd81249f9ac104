//! The index stage: drafts given their place in the archive — a unique id
//! and slug each (`identity.rs`), term indices into the facet dictionaries
//! (`taxonomy.rs`), the list order, links between translations
//! (`translations.rs`) and related articles (`related.rs`).

mod identity;
mod related;
mod taxonomy;
mod translations;
mod words_cache;

use std::collections::HashMap;

use broadsheet_core::{compare_newest_first, Entry, Facet, Source, Taxonomy, Translation};

pub use related::Related;
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
    /// The picture files its body shows.
    pub pictures: Vec<broadsheet_core::ShardRef>,
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

/// Indexes the drafts. Slug and id clashes are resolved deterministically
/// and reported.
pub fn run(drafts: Vec<Draft>, diags: &mut Vec<Diagnostic>) -> Indexed {
    let drafts = identity::assign_identity(drafts, diags);
    crate::progress::lap("index: identity");
    let refs: Vec<&Draft> = drafts.iter().map(|(d, _, _)| d).collect();
    let taxonomy = taxonomy::build(&refs);
    crate::progress::lap("index: taxonomy");
    let mut articles = to_articles(drafts, &taxonomy);
    articles.sort_by(|a, b| compare_newest_first(&a.entry, &b.entry));
    crate::progress::lap("index: articles");
    let translations = translations::links(&articles);
    let related = {
        let entries: Vec<&Entry> = articles.iter().map(|a| &a.entry).collect();
        Related::new(&entries, &taxonomy)
    };
    crate::progress::lap("index: related");
    Indexed {
        articles,
        taxonomy,
        translations,
        related,
    }
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
                thumb: draft.thumb.clone(),
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
                pictures: draft.pictures,
            }
        })
        .collect()
}
