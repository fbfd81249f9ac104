//! The HTML importer on real-shaped pages: drafts and diagnostics out.

use super::*;
use crate::import::Draft;
use broadsheet_core::{Date, Direction};

fn read_page(html: &[u8]) -> (Option<Draft>, Vec<String>) {
    let read = read("page.html", html, &ReadOptions::default());
    (
        read.drafts.into_iter().next(),
        read.diagnostics.iter().map(|d| d.to_string()).collect(),
    )
}

const NEWS_PAGE: &str = r#"<!DOCTYPE html>
<html lang="en-gb">
<head>
<meta charset="utf-8">
<title>Dock workers win pay dispute | The Harbour Times</title>
<meta property="og:site_name" content="The Harbour Times">
<meta property="og:title" content="Dock workers win (OpenGraph)">
<meta property="article:published_time" content="2021-04-30T09:00:00Z">
<meta name="description" content="After six weeks, a new agreement.">
<link rel="canonical" href="https://harbour.example/news/2021/dock-workers/">
<script type="application/ld+json">
{"@context":"https://schema.org","@graph":[
  {"@type":"WebSite","name":"The Harbour Times"},
  {"@type":["NewsArticle"],"headline":"Dock workers win pay dispute",
   "datePublished":"2021-05-01T10:00:00+05:00",
   "author":[{"@type":"Person","name":"Amina Qureshi"},{"@type":"Person","name":"Tomás Rojas"}],
   "articleSection":"Labour","keywords":"ports, strikes, Valparaíso","inLanguage":"es-CL"}
]}
</script>
<script>track()</script>
</head>
<body>
<nav><a href="/">Home</a> <a href="/news/">News</a></nav>
<header><h1>The Harbour Times</h1></header>
<main>
<article>
<header><h1>Dock workers win pay dispute</h1><p class="byline">By Amina Qureshi</p></header>
<h1>Dock workers win pay dispute</h1>
<p>After a six-week strike, dock workers in <b>Valparaíso</b> have won a new agreement.</p>
<div class="social-share">Share on X</div><ul id="related-links"><li>Related</li></ul>
<p onclick="steal()">Read <a href="../2020/earlier.html">the earlier report</a>.<img src="/img/dock.jpg" alt="Dock"></p>
<script>alert(1)</script>
<form action="/subscribe"><input name="email"></form>
<aside>Related: something else</aside>
<div hidden>Hidden text</div>
<iframe src="https://ads.example/"></iframe>
</article>
<article><h2>Related</h2><p>Short.</p></article>
</main>
<footer>© The Harbour Times</footer>
</body>
</html>"#;

#[test]
fn json_ld_wins_and_the_body_is_the_article() {
    let (draft, diags) = read_page(NEWS_PAGE.as_bytes());
    assert!(diags.is_empty(), "{diags:?}");
    let d = draft.unwrap();
    assert_eq!(d.title, "Dock workers win pay dispute");
    assert!(!d.title_derived);
    assert_eq!(d.date, Date::parse("2021-05-01").ok());
    assert_eq!(d.authors, ["Amina Qureshi", "Tomás Rojas"]);
    assert_eq!(d.section.as_deref(), Some("Labour"));
    assert_eq!(d.tags, ["ports", "strikes", "Valparaíso"]);
    assert_eq!(d.language, "es-CL");
    assert_eq!(d.summary, "After six weeks, a new agreement.");
    assert_eq!(
        d.url.as_deref(),
        Some("https://harbour.example/news/2021/dock-workers/")
    );
    // (Line breaks between blocks are as the page had them.)
    assert_eq!(
        d.html.replace('\n', ""),
        "<p>After a six-week strike, dock workers in <b>Valparaíso</b> have won a new agreement.</p>\
         <p>Read <a href=\"https://harbour.example/news/2021/2020/earlier.html\" rel=\"noopener noreferrer\">the earlier report</a>.\
         <img alt=\"Dock\" src=\"https://harbour.example/img/dock.jpg\" loading=\"lazy\"></p>"
    );
    assert!(!d.excerpt);
    for gone in [
        "track", "alert", "steal", "Related", "Hidden", "Home", "©", "byline",
    ] {
        assert!(!d.html.contains(gone) && !d.text.contains(gone), "{gone}");
    }
}

#[test]
fn metadata_falls_back_to_opengraph_then_the_document() {
    let page = r#"<html><head><title>Teachers meet – Site</title>
<meta property="og:title" content="Teachers meet in Lahore">
<meta name="author" content="Staff reporter">
<meta property="article:tag" content="education"><meta property="article:tag" content="Lahore">
<meta property="og:url" content="https://example.org/a/teachers">
</head><body><div class="post"><time datetime="2019-03-08">8 March</time>
<p>More than two hundred teachers met on Sunday.</p><p>They agreed a plan.</p></div>
<div class="sidebar"><p>x</p></div></body></html>"#;
    let (d, diags) = read_page(page.as_bytes());
    assert!(diags.is_empty(), "{diags:?}");
    let d = d.unwrap();
    assert_eq!(d.title, "Teachers meet in Lahore");
    assert_eq!(d.date, Date::parse("2019-03-08").ok());
    assert_eq!(d.authors, ["Staff reporter"]);
    assert_eq!(d.tags, ["education", "Lahore"]);
    assert_eq!(d.language, "en");
    assert_eq!(
        d.text,
        "8 March More than two hundred teachers met on Sunday. They agreed a plan."
    );

    // No metadata at all: the title without the site's name; no title:
    // the first sentence, marked as derived.
    let (d, _) = read_page(b"<title>Floods in Sindh | Our News</title><p>Water rose.</p>");
    assert_eq!(d.unwrap().title, "Floods in Sindh");
    let (d, _) = read_page(b"<body><p>Water rose fast. Families moved.</p></body>");
    let d = d.unwrap();
    assert_eq!(
        (d.title.as_str(), d.title_derived),
        ("Water rose fast", true)
    );
}

#[test]
fn legacy_encodings_and_direction() {
    let page = b"<html lang=\"ur\" dir=\"rtl\"><head><meta charset=\"windows-1252\">\
        <title>Caf\xe9 workers</title></head><body><article><p>Na\xefve \x93quotes\x94.</p></article></body></html>"
        ;
    let (d, _) = read_page(page);
    let d = d.unwrap();
    assert_eq!(d.title, "Café workers");
    assert_eq!(d.text, "Naïve \u{201c}quotes\u{201d}.");
    assert_eq!((d.language.as_str(), d.dir), ("ur", Direction::Rtl));
    // No declaration and not UTF-8: Windows-1252, as browsers do.
    let (d, _) = read_page(b"<title>Caf\xe9</title><p>x</p>");
    assert_eq!(d.unwrap().title, "Café");
}

#[test]
fn description_only_is_an_excerpt_and_empty_pages_are_errors() {
    let (d, diags) = read_page(
        br#"<head><title>Convention report</title><meta name="description" content="Delegates met in Manchester."></head><body><nav>menu</nav></body>"#,
    );
    assert!(diags.is_empty(), "{diags:?}");
    let d = d.unwrap();
    assert!(d.excerpt);
    assert_eq!(d.html, "<p>Delegates met in Manchester.</p>");

    let (d, diags) = read_page(b"<html><body><nav>menu</nav></body></html>");
    assert!(d.is_none());
    assert_eq!(
        diags,
        ["page.html:1: error: no article found: the page has no title and no text"]
    );
}

#[test]
fn broken_metadata_is_reported_and_passed_over() {
    let page = "<html><head>\n<title>T</title>\n<script type=\"application/ld+json\">\n{\"@type\": \"NewsArticle\",\n \"headline\": }\n</script>\n\
        <meta property=\"article:published_time\" content=\"last Tuesday\">\n</head><body><p>Text.</p></body></html>";
    let (d, diags) = read_page(page.as_bytes());
    assert_eq!(d.unwrap().title, "T");
    assert_eq!(diags.len(), 2, "{diags:?}");
    assert!(
        diags[0].starts_with("page.html:5: warning: unreadable JSON-LD"),
        "{diags:?}"
    );
    assert!(diags[1].contains("unreadable date `last Tuesday` in article:published_time"));
}

#[test]
fn a_saved_listing_page_gives_one_excerpt_per_teaser() {
    let page = r#"<html lang="en"><head><link rel="canonical" href="https://example.org/region/kashmir/"></head>
<body><nav><a href="/">Home</a></nav><h1>Kashmir</h1>
<article><h2><a href="../../2024/10/muzaffarabad-bills/">Strike over electricity bills</a></h2>
<time datetime="2024-10-12">12 October</time><p>Traders shut their shops in Muzaffarabad […]</p></article>
<article><h2><a href="/2023/03/reporter/">A reporter's year</a></h2><p>An interview. Read more »</p></article>
<article><h3><a href="https://other.example/x">Elsewhere</a></h3><p>Teaser.</p><script>x()</script></article>
</body></html>"#;
    let read = read("kashmir.html", page.as_bytes(), &ReadOptions::default());
    assert!(read.diagnostics.is_empty(), "{:?}", read.diagnostics);
    type Teaser<'a> = (&'a str, Option<&'a str>, &'a str, bool, Option<String>);
    let got: Vec<Teaser> = read
        .drafts
        .iter()
        .map(|d| {
            (
                d.title.as_str(),
                d.url.as_deref(),
                d.text.as_str(),
                d.excerpt,
                d.date.map(|d| d.to_string()),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "Strike over electricity bills",
                Some("https://example.org/2024/10/muzaffarabad-bills/"),
                "Traders shut their shops in Muzaffarabad",
                true,
                Some("2024-10-12".to_string())
            ),
            (
                "A reporter's year",
                Some("https://example.org/2023/03/reporter/"),
                "An interview.",
                true,
                None
            ),
            (
                "Elsewhere",
                Some("https://other.example/x"),
                "Teaser.",
                true,
                None
            ),
        ]
    );
    assert!(read
        .drafts
        .iter()
        .all(|d| d.heading.as_deref() == Some("Kashmir")));

    // Two teasers, or a long one, or a JSON-LD article: a page, not a listing.
    let two = page.replace("<article><h3>", "<div><h3>");
    assert_eq!(
        read_page(two.as_bytes()).0.map(|d| d.title.is_empty()),
        Some(false)
    );
    assert_eq!(
        super::read("k.html", two.as_bytes(), &ReadOptions::default())
            .drafts
            .len(),
        1
    );
}

#[test]
fn hostile_bytes_never_panic() {
    for bytes in [
        &b""[..],
        b"\xff\xfe\x00<",
        b"<<<>>>",
        b"<script type=\"application/ld+json\">[[[[</script>",
        b"<p a\"b=1 c<d>x</p>",
        b"<html><body><article></article><main></main></body></html>",
        b"<svg><script>alert(1)</script></svg><p>ok</p>",
    ] {
        let read = read("x.html", bytes, &ReadOptions::default());
        for d in read.drafts {
            assert!(
                !d.html.contains("<script") && !d.html.contains("<svg"),
                "{}",
                d.html
            );
        }
    }
}
