//! Segments: the articles of a period of days, stored on their own. A
//! segment's files speak only of the segment — its positions count from 0,
//! its cards and facet data index its own dictionary — so they stay the
//! same, byte for byte, while the rest of the archive grows: a new article
//! rewrites its period's segment and nothing older.
//!
//! The archive's list is the segments one after another (newest period
//! first, undated articles last): an article's position in the list is its
//! segment's base (the articles of the segments before it) plus its
//! position in the segment.

use serde::{Deserialize, Serialize};

use super::{PackedShards, ShardRef};
use crate::{Date, Taxonomy};

/// What the manifest says of a segment: enough to place its articles in
/// the list and to fetch its facet data without its table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SegmentRef {
    /// The segment's name in its files' names: its period
    /// (`20240512-256d`: 256 days from 12 May 2024) or `undated`.
    pub key: String,
    pub articles: u32,
    /// The period's first and last day, inclusive ([`Date::day_number`]s);
    /// absent for the undated articles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<(u32, u32)>,
    /// The segment's table ([`Segment`]).
    pub table: ShardRef,
    /// Dates and facet values of its articles ([`super::FacetData`]).
    pub facets: ShardRef,
    /// The root of its search index ([`super::SearchIndex`]): its own
    /// positions, its own statistics (a search sums them over segments).
    pub search: ShardRef,
    /// Hashes of everything the builder made the segment's files from (its
    /// articles, what their related articles are chosen from — or the
    /// lists themselves —, the layout, the builder itself), separated by a
    /// space: a later build that finds one of them reuses the files as
    /// they are instead of making them again. Readers ignore it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub inputs: String,
}

impl SegmentRef {
    /// Whether an article dated `date` (`None`: undated) belongs here.
    pub fn holds(&self, date: Option<Date>) -> bool {
        match (date, self.days) {
            (None, None) => true,
            (Some(date), Some((first, last))) => (first..=last).contains(&date.day_number()),
            _ => false,
        }
    }
}

/// A segment's table: its dictionary and the names of its shards.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub format: String,
    pub version: u32,
    pub key: String,
    /// The terms its cards, facet data and translations refer to, by index,
    /// with counts among its own articles; the manifest's taxonomy is the
    /// union of every segment's.
    pub dictionary: Taxonomy,
    /// `cards/<key>.…`: shard `i` holds positions from `i * cards_per_shard`.
    pub cards: PackedShards,
    /// `bodies/<key>.…`: [`crate::Entry::shard`] indexes this.
    pub bodies: PackedShards,
    /// `slugs/<key>.…`: slug → position in the segment, bucket [`super::slug_bucket`].
    pub slugs: PackedShards,
    /// `images/…`: the pictures its bodies and cards show, each once (named by its
    /// content, so segments may share one).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pictures: Vec<ShardRef>,
}

impl Segment {
    pub fn new(
        key: &str,
        dictionary: Taxonomy,
        cards: PackedShards,
        bodies: PackedShards,
        slugs: PackedShards,
        pictures: Vec<ShardRef>,
    ) -> Segment {
        Segment {
            format: crate::FORMAT_NAME.into(),
            version: crate::FORMAT_VERSION,
            key: key.to_string(),
            dictionary,
            cards,
            bodies,
            slugs,
            pictures,
        }
    }

    /// Every card, body and slug shard, and every picture.
    pub fn shards(&self) -> impl Iterator<Item = ShardRef> + '_ {
        self.cards
            .iter()
            .chain(self.bodies.iter())
            .chain(self.slugs.iter())
            .chain(self.pictures.iter().cloned())
    }
}

/// A link to another article that stays true while the archive grows: its
/// date (which names its segment) and slug, not its position, which moves
/// with every newer article. `[packed date or 0, slug]` in JSON.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Link(pub u32, pub String);

impl Link {
    pub fn new(date: Option<Date>, slug: &str) -> Link {
        Link(date.map_or(0, Date::packed), slug.to_string())
    }

    /// The linked article's date (`None`: undated, or unreadable).
    pub fn date(&self) -> Option<Date> {
        Date::from_packed(self.0)
    }

    pub fn slug(&self) -> &str {
        &self.1
    }
}
