//! The edition of a built site, sealed for offline reading: the service
//! worker (`public/sw.js`, compiled in as a template) written into the site
//! folder with the edition's id, its app shell files, the bundle files the
//! reader starts from (precached) and the facet data (kept at its first
//! use), each file's SHA-256, and the reader's offline
//! contract (broadsheet-core's `offline.rs`). An edition is one app shell
//! plus one bundle manifest; its id changes when either does, so a new
//! deploy is a new service worker, installed beside the old one.

use std::error::Error;
use std::fmt::Write as _;
use std::path::Path;

use broadsheet_core::offline;
use broadsheet_core::search::separate_stemmers;
use sha2::{Digest, Sha256};

use crate::bundle::{self, Files};

const TEMPLATE: &str = include_str!("../../../../public/sw.js");

/// Top-level files of a built site that are not its app shell: the deep-link
/// fallback, the worker itself, the sitemap (and its parts, `sitemap-N.xml`),
/// the article pages' loader (a page the worker answers is the shell, which
/// runs its scripts inline).
fn is_shell(name: &str) -> bool {
    let sitemap_part = name
        .strip_prefix("sitemap-")
        .and_then(|n| n.strip_suffix(".xml"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    !(matches!(
        name,
        "404.html" | "sw.js" | "sitemap.xml" | super::shell::LOADER
    ) || name.starts_with('.')
        || sitemap_part)
}

/// Is the top-level file `name` of the reader `shell` (its `index.html`)
/// loads? Scripts and wasm modules count only when the shell names them:
/// a site folder that took a new reader over an old one still holds the
/// old one's hashed files, which no page loads and no device should
/// download.
fn loaded_by(shell: &str, name: &str) -> bool {
    let code = name.ends_with(".js") || name.ends_with(".wasm");
    !code || shell.contains(name)
}

/// `index.html` and every script of the folder it names, in turn: the
/// reader's glue names the loader of its split modules
/// (`scripts/split.mjs`), which names them.
fn loader_text(dir: &Path, index: &str, names: &[String]) -> std::io::Result<String> {
    let mut text = index.to_string();
    let mut read: Vec<&str> = Vec::new();
    while let Some(script) = names
        .iter()
        .find(|n| n.ends_with(".js") && !read.contains(&n.as_str()) && text.contains(n.as_str()))
    {
        read.push(script);
        text.push_str(&std::fs::read_to_string(dir.join(script))?);
    }
    Ok(text)
}

/// What was sealed.
#[derive(Debug)]
pub struct Sealed {
    pub id: String,
    pub shell: usize,
    pub core: usize,
    /// Bundle files kept once first used: each segment's facet data.
    pub facets: usize,
    /// Scripts and wasm modules in the folder that the reader does not load
    /// (an earlier reader's): not sealed.
    pub stale: Vec<String>,
}

/// Seals the site in `dir` (its reader at the top), whose bundle (served as
/// `bundle/`) is read from `bundle`: writes `dir/sw.js`.
pub fn seal(dir: &Path, bundle: &dyn Files) -> Result<Sealed, Box<dyn Error>> {
    let mut shell: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type()?.is_file() && is_shell(&name) {
            shell.push(name);
        }
    }
    shell.sort();
    let Ok(index) = std::fs::read_to_string(dir.join("index.html")) else {
        return Err(format!(
            "{}/index.html is missing (build the reader first)",
            dir.display()
        )
        .into());
    };
    let loads = loader_text(dir, &index, &shell)?;
    let (mut shell, stale): (Vec<String>, Vec<String>) =
        shell.into_iter().partition(|name| loaded_by(&loads, name));
    let manifest_bytes = bundle.bytes("manifest.json")?;
    let opened = bundle::open(bundle)?;
    // The stemmers of the archive's languages (other than English, which
    // is in the reader): searching offline needs them.
    let languages = opened.manifest.taxonomy.languages.iter();
    for code in separate_stemmers(languages.map(|t| t.key.as_str())) {
        let path = format!("stemmers/{code}.wasm");
        if !dir.join(&path).is_file() {
            return Err(format!(
                "{}/{path} is missing (build the reader again: its build makes the stemmers)",
                dir.display()
            )
            .into());
        }
        shell.push(path);
    }
    // What the first screen and the reader's start need is precached; the
    // facet data (most of those bytes at 100,000 articles) is sealed too,
    // but fetched and kept only once first used.
    let facets: Vec<String> = opened
        .manifest
        .facet_data()
        .map(|s| s.path.clone())
        .collect();
    let core: Vec<String> = bundle::first_screen(&opened.manifest)
        .into_iter()
        .filter(|path| !facets.contains(path))
        .collect();

    let mut id = Sha256::new();
    let mut sha256 = Vec::new();
    for name in &shell {
        let bytes = std::fs::read(dir.join(name))?;
        id.update(name.as_bytes());
        id.update(&bytes);
        sha256.push((name.clone(), hex(&Sha256::digest(&bytes))));
    }
    id.update(&manifest_bytes);
    for path in core.iter().chain(&facets) {
        sha256.push((
            format!("bundle/{path}"),
            hex(&Sha256::digest(bundle.bytes(path)?)),
        ));
    }
    let in_bundle = |paths: &[String]| -> Vec<String> {
        paths.iter().map(|path| format!("bundle/{path}")).collect()
    };
    let (core, facets) = (in_bundle(&core), in_bundle(&facets));
    // The interface catalogs, cached when first asked for: a visitor
    // reads one language, and keeps it offline.
    let mut lazy = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir.join("locales")) {
        for entry in entries {
            let name = entry?.file_name().to_string_lossy().into_owned();
            if name.ends_with(".json") {
                lazy.push(format!("locales/{name}"));
            }
        }
    }
    lazy.sort();
    for path in &lazy {
        let bytes = std::fs::read(dir.join(path))?;
        id.update(path.as_bytes());
        id.update(&bytes);
        sha256.push((path.clone(), hex(&Sha256::digest(&bytes))));
    }
    let id = hex(&id.finalize())[..16].to_string();

    let list = |items: &[String]| serde_json::to_string(items).expect("strings serialize");
    let mut hashes = String::from("{");
    for (i, (path, hash)) in sha256.iter().enumerate() {
        let comma = if i > 0 { "," } else { "" };
        let _ = write!(hashes, "{comma}{}:\"{hash}\"", serde_json::to_string(path)?);
    }
    hashes.push('}');
    let mut worker = TEMPLATE.to_string();
    for (marker, value) in [
        ("__EDITION__", id.as_str()),
        ("__SHELL__", &list(&shell)),
        ("__CORE__", &list(&core)),
        ("__FACETS__", &list(&facets)),
        ("__LAZY__", &list(&lazy)),
        ("__SHA256__", &hashes),
        ("__CACHE_NAMESPACE__", offline::CACHE_NAMESPACE),
        ("__SHARDS__", offline::SHARDS),
        ("__READER_PAGES__", offline::READER_PAGES),
    ] {
        if !worker.contains(marker) {
            return Err(format!("public/sw.js lacks {marker}").into());
        }
        worker = worker.replace(marker, value);
    }
    std::fs::write(dir.join("sw.js"), worker)?;
    Ok(Sealed {
        id,
        shell: shell.len(),
        core: core.len(),
        facets: facets.len(),
        stale,
    })
}

impl Sealed {
    /// What the build says of [`Sealed::stale`], if there is any.
    pub fn stale_note(&self) -> Option<String> {
        let (first, rest) = self.stale.split_first()?;
        let more = if rest.is_empty() {
            String::new()
        } else {
            format!(" and {} more", rest.len())
        };
        Some(format!(
            "broadsheet: {first}{more}: an earlier reader's, which this reader does not load: not sealed for offline reading (a deploy may leave them out)"
        ))
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shell_is_the_reader_not_the_site_files() {
        for name in [
            "index.html",
            "styles-1.css",
            "broadsheet-reader-1_bg.wasm",
            "sitemap-x.xml",
        ] {
            assert!(is_shell(name), "{name}");
        }
        for name in [
            "404.html",
            "sw.js",
            "sitemap.xml",
            "sitemap-12.xml",
            ".nojekyll",
        ] {
            assert!(!is_shell(name), "{name}");
        }
    }

    #[test]
    fn an_earlier_readers_files_are_not_the_shell() {
        let index = "<link rel=\"modulepreload\" href=\"/broadsheet-reader-new.js\">\
                     <script type=\"module\">init({ module_or_path: '/broadsheet-reader-new_bg.wasm' })</script>";
        for name in [
            "broadsheet-reader-new.js",
            "broadsheet-reader-new_bg.wasm",
            "index.html",
            "reader.css",
            "icon-512.png",
            "manifest.webmanifest",
        ] {
            assert!(loaded_by(index, name), "{name}");
        }
        for name in ["broadsheet-reader-old.js", "broadsheet-reader-old_bg.wasm"] {
            assert!(!loaded_by(index, name), "{name}");
        }
    }

    #[test]
    fn the_split_modules_are_loaded_through_the_glue() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
        write(
            "broadsheet-reader-new.js",
            "import * as i from \"./broadsheet-split-1.js\"",
        );
        write(
            "broadsheet-split-1.js",
            "fetch(new URL(\"./broadsheet-split-search-2.wasm\"))",
        );
        write(
            "broadsheet-split-0.js",
            "fetch(new URL(\"./broadsheet-split-search-0.wasm\"))",
        );
        let names: Vec<String> = [
            "broadsheet-reader-new.js",
            "broadsheet-split-1.js",
            "broadsheet-split-0.js",
            "broadsheet-split-search-2.wasm",
            "broadsheet-split-search-0.wasm",
        ]
        .map(String::from)
        .to_vec();
        let index = "<link rel=\"modulepreload\" href=\"/broadsheet-reader-new.js\">";
        let loads = loader_text(dir.path(), index, &names).unwrap();
        for name in &names[..2] {
            assert!(loaded_by(&loads, name), "{name}");
        }
        assert!(loaded_by(&loads, "broadsheet-split-search-2.wasm"));
        // An earlier build's loader and module: nothing names them.
        assert!(!loaded_by(&loads, "broadsheet-split-0.js"));
        assert!(!loaded_by(&loads, "broadsheet-split-search-0.wasm"));
    }

    #[test]
    fn the_template_has_every_marker_once_filled() {
        for marker in [
            "__EDITION__",
            "__SHELL__",
            "__CORE__",
            "__FACETS__",
            "__LAZY__",
            "__SHA256__",
            "__READER_PAGES__",
        ] {
            assert!(TEMPLATE.contains(marker), "{marker}");
        }
    }
}
