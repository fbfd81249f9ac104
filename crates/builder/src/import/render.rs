//! Markdown to sanitized HTML, plus the plain text measures taken on the way.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::sanitize::sanitize_html;

/// A rendered body.
pub struct Rendered {
    /// Sanitized HTML.
    pub html: String,
    /// Plain text of the whole body (for word counts and the search index).
    pub text: String,
    /// Plain text of the first paragraph (a teaser when none is given).
    pub first_paragraph: String,
}

pub fn render_markdown(markdown: &str) -> Rendered {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION;
    let events: Vec<Event> = Parser::new_ext(markdown, options).collect();

    let mut text = String::new();
    let mut first_paragraph = String::new();
    let mut in_paragraph = false;
    let mut paragraphs_seen = 0;
    // Inside raw `<script>`/`<style>`: the sanitizer drops that text, so the
    // index and the word count must not see it either.
    let mut in_dropped = false;
    for event in &events {
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) => {
                let lower = raw.to_ascii_lowercase();
                if lower.contains("<script") || lower.contains("<style") {
                    in_dropped = true;
                }
                if lower.contains("</script") || lower.contains("</style") {
                    in_dropped = false;
                }
            }
            Event::Text(_) | Event::Code(_) if in_dropped => {}
            Event::Start(Tag::Paragraph) => in_paragraph = true,
            Event::End(TagEnd::Paragraph) => {
                in_paragraph = false;
                paragraphs_seen += 1;
                text.push('\n');
            }
            Event::End(TagEnd::Heading(_) | TagEnd::Item | TagEnd::CodeBlock) => text.push('\n'),
            Event::Text(t) | Event::Code(t) => {
                text.push_str(t);
                if in_paragraph && paragraphs_seen == 0 {
                    first_paragraph.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                text.push(' ');
                if in_paragraph && paragraphs_seen == 0 {
                    first_paragraph.push(' ');
                }
            }
            _ => {}
        }
    }

    let mut raw_html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut raw_html, events.into_iter());
    Rendered {
        html: sanitize_html(&raw_html),
        text,
        first_paragraph: first_paragraph.trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_and_measures() {
        let r = render_markdown(
            "First *para* here.\nStill first.\n\n## Heading\n\n- one\n- two\n\n<script>x()</script>",
        );
        assert!(r.html.contains("<em>para</em>"), "{}", r.html);
        assert!(r.html.contains("<h2>Heading</h2>"));
        assert!(!r.html.contains("script"), "{}", r.html);
        assert_eq!(r.first_paragraph, "First para here. Still first.");
        assert_eq!(broadsheet_core::word_count(&r.text), 8);
    }

    #[test]
    fn text_leaves_out_what_the_sanitizer_drops() {
        let r = render_markdown("Pay talks. <script>alert('x')</script> <STYLE>b{}</STYLE> Done.");
        assert_eq!(
            r.text.split_whitespace().collect::<Vec<_>>(),
            ["Pay", "talks.", "Done."]
        );
    }
}
