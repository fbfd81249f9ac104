//! The index writer and the query runner together: build an index of a few
//! articles, search it, check what comes back and what was fetched.

use std::collections::HashMap;

use super::*;
use crate::format::{SearchIndex, TermChunk};

const DOCS: [(&str, &str, &str, &str); 8] = [
    // (language, title, summary, body)
    (
        "en",
        "Students strike in Lahore",
        "",
        "Thousands of students walked out of classes on Monday.",
    ),
    (
        "en",
        "Dock workers win pay dispute",
        "",
        "After a six-week strike the dockers won. A student group sent greetings.",
    ),
    (
        "en",
        "Conference report from Zürich",
        "",
        "Delegates met in Zurich and in Kashmir to discuss the May Day rally.",
    ),
    (
        "en",
        "Rally on the first of May",
        "",
        "The day began early; may the next rally be larger.",
    ),
    (
        "ur",
        "لاہور میں طلبہ کا اجلاس",
        "",
        "طلبہ نے مطالبات پیش کیے۔",
    ),
    ("hi", "छात्रों की हड़ताल", "", "दिल्ली में छात्र सड़कों पर उतरे।"),
    (
        "en",
        "Kashmir: the curfew continues",
        "",
        "Residents of Kashmir report shortages. Kashmiri students cannot travel.",
    ),
    (
        "en",
        "Organising the summer school",
        "",
        "The school for organisers will meet in Lahore.",
    ),
];

/// Articles in languages Snowball stems, each with its inflected forms.
const WORLD: [(&str, &str, &str, &str); 7] = [
    (
        "es",
        "Los trabajadores del cobre en huelga",
        "",
        "La huelga de los mineros entra en su tercera semana.",
    ),
    (
        "es",
        "Un trabajador despedido",
        "",
        "El sindicato denuncia el despido.",
    ),
    (
        "fr",
        "Les grèves de l'automne",
        "",
        "Les travailleurs de l'usine ont voté la grève générale.",
    ),
    (
        "de",
        "Den Arbeitern gehört die Fabrik",
        "",
        "Die Gewerkschaft ruft die Arbeiter zum Streik auf.",
    ),
    (
        "pt",
        "Trabalhadores rurais ocupam a estrada",
        "",
        "O trabalhador sem terra exige a reforma.",
    ),
    (
        "ar",
        "إضراب العمال في المصنع",
        "",
        "طالب العامل بزيادة الأجور.",
    ),
    (
        "en",
        "Workers at the copper mine",
        "",
        "The strike at the general store is over.",
    ),
];

struct Fixture {
    index: SearchIndex,
    files: HashMap<String, Vec<u8>>,
    analysis: QueryAnalysis,
}

fn fixture(limits: IndexLimits) -> Fixture {
    fixture_of(&DOCS, limits)
}

fn fixture_of(docs: &[(&str, &str, &str, &str)], limits: IndexLimits) -> Fixture {
    let mut writer = IndexWriter::new();
    for &(language, title, summary, body) in docs {
        writer.add(DocTerms::analyze(&DocText {
            title,
            summary,
            body,
            language,
        }));
    }
    let built = writer.finish(limits);
    Fixture {
        index: built.root,
        files: built.files.into_iter().map(|f| (f.path, f.bytes)).collect(),
        analysis: QueryAnalysis::for_languages(docs.iter().map(|d| d.0)),
    }
}

fn tiny() -> IndexLimits {
    IndexLimits {
        postings_bytes: 40,
        chunk_terms: 5,
        pairs_bytes: 60,
    }
}

impl Fixture {
    fn run(&self, q: &str) -> (Hits, IndexCache) {
        let mut cache = IndexCache::new();
        let hits = cache
            .run(&self.index, &TextQuery::parse(q, &self.analysis), |r| {
                self.files.get(&r.path).cloned()
            })
            .unwrap_or_else(|e| panic!("{q:?}: {e}"));
        (hits, cache)
    }

    /// Matching documents, best first.
    fn ranked(&self, q: &str) -> Vec<usize> {
        let (hits, _) = self.run(q);
        let mut docs = hits.docs.clone();
        docs.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        docs.into_iter().map(|(d, _)| d as usize).collect()
    }

    fn matching(&self, q: &str) -> Vec<usize> {
        let mut docs = self.ranked(q);
        docs.sort_unstable();
        docs
    }
}

#[test]
fn queries_find_what_they_should() {
    for limits in [IndexLimits::default(), tiny()] {
        let f = fixture(limits);
        let cases: &[(&str, &[usize])] = &[
            // Stemming: "students" and "student" meet at "student".
            ("students", &[0, 1, 6]),
            ("student ", &[0, 1, 6]),
            // Folding.
            ("zurich", &[2]),
            ("ZÜRICH ", &[2]),
            // Prefix while typing; a finished word is not a prefix.
            ("stud", &[0, 1, 6]),
            ("kashmir", &[2, 6]),
            ("kashmir ", &[2, 6]),
            // All words must match.
            ("students lahore ", &[0]),
            ("strike dock ", &[1]),
            // Exclusion.
            ("students -lahore", &[1, 6]),
            ("-kashmir", &[0, 1, 3, 4, 5, 7]),
            // Phrases need adjacent words; stop words count inside quotes.
            ("\"may day\"", &[2]),
            ("may day ", &[2, 3]),
            ("\"first of may\"", &[3]),
            ("\"day may\"", &[]),
            // One typo in a longer word.
            ("kashmri ", &[2, 6]),
            ("stirke ", &[0, 1]),
            // Other scripts, and Urdu typed on an Arabic keyboard.
            ("طلبہ", &[4]),
            ("طلبه ", &[4]),
            ("छात्र ", &[5]),
            // Nothing.
            ("xylophone ", &[]),
            ("students xylophone ", &[]),
        ];
        for (q, want) in cases {
            assert_eq!(f.matching(q), *want, "query {q:?} with {limits:?}");
        }
    }
}

/// Each stemmed language finds a word's other forms in its own articles,
/// with or without accents, and its stems match no other language's words.
#[test]
fn every_stemmed_language_finds_inflected_forms() {
    for limits in [IndexLimits::default(), tiny()] {
        let f = fixture_of(&WORLD, limits);
        let cases: &[(&str, &[usize])] = &[
            ("trabajador ", &[0, 1]),
            ("trabajadores ", &[0, 1]),
            ("huelgas ", &[0]),
            ("grève ", &[2]),
            ("greves ", &[2]),
            ("travailleur ", &[2]),
            ("usine ", &[2]),
            ("l'usine ", &[2]),
            ("\"grève générale\"", &[2]),
            ("Arbeitern ", &[3]),
            ("arbeiter ", &[3]),
            ("gewerkschaften ", &[3]),
            ("trabalhador ", &[4]),
            ("trabalhadores ", &[4]),
            ("العامل ", &[5]),
            ("العمال ", &[5]),
            // English keeps its own stems: "workers" is not German "work".
            ("workers ", &[6]),
            ("general ", &[2, 6]),
            ("copper ", &[6]),
            // Stop words of the archive's languages narrow nothing.
            ("los trabajadores ", &[0, 1]),
            ("die Arbeiter ", &[3]),
        ];
        for (q, want) in cases {
            assert_eq!(f.matching(q), *want, "query {q:?} with {limits:?}");
        }
        let (hits, _) = f.run("trabajadores ");
        let marked: Vec<String> = Highlighter::new(&hits)
            .highlight("Un trabajador despedido, trabajadores del cobre")
            .into_iter()
            .filter(|p| p.mark)
            .map(|p| p.text)
            .collect();
        assert_eq!(marked, ["trabajador", "trabajadores"]);
    }
}

/// English search answers as it did before other languages were stemmed,
/// whatever languages the archive also holds.
#[test]
fn english_ranking_does_not_depend_on_the_other_languages() {
    let english = fixture(IndexLimits::default());
    let mut everywhere = fixture(IndexLimits::default());
    let all = [
        "en", "es", "fr", "de", "pt", "it", "nl", "ar", "ru", "sv", "fi", "tr",
    ];
    everywhere.analysis = QueryAnalysis::for_languages(all);
    for q in [
        "students ",
        "student",
        "kashmir ",
        "stud",
        "strike dock ",
        "\"may day\"",
        "stirke ",
        "organising ",
        "school ",
        "zurich ",
        "rally ",
    ] {
        assert_eq!(english.ranked(q), everywhere.ranked(q), "{q:?}");
    }
}

#[test]
fn title_matches_rank_first() {
    let f = fixture(IndexLimits::default());
    assert_eq!(f.ranked("students ")[0], 0);
    assert_eq!(f.ranked("kashmir ")[0], 6);
    assert_eq!(f.ranked("zurich ")[0], 2);
}

#[test]
fn corrections_and_highlights_are_reported() {
    let f = fixture(IndexLimits::default());
    let (hits, _) = f.run("kashmri ");
    // "kashmri" is one edit from both: the commoner word comes first.
    assert_eq!(
        hits.corrections,
        [
            ("kashmri".to_string(), "kashmir".to_string()),
            ("kashmri".to_string(), "kashmiri".to_string())
        ]
    );
    let (hits, _) = f.run("stud");
    assert_eq!(hits.prefixes, ["stud"]);
    assert!(
        hits.terms.contains(&"student".to_string()),
        "{:?}",
        hits.terms
    );
    let marked: Vec<String> = Highlighter::new(&hits)
        .highlight("Students strike")
        .into_iter()
        .filter(|p| p.mark)
        .map(|p| p.text)
        .collect();
    assert_eq!(marked, ["Students"]);
}

#[test]
fn a_query_fetches_only_the_files_it_needs() {
    let f = fixture(tiny());
    let total: usize = f.files.values().map(Vec::len).sum();
    let (_, cache) = f.run("zurich ");
    assert!(cache.bytes > 0);
    assert!(
        (cache.bytes as usize) * 4 < total,
        "fetched {} of {total} bytes",
        cache.bytes
    );
    assert!(f.index.terms.len() > 3 && f.index.pairs.len() > 1);
}

/// Rounds of requests a query takes from an empty cache (each round all
/// the files the search names at once), and the files fetched.
fn rounds(f: &Fixture, q: &str) -> (usize, usize) {
    rounds_from(f, IndexCache::new(), q)
}

/// [`rounds`] from the files already in `cache`.
fn rounds_from(f: &Fixture, mut cache: IndexCache, q: &str) -> (usize, usize) {
    let query = TextQuery::parse(q, &f.analysis);
    let mut fetched = 0;
    for round in 0..5 {
        match search(&f.index, &query, &cache).unwrap() {
            Step::Done(_) => return (round, fetched),
            Step::Need(files) => {
                for file in files {
                    let shard = file.shard(&f.index).unwrap();
                    cache
                        .insert(&f.index, &file, &f.files[&shard.path])
                        .unwrap();
                    fetched += 1;
                }
            }
        }
    }
    panic!("{q:?} never answered")
}

#[test]
fn a_word_s_chunk_and_postings_come_in_one_round() {
    let f = fixture(tiny());
    assert!(f.index.postings.len() > 5, "one file per word or two");
    for q in [
        "students ",
        "zurich ",
        "students kashmir ",
        "kashmir -students ",
    ] {
        let (rounds, files) = rounds(&f, q);
        assert_eq!(rounds, 1, "{q:?}");
        // A chunk and a postings file a word, no more.
        let words = q.split_whitespace().count();
        assert!(files <= 2 * words, "{q:?}: {files} files");
    }
    // A typo takes at most the three rounds (its neighbours' chunks, then
    // their postings, when the first round did not bring them).
    assert!(rounds(&f, "studnets ").0 <= 3);
    // A word the index lacks costs its chunk and the one file the root
    // names for it, nothing more.
    assert_eq!(rounds(&f, "zzzzzz "), (1, 2));
    // A word whose chunk is at hand (a word typed before) has its postings
    // asked for with the other word's chunk, not a round later.
    let key = TextQuery::parse("students ", &f.analysis).words[0].keys[0].clone();
    let chunk = f.index.chunks_for_range(&key, None).start;
    let mut cache = IndexCache::new();
    let file = NeedFile::TermChunk(chunk);
    let shard = file.shard(&f.index).unwrap();
    cache
        .insert(&f.index, &file, &f.files[&shard.path])
        .unwrap();
    assert_eq!(rounds_from(&f, cache, "students zurich ").0, 1);
    // With every file at hand, nothing is asked for.
    let (_, cache) = f.run("students ");
    let q = TextQuery::parse("students ", &f.analysis);
    assert!(matches!(
        search(&f.index, &q, &cache).unwrap(),
        Step::Done(_)
    ));
}

#[test]
fn damaged_or_missing_files_are_errors() {
    let f = fixture(tiny());
    let q = TextQuery::parse("students ", &f.analysis);
    let mut cache = IndexCache::new();
    let err = cache.run(&f.index, &q, |_| None).unwrap_err();
    assert!(err.contains("missing search/terms/"), "{err}");
    // Content that is not the file's (the caller checks the stored bytes'
    // hash; what reaches the cache may still be cut short or foreign).
    let mut cache = IndexCache::new();
    let err = cache
        .run(&f.index, &q, |r| {
            let b = &f.files[&r.path];
            Some(b[..b.len() / 2].to_vec())
        })
        .unwrap_err();
    assert!(err.contains("damaged") || err.contains("JSON"), "{err}");
    let err = cache
        .run(&f.index, &q, |_| Some(b"{\"format\":\"zim\"}".to_vec()))
        .unwrap_err();
    assert!(!err.is_empty());
    assert_eq!(cache.bytes, 0, "nothing kept of a damaged file");
}

#[test]
fn a_compressing_writer_stores_every_file_through_its_function() {
    // A stand-in for gzip: reversed bytes, so stored differs from JSON.
    fn backwards(json: &[u8]) -> Vec<u8> {
        json.iter().rev().copied().collect()
    }
    let plain = fixture(tiny());
    let mut writer = IndexWriter::new().gzipped(backwards);
    for &(language, title, summary, body) in DOCS.iter() {
        writer.add(DocTerms::analyze(&DocText {
            title,
            summary,
            body,
            language,
        }));
    }
    let built = writer.finish(tiny());
    assert_eq!(built.files.len(), plain.files.len());
    for file in &built.files {
        assert!(file.path.ends_with(".json.gz"), "{}", file.path);
    }
    let stored: HashMap<String, Vec<u8>> =
        built.files.into_iter().map(|f| (f.path, f.bytes)).collect();
    let root = &built.root;
    for chunk in &root.terms {
        let bytes = &stored[&chunk.file.path];
        chunk.file.verify(bytes).expect("hash of the stored bytes");
        assert_eq!(chunk.file.bytes, bytes.len() as u64);
        let content = backwards(bytes);
        TermChunk::from_json(&content).expect("a word chunk");
    }
    assert!(root.postings.gzip);
    assert_eq!(root.postings.len(), root.postings_from.len());
    for postings in root.postings.iter() {
        assert!(postings.path.ends_with(".json.gz"));
        postings.verify(&stored[&postings.path]).unwrap();
    }
    assert!(root.pairs.gzip);
    for pair in root.pairs.iter() {
        pair.verify(&stored[&pair.path]).unwrap();
    }
    // The same answers, from content the caller inflated, and the bytes
    // counted are the stored ones.
    let q = TextQuery::parse("students", &plain.analysis);
    let mut plain_cache = IndexCache::new();
    let from_plain = plain_cache
        .run(&plain.index, &q, |r| plain.files.get(&r.path).cloned())
        .unwrap();
    let mut cache = IndexCache::new();
    let mut fetched = 0;
    let from_stored = cache
        .run(root, &q, |r| {
            let bytes = stored.get(&r.path)?;
            fetched += bytes.len() as u64;
            Some(backwards(bytes))
        })
        .unwrap();
    assert_eq!(from_plain.docs, from_stored.docs);
    assert!(!from_stored.docs.is_empty());
    assert_eq!(cache.bytes, fetched);
}

#[test]
fn the_index_is_deterministic() {
    let a = fixture(tiny());
    let b = fixture(tiny());
    assert_eq!(a.index, b.index);
    assert_eq!(a.files, b.files);
}

#[test]
fn one_edit() {
    let cases = [
        ("kashmir", "kashmri", true),
        ("kashmir", "kashmi", true),
        ("kashmir", "kashmirs", true),
        ("kashmir", "kashnir", true),
        ("kashmir", "kashmir", false),
        ("kashmir", "ksahmri", false),
        ("strike", "stirke", true),
        ("ab", "ba", true),
        ("abc", "cab", false),
        ("طلبہ", "طلب", true),
    ];
    for (a, b, want) in cases {
        assert_eq!(within_one_edit(a, b), want, "{a} {b}");
        assert_eq!(within_one_edit(b, a), want, "{b} {a}");
    }
}
