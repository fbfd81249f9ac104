//! Plain-text listings (`.txt`): the text one gets by copying a site's
//! listing page.
//!
//! - An optional heading line (a short line) naming what the entries are
//!   about, optionally followed by one description paragraph, which is not
//!   an article. The heading becomes the entries' country or region when
//!   the archive uses it as one, else their section; `--section` sets the
//!   section instead.
//! - Then entries separated by blank lines: a title line followed by a teaser
//!   paragraph, or a teaser paragraph alone (its title is then derived from
//!   its first sentence, and marked as derived).
//! - A teaser's truncation marker (`[…]`, `[...]`, `…`, `...`) is a marker,
//!   not content: it is stripped. Every entry of a listing is an excerpt, and
//!   is marked as one.
//! - Identical entries collapse into one, with a warning naming both lines;
//!   a title with no teaser is kept (with a warning), never dropped. A short
//!   line ending the file is read as the last teaser, cut short by the copy.
//!
//! The first block is a heading when it is a short line followed by another
//! title line, or by a paragraph that does not end like a teaser and is not
//! the file's last block (descriptions do not end in `[…]`; teasers do,
//! but for the very last one, which a copy may cut mid-sentence).

use std::collections::HashMap;
use std::path::Path;

use broadsheet_core::{word_count, Direction};

use super::{Draft, Read, ReadOptions};
use crate::sanitize::sanitize_html;
use crate::text::{escape_text, teaser, SUMMARY_CHARS};
use crate::Diagnostic;

/// Longest line still read as a title (characters).
const TITLE_CHARS: usize = 160;
/// Longest line still read as a heading (words).
const HEADING_WORDS: usize = 8;
/// Longest derived title (characters, cut on a word).
const DERIVED_TITLE_CHARS: usize = 90;

/// A run of non-blank lines and the line number (1-based) it starts on.
struct Block<'a> {
    line: u32,
    lines: Vec<&'a str>,
}

impl Block<'_> {
    fn text(&self) -> String {
        self.lines
            .iter()
            .map(|l| l.trim())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// One short line that does not end like a sentence or a teaser.
    fn is_title(&self) -> bool {
        let [line] = self.lines[..] else {
            return false;
        };
        let line = line.trim();
        line.chars().count() <= TITLE_CHARS
            && strip_marker(line).is_none()
            && !line.ends_with(['.', ',', ';', ':'])
    }

    fn is_heading(&self) -> bool {
        self.is_title() && self.text().split_whitespace().count() <= HEADING_WORDS
    }
}

/// The text without its final truncation marker, if it has one.
pub(super) fn strip_marker(text: &str) -> Option<&str> {
    const MARKERS: [&str; 6] = ["[…]", "[...]", "[ … ]", "(…)", "…", "..."];
    let trimmed = text.trim_end();
    MARKERS
        .iter()
        .find_map(|m| trimmed.strip_suffix(m))
        .map(str::trim_end)
}

fn blocks(text: &str) -> Vec<Block<'_>> {
    let mut out: Vec<Block<'_>> = Vec::new();
    let mut current: Option<Block<'_>> = None;
    for (n, line) in (1u32..).zip(text.lines()) {
        if line.trim().is_empty() {
            out.extend(current.take());
        } else {
            current
                .get_or_insert(Block {
                    line: n,
                    lines: Vec::new(),
                })
                .lines
                .push(line);
        }
    }
    out.extend(current);
    out
}

/// One entry of the listing before it becomes a draft.
struct Item {
    line: u32,
    title: Option<String>,
    teaser: String,
}

/// Reads a listing file into one draft per entry.
pub fn read(file: &str, bytes: &[u8], options: &ReadOptions) -> Read {
    let path = Path::new(file);
    let mut diags = Vec::new();
    let text = match super::utf8(path, bytes, &mut diags) {
        Some(text) => text,
        None => return Read::of(Vec::new(), diags),
    };
    let (heading, items) = entries(&blocks(text), path, &mut diags);
    let language = crate::language::or_default([], &options.default_language);
    let section = options.section.clone();
    let mut seen: HashMap<(Option<String>, String), u32> = HashMap::new();
    let mut drafts = Vec::new();
    for item in items {
        let teaser_text = strip_marker(&item.teaser)
            .unwrap_or(&item.teaser)
            .to_string();
        if let Some(first) = seen.get(&(item.title.clone(), teaser_text.clone())) {
            diags.push(Diagnostic::warning(
                path,
                item.line,
                format!("the same entry as line {first}; merged into it"),
            ));
            continue;
        }
        seen.insert((item.title.clone(), teaser_text.clone()), item.line);
        let (title, title_derived) = match item.title {
            Some(title) => (title, false),
            None => (derive_title(&teaser_text), true),
        };
        let html = if teaser_text.is_empty() {
            String::new()
        } else {
            sanitize_html(&format!("<p>{}</p>", escape_text(&teaser_text)))
        };
        drafts.push(Draft {
            file: file.to_string(),
            origin: String::new(),
            line: item.line,
            title,
            date: None,
            authors: Vec::new(),
            section: section.clone(),
            regions: Vec::new(),
            countries: Vec::new(),
            tags: Vec::new(),
            language: language.clone(),
            dir: Direction::for_language(&language),
            summary: teaser(&teaser_text, SUMMARY_CHARS),
            slug: None,
            id: None,
            translation: None,
            html,
            words: word_count(&teaser_text),
            text: teaser_text,
            excerpt: true,
            title_derived,
            heading: heading.clone(),
            places: Vec::new(),
            body_file: None,
            pictures: Vec::new(),
            thumb: None,
            url: None,
        });
    }
    if drafts.is_empty() {
        diags.push(Diagnostic::warning(path, 1, "the listing has no entries"));
    }
    Read::of(drafts, diags)
}

/// The file's heading (its first block, when a description or an entry
/// follows), and its entries: a title and a teaser each, or a teaser alone.
fn entries(
    blocks: &[Block],
    path: &Path,
    diags: &mut Vec<Diagnostic>,
) -> (Option<String>, Vec<Item>) {
    let starts_with_heading = match blocks {
        [first, second, ..] if first.is_heading() && second.is_title() => true,
        [first, second, _, ..] => {
            first.is_heading() && strip_marker(&second.text()).is_none() && !second.is_title()
        }
        _ => false,
    };
    let mut rest = blocks.iter().peekable();
    let mut heading = None;
    if starts_with_heading {
        heading = rest.next().map(Block::text);
        if rest.peek().is_some_and(|b| !b.is_title()) {
            rest.next(); // the description
        }
    }

    let mut items = Vec::new();
    while let Some(block) = rest.next() {
        // A short line at the very end is the copy's last teaser, cut short,
        // not a title (an entry is a title and a teaser, or a teaser).
        if block.is_title() && rest.peek().is_some() {
            match rest.next_if(|b| !b.is_title()) {
                Some(teaser) => items.push(Item {
                    line: block.line,
                    title: Some(block.text()),
                    teaser: teaser.text(),
                }),
                None => {
                    diags.push(Diagnostic::warning(
                        path,
                        block.line,
                        format!("“{}” has no teaser; kept as a title alone", block.text()),
                    ));
                    items.push(Item {
                        line: block.line,
                        title: Some(block.text()),
                        teaser: String::new(),
                    });
                }
            }
        } else {
            items.push(Item {
                line: block.line,
                title: None,
                teaser: block.text(),
            });
        }
    }

    (heading, items)
}

/// A title from a teaser: its first sentence, cut on a word boundary.
pub(super) fn derive_title(teaser_text: &str) -> String {
    let first_sentence = teaser_text
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, '.' | '!' | '?' | '।' | '۔')
                && teaser_text[i + c.len_utf8()..].starts_with(' ')
        })
        .map_or(teaser_text, |(i, c)| &teaser_text[..i + c.len_utf8()]);
    teaser(first_sentence.trim_end_matches('.'), DERIVED_TITLE_CHARS)
}

#[cfg(test)]
mod tests;
