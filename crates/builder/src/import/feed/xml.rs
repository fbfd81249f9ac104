//! The feed file as bytes, before and beside the parser: decoding to UTF-8
//! with one declaration, declarations where none may be, the line each
//! entry starts on, and the local day of each date.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate};

use crate::text::line_of_offset;

/// The line each entry starts on: the `<item>`/`<entry>` elements of XML
/// feeds, the `"id"` keys of JSON Feed items, in order. Empty when they do
/// not match the parsed entries one for one (then diagnostics say line 1
/// and name the entry by its number).
pub(super) fn entry_lines(bytes: &[u8], entries: usize) -> Vec<u32> {
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
pub(super) fn json_item_starts(text: &str) -> Vec<usize> {
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
pub(super) fn utf8_xml(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
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
pub(super) fn later_declaration(xml: &[u8]) -> Option<usize> {
    let mut from = 1;
    while let Some(at) = find_from(xml, b"<?xml", from) {
        if xml.get(at + 5).is_some_and(u8::is_ascii_whitespace) {
            return Some(at);
        }
        from = at + 5;
    }
    None
}

pub(super) fn find_from(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
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
pub(super) fn local_days(bytes: &[u8]) -> HashMap<i64, NaiveDate> {
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
