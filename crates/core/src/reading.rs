//! What one reader has done with an archive, kept on their device:
//! articles read, bookmarks, and how far into each article they got (for
//! "continue where you left off"). The reader stores it as JSON; this module
//! holds the rules, so they are tested natively.

use serde::{Deserialize, Serialize};

/// Progress is remembered for this many articles (the most recent ones).
pub const PROGRESS_KEPT: usize = 200;
/// Read marks are kept for this many articles (the most recent ones).
pub const READ_KEPT: usize = 5_000;
/// Reading past this share of an article marks it read.
pub const READ_AT: f32 = 0.9;
/// Below this share there is nothing to continue.
const STARTED_AT: f32 = 0.05;

/// A saved article: enough to list it without fetching anything.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bookmark {
    pub id: String,
    pub slug: String,
    pub title: String,
    /// When it was saved, as the reader's clock gave it (ISO date).
    pub saved: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReadingLog {
    /// Ids of articles read, oldest first.
    read: Vec<String>,
    /// Newest first.
    bookmarks: Vec<Bookmark>,
    /// `(id, share read)`, most recent first.
    progress: Vec<(String, f32)>,
}

impl ReadingLog {
    /// The log in `json`; an empty one if it is missing or unreadable (a
    /// damaged entry must not stop the reader).
    pub fn from_json(json: Option<&str>) -> ReadingLog {
        json.and_then(|j| serde_json::from_str(j).ok())
            .unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn is_read(&self, id: &str) -> bool {
        self.read.iter().any(|r| r == id)
    }

    pub fn set_read(&mut self, id: &str, read: bool) {
        self.read.retain(|r| r != id);
        if read {
            self.read.push(id.to_string());
            if self.read.len() > READ_KEPT {
                self.read.remove(0);
            }
        }
    }

    pub fn bookmarks(&self) -> &[Bookmark] {
        &self.bookmarks
    }

    pub fn is_bookmarked(&self, id: &str) -> bool {
        self.bookmarks.iter().any(|b| b.id == id)
    }

    /// Adds the bookmark, or removes it if it is there; returns whether the
    /// article is bookmarked now.
    pub fn toggle_bookmark(&mut self, bookmark: Bookmark) -> bool {
        if self.is_bookmarked(&bookmark.id) {
            self.bookmarks.retain(|b| b.id != bookmark.id);
            false
        } else {
            self.bookmarks.insert(0, bookmark);
            true
        }
    }

    /// Records how far into an article the reader is (0 to 1); reaching
    /// [`READ_AT`] marks it read.
    pub fn set_progress(&mut self, id: &str, share: f32) {
        let share = if share.is_finite() {
            share.clamp(0.0, 1.0)
        } else {
            0.0
        };
        self.progress.retain(|(p, _)| p != id);
        self.progress.insert(0, (id.to_string(), share));
        self.progress.truncate(PROGRESS_KEPT);
        if share >= READ_AT {
            self.set_read(id, true);
        }
    }

    /// Where to continue a half-read article: its share read, when the
    /// reader started it and did not finish.
    pub fn resume_at(&self, id: &str) -> Option<f32> {
        self.progress
            .iter()
            .find(|(p, _)| p == id)
            .map(|&(_, share)| share)
            .filter(|&share| (STARTED_AT..READ_AT).contains(&share))
    }
}

/// The articles before and after `current` in a list (`positions`, in the
/// order shown); when the list does not hold it (the article was opened
/// from elsewhere), its neighbours in the whole archive's order.
pub fn neighbours(positions: &[u32], current: u32, articles: u32) -> (Option<u32>, Option<u32>) {
    match positions.iter().position(|&p| p == current) {
        Some(i) => (
            i.checked_sub(1).map(|j| positions[j]),
            positions.get(i + 1).copied(),
        ),
        None => (
            current.checked_sub(1),
            Some(current + 1).filter(|&n| n < articles),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(id: &str) -> Bookmark {
        Bookmark {
            id: id.into(),
            slug: format!("{id}-slug"),
            title: format!("Title {id}"),
            saved: "2026-12-01".into(),
        }
    }

    #[test]
    fn bookmarks_toggle_newest_first_and_survive_json() {
        let mut log = ReadingLog::default();
        assert!(log.toggle_bookmark(mark("a")));
        assert!(log.toggle_bookmark(mark("b")));
        assert_eq!(log.bookmarks()[0].id, "b");
        assert!(!log.toggle_bookmark(mark("a")));
        assert!(!log.is_bookmarked("a"));
        let again = ReadingLog::from_json(Some(&log.to_json()));
        assert_eq!(again, log);
    }

    #[test]
    fn a_damaged_log_reads_as_empty() {
        for json in [
            None,
            Some(""),
            Some("{"),
            Some("[1,2]"),
            Some(r#"{"read":7}"#),
        ] {
            assert_eq!(
                ReadingLog::from_json(json),
                ReadingLog::default(),
                "{json:?}"
            );
        }
        // Unknown fields from a later version are ignored, known ones kept.
        let log = ReadingLog::from_json(Some(r#"{"read":["x"],"later":1}"#));
        assert!(log.is_read("x"));
    }

    #[test]
    fn progress_offers_to_continue_only_a_started_unfinished_article() {
        let mut log = ReadingLog::default();
        log.set_progress("a", 0.02);
        assert_eq!(log.resume_at("a"), None, "barely started");
        log.set_progress("a", 0.4);
        assert_eq!(log.resume_at("a"), Some(0.4));
        assert!(!log.is_read("a"));
        log.set_progress("a", 0.95);
        assert_eq!(log.resume_at("a"), None, "finished");
        assert!(log.is_read("a"), "reading to the end marks it read");
        log.set_progress("b", f32::NAN);
        assert_eq!(log.resume_at("b"), None);
    }

    #[test]
    fn logs_stay_bounded() {
        let mut log = ReadingLog::default();
        for i in 0..(PROGRESS_KEPT + 10) {
            log.set_progress(&i.to_string(), 0.5);
        }
        assert_eq!(log.progress.len(), PROGRESS_KEPT);
        assert_eq!(log.resume_at("0"), None, "the oldest is forgotten");
        assert!(log.resume_at(&(PROGRESS_KEPT + 9).to_string()).is_some());
        for i in 0..(READ_KEPT + 3) {
            log.set_read(&i.to_string(), true);
        }
        assert_eq!(log.read.len(), READ_KEPT);
        assert!(!log.is_read("0") && log.is_read(&(READ_KEPT + 2).to_string()));
    }

    #[test]
    fn neighbours_follow_the_list_shown_else_the_archive() {
        let shown = [7, 3, 9];
        assert_eq!(neighbours(&shown, 7, 10), (None, Some(3)));
        assert_eq!(neighbours(&shown, 3, 10), (Some(7), Some(9)));
        assert_eq!(neighbours(&shown, 9, 10), (Some(3), None));
        assert_eq!(neighbours(&shown, 5, 10), (Some(4), Some(6)));
        assert_eq!(neighbours(&[], 0, 10), (None, Some(1)));
        assert_eq!(neighbours(&[], 9, 10), (Some(8), None));
    }
}
