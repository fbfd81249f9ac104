//! Pictures an entry names beside its text and that were saved with the
//! feed: an RSS `<enclosure>` or a Media RSS `<media:content>` (also inside
//! a `<media:group>`) whose address is relative, e.g. `images/kiln.jpg`
//! next to `feed.xml`. feed-rs drops such addresses (a relative address
//! has no base), so they are read here from the XML, entry by entry. The
//! entry's body then shows them first (`lead_html`), and the pictures
//! stage finds them beside the feed like any local picture. Absolute
//! addresses, sound and video are left alone: another host's pictures are
//! the `[images] remote` policy's, not an enclosure's.

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::{NsReader, XmlVersion};

use crate::text::escape_text;

/// Media RSS's namespace.
const MEDIA_RSS: &str = "http://search.yahoo.com/mrss/";

/// File endings taken for pictures when no type says so.
const PICTURE_ENDINGS: [&str; 6] = [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"];

/// A picture saved beside the feed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct LocalPicture {
    /// The address as the feed wrote it (relative).
    pub src: String,
    /// Its `<media:description>` (else `<media:title>`), for the alt text.
    pub description: String,
}

/// The local pictures of each entry (`<item>` or `<entry>`), in order.
/// Empty when the entries counted here are not `entries` (the parser saw
/// the file otherwise): better no picture than one on the wrong article.
pub(super) fn local_pictures(xml: &[u8], entries: usize) -> Vec<Vec<LocalPicture>> {
    let mut reader = NsReader::from_reader(xml);
    let mut out: Vec<Vec<LocalPicture>> = Vec::new();
    let mut depth_in_entry = 0usize;
    // The `<media:content>` being read, and the text element inside it
    // (or its group) whose words are being gathered.
    let mut open: Option<LocalPicture> = None;
    let mut gathering: Option<(&'static str, String)> = None;
    let mut group_text = String::new();
    loop {
        let Ok((ns, event)) = reader.read_resolved_event() else {
            return Vec::new();
        };
        let media = matches!(ns, ResolveResult::Bound(n) if n.as_ref() == MEDIA_RSS);
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if depth_in_entry == 0 {
                    if is_entry(name) {
                        out.push(Vec::new());
                        depth_in_entry = 1;
                    }
                    continue;
                }
                depth_in_entry += 1;
                match (media, name) {
                    (true, "content") => open = picture(&e, "medium"),
                    (true, "group") => group_text.clear(),
                    (true, "description") => gathering = Some(("description", String::new())),
                    (true, "title") if gathering.is_none() => {
                        gathering = Some(("title", String::new()))
                    }
                    (false, "enclosure") => push(&mut out, picture(&e, "")),
                    _ => {}
                }
            }
            Event::Empty(e) if depth_in_entry > 0 => {
                let name = e.local_name();
                match (media, name.as_ref()) {
                    (true, "content") => push(&mut out, picture(&e, "medium")),
                    (false, "enclosure") => push(&mut out, picture(&e, "")),
                    _ => {}
                }
            }
            Event::Text(t) => {
                if let Some((_, text)) = gathering.as_mut() {
                    text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some((_, text)) = gathering.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, text)) = gathering.as_mut() {
                    let name: &str = &r;
                    if let Some(c) = quick_xml::escape::resolve_predefined_entity(name) {
                        text.push_str(c);
                    } else if let Ok(Some(c)) = r.resolve_char_ref() {
                        text.push(c);
                    }
                }
            }
            Event::End(e) if depth_in_entry > 0 => {
                depth_in_entry -= 1;
                if depth_in_entry == 0 {
                    open = None;
                    continue;
                }
                let name = e.local_name();
                match (media, name.as_ref()) {
                    (true, "description" | "title") => {
                        if let Some((kind, text)) = gathering.take() {
                            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                            match open.as_mut() {
                                Some(p) if kind == "description" || p.description.is_empty() => {
                                    p.description = text
                                }
                                Some(_) => {}
                                None if kind == "description" || group_text.is_empty() => {
                                    group_text = text
                                }
                                None => {}
                            }
                        }
                    }
                    (true, "content") => {
                        let mut found = open.take();
                        if let Some(p) = found.as_mut().filter(|p| p.description.is_empty()) {
                            p.description = group_text.clone();
                        }
                        push(&mut out, found);
                    }
                    (true, "group") => {
                        // A group's description, read after its contents,
                        // describes them all.
                        if let Some(last) = out.last_mut() {
                            for p in last.iter_mut().filter(|p| p.description.is_empty()) {
                                p.description = group_text.clone();
                            }
                        }
                        group_text.clear();
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    if out.len() == entries {
        out
    } else {
        Vec::new()
    }
}

fn is_entry(name: &str) -> bool {
    name == "item" || name == "entry"
}

/// The picture an `<enclosure>` or `<media:content>` names, if it is a
/// picture at a relative address. `medium_attribute`: Media RSS's
/// `medium="image"` (enclosures have only a type).
fn picture(e: &BytesStart, medium_attribute: &str) -> Option<LocalPicture> {
    let mut url = None;
    let mut kind = None;
    let mut medium = None;
    for attr in e.attributes().flatten() {
        let Ok(value) = attr.normalized_value(XmlVersion::Implicit1_0) else {
            continue;
        };
        match attr.key.local_name().as_ref() {
            "url" => url = Some(value.trim().to_string()),
            "type" => kind = Some(value.trim().to_ascii_lowercase()),
            "medium" if !medium_attribute.is_empty() => {
                medium = Some(value.trim().to_ascii_lowercase())
            }
            _ => {}
        }
    }
    let url = url.filter(|u| crate::pictures::is_local(u))?;
    let lower = url.to_ascii_lowercase();
    let by_ending = PICTURE_ENDINGS.iter().any(|end| {
        lower
            .split(['?', '#'])
            .next()
            .is_some_and(|path| path.ends_with(end))
    });
    let is_picture = match (kind.as_deref(), medium.as_deref()) {
        (Some(t), _) if !t.is_empty() => t.starts_with("image/"),
        (_, Some(m)) if !m.is_empty() => m == "image",
        _ => by_ending,
    };
    is_picture.then(|| LocalPicture {
        src: url,
        description: String::new(),
    })
}

fn push(out: &mut [Vec<LocalPicture>], picture: Option<LocalPicture>) {
    if let (Some(last), Some(p)) = (out.last_mut(), picture) {
        if !last.iter().any(|q| q.src == p.src) {
            last.push(p);
        }
    }
}

/// The pictures of `pictures` that `body` does not show already, as HTML to
/// put before it: each alone in its paragraph (the pictures stage makes it
/// a figure of the archive's own files).
pub(super) fn lead_html(pictures: &[LocalPicture], body: &str) -> String {
    pictures
        .iter()
        .filter(|p| !body.contains(p.src.as_str()))
        .map(|p| {
            format!(
                "<p><img src=\"{}\" alt=\"{}\"></p>",
                escape_text(&p.src),
                escape_text(&p.description)
            )
        })
        .collect()
}

#[cfg(test)]
mod tests;
