//! Tests of the plain-text importer: headings, entries, teasers cut short.

use super::*;

fn read(file: &str, bytes: &[u8], options: &ReadOptions) -> (Vec<Draft>, Vec<Diagnostic>) {
    super::read(file, bytes, options).into_parts()
}

fn options() -> ReadOptions {
    ReadOptions::default()
}

/// (line, title, text, title derived) of each entry.
type Read = (u32, String, String, bool);

fn titles(text: &str) -> (Vec<Read>, Vec<String>) {
    let (drafts, diags) = read("l.txt", text.as_bytes(), &options());
    (
        drafts
            .into_iter()
            .map(|d| (d.line, d.title, d.text, d.title_derived))
            .collect(),
        diags.iter().map(ToString::to_string).collect(),
    )
}

#[test]
fn titled_and_untitled_entries() {
    let (got, diags) = titles(
        "Chile: dock workers win pay dispute\n\nAfter a six-week strike, dock workers in Valparaíso have won a new agreement that […]\n\n\nMore than 200 students attended the autumn school in Lahore. Discussions ranged from […]\n",
    );
    assert_eq!(
        got,
        [
            (
                1,
                "Chile: dock workers win pay dispute".into(),
                "After a six-week strike, dock workers in Valparaíso have won a new agreement that".into(),
                false
            ),
            (
                6,
                "More than 200 students attended the autumn school in Lahore".into(),
                "More than 200 students attended the autumn school in Lahore. Discussions ranged from".into(),
                true
            ),
        ]
    );
    assert!(diags.is_empty(), "{diags:?}");
}

#[test]
fn a_heading_and_its_description_are_not_articles() {
    let text = "Kashmir\n\nReports from both sides of the Line of Control.\n\nStrike in Srinagar\n\nShops stayed shut for a third day as [...]\n\nThe last teaser of a copy may stop mid\n";
    let (drafts, diags) = read("k.txt", text.as_bytes(), &options());
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(drafts.len(), 2);
    assert!(drafts
        .iter()
        .all(|d| d.heading.as_deref() == Some("Kashmir")));
    assert_eq!(drafts[0].title, "Strike in Srinagar");
    assert_eq!(drafts[0].text, "Shops stayed shut for a third day as");
    assert_eq!(drafts[1].title, "The last teaser of a copy may stop mid");
    assert!(drafts[1].title_derived);
    assert!(drafts.iter().all(|d| d.excerpt && d.date.is_none()));
    // A heading followed straight by a title.
    let (drafts, _) = read(
        "h.txt",
        "Hong Kong\n\nTeachers march\n\nThousands walked […]\n".as_bytes(),
        &options(),
    );
    assert_eq!(drafts.len(), 1);
    assert_eq!(drafts[0].heading.as_deref(), Some("Hong Kong"));
}

#[test]
fn duplicates_merge_and_lone_titles_stay_with_warnings() {
    let (got, diags) = titles(
        "Pay talks resume\n\nUnions met the board […]\n\nPay talks resume\n\nUnions met the board […]\n\nA title with nothing after it\n\nNurses strike\n\nWards closed […]\n",
    );
    let got: Vec<&str> = got.iter().map(|g| g.1.as_str()).collect();
    assert_eq!(
        got,
        [
            "Pay talks resume",
            "A title with nothing after it",
            "Nurses strike"
        ]
    );
    assert_eq!(diags.len(), 2, "{diags:?}");
    assert!(
        diags
            .iter()
            .any(|d| d.contains("l.txt:5: warning: the same entry as line 1")),
        "{diags:?}"
    );
    assert!(
        diags
            .iter()
            .any(|d| d.contains("l.txt:9: warning: “A title with nothing after it” has no teaser")),
        "{diags:?}"
    );
}

#[test]
fn text_is_escaped_never_html() {
    let (drafts, _) = read(
        "x.txt",
        "<script>alert(1)</script> & friends\n\n<img src=x onerror=alert(1)> teaser […]\n"
            .as_bytes(),
        &options(),
    );
    assert_eq!(drafts.len(), 1);
    let d = &drafts[0];
    assert_eq!(d.title, "<script>alert(1)</script> & friends");
    assert!(
        !d.html.contains("<img") && !d.html.contains("<script"),
        "{}",
        d.html
    );
    assert!(d.html.contains("&lt;img"), "{}", d.html);
}

#[test]
fn hostile_inputs_give_errors_not_panics() {
    for bytes in [
        &b""[..],
        b"\n\n\n",
        b"\xff\xfe bad utf-8",
        "…".as_bytes(),
        "[…]\n\n[…]".as_bytes(),
        "\u{feff}Title\r\n\r\nTeaser […]\r\n".as_bytes(),
        "۔۔۔ ? ! .".as_bytes(),
    ] {
        // Whatever comes out is reported: a draft, or a diagnostic
        // naming the file, never nothing at all.
        let (drafts, diags) = read("h.txt", bytes, &options());
        assert!(
            !drafts.is_empty() || diags.iter().any(|d| d.file == "h.txt"),
            "{bytes:?}: {drafts:?} {diags:?}"
        );
    }
    let (drafts, diags) = read("h.txt", b"\xff", &options());
    assert!(drafts.is_empty());
    assert!(diags[0].to_string().contains("not valid UTF-8"));
    let (drafts, _) = read(
        "h.txt",
        "\u{feff}Title\r\n\r\nTeaser […]\r\n".as_bytes(),
        &options(),
    );
    assert_eq!(drafts[0].title, "Title");
    assert_eq!(drafts[0].text, "Teaser");
}
