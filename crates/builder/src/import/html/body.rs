//! The article's body: the element that holds it (a readability heuristic),
//! and its markup serialized without boilerplate, hidden parts or the title.

use scraper::{ElementRef, Node};

use super::select;
use crate::text::{clean_line, escape_text};

/// Elements never part of an article's body.
pub(super) const BOILERPLATE: [&str; 14] = [
    "nav", "header", "footer", "aside", "form", "script", "style", "noscript", "template",
    "button", "select", "textarea", "iframe", "dialog",
];

/// The element holding the article's body.
pub(super) fn body_container(root: ElementRef<'_>) -> ElementRef<'_> {
    let text_len = |e: &ElementRef| -> usize {
        select(*e, "p")
            .map(|p| p.text().map(str::len).sum::<usize>())
            .sum()
    };
    if let Some(e) = select(root, "[itemprop~='articleBody']").next() {
        return e;
    }
    if let Some(e) = select(root, "article").max_by_key(text_len) {
        if text_len(&e) > 0 {
            return e;
        }
    }
    if let Some(e) = select(root, "main, [role='main']").next() {
        return e;
    }
    // The parent of the most paragraph text.
    let mut totals: Vec<(usize, ElementRef)> = Vec::new();
    for p in select(root, "p") {
        let Some(parent) = p.parent().and_then(ElementRef::wrap) else {
            continue;
        };
        let len: usize = p.text().map(str::len).sum();
        match totals.iter_mut().find(|(_, e)| *e == parent) {
            Some((total, _)) => *total += len,
            None => totals.push((len, parent)),
        }
    }
    let best = totals.into_iter().max_by_key(|(total, _)| *total);
    best.map(|(_, e)| e)
        .or_else(|| select(root, "body").next())
        .unwrap_or(root)
}

/// Writes `parent`'s children as HTML, leaving out boilerplate elements and
/// the `<h1>` that repeats the title. (The sanitizer runs on the result.)
pub(super) fn serialize_children(parent: ElementRef<'_>, title: Option<&str>, out: &mut String) {
    for child in parent.children() {
        match child.value() {
            Node::Text(text) => out.push_str(&escape_text(text)),
            Node::Element(element) => {
                let name = element.name();
                let Some(child) = ElementRef::wrap(child) else {
                    continue;
                };
                if BOILERPLATE.contains(&name) || is_hidden(&child) || !is_name(name) {
                    continue;
                }
                if name == "h1"
                    && title.is_some_and(|t| clean_line(&child.text().collect::<String>()) == t)
                {
                    continue;
                }
                out.push('<');
                out.push_str(name);
                // Sorted: the parser keeps attributes in a hash map, and
                // builds must not depend on its order.
                let mut attrs: Vec<(&str, &str)> =
                    element.attrs().filter(|(key, _)| is_name(key)).collect();
                attrs.sort_unstable();
                for (key, value) in attrs {
                    out.push_str(&format!(" {key}=\"{}\"", escape_text(value)));
                }
                out.push('>');
                if !is_void(name) {
                    serialize_children(child, title, out);
                    out.push_str(&format!("</{name}>"));
                }
            }
            _ => {}
        }
    }
}

/// Element and attribute names worth keeping (the parser accepts stranger
/// ones, which no allowed element or attribute has).
pub(super) fn is_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':'))
}

/// Hidden, or page furniture by its class or id (bylines, share buttons,
/// related links, comments, ads), which a saved page carries around its
/// text but is not the article.
pub(super) fn is_hidden(e: &ElementRef) -> bool {
    const FURNITURE: [&str; 16] = [
        "byline",
        "dateline",
        "share",
        "social",
        "related",
        "comment",
        "advert",
        "promo",
        "newsletter",
        "subscribe",
        "breadcrumb",
        "sidebar",
        "menu",
        "author-bio",
        "cookie",
        "skip-link",
    ];
    let furniture = e
        .attr("class")
        .into_iter()
        .flat_map(str::split_whitespace)
        .chain(e.attr("id"))
        .any(|name| {
            let name = name.to_ascii_lowercase();
            FURNITURE.iter().any(|f| name.contains(f))
        });
    furniture || e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true")
}

pub(super) fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Plain text as paragraphs of escaped HTML.
pub(super) fn paragraphs(text: &str) -> String {
    text.split('\n')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>", escape_text(p)))
        .collect()
}
