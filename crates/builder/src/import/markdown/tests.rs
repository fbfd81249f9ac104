//! Tests of the Markdown importer: front matter in both syntaxes, mistakes named at their line.

use super::*;

fn opts() -> ReadOptions {
    ReadOptions::default()
}

fn read_str(text: &str) -> (Option<Draft>, Vec<String>) {
    let (d, diags) = read("a.md", text.as_bytes(), &opts());
    (d, diags.iter().map(ToString::to_string).collect())
}

#[test]
fn reads_yaml_front_matter() {
    let (d, diags) = read_str(
        "---\ntitle: \"Dock workers  win\"\ndate: 2021-05-01\nauthors: [A One, B Two]\nsection: News\n\
         countries: Chile\ntags: [strikes, wages, strikes]\n---\n\nFirst paragraph here.\n\nSecond.\n",
    );
    assert!(diags.is_empty(), "{diags:?}");
    let d = d.unwrap();
    assert_eq!(d.title, "Dock workers win");
    assert_eq!(d.date.unwrap().to_string(), "2021-05-01");
    assert_eq!(d.authors, ["A One", "B Two"]);
    assert_eq!(d.countries, ["Chile"]);
    assert_eq!(d.tags, ["strikes", "wages"]);
    assert_eq!(d.summary, "First paragraph here.");
    assert_eq!(d.language, "en");
    assert_eq!(d.dir, Direction::Ltr);
    assert_eq!(d.words, 4);
}

#[test]
fn reads_toml_front_matter_and_urdu_direction() {
    let (d, diags) = read_str(
        "+++\ntitle = \"لاہور میں اجلاس\"\ndate = 2019-05-01\nlanguage = \"ur\"\n+++\nمتن\n",
    );
    assert!(diags.is_empty(), "{diags:?}");
    let d = d.unwrap();
    assert_eq!(d.dir, Direction::Rtl);
    assert_eq!(d.date.unwrap().to_string(), "2019-05-01");
}

#[test]
fn problems_name_the_line() {
    let cases: &[(&str, &str)] = &[
        ("no front matter", "a.md:1: error: no front matter"),
        (
            "---\ntitle: x\nbody",
            "a.md:1: error: front matter is never closed",
        ),
        (
            "---\ntitle: x\ndate: 2021-02-30\n---\nb",
            "a.md:3: error: bad date: day 30 does not exist",
        ),
        (
            "---\ntitle: x\ntittle: y\n---\nb",
            "a.md:3: error: front matter: unknown field `tittle`",
        ),
        (
            "---\ndate: 2020-01-01\n---\nb",
            "a.md:1: error: the article has no title",
        ),
        (
            "---\ntitle: x\nlanguage: english!\n---\nb",
            "a.md:3: error: `english!` is not a BCP 47",
        ),
        ("---\ntitle: [unclosed\n---\nb", "a.md:"),
        (
            "---\ntitle: x\nslug: Not A Slug\n---\nb",
            "a.md:3: error: slug `Not A Slug` must be",
        ),
        (
            "+++\ntitle = \"x\"\ndate = \"yesterday\"\n+++\nb",
            "a.md:3: error: bad date",
        ),
        (
            "---\ntitle: x\n---\n",
            "a.md:4: warning: the article body is empty",
        ),
    ];
    for (input, want) in cases {
        let (_, diags) = read_str(input);
        assert!(
            diags.iter().any(|d| d.starts_with(want)),
            "input {input:?}: want {want:?}, got {diags:?}"
        );
    }
}

#[test]
fn invalid_utf8_is_reported_with_its_line() {
    let (d, diags) = read("a.md", b"---\ntitle: x\n---\nok\n\xff\xfe", &opts());
    assert!(d.is_none());
    assert_eq!(
        diags[0].to_string(),
        "a.md:5: error: file is not valid UTF-8"
    );
}

#[test]
fn drafts_are_skipped_quietly() {
    let (d, diags) = read_str("---\ntitle: x\ndraft: true\n---\nbody");
    assert!(d.is_none() && diags.is_empty());
}
