//! Enclosed pictures read from feeds as publishers write them.

use super::*;

const RSS: &str = r#"<?xml version="1.0"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>Reports</title><link>https://example.org/</link>
<item><title>Kiln</title>
  <enclosure url="images/kiln.jpg" length="1200" type="image/jpeg"/>
  <enclosure url="audio/speech.mp3" type="audio/mpeg"/>
  <enclosure url="https://example.org/remote.jpg" type="image/jpeg"/>
</item>
<item><title>No pictures</title><description>Text.</description></item>
<item><title>Media RSS</title>
  <media:group>
    <media:content url="photos/march%20day.png?v=2" medium="image"/>
    <media:content url="photos/march.webm" medium="video"/>
    <media:description>Marchers &amp; banners on the bridge</media:description>
  </media:group>
  <media:content url="photos/chart.webp"><media:title>Wages, 2020&#8211;2024</media:title></media:content>
  <media:content url="photos/untyped.gif"/>
  <media:content url="//cdn.example.org/x.jpg" medium="image"/>
</item>
</channel></rss>"#;

fn srcs(pictures: &[LocalPicture]) -> Vec<(&str, &str)> {
    pictures
        .iter()
        .map(|p| (p.src.as_str(), p.description.as_str()))
        .collect()
}

#[test]
fn relative_picture_enclosures_are_found_entry_by_entry() {
    let found = local_pictures(RSS.as_bytes(), 3);
    assert_eq!(found.len(), 3);
    // Sound and another host's picture are not this stage's.
    assert_eq!(srcs(&found[0]), [("images/kiln.jpg", "")]);
    assert!(found[1].is_empty());
    assert_eq!(
        srcs(&found[2]),
        [
            (
                "photos/march%20day.png?v=2",
                "Marchers & banners on the bridge"
            ),
            ("photos/chart.webp", "Wages, 2020–2024"),
            ("photos/untyped.gif", ""),
        ]
    );
}

#[test]
fn atom_entries_count_too_and_a_miscount_finds_nothing() {
    let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
<title>T</title>
<entry><title>A</title><media:content url="a.jpg" type="image/jpeg"/></entry>
<entry><title>B</title><content type="html">&lt;p&gt;b&lt;/p&gt;</content></entry>
</feed>"#;
    let found = local_pictures(atom.as_bytes(), 2);
    assert_eq!(srcs(&found[0]), [("a.jpg", "")]);
    // Atom's own <content> is no picture.
    assert!(found[1].is_empty());
    // The parser saw another number of entries: better none than wrong.
    assert!(local_pictures(atom.as_bytes(), 3).is_empty());
    assert!(local_pictures(b"<rss><channel><item>", 1)
        .iter()
        .all(Vec::is_empty));
}

#[test]
fn the_lead_shows_what_the_body_does_not_and_escapes_it() {
    let pictures = [
        LocalPicture {
            src: "images/kiln.jpg".into(),
            description: "The \"new\" kiln <3".into(),
        },
        LocalPicture {
            src: "images/shown.jpg".into(),
            description: String::new(),
        },
    ];
    let lead = lead_html(&pictures, "<p>Text <img src=\"images/shown.jpg\"></p>");
    assert_eq!(
        lead,
        "<p><img src=\"images/kiln.jpg\" alt=\"The &quot;new&quot; kiln &lt;3\"></p>"
    );
    assert_eq!(lead_html(&[], "<p>x</p>"), "");
}
