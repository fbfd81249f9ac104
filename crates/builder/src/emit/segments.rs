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
//! runs of fewer than [`SMALL`] articles each share one segment (a search
//! reads a few files of every segment, so many tiny ones would cost more
//! than they save); a run's count changes only with its own articles, so
//! that grouping moves only when a small run grows past the line. Undated
//! articles have a segment of their own, last in the list.

use std::ops::Range;

use broadsheet_core::Date;

/// Runs of days with fewer articles than this are grouped with their small
/// neighbours.
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

/// [`plan`], grouping runs of fewer than `small` articles.
fn plan_grouping(dates: &[Option<Date>], small: usize) -> Vec<Planned> {
    let dated = dates.iter().take_while(|d| d.is_some()).count();
    // (made of small runs, segment)
    let mut planned: Vec<(bool, Planned)> = Vec::new();
    if let Some(Some(newest)) = dates.first() {
        // Runs newest first: the low bits of N are the recent days.
        let end = u64::from(newest.day_number()) + 1;
        let mut runs: Vec<(u64, u64)> = Vec::new();
        let mut start = 0u64;
        for bit in (0..40).rev() {
            let len = 1u64 << bit;
            if end & len != 0 {
                runs.push((start, len));
                start += len;
            }
        }
        let mut next = 0;
        for &(first, len) in runs.iter().rev() {
            let from = next;
            while next < dated && dates[next].map(|d| u64::from(d.day_number())) >= Some(first) {
                next += 1;
            }
            if next == from {
                continue;
            }
            let (first, last) = (first as u32, (first + len - 1) as u32);
            let is_small = next - from < small;
            match planned.last_mut() {
                // A small run after small ones (newer, so earlier in the
                // list) joins their segment.
                Some((true, group)) if is_small => {
                    let newest = group.days.map_or(last, |(_, l)| l);
                    group.days = Some((first, newest));
                    group.positions.end = next;
                }
                _ => planned.push((
                    is_small,
                    Planned {
                        key: String::new(),
                        days: Some((first, last)),
                        positions: from..next,
                    },
                )),
            }
        }
    }
    let mut planned: Vec<Planned> = planned
        .into_iter()
        .map(|(_, mut p)| {
            if let Some((first, last)) = p.days {
                p.key = key(first, u64::from(last - first) + 1);
            }
            p
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
        // small: the newer ones group, the one older run is its own group.
        let sizes: Vec<usize> = grouped.iter().map(|p| p.positions.len()).collect();
        assert_eq!(sizes, [3, 5, 1], "{grouped:?}");
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
