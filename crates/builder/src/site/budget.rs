//! A published folder within a size budget (`--max-site-bytes`): every
//! article keeps its page, but past the budget older articles' pages carry
//! their head and summary instead of their whole text (the reader, which
//! replaces the static copy, still shows it whole). The articles a feed
//! links, then the newest, keep their whole text first, so what readers
//! and search engines arrive at is whole.

use std::io;
use std::path::Path;

use crate::report::human_bytes;

/// One article's page, measured both ways.
#[derive(Clone, Copy, Debug, Default)]
pub struct Sizes {
    pub full: u64,
    pub summary: u64,
}

/// The share of the budget kept for what is written after the pages (the
/// site record, the service worker) and for a host's rounding.
const RESERVE_PERCENT: u64 = 1;

/// Which articles (in list order, newest first) get their whole text, when
/// the rest of the site takes `rest` bytes: those `forced` (a feed links
/// them), then the newest, as long as the folder stays within `budget`.
/// `Err` when it cannot, even with a summary page for every other article.
pub fn plan(budget: u64, rest: u64, sizes: &[Sizes], forced: &[bool]) -> Result<Vec<bool>, String> {
    let room = budget - budget * RESERVE_PERCENT / 100;
    let summaries: u64 = sizes.iter().map(|s| s.summary).sum();
    let extra = |s: &Sizes| s.full.saturating_sub(s.summary);
    let over = |used: u64, what: &str| {
        format!(
            "--max-site-bytes {}: the site takes {} {what} (the bundle and the rest of the \
             folder: {}), over the budget less {RESERVE_PERCENT} % kept for the files written \
             last",
            human_bytes(budget),
            human_bytes(used),
            human_bytes(rest),
        )
    };
    let mut used = rest + summaries;
    if used > room {
        return Err(over(used, "with a summary page for every article"));
    }
    let mut whole: Vec<bool> = forced.to_vec();
    used += sizes
        .iter()
        .zip(forced)
        .filter(|(_, f)| **f)
        .map(|(s, _)| extra(s))
        .sum::<u64>();
    if used > room {
        return Err(over(
            used,
            "with the whole text of every article a feed links",
        ));
    }
    for (i, size) in sizes.iter().enumerate() {
        if whole[i] {
            continue;
        }
        if used + extra(size) > room {
            break;
        }
        used += extra(size);
        whole[i] = true;
    }
    Ok(whole)
}

/// The bytes of everything in the site folder `dir` but the article pages
/// at `pages` (paths inside it), which are about to be written again.
pub fn rest_of_site(dir: &Path, pages: impl Iterator<Item = String>) -> io::Result<u64> {
    let mut bytes = crate::hosts::measure(dir)?.bytes;
    for page in pages {
        match std::fs::metadata(dir.join(page)) {
            Ok(meta) => bytes = bytes.saturating_sub(meta.len()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sizes(full: &[u64]) -> Vec<Sizes> {
        full.iter()
            .map(|&full| Sizes { full, summary: 10 })
            .collect()
    }

    #[test]
    fn the_newest_keep_their_whole_text_while_it_fits() {
        let s = sizes(&[100, 100, 100, 100]);
        let none = [false; 4];
        // 1 % of 10,000 is kept back: 9,900 of room.
        assert_eq!(plan(10_000, 9_000, &s, &none).unwrap(), [true; 4]);
        // 9,700 + 40 of summaries leaves room for one page's 90 more.
        assert_eq!(
            plan(10_000, 9_700, &s, &none).unwrap(),
            [true, false, false, false]
        );
        assert_eq!(plan(10_000, 9_850, &s, &none).unwrap(), [false; 4]);
        // The newest that do not fit stop the run: no older one jumps in.
        let mixed = sizes(&[100, 500, 20, 20]);
        assert_eq!(
            plan(10_000, 9_600, &mixed, &none).unwrap(),
            [true, false, false, false]
        );
    }

    #[test]
    fn what_a_feed_links_is_whole_first() {
        let s = sizes(&[100, 100, 100, 100]);
        assert_eq!(
            plan(10_000, 9_700, &s, &[false, false, false, true]).unwrap(),
            [false, false, false, true]
        );
    }

    #[test]
    fn a_budget_nothing_fits_in_is_an_error_naming_it() {
        let s = sizes(&[100, 100]);
        let err = plan(1_000, 990, &s, &[false, false]).unwrap_err();
        assert!(
            err.contains("with a summary page for every article"),
            "{err}"
        );
        let err = plan(1_200, 1_000, &s, &[true, true]).unwrap_err();
        assert!(err.contains("every article a feed links"), "{err}");
    }

    #[test]
    fn the_rest_of_a_site_leaves_out_the_pages_to_be_written_again() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("articles")).unwrap();
        std::fs::write(dir.path().join("index.html"), [0u8; 300]).unwrap();
        std::fs::write(dir.path().join("articles/a.html"), [0u8; 50]).unwrap();
        std::fs::write(dir.path().join("articles/about.html"), [0u8; 7]).unwrap();
        let pages = ["articles/a.html", "articles/new.html"].map(String::from);
        assert_eq!(rest_of_site(dir.path(), pages.into_iter()).unwrap(), 307);
    }
}
