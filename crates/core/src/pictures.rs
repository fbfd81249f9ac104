//! Pictures in article bodies. The builder writes an article's local images
//! into the bundle's `images/` folder, each named by its content, and its
//! body names them relative to the bundle (`src="images/3f…a1.jpg"`, a
//! `srcset` of the same picture at several widths). Whoever shows a body
//! puts the bundle's address in front ([`rebase`]): the reader its bundle
//! URL, a static page the way from its folder to the bundle.
//!
//! Bodies are sanitized HTML, whose attribute values are always in double
//! quotes with any `"` inside written `&quot;`, and whose text never holds a
//! raw `<`: so ` src="` found inside an `<img …>` tag is that attribute.

use serde::{Deserialize, Serialize};

/// The bundle folder that holds pictures, as bodies spell it.
pub const FOLDER: &str = "images/";

/// How a `data:` address the single-file copy carries a picture in starts.
const DATA: &str = "data:image/";

/// A card's small picture (`[images] thumbnails = true`): the article's
/// first picture, made small, shown beside its title in the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thumb {
    /// `images/<hash>.<extension>`, relative to the bundle; in the
    /// single-file copy, the picture itself as a `data:image/…` address.
    pub path: String,
    pub width: u32,
    pub height: u32,
}

impl Thumb {
    /// The address to show it from, the bundle's address `prefix` in
    /// front; `None` for an address that names neither a bundle picture
    /// nor a carried one (a foreign bundle's card never makes the page
    /// load from another host).
    pub fn address(&self, prefix: &str) -> Option<String> {
        if self.path.starts_with(FOLDER) && !self.path.contains(['"', '<', '>', ' ', '\\']) {
            Some(format!("{prefix}{}", self.path))
        } else if self.path.starts_with(DATA) && !self.path.contains(['"', '<', '>', ' ']) {
            Some(self.path.clone())
        } else {
            None
        }
    }
}

/// Whether a bundle file is a picture (what saving without pictures leaves
/// out).
pub fn is_picture(path: &str) -> bool {
    path.starts_with(FOLDER)
}

/// `html` with every picture address in the bundle (an `<img>`'s `src` or a
/// `srcset` entry starting with [`FOLDER`]) given `prefix` in front. Other
/// addresses (another host's images, links) are left as they are.
pub fn rebase(html: &str, prefix: &str) -> String {
    if prefix.is_empty() {
        return html.to_string();
    }
    map_addresses(html, |address| format!("{prefix}{address}"))
}

/// `html` with every picture address in the bundle replaced by
/// `f(address)` (the address relative to the bundle, `images/…`).
pub fn map_addresses(html: &str, mut f: impl FnMut(&str) -> String) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(at) = find_img(rest) {
        out.push_str(&rest[..at]);
        let end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
        out.push_str(&rewrite_tag(&rest[at..end], &mut f));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Every picture address in the bundle that `html` names, in order, each
/// once per mention.
pub fn addresses(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    map_addresses(html, |address| {
        out.push(address.to_string());
        address.to_string()
    });
    out
}

/// Where the next `<img` tag of `html` starts (not `<imgx`).
pub fn find_img(html: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = html[from..].find("<img") {
        let at = from + at;
        match html.as_bytes().get(at + 4) {
            Some(b' ' | b'\t' | b'\n' | b'/' | b'>') | None => return Some(at),
            _ => from = at + 4,
        }
    }
    None
}

/// One `<img …>` tag with its `src` and `srcset` addresses mapped.
fn rewrite_tag(tag: &str, f: &mut impl FnMut(&str) -> String) -> String {
    let mut out = tag.to_string();
    for name in [" src=\"", " srcset=\""] {
        let Some(start) = out.find(name).map(|at| at + name.len()) else {
            continue;
        };
        let Some(len) = out[start..].find('"') else {
            continue;
        };
        let value = &out[start..start + len];
        let mapped = value
            .split(", ")
            .map(|entry| match entry.strip_prefix(FOLDER) {
                Some(_) => {
                    let (address, width) = entry.split_once(' ').unwrap_or((entry, ""));
                    let address = f(address);
                    if width.is_empty() {
                        address
                    } else {
                        format!("{address} {width}")
                    }
                }
                None => entry.to_string(),
            })
            .collect::<Vec<_>>()
            .join(", ");
        out.replace_range(start..start + len, &mapped);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "<p>Images/x, \"images/y\" in text</p><figure><img src=\"images/a.jpg\" \
        srcset=\"images/b.jpg 480w, images/a.jpg 960w\" width=\"960\" height=\"640\" \
        alt=\"a src=&quot;images/z&quot;\"><figcaption>c</figcaption></figure>\
        <img src=\"https://e.org/images/r.png\" alt=\"\"><a href=\"images/l.html\">l</a>";

    #[test]
    fn rebase_prefixes_bundle_pictures_only() {
        let out = rebase(BODY, "../bundle/");
        assert!(out.contains("src=\"../bundle/images/a.jpg\""), "{out}");
        assert!(
            out.contains("srcset=\"../bundle/images/b.jpg 480w, ../bundle/images/a.jpg 960w\""),
            "{out}"
        );
        // Text, alt text, other hosts' images and links stay.
        assert!(out.contains("<p>Images/x, \"images/y\" in text</p>"));
        assert!(out.contains("alt=\"a src=&quot;images/z&quot;\""));
        assert!(out.contains("src=\"https://e.org/images/r.png\""));
        assert!(out.contains("href=\"images/l.html\""));
        assert_eq!(rebase(BODY, ""), BODY);
    }

    #[test]
    fn a_thumb_is_shown_from_the_bundle_or_from_itself_only() {
        let thumb = |path: &str| Thumb {
            path: path.into(),
            width: 200,
            height: 133,
        };
        assert_eq!(
            thumb("images/ab.jpg").address("../bundle/").as_deref(),
            Some("../bundle/images/ab.jpg")
        );
        let data = "data:image/jpeg;base64,/9j/4AAQ";
        assert_eq!(thumb(data).address("b/").as_deref(), Some(data));
        for foreign in [
            "https://e.org/images/a.jpg",
            "//e.org/a.jpg",
            "../images/a.jpg",
            "javascript:alert(1)",
            "images/a.jpg\" onerror=\"x",
            "data:text/html,<b>",
        ] {
            assert_eq!(thumb(foreign).address(""), None, "{foreign}");
        }
    }

    #[test]
    fn addresses_lists_every_mention() {
        assert_eq!(
            addresses(BODY),
            ["images/a.jpg", "images/b.jpg", "images/a.jpg"]
        );
        assert!(addresses("<imgx src=\"images/a.jpg\">").is_empty());
        assert!(addresses("<p>no pictures</p>").is_empty());
    }
}
