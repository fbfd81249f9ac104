//! Plain-text helpers every stage uses: escaping text for HTML (and XML), collapsing
//! it to one line, cutting teasers, and the line an offset stands on.

/// The longest teaser an importer writes for the list, in characters.
pub const SUMMARY_CHARS: usize = 320;

/// Escapes plain text for HTML: it is shown as written, never read as markup.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Text from what [`escape_text`] wrote (its five references; any other
/// is left as it is).
pub fn unescape_text(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Cuts plain text to at most `max` characters on a word boundary, adding
/// an ellipsis when anything was cut.
pub fn teaser(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > cut.len() / 2 => &cut[..i],
        _ => &cut[..],
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// Collapses white space: titles and labels are one line of plain text.
pub fn clean_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The 1-based line that byte `offset` of `bytes` stands on.
pub fn line_of_offset(bytes: &[u8], offset: usize) -> u32 {
    let newlines = bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count();
    u32::try_from(newlines + 1).unwrap_or(u32::MAX)
}

/// Text escaped for XML, without the characters XML 1.0 does not allow.
pub fn escape_xml(text: &str) -> String {
    let allowed: String = text
        .chars()
        .filter(|&c| {
            ((c as u32) >= 0x20 || matches!(c, '\t' | '\n' | '\r'))
                && !matches!(c, '\u{FFFE}' | '\u{FFFF}')
        })
        .collect();
    escape_text(&allowed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_escaped() {
        assert_eq!(
            escape_text(r#"<b>"Tom" & 'Jerry'</b>"#),
            "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;"
        );
    }

    #[test]
    fn teasers_cut_on_words() {
        assert_eq!(teaser("short text", 50), "short text");
        assert_eq!(teaser("one two three four five", 12), "one two…");
        assert_eq!(teaser("a  b\n c", 10), "a b c");
    }

    #[test]
    fn lines_and_one_line_text() {
        assert_eq!(line_of_offset(b"a\nb\nc", 0), 1);
        assert_eq!(line_of_offset(b"a\nb\nc", 2), 2);
        assert_eq!(line_of_offset(b"a\nb\nc", 99), 3);
        assert_eq!(clean_line("  Dock\n strike\t "), "Dock strike");
    }
}
