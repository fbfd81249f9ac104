//! Static pages around the reader: its shell (`index.html`, written by
//! Trunk) copied once per article as `articles/<slug>.html` (the address
//! `/articles/<slug>` on GitHub Pages and our server), and the shell itself,
//! each with the page's content already in it: title, description,
//! canonical address, and the article (or the first page of the list) as
//! plain HTML.
//!
//! So a page reads before its script runs (and without one), search
//! engines and link previews see each article, and a deep link answers
//! 200, not the 404 fallback. The reader replaces the prerendered content
//! once its own is ready (`src/prerender.rs`). Article bodies are the
//! bundle's, already sanitized.

use std::collections::HashMap;
use std::error::Error;
use std::fmt::Write as _;
use std::io;
use std::path::Path;

use broadsheet_core::i18n::Words;
use broadsheet_core::{
    article_count, list_heading, prerender, Body, BodyShard, Card, Entry, Manifest, Query,
    PAGE_SIZE, UNDATED,
};

use super::{budget, csp, shell};
use crate::bundle::{decode, Files, Opened};
use crate::config::RemoteImages;
use crate::text::escape_text as escape;

/// What to write besides the list's page.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// A page per article (`articles/<slug>.html`).
    pub article_pages: bool,
    /// The image policy: the pages' Content-Security-Policy allows images
    /// from other hosts only when the archive keeps them.
    pub images: RemoteImages,
    /// The most bytes the published folder may hold: past it, older
    /// articles get a page with their summary instead of their whole text
    /// (see `budget.rs`).
    pub max_site_bytes: Option<u64>,
}

/// Writes the pages into `dir` (where the reader's `index.html` is) for the
/// bundle read from `bundle`, served at `base` (ending in `/`); nothing when
/// `dir` holds no reader. Returns the paths written, relative to `dir`, and
/// how many article pages carry only a summary.
pub fn write(
    dir: &Path,
    base: &str,
    bundle: &dyn Files,
    opened: &Opened,
    options: Options,
) -> Result<(Vec<String>, usize), Box<dyn Error>> {
    let Opened {
        manifest, entries, ..
    } = opened;
    let shell_path = dir.join("index.html");
    let shell = match std::fs::read_to_string(&shell_path) {
        Ok(shell) => shell,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((Vec::new(), 0)),
        Err(e) => return Err(format!("cannot read {}: {e}", shell_path.display()).into()),
    };
    let at = |e: String| format!("{}: {e}", shell_path.display());
    let parts = shell::split(&strip_prerendered(&shell)).map_err(at)?;
    let mut written = Vec::new();
    if let Some(style) = &parts.style {
        stable_style(dir, style)?;
    }
    let full = csp::seal(&parts.full, options.images).map_err(at)?;
    let lean = csp::seal(&parts.lean, options.images).map_err(at)?;
    let words = super::words::of_site(manifest);
    // The fallback page for deep links is the shell too: same policy, same
    // language.
    let fallback = dir.join("404.html");
    if let Ok(page) = std::fs::read_to_string(&fallback) {
        let at = |e: String| format!("{}: {e}", fallback.display());
        let page = shell::split(&page).map_err(at)?.full;
        let page = csp::seal(&page, options.images).map_err(at)?;
        write_if_changed(&fallback, in_language(&page, &words))?;
    }
    let site = &manifest.site;
    let (full, lean) = (in_language(&full, &words), in_language(&lean, &words));
    if let Some(loader) = &parts.loader {
        write_if_changed(&dir.join(shell::LOADER), shell::with_notice(loader, &full))?;
        written.push(shell::LOADER.to_string());
    }
    let masthead = masthead(manifest);

    let description = site.summary();
    let list = list_page(manifest, entries, &masthead, &words);
    write_if_changed(
        &shell_path,
        page(&full, &site.title, &description, base, "/", &list),
    )?;
    written.push("index.html".to_string());
    if !options.article_pages {
        return Ok((written, 0));
    }

    let pages = ArticlePages {
        manifest,
        words: &words,
        masthead: &masthead,
        shell: &lean,
        base,
    };
    let summaries = write_articles(dir, bundle, opened, &pages, options, &mut written)?;
    Ok((written, summaries))
}

/// Writes every article's page (its whole text, or within
/// `options.max_site_bytes` perhaps its summary), adding their paths to
/// `written`; returns how many carry the summary only.
fn write_articles(
    dir: &Path,
    bundle: &dyn Files,
    opened: &Opened,
    pages: &ArticlePages,
    options: Options,
    written: &mut Vec<String>,
) -> Result<usize, Box<dyn Error>> {
    let entries = &opened.entries;
    std::fs::create_dir_all(dir.join("articles"))?;
    let position: HashMap<&str, usize> = (entries.iter().enumerate())
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    // Every article's body, with its place in the list, a shard at a time.
    let each_body = |visit: &mut dyn FnMut(usize, &Body) -> io::Result<()>| {
        for (_, shard_ref) in opened.body_shards() {
            let bytes = bundle.read(&shard_ref)?;
            let shard = decode(&shard_ref.path, &bytes, BodyShard::from_json)?;
            for body in &shard.bodies {
                if let Some(&i) = position.get(body.id.as_str()) {
                    visit(i, body)?;
                }
            }
        }
        Ok::<(), Box<dyn Error>>(())
    };
    // Within a size budget, older articles get a summary page: first every
    // page is measured both ways.
    let whole = match options.max_site_bytes {
        None => None,
        Some(budget) => {
            let mut sizes: Vec<budget::Sizes> = (entries.iter())
                .map(|entry| budget::Sizes {
                    full: 0,
                    summary: pages.summary(entry).len() as u64,
                })
                .collect();
            each_body(&mut |i, body| {
                sizes[i].full = pages.full(&entries[i], &body.html).len() as u64;
                Ok(())
            })?;
            let linked = super::feeds::linked(&opened.manifest, entries);
            let forced: Vec<bool> = (entries.iter())
                .map(|e| linked.contains(e.id.as_str()))
                .collect();
            let rest = budget::rest_of_site(dir, entries.iter().map(ArticlePages::path))?;
            Some(budget::plan(budget, rest, &sizes, &forced)?)
        }
    };
    each_body(&mut |i, body| {
        let entry = &entries[i];
        let text = match &whole {
            Some(whole) if !whole[i] => pages.summary(entry),
            _ => pages.full(entry, &body.html),
        };
        let path = ArticlePages::path(entry);
        write_if_changed(&dir.join(&path), text)?;
        written.push(path);
        Ok(())
    })?;
    Ok(whole.map_or(0, |w| w.iter().filter(|whole| !**whole).count()))
}

/// What every article page shares, and the two kinds of page: the article
/// whole, or (past a size budget) its head and summary.
struct ArticlePages<'a> {
    manifest: &'a Manifest,
    words: &'a Words,
    masthead: &'a str,
    /// The lean shell ([`shell::Shell::lean`]), in the site's language.
    shell: &'a str,
    base: &'a str,
}

impl ArticlePages<'_> {
    fn path(entry: &Entry) -> String {
        format!("articles/{}.html", entry.slug)
    }

    /// The page with the article's whole text (`html`, as its body shard
    /// holds it).
    fn full(&self, entry: &Entry, html: &str) -> String {
        // The shell's `<base href>` is the site's root, where the bundle
        // folder is.
        let html = broadsheet_core::pictures::rebase(html, "bundle/");
        self.page(entry, &html)
    }

    /// The page with the article's head and summary, and a note that its
    /// whole text is the reader's (which replaces this copy when it runs).
    fn summary(&self, entry: &Entry) -> String {
        let mut html = String::new();
        if !entry.summary.is_empty() {
            let _ = write!(html, "<p>{}</p>", escape(&entry.summary));
        }
        let _ = write!(
            html,
            "<p class=\"summary-only\">{}</p>",
            escape(&self.words.text("static.summary-only"))
        );
        self.page(entry, &html)
    }

    fn page(&self, entry: &Entry, html: &str) -> String {
        let content = article_page(self.manifest, entry, html, self.masthead, self.words);
        page(
            self.shell,
            &format!("{} · {}", entry.title, self.manifest.site.title),
            &entry.summary,
            &format!("{}articles/{}", self.base, entry.slug),
            &format!("/articles/{}", entry.slug),
            &content,
        )
    }
}

/// Trunk's hashed style sheet moved to the name every page links: the
/// lean article pages of earlier builds link it too.
fn stable_style(dir: &Path, hashed: &str) -> io::Result<()> {
    let from = dir.join(hashed);
    let to = dir.join(shell::STYLE);
    if from.is_file() {
        let bytes = std::fs::read(&from)?;
        write_if_changed(&to, &bytes)?;
        std::fs::remove_file(from)?;
    } else if !to.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!(
                "{} links {hashed}, which is not there",
                dir.join("index.html").display()
            ),
        ));
    }
    Ok(())
}

/// Writes a page unless the file already holds exactly it: an unchanged
/// page keeps its time, so a copy made by time (rsync, a host's upload)
/// skips it.
fn write_if_changed(path: &Path, bytes: impl AsRef<[u8]>) -> io::Result<()> {
    let bytes = bytes.as_ref();
    match std::fs::read(path) {
        Ok(old) if old == bytes => Ok(()),
        _ => std::fs::write(path, bytes),
    }
}

/// The shell as Trunk wrote it, without what an earlier run added (so the
/// builder can run again on the same folder).
fn strip_prerendered(shell: &str) -> String {
    let mut out = String::with_capacity(shell.len());
    let mut rest = shell;
    while let Some(at) = rest.find(prerender::START) {
        out.push_str(&rest[..at]);
        match rest[at..].find(prerender::END) {
            Some(end) => rest = &rest[at + end + prerender::END.len()..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The shell with a page's head and content put in.
fn page(
    shell: &str,
    title: &str,
    description: &str,
    url: &str,
    route: &str,
    content: &str,
) -> String {
    let title = escape(title);
    let (start, end) = (prerender::START, prerender::END);
    let head = format!(
        "{start}<meta name=\"description\" content=\"{}\" {}>\
         <link rel=\"canonical\" href=\"{}\">{end}",
        escape(description),
        prerender::HEAD_ATTRIBUTE,
        escape(url)
    );
    let body = format!(
        "{start}<div id=\"{}\" {}=\"{}\">{content}</div>{end}",
        prerender::CONTENT_ID,
        prerender::ROUTE_ATTRIBUTE,
        escape(route)
    );
    let mut out = shell.to_string();
    if let (Some(start), Some(end)) = (out.find("<title>"), out.find("</title>")) {
        out.replace_range(
            start..end + "</title>".len(),
            &format!("<title>{title}</title>"),
        );
    }
    if let Some(at) = out.find("</head>") {
        out.insert_str(at, &head);
    }
    if let Some(at) = out.find("<body>") {
        out.insert_str(at + "<body>".len(), &body);
    }
    out
}

fn masthead(manifest: &Manifest) -> String {
    let site = &manifest.site;
    let mut out = format!(
        "<header class=\"masthead\"><a class=\"site-title\" href=\"./\">{}</a>",
        escape(&site.title)
    );
    if !site.description.is_empty() {
        let _ = write!(
            out,
            "<p class=\"site-description\">{}</p>",
            escape(&site.description)
        );
    }
    out.push_str("</header>");
    out
}

/// The section over a title: a link to the section's list on an article,
/// plain on a card (whose title is the link).
fn kicker(card: &Card, linked: bool) -> String {
    card.section
        .map(|t| match linked {
            true => format!(
                "<a class=\"kicker\" href=\"./?section={}\">{}</a>",
                escape(&t.key),
                escape(&t.label)
            ),
            false => format!("<p class=\"kicker\">{}</p>", escape(&t.label)),
        })
        .unwrap_or_default()
}

/// The shell's `<html>` in the site's language: `lang`, `dir`, and
/// `data-site-lang`, the default the reader's language choice falls back to.
/// The shell's fixed words, marked `data-message="key"` in `index.html`:
/// an element's text, or the `title` or `content` attribute right after the
/// mark. Written in the site's language, the marks kept (a later build in
/// another language finds them again).
const SHELL_MESSAGES: [&str; 3] = ["shell.noscript", "shell.failed", "shell.feed"];

fn shell_words(shell: &str, words: &Words) -> String {
    let mut out = shell.to_string();
    for key in SHELL_MESSAGES {
        let mark = format!("data-message=\"{key}\"");
        let Some(after) = out.find(&mark).map(|at| at + mark.len()) else {
            continue;
        };
        let rest = &out[after..];
        let span = if rest.starts_with('>') {
            rest.find('<').map(|end| 1..end)
        } else if rest.starts_with(" title=\"") || rest.starts_with(" content=\"") {
            let start = rest.find('"').map_or(0, |q| q + 1);
            rest[start..].find('"').map(|end| start..start + end)
        } else {
            None
        };
        if let Some(span) = span {
            out.replace_range(
                after + span.start..after + span.end,
                &escape(&words.text(key)),
            );
        }
    }
    out
}

fn in_language(shell: &str, words: &Words) -> String {
    let shell = &shell_words(shell, words);
    let language = words.language;
    let tag = format!(
        "<html lang=\"{0}\" dir=\"{1}\" data-site-lang=\"{0}\">",
        language.code,
        language.dir()
    );
    match shell
        .find("<html")
        .and_then(|at| Some((at, at + shell[at..].find('>')? + 1)))
    {
        Some((start, end)) => format!("{}{tag}{}", &shell[..start], &shell[end..]),
        None => shell.to_string(),
    }
}

fn byline(card: &Card, words: &Words) -> String {
    let authors: Vec<String> = card.authors.iter().map(|t| escape(&t.label)).collect();
    let separator = words.text("app.separator");
    let mut out = String::from("<p class=\"byline\">");
    if !authors.is_empty() {
        let _ = write!(
            out,
            "<span class=\"authors\">{}</span>",
            authors.join(&*separator)
        );
    }
    match &card.date {
        Some((iso, long)) => {
            let _ = write!(out, "<time datetime=\"{iso}\">{long}</time>");
        }
        None => {
            let _ = write!(
                out,
                "<span class=\"undated\">{}</span>",
                words.text(UNDATED)
            );
        }
    }
    out.push_str("</p>");
    out
}

fn article_page(
    manifest: &Manifest,
    entry: &Entry,
    html: &str,
    masthead: &str,
    words: &Words,
) -> String {
    let card = Card::of(entry, &manifest.taxonomy, words);
    format!(
        "{masthead}<main id=\"main\"><article class=\"article\" lang=\"{lang}\" dir=\"{dir}\">\
         <header class=\"article-head\">{kicker}<h1>{title}</h1>{byline}</header>\
         <div class=\"article-body\">{html}</div></article></main>",
        lang = escape(card.language),
        dir = entry.dir.as_str(),
        kicker = kicker(&card, true),
        title = escape(&entry.title),
        byline = byline(&card, words),
    )
}

fn list_page(manifest: &Manifest, entries: &[Entry], masthead: &str, words: &Words) -> String {
    let mut cards = String::new();
    for entry in entries.iter().take(PAGE_SIZE) {
        let card = Card::of(entry, &manifest.taxonomy, words);
        let _ = write!(
            cards,
            "<li><article class=\"card\" lang=\"{lang}\" dir=\"{dir}\">{thumb}{kicker}\
             <h2 class=\"card-title\"><a href=\"articles/{slug}\">{title}</a></h2>{byline}{teaser}</article></li>",
            lang = escape(card.language),
            dir = entry.dir.as_str(),
            thumb = thumb(entry),
            kicker = kicker(&card, false),
            slug = escape(&entry.slug),
            title = escape(&entry.title),
            byline = byline(&card, words),
            teaser = if entry.summary.is_empty() {
                String::new()
            } else {
                format!("<p class=\"teaser\">{}</p>", escape(&entry.summary))
            },
        );
    }
    let count = article_count(entries.len(), words);
    let heading = list_heading(&Query::default(), words);
    format!(
        "{masthead}<main id=\"main\"><div class=\"list-layout\"><div class=\"facets\"></div>\
         <section class=\"list\"><header class=\"list-head\">\
         <h1>{heading}</h1><p class=\"count\">{count}</p></header>\
         <ol class=\"cards\">{cards}</ol></section></div></main>"
    )
}

/// A card's thumbnail as the list page shows it (the bundle folder
/// beside the page), or nothing.
fn thumb(entry: &Entry) -> String {
    let Some(thumb) = &entry.thumb else {
        return String::new();
    };
    match thumb.address("bundle/") {
        Some(src) => format!(
            "<img class=\"card-thumb\" src=\"{src}\" width=\"{}\" height=\"{}\" alt=\"\" \
             loading=\"lazy\" decoding=\"async\">",
            thumb.width, thumb.height
        ),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHELL: &str = "<!doctype html><html><head><title>Broadsheet</title></head>\
                         <body><noscript>x</noscript></body></html>";

    #[test]
    fn the_shells_fixed_words_are_in_the_sites_language_every_time() {
        let shell = include_str!("../../../../index.html");
        for key in SHELL_MESSAGES {
            assert!(
                shell.contains(&format!("data-message=\"{key}\"")),
                "index.html lacks {key}"
            );
        }
        let urdu = super::super::words::of_language("ur");
        let once = in_language(shell, &urdu);
        for key in SHELL_MESSAGES {
            let text = escape(&urdu.text(key));
            assert!(once.contains(&*text), "{key}: {text}");
        }
        assert!(!once.contains("needs JavaScript") && !once.contains("All articles"));
        assert!(!once.contains("could not start in this browser, so"));
        // Made again in another language, from the Urdu page.
        let french = super::super::words::of_language("fr");
        let again = in_language(&once, &french);
        assert!(
            again.contains("Tous les articles")
                && !again.contains(&*escape(&urdu.text("shell.feed")))
        );
        assert_eq!(again.matches("data-message=").count(), SHELL_MESSAGES.len());
    }

    #[test]
    fn a_page_carries_its_head_and_content_and_can_be_made_again() {
        let once = page(
            SHELL,
            "A & B",
            "Says \"so\"",
            "https://e.org/a",
            "/articles/a",
            "<p>Hi</p>",
        );
        assert!(once.contains("<title>A &amp; B</title>"));
        assert!(once.contains("content=\"Says &quot;so&quot;\" data-prerender"));
        assert!(once.contains("<link rel=\"canonical\" href=\"https://e.org/a\">"));
        assert!(once.contains("<body><!--prerender--><div id=\"prerender\" data-route=\"/articles/a\"><p>Hi</p></div>"));
        // Run again on its own output: the same page, not a second copy.
        let twice = page(
            &strip_prerendered(&once),
            "A & B",
            "Says \"so\"",
            "https://e.org/a",
            "/articles/a",
            "<p>Hi</p>",
        );
        assert_eq!(twice, once);
    }
}
