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

fn to_draft(
    file: &str,
    front: &Front,
    fm: FrontMatter,
    body: &str,
    body_line: u32,
    options: &ReadOptions,
    diags: &mut Vec<Diagnostic>,
) -> Option<Draft> {
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
    let date = match fm.date.map(Scalar::into_text) {
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
mod tests {
    use super::*;

    fn opts() -> ReadOptions {
        ReadOptions::default()
    }

    fn read_str(text: &str) -> (Option<Draft>, Vec<String>) {
        let (d, diags) = read("a.md", text.as_bytes(), &opts());
        (d, diags.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn reads_yaml_front_matter() {
        let (d, diags) = read_str(
            "---\ntitle: \"Dock workers  win\"\ndate: 2021-05-01\nauthors: [A One, B Two]\nsection: News\n\
             countries: Chile\ntags: [strikes, wages, strikes]\n---\n\nFirst paragraph here.\n\nSecond.\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let d = d.unwrap();
        assert_eq!(d.title, "Dock workers win");
        assert_eq!(d.date.unwrap().to_string(), "2021-05-01");
        assert_eq!(d.authors, ["A One", "B Two"]);
        assert_eq!(d.countries, ["Chile"]);
        assert_eq!(d.tags, ["strikes", "wages"]);
        assert_eq!(d.summary, "First paragraph here.");
        assert_eq!(d.language, "en");
        assert_eq!(d.dir, Direction::Ltr);
        assert_eq!(d.words, 4);
    }

    #[test]
    fn reads_toml_front_matter_and_urdu_direction() {
        let (d, diags) = read_str(
            "+++\ntitle = \"لاہور میں اجلاس\"\ndate = 2019-05-01\nlanguage = \"ur\"\n+++\nمتن\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let d = d.unwrap();
        assert_eq!(d.dir, Direction::Rtl);
        assert_eq!(d.date.unwrap().to_string(), "2019-05-01");
    }

    #[test]
    fn problems_name_the_line() {
        let cases: &[(&str, &str)] = &[
            ("no front matter", "a.md:1: error: no front matter"),
            (
                "---\ntitle: x\nbody",
                "a.md:1: error: front matter is never closed",
            ),
            (
                "---\ntitle: x\ndate: 2021-02-30\n---\nb",
                "a.md:3: error: bad date: day 30 does not exist",
            ),
            (
                "---\ntitle: x\ntittle: y\n---\nb",
                "a.md:3: error: front matter: unknown field `tittle`",
            ),
            (
                "---\ndate: 2020-01-01\n---\nb",
                "a.md:1: error: the article has no title",
            ),
            (
                "---\ntitle: x\nlanguage: english!\n---\nb",
                "a.md:3: error: `english!` is not a BCP 47",
            ),
            ("---\ntitle: [unclosed\n---\nb", "a.md:"),
            (
                "---\ntitle: x\nslug: Not A Slug\n---\nb",
                "a.md:3: error: slug `Not A Slug` must be",
            ),
            (
                "+++\ntitle = \"x\"\ndate = \"yesterday\"\n+++\nb",
                "a.md:3: error: bad date",
            ),
            (
                "---\ntitle: x\n---\n",
                "a.md:4: warning: the article body is empty",
            ),
        ];
        for (input, want) in cases {
            let (_, diags) = read_str(input);
            assert!(
                diags.iter().any(|d| d.starts_with(want)),
                "input {input:?}: want {want:?}, got {diags:?}"
            );
        }
    }

    #[test]
    fn invalid_utf8_is_reported_with_its_line() {
        let (d, diags) = read("a.md", b"---\ntitle: x\n---\nok\n\xff\xfe", &opts());
        assert!(d.is_none());
        assert_eq!(
            diags[0].to_string(),
            "a.md:5: error: file is not valid UTF-8"
        );
    }

    #[test]
    fn drafts_are_skipped_quietly() {
        let (d, diags) = read_str("---\ntitle: x\ndraft: true\n---\nbody");
        assert!(d.is_none() && diags.is_empty());
    }
}
