//! The one HTML sanitizer every article body passes through before it can
//! reach a bundle. Article HTML is untrusted: whatever the source, only this
//! allow-list survives.

use std::collections::HashSet;
use std::sync::LazyLock;

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
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
});

/// Returns `html` with everything outside the allow-list removed.
pub fn sanitize_html(html: &str) -> String {
    CLEANER.clean(html).to_string()
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
}
