//! Command-line arguments, as parsed (checked and derived in each command).

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

/// Broadsheet: build static, offline-first article archives.
#[derive(Debug, Parser)]
#[command(name = "broadsheet", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read article sources and write a bundle the reader can load.
    Build(BuildArgs),
    /// Write one self-contained HTML file (reader and articles inside) that
    /// opens from `file://` with no network at all.
    Pack(PackArgs),
    /// List the articles of a built bundle.
    Ls(LsArgs),
    /// Search a built bundle, best matches first (the reader's engine).
    Search(SearchArgs),
    /// Measure a published folder against the limits of static hosts
    /// (size, files, largest file, files in one folder); fails when it goes
    /// over one.
    Check(CheckArgs),
    /// Bring a copy of a published site (or bundle folder) up to date from
    /// another copy or a build folder: copies only what it lacks, checks
    /// every file against its recorded hash, writes the manifest last, and
    /// removes what no edition needs after a grace period.
    Mirror(MirrorArgs),
    /// Seal a built site for offline reading again (its `sw.js`), after its
    /// files were changed by hand; `build --site-files` seals it itself.
    Seal(SealArgs),
}

/// What to read and how: shared by `build` and `pack`.
#[derive(Debug, Args)]
pub struct SourceArgs {
    /// Source files or folders (folders are searched recursively; each
    /// file's importer is chosen by its extension or content). Without any,
    /// the config's `[[sources]]`.
    pub sources: Vec<PathBuf>,
    /// The site config [default: `broadsheet.toml` in the current folder,
    /// else in the first source folder, if there is one].
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Treat every error as fatal: write nothing and exit non-zero.
    #[arg(long)]
    pub strict: bool,
    /// Site title shown by the reader [default: the config's, else
    /// "Broadsheet"].
    #[arg(long)]
    pub title: Option<String>,
    /// One-line site description [default: the config's].
    #[arg(long)]
    pub description: Option<String>,
    /// Language (BCP 47) of articles that do not name one [default: the
    /// config's, else "en"].
    #[arg(long)]
    pub language: Option<String>,
    /// Section of articles that do not name one (and of the entries of
    /// plain-text listings, instead of a listing's own heading line).
    #[arg(long)]
    pub section: Option<String>,
    /// Read every source file with this importer, whatever its name.
    #[arg(long, value_enum)]
    pub importer: Option<crate::Importer>,
    /// Folder of the source cache, which keeps what each source file gave
    /// so that the next build parses only new and changed files [default:
    /// `$XDG_CACHE_HOME/broadsheet`, else `~/.cache/broadsheet`].
    #[arg(long, env = "BROADSHEET_CACHE", value_name = "DIR")]
    pub cache: Option<PathBuf>,
    /// Read and parse every source, and keep no source cache (over
    /// `--cache`).
    #[arg(long)]
    pub no_cache: bool,
    /// Where the site is published (absolute URL, e.g.
    /// `https://you.github.io/archive/`) [default: the config's].
    #[arg(long)]
    pub url: Option<String>,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub input: SourceArgs,
    /// Folder to write the bundle into (created if missing).
    #[arg(long, short)]
    pub out: PathBuf,
    /// Read, check and lay out everything, report, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Make every file again instead of keeping the segments an earlier
    /// build in `--out` made from the same inputs (the result is the same
    /// either way; this only takes longer).
    #[arg(long)]
    pub full: bool,
    /// Also write Atom feeds (`feeds/*.atom`), `sitemap.xml` and, when the
    /// folder holds the reader (`index.html`), a static page per article
    /// (`articles/<slug>.html`) with the list's first page in `index.html`
    /// into this folder: the one served at the site's URL (needs `--url` or
    /// the config's `site.url`).
    #[arg(long)]
    pub site_files: Option<PathBuf>,
    /// With `--site-files`: no page per article (only the list's first page
    /// in `index.html`). See `--max-site-bytes` to keep a page for every
    /// article within a host's size limit.
    #[arg(long, requires = "site_files")]
    pub no_article_pages: bool,
    /// With `--site-files`: the most the published folder may hold (`1G`,
    /// `500M`, or bytes; decimal units, as the hosts count). Every article
    /// keeps its page, but once the folder would go over, older articles'
    /// pages carry their head and summary instead of their whole text (the
    /// reader still shows it whole); the articles the feeds link, then the
    /// newest, keep theirs first. GitHub Pages takes 1 GB.
    #[arg(long, requires = "site_files", conflicts_with = "no_article_pages", value_name = "SIZE", value_parser = parse_size)]
    pub max_site_bytes: Option<u64>,
    /// Target size of a body shard in bytes (before compression).
    #[arg(long, default_value_t = 64 * 1024)]
    pub shard_bytes: usize,
    /// After building, check the published folder (`--site-files`, else
    /// the bundle) against a host's limits, and fail if it goes over.
    #[arg(long, value_enum)]
    pub host: Vec<crate::hosts::Host>,
}

#[derive(Debug, Args)]
pub struct MirrorArgs {
    /// The site (or bundle folder) to copy from.
    pub from: PathBuf,
    /// The copy to bring up to date (created if missing).
    pub to: PathBuf,
    /// How long files no edition needs stay in the copy, for readers still
    /// on an older edition (`7d`, `12h`, `0`: at once).
    #[arg(long, default_value = "7d", value_parser = parse_grace)]
    pub grace: std::time::Duration,
    /// Check every file already in the copy too, and replace the damaged.
    #[arg(long)]
    pub verify: bool,
}

#[derive(Debug, Args)]
pub struct PackArgs {
    #[command(flatten)]
    pub input: SourceArgs,
    /// The single HTML file to write.
    #[arg(long, short)]
    pub out: PathBuf,
    /// The built reader to put in it (`scripts/dev dist` writes `dist/`).
    #[arg(long, default_value = "dist")]
    pub reader: PathBuf,
    /// Only articles of this section (its name or key; repeatable).
    #[arg(long = "only-section")]
    pub only_sections: Vec<String>,
    /// Only articles from this date on (`2019`, `2019-05`, `2019-05-01`);
    /// undated ones are left out when a date bound is given.
    #[arg(long)]
    pub from: Option<String>,
    /// Only articles up to this date (`2019` means to the end of 2019).
    #[arg(long)]
    pub to: Option<String>,
    /// The articles' pictures in the file: `small` (the narrowest made,
    /// at most 480 px wide: a phone's screen), `full` (the widest) or
    /// `none` (each picture's description instead).
    #[arg(long, value_enum, default_value = "small")]
    pub images: crate::pictures::Inline,
}

#[derive(Debug, Args)]
pub struct LsArgs {
    /// A bundle folder (the one holding `manifest.json`).
    pub bundle: PathBuf,
    /// One JSON object per line instead of a table (with `--files`: one
    /// object naming the files by role).
    #[arg(long)]
    pub json: bool,
    /// The bundle's files instead of its articles, every one hash-checked:
    /// one path a line, or with `--json` by role (`first_screen`, `cards`,
    /// `bodies`, `slugs`, `search`), for scripts that need to know them.
    #[arg(long)]
    pub files: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// A bundle folder (the one holding `manifest.json`).
    pub bundle: PathBuf,
    /// The query, as typed in the reader: words, "phrases", -excluded.
    pub query: String,
    /// One JSON object per line (slug, title, score) instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SealArgs {
    /// The site folder: the reader at its top, the bundle in `bundle/`.
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The folder as it would be uploaded (a site folder, or a bundle).
    pub dir: PathBuf,
    /// The hosts to check against [default: every one].
    #[arg(long, value_enum)]
    pub host: Vec<crate::hosts::Host>,
}

/// Parses `7d`, `12h`, `30m`, `45s` or `0`.
/// A size as `1G`, `500M`, `64K`, `1GB` or bytes (decimal units).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let (number, unit) = text.split_at(
        text.find(|c: char| !c.is_ascii_digit() && c != '.')
            .unwrap_or(text.len()),
    );
    let n: f64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a size such as 1G, 500M or 250000000"))?;
    let scale = match unit.to_ascii_uppercase().trim_end_matches('B') {
        "" => 1.0,
        "K" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        _ => return Err(format!("`{text}`: the unit is K, M or G")),
    };
    Ok((n * scale) as u64)
}

pub fn parse_grace(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let (number, unit) = text.split_at(
        text.find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len()),
    );
    let n: u64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a duration such as 7d, 12h, 30m or 0"))?;
    let seconds = match unit {
        "" if n == 0 => 0,
        "s" => n,
        "m" => n * 60,
        "h" => n * 3600,
        "d" => n * 86_400,
        _ => return Err(format!("`{text}`: the unit is d, h, m or s")),
    };
    Ok(Duration::from_secs(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grace_periods_read_as_people_write_them() {
        assert_eq!(parse_grace("7d"), Ok(Duration::from_secs(7 * 86_400)));
        assert_eq!(parse_grace("12h"), Ok(Duration::from_secs(12 * 3600)));
        assert_eq!(parse_grace("0"), Ok(Duration::ZERO));
        assert!(parse_grace("7").is_err());
        assert!(parse_grace("a week").is_err());
        assert!(parse_grace("3w").unwrap_err().contains("unit"));
    }

    #[test]
    fn sizes_read_as_the_hosts_write_them() {
        assert_eq!(parse_size("1G"), Ok(1_000_000_000));
        assert_eq!(parse_size("1GB"), Ok(1_000_000_000));
        assert_eq!(parse_size("1.5g"), Ok(1_500_000_000));
        assert_eq!(parse_size("500M"), Ok(500_000_000));
        assert_eq!(parse_size("64k"), Ok(64_000));
        assert_eq!(parse_size("250000000"), Ok(250_000_000));
        assert!(parse_size("1T").unwrap_err().contains("unit"));
        assert!(parse_size("big").is_err());
    }
}
