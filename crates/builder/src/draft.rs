//! [`Draft`]: one article as the pipeline carries it between stages, from
//! import to index. A leaf: it knows only the core's types.

use broadsheet_core::{Date, Direction};

/// An article read from a source, checked and sanitized, before it is given
/// its place in a bundle (ids, slugs and term indices come later).
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Draft {
    /// The source file's path as given (diagnostics name it so).
    pub file: String,
    /// The same path inside its source folder, `/`-separated
    /// (`articles/x.md`): what the bundle records, so a build does not
    /// depend on where the sources lie. Set by the import stage.
    pub origin: String,
    pub line: u32,
    pub title: String,
    pub date: Option<Date>,
    pub authors: Vec<String>,
    pub section: Option<String>,
    pub regions: Vec<String>,
    pub countries: Vec<String>,
    pub tags: Vec<String>,
    pub language: String,
    pub dir: Direction,
    /// Plain text teaser.
    pub summary: String,
    pub slug: Option<String>,
    pub id: Option<String>,
    pub translation: Option<String>,
    /// Sanitized HTML.
    pub html: String,
    /// The body as plain text, for the search index.
    pub text: String,
    pub words: u32,
    /// Only a teaser of the article is known (listings).
    pub excerpt: bool,
    /// The title was made from the text's first sentence.
    pub title_derived: bool,
    /// The heading of the listing it came from, placed once every source is
    /// read (by the normalize stage).
    pub heading: Option<String>,
    /// Places the source names (JSON-LD `contentLocation`): placed like a
    /// heading, but a place that is neither a country nor a region becomes a
    /// tag, never a section.
    pub places: Vec<String>,
    /// The article's address on its original site (canonical URL, feed
    /// link), if the source gives one.
    pub url: Option<String>,
    /// The file its body was read from, when that is not `file` (a
    /// duplicate's fuller text was kept: `origin` is that file's too). Its
    /// pictures lie beside it.
    #[serde(default)]
    pub body_file: Option<String>,
    /// The picture files its body shows (set by the pictures stage).
    #[serde(default)]
    pub pictures: Vec<broadsheet_core::ShardRef>,
    /// Its card's small picture (set by the pictures stage when the
    /// archive asks for them).
    #[serde(default)]
    pub thumb: Option<broadsheet_core::pictures::Thumb>,
}
