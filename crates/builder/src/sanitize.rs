//! The one HTML sanitizer every article body passes through before it can
//! reach a bundle. Article HTML is untrusted: whatever the source, only this
//! allow-list survives.

use std::collections::HashSet;
use std::sync::LazyLock;

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(allow_list);

fn allow_list() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    // ammonia's defaults already drop script, style, iframe, object, embed,
    // form, svg, math and every event-handler attribute; we narrow URL
    // schemes (no `javascript:`, no `data:`), protect the opener and keep
    // images from loading before they are scrolled to.
    b.url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("noopener noreferrer"))
        .set_tag_attribute_value("img", "loading", "lazy")
        .rm_tags(["h1"]);
    b
}

/// Returns `html` with everything outside the allow-list removed.
pub fn sanitize_html(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

/// [`sanitize_html`], with relative links and images made absolute against
/// `base` (the page or feed the HTML came from).
pub fn sanitize_html_at(html: &str, base: Option<&str>) -> String {
    match base.and_then(|b| ammonia::Url::parse(b).ok()) {
        Some(base) => {
            let mut b = allow_list();
            b.url_relative(ammonia::UrlRelative::RewriteWithBase(base));
            b.clean(html).to_string()
        }
        None => sanitize_html(html),
    }
}

/// Sanitized HTML without its images (`[images] remote = "strip"`): the
/// bundle carries no image files, so every image is fetched from another
/// host, which a reader behind censorship may not want.
pub fn strip_images(html: &str) -> String {
    static STRIP: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
        let mut b = allow_list();
        b.rm_set_tag_attribute_value("img", "loading")
            .rm_tags(["img", "picture", "source"]);
        b
    });
    STRIP.clean(html).to_string()
}

/// The text of sanitized HTML: tags dropped (block ends become spaces),
/// the entities the sanitizer writes decoded.
pub fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match (in_tag, c) {
            (false, '<') => {
                in_tag = true;
                out.push(' ');
            }
            (true, '>') => in_tag = false,
            (false, c) => out.push(c),
            (true, _) => {}
        }
    }
    let decoded = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_markup_is_removed() {
        let cases = [
            ("<p>ok</p><script>alert(1)</script>", "<p>ok</p>"),
            (
                "<img src=x onerror=alert(1)>",
                "<img src=\"x\" loading=\"lazy\">",
            ),
            (
                "<a href=\"javascript:alert(1)\">x</a>",
                "<a rel=\"noopener noreferrer\">x</a>",
            ),
            (
                "<a href=\"data:text/html,<b>\">x</a>",
                "<a rel=\"noopener noreferrer\">x</a>",
            ),
            (
                "<a href=\"https://example.org/\">x</a>",
                "<a href=\"https://example.org/\" rel=\"noopener noreferrer\">x</a>",
            ),
            ("<svg><script>alert(1)</script></svg>", ""),
            (
                "<iframe src=\"https://example.org\"></iframe><p>a</p>",
                "<p>a</p>",
            ),
            ("<p style=\"color:red\" onclick=\"x()\">a</p>", "<p>a</p>"),
            ("<h1>Title</h1><h2>Sub</h2>", "Title<h2>Sub</h2>"),
        ];
        for (input, want) in cases {
            assert_eq!(sanitize_html(input), want, "{input}");
        }
    }

    #[test]
    fn relative_urls_resolve_against_the_source() {
        let html = sanitize_html_at(
            "<a href=\"/pay\">x</a><img src=\"i.png\"><a href=\"javascript:x()\">y</a>",
            Some("https://example.org/news/feed.xml"),
        );
        assert_eq!(
            html,
            "<a href=\"https://example.org/pay\" rel=\"noopener noreferrer\">x</a>\
             <img src=\"https://example.org/news/i.png\" loading=\"lazy\">\
             <a rel=\"noopener noreferrer\">y</a>"
        );
    }

    #[test]
    fn images_can_be_stripped() {
        let html = sanitize_html("<p>a<img src=\"https://cdn.example.org/x.jpg\" alt=\"x\">b</p>");
        assert!(html.contains("<img"));
        assert_eq!(strip_images(&html), "<p>ab</p>");
    }

    #[test]
    fn text_of_html() {
        assert_eq!(
            html_text("<p>Pay &amp; <b>conditions</b></p><p>&lt;now&gt;</p>"),
            "Pay & conditions <now>"
        );
    }
}
