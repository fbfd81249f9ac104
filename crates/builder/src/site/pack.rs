//! The single-file copy: one HTML page holding the reader (its CSS, its
//! JavaScript glue and its wasm) and a bundle (every file, as text in a
//! JSON map), so that it opens from `file://` with no network at all — for
//! a USB stick or a messaging app. The wasm and the map travel gzipped and
//! base64-encoded (a third of the size), and the page's loader expands them
//! with the browser's `DecompressionStream` before the reader starts.
//!
//! Everything runs under a Content-Security-Policy that allows exactly the
//! page's own inline script and style (by their SHA-256) and wasm: no
//! network, no other script. The reader sees the map (`packed.rs` there)
//! and gives articles `?article=` addresses, as a `file://` page may change
//! only its query.

use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use base64::Engine as _;
use flate2::write::GzEncoder;
use flate2::Compression;

use super::csp;
use super::split;
use crate::config::RemoteImages;

/// The built reader's files, as `scripts/dev dist` (Trunk) writes them.
pub struct Reader {
    pub glue: String,
    pub wasm: Vec<u8>,
    pub css: String,
    /// `stemmers/<code>.wasm`, by language code (`crates/stemmer`).
    pub stemmers: Vec<(String, Vec<u8>)>,
    /// The reader's split modules, by file name: the glue above already
    /// holds their loader, reading them from the page ([`split`]).
    pub split: Vec<(String, Vec<u8>)>,
}

/// The page's function that gives a split module's `Response`.
const FROM_PAGE: &str = "packedModule";

impl Reader {
    /// Finds the reader in a built folder: `broadsheet-reader-<hash>.js`,
    /// its `_bg.wasm` and its style sheet (`styles-<hash>.css` as Trunk
    /// writes it, `reader.css` once a site build has moved it).
    pub fn find(dir: &Path) -> io::Result<Reader> {
        let mut glue = None;
        let mut css = None;
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if name.starts_with("broadsheet-reader-") && name.ends_with(".js") {
                glue = Some(path);
            } else if name == super::shell::STYLE
                || (name.starts_with("styles-") && name.ends_with(".css"))
            {
                css = Some(path);
            }
        }
        let missing = |what: &str| {
            io::Error::new(
                io::ErrorKind::NotFound,
                format!(
                    "no {what} in {} (build the reader first: scripts/dev dist)",
                    dir.display()
                ),
            )
        };
        let glue: PathBuf = glue.ok_or_else(|| missing("broadsheet-reader-*.js"))?;
        let wasm_path = glue.with_file_name(
            glue.file_name()
                .unwrap()
                .to_string_lossy()
                .replace(".js", "_bg.wasm"),
        );
        let mut stemmers = Vec::new();
        if let Ok(entries) = std::fs::read_dir(dir.join("stemmers")) {
            for entry in entries {
                let path = entry?.path();
                if let Some(code) = path
                    .file_name()
                    .and_then(|n| n.to_str()?.strip_suffix(".wasm"))
                {
                    stemmers.push((code.to_string(), std::fs::read(&path)?));
                }
            }
        }
        let text = std::fs::read_to_string(&glue)?;
        let (glue, split) = match split::Split::find(dir, &text)? {
            Some(split) => (
                split
                    .inline_into(&text, FROM_PAGE)
                    .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?,
                split.modules,
            ),
            None => (text, Vec::new()),
        };
        Ok(Reader {
            stemmers,
            glue,
            split,
            wasm: std::fs::read(&wasm_path).map_err(|_| missing("reader wasm"))?,
            css: std::fs::read_to_string(
                css.ok_or_else(|| missing("reader.css or styles-*.css"))?,
            )?,
        })
    }
}

/// The page, and what in it is the reader and what the articles (bytes as
/// stored: gzipped and base64-encoded).
pub struct Packed {
    pub html: String,
    pub reader: usize,
    pub articles: usize,
}

/// The page: `files` are the bundle's (path, bytes), the manifest among
/// them.
pub fn page(
    title: &str,
    language: &str,
    languages: &[String],
    reader: &Reader,
    files: &[(String, Vec<u8>)],
    images: RemoteImages,
) -> Packed {
    let mut map: serde_json::Map<String, serde_json::Value> = files
        .iter()
        .map(|(path, bytes)| {
            let text = if broadsheet_core::packed_as_base64(path) {
                base64::engine::general_purpose::STANDARD.encode(bytes)
            } else {
                String::from_utf8_lossy(bytes).into_owned()
            };
            (path.clone(), serde_json::Value::String(text))
        })
        .collect();
    // The interface languages of the archive's own languages and the
    // site's travel with the copy (English is in the reader): the reader
    // asks for `locales/<code>.json` as on a site. Each costs ~4 KB
    // compressed, so the copy does not carry all of them.
    let wanted = |code: &str| {
        languages
            .iter()
            .any(|l| broadsheet_core::primary_subtag(l) == code)
    };
    for (code, json) in super::words::CATALOGS
        .iter()
        .filter(|(c, _)| *c != "en" && wanted(c))
    {
        map.insert(
            format!("locales/{code}.json"),
            serde_json::Value::String((*json).to_string()),
        );
    }
    // So do the stemmers of its languages (as base64 text, like every
    // binary file of the map): searching them needs them.
    let stemmed = broadsheet_core::search::separate_stemmers(languages.iter().map(String::as_str));
    for (code, wasm) in reader
        .stemmers
        .iter()
        .filter(|(c, _)| stemmed.contains(&c.as_str()))
    {
        map.insert(
            format!("stemmers/{code}.wasm"),
            serde_json::Value::String(base64::engine::general_purpose::STANDARD.encode(wasm)),
        );
    }
    let json = serde_json::to_string(&map).expect("a map of strings serializes");
    let data = gzip_base64(json.as_bytes());
    let wasm = gzip_base64(&reader.wasm);
    let modules: String = reader
        .split
        .iter()
        .map(|(name, bytes)| {
            format!(
                "<script type=\"application/gzip\" id=\"broadsheet-split:{name}\">{}</script>\n",
                gzip_base64(bytes)
            )
        })
        .collect();
    // The map is expanded into `#broadsheet-pack`, where the reader looks
    // for it (`src/packed.rs`), and the wasm handed to the glue.
    let loader = format!(
        "{glue}\n\
         const unpack = async (id) => {{\n\
         \x20 const text = document.getElementById(id).textContent;\n\
         \x20 const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));\n\
         \x20 const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));\n\
         \x20 return new Uint8Array(await new Response(stream).arrayBuffer());\n\
         }};\n\
         const {FROM_PAGE} = async (name) => new Response(await unpack(`broadsheet-split:${{name}}`),\n\
         \x20 {{ headers: {{ 'Content-Type': 'application/wasm' }} }});\n\
         try {{\n\
         \x20 const [map, wasm] = await Promise.all([unpack('broadsheet-pack-gz'), unpack('broadsheet-wasm')]);\n\
         \x20 document.getElementById('broadsheet-pack').textContent = new TextDecoder().decode(map);\n\
         \x20 await __wbg_init({{ module_or_path: wasm }});\n\
         }} catch (error) {{\n\
         \x20 document.body.textContent = `This archive could not be opened in this browser (${{error}}).`;\n\
         \x20 throw error;\n\
         }}\n",
        glue = reader.glue.replace("</script", "<\\/script"),
    );
    // The articles' own pictures are inside the page (`data:`; the
    // sanitizer lets no other `data:` address through); other hosts'
    // images only when the archive keeps them.
    let img_src = if images.loads_remote() {
        " img-src data: https: http:;"
    } else {
        " img-src data:;"
    };
    let csp = format!(
        "default-src 'none'; script-src {} 'wasm-unsafe-eval'; style-src {};\
         {img_src} base-uri 'none'; form-action 'none'",
        csp::source(&loader),
        csp::source(&reader.css)
    );
    let html = format!(
        "<!doctype html>\n<html lang=\"{language}\" data-site-lang=\"{language}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n\
         <title>{title}</title>\n<style>{css}</style>\n\
         <script type=\"application/json\" id=\"broadsheet-pack\"></script>\n\
         <script type=\"application/gzip\" id=\"broadsheet-pack-gz\">{data}</script>\n\
         <script type=\"application/gzip\" id=\"broadsheet-wasm\">{wasm}</script>\n\
         {modules}\
         <script type=\"module\">{loader}</script>\n</head>\n<body>\n\
         <noscript><p>This archive needs JavaScript and WebAssembly.</p></noscript>\n\
         </body>\n</html>\n",
        language = attribute(language),
        title = crate::text::escape_text(title),
        css = reader.css,
    );
    Packed {
        reader: loader.len() + wasm.len() + modules.len() + reader.css.len(),
        articles: data.len(),
        html,
    }
}

/// `bytes` gzipped (best compression) and base64-encoded: text that can sit
/// in a `<script>` element as it is (base64 has no `<`, `>` or `&`).
fn gzip_base64(bytes: &[u8]) -> String {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes).expect("writing to memory");
    let gzipped = encoder.finish().expect("writing to memory");
    base64::engine::general_purpose::STANDARD.encode(gzipped)
}

fn attribute(value: &str) -> String {
    crate::text::escape_text(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_allows_exactly_its_own_script_and_style() {
        let reader = Reader {
            glue: "export function __wbg_init() {}".into(),
            wasm: vec![0, 97, 115, 109],
            css: "body { color: red }".into(),
            stemmers: Vec::new(),
            split: vec![(
                "broadsheet-split-search-1.wasm".into(),
                vec![0, 97, 115, 109, 1],
            )],
        };
        let files = vec![
            (
                "bodies/00000.x.json".to_string(),
                br#"{"html":"<p>a</p></script><script>alert(1)</script>"}"#.to_vec(),
            ),
            // Found in review: `<!--` then `<script` in plain text (two
            // titles) swallowed the rest of the page.
            (
                "cards/00000.x.json".to_string(),
                "{\"t\":[\"How HTML comments start: <!--\",\"Writing a <script> element & more \u{2028}\"]}"
                    .as_bytes()
                    .to_vec(),
            ),
            // A file stored gzipped is binary: it travels as base64.
            (
                "bodies/00001.y.json.gz".to_string(),
                crate::gzip::compress(b"{\"html\":\"<p>b</p>\"}"),
            ),
        ];
        let html = page(
            "A & B",
            "ur",
            &["ur".to_string()],
            &reader,
            &files,
            RemoteImages::Link,
        )
        .html;
        assert!(
            html.contains(" img-src data:; "),
            "the page's own pictures only, by default"
        );
        assert!(page("A", "en", &[], &reader, &files, RemoteImages::Keep)
            .html
            .contains("img-src data: https: http:;"));
        let between = |open: &str, close: &str| -> String {
            let start = html.find(open).unwrap() + open.len();
            html[start..start + html[start..].find(close).unwrap()].to_string()
        };
        let script = between("<script type=\"module\">", "</script>");
        let style = between("<style>", "</style>");
        assert!(html.contains(&csp::source(&script)));
        assert!(html.contains(&csp::source(&style)));
        // The data blocks are base64 (nothing in them can close them or
        // start markup) of gzip, and read back: the map, and the wasm.
        let unpack = |id: &str| -> Vec<u8> {
            let text = between(&format!("id=\"{id}\">"), "</script>");
            assert!(
                text.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b)),
                "{id} is base64"
            );
            let gzipped = base64::engine::general_purpose::STANDARD
                .decode(text)
                .unwrap();
            let mut out = Vec::new();
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gzipped[..]), &mut out)
                .unwrap();
            out
        };
        let map: serde_json::Map<String, serde_json::Value> =
            serde_json::from_slice(&unpack("broadsheet-pack-gz")).unwrap();
        for (path, bytes) in &files {
            let text = map[path].as_str().unwrap();
            let read = match path.ends_with(".gz") {
                true => base64::engine::general_purpose::STANDARD
                    .decode(text)
                    .unwrap(),
                false => text.as_bytes().to_vec(),
            };
            assert_eq!(&read, bytes, "{path}");
        }
        assert_eq!(unpack("broadsheet-wasm"), reader.wasm);
        assert_eq!(
            unpack("broadsheet-split:broadsheet-split-search-1.wasm"),
            reader.split[0].1
        );
        assert!(html.contains("<script type=\"application/json\" id=\"broadsheet-pack\"></script>"));
        assert!(html.contains("<title>A &amp; B</title>") && html.contains("lang=\"ur\""));
    }
}
