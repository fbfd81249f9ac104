//! The search box's language: words (all must match), `"quoted phrases"`,
//! `-excluded` words; the last word, while still being typed, also matches as
//! a prefix. Everything is analysed with [`super::analyze`] for each of the
//! archive's languages, so the query meets the index on the same terms.

use super::analyze::{words, QueryAnalysis};

/// A word the results must contain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryWord {
    /// Folded, as typed.
    pub folded: String,
    /// Every index key it may have in the archive's languages: folded,
    /// then stemmed by each ([`QueryAnalysis::keys`]).
    pub keys: Vec<String>,
    /// The last word of a query still being typed: also matches longer words.
    pub prefix: bool,
}

/// A quoted run of two or more words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phrase {
    /// Folded, stop words kept.
    pub words: Vec<String>,
    /// For each adjacent pair, the key pairs it may be indexed under
    /// ([`QueryAnalysis::pair_keys`]).
    pub pairs: Vec<Vec<(String, String)>>,
}

/// A parsed query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextQuery {
    pub words: Vec<QueryWord>,
    pub phrases: Vec<Phrase>,
    /// Words that must not occur.
    pub excluded: Vec<QueryWord>,
    /// Stop words left out of the query (they would match nearly everything).
    pub dropped: Vec<String>,
}

impl TextQuery {
    /// Parses `input` for an archive in the languages of `analysis`.
    pub fn parse(input: &str, analysis: &QueryAnalysis) -> TextQuery {
        let mut query = TextQuery::default();
        let still_typing = !input.ends_with(char::is_whitespace);
        let mut in_quotes = false;
        let mut last_plain: Option<usize> = None;
        for (quoted, part) in split_quotes(input) {
            in_quotes = quoted;
            if quoted {
                let raws: Vec<&str> = words(part).map(|(range, _)| &part[range]).collect();
                let phrase: Vec<String> = words(part).map(|(_, w)| w).collect();
                for (raw, w) in raws.iter().zip(&phrase) {
                    if !analysis.is_stop_word(w) {
                        query.require(analysis, raw, w);
                    }
                }
                if phrase.len() >= 2 && !query.phrases.iter().any(|p| p.words == phrase) {
                    let pairs = raws
                        .windows(2)
                        .map(|pair| analysis.pair_keys(pair[0], pair[1]))
                        .collect();
                    query.phrases.push(Phrase {
                        words: phrase,
                        pairs,
                    });
                } else if let ([raw], [only]) = (raws.as_slice(), phrase.as_slice()) {
                    // A quoted stop word is what the reader asked for.
                    query.require(analysis, raw, only);
                }
                last_plain = None;
                continue;
            }
            for raw in part.split_whitespace() {
                let excluded = raw.starts_with('-') && raw.len() > 1;
                let text = raw.trim_start_matches('-');
                for (range, w) in words(text) {
                    let raw = &text[range];
                    if excluded {
                        if !query.excluded.iter().any(|e| e.folded == w) {
                            query.excluded.push(QueryWord::new(analysis, raw, w));
                        }
                        last_plain = None;
                    } else if analysis.is_stop_word(&w) {
                        if !query.dropped.contains(&w) {
                            query.dropped.push(w.clone());
                        }
                        last_plain = None;
                    } else {
                        last_plain = Some(query.require(analysis, raw, &w));
                    }
                }
            }
        }
        // An unclosed quote, or a word followed by a space, is finished.
        if still_typing && !in_quotes && !input.trim_end().ends_with(['"', '”', '»']) {
            if let Some(i) = last_plain {
                if query.words[i].folded.chars().count() >= 2 {
                    query.words[i].prefix = true;
                } else if query.words.len() > 1 && i == query.words.len() - 1 {
                    // One letter just typed after other words narrows
                    // nothing yet; it counts once it is a word.
                    query.words.pop();
                }
            }
        }
        query
    }

    /// No words, phrases or exclusions: the query does not narrow anything.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.phrases.is_empty() && self.excluded.is_empty()
    }

    /// The reader typed only stop words ("the of"): nothing to search for.
    pub fn only_stop_words(&self) -> bool {
        self.is_empty() && !self.dropped.is_empty()
    }

    fn require(&mut self, analysis: &QueryAnalysis, raw: &str, folded: &str) -> usize {
        if let Some(i) = self.words.iter().position(|w| w.folded == folded) {
            return i;
        }
        self.words
            .push(QueryWord::new(analysis, raw, folded.to_string()));
        self.words.len() - 1
    }
}

impl QueryWord {
    fn new(analysis: &QueryAnalysis, raw: &str, folded: String) -> QueryWord {
        QueryWord {
            keys: analysis.keys(raw),
            folded,
            prefix: false,
        }
    }
}

/// Splits on double quotes (straight or curly): `(inside quotes?, text)`.
fn split_quotes(input: &str) -> Vec<(bool, &str)> {
    let mut parts = Vec::new();
    let mut quoted = false;
    let mut start = 0;
    for (i, c) in input.char_indices() {
        if matches!(c, '"' | '“' | '”' | '«' | '»') {
            parts.push((quoted, &input[start..i]));
            quoted = !quoted;
            start = i + c.len_utf8();
        }
    }
    parts.push((quoted, &input[start..]));
    parts.retain(|(_, p)| !p.trim().is_empty());
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(folded: &str, prefix: bool) -> (String, bool) {
        (folded.into(), prefix)
    }

    /// One table of cases, a line or three each: long by design.
    #[test]
    fn parsing() {
        struct Case {
            input: &'static str,
            words: Vec<(String, bool)>,
            phrases: Vec<Vec<&'static str>>,
            excluded: Vec<&'static str>,
            dropped: Vec<&'static str>,
        }
        let cases = vec![
            Case {
                input: "",
                words: vec![],
                phrases: vec![],
                excluded: vec![],
                dropped: vec![],
            },
            Case {
                input: "   ",
                words: vec![],
                phrases: vec![],
                excluded: vec![],
                dropped: vec![],
            },
            Case {
                input: "stud",
                words: vec![w("stud", true)],
                phrases: vec![],
                excluded: vec![],
                dropped: vec![],
            },
            Case {
                input: "students ",
                words: vec![w("students", false)],
                phrases: vec![],
                excluded: vec![],
                dropped: vec![],
            },
            Case {
                input: "Zürich Students union",
                words: vec![w("zurich", false), w("students", false), w("union", true)],
                phrases: vec![],
                excluded: vec![],
                dropped: vec![],
            },
            Case {
                input: "the of and",
                words: vec![],
                phrases: vec![],
                excluded: vec![],
                dropped: vec!["the", "of", "and"],
            },
            Case {
                input: "strike -lahore",
                words: vec![w("strike", false)],
                phrases: vec![],
                excluded: vec!["lahore"],
                dropped: vec![],
            },
            Case {
                input: "\"May Day\" rally",
                words: vec![w("may", false), w("day", false), w("rally", true)],
                phrases: vec![vec!["may", "day"]],
                excluded: vec![],
                dropped: vec![],
            },
            Case {
                input: "“state of emergency”",
                words: vec![w("state", false), w("emergency", false)],
                phrases: vec![vec!["state", "of", "emergency"]],
                excluded: vec![],
                dropped: vec![],
            },
            Case {
                input: "\"unclosed phrase",
                words: vec![w("unclosed", false), w("phrase", false)],
                phrases: vec![vec!["unclosed", "phrase"]],
                excluded: vec![],
                dropped: vec![],
            },
            Case {
                input: "a",
                words: vec![],
                phrases: vec![],
                excluded: vec![],
                dropped: vec!["a"],
            },
            Case {
                input: "workers u",
                words: vec![w("workers", false)],
                phrases: vec![],
                excluded: vec![],
                dropped: vec![],
            },
            Case {
                input: "workers u ",
                words: vec![w("workers", false), w("u", false)],
                phrases: vec![],
                excluded: vec![],
                dropped: vec![],
            },
            Case {
                input: "x",
                words: vec![w("x", false)],
                phrases: vec![],
                excluded: vec![],
                dropped: vec![],
            },
            Case {
                input: "- -- strike strike",
                words: vec![w("strike", true)],
                phrases: vec![],
                excluded: vec![],
                dropped: vec![],
            },
            Case {
                input: "طلبہ",
                words: vec![w("طلبہ", true)],
                phrases: vec![],
                excluded: vec![],
                dropped: vec![],
            },
        ];
        let english = QueryAnalysis::default();
        for case in cases {
            let q = TextQuery::parse(case.input, &english);
            let words: Vec<(String, bool)> = q
                .words
                .iter()
                .map(|w| (w.folded.clone(), w.prefix))
                .collect();
            let phrases: Vec<Vec<&str>> = q
                .phrases
                .iter()
                .map(|p| p.words.iter().map(String::as_str).collect())
                .collect();
            let excluded: Vec<&str> = q.excluded.iter().map(|w| w.folded.as_str()).collect();
            assert_eq!(words, case.words, "{:?}", case.input);
            assert_eq!(phrases, case.phrases, "{:?}", case.input);
            assert_eq!(excluded, case.excluded, "{:?}", case.input);
            assert_eq!(q.dropped, case.dropped, "{:?}", case.input);
        }
        assert!(TextQuery::parse("the of", &english).only_stop_words());
        assert!(!TextQuery::parse("", &english).only_stop_words());
        assert!(TextQuery::parse(" ", &english).is_empty());
    }
}
