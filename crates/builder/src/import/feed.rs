//! Feeds (`.rss`, `.atom`, `.xml`; `.json` when it is a JSON Feed): RSS
//! 0.9x/1.0/2.0, Atom and JSON Feed, parsed by `feed-rs` (which also decodes
//! non-UTF-8 XML by its declared encoding).
//!
//! Each entry becomes an article:
//! - title, published (else updated) date, authors, categories as tags;
//! - the full content (`content:encoded`, Atom `content`, JSON `content_html`)
//!   as the body; with only a summary, the summary is the body and the
//!   article is marked as an excerpt;
//! - links and images made absolute against the entry's link (else the
//!   feed's), then sanitized like every body;
//! - an id derived from the entry's own id, so it stays stable across builds
//!   even when a title changes.
//!
//! An entry without a title takes its first sentence (marked as derived); an
//! entry with neither title nor text is skipped with a warning, and two
//! entries with the same id are merged with a warning.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use broadsheet_core::{word_count, Date, Direction};
use chrono::{DateTime, NaiveDate};
use feed_rs::model::{Entry, Feed, Text};

use super::plaintext::derive_title;
use super::{stable_id, Draft, Read, ReadOptions};
use crate::sanitize::{html_text, http_base, sanitize_html_at, tidy_body};
use crate::text::{escape_text, line_of_offset, teaser, SUMMARY_CHARS};
use crate::Diagnostic;

/// Reads a feed file into one draft per entry.
pub fn read(file: &str, bytes: &[u8], options: &ReadOptions) -> Read {
    let path = Path::new(file);
    let mut diags = Vec::new();
    // The XML reader gets UTF-8 whose only declaration, at the start, says
    // so. A declaration anywhere else (two feeds pasted together) is an
    // error: XML allows none there, and the reader panics on some.
    let xml = utf8_xml(bytes);
    let is_json = xml.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    if later_declaration(&xml).is_some() && !is_json {
        // Its line in the file as written (1 when only decoding shows it).
        let line = later_declaration(bytes).map_or(1, |at| line_of_offset(bytes, at));
        diags.push(Diagnostic::error(
            path,
            line,
            "not a readable feed: an XML declaration after the start (two files pasted together?)",
        ));
        return Read::of(Vec::new(), diags);
    }
    // An entry without an id of its own is known by its link; with neither,
    // it has no id (the bundle derives one from its slug). feed-rs's default
    // would make up a random one, and builds must be reproducible.
    let parser = feed_rs::parser::Builder::new()
        .id_generator(|links, _, _| links.first().map(|l| l.href.clone()).unwrap_or_default())
        .build();
    let feed = match parser.parse(&xml[..]) {
        Ok(feed) => feed,
        Err(e) => {
            diags.push(Diagnostic::error(
                path,
                1,
                format!("not a readable feed: {e}"),
            ));
            return Read::of(Vec::new(), diags);
        }
    };
    let feed_base = feed.links.first().map(|l| l.href.clone());
    let days = local_days(bytes);
    let language = crate::language::or_default(feed.language.as_deref(), &options.default_language);
    let lines = entry_lines(bytes, feed.entries.len());
    let mut seen = HashSet::new();
    let mut drafts = Vec::new();
    let mut skipped = 0;
    for (n, entry) in feed.entries.iter().enumerate() {
        let label = format!("entry {}", n + 1);
        let line = lines.get(n).copied().unwrap_or(1);
        if !entry.id.is_empty() && !seen.insert(entry.id.clone()) {
            diags.push(Diagnostic::warning(
                path,
                line,
                format!(
                    "{label} repeats the id `{}`; merged into the first",
                    entry.id
                ),
            ));
            continue;
        }
        match draft(
            file,
            &days,
            &feed,
            entry,
            feed_base.as_deref(),
            &language,
            options,
        ) {
            Some(d) => drafts.push(Draft { line, ..d }),
            None => {
                skipped += 1;
                diags.push(Diagnostic::warning(
                    path,
                    line,
                    format!("{label} has neither a title nor any text; skipped"),
                ));
            }
        }
    }
    if drafts.is_empty() && diags.is_empty() {
        diags.push(Diagnostic::warning(path, 1, "the feed has no entries"));
    }
    Read {
        drafts,
        diagnostics: diags,
        skipped,
    }
}

/// The line each entry starts on: the `<item>`/`<entry>` elements of XML
/// feeds, the `"id"` keys of JSON Feed items, in order. Empty when they do
/// not match the parsed entries one for one (then diagnostics say line 1
/// and name the entry by its number).
fn entry_lines(bytes: &[u8], entries: usize) -> Vec<u32> {
    let text = String::from_utf8_lossy(bytes);
    let starts: Vec<usize> = if text.trim_start().starts_with('{') {
        let items = text.find("\"items\"").unwrap_or(text.len());
        json_item_starts(&text[items..])
            .into_iter()
            .map(|at| items + at)
            .collect()
    } else {
        text.match_indices('<')
            .map(|(at, _)| at)
            .filter(|&at| {
                let rest = &text[at + 1..];
                ["item", "entry"].iter().any(|tag| {
                    rest.strip_prefix(tag).is_some_and(|after| {
                        after.starts_with(|c: char| c == '>' || c.is_whitespace())
                    })
                })
            })
            .collect()
    };
    if starts.len() != entries {
        return Vec::new();
    }
    starts
        .into_iter()
        .map(|at| line_of_offset(text.as_bytes(), at))
        .collect()
}

/// The offsets of the objects in the first array of JSON `text` (which
/// starts at the `"items"` key), in one pass that skips strings.
fn json_item_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '[' | '{' => {
                depth += 1;
                if depth == 2 && c == '{' {
                    starts.push(i);
                }
            }
            ']' | '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
    }
    starts
}

/// XML as UTF-8 with a declaration saying so: decoded here by its byte-order
/// mark or declared encoding (encoding_rs), so that the XML reader never
/// switches encodings itself (fuzzing found declarations that made it
/// panic when it did). Bytes that are not XML are passed on as they are.
fn utf8_xml(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    use std::borrow::Cow;
    let (encoding, body) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((encoding, bom)) => (Some(encoding), &bytes[bom..]),
        None => (None, bytes),
    };
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    let declaration = (body[start..].starts_with(b"<?xml")
        && body.get(start + 5).is_some_and(u8::is_ascii_whitespace))
    .then(|| body[start..].iter().position(|&b| b == b'>'))
    .flatten()
    .map(|end| start..start + end + 1);
    let declared = declaration.as_ref().and_then(|range| {
        let text = String::from_utf8_lossy(&body[range.clone()]).to_ascii_lowercase();
        let at = text.find("encoding")? + "encoding".len();
        let value = text[at..].trim_start().strip_prefix('=')?.trim_start();
        let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let label = value[1..].split(quote).next()?;
        encoding_rs::Encoding::for_label(label.trim().as_bytes())
    });
    let Some(range) = declaration else {
        return match encoding {
            Some(encoding) => Cow::Owned(
                encoding
                    .decode_without_bom_handling(body)
                    .0
                    .into_owned()
                    .into_bytes(),
            ),
            None => Cow::Borrowed(bytes),
        };
    };
    let encoding = encoding.or(declared).unwrap_or(encoding_rs::UTF_8);
    // UTF-16 declared without a mark cannot be read as written; treat as UTF-8.
    let encoding = encoding.output_encoding();
    let rest = &body[range.end..];
    let text = encoding.decode_without_bom_handling(rest).0;
    let mut out = Vec::with_capacity(rest.len() + 40);
    out.extend_from_slice(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    out.extend_from_slice(text.as_bytes());
    Cow::Owned(out)
}

/// Where `needle` first occurs in `haystack` at or after `from`.
/// Where an XML declaration stands after the start, if one does: `<?xml`
/// followed by white space. `<?xml-stylesheet …?>`, which many publishers
/// put on the second line for browsers, is a processing instruction, not a
/// declaration.
fn later_declaration(xml: &[u8]) -> Option<usize> {
    let mut from = 1;
    while let Some(at) = find_from(xml, b"<?xml", from) {
        if xml.get(at + 5).is_some_and(u8::is_ascii_whitespace) {
            return Some(at);
        }
        from = at + 5;
    }
    None
}

fn find_from(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|at| at + from)
}

/// The days dates fall on where they were written. `feed-rs` gives instants
/// in UTC, which would move an article published at 02:00 in Lahore (+05:00)
/// to the day before; so every date-like value of the raw feed (RFC 3339 or
/// RFC 2822) is parsed again with its own offset, and an instant maps back
/// to its publisher's day.
fn local_days(bytes: &[u8]) -> HashMap<i64, NaiveDate> {
    let text = String::from_utf8_lossy(bytes);
    let mut days = HashMap::new();
    for token in text.split(['<', '>', '"']) {
        let token = token.trim();
        if !(10..=40).contains(&token.len())
            || !token.starts_with(|c: char| c.is_ascii_alphanumeric())
        {
            continue;
        }
        let parsed =
            DateTime::parse_from_rfc3339(token).or_else(|_| DateTime::parse_from_rfc2822(token));
        if let Ok(at) = parsed {
            days.entry(at.timestamp()).or_insert(at.date_naive());
        }
    }
    days
}

/// A summary without what blog software appends: “Read more”, “Continue
/// reading →”, “The post … appeared first on ….”.
pub(super) fn without_read_more(summary: &str) -> String {
    let mut text = summary.trim();
    if let Some(at) = text.rfind("The post ") {
        if text[at..].contains(" appeared first on ") {
            text = text[..at].trim_end();
        }
    }
    let trailing = |c: char| c.is_whitespace() || matches!(c, '»' | '→' | '›' | '>' | '.' | ':');
    let trimmed = text.trim_end_matches(trailing);
    for phrase in [
        "read more",
        "continue reading",
        "read the full article",
        "read full story",
    ] {
        let Some(cut) = trimmed.len().checked_sub(phrase.len()) else {
            continue;
        };
        if trimmed.is_char_boundary(cut) && trimmed[cut..].eq_ignore_ascii_case(phrase) {
            text = trimmed[..cut].trim_end();
            break;
        }
    }
    text.to_string()
}

/// HTML of a text field (escaped when it is plain text).
fn text_html(text: &Text) -> String {
    let media = &text.content_type;
    as_html(&text.content, media.ty().as_str(), media.subty().as_str())
}

/// A body of some media type as HTML: HTML and XHTML as they are, text
/// escaped into paragraphs, anything else (Atom's base64 documents) nothing.
fn as_html(body: &str, ty: &str, sub: &str) -> String {
    if sub.contains("html") {
        body.to_string()
    } else if ty == "text" {
        body.split("\n\n")
            .filter(|p| !p.trim().is_empty())
            .map(|p| format!("<p>{}</p>", escape_text(p.trim())))
            .collect()
    } else {
        String::new()
    }
}

fn draft(
    file: &str,
    days: &HashMap<i64, NaiveDate>,
    feed: &Feed,
    entry: &Entry,
    feed_base: Option<&str>,
    language: &str,
    options: &ReadOptions,
) -> Option<Draft> {
    // Only an absolute http(s) link is a base (a hostile `<link>` must not
    // turn relative links into script URLs).
    let base = entry
        .links
        .iter()
        .map(|l| l.href.as_str())
        .chain(feed_base)
        .find(|href| http_base(href).is_some());
    let content = entry
        .content
        .as_ref()
        .and_then(|c| {
            let media = &c.content_type;
            Some(as_html(
                c.body.as_deref()?,
                media.ty().as_str(),
                media.subty().as_str(),
            ))
        })
        .filter(|b| !b.trim().is_empty());
    let excerpt = content.is_none();
    let raw_html = content
        .or_else(|| entry.summary.as_ref().map(text_html))
        .unwrap_or_default();
    let html = tidy_body(&sanitize_html_at(&raw_html, base));
    let text = html_text(&html);
    let summary_text = entry
        .summary
        .as_ref()
        .map(|s| without_read_more(&html_text(&sanitize_html_at(&text_html(s), base))))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| text.clone());
    let title = entry
        .title
        .as_ref()
        .map(|t| html_text(&sanitize_html_at(&text_html(t), base)))
        .filter(|t| !t.is_empty());
    let (title, title_derived) = match title {
        Some(t) => (t, false),
        None if !text.is_empty() => (derive_title(&text), true),
        None => return None,
    };
    let date = entry
        .published
        .or(entry.updated)
        .map(|d| days.get(&d.timestamp()).copied().unwrap_or(d.date_naive()))
        .and_then(|d| Date::parse(&d.to_string()).ok());
    let authors = entry
        .authors
        .iter()
        .chain(if entry.authors.is_empty() {
            &feed.authors[..]
        } else {
            &[]
        })
        .filter_map(|p| p.name.clone().or_else(|| p.email.clone()))
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect();
    let tags = entry
        .categories
        .iter()
        .map(|c| c.label.clone().unwrap_or_else(|| c.term.clone()))
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    Some(Draft {
        file: file.to_string(),
        origin: String::new(),
        line: 1,
        title,
        date,
        authors,
        section: options.section.clone(),
        regions: Vec::new(),
        countries: Vec::new(),
        tags,
        language: language.to_string(),
        dir: Direction::for_language(language),
        summary: teaser(&summary_text, SUMMARY_CHARS),
        slug: None,
        id: (!entry.id.is_empty()).then(|| stable_id(&entry.id)),
        translation: None,
        html,
        words: word_count(&text),
        text,
        excerpt,
        title_derived,
        heading: None,
        places: Vec::new(),
        url: entry.links.first().map(|l| l.href.clone()),
    })
}

#[cfg(test)]
mod tests {
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
}
