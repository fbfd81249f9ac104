//! The interface catalogs (`public/locales/*.json`) against each other and
//! against the code: every language has a file and every file a language;
//! every catalog has English's keys, no more, no fewer; a count gives
//! exactly its language's plural forms; placeholders are English's; every
//! key is used by the code, and every key the code names exists.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use broadsheet_core::i18n::{english, placeholders, Catalog, Message, LANGUAGES};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn catalogs() -> BTreeMap<String, Catalog> {
    let dir = root().join("public/locales");
    let mut found = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).expect("public/locales") {
        let path = entry.unwrap().path();
        let Some(code) = path
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .strip_suffix(".json")
        else {
            continue;
        };
        let text = std::fs::read_to_string(&path).unwrap();
        let catalog = Catalog::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        found.insert(code.to_string(), catalog);
    }
    found
}

#[test]
fn every_language_has_its_catalog_and_every_catalog_a_language() {
    let files: BTreeSet<String> = catalogs().into_keys().collect();
    let languages: BTreeSet<String> = LANGUAGES.iter().map(|l| l.code.to_string()).collect();
    assert_eq!(files, languages);
}

#[test]
fn every_catalog_has_englishs_keys_and_its_languages_plural_forms() {
    let english = english();
    let mut problems = Vec::new();
    for (code, catalog) in catalogs() {
        let language = LANGUAGES.iter().find(|l| l.code == code).unwrap();
        let keys: BTreeSet<&str> = catalog.keys().into_iter().collect();
        let wanted: BTreeSet<&str> = english.keys().into_iter().collect();
        for key in wanted.difference(&keys) {
            problems.push(format!("{code}.json lacks {key}"));
        }
        for key in keys.difference(&wanted) {
            problems.push(format!("{code}.json has {key}, which English has not"));
        }
        for key in keys.intersection(&wanted) {
            let (theirs, ours) = (catalog.get(key).unwrap(), english.get(key).unwrap());
            let args: BTreeSet<&str> = forms(ours).iter().flat_map(|t| placeholders(t)).collect();
            match (theirs, ours) {
                (Message::Plural(forms), Message::Plural(_)) => {
                    let got: BTreeSet<&str> = forms.iter().map(|(c, _)| c.as_str()).collect();
                    let need: BTreeSet<&str> = language.plurals.iter().copied().collect();
                    if got != need {
                        problems.push(format!(
                            "{code}.json {key}: forms {got:?}, its language needs {need:?}"
                        ));
                    }
                }
                (Message::Text(_), Message::Text(_)) => {}
                _ => problems.push(format!(
                    "{code}.json {key}: a count in one catalog, a text in the other"
                )),
            }
            for text in forms(theirs) {
                let used: BTreeSet<&str> = placeholders(text).into_iter().collect();
                // A form may leave out the number ("one article" written
                // out), never another placeholder, and may add none.
                let must: BTreeSet<&str> = args.iter().copied().filter(|a| *a != "n").collect();
                if !used.is_subset(&args) || !must.is_subset(&used) {
                    problems.push(format!("{code}.json {key}: placeholders {used:?} in {text:?}, English has {args:?}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn forms(message: &Message) -> Vec<&str> {
    match message {
        Message::Text(text) => vec![text.as_str()],
        Message::Plural(forms) => forms.iter().map(|(_, t)| t.as_str()).collect(),
    }
}

/// Every string literal in the Rust sources of the reader, the core and
/// the builder.
fn literals() -> BTreeSet<String> {
    let mut files = Vec::new();
    for dir in ["src", "crates/core/src", "crates/builder/src"] {
        collect(&root().join(dir), &mut files);
    }
    let mut found = BTreeSet::new();
    for file in files {
        // Quotes that open no string: escaped, or a character literal.
        let text = std::fs::read_to_string(&file)
            .unwrap()
            .replace("\\\\", "")
            .replace("\\\"", "")
            .replace("'\"'", "");
        let mut rest = text.as_str();
        while let Some(open) = rest.find('"') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('"') else { break };
            found.insert(after[..close].to_string());
            rest = &after[close + 1..];
        }
    }
    found
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// Literals shaped like keys that are something else.
const NOT_KEYS: &[&str] = &[
    // A CSS selector (src/keyboard.rs).
    "article.article",
];

#[test]
fn every_key_is_used_and_every_key_the_code_names_exists() {
    let english = english();
    let keys: BTreeSet<&str> = english.keys().into_iter().collect();
    let literals = literals();
    let unused: Vec<&&str> = keys.iter().filter(|k| !literals.contains(**k)).collect();
    assert!(unused.is_empty(), "keys no code uses: {unused:?}");
    // A literal that starts like a key (`list.`, `facet.`) must be one.
    let areas: BTreeSet<&str> = keys
        .iter()
        .filter_map(|k| k.split_once('.'))
        .map(|(a, _)| a)
        .collect();
    let missing: Vec<&String> = literals
        .iter()
        .filter(|l| {
            l.split_once('.').is_some_and(|(area, rest)| {
                areas.contains(area)
                    && !rest.is_empty()
                    && rest.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
            })
        })
        .filter(|l| !keys.contains(l.as_str()) && !NOT_KEYS.contains(&l.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "keys the code names that en.json lacks: {missing:?}"
    );
}
