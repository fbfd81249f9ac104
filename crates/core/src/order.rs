//! Ordering and paging of article lists.

use std::cmp::Ordering;
use std::ops::Range;

use crate::Entry;

/// Newest first; undated articles after every dated one; ties broken by
/// title and then slug so the order is total and the same on every run.
pub fn sort_newest_first(entries: &mut [Entry]) {
    entries.sort_by(compare_newest_first);
}

/// The list order: see [`sort_newest_first`].
pub fn compare_newest_first(a: &Entry, b: &Entry) -> Ordering {
    match (a.date, b.date) {
        (Some(x), Some(y)) => y.cmp(&x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
    .then_with(|| a.title.cmp(&b.title))
    .then_with(|| a.slug.cmp(&b.slug))
}

/// One page of a list: which items to show and where we are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// 1-based page number actually shown (clamped into range).
    pub number: usize,
    /// Total pages, at least 1 (an empty list has one, empty, page).
    pub count: usize,
    /// Indices into the list for this page.
    pub items: Range<usize>,
}

/// The `requested` 1-based page of a list of `len` items, `per_page` to a
/// page. Out-of-range requests are clamped, so a stale link never shows an
/// empty page when there are results.
pub fn paginate(len: usize, per_page: usize, requested: usize) -> Page {
    let per_page = per_page.max(1);
    let count = len.div_ceil(per_page).max(1);
    let number = requested.clamp(1, count);
    let start = (number - 1) * per_page;
    Page {
        number,
        count,
        items: start..(start + per_page).min(len),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(slug: &str, date: Option<&str>) -> Entry {
        crate::test_support::entry(slug, date, &[], &[])
    }

    #[test]
    fn newest_first_with_undated_last() {
        let mut list = vec![
            entry("b-undated", None),
            entry("old", Some("2015-01-01")),
            entry("a-undated", None),
            entry("new", Some("2024-06-30")),
            entry("mid", Some("2019-05-01")),
        ];
        sort_newest_first(&mut list);
        let slugs: Vec<_> = list.iter().map(|e| e.slug.as_str()).collect();
        assert_eq!(slugs, ["new", "mid", "old", "a-undated", "b-undated"]);
    }

    #[test]
    fn paging_clamps_and_covers_everything() {
        let cases = [
            // (len, per_page, requested) -> (number, count, items)
            ((0, 20, 1), (1, 1, 0..0)),
            ((45, 20, 1), (1, 3, 0..20)),
            ((45, 20, 3), (3, 3, 40..45)),
            ((45, 20, 9), (3, 3, 40..45)),
            ((45, 20, 0), (1, 3, 0..20)),
            ((40, 20, 2), (2, 2, 20..40)),
            ((5, 0, 1), (1, 5, 0..1)),
        ];
        for ((len, per, req), (number, count, items)) in cases {
            assert_eq!(
                paginate(len, per, req),
                Page {
                    number,
                    count,
                    items
                },
                "len {len} per {per} req {req}"
            );
        }
    }
}
