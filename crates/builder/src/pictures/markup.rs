//! The tags of a body's pictures: found in sanitized HTML, and written
//! again for the files a picture was made into — every width in `srcset`
//! (the browser takes the one its screen needs), `width` and `height` (the
//! page keeps the picture's place before it arrives: no layout shift),
//! lazy loading for every picture but the first, and a picture alone in
//! its paragraph made a `<figure>` whose caption is its title (Markdown's
//! `![alt](x.jpg "caption")`).

use std::collections::HashMap;
use std::fmt::Write as _;

use super::cache::Made;
use crate::sanitize::{attribute, each_img};

/// What the reader's column needs of a picture's width: the whole screen
/// on a phone, the text measure (≈ 46rem at its widest) on a larger one.
const SIZES: &str = "(min-width: 50rem) 46rem, 100vw";
/// The width `src` names, for a browser that reads no `srcset`.
const FALLBACK_WIDTH: u32 = 960;

/// The `src` of every `<img>` in `html`, as written (escaped).
pub fn image_sources(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_img(html, |_, attrs, _, _| {
        if let Some(src) = attribute(attrs, "src") {
            out.push(src.to_string());
        }
    });
    out
}

/// `html` with the tag of every picture in `shown` (by `src` as written)
/// written for its files, and every other local picture (missing or
/// broken) replaced by its description; with the files it shows, each once,
/// in order.
pub fn rewrite<'a>(html: &str, shown: &'a HashMap<String, Vec<Made>>) -> (String, Vec<&'a Made>) {
    let mut used: Vec<&Made> = Vec::new();
    let mut first = true;
    let out = each_img(html, |tag, attrs, out, rest| {
        let value = |name: &str| attribute(attrs, name).unwrap_or_default().trim();
        let src = value("src");
        let Some(made) = shown.get(src) else {
            if super::is_local(src) {
                // Missing or broken: what it showed, in words.
                describe(value("alt"), out);
            } else {
                out.push_str(tag);
            }
            return;
        };
        for m in made {
            if !used.iter().any(|u| u.path == m.path) {
                used.push(m);
            }
        }
        let img = tag_for(made, value("alt"), first);
        first = false;
        let caption = value("title");
        let before = out.trim_end();
        let alone = before.ends_with("<p>") && rest.trim_start().starts_with("</p>");
        if alone {
            out.truncate(before.len() - "<p>".len());
            *rest = &rest.trim_start()["</p>".len()..];
            out.push_str("<figure>");
            out.push_str(&img);
            if !caption.is_empty() {
                let _ = write!(out, "<figcaption>{caption}</figcaption>");
            }
            out.push_str("</figure>");
        } else {
            out.push_str(&img);
        }
    });
    (out, used)
}

/// A picture's description in its place (`alt`, escaped as written).
fn describe(alt: &str, out: &mut String) {
    if !alt.is_empty() {
        let _ = write!(out, "<span class=\"picture-missing\">{alt}</span>");
    }
}

/// Which of a picture's files the single-file copy carries (`pack
/// --images`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Inline {
    /// None: each picture's description stays in its place.
    None,
    /// The narrowest file (480 px at most): a phone's screen.
    Small,
    /// The widest file.
    Full,
}

/// `html` with each picture in the bundle carried in the page itself:
/// the file `mode` chooses as a `data:` address (`data(path)`), `srcset`
/// dropped; or, for [`Inline::None`] or a file `data` lacks, its
/// description.
pub fn inline(html: &str, mode: Inline, data: &dyn Fn(&str) -> Option<String>) -> String {
    each_img(html, |tag, attrs, out, _| {
        let src = attribute(attrs, "src").unwrap_or_default();
        if !broadsheet_core::pictures::is_picture(src) {
            out.push_str(tag);
            return;
        }
        let files: Vec<&str> = attribute(attrs, "srcset")
            .map(|set| {
                set.split(", ")
                    .filter_map(|e| e.split(' ').next())
                    .collect()
            })
            .unwrap_or_else(|| vec![src]);
        let chosen = match mode {
            Inline::None => None,
            Inline::Small => files.first().copied(),
            Inline::Full => files.last().copied(),
        };
        match chosen.and_then(data) {
            Some(address) => {
                let _ = write!(out, "<img src=\"{address}\"");
                for (name, v) in attrs {
                    if matches!(*name, "width" | "height" | "alt" | "loading" | "decoding") {
                        let _ = write!(out, " {name}=\"{v}\"");
                    }
                }
                out.push('>');
            }
            None => describe(attribute(attrs, "alt").unwrap_or_default().trim(), out),
        }
    })
}

/// The `<img>` tag for a picture made into `made` (narrowest first).
fn tag_for(made: &[Made], alt: &str, first: bool) -> String {
    let widest = &made[made.len() - 1];
    let fallback = made
        .iter()
        .rev()
        .find(|m| m.width <= FALLBACK_WIDTH)
        .unwrap_or(&made[0]);
    let mut tag = format!("<img src=\"{}\"", fallback.path);
    if made.len() > 1 {
        let srcset: Vec<String> = made
            .iter()
            .map(|m| format!("{} {}w", m.path, m.width))
            .collect();
        let _ = write!(tag, " srcset=\"{}\" sizes=\"{SIZES}\"", srcset.join(", "));
    }
    let _ = write!(
        tag,
        " width=\"{}\" height=\"{}\" alt=\"{alt}\"",
        widest.width, widest.height
    );
    // The first picture may be the first thing on screen: not deferred.
    if !first {
        tag.push_str(" loading=\"lazy\"");
    }
    tag.push_str(" decoding=\"async\">");
    tag
}

#[cfg(test)]
mod tests {
    use super::*;

    fn made(name: &str, width: u32, height: u32) -> Made {
        Made {
            path: format!("images/{name}.jpg"),
            hash: name.into(),
            bytes: 100,
            width,
            height,
        }
    }

    fn shown() -> HashMap<String, Vec<Made>> {
        HashMap::from([
            (
                "img/kiln.jpg".to_string(),
                vec![
                    made("a", 480, 320),
                    made("b", 960, 640),
                    made("c", 1200, 800),
                ],
            ),
            ("chart.png".to_string(), vec![made("d", 400, 300)]),
        ])
    }

    #[test]
    fn a_picture_alone_in_its_paragraph_becomes_a_figure_with_its_title() {
        let html = "<p>Before.</p>\n<p><img src=\"img/kiln.jpg\" alt=\"Brick kiln at dawn\" \
                    title=\"The kiln at Kasur, &quot;No. 4&quot;\" loading=\"lazy\"></p>\n<p>After.</p>";
        let shown = shown();
        let (out, used) = rewrite(html, &shown);
        assert_eq!(
            out,
            "<p>Before.</p>\n<figure><img src=\"images/b.jpg\" srcset=\"images/a.jpg 480w, \
             images/b.jpg 960w, images/c.jpg 1200w\" sizes=\"(min-width: 50rem) 46rem, 100vw\" \
             width=\"1200\" height=\"800\" alt=\"Brick kiln at dawn\" decoding=\"async\">\
             <figcaption>The kiln at Kasur, &quot;No. 4&quot;</figcaption></figure>\n<p>After.</p>"
        );
        assert_eq!(used.len(), 3);
    }

    #[test]
    fn pictures_in_text_stay_inline_and_the_later_ones_load_lazily() {
        let html =
            "<p>A <img src=\"img/kiln.jpg\" alt=\"k\"> and <img src=\"chart.png\" alt=\"c\"> \
                    and <img src=\"img/kiln.jpg\" alt=\"again\"></p>";
        let shown = shown();
        let (out, used) = rewrite(html, &shown);
        assert!(!out.contains("<figure>"), "{out}");
        assert_eq!(out.matches("loading=\"lazy\"").count(), 2, "{out}");
        assert!(out.starts_with("<p>A <img src=\"images/b.jpg\""), "{out}");
        assert!(out.contains(
            "<img src=\"images/d.jpg\" width=\"400\" height=\"300\" alt=\"c\" loading=\"lazy\""
        ));
        // Each file once, though shown twice.
        assert_eq!(used.len(), 4);
    }

    #[test]
    fn the_single_file_copy_carries_the_file_it_chooses() {
        let shown = shown();
        let (html, _) = rewrite(
            "<p>x <img src=\"img/kiln.jpg\" alt=\"k\"></p><img src=\"https://e.org/r.jpg\">",
            &shown,
        );
        let data = |path: &str| Some(format!("data:image/jpeg;base64,{}", &path[7..8]));
        let small = inline(&html, Inline::Small, &data);
        assert_eq!(
            small,
            "<p>x <img src=\"data:image/jpeg;base64,a\" width=\"1200\" height=\"800\" alt=\"k\" \
             decoding=\"async\"></p><img src=\"https://e.org/r.jpg\">"
        );
        assert!(inline(&html, Inline::Full, &data).contains("base64,c\""));
        let none = inline(&html, Inline::None, &data);
        assert_eq!(
            none,
            "<p>x <span class=\"picture-missing\">k</span></p><img src=\"https://e.org/r.jpg\">"
        );
        assert_eq!(inline(&html, Inline::Small, &|_| None), none);
    }

    #[test]
    fn missing_pictures_leave_their_description_and_remote_ones_stay() {
        let html =
            "<p><img src=\"gone.jpg\" alt=\"A march &amp; rally\"><img src=\"gone2.jpg\" alt=\"\">\
                    <img src=\"https://e.org/x.jpg\" alt=\"r\"></p>";
        let shown = shown();
        let (out, used) = rewrite(html, &shown);
        assert_eq!(
            out,
            "<p><span class=\"picture-missing\">A march &amp; rally</span>\
             <img src=\"https://e.org/x.jpg\" alt=\"r\"></p>"
        );
        assert!(used.is_empty());
        assert_eq!(
            image_sources(html),
            ["gone.jpg", "gone2.jpg", "https://e.org/x.jpg"]
        );
    }
}
