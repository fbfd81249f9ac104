//! The one HTML sanitizer every article body passes through before it can
//! reach a bundle. Article HTML is untrusted: whatever the source, only this
//! allow-list survives.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt::Write as _;
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

/// An address usable as a base for relative links: absolute `http(s)`
/// with a host, nothing else. A feed's `<link>`, an `xml:base` or a page's
/// canonical URL is untrusted: `javascript://x/` or `file:///etc/` joined
/// with a relative link gives a script or local-file URL that no scheme
/// check saw.
pub fn http_base(url: &str) -> Option<ammonia::Url> {
    let parsed = ammonia::Url::parse(url.trim()).ok()?;
    (matches!(parsed.scheme(), "http" | "https") && parsed.host_str().is_some()).then_some(parsed)
}

/// [`sanitize_html`], with relative links and images made absolute against
/// `base` (the page or feed the HTML came from) when it is an absolute
/// http(s) address ([`http_base`]); otherwise they stay relative.
pub fn sanitize_html_at(html: &str, base: Option<&str>) -> String {
    match base.and_then(http_base) {
        Some(base) => {
            let mut b = allow_list();
            b.url_relative(ammonia::UrlRelative::RewriteWithBase(base));
            // ammonia checks schemes before it resolves: the resolved
            // output goes through the allow-list once more, so every
            // address in it is checked after resolution too.
            CLEANER.clean(&b.clean(html).to_string()).to_string()
        }
        None => sanitize_html(html),
    }
}

/// [`sanitize_html_at`] for a page saved by a browser: addresses into the
/// folder it saved beside the page (`Report_files/x.jpg`, `./Report_files/…`)
/// stay relative, for the pictures stage to find on disk; every other
/// relative address is made absolute against `base`.
pub fn sanitize_saved_page_at(html: &str, base: Option<&str>) -> String {
    match base.and_then(http_base) {
        Some(base) => {
            let mut b = allow_list();
            b.url_relative(ammonia::UrlRelative::Custom(Box::new(SavedPage(base))));
            CLEANER.clean(&b.clean(html).to_string()).to_string()
        }
        None => sanitize_html(html),
    }
}

/// How a saved page's relative addresses are resolved.
struct SavedPage(ammonia::Url);

impl<'a> ammonia::UrlRelativeEvaluate<'a> for SavedPage {
    fn evaluate<'url>(&self, url: &'url str) -> Option<Cow<'url, str>> {
        if names_saved_file(url) {
            Some(Cow::Borrowed(url))
        } else {
            self.0.join(url).ok().map(|u| Cow::Owned(u.to_string()))
        }
    }
}

/// Whether a relative address names a file in a folder a browser saved
/// beside a page ("Web page, complete" writes `<name>_files/`).
fn names_saved_file(url: &str) -> bool {
    let url = url.strip_prefix("./").unwrap_or(url);
    url.split_once('/')
        .is_some_and(|(folder, file)| folder.ends_with("_files") && !file.is_empty())
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

/// Sanitized HTML whose images on other hosts are links instead
/// (`[images] remote = "link"`, the default): `<img src=… alt=…>` becomes
/// `<a class="remote-image" href=…>Image: alt</a>` with the host named, so
/// nothing loads from another host unless the reader asks. Images with a
/// relative address (the site's own) stay.
pub fn link_images(html: &str) -> String {
    each_img(html, |tag, attrs, out, _| {
        let value = |name: &str| attribute(attrs, name);
        let src = value("src").unwrap_or_default();
        // The sanitizer wrote `&amp;` for `&`; that is all an address holds.
        let host = ammonia::Url::parse(&src.replace("&amp;", "&"))
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https"))
            .and_then(|u| u.host_str().map(str::to_string));
        let Some(host) = host else {
            if !src.is_empty() {
                out.push_str(tag);
            }
            return;
        };
        // Values come escaped from the sanitizer: safe in text and
        // attributes alike.
        let alt = value("alt").map(str::trim).filter(|a| !a.is_empty());
        let label = alt.map_or_else(|| "Image".to_string(), |a| format!("Image: {a}"));
        let _ = write!(
            out,
            "<a class=\"remote-image\" href=\"{src}\" rel=\"noopener noreferrer\">{label} ({})</a>",
            escape_host(&host)
        );
    })
}

/// Sanitized `html` with every `<img …>` tag handed to `f` — the tag, its
/// attributes, the output so far (to write in its place) and the HTML after
/// it (which `f` may consume) — and everything else copied.
pub(crate) fn each_img<'h>(
    html: &'h str,
    mut f: impl FnMut(&'h str, &[(&'h str, &'h str)], &mut String, &mut &'h str),
) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = broadsheet_core::pictures::find_img(rest) {
        out.push_str(&rest[..at]);
        let tag = &rest[at..at + tag_end(&rest[at..])];
        rest = &rest[at + tag.len()..];
        f(tag, &attributes(tag), &mut out, &mut rest);
    }
    out.push_str(rest);
    out
}

/// The value of attribute `name` among `attrs`, as written.
pub(crate) fn attribute<'h>(attrs: &[(&str, &'h str)], name: &str) -> Option<&'h str> {
    attrs.iter().find(|(a, _)| *a == name).map(|(_, v)| *v)
}

/// A host name as text (IDNA hosts are ASCII already; this only guards).
fn escape_host(host: &str) -> String {
    host.chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
        .collect()
}

/// Attributes whose value is an address (or a list of them) in some element.
const URL_ATTRIBUTES: [&str; 16] = [
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "background",
    "cite",
    "data",
    "longdesc",
    "lowsrc",
    "dynsrc",
    "ping",
    "manifest",
    "codebase",
];

/// What in `html` the sanitizer should have removed, if anything: a
/// forbidden element, an event-handler attribute, a script or data URL.
/// (For tests and fuzzing: it checks the sanitizer's output, whose text
/// never holds a raw `<`.)
pub fn forbidden_markup(html: &str) -> Option<String> {
    const ELEMENTS: [&str; 12] = [
        "script", "style", "iframe", "object", "embed", "form", "svg", "math", "link", "meta",
        "base", "frame",
    ];
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        let tag = &rest[at..at + tag_end(&rest[at..])];
        rest = &rest[at + tag.len()..];
        let name = tag_name(&tag[1..]).to_ascii_lowercase();
        if ELEMENTS.contains(&name.as_str()) {
            return Some(format!("element <{name}>"));
        }
        for (attr, value) in attributes(tag) {
            let attr = attr.to_ascii_lowercase();
            if attr.starts_with("on") {
                return Some(format!("event handler {attr} in {tag}"));
            }
            // Only an address can run a script; `width="javascript:1"` is
            // just odd text (the fuzzer found the checker flagging it).
            if !URL_ATTRIBUTES.contains(&attr.as_str()) {
                continue;
            }
            // A srcset is a list of addresses.
            for url in value.split(',') {
                let url = url.trim().to_ascii_lowercase();
                for scheme in ["javascript:", "data:", "vbscript:"] {
                    if url.starts_with(scheme) {
                        return Some(format!("{scheme} URL in {tag}"));
                    }
                }
            }
        }
    }
    None
}

/// The attributes of one tag (`<a href="x" title='y' hidden>`), names
/// and unquoted values, quotes respected.
fn attributes(tag: &str) -> Vec<(&str, &str)> {
    let inner = tag
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/');
    let mut rest = inner.trim_start_matches(|c: char| !c.is_whitespace());
    let mut out = Vec::new();
    loop {
        rest = rest.trim_start();
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '=')
            .unwrap_or(rest.len());
        if end == 0 {
            break;
        }
        let name = &rest[..end];
        rest = rest[end..].trim_start();
        let Some(after) = rest.strip_prefix('=') else {
            out.push((name, ""));
            continue;
        };
        let after = after.trim_start();
        let (value, next) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => match after[1..].find(q) {
                Some(close) => (&after[1..1 + close], &after[close + 2..]),
                None => (&after[1..], ""),
            },
            _ => {
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                (&after[..end], &after[end..])
            }
        };
        out.push((name, value));
        rest = next;
    }
    out
}

/// Sanitized HTML made tidy for the reader: empty paragraphs (left by
/// removed embeds) dropped, the ends trimmed, and text outside any block
/// (a feed summary of bare text) put in a paragraph.
pub fn tidy_body(html: &str) -> String {
    let html = html.replace("<p></p>", "");
    let html = html.trim();
    let has_block = BLOCKS.iter().any(|b| {
        html.match_indices('<')
            .any(|(at, _)| tag_name(&html[at + 1..]).eq_ignore_ascii_case(b))
    });
    if html.is_empty() || has_block {
        html.to_string()
    } else {
        format!("<p>{html}</p>")
    }
}

/// Elements that end a run of text: their edges separate words.
const BLOCKS: [&str; 27] = [
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "table",
    "tr",
    "td",
    "th",
    "hr",
    "section",
    "article",
    "img",
];

/// The name of the tag starting right after a `<` (`/p` → `p`).
fn tag_name(rest: &str) -> &str {
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let end = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    &rest[..end]
}

/// The length of the tag `html` starts with, `>` included (quoted
/// attribute values may hold a `>`).
fn tag_end(html: &str) -> usize {
    let mut quote = None;
    for (i, c) in html.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    html.len()
}

/// The text of sanitized HTML: tags dropped (block edges become spaces,
/// inline ones vanish: `<b>Val</b>paraíso` is one word), the entities the
/// sanitizer writes decoded.
pub fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let name = tag_name(&rest[at + 1..]);
        if BLOCKS.iter().any(|b| name.eq_ignore_ascii_case(b)) {
            out.push(' ');
        }
        rest = &rest[at + tag_end(&rest[at..])..];
    }
    out.push_str(rest);
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
mod tests;
