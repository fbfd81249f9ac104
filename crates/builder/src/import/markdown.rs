//! Markdown files with YAML (`---`) or TOML (`+++`) front matter.

use std::path::Path;

use broadsheet_core::{word_count, Date, Direction};
use serde::{Deserialize, Deserializer};

use super::render::render_markdown;
use super::{Draft, ReadOptions};
use crate::text::{clean_line, line_of_offset, teaser};
use crate::Diagnostic;

/// Longest derived teaser, in characters.
const TEASER_CHARS: usize = 240;

/// The front matter keys we accept; anything else is an error, so a typo
/// (`tittle:`) is caught instead of silently dropping data.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: Option<String>,
    date: Option<Scalar>,
    #[serde(default, deserialize_with = "one_or_many")]
    authors: Vec<String>,
    author: Option<String>,
    section: Option<String>,
    #[serde(default, deserialize_with = "one_or_many")]
    regions: Vec<String>,
    region: Option<String>,
    #[serde(default, deserialize_with = "one_or_many")]
    countries: Vec<String>,
    country: Option<String>,
    #[serde(default, deserialize_with = "one_or_many")]
    tags: Vec<String>,
    #[serde(alias = "lang")]
    language: Option<String>,
    dir: Option<String>,
    #[serde(alias = "description", alias = "teaser")]
    summary: Option<String>,
    slug: Option<String>,
    id: Option<Scalar>,
    translation: Option<String>,
    /// The article's address on its original site.
    #[serde(alias = "canonical")]
    url: Option<String>,
    #[serde(default)]
    draft: bool,
}

/// A YAML/TOML scalar we want as text whatever its type (`date: 2021-05-01`
/// is a string in YAML but a date in TOML; `id: 42` is a number).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Scalar {
    Text(String),
    Int(i64),
    Toml(toml::value::Datetime),
}

impl Scalar {
    fn into_text(self) -> String {
        match self {
            Scalar::Text(s) => s,
            Scalar::Int(i) => i.to_string(),
            Scalar::Toml(d) => d.to_string(),
        }
    }
}

fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match Option::<OneOrMany>::deserialize(d)? {
        None => vec![],
        Some(OneOrMany::One(s)) => vec![s],
        Some(OneOrMany::Many(v)) => v,
    })
}

/// Reads one Markdown file. Returns the draft (none when the file has an
/// error, or is marked `draft: true`) and every problem found.
pub fn read(file: &str, bytes: &[u8], options: &ReadOptions) -> (Option<Draft>, Vec<Diagnostic>) {
    let path = Path::new(file);
    let mut diags = Vec::new();
    let Some(text) = super::utf8(path, bytes, &mut diags) else {
        return (None, diags);
    };
    let (front, body, body_line) = match split_front_matter(text) {
        Ok(parts) => parts,
        Err((line, msg)) => {
            diags.push(Diagnostic::error(path, line, msg));
            return (None, diags);
        }
    };
    let fm = match front.parse() {
        Ok(fm) => fm,
        Err((line, msg)) => {
            diags.push(Diagnostic::error(path, line, msg));
            return (None, diags);
        }
    };
    if fm.draft {
        return (None, diags);
    }
    let draft = to_draft(file, &front, fm, body, body_line, options, &mut diags);
    (draft, diags)
}

/// The front matter block: its syntax, text and the line it starts on.
struct Front<'a> {
    toml: bool,
    text: &'a str,
    /// Line of the first front matter line (after the opening fence).
    first_line: u32,
}

impl Front<'_> {
    fn parse(&self) -> Result<FrontMatter, (u32, String)> {
        if self.text.trim().is_empty() {
            return Ok(FrontMatter::default());
        }
        if self.toml {
            toml::from_str(self.text).map_err(|e| {
                let line = e
                    .span()
                    .map(|s| line_of_offset(self.text.as_bytes(), s.start) - 1)
                    .unwrap_or(0);
                (
                    self.first_line + line,
                    format!("front matter: {}", e.message()),
                )
            })
        } else {
            serde_norway::from_str(self.text).map_err(|e| {
                let line = e.location().map(|l| l.line() as u32).unwrap_or(1);
                let msg = e.to_string();
                let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
                (self.first_line + line - 1, format!("front matter: {msg}"))
            })
        }
    }

    /// The line where `key` is set, for pointing at a bad value.
    fn line_of_key(&self, key: &str) -> u32 {
        self.text
            .lines()
            .position(|l| {
                let l = l.trim_start();
                l.strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with([':', '=']))
            })
            .map(|i| self.first_line + i as u32)
            .unwrap_or(self.first_line.saturating_sub(1))
    }
}

/// Splits `---`/`+++` front matter from the body. Returns the front matter,
/// the body, and the line the body starts on.
fn split_front_matter(text: &str) -> Result<(Front<'_>, &str, u32), (u32, String)> {
    let first = text.lines().next().unwrap_or("").trim_end();
    let (fence, toml) = match first {
        "---" => ("---", false),
        "+++" => ("+++", true),
        _ => {
            return Err((
                1,
                "no front matter: the file must start with a `---` (YAML) or `+++` (TOML) line"
                    .into(),
            ))
        }
    };
    let after_open = &text[text.find('\n').map_or(text.len(), |i| i + 1)..];
    let mut offset = 0;
    for (i, line) in after_open.split_inclusive('\n').enumerate() {
        if line.trim_end() == fence {
            let front = Front {
                toml,
                text: &after_open[..offset],
                first_line: 2,
            };
            let body = &after_open[offset + line.len()..];
            return Ok((front, body, i as u32 + 3));
        }
        offset += line.len();
    }
    Err((
        1,
        format!("front matter is never closed: no `{fence}` line after the first"),
    ))
}

/// The fields a writer can get wrong, checked: each mistake is reported at
/// its key's line, and any one of them leaves the article out (`None`).
struct Checked {
    title: String,
    date: Option<Date>,
    language: String,
    dir: Direction,
    slug: Option<String>,
}

fn check(
    file: &str,
    front: &Front,
    fm: &mut FrontMatter,
    options: &ReadOptions,
    diags: &mut Vec<Diagnostic>,
) -> Option<Checked> {
    let path = Path::new(file);
    let mut failed = false;
    let mut error = |key: &str, msg: String| {
        diags.push(Diagnostic::error(path, front.line_of_key(key), msg));
        failed = true;
    };

    let title = fm.title.as_deref().map(clean_line).unwrap_or_default();
    if title.is_empty() {
        error(
            "title",
            "the article has no title (front matter `title`)".into(),
        );
    }
    let date = match fm.date.take().map(Scalar::into_text) {
        None => None,
        Some(s) if s.trim().is_empty() => None,
        Some(s) => match Date::parse(&s) {
            Ok(d) => Some(d),
            Err(e) => {
                error("date", format!("bad date: {e}"));
                None
            }
        },
    };
    let language = fm
        .language
        .take()
        .map(|l| l.trim().to_string())
        .unwrap_or_else(|| options.default_language.clone());
    let language = match crate::language::normalize_language(&language) {
        Some(l) => l,
        None => {
            error(
                "language",
                format!("`{language}` is not a BCP 47 language tag (e.g. `en`, `ur`, `pt-BR`)"),
            );
            String::new()
        }
    };
    let dir = match fm.dir.as_deref().map(str::trim) {
        None | Some("" | "auto") => Direction::for_language(&language),
        Some("rtl") => Direction::Rtl,
        Some("ltr") => Direction::Ltr,
        Some(other) => {
            error(
                "dir",
                format!("`dir` must be `ltr` or `rtl`, not `{other}`"),
            );
            Direction::Ltr
        }
    };
    let slug = fm
        .slug
        .take()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    if let Some(s) = &slug {
        if !crate::slug::is_slug(s) {
            error(
                "slug",
                format!(
                    "slug `{s}` must be lower-case ASCII letters, digits and single dashes (try `{}`)",
                    crate::slug::slugify(s)
                ),
            );
        }
    }
    if failed {
        return None;
    }
    Some(Checked {
        title,
        date,
        language,
        dir,
        slug,
    })
}

fn to_draft(
    file: &str,
    front: &Front,
    mut fm: FrontMatter,
    body: &str,
    body_line: u32,
    options: &ReadOptions,
    diags: &mut Vec<Diagnostic>,
) -> Option<Draft> {
    let Checked {
        title,
        date,
        language,
        dir,
        slug,
    } = check(file, front, &mut fm, options, diags)?;
    let path = Path::new(file);

    let rendered = render_markdown(body);
    let words = word_count(&rendered.text);
    if words == 0 {
        diags.push(Diagnostic::warning(
            path,
            body_line,
            "the article body is empty",
        ));
    }
    let summary = match fm.summary.as_deref().map(clean_line) {
        Some(s) if !s.is_empty() => s,
        _ => teaser(&rendered.first_paragraph, TEASER_CHARS),
    };
    let mut authors = fm.authors;
    authors.extend(fm.author);
    let mut regions = fm.regions;
    regions.extend(fm.region);
    let mut countries = fm.countries;
    countries.extend(fm.country);
    Some(Draft {
        file: file.to_string(),
        origin: String::new(),
        line: 1,
        title,
        date,
        authors: clean_list(authors),
        section: fm
            .section
            .map(|s| clean_line(&s))
            .filter(|s| !s.is_empty())
            .or_else(|| options.section.clone()),
        regions: clean_list(regions),
        countries: clean_list(countries),
        tags: clean_list(fm.tags),
        language,
        dir,
        summary,
        slug,
        id: fm
            .id
            .map(Scalar::into_text)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        translation: fm
            .translation
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        html: rendered.html,
        text: rendered.text,
        words,
        excerpt: false,
        title_derived: false,
        heading: None,
        places: Vec::new(),
        body_file: None,
        pictures: Vec::new(),
        thumb: None,
        url: fm
            .url
            .map(|u| u.trim().to_string())
            .filter(|u| !u.is_empty()),
    })
}

fn clean_list(items: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    for item in items {
        let item = clean_line(&item);
        if !item.is_empty() && !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

#[cfg(test)]
mod tests;
