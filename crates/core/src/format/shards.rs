//! The files behind the list and the article page: card shards (what a list
//! row shows), the facet data (what filtering needs), slug buckets (links to
//! an article), body shards, and the table naming them all.

use serde::{Deserialize, Serialize};

use super::Link;
use crate::codec::{from_base64, put_set, put_varint, read_set, to_base64, Reader};
use crate::{Date, Entry, Facet, Source, Taxonomy};

/// The cards (what a list row shows) of a run of consecutive list positions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardShard {
    pub format: String,
    pub version: u32,
    /// Position of the first card.
    pub first: u32,
    pub cards: Vec<Entry>,
}

impl CardShard {
    /// The cards of positions `first..`, in this format version.
    pub fn new(first: u32, cards: Vec<Entry>) -> CardShard {
        CardShard {
            format: crate::FORMAT_NAME.into(),
            version: crate::FORMAT_VERSION,
            first,
            cards,
        }
    }

    /// The entry at list position `position`, if this shard holds it.
    pub fn card(&self, position: u32) -> Option<&Entry> {
        self.cards
            .get(usize::try_from(position.checked_sub(self.first)?).ok()?)
    }
}

/// Slug → number for the slugs of one hash bucket, sorted by slug: the
/// position in its segment (a segment's buckets), or the packed date (the
/// archive's buckets, [`crate::Manifest::slugs`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlugShard {
    pub format: String,
    pub version: u32,
    pub slugs: Vec<(String, u32)>,
}

impl SlugShard {
    /// A bucket of `slugs`, which must be sorted by slug.
    pub fn new(slugs: Vec<(String, u32)>) -> SlugShard {
        SlugShard {
            format: crate::FORMAT_NAME.into(),
            version: crate::FORMAT_VERSION,
            slugs,
        }
    }

    pub fn position(&self, slug: &str) -> Option<u32> {
        self.slugs
            .binary_search_by(|(s, _)| s.as_str().cmp(slug))
            .ok()
            .map(|i| self.slugs[i].1)
    }
}

/// The bucket of `slug` among `buckets` (FNV-1a: stable across builds and
/// platforms).
pub fn slug_bucket(slug: &str, buckets: usize) -> usize {
    let hash = slug.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    (hash % buckets.max(1) as u64) as usize
}

/// Every article's date and facet values, compactly: about two bytes per
/// article and facet value, so a 100,000-article archive filters from a
/// file of about a megabyte (less compressed), without its cards.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetData {
    pub format: String,
    pub version: u32,
    pub articles: u32,
    /// Dates of the dated articles, which are the positions from 0 (the
    /// rest are undated), as base64 varints: the first [`Date::packed`]
    /// value, then each next one's decrease.
    pub dates: String,
    /// One blob per facet of [`FacetData::FACETS`]: for every term in
    /// dictionary order, its positions (count, then gaps), base64.
    pub lists: Vec<String>,
}

impl FacetData {
    /// The facets stored: all but the year (the last one), which follows
    /// from the date.
    pub const FACETS: &'static [Facet] = Facet::ALL.split_at(Facet::ALL.len() - 1).0;

    /// Describes `entries` (in list order: dated newest first, then undated).
    pub fn from_entries(entries: &[Entry], taxonomy: &Taxonomy) -> FacetData {
        let mut dates = Vec::new();
        let mut last: Option<u32> = None;
        for date in entries.iter().map_while(|e| e.date) {
            let value = date.packed();
            let step = last.map_or(value, |l| {
                l.checked_sub(value)
                    .expect("dated entries come newest first")
            });
            put_varint(&mut dates, u64::from(step));
            last = Some(value);
        }
        let lists = Self::FACETS
            .iter()
            .map(|&facet| {
                let mut per_term = vec![Vec::new(); taxonomy.terms(facet).len()];
                for (position, entry) in (0u32..).zip(entries) {
                    for &term in entry.terms(facet) {
                        if let Some(list) = per_term.get_mut(term as usize) {
                            if list.last() != Some(&position) {
                                list.push(position);
                            }
                        }
                    }
                }
                let mut blob = Vec::new();
                for list in &per_term {
                    put_set(&mut blob, list);
                }
                to_base64(&blob)
            })
            .collect();
        FacetData {
            format: crate::FORMAT_NAME.into(),
            version: crate::FORMAT_VERSION,
            articles: entries.len() as u32,
            dates: to_base64(&dates),
            lists,
        }
    }

    /// Every article's date, by position.
    pub fn decode_dates(&self) -> Result<Vec<Option<Date>>, String> {
        let bytes = from_base64(&self.dates).map_err(|_| "the dates are not base64")?;
        let mut reader = Reader::new(&bytes);
        let mut out = Vec::with_capacity(self.articles as usize);
        let mut last: Option<u32> = None;
        while !reader.is_empty() && out.len() < self.articles as usize {
            let step = reader.varint().map_err(|_| "the dates are truncated")?;
            let value = match last {
                None => u32::try_from(step).ok(),
                Some(l) => u32::try_from(step).ok().and_then(|s| l.checked_sub(s)),
            }
            .ok_or("a date is out of range")?;
            out.push(Some(
                Date::from_packed(value).ok_or("a date is not a calendar date")?,
            ));
            last = Some(value);
        }
        out.resize(self.articles as usize, None);
        Ok(out)
    }

    /// The position lists of `facet`'s terms (at most `terms` of them).
    pub fn decode_lists(&self, facet: Facet, terms: usize) -> Result<Vec<Vec<u32>>, String> {
        let Some(slot) = Self::FACETS.iter().position(|&f| f == facet) else {
            return Ok(vec![Vec::new(); terms]);
        };
        let blob = self
            .lists
            .get(slot)
            .ok_or_else(|| format!("no lists for the {} facet", facet.param()))?;
        let bytes = from_base64(blob).map_err(|_| "a facet list is not base64")?;
        let mut reader = Reader::new(&bytes);
        let mut lists = Vec::with_capacity(terms);
        while lists.len() < terms && !reader.is_empty() {
            let mut list = Vec::new();
            read_set(&mut reader, |p| {
                if p < self.articles {
                    list.push(p);
                }
            })
            .map_err(|_| format!("the {} lists are truncated", facet.param()))?;
            lists.push(list);
        }
        lists.resize(terms, Vec::new());
        Ok(lists)
    }
}

/// Another language version of an article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Translation {
    /// Index into [`Taxonomy::languages`].
    pub language: u32,
    pub slug: String,
    pub title: String,
}

/// One article's body and what only its page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Body {
    /// The [`Entry::id`] this body belongs to.
    pub id: String,
    /// Sanitized HTML: safe to insert into the page as it is.
    pub html: String,
    pub source: Source,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub translations: Vec<Translation>,
    /// Related articles, best first, all older than this one (worked out
    /// by the builder, so a newer article never changes this body).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Link>,
    /// Only a teaser of the article is known (an imported listing).
    #[serde(default, skip_serializing_if = "is_false")]
    pub excerpt: bool,
    /// The title was made from the text's first sentence.
    #[serde(default, skip_serializing_if = "is_false")]
    pub title_derived: bool,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// A group of article bodies fetched together.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodyShard {
    pub format: String,
    pub version: u32,
    pub bodies: Vec<Body>,
}

impl BodyShard {
    pub fn new(bodies: Vec<Body>) -> BodyShard {
        BodyShard {
            format: crate::FORMAT_NAME.into(),
            version: crate::FORMAT_VERSION,
            bodies,
        }
    }

    pub fn body(&self, id: &str) -> Option<&Body> {
        self.bodies.iter().find(|b| b.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{entry, taxonomy};

    #[test]
    fn facet_data_round_trips() {
        let tax = taxonomy();
        let entries = vec![
            entry("a", Some("2024-03-01"), &[0], &[0, 1]),
            entry("b", Some("2024-03-01"), &[1], &[1]),
            entry("c", Some("2019-05-01"), &[1], &[]),
            entry("d", None, &[0, 1], &[0]),
        ];
        let data = FacetData::from_entries(&entries, &tax);
        let json = data.to_json();
        let back = FacetData::from_json(&json).unwrap();
        let dates: Vec<Option<String>> = back
            .decode_dates()
            .unwrap()
            .iter()
            .map(|d| d.map(|d| d.to_string()))
            .collect();
        assert_eq!(
            dates,
            [
                Some("2024-03-01".into()),
                Some("2024-03-01".into()),
                Some("2019-05-01".into()),
                None
            ]
        );
        let countries = back.decode_lists(Facet::Country, 2).unwrap();
        assert_eq!(countries, [vec![0, 3], vec![1, 2, 3]]);
        let tags = back.decode_lists(Facet::Tag, 3).unwrap();
        assert_eq!(tags, [vec![0, 3], vec![0, 1], vec![]]);
        assert_eq!(back.decode_lists(Facet::Year, 2).unwrap().len(), 2);
        assert!(!FacetData::FACETS.contains(&Facet::Year));
        assert_eq!(FacetData::FACETS.len(), Facet::ALL.len() - 1);
    }

    #[test]
    fn damaged_facet_data_is_an_error_not_a_panic() {
        let tax = taxonomy();
        let mut data = FacetData::from_entries(&[entry("a", Some("2024-03-01"), &[0], &[0])], &tax);
        data.dates = "!!".into();
        assert!(data.decode_dates().is_err());
        data.lists[2] = to_base64(&[5]);
        assert!(data.decode_lists(Facet::Country, 2).is_err());
        data.lists.truncate(1);
        assert!(data.decode_lists(Facet::Tag, 2).is_err());
    }

    #[test]
    fn slugs_find_their_bucket_and_position() {
        assert_eq!(slug_bucket("may-day", 1), 0);
        let buckets: std::collections::HashSet<usize> =
            (0..50).map(|i| slug_bucket(&format!("s-{i}"), 4)).collect();
        assert_eq!(buckets.len(), 4, "spreads over every bucket");
        let shard = SlugShard {
            format: crate::FORMAT_NAME.into(),
            version: crate::FORMAT_VERSION,
            slugs: vec![("a".into(), 3), ("b".into(), 0)],
        };
        assert_eq!(shard.position("b"), Some(0));
        assert_eq!(shard.position("c"), None);
    }

    #[test]
    fn card_shards_answer_for_their_positions_only() {
        let shard = CardShard {
            format: crate::FORMAT_NAME.into(),
            version: crate::FORMAT_VERSION,
            first: 10,
            cards: vec![entry("a", None, &[], &[])],
        };
        assert_eq!(shard.card(10).map(|e| e.id.as_str()), Some("a"));
        assert!(shard.card(9).is_none() && shard.card(11).is_none());
    }
}
