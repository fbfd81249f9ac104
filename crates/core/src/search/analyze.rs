//! Text analysis shared by the index builder and the query parser: the same
//! text must become the same keys on both sides, so this is the only place
//! where words are cut, folded and stemmed.
//!
//! - Words come from Unicode word segmentation (UAX #29), so Urdu, Hindi and
//!   Latin text split the same way in the builder and the browser.
//! - Folding: compatibility decomposition, lower case, Latin/Greek/Cyrillic
//!   accents removed ("Zürich" → "zurich"), optional Arabic vowel marks and
//!   the tatweel removed, and the Arabic/Persian letter variants Urdu text mixes
//!   (ي/ی, ك/ک, ه/ہ) made one.
//! - Stemming (Snowball English) applies to English articles only; a query
//!   word is looked up both stemmed and as typed, so it finds both.

use std::cell::RefCell;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::UnicodeSegmentation;

/// Words too common to narrow a search. They are left out of the word index
/// (which keeps its largest lists out of every query's download) but kept in
/// the phrase index, so `"may day"` still finds its phrase.
const STOP_WORDS: [&str; 36] = [
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has",
    "have", "he", "her", "his", "in", "is", "it", "its", "of", "on", "or", "she", "that", "the",
    "their", "they", "this", "to", "was", "were", "which", "with",
];

/// Is `key` (already folded) a stop word?
pub fn is_stop_word(key: &str) -> bool {
    STOP_WORDS.contains(&key)
}

/// Folds one word: see the module documentation.
pub fn fold(word: &str) -> String {
    // Most words of most archives are plain ASCII: skip decomposition.
    if word.is_ascii() {
        return word
            .bytes()
            .filter(|&b| b != b'\'')
            .map(|b| char::from(b.to_ascii_lowercase()))
            .collect();
    }
    let mut out = String::with_capacity(word.len());
    let mut previous_base = ' ';
    for c in nfkd(word).chars() {
        if is_combining_mark(c) {
            // Accents on European letters are dropped; marks on other scripts
            // (Devanagari vowel signs, …) are part of the letter and stay.
            if (previous_base as u32) < 0x0530 || is_arabic_vowel_mark(c) {
                continue;
            }
            out.push(c);
            continue;
        }
        previous_base = c;
        match c {
            '\u{0640}' | '\u{200c}' | '\u{200d}' | '\'' | '\u{2019}' | '\u{02bc}' => {}
            'ي' | 'ى' => out.push('ی'),
            'ك' => out.push('ک'),
            'ه' | 'ە' => out.push('ہ'),
            'ۃ' | 'ة' => out.push('ۃ'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Unicode compatibility decomposition (NFKD). Natively from the
/// `unicode-normalization` tables; in the browser from the platform's
/// (`String.prototype.normalize`), registered by the reader with
/// [`set_platform_nfkd`], which keeps about 100 KB of tables out of the
/// wasm download. Both implement the same Unicode algorithm: only a
/// character newer than one side's Unicode version could fold differently.
#[cfg(not(target_arch = "wasm32"))]
fn nfkd(word: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    word.nfkd().collect()
}

#[cfg(target_arch = "wasm32")]
fn nfkd(word: &str) -> String {
    match PLATFORM_NFKD.get() {
        Some(decompose) => decompose(word),
        // Not registered: composed letters keep their accents.
        None => word.to_string(),
    }
}

#[cfg(target_arch = "wasm32")]
static PLATFORM_NFKD: OnceLock<fn(&str) -> String> = OnceLock::new();

/// Gives the browser build its Unicode decomposition (see [`nfkd`]); the
/// first registration wins. Native builds use their own tables and ignore it.
pub fn set_platform_nfkd(decompose: fn(&str) -> String) {
    #[cfg(target_arch = "wasm32")]
    let _ = PLATFORM_NFKD.set(decompose);
    #[cfg(not(target_arch = "wasm32"))]
    let _ = decompose;
}

fn is_arabic_vowel_mark(c: char) -> bool {
    matches!(c, '\u{064b}'..='\u{065f}' | '\u{0670}' | '\u{06d6}'..='\u{06ed}')
}

/// The folded words of `text`, in order, with their byte ranges in `text`.
pub fn words(text: &str) -> impl Iterator<Item = (std::ops::Range<usize>, String)> + '_ {
    text.unicode_word_indices().filter_map(|(start, word)| {
        let folded = fold(word);
        (!folded.is_empty()).then(|| (start..start + word.len(), folded))
    })
}

/// How an article's or a query's words become index keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stemming {
    English,
    None,
}

impl Stemming {
    /// English stemming for English articles (`en`, `en-GB`, …), none else.
    pub fn for_language(tag: &str) -> Stemming {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("en") {
            Stemming::English
        } else {
            Stemming::None
        }
    }

    /// The index key of a folded word.
    pub fn key(self, folded: &str) -> String {
        match self {
            Stemming::English if folded.is_ascii() => stem_cached(folded),
            _ => folded.to_string(),
        }
    }
}

/// Stemming is the costliest step of indexing, and word frequencies are
/// skewed: a small per-thread memo saves most of it.
fn stem_cached(folded: &str) -> String {
    const CAPACITY: usize = 50_000;
    thread_local! {
        static MEMO: RefCell<FxHashMap<String, String>> = RefCell::new(FxHashMap::default());
    }
    MEMO.with_borrow_mut(|memo| {
        if let Some(stem) = memo.get(folded) {
            return stem.clone();
        }
        let stem = english().stem(folded).into_owned();
        if memo.len() >= CAPACITY {
            memo.clear();
        }
        memo.insert(folded.to_string(), stem.clone());
        stem
    })
}

fn english() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// The keys a query word may have been indexed under: as typed (folded) and,
/// when different, its English stem.
pub fn query_keys(folded: &str) -> Vec<String> {
    let stem = Stemming::English.key(folded);
    if stem == folded {
        vec![stem]
    } else {
        vec![folded.to_string(), stem]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        let cases = [
            ("Zürich", "zurich"),
            ("ZURICH", "zurich"),
            ("Café", "cafe"),
            ("São", "sao"),
            ("Łódź", "łodz"),
            ("naïve", "naive"),
            ("don't", "dont"),
            ("workers’", "workers"),
            ("ﬁnance", "finance"),
            // Urdu: Arabic-keyboard letters and vowel marks fold to Urdu's.
            ("طلبہ", "طلبہ"),
            ("طلبه", "طلبہ"),
            ("كراچي", "کراچی"),
            ("مَزدُور", "مزدور"),
            ("مـزدور", "مزدور"),
            // Devanagari vowel signs are letters, not accents.
            ("छात्र", "छात्र"),
            ("हड़ताल", "हड़ताल"),
        ];
        for (word, want) in cases {
            assert_eq!(fold(word), want, "{word}");
        }
        // The Devanagari nukta form composes and decomposes to one key.
        assert_eq!(fold("\u{095c}"), fold("\u{0921}\u{093c}"));
    }

    #[test]
    fn words_are_segmented_and_located() {
        let text = "Students’ union — Zürich, 2017: “May Day” طلبہ کی ہڑتال";
        let got: Vec<(String, &str)> = words(text)
            .map(|(range, key)| (key, &text[range]))
            .collect();
        let keys: Vec<&str> = got.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            [
                "students",
                "union",
                "zurich",
                "2017",
                "may",
                "day",
                "طلبہ",
                "کی",
                "ہڑتال"
            ]
        );
        assert_eq!(got[2].1, "Zürich");
    }

    #[test]
    fn english_stemming_only_for_english() {
        assert_eq!(Stemming::for_language("en-GB"), Stemming::English);
        assert_eq!(Stemming::for_language("ur"), Stemming::None);
        assert_eq!(Stemming::English.key("students"), "student");
        assert_eq!(Stemming::English.key("strikes"), "strike");
        assert_eq!(Stemming::English.key("organising"), "organis");
        assert_eq!(Stemming::None.key("students"), "students");
        assert_eq!(Stemming::English.key("طلبہ"), "طلبہ");
        assert_eq!(query_keys("students"), ["students", "student"]);
        assert_eq!(query_keys("kashmir"), ["kashmir"]);
    }

    #[test]
    fn stop_words() {
        assert!(is_stop_word("the"));
        assert!(!is_stop_word("may"));
        assert!(!is_stop_word("students"));
    }
}
