//! The feed importer on small real-shaped feeds: entries, dates, links,
//! hostile markup, broken files.

use super::*;

fn read(file: &str, bytes: &[u8], options: &ReadOptions) -> (Vec<Draft>, Vec<Diagnostic>) {
    super::read(file, bytes, options).into_parts()
}

fn options() -> ReadOptions {
    ReadOptions::default()
}

const RSS: &str = r#"<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Reports</title><link>https://example.org/reports/</link><language>en-GB</language>
<item><title>Dock workers win in Valpara&#237;so</title><link>https://example.org/reports/dock.html</link>
<guid>dock-1</guid><pubDate>Sat, 01 May 2021 10:00:00 GMT</pubDate><dc:creator>Amina Q.</dc:creator>
<category>strikes</category><category>Chile</category>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>After six weeks <a href="/pay">the deal</a>.</p><img src="img/dock.jpg"><script>alert(1)</script><p onclick="x()">More.</p>]]></content:encoded></item>
<item><guid>no-title</guid><description>A teaser with no title at all. It goes on.</description></item>
<item><guid>dock-1</guid><title>Repeat</title><description>x</description></item>
<item><guid>empty</guid></item>
</channel></rss>"#;

#[test]
fn entries_know_their_lines() {
    let rss = "<rss><channel>\n<item><title>A</title></item>\n\n<item>\n<title>B</title></item>\n</channel></rss>";
    assert_eq!(entry_lines(rss.as_bytes(), 2), [2, 4]);
    assert_eq!(entry_lines(rss.as_bytes(), 3), Vec::<u32>::new());
    let json = "{\"version\": \"https://jsonfeed.org/version/1.1\",\n\"items\": [\n{\"id\": \"{[\"},\n{\"id\": \"2\", \"tags\": [\"x\"]}],\n\"authors\": [{\"name\": \"n\"}]}";
    assert_eq!(entry_lines(json.as_bytes(), 2), [3, 4]);
}

#[test]
fn read_more_links_leave_summaries() {
    for (summary, want) in [
        ("Workers marched… Read more »", "Workers marched…"),
        ("Workers marched. Continue reading →", "Workers marched."),
        (
            "Workers marched. The post May Day appeared first on Voice.",
            "Workers marched.",
        ),
        ("İstanbul dockers READ MORE", "İstanbul dockers"),
        ("Nothing to cut", "Nothing to cut"),
        ("more", "more"),
    ] {
        assert_eq!(without_read_more(summary), want);
    }
}

#[test]
fn rss_items_become_sanitized_articles() {
    let (drafts, diags) = read("r.rss", RSS.as_bytes(), &options());
    let diags: Vec<String> = diags.iter().map(ToString::to_string).collect();
    assert_eq!(drafts.len(), 2, "{diags:?}");
    assert!(
        diags[0].contains("entry 3 repeats the id `dock-1`"),
        "{diags:?}"
    );
    assert!(
        diags[1].contains("entry 4 has neither a title nor any text"),
        "{diags:?}"
    );
    let d = &drafts[0];
    assert_eq!(d.title, "Dock workers win in Valparaíso");
    assert_eq!(d.date.map(|d| d.to_string()).as_deref(), Some("2021-05-01"));
    assert_eq!(d.authors, ["Amina Q."]);
    assert_eq!(d.tags, ["strikes", "Chile"]);
    assert_eq!(d.language, "en-GB");
    assert_eq!(d.summary, "Short teaser.");
    assert!(!d.excerpt && !d.title_derived);
    assert!(
        d.html.contains("href=\"https://example.org/pay\""),
        "{}",
        d.html
    );
    assert!(
        d.html
            .contains("src=\"https://example.org/reports/img/dock.jpg\""),
        "{}",
        d.html
    );
    assert!(
        !d.html.contains("script") && !d.html.contains("onclick"),
        "{}",
        d.html
    );
    assert_eq!(d.text, "After six weeks the deal. More.");
    let untitled = &drafts[1];
    assert!(untitled.excerpt && untitled.title_derived);
    assert_eq!(untitled.title, "A teaser with no title at all");
    assert_eq!(untitled.date, None);

    // The same feed really in ISO-8859-1: decoded by its declaration.
    let latin1: Vec<u8> = RSS
        .replace("&#237;", "\u{ed}")
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect();
    assert!(std::str::from_utf8(&latin1).is_err());
    let (drafts, _) = read("l.rss", &latin1, &options());
    assert_eq!(drafts[0].title, "Dock workers win in Valparaíso");
}

#[test]
fn atom_and_json_feed() {
    let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://example.net/blog/">
<title>Blog</title><id>urn:blog</id><updated>2020-01-02T00:00:00Z</updated>
<author><name>Editors</name></author>
<entry><title type="html">Teachers &amp;lt;march&amp;gt;</title><id>urn:t1</id>
<link href="posts/teachers"/><updated>2020-01-02T00:00:00Z</updated>
<summary type="text">Thousands walked.

Second paragraph.</summary></entry></feed>"#;
    let (drafts, diags) = read("a.atom", atom.as_bytes(), &options());
    assert!(diags.is_empty(), "{diags:?}");
    let d = &drafts[0];
    assert_eq!(d.title, "Teachers <march>");
    assert_eq!(d.authors, ["Editors"]);
    assert!(d.excerpt);
    assert_eq!(d.html, "<p>Thousands walked.</p><p>Second paragraph.</p>");
    assert_eq!(d.date.map(|d| d.to_string()).as_deref(), Some("2020-01-02"));

    let json = r#"{"version":"https://jsonfeed.org/version/1.1","title":"J","home_page_url":"https://example.com/",
"items":[{"id":"1","url":"https://example.com/a","title":"A","content_html":"<p>Hi <a href='/b'>b</a></p>",
"date_published":"2019-05-01T00:00:00Z","tags":["may day"],"authors":[{"name":"K"}]}]}"#;
    let (drafts, diags) = read("f.json", json.as_bytes(), &options());
    assert!(diags.is_empty(), "{diags:?}");
    let d = &drafts[0];
    assert_eq!(
        (d.title.as_str(), d.tags.as_slice()),
        ("A", &["may day".to_string()][..])
    );
    assert!(d.html.contains("https://example.com/b"), "{}", d.html);
    assert_eq!(d.id.as_deref().map(str::len), Some(12));
}

#[test]
fn stylesheet_lines_are_no_second_declaration() {
    let feed = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
        <?xml-stylesheet type=\"text/xsl\" href=\"/rss.xsl\"?>\n<?xml-stylesheet href=\"a.css\"?>\n\
        <?publisher id=\"7\"?>\n<rss version=\"2.0\"><channel><title>T</title>\
        <item><title>One</title><description>a</description></item>\
        <item><title>Two</title><description>b</description></item></channel></rss>";
    let (drafts, diags) = read("styled.rss", feed.as_bytes(), &options());
    assert_eq!(diags, vec![]);
    assert_eq!(
        drafts.iter().map(|d| d.title.as_str()).collect::<Vec<_>>(),
        ["One", "Two"]
    );
    // Without a declaration at all, the stylesheet line is not one either.
    let (drafts, _) = read("bare.rss", &feed.as_bytes()[39..], &options());
    assert_eq!(drafts.len(), 2);
    // A real second declaration is still refused, on its own line.
    let (drafts, diags) = read(
        "two.rss",
        b"<?xml version=\"1.0\"?>\n<?xml-stylesheet href=\"a\"?>\n<?xml\tversion=\"1.0\"?><rss/>",
        &options(),
    );
    assert!(drafts.is_empty());
    assert_eq!(diags[0].severity, crate::Severity::Error);
    assert_eq!(diags[0].line, 3);
}

#[test]
fn hostile_bases_never_make_script_or_file_urls() {
    let body = "<![CDATA[<p><a href=\"%0Awindow.__xss=1//\">a</a> <img src=\"passwd\"> \
        <a href=\"/pay\">pay</a></p>]]>";
    let feeds = [
        format!("<rss version=\"2.0\"><channel><title>T</title><link>javascript://x/</link>\
            <item><title>One</title><link>vbscript://y/</link><description>{body}</description></item></channel></rss>"),
        format!("<rss version=\"2.0\"><channel><title>T</title><link>file:///etc/</link>\
            <item><title>One</title><description>{body}</description></item></channel></rss>"),
        format!("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"javascript://x/\"><title>T</title>\
            <entry><title>One</title><id>1</id><link href=\"javascript://x/\"/>\
            <content type=\"html\">{}</content></entry></feed>",
            body.trim_start_matches("<![CDATA[").trim_end_matches("]]>").replace('<', "&lt;")),
        format!("{{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"T\",\"home_page_url\":\"file:///etc/\",\
            \"items\":[{{\"id\":\"1\",\"title\":\"One\",\"url\":\"javascript://x/\",\"content_html\":{}}}]}}",
            serde_json::to_string(body.trim_start_matches("<![CDATA[").trim_end_matches("]]>")).unwrap()),
    ];
    for feed in &feeds {
        let (drafts, _) = read("hostile.xml", feed.as_bytes(), &options());
        assert_eq!(drafts.len(), 1, "{feed}");
        let html = &drafts[0].html;
        for scheme in ["javascript:", "vbscript:", "file:"] {
            assert!(!html.contains(scheme), "{scheme} in {html} from {feed}");
        }
        assert_eq!(crate::sanitize::forbidden_markup(html), None, "{html}");
        assert!(
            html.contains("href=\"/pay\""),
            "relative links stay relative: {html}"
        );
    }
    // An http(s) channel link is still the base when the item's is not.
    let (drafts, _) = read(
        "mixed.xml",
        format!("<rss version=\"2.0\"><channel><title>T</title><link>https://example.org/news/</link>\
            <item><title>One</title><link>javascript://x/</link><description>{body}</description></item></channel></rss>").as_bytes(),
        &options(),
    );
    assert!(
        drafts[0].html.contains("href=\"https://example.org/pay\""),
        "{}",
        drafts[0].html
    );
    assert!(
        drafts[0]
            .html
            .contains("src=\"https://example.org/news/passwd\""),
        "{}",
        drafts[0].html
    );
}

#[test]
fn broken_feeds_are_errors_not_panics() {
    for bytes in [
        &b""[..],
        b"<rss",
        b"<?xml version=\"1.0\"?><rss><channel><item><title>x",
        b"{\"version\":\"https://jsonfeed.org/version/1\"",
        b"\xff\xfe<\x00r\x00",
        b"<html><body>not a feed</body></html>",
    ] {
        let (drafts, diags) = read("b.xml", bytes, &options());
        assert!(drafts.is_empty(), "{bytes:?}: {drafts:?}");
        assert_eq!(
            diags.iter().map(|d| d.severity).collect::<Vec<_>>(),
            [crate::Severity::Error],
            "{bytes:?}: {diags:?}"
        );
        assert!(
            diags[0].message.starts_with("not a readable feed"),
            "{bytes:?}: {diags:?}"
        );
    }
    // Found by fuzzing: two declarations naming different encodings made
    // the XML reader panic.
    let (drafts, diags) = read(
        "two.xml",
        b"<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss/>",
        &options(),
    );
    assert!(drafts.is_empty());
    assert_eq!(
        diags[0].to_string(),
        "two.xml:2: error: not a readable feed: an XML declaration after the start (two files pasted together?)"
    );
    // And these, found by fuzzing: a declaration after other text, and
    // one hidden behind a UTF-16 byte-order mark.
    for bytes in [
        &b"CDATA<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss/>"[..],
        b"\xff\xfe<?xml version=\"1.0\"?>\n<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss/>",
    ] {
        let (drafts, diags) = read("odd.xml", bytes, &options());
        assert!(drafts.is_empty() && diags[0].severity == crate::Severity::Error);
    }
    // Found by fuzzing too: a long declaration naming a legacy encoding.
    let mut long = b"<?xml version=\"1.".to_vec();
    long.extend([0x1d; 200]);
    long.extend(b"0\" encoding=\"windows-1256\"?>\n<rss version=\"2.0\"><channel><item><title>\xe1</title></item></channel></rss>");
    let (drafts, diags) = read("long.xml", &long, &options());
    assert_eq!(drafts.len(), 1, "{diags:?}");
    assert_eq!(drafts[0].title, "\u{644}", "windows-1256 0xE1 is ل");
    let (_, diags) = read("b.xml", b"<html><body>x</body></html>", &options());
    assert!(
        diags[0]
            .to_string()
            .contains("b.xml:1: error: not a readable feed"),
        "{diags:?}"
    );
}

#[test]
fn pictures_saved_beside_the_feed_lead_the_body_with_their_own_address() {
    let rss = r#"<rss version="2.0"><channel><title>R</title><link>https://example.org/</link>
<item><title>Kiln</title><guid>k</guid><link>https://example.org/kiln</link>
<enclosure url="images/kiln.jpg" type="image/jpeg"/>
<description>The kiln is lit.</description></item></channel></rss>"#;
    let (drafts, diags) = read("feeds/r.xml", rss.as_bytes(), &options());
    assert!(diags.is_empty(), "{diags:?}");
    let html = &drafts[0].html;
    // Not made absolute against the entry's link: it lies beside the feed.
    assert!(
        html.starts_with("<p><img src=\"images/kiln.jpg\" alt=\"\" loading=\"lazy\"></p>"),
        "{html}"
    );
    assert!(html.ends_with("<p>The kiln is lit.</p>"), "{html}");
    assert_eq!(drafts[0].words, 4);
}
