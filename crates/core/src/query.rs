//! What the reader is looking at, as it lives in the URL: facet selections,
//! a date range, the search text, the sort and the page. Parameters that are
//! not ours, facet keys the archive does not know and malformed values are
//! ignored, so a stale or hand-edited link still shows something useful.

use crate::{Date, Facet, Taxonomy};

/// A facet selection resolved against a taxonomy (term indices, not keys).
/// Values of one facet combine with OR, facets with AND.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// (facet, selected term indices, sorted), facets in [`Facet::ALL`]
    /// order, each present only if at least one of its values is known.
    selected: Vec<(Facet, Vec<u32>)>,
}

impl Filter {
    /// Reads `facet=key` pairs (`?region=kashmir&tag=students`).
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
        taxonomy: &Taxonomy,
    ) -> Filter {
        let mut by_facet: Vec<(Facet, Vec<u32>)> = Facet::ALL.map(|f| (f, Vec::new())).to_vec();
        for (param, key) in pairs {
            let Some(facet) = Facet::from_param(param) else {
                continue;
            };
            let Some(index) = taxonomy.find(facet, key.trim()) else {
                continue;
            };
            let slot = &mut by_facet[facet as usize].1;
            if !slot.contains(&index) {
                slot.push(index);
            }
        }
        by_facet.retain(|(_, v)| !v.is_empty());
        for (_, v) in &mut by_facet {
            v.sort_unstable();
        }
        Filter { selected: by_facet }
    }

    pub fn is_empty(&self) -> bool {
        self.selected.is_empty()
    }

    /// The selected term indices of a facet (empty when not filtered).
    pub fn selected(&self, facet: Facet) -> &[u32] {
        self.selected
            .iter()
            .find(|(f, _)| *f == facet)
            .map(|(_, v)| v.as_slice())
            .unwrap_or(&[])
    }

    /// Facets with a selection, with their selected terms.
    pub fn active(&self) -> impl Iterator<Item = (Facet, &[u32])> {
        self.selected.iter().map(|(f, v)| (*f, v.as_slice()))
    }

    /// This filter with `term` of `facet` switched on or off.
    pub fn toggled(&self, facet: Facet, term: u32) -> Filter {
        let mut next = self.clone();
        match next.selected.iter_mut().find(|(f, _)| *f == facet) {
            Some((_, terms)) => match terms.binary_search(&term) {
                Ok(i) => {
                    terms.remove(i);
                }
                Err(i) => terms.insert(i, term),
            },
            None => {
                next.selected.push((facet, vec![term]));
                next.selected.sort_by_key(|(f, _)| *f as usize);
            }
        }
        next.selected.retain(|(_, v)| !v.is_empty());
        next
    }

    /// The filter as `param=key` pairs, in a canonical order.
    pub fn to_pairs(&self, taxonomy: &Taxonomy) -> Vec<(&'static str, String)> {
        self.selected
            .iter()
            .flat_map(|(facet, indices)| {
                indices.iter().filter_map(move |&i| {
                    taxonomy
                        .term(*facet, i)
                        .map(|t| (facet.param(), t.key.clone()))
                })
            })
            .collect()
    }
}

/// Order of a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sort {
    Newest,
    Oldest,
    /// Best search matches first (only meaningful with search text).
    Relevance,
}

impl Sort {
    pub const ALL: [Sort; 3] = [Sort::Relevance, Sort::Newest, Sort::Oldest];

    pub fn param(self) -> &'static str {
        match self {
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
            Sort::Relevance => "relevance",
        }
    }

    pub fn from_param(value: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|s| s.param() == value)
    }

    /// The message key of this order's name in the interface.
    pub fn label_key(self) -> &'static str {
        match self {
            Sort::Newest => "sort.newest",
            Sort::Oldest => "sort.oldest",
            Sort::Relevance => "sort.relevance",
        }
    }
}

/// An inclusive range of dates; either end may be open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DateRange {
    pub from: Option<Date>,
    pub to: Option<Date>,
}

impl DateRange {
    /// A range from bounds as the URL writes them (`2019`, `2019-05`,
    /// `2019-05-01`; `to=2019` means to the end of 2019). `None` when a
    /// bound is given but unreadable.
    pub fn from_bounds(from: Option<&str>, to: Option<&str>) -> Option<DateRange> {
        let bound = |value: Option<&str>, end| match value {
            None => Some(None),
            Some(v) => parse_bound(v, end).map(Some),
        };
        Some(DateRange {
            from: bound(from, false)?,
            to: bound(to, true)?,
        })
    }

    pub fn is_open(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    /// Is a (possibly missing) date inside? Undated articles are outside
    /// every range that has an end.
    pub fn contains(&self, date: Option<Date>) -> bool {
        match date {
            None => self.is_open(),
            Some(d) => self.from.is_none_or(|f| d >= f) && self.to.is_none_or(|t| d <= t),
        }
    }
}

/// Everything the list shows, as read from the URL.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub filter: Filter,
    pub range: DateRange,
    /// The search text as typed (trimmed of nothing: a trailing space ends a
    /// word, which matters for prefix matching).
    pub text: String,
    /// The sort asked for, if any; see [`Query::sort`].
    pub sort: Option<Sort>,
    /// 1-based page asked for.
    pub page: usize,
}

impl Query {
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)> + Clone,
        taxonomy: &Taxonomy,
    ) -> Query {
        let mut query = Query {
            filter: Filter::from_pairs(pairs.clone(), taxonomy),
            page: 1,
            ..Query::default()
        };
        for (param, value) in pairs {
            match param {
                "q" => query.text = value.to_string(),
                "sort" => query.sort = Sort::from_param(value.trim()).or(query.sort),
                "page" => {
                    if let Ok(page) = value.trim().parse::<usize>() {
                        query.page = page.max(1);
                    }
                }
                "from" => query.range.from = parse_bound(value, false).or(query.range.from),
                "to" => query.range.to = parse_bound(value, true).or(query.range.to),
                _ => {}
            }
        }
        query
    }

    /// Is there search text worth running?
    pub fn has_text(&self) -> bool {
        !self.text.trim().is_empty()
    }

    /// The sort in effect: as asked, else best match when searching and
    /// newest otherwise. Best match without search text is newest.
    pub fn sort(&self) -> Sort {
        match (self.sort, self.has_text()) {
            (Some(Sort::Relevance), false) | (None, false) => Sort::Newest,
            (None, true) => Sort::Relevance,
            (Some(s), _) => s,
        }
    }

    /// Only search text narrows the list (no filter, no dates): its
    /// results need no facet data, only their counts do.
    pub fn is_text_only(&self) -> bool {
        self.has_text() && self.filter.is_empty() && self.range.is_open()
    }

    /// Nothing narrows the list.
    pub fn is_unfiltered(&self) -> bool {
        self.filter.is_empty() && self.range.is_open() && !self.has_text()
    }

    /// Is the list the whole archive in list order (newest first)? Then it
    /// needs no facet data or search to be shown.
    pub fn is_default(&self) -> bool {
        self.is_unfiltered() && self.sort() == Sort::Newest
    }

    /// The query as URL pairs in canonical order; the sort and page only
    /// when they differ from the defaults.
    pub fn to_pairs(&self, taxonomy: &Taxonomy) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if !self.text.is_empty() {
            pairs.push(("q", self.text.clone()));
        }
        pairs.extend(self.filter.to_pairs(taxonomy));
        if let Some(from) = self.range.from {
            pairs.push(("from", from.to_string()));
        }
        if let Some(to) = self.range.to {
            pairs.push(("to", to.to_string()));
        }
        if let Some(sort) = self.sort {
            pairs.push(("sort", sort.param().to_string()));
        }
        if self.page > 1 {
            pairs.push(("page", self.page.to_string()));
        }
        pairs
    }
}

/// `2019`, `2019-05` or `2019-05-01`; as the start of that period, or its
/// end when `end` is set (`to=2019` means to the end of 2019).
fn parse_bound(value: &str, end: bool) -> Option<Date> {
    let value = value.trim();
    let parts: Vec<&str> = value.split('-').collect();
    let num = |s: &str, len: usize| -> Option<u16> {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    match parts.as_slice() {
        [y] => {
            let y = num(y, 4)?;
            if end {
                Date::new(y, 12, 31).ok()
            } else {
                Date::new(y, 1, 1).ok()
            }
        }
        [y, m] => {
            let (y, m) = (num(y, 4)?, u8::try_from(num(m, 2)?).ok()?);
            if end {
                (28..=31).rev().find_map(|d| Date::new(y, m, d).ok())
            } else {
                Date::new(y, m, 1).ok()
            }
        }
        [_, _, _] => Date::parse(value).ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
