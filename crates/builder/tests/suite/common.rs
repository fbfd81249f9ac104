//! Helpers every part of the suite shares: the binary, the fixtures, a
//! folder walk.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use broadsheet_builder::read_bundle;

/// Every file below `dir`, as sorted paths relative to it.
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walk(dir)
        .iter()
        .map(|p| p.strip_prefix(dir).unwrap().to_string_lossy().into_owned())
        .collect();
    files.sort();
    files
}

/// Every file below `dir`, recursively.
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// The suite's source cache folder.
pub fn source_cache() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("source-cache")
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Runs the builder, its source cache in the test target's folder (never
/// the user's own).
pub fn broadsheet(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_broadsheet"))
        .env("BROADSHEET_CACHE", source_cache())
        .args(args)
        .output()
        .expect("runs the broadsheet binary")
}

pub fn build(out: &Path, extra: &[&str]) -> Output {
    build_fixture("mixed", out, extra)
}

pub fn build_fixture(name: &str, out: &Path, extra: &[&str]) -> Output {
    build_from(&fixture(name), out, extra)
}

/// `broadsheet build <src> --out <out> <extra…>`.
pub fn build_from(src: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "build",
        src.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    broadsheet(&args)
}

/// Runs a search against a built bundle on disk, as the reader would.
pub fn search(dir: &Path, q: &str) -> Vec<String> {
    use broadsheet_core::search::TextQuery;
    let opened = read_bundle(dir).unwrap();
    let query = TextQuery::parse(q, &opened.manifest.taxonomy.query_analysis());
    let (hits, _) = opened
        .search(&broadsheet_builder::Folder(dir), &query)
        .unwrap();
    let entries = &opened.entries;
    hits.docs
        .iter()
        .map(|(d, _)| entries[*d as usize].slug.clone())
        .collect()
}

/// A content folder of Markdown articles, `(file name, title, section)`.
pub fn markdown_sources(articles: &[(&str, &str, &str)]) -> tempfile::TempDir {
    let src = tempfile::tempdir().unwrap();
    for (i, (file, title, section)) in articles.iter().enumerate() {
        std::fs::write(
            src.path().join(file),
            format!("---\ntitle: \"{title}\"\ndate: 2024-05-0{}\nsection: {section}\n---\nText of {title}.\n", i + 1),
        )
        .unwrap();
    }
    src
}

/// Builds `src` into `site/bundle` with the site files, for
/// `https://example.org/`; returns what the builder reported.
pub fn build_site(src: &Path, site: &Path) -> String {
    let out = broadsheet(&[
        "build",
        src.to_str().unwrap(),
        "--out",
        site.join("bundle").to_str().unwrap(),
        "--url",
        "https://example.org/",
        "--site-files",
        site.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    stderr
}

/// The reader shell's policy, as `index.html` writes it (the builder fills
/// the hashes and refuses a shell without one).
pub const CSP: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; \
    script-src 'self' __INLINE_SCRIPT_HASHES__; img-src 'self';\">";

/// What a bundle file holds: inflated when the format stores it gzipped
/// (`….json.gz`).
pub fn read_stored(path: &Path) -> Vec<u8> {
    use std::io::Read as _;
    let bytes = std::fs::read(path).unwrap();
    if !broadsheet_core::is_gzipped(&path.to_string_lossy()) {
        return bytes;
    }
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_end(&mut out)
        .unwrap();
    out
}
