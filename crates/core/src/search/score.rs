//! BM25 scores summed over a conjunctive query: each word's best score per
//! article, and only articles that match every word.

/// BM25's inverse document frequency.
pub(super) fn idf(docs: u32, df: u32) -> f32 {
    let (n, df) = (docs as f32, df as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// Running totals of a conjunctive query.
pub(super) struct Scores {
    total: Vec<f32>,
    matched: Vec<u16>,
    words: u16,
    last: Vec<u32>,
}

impl Scores {
    pub(super) fn new(n: usize) -> Scores {
        Scores {
            total: vec![0.0; n],
            matched: vec![0; n],
            words: 0,
            last: Vec::new(),
        }
    }

    /// Adds a word's best score per article; only articles that matched every
    /// earlier word stay in the running.
    pub(super) fn and(&mut self, word: WordScores) {
        let mut kept = Vec::new();
        for doc in word.touched {
            let d = doc as usize;
            if self.matched[d] == self.words {
                self.total[d] += word.best[d];
                self.matched[d] += 1;
                kept.push(doc);
            }
        }
        self.words += 1;
        self.last = kept;
    }

    /// The articles that matched every word, by position. Common words
    /// match most of a large archive: a pass over the counters is cheaper
    /// than sorting the matches.
    pub(super) fn finish(self) -> Vec<(u32, f32)> {
        if self.last.len() < self.matched.len() / 16 {
            let mut last = self.last;
            last.sort_unstable();
            return last.iter().map(|&d| (d, self.total[d as usize])).collect();
        }
        (0u32..)
            .zip(&self.matched)
            .filter(|(_, &m)| m == self.words)
            .map(|(d, _)| (d, self.total[d as usize]))
            .collect()
    }
}

/// One query word's best score in each article it occurs in.
pub(super) struct WordScores {
    best: Vec<f32>,
    touched: Vec<u32>,
}

impl WordScores {
    pub(super) fn new(n: usize) -> WordScores {
        WordScores {
            best: vec![0.0; n],
            touched: Vec::new(),
        }
    }

    pub(super) fn offer(&mut self, doc: u32, score: f32) {
        let Some(slot) = self.best.get_mut(doc as usize) else {
            return;
        };
        if *slot == 0.0 {
            self.touched.push(doc);
        }
        if score > *slot {
            *slot = score;
        }
    }
}
