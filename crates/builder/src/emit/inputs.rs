//! The inputs hash of a segment ([`broadsheet_core::SegmentRef::inputs`]):
//! everything its files are made from, so that equal hashes mean equal
//! files — its period, its articles as its files hold them (entries in its
//! own dictionary, bodies, texts, sources), their translations, what their
//! related articles are chosen from (their own and every older article's
//! features), the layout, the format version and the builder program itself.

use broadsheet_core::{Entry, Link, Taxonomy, Translation, FORMAT_VERSION};
use rayon::prelude::*;
use serde::Serialize;

use super::segments::Planned;
use super::Layout;
use crate::index::Article;

/// What a segment's files are made of.
pub struct Inputs<'a> {
    pub planned: &'a Planned,
    pub layout: Layout,
    pub dictionary: &'a Taxonomy,
    /// The articles' entries in the segment's dictionary, body shards set.
    pub local: &'a [Entry],
    pub articles: &'a [Article],
    pub translations: &'a [Vec<Translation>],
    pub related: RelatedBy<'a>,
}

/// How a hash covers the segment's related articles.
pub enum RelatedBy<'a> {
    /// By what they are chosen from ([`crate::index::Related::inputs`]):
    /// known without working them out.
    Sources(&'a [u8; 32]),
    /// By the lists themselves: still the same when an older article
    /// changed in a way that moves no list.
    Lists(&'a [Vec<Link>]),
}

/// The inputs' hash, 32 hex digits.
pub fn hash(inputs: &Inputs) -> String {
    let mut hasher = Hasher(blake3::Hasher::new());
    hasher.field(crate::fingerprint::builder().as_bytes());
    hasher.json(&(
        FORMAT_VERSION,
        &inputs.planned.key,
        inputs.planned.days,
        inputs.layout.body_bytes,
        inputs.layout.gzip,
        inputs.dictionary,
    ));
    match inputs.related {
        RelatedBy::Sources(hash) => {
            hasher.field(b"sources");
            hasher.field(hash);
        }
        RelatedBy::Lists(lists) => {
            hasher.field(b"lists");
            hasher.json(&lists);
        }
    }
    // Each article's own hash, on every core (its text is most of what is
    // hashed), then those in list order.
    let articles: Vec<[u8; 32]> = (inputs.articles, inputs.local, inputs.translations)
        .into_par_iter()
        .map(|(article, local, translations)| {
            let mut hasher = Hasher(blake3::Hasher::new());
            hasher.json(&(
                local,
                &article.source,
                article.excerpt,
                article.title_derived,
                translations,
            ));
            hasher.field(article.html.as_bytes());
            hasher.field(article.text.as_bytes());
            *hasher.0.finalize().as_bytes()
        })
        .collect();
    for article in &articles {
        hasher.field(article);
    }
    hasher.0.finalize().to_hex()[..32].to_string()
}

/// Fields hashed with their lengths, so no two sequences of fields hash
/// alike by running into each other.
struct Hasher(blake3::Hasher);

impl Hasher {
    fn field(&mut self, bytes: &[u8]) {
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
    }

    fn json(&mut self, value: &impl Serialize) {
        let bytes = serde_json::to_vec(value).expect("bundle values serialize");
        self.field(&bytes);
    }
}
