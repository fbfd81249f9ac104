//! Highlighting: which words of a title or summary matched the query, and the
//! window of text around the best match.

use std::collections::HashSet;
use std::ops::Range;

use super::analyze::{words, QueryAnalysis, STEM_MARK};
use super::run::Hits;

/// A run of text, highlighted or not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub mark: bool,
}

/// Recognizes the words a query matched, in any language.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Highlighter {
    terms: HashSet<String>,
    prefixes: Vec<String>,
    /// English and the languages whose stems matched.
    analysis: QueryAnalysis,
}

impl Highlighter {
    pub fn new(hits: &Hits) -> Highlighter {
        let languages = hits
            .terms
            .iter()
            .filter_map(|t| t.split_once(STEM_MARK).map(|(_, language)| language));
        Highlighter {
            terms: hits.terms.iter().cloned().collect(),
            prefixes: hits.prefixes.clone(),
            analysis: QueryAnalysis::for_languages(languages),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.prefixes.is_empty()
    }

    fn matches(&self, raw: &str, folded: &str) -> bool {
        self.prefixes.iter().any(|p| folded.starts_with(p.as_str()))
            || self
                .analysis
                .keys(raw)
                .iter()
                .any(|k| self.terms.contains(k))
    }

    fn marks(&self, text: &str) -> Vec<Range<usize>> {
        if self.is_empty() {
            return Vec::new();
        }
        words(text)
            .filter(|(range, folded)| self.matches(&text[range.clone()], folded))
            .map(|(range, _)| range)
            .collect()
    }

    /// All of `text`, matched words marked.
    pub fn highlight(&self, text: &str) -> Vec<Piece> {
        pieces(text, 0..text.len(), &self.marks(text))
    }

    /// About `max_chars` of `text` around its densest run of matches (or its
    /// beginning if nothing matched), cut at word boundaries, with `…` where
    /// text was left out.
    pub fn snippet(&self, text: &str, max_chars: usize) -> Vec<Piece> {
        let marks = self.marks(text);
        let max_bytes = byte_len_of_chars(text, max_chars);
        let window = best_window(text, &marks, max_bytes);
        let mut out = Vec::new();
        if window.start > 0 {
            out.push(Piece {
                text: "…".into(),
                mark: false,
            });
        }
        let inside: Vec<Range<usize>> = marks
            .into_iter()
            .filter(|m| m.start >= window.start && m.end <= window.end)
            .collect();
        out.extend(pieces(text, window.clone(), &inside));
        if window.end < text.len() {
            out.push(Piece {
                text: "…".into(),
                mark: false,
            });
        }
        out
    }
}

fn byte_len_of_chars(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map(|(i, _)| i)
        .unwrap_or(text.len())
}

fn best_window(text: &str, marks: &[Range<usize>], max_bytes: usize) -> Range<usize> {
    if text.len() <= max_bytes {
        return 0..text.len();
    }
    // The match that starts the most matches within one window.
    let start = (0..marks.len())
        .max_by_key(|&i| {
            let count = marks[i..]
                .iter()
                .take_while(|m| m.end <= marks[i].start + max_bytes)
                .count();
            (count, std::cmp::Reverse(i))
        })
        .map(|i| marks[i].start)
        .unwrap_or(0);
    // Some context before the match, starting on a word.
    let lead = max_bytes / 5;
    let mut from = floor_boundary(text, start.saturating_sub(lead));
    if from > 0 {
        from = text[from..start]
            .find(char::is_whitespace)
            .map(|i| from + i + 1)
            .filter(|&i| i <= start)
            .unwrap_or(start);
    }
    let mut to = floor_boundary(text, (from + max_bytes).min(text.len()));
    if to < text.len() {
        to = text[from..to]
            .rfind(char::is_whitespace)
            .map(|i| from + i)
            .filter(|&i| i > from)
            .unwrap_or(to);
    }
    from..to
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn pieces(text: &str, window: Range<usize>, marks: &[Range<usize>]) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut at = window.start;
    for m in marks {
        if m.start > at {
            out.push(Piece {
                text: text[at..m.start].to_string(),
                mark: false,
            });
        }
        out.push(Piece {
            text: text[m.clone()].to_string(),
            mark: true,
        });
        at = m.end;
    }
    if at < window.end {
        out.push(Piece {
            text: text[at..window.end].trim_end().to_string(),
            mark: false,
        });
    }
    out.retain(|p| !p.text.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hl(terms: &[&str], prefixes: &[&str]) -> Highlighter {
        Highlighter::new(&Hits {
            terms: terms.iter().map(|t| t.to_string()).collect(),
            prefixes: prefixes.iter().map(|t| t.to_string()).collect(),
            ..Hits::default()
        })
    }

    fn render(pieces: &[Piece]) -> String {
        pieces
            .iter()
            .map(|p| {
                if p.mark {
                    format!("[{}]", p.text)
                } else {
                    p.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn highlights_stems_folds_and_prefixes() {
        let h = hl(&["student", "zurich"], &["conv"]);
        let cases = [
            (
                "Students met in Zürich for the convention",
                "[Students] met in [Zürich] for the [convention]",
            ),
            ("A student’s convoy", "A [student’s] [convoy]"),
            ("Nothing here", "Nothing here"),
        ];
        for (text, want) in cases {
            assert_eq!(render(&h.highlight(text)), want);
        }
        assert_eq!(render(&hl(&[], &[]).highlight("Students")), "Students");
    }

    #[test]
    fn snippet_centres_on_the_densest_matches() {
        let text = "The opening paragraph says nothing of interest at all. \
                    Later on, the strike committee met the students, and the \
                    students' strike spread to the docks. The end.";
        let h = hl(&["strike", "student"], &[]);
        let got = render(&h.snippet(text, 70));
        assert!(got.starts_with('…'), "{got}");
        assert!(
            got.contains("[strike] committee met the [students]"),
            "{got}"
        );
        assert!(got.ends_with('…'), "{got}");
        // No match: the beginning.
        let none = render(&hl(&["absent"], &[]).snippet(text, 30));
        assert!(none.starts_with("The opening paragraph"), "{none}");
        assert!(none.ends_with('…'));
        // Short text: all of it.
        assert_eq!(render(&h.snippet("A strike.", 70)), "A [strike].");
        // Non-Latin text is cut on character boundaries.
        let urdu = "لاہور میں طلبہ کا اجلاس ہوا اور طلبہ نے مطالبات پیش کیے ".repeat(5);
        let got = render(&hl(&["طلبہ"], &[]).snippet(&urdu, 40));
        assert!(got.contains("[طلبہ]"), "{got}");
    }
}
