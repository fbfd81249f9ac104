//! Which articles share a segment: a pure function of their dates, so a
//! build from scratch cuts the archive exactly as the last one did and
//! reproduces the files of every period it did not touch.
//!
//! The days up to the newest article's are cut like a binary counter: the
//! days `[0, N)` (`N` = the newest day's [`Date::day_number`] + 1) into
//! aligned runs of 2^k days, one for each bit set in `N`, the longest and
//! oldest first. Old periods sit in a few long segments, the recent ones in
//! short ones; when the newest day moves on, the short runs merge into a
//! longer one exactly as a counter carries, so over the archive's life an
//! article is rewritten about once per bit (log₂ of the days), and most
//! days' edition rewrites only the newest, short segments. Neighbouring
//! runs of fewer than [`SMALL`] articles each share one segment, up to
//! [`SMALL`] articles (a search reads a few files of every segment, so many
//! tiny ones would cost more than they save); runs are grouped from the
//! oldest, whose counts seldom change, so a new article moves the newest
//! group's bounds only. Undated
//! articles have a segment of their own, last in the list.

use std::ops::Range;

use broadsheet_core::Date;

/// Runs of days with fewer articles than this are grouped with their small
/// neighbours, in groups of at most this many.
pub const SMALL: usize = 256;

/// A segment of the list: its key, its days and its positions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Planned {
    pub key: String,
    /// First and last day (inclusive); `None`: the undated articles.
    pub days: Option<(u32, u32)>,
    /// Its positions in the list.
    pub positions: Range<usize>,
}

/// The segments of a list whose dates are `dates` (list order: dated newest
/// first, then undated), in list order; only non-empty ones.
pub fn plan(dates: &[Option<Date>]) -> Vec<Planned> {
    plan_grouping(dates, SMALL)
}

/// [`plan`], grouping runs of fewer than `small` articles, at most `small`
/// articles a group.
fn plan_grouping(dates: &[Option<Date>], small: usize) -> Vec<Planned> {
    let dated = dates.iter().take_while(|d| d.is_some()).count();
    // Every non-empty run, newest first: (first day, last day, positions).
    let mut runs: Vec<(u32, u32, Range<usize>)> = Vec::new();
    if let Some(Some(newest)) = dates.first() {
        // The low bits of N are the recent days.
        let end = u64::from(newest.day_number()) + 1;
        let mut next = 0;
        for bit in 0..40 {
            let len = 1u64 << bit;
            if end & len == 0 {
                continue;
            }
            let first = (end >> (bit + 1) << (bit + 1)) as u32;
            let from = next;
            while next < dated && dates[next].is_some_and(|d| d.day_number() >= first) {
                next += 1;
            }
            if next > from {
                runs.push((first, (u64::from(first) + len - 1) as u32, from..next));
            }
        }
    }
    // Grouped from the oldest, whose counts seldom change, so a new
    // article moves only the newest group's bounds.
    let mut groups: Vec<(bool, u32, u32, Range<usize>)> = Vec::new();
    for (first, last, positions) in runs.into_iter().rev() {
        let is_small = positions.len() < small;
        match groups.last_mut() {
            Some((true, _, newest, group))
                if is_small && group.len() + positions.len() <= small =>
            {
                *newest = last;
                group.start = positions.start;
            }
            _ => groups.push((is_small, first, last, positions)),
        }
    }
    let mut planned: Vec<Planned> = groups
        .into_iter()
        .rev()
        .map(|(_, first, last, positions)| Planned {
            key: key(first, u64::from(last - first) + 1),
            days: Some((first, last)),
            positions,
        })
        .collect();
    if dated < dates.len() {
        planned.push(Planned {
            key: "undated".into(),
            days: None,
            positions: dated..dates.len(),
        });
    }
    planned
}

/// `20240512-256d`: the first day and the length of a segment's days.
fn key(first: u32, len: u64) -> String {
    let day = Date::from_day_number(first).map_or_else(
        || format!("day{first}"),
        |d| format!("{:04}{:02}{:02}", d.year(), d.month(), d.day()),
    );
    format!("{day}-{len}d")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs alone, not grouped.
    fn plan(dates: &[Option<Date>]) -> Vec<Planned> {
        plan_grouping(dates, 1)
    }

    fn dates(days: &[&str]) -> Vec<Option<Date>> {
        days.iter().map(|d| Date::parse(d).ok()).collect()
    }

    fn day(text: &str) -> u32 {
        Date::parse(text).unwrap().day_number()
    }

    #[test]
    fn segments_are_aligned_runs_of_days_newest_first_undated_last() {
        let list = dates(&[
            "2024-05-03",
            "2024-05-03",
            "2024-04-30",
            "2019-01-01",
            "",
            "",
        ]);
        let plan = plan(&list);
        let covered: usize = plan.iter().map(|p| p.positions.len()).sum();
        assert_eq!(covered, list.len());
        for pair in plan.windows(2) {
            assert_eq!(pair[0].positions.end, pair[1].positions.start);
        }
        for p in &plan {
            for date in &list[p.positions.clone()] {
                match (date, p.days) {
                    (Some(d), Some((a, b))) => assert!((a..=b).contains(&d.day_number())),
                    (None, None) => {}
                    other => panic!("{other:?} in {}", p.key),
                }
            }
            if let Some((a, b)) = p.days {
                let len = u64::from(b - a) + 1;
                assert!(
                    len.is_power_of_two() && u64::from(a) % len == 0,
                    "{}",
                    p.key
                );
                assert!(p.key.ends_with(&format!("-{len}d")));
            }
        }
        assert_eq!(plan.last().unwrap().key, "undated");
        assert_eq!(plan.last().unwrap().positions, 4..6);
    }

    #[test]
    fn a_newer_article_on_the_same_day_changes_only_the_newest_segment() {
        let before = plan(&dates(&[
            "2024-05-03",
            "2023-11-20",
            "2020-02-02",
            "2011-07-01",
        ]));
        let after = plan(&dates(&[
            "2024-05-03",
            "2024-05-03",
            "2023-11-20",
            "2020-02-02",
            "2011-07-01",
        ]));
        assert_eq!(before.len(), after.len());
        assert_eq!(before[0].key, after[0].key);
        for (b, a) in before.iter().zip(&after).skip(1) {
            assert_eq!((&b.key, b.positions.len()), (&a.key, a.positions.len()));
        }
    }

    #[test]
    fn small_neighbouring_runs_share_a_segment_and_large_ones_stay_alone() {
        let mut list = Vec::new();
        for (day, n) in [
            ("2024-05-03", 1),
            ("2024-04-30", 2),
            ("2023-11-20", 5),
            ("2011-07-01", 1),
        ] {
            list.extend(std::iter::repeat_n(Date::parse(day).ok(), n));
        }
        let alone = plan(&list);
        let grouped = plan_grouping(&list, 3);
        // The 5 of 2023-11-20 stay alone; the runs before and after are
        // small: the newer ones group (3 articles, the most a group holds),
        // the one older run is its own group.
        let sizes: Vec<usize> = grouped.iter().map(|p| p.positions.len()).collect();
        assert_eq!(sizes, [3, 5, 1], "{grouped:?}");
        let capped: Vec<usize> = plan_grouping(&list, 2)
            .iter()
            .map(|p| p.positions.len())
            .collect();
        assert!(capped.iter().all(|&n| n <= 2 || n == 5), "{capped:?}");
        assert!(alone.len() > grouped.len());
        let (first, last) = grouped[0].days.unwrap();
        assert!(first <= day("2024-04-30") && last >= day("2024-05-03"));
        assert!(grouped[0].key.ends_with(&format!("-{}d", last - first + 1)));
        assert_eq!(super::plan(&list).len(), 1, "all small at the default line");
    }

    #[test]
    fn as_days_pass_short_runs_merge_like_a_counter_carries() {
        // Over a year of daily articles the segment count stays small and
        // each day keeps every run older than its last carry.
        let first = day("2020-01-01");
        let mut list: Vec<Option<Date>> = Vec::new();
        let mut most = 0;
        for n in first..first + 366 {
            list.insert(0, Date::from_day_number(n));
            let segments = plan(&list);
            most = most.max(segments.len());
            assert!(segments.iter().all(|s| !s.positions.is_empty()));
        }
        assert!(most <= 10, "{most} segments");
    }
}
