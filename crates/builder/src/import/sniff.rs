//! Which importer reads a file: forced, by extension, or by its first bytes.

use std::io::Read as _;
use std::path::Path;

use serde::Deserialize;

use super::{feed, html, markdown, plaintext, Read, ReadOptions};

/// The kinds of source the builder reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Importer {
    /// Markdown with YAML or TOML front matter.
    Markdown,
    /// Plain text copied from a site's index page: headings and teasers
    /// (`--importer text`; `listing`, its name before, is still accepted).
    #[serde(alias = "listing")]
    #[value(alias = "listing")]
    Text,
    /// RSS 0.9x/1.0/2.0, Atom or JSON Feed.
    Feed,
    /// A saved HTML article page.
    Html,
}

/// How many bytes are looked at to recognise a file by its content.
const SNIFF_BYTES: usize = 2048;

impl Importer {
    /// The importer for a file: by extension where it is unambiguous, else
    /// by content. `None`: no importer recognises it.
    pub fn detect(file: &Path) -> std::io::Result<Option<Importer>> {
        let extension = file
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        Ok(match extension.as_deref() {
            Some("md" | "markdown") => Some(Importer::Markdown),
            Some("txt") => Some(Importer::Text),
            Some("rss" | "atom" | "rdf") => Some(Importer::Feed),
            Some("html" | "htm" | "xhtml") => Some(Importer::Html),
            // Pictures, styles and the like are never sources: not even read.
            Some(
                "png" | "jpg" | "jpeg" | "gif" | "webp" | "svg" | "ico" | "css" | "js" | "pdf"
                | "zip" | "gz" | "mp3" | "mp4" | "woff" | "woff2" | "toml" | "yaml" | "yml",
            ) => None,
            _ => {
                let mut head = Vec::with_capacity(SNIFF_BYTES);
                std::fs::File::open(file)?
                    .take(SNIFF_BYTES as u64)
                    .read_to_end(&mut head)?;
                Importer::sniff(&head)
            }
        })
    }

    /// Recognises a source by its first bytes: front matter, a feed's root
    /// element, a JSON Feed's version, an HTML document.
    pub fn sniff(head: &[u8]) -> Option<Importer> {
        let text = String::from_utf8_lossy(&head[..head.len().min(SNIFF_BYTES)]);
        let text = text.trim_start_matches('\u{feff}').trim_start();
        if text.starts_with("---") || text.starts_with("+++") {
            return Some(Importer::Markdown);
        }
        let lower = text.to_ascii_lowercase();
        if lower.starts_with('{') {
            return lower
                .contains("jsonfeed.org/version")
                .then_some(Importer::Feed);
        }
        if !lower.starts_with('<') {
            return None;
        }
        // Past the XML declaration, comments and doctype: the root element.
        let root = root_element(&lower)?;
        match root {
            "rss" | "feed" | "rdf:rdf" => Some(Importer::Feed),
            "html" | "head" | "body" | "article" => Some(Importer::Html),
            _ => None,
        }
    }

    /// Reads a file with this importer.
    pub fn read(self, file: &str, bytes: &[u8], options: &ReadOptions) -> Read {
        match self {
            Importer::Markdown => {
                let (draft, diagnostics) = markdown::read(file, bytes, options);
                Read::of(draft.into_iter().collect(), diagnostics)
            }
            Importer::Text => plaintext::read(file, bytes, options),
            Importer::Feed => feed::read(file, bytes, options),
            Importer::Html => html::read(file, bytes, options),
        }
    }
}

/// The name of the first element of an XML or HTML text (lower-cased).
fn root_element(lower: &str) -> Option<&str> {
    let mut rest = lower;
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("<?") {
            rest = &after[after.find("?>")? + 2..];
        } else if let Some(after) = rest.strip_prefix("<!--") {
            rest = &after[after.find("-->")? + 3..];
        } else if let Some(after) = rest.strip_prefix("<!") {
            rest = &after[after.find('>')? + 1..];
        } else if let Some(after) = rest.strip_prefix('<') {
            let end = after
                .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .unwrap_or(after.len());
            return Some(&after[..end]);
        } else {
            return None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_names_the_importer() {
        let cases: [(&str, Option<Importer>); 11] = [
            ("---\ntitle: A\n---\nText", Some(Importer::Markdown)),
            ("\u{feff}+++\ntitle = 'A'\n+++\n", Some(Importer::Markdown)),
            (
                "<?xml version=\"1.0\"?>\n<!-- generator -->\n<rss version=\"2.0\">",
                Some(Importer::Feed),
            ),
            (
                "<feed xmlns=\"http://www.w3.org/2005/Atom\">",
                Some(Importer::Feed),
            ),
            (
                "<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"…\">",
                Some(Importer::Feed),
            ),
            (
                "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}",
                Some(Importer::Feed),
            ),
            ("{\"name\": \"package\"}", None),
            ("<!DOCTYPE html>\n<html lang=\"en\">", Some(Importer::Html)),
            (
                "<?xml version=\"1.0\"?><!DOCTYPE html><html>",
                Some(Importer::Html),
            ),
            ("<svg xmlns=\"http://www.w3.org/2000/svg\">", None),
            ("Just some notes.\n", None),
        ];
        for (head, want) in cases {
            assert_eq!(Importer::sniff(head.as_bytes()), want, "{head}");
        }
    }
}
