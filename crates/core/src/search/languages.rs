//! Each article language's search rules: the Snowball stemmer that makes
//! an inflected word and its other forms one index key, and the stop words
//! too common to narrow a search. An article is analysed by its own
//! language's rules (`Analysis`, in `analyze.rs`); a query by those of
//! every language of the archive (`QueryAnalysis`).
//!
//! Stop words are written in their usual spelling (they are folded when
//! first used). A word that is also an English word a reader may search for
//! ("war", "die", "son", "no", …) is never another language's stop word:
//! a query drops the stop words of every language of its archive.

use rust_stemmers::Algorithm;

/// One language's rules.
pub(super) struct Rules {
    /// The primary subtag of the language's BCP 47 tags (`es` for `es-MX`).
    pub code: &'static str,
    pub stemmer: Option<Algorithm>,
    pub stop_words: &'static [&'static str],
    /// Articles and pronouns that fuse with the next word behind an
    /// apostrophe (`l'école`, `dell'anno`): the word is indexed without them.
    pub elisions: &'static [&'static str],
}

/// English's stop words apply to every article and every query, as they
/// always have: English words are common in any archive.
pub(super) const ENGLISH: usize = 0;

/// One line per language; the first is English.
#[rustfmt::skip]
pub(super) const RULES: &[Rules] = &[
    Rules { code: "en", stemmer: Some(Algorithm::English), stop_words: &[
        "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had",
        "has", "have", "he", "her", "his", "in", "is", "it", "its", "of", "on", "or", "she",
        "that", "the", "their", "they", "this", "to", "was", "were", "which", "with",
    ], elisions: &[] },
    Rules { code: "es", stemmer: Some(Algorithm::Spanish), stop_words: &[
        "de", "la", "que", "el", "en", "y", "los", "del", "se", "las", "por", "un", "para",
        "con", "una", "su", "al", "lo", "como", "más", "pero", "sus", "le", "ya", "o", "este",
        "ha", "porque", "esta", "entre", "cuando", "muy", "sobre", "también", "hasta", "hay",
        "donde", "han", "desde", "nos", "les", "ni", "ese", "eso", "ante", "ellos", "e",
        "esto", "estos", "estas", "fue", "es",
    ], elisions: &[] },
    Rules { code: "fr", stemmer: Some(Algorithm::French), stop_words: &[
        "de", "la", "le", "et", "les", "des", "en", "un", "une", "du", "à", "au", "aux", "que",
        "qui", "dans", "pour", "par", "sur", "pas", "ne", "se", "ce", "il", "elle", "ils",
        "elles", "nous", "vous", "leur", "leurs", "sa", "ses", "avec", "mais", "ou", "où",
        "est", "sont", "été", "être", "ont", "cette", "ces", "lui", "y",
    ], elisions: &["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu"] },
    Rules { code: "de", stemmer: Some(Algorithm::German), stop_words: &[
        "der", "das", "und", "den", "von", "zu", "mit", "sich", "des", "auf", "für", "ist",
        "im", "dem", "nicht", "ein", "eine", "einer", "einem", "einen", "als", "auch", "es",
        "er", "sie", "aus", "bei", "nach", "wird", "um", "sind", "noch", "wie", "über",
        "zum", "zur", "haben", "nur", "oder", "aber", "vor", "bis", "durch", "sein", "wurde",
        "wenn", "ihre", "ihr", "dass", "wir",
    ], elisions: &[] },
    Rules { code: "pt", stemmer: Some(Algorithm::Portuguese), stop_words: &[
        "de", "o", "que", "e", "do", "da", "em", "um", "para", "é", "com", "não", "uma", "os",
        "se", "na", "por", "mais", "as", "dos", "como", "mas", "foi", "ao", "ele", "das",
        "tem", "à", "seu", "sua", "ou", "ser", "quando", "muito", "há", "nos", "já", "está",
        "também", "pelo", "pela", "até", "isso", "ela", "entre", "depois", "sem", "aos",
        "seus", "suas", "nas", "eles", "elas", "são", "num", "numa",
    ], elisions: &[] },
    Rules { code: "it", stemmer: Some(Algorithm::Italian), stop_words: &[
        "di", "e", "il", "la", "che", "per", "un", "del", "della", "non", "è", "una", "le",
        "i", "si", "con", "dei", "da", "al", "ma", "più", "lo", "gli", "delle", "nel",
        "nella", "anche", "alla", "ha", "sono", "questo", "o", "se", "sua", "suo", "tra",
        "ci", "ne",
    ], elisions: &["l", "un", "dell", "all", "dall", "nell", "sull", "coll", "quest", "quell", "c", "d"] },
    Rules { code: "nl", stemmer: Some(Algorithm::Dutch), stop_words: &[
        "de", "en", "het", "een", "dat", "op", "te", "zijn", "met", "voor", "niet", "aan",
        "er", "om", "ook", "als", "bij", "maar", "dan", "naar", "nog", "uit", "tot", "wordt",
        "werd", "hij", "ze", "zij", "heeft", "worden", "dit", "hun", "wel",
    ], elisions: &[] },
    Rules { code: "ar", stemmer: Some(Algorithm::Arabic), stop_words: &[
        "في", "من", "على", "إلى", "عن", "أن", "إن", "هذا", "هذه", "التي", "الذي", "الذين", "ما",
        "لا", "مع", "كان", "كانت", "قد", "و", "أو", "ثم", "كل", "بين", "بعد", "قبل", "ذلك",
        "تلك", "هو", "هي", "هم", "عند", "حتى", "لم", "لن", "إذا", "كما", "منذ", "لكن", "غير",
    ], elisions: &[] },
    Rules { code: "ru", stemmer: Some(Algorithm::Russian), stop_words: &[
        "и", "в", "не", "на", "что", "он", "с", "по", "это", "как", "а", "то", "все", "она",
        "так", "его", "но", "к", "у", "же", "за", "бы", "от", "из", "о", "для", "ее", "был",
        "или", "они", "их", "при",
    ], elisions: &[] },
    Rules { code: "sv", stemmer: Some(Algorithm::Swedish), stop_words: &[], elisions: &[] },
    Rules { code: "da", stemmer: Some(Algorithm::Danish), stop_words: &[], elisions: &[] },
    Rules { code: "no", stemmer: Some(Algorithm::Norwegian), stop_words: &[], elisions: &[] },
    Rules { code: "fi", stemmer: Some(Algorithm::Finnish), stop_words: &[], elisions: &[] },
    Rules { code: "hu", stemmer: Some(Algorithm::Hungarian), stop_words: &[], elisions: &[] },
    Rules { code: "ro", stemmer: Some(Algorithm::Romanian), stop_words: &[], elisions: &[] },
    Rules { code: "tr", stemmer: Some(Algorithm::Turkish), stop_words: &[], elisions: &[] },
    Rules { code: "ta", stemmer: Some(Algorithm::Tamil), stop_words: &[], elisions: &[] },
    Rules { code: "el", stemmer: Some(Algorithm::Greek), stop_words: &[], elisions: &[] },
    // No Snowball stemmer: stop words only.
    Rules { code: "ur", stemmer: None, stop_words: &[
        "کے", "کی", "کا", "اور", "میں", "ہے", "سے", "نے", "کو", "یہ", "وہ", "پر", "تھا", "تھی",
        "تھے", "ہیں", "بھی", "ایک", "کہ", "جو", "ہو", "کر", "اس", "ان", "تک", "لیے", "یا",
        "جس", "جن",
    ], elisions: &[] },
    Rules { code: "hi", stemmer: None, stop_words: &[
        "का", "के", "की", "और", "में", "है", "से", "ने", "को", "यह", "वह", "पर", "था", "थी",
        "थे", "हैं", "भी", "एक", "कि", "जो", "हो", "कर", "इस", "उस", "इन", "उन", "तक", "लिए",
        "या", "जिस", "जिन",
    ], elisions: &[] },
    Rules { code: "fa", stemmer: None, stop_words: &[
        "و", "در", "به", "از", "که", "این", "را", "با", "است", "آن", "برای", "یک", "خود",
        "تا", "بر", "هم", "نیز", "شد", "شده", "می", "ها", "های", "بود", "او", "هر", "یا",
        "اما", "پس",
    ], elisions: &[] },
];

/// The rules for a BCP 47 tag, by its primary subtag (Norwegian's two
/// written standards share one stemmer).
pub(super) fn rules_for(tag: &str) -> Option<usize> {
    let primary = match crate::primary_subtag(tag) {
        "nb" | "nn" | "NB" | "NN" => "no",
        primary => primary,
    };
    RULES
        .iter()
        .position(|r| r.code.eq_ignore_ascii_case(primary))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The browser loads one module per stemmed language other than
    /// English: `crates/stemmer` must have a feature for each, and no more.
    #[test]
    fn every_stemmed_language_has_its_browser_module() {
        let manifest = include_str!("../../../stemmer/Cargo.toml");
        let features = manifest.split("[features]").nth(1).unwrap();
        let mut modules: Vec<&str> = features
            .lines()
            .filter_map(|l| l.strip_suffix(" = []"))
            .collect();
        modules.sort_unstable();
        let mut stemmed: Vec<&str> = RULES
            .iter()
            .skip(1)
            .filter(|r| r.stemmer.is_some())
            .map(|r| r.code)
            .collect();
        stemmed.sort_unstable();
        assert_eq!(modules, stemmed);
        let lib = include_str!("../../../stemmer/src/lib.rs");
        for rules in RULES.iter().filter(|r| r.stemmer.is_some()).skip(1) {
            let line = format!("\"{}\" => {:?}", rules.code, rules.stemmer.unwrap());
            assert!(
                lib.contains(&line),
                "crates/stemmer/src/lib.rs lacks {line}"
            );
        }
        assert_eq!(rules_for("nb-NO"), rules_for("no"));
        assert_eq!(rules_for("es-419").map(|i| RULES[i].code), Some("es"));
    }
}
