//! Faceted narrowing at archive scale: per-term article lists and bitsets,
//! so a filter change over 100,000 articles costs a few passes over compact
//! arrays, never a scan of the catalog's entries.
//!
//! Counts follow the usual faceted-search rule: a value's count is the number
//! of articles the list would show if that value were added, given every
//! *other* facet's selection (so choosing "India" does not zero "Pakistan").

use crate::search::Hits;
use crate::{Date, DateRange, DecodeError, Facet, FacetData, Filter, Remap, Sort, Taxonomy};

/// A set of catalog positions.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Bits(Vec<u64>);

impl Bits {
    fn empty(n: usize) -> Bits {
        Bits(vec![0; n.div_ceil(64)])
    }

    fn full(n: usize) -> Bits {
        let mut b = Bits(vec![u64::MAX; n.div_ceil(64)]);
        if !n.is_multiple_of(64) {
            if let Some(last) = b.0.last_mut() {
                *last = (1u64 << (n % 64)) - 1;
            }
        }
        b
    }

    fn set(&mut self, i: u32) {
        if let Some(w) = self.0.get_mut(i as usize / 64) {
            *w |= 1 << (i % 64);
        }
    }

    fn has(&self, i: u32) -> bool {
        self.0
            .get(i as usize / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    fn and(&mut self, other: &Bits) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a &= b;
        }
    }

    fn ones(&self) -> impl Iterator<Item = u32> + '_ {
        self.0.iter().enumerate().flat_map(|(w, &word)| {
            let mut word = word;
            std::iter::from_fn(move || {
                (word != 0).then(|| {
                    let bit = word.trailing_zeros();
                    word &= word - 1;
                    (w * 64) as u32 + bit
                })
            })
        })
    }
}

/// The facet data of a whole catalog, arranged for filtering and counting.
#[derive(Clone, Debug)]
pub struct FacetIndex {
    len: usize,
    /// Every position that may be shown (damaged entries left out).
    universe: Bits,
    /// `lists[facet][term]`: positions carrying that term, ascending.
    lists: Vec<Vec<Vec<u32>>>,
    dates: Vec<Option<Date>>,
}

/// A narrowed, counted list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Selection {
    /// Matching catalog positions, in the order asked for.
    pub positions: Vec<u32>,
    /// `counts[facet as usize][term]`: see the module documentation.
    pub counts: Vec<Vec<u32>>,
}

impl Selection {
    /// The whole archive in list order, with the dictionaries' counts: what
    /// the first screen shows before the facet data has arrived.
    pub fn unfiltered(articles: u32, taxonomy: &Taxonomy) -> Selection {
        Selection {
            positions: (0..articles).collect(),
            counts: Facet::ALL
                .iter()
                .map(|&f| taxonomy.terms(f).iter().map(|t| t.count).collect())
                .collect(),
        }
    }
}

impl Selection {
    /// A search alone (no filter, no dates), answered before the facet data
    /// has arrived: the positions [`FacetIndex::evaluate`] will give, its
    /// counts not yet known (empty). `None` for the oldest first, which
    /// needs every article's date.
    pub fn of_hits(hits: &Hits, sort: Sort) -> Option<Selection> {
        let positions = match sort {
            Sort::Oldest => return None,
            Sort::Relevance => by_relevance(hits.docs.iter().copied()),
            Sort::Newest => {
                let mut positions: Vec<u32> = hits.docs.iter().map(|&(d, _)| d).collect();
                positions.sort_unstable();
                positions.dedup();
                positions
            }
        };
        Some(Selection {
            positions,
            counts: Vec::new(),
        })
    }
}

/// The positions of one page of [`Selection::of_hits`] (`range` of its
/// positions), found without sorting every hit: a search alone knows the
/// cards its first page needs before the whole list is worked out. `None`
/// for the oldest first, as there.
pub fn page_of_hits(hits: &Hits, sort: Sort, range: std::ops::Range<usize>) -> Option<Vec<u32>> {
    let mut positions = match sort {
        Sort::Oldest => return None,
        // Hits are by position, one each: newest first is their order.
        Sort::Newest => {
            return Some(
                hits.docs
                    .get(range.start.min(hits.docs.len())..range.end.min(hits.docs.len()))
                    .unwrap_or_default()
                    .iter()
                    .map(|&(d, _)| d)
                    .collect(),
            )
        }
        Sort::Relevance => relevance_keys(hits.docs.iter().copied()),
    };
    let end = range.end.min(positions.len());
    let start = range.start.min(end);
    if end < positions.len() {
        positions.select_nth_unstable(end);
        positions.truncate(end);
    }
    positions.sort_unstable();
    Some(positions[start..].iter().map(|&k| k as u32).collect())
}

/// Positions by best score first, then list order: one u64 key per hit
/// (scores are positive, so their bits sort like the numbers) makes this a
/// plain integer sort, the costliest step of a keystroke on a large archive.
fn by_relevance(hits: impl Iterator<Item = (u32, f32)>) -> Vec<u32> {
    let mut keyed = relevance_keys(hits);
    keyed.sort_unstable();
    keyed.into_iter().map(|k| k as u32).collect()
}

/// Each hit as a key that sorts best score first, then by position.
fn relevance_keys(hits: impl Iterator<Item = (u32, f32)>) -> Vec<u64> {
    hits.map(|(d, score)| (u64::from(!score.max(0.0).to_bits()) << 32) | u64::from(d))
        .collect()
}

impl FacetIndex {
    /// Arranges a bundle's facet data for filtering. Terms the taxonomy does
    /// not have and positions past the end are left out, so damaged data
    /// narrows less instead of failing; data that cannot be decoded is an
    /// error.
    pub fn from_data(data: &FacetData, taxonomy: &Taxonomy) -> Result<FacetIndex, DecodeError> {
        FacetIndex::from_segments(&[(data, &Remap::new(taxonomy, taxonomy))], taxonomy)
    }

    /// Arranges the facet data of every segment, in list order, each with
    /// its dictionary's [`Remap`], as one index over the whole list.
    pub fn from_segments(
        parts: &[(&FacetData, &Remap)],
        taxonomy: &Taxonomy,
    ) -> Result<FacetIndex, DecodeError> {
        let invalid = |detail: String| DecodeError::Invalid { detail };
        let mut dates = Vec::new();
        let mut lists: Vec<Vec<Vec<u32>>> = Facet::ALL
            .iter()
            .map(|&f| vec![Vec::new(); taxonomy.terms(f).len()])
            .collect();
        for (data, remap) in parts {
            let base = dates.len() as u32;
            dates.extend(data.decode_dates().map_err(invalid)?);
            for (slot, &facet) in Facet::ALL.iter().enumerate() {
                if facet == Facet::Year {
                    continue;
                }
                let local = data
                    .decode_lists(facet, remap.len(facet))
                    .map_err(invalid)?;
                for (term, positions) in (0u32..).zip(local) {
                    if let Some(list) = remap
                        .term(facet, term)
                        .and_then(|g| lists[slot].get_mut(g as usize))
                    {
                        list.extend(positions.into_iter().map(|p| base + p));
                    }
                }
            }
        }
        let year = Facet::ALL.iter().position(|&f| f == Facet::Year);
        if let Some(year) = year {
            lists[year] = year_lists(&dates, taxonomy);
        }
        let len = dates.len();
        Ok(FacetIndex {
            len,
            universe: Bits::full(len),
            lists,
            dates,
        })
    }

    /// Articles described (the list's positions are `0..len`).
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The list for a filter, a date range and (if searching) the search
    /// hits, sorted, with counts for every facet value.
    pub fn evaluate(
        &self,
        filter: &Filter,
        range: DateRange,
        hits: Option<&Hits>,
        sort: Sort,
    ) -> Selection {
        let mut base = self.universe.clone();
        if let Some(hits) = hits {
            let mut found = Bits::empty(self.len);
            for &(doc, _) in &hits.docs {
                found.set(doc);
            }
            base.and(&found);
        }
        if !range.is_open() {
            let mut inside = Bits::empty(self.len);
            for (i, d) in (0u32..).zip(&self.dates) {
                if range.contains(*d) {
                    inside.set(i);
                }
            }
            base.and(&inside);
        }
        // Each active facet's OR of its selected values.
        let selections: Vec<(Facet, Bits)> = filter
            .active()
            .map(|(facet, terms)| {
                let mut bits = Bits::empty(self.len);
                for &t in terms {
                    for &p in self.list(facet, t) {
                        bits.set(p);
                    }
                }
                (facet, bits)
            })
            .collect();
        let mut all = base.clone();
        for (_, bits) in &selections {
            all.and(bits);
        }
        let counts = Facet::ALL
            .iter()
            .map(|&facet| {
                let mask = if selections.iter().any(|(f, _)| *f == facet) {
                    let mut m = base.clone();
                    for (_, bits) in selections.iter().filter(|(f, _)| *f != facet) {
                        m.and(bits);
                    }
                    m
                } else {
                    all.clone()
                };
                self.lists[facet as usize]
                    .iter()
                    .map(|list| list.iter().filter(|&&p| mask.has(p)).count() as u32)
                    .collect()
            })
            .collect();
        Selection {
            positions: self.order(&all, hits, sort),
            counts,
        }
    }

    fn list(&self, facet: Facet, term: u32) -> &[u32] {
        self.lists[facet as usize]
            .get(term as usize)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Sorts a set of positions. The catalog is newest first with undated
    /// articles last, so newest is position order and oldest is the dated
    /// positions reversed, then the undated ones.
    fn order(&self, set: &Bits, hits: Option<&Hits>, sort: Sort) -> Vec<u32> {
        let mut positions: Vec<u32> = set.ones().collect();
        match (sort, hits) {
            (Sort::Newest, _) | (Sort::Relevance, None) => positions,
            (Sort::Oldest, _) => {
                let split = positions.partition_point(|&p| self.dates[p as usize].is_some());
                positions[..split].reverse();
                positions
            }
            (Sort::Relevance, Some(hits)) => {
                by_relevance(hits.docs.iter().copied().filter(|(d, _)| set.has(*d)))
            }
        }
    }
}

/// Positions of each year of the taxonomy, from the dates.
fn year_lists(dates: &[Option<Date>], taxonomy: &Taxonomy) -> Vec<Vec<u32>> {
    let years = taxonomy.terms(Facet::Year);
    let index: std::collections::HashMap<u16, usize> = years
        .iter()
        .enumerate()
        .filter_map(|(i, t)| Some((t.key.parse().ok()?, i)))
        .collect();
    let mut lists = vec![Vec::new(); years.len()];
    for (position, date) in (0u32..).zip(dates) {
        if let Some(&i) = date.and_then(|d| index.get(&d.year())) {
            lists[i].push(position);
        }
    }
    lists
}

/// One value of a facet as the filter panel lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct FacetRow {
    pub term: u32,
    pub label: String,
    /// Articles it would leave, given the other facets' selections.
    pub count: u32,
    pub selected: bool,
}

/// The values of `facet` to list: the commonest first (years in their own
/// order, newest first; ties by label), at most `limit`, and every selected
/// value beyond that, so a choice never disappears from the panel.
pub fn facet_rows(
    taxonomy: &Taxonomy,
    facet: Facet,
    counts: &[u32],
    selected: &[u32],
    limit: usize,
) -> Vec<FacetRow> {
    let mut rows: Vec<FacetRow> = (0u32..)
        .zip(taxonomy.terms(facet))
        .map(|(term, t)| FacetRow {
            term,
            label: t.label.clone(),
            count: counts.get(term as usize).copied().unwrap_or(0),
            selected: selected.contains(&term),
        })
        .collect();
    if facet != Facet::Year {
        rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    }
    let mut shown: Vec<FacetRow> = rows.iter().take(limit).cloned().collect();
    shown.extend(rows.into_iter().skip(limit).filter(|r| r.selected));
    shown
}

#[cfg(test)]
mod tests;
