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
//! - Stemming (Snowball) by the article's language, for every language
//!   Snowball has a stemmer for ([`super::languages`]); stems of languages
//!   other than English carry their language's mark ([`STEM_MARK`]). A
//!   query word is looked up as typed and stemmed in each of the archive's
//!   languages, so it finds every form in every language.

use std::cell::RefCell;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use rust_stemmers::{Algorithm, Stemmer};

use super::languages::{rules_for, Rules, ENGLISH, RULES};
use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::UnicodeSegmentation;

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

/// Where a language's stems are told apart from other words: a Spanish
/// article's "trabajadores" is indexed as `trabajador~es`, so a query meets
/// a stem only in articles of the stem's language (English stems carry no
/// mark, as before there were others).
pub const STEM_MARK: char = '~';

/// An index word as a reader would write it: without its language mark.
pub fn unmarked(key: &str) -> &str {
    key.split_once(STEM_MARK).map_or(key, |(word, _)| word)
}

/// How one article's words become index keys: by its language's rules
/// ([`super::languages`]); a language without rules keeps its words as
/// folded, English's stop words left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Analysis {
    rules: Option<usize>,
}

impl Analysis {
    /// The rules of a BCP 47 tag's language (`es-MX` is Spanish).
    pub fn for_language(tag: &str) -> Analysis {
        Analysis {
            rules: rules_for(tag),
        }
    }

    fn rules(self) -> Option<&'static Rules> {
        self.rules.map(|i| &RULES[i])
    }

    /// The folded words of `text` with their byte ranges, an elided article
    /// (`l'`, `dell'`) left out of the word it is written with.
    pub fn words(self, text: &str) -> impl Iterator<Item = (std::ops::Range<usize>, String)> + '_ {
        words(text).map(
            move |(range, folded)| match self.unelided(&text[range.clone()]) {
                Some(rest) => (range.end - rest.len()..range.end, fold(rest)),
                None => (range, folded),
            },
        )
    }

    /// `raw` folded, an elided article left out.
    fn fold_word(self, raw: &str) -> String {
        fold(self.unelided(raw).unwrap_or(raw))
    }

    /// The rest of `raw` after an elided article and its apostrophe.
    fn unelided(self, raw: &str) -> Option<&str> {
        let elisions = self.rules()?.elisions;
        let (head, rest) = raw.split_once(['\'', '\u{2019}'])?;
        (!rest.is_empty() && elisions.iter().any(|e| head.eq_ignore_ascii_case(e))).then_some(rest)
    }

    /// The index key of a folded word: its stem, marked with its language
    /// unless English, for a language with a stemmer; else the word. In the
    /// browser, a stemmer not loaded (yet) leaves the word as it is.
    pub fn key(self, folded: &str) -> String {
        self.rules
            .filter(|&i| RULES[i].stemmer.is_some())
            .and_then(|i| stem_cached(i, folded))
            .unwrap_or_else(|| folded.to_string())
    }

    /// Too common to narrow a search (English's stop words count in every
    /// language): left out of the word index, kept in the phrase index.
    pub fn is_stop_word(self, folded: &str) -> bool {
        is_stop_word_of(ENGLISH, folded)
            || self
                .rules
                .is_some_and(|i| i != ENGLISH && is_stop_word_of(i, folded))
    }
}

/// How a query's words are looked up: in the words of every language of
/// the archive. A word's keys are its folded form and its key in each
/// stemmed language; it is dropped when a stop word of any of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryAnalysis {
    languages: Vec<Analysis>,
}

impl Default for QueryAnalysis {
    /// English only: what archives without a language list were indexed by.
    fn default() -> QueryAnalysis {
        QueryAnalysis::for_languages(["en"])
    }
}

impl QueryAnalysis {
    /// For an archive's languages (BCP 47 tags; English is always among them,
    /// its stop words apply to every article).
    pub fn for_languages<'a>(tags: impl IntoIterator<Item = &'a str>) -> QueryAnalysis {
        let mut languages = vec![Analysis::for_language("en")];
        for tag in tags {
            let analysis = Analysis::for_language(tag);
            if analysis.rules.is_some() && !languages.contains(&analysis) {
                languages.push(analysis);
            }
        }
        QueryAnalysis { languages }
    }

    /// Is `folded` a stop word in any of the languages?
    pub fn is_stop_word(&self, folded: &str) -> bool {
        self.languages.iter().any(|a| a.is_stop_word(folded))
    }

    /// Every key a query word (`raw`, as typed) may be indexed under: folded
    /// first, then its key in each language, distinct.
    pub fn keys(&self, raw: &str) -> Vec<String> {
        let mut keys = vec![fold(raw)];
        for &analysis in &self.languages {
            let folded = analysis.fold_word(raw);
            for key in [analysis.key(&folded), folded] {
                if !key.is_empty() && !keys.contains(&key) {
                    keys.push(key);
                }
            }
        }
        keys
    }

    /// The key pairs two adjacent query words may be indexed under: both
    /// words keyed by the same language, or both folded.
    pub fn pair_keys(&self, first: &str, second: &str) -> Vec<(String, String)> {
        let mut pairs = vec![(fold(first), fold(second))];
        for &analysis in &self.languages {
            let pair = (
                analysis.key(&analysis.fold_word(first)),
                analysis.key(&analysis.fold_word(second)),
            );
            if !pairs.contains(&pair) {
                pairs.push(pair);
            }
        }
        pairs
    }

    /// The stem, in every stemmed language, of a folded word of an article
    /// whose language is not known (for highlighting).
    pub fn stems(&self, folded: &str) -> Vec<String> {
        self.languages.iter().map(|a| a.key(folded)).collect()
    }
}

fn is_stop_word_of(rules: usize, folded: &str) -> bool {
    static FOLDED: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    FOLDED.get_or_init(|| {
        RULES
            .iter()
            .map(|r| r.stop_words.iter().map(|w| fold(w)).collect())
            .collect()
    })[rules]
        .iter()
        .any(|w| w == folded)
}

/// Stemming is the costliest step of indexing, and word frequencies are
/// skewed: a small per-thread memo saves most of it.
fn stem_cached(rules: usize, folded: &str) -> Option<String> {
    const CAPACITY: usize = 50_000;
    thread_local! {
        static MEMO: RefCell<Vec<FxHashMap<String, String>>> =
            RefCell::new(RULES.iter().map(|_| FxHashMap::default()).collect());
    }
    if let Some(stem) = MEMO.with_borrow(|memos| memos[rules].get(folded).cloned()) {
        return Some(stem);
    }
    let stem = stem(rules, folded)?;
    MEMO.with_borrow_mut(|memos| {
        let memo = &mut memos[rules];
        if memo.len() >= CAPACITY {
            memo.clear();
        }
        memo.insert(folded.to_string(), stem.clone());
    });
    Some(stem)
}

/// A folded word's stem in a language with a stemmer, marked unless English.
/// English stems only ASCII words (its stemmer mangles others); Arabic's
/// stemmer reads Arabic letters, so the Urdu forms folding made of them are
/// turned back first. `None`: the stemmer is not at hand (see [`snowball`]).
fn stem(rules: usize, folded: &str) -> Option<String> {
    let algorithm = RULES[rules].stemmer?;
    if rules == ENGLISH {
        return Some(if folded.is_ascii() {
            english().stem(folded).into_owned()
        } else {
            folded.to_string()
        });
    }
    // Numbers are no language's: one key in every article.
    if folded.bytes().all(|b| b.is_ascii_digit()) {
        return Some(folded.to_string());
    }
    let stem = if algorithm == Algorithm::Arabic {
        let arabic: String = folded
            .chars()
            .map(|c| match c {
                'ی' => 'ي',
                'ک' => 'ك',
                'ہ' => 'ه',
                'ۃ' => 'ة',
                c => c,
            })
            .collect();
        fold(&snowball(rules, algorithm, &arabic)?)
    } else {
        snowball(rules, algorithm, folded)?
    };
    let mut key = if stem.is_empty() {
        folded.to_string()
    } else {
        stem
    };
    key.push(STEM_MARK);
    key.push_str(RULES[rules].code);
    Some(key)
}

fn english() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// Snowball's stem of `word` in a language other than English. Natively
/// from `rust-stemmers`; in the browser from the language's own small
/// module (`crates/stemmer`, built from the same crate), which the reader
/// loads for the archive's languages and registers with
/// [`set_platform_stemmer`]: the reader's wasm carries English only.
#[cfg(not(target_arch = "wasm32"))]
fn snowball(rules: usize, algorithm: Algorithm, word: &str) -> Option<String> {
    static STEMMERS: OnceLock<Vec<OnceLock<Stemmer>>> = OnceLock::new();
    let stemmer = STEMMERS.get_or_init(|| RULES.iter().map(|_| OnceLock::new()).collect())[rules]
        .get_or_init(|| Stemmer::create(algorithm));
    Some(stemmer.stem(word).into_owned())
}

#[cfg(target_arch = "wasm32")]
fn snowball(rules: usize, _algorithm: Algorithm, word: &str) -> Option<String> {
    PLATFORM_STEMMER.get()?(RULES[rules].code, word)
}

/// A stemmer by language code: `None` when that language's is not loaded.
pub type PlatformStemmer = fn(&str, &str) -> Option<String>;

#[cfg(target_arch = "wasm32")]
static PLATFORM_STEMMER: OnceLock<PlatformStemmer> = OnceLock::new();

/// Gives the browser build its stemmers of languages other than English
/// (see [`snowball`]); the first registration wins. Native builds have
/// every stemmer and ignore it.
pub fn set_platform_stemmer(stemmer: PlatformStemmer) {
    #[cfg(target_arch = "wasm32")]
    let _ = PLATFORM_STEMMER.set(stemmer);
    #[cfg(not(target_arch = "wasm32"))]
    let _ = stemmer;
}

/// The languages (codes, in the order given) whose stemmer the browser
/// loads separately.
pub fn separate_stemmers<'a>(tags: impl IntoIterator<Item = &'a str>) -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = Vec::new();
    for i in tags.into_iter().filter_map(rules_for) {
        if i != ENGLISH && RULES[i].stemmer.is_some() && !codes.contains(&RULES[i].code) {
            codes.push(RULES[i].code);
        }
    }
    codes
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
    fn english_stems_carry_no_mark_and_others_their_language() {
        let en = Analysis::for_language("en-GB");
        assert_eq!(en.key("students"), "student");
        assert_eq!(en.key("strikes"), "strike");
        assert_eq!(en.key("organising"), "organis");
        assert_eq!(en.key("طلبہ"), "طلبہ");
        let ur = Analysis::for_language("ur");
        assert_eq!(ur.key("students"), "students");
        assert_eq!(Analysis::for_language("xx").key("students"), "students");
        assert_eq!(
            Analysis::for_language("es-MX").key("trabajadores"),
            "trabaj~es"
        );
        assert_eq!(Analysis::for_language("es").key("2017"), "2017");
        assert_eq!(unmarked("trabajador~es"), "trabajador");
        assert_eq!(unmarked("student"), "student");
    }

    /// The forms of a word meet under one key in its own language, whether
    /// typed with its accents or without.
    #[test]
    fn inflected_forms_share_a_key_in_their_language() {
        let cases: [(&str, &[&str]); 8] = [
            ("es", &["trabajadores", "trabajador", "Trabajadoras"]),
            ("es", &["huelgas", "huelga"]),
            ("fr", &["grèves", "grève", "greve", "Grèves"]),
            ("fr", &["travailleurs", "travailleur"]),
            ("de", &["Arbeiter", "Arbeitern", "arbeiter"]),
            ("de", &["Gewerkschaften", "Gewerkschaft"]),
            ("pt", &["trabalhadores", "trabalhador"]),
            ("ar", &["العمال", "العمّال", "عمال"]),
        ];
        for (language, forms) in cases {
            let analysis = Analysis::for_language(language);
            let keys: Vec<String> = forms.iter().map(|f| analysis.key(&fold(f))).collect();
            assert!(
                keys.windows(2).all(|k| k[0] == k[1]),
                "{language}: {forms:?} → {keys:?}"
            );
            assert!(keys[0].ends_with(&format!("~{language}")), "{keys:?}");
        }
    }

    #[test]
    fn an_elided_article_is_left_out_in_french_and_italian_only() {
        let fr = Analysis::for_language("fr");
        let got: Vec<String> = fr
            .words("l’école d'été aujourd'hui")
            .map(|(_, w)| w)
            .collect();
        assert_eq!(got, ["ecole", "ete", "aujourdhui"]);
        let text = "dell'anno";
        let (range, word) = Analysis::for_language("it").words(text).next().unwrap();
        assert_eq!((&text[range], word.as_str()), ("anno", "anno"));
        let en: Vec<String> = Analysis::for_language("en")
            .words("l'école")
            .map(|(_, w)| w)
            .collect();
        assert_eq!(en, ["lecole"]);
    }

    #[test]
    fn a_query_word_is_looked_up_in_every_language_of_the_archive() {
        let english = QueryAnalysis::default();
        assert_eq!(english.keys("students"), ["students", "student"]);
        assert_eq!(english.keys("kashmir"), ["kashmir"]);
        let mixed = QueryAnalysis::for_languages(["en", "es", "ur", "fr", "es-CL"]);
        assert_eq!(
            mixed.keys("trabajadores"),
            ["trabajadores", "trabajador", "trabaj~es", "trabajador~fr"]
        );
        assert_eq!(
            mixed.keys("l'usine")[..2],
            ["lusine".to_string(), "lusin".into()]
        );
        assert!(mixed.keys("l'usine").contains(&"usin~fr".to_string()));
        assert_eq!(
            mixed.pair_keys("grèves", "générales"),
            [
                ("greves".to_string(), "generales".to_string()),
                ("greve".into(), "general".into()),
                ("grev~es".into(), "general~es".into()),
                ("grev~fr".into(), "general~fr".into()),
            ]
        );
    }

    #[test]
    fn stop_words_by_language() {
        let en = Analysis::for_language("en");
        assert!(en.is_stop_word("the"));
        assert!(!en.is_stop_word("may"));
        assert!(!en.is_stop_word("students"));
        assert!(!en.is_stop_word("los"));
        let es = Analysis::for_language("es");
        assert!(es.is_stop_word("los") && es.is_stop_word("the") && es.is_stop_word("tambien"));
        assert!(Analysis::for_language("ur").is_stop_word(&fold("كے")));
        assert!(Analysis::for_language("hi").is_stop_word("में"));
        let mixed = QueryAnalysis::for_languages(["de", "fr"]);
        assert!(mixed.is_stop_word("und") && mixed.is_stop_word("les") && mixed.is_stop_word("of"));
        assert!(!mixed.is_stop_word("war") && !mixed.is_stop_word("die"));
    }

    /// A stop word of another language is never an English word a reader
    /// may look for: those below are the ones such lists usually hold.
    #[test]
    fn no_stop_word_is_an_english_search_word() {
        let english_words = [
            "war", "die", "son", "no", "era", "also", "will", "plus", "over", "man", "hat", "door",
            "come", "sin", "van", "here", "art", "fast",
        ];
        for rules in RULES {
            for word in english_words {
                assert!(!rules.stop_words.contains(&word), "{}: {word}", rules.code);
            }
        }
    }
}
