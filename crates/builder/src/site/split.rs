//! The reader's split modules (`src/split/` marks them, `scripts/split.mjs`
//! cuts them): the glue imports a loader script, which fetches each module
//! at its first use. A site serves them as files; the single-file copy
//! (`pack.rs`) has no files, so its page carries the modules as data
//! and the loader inline, reading the modules from the page.

use std::io;
use std::path::Path;

/// The reader's split modules, as the build wrote them.
#[derive(Debug, Default)]
pub struct Split {
    /// The loader's file name (`broadsheet-split-<hash>.js`) and text.
    pub loader_name: String,
    pub loader: String,
    /// Each module's file name and bytes.
    pub modules: Vec<(String, Vec<u8>)>,
}

/// The file names `text` gives between `"./` and `"` that start with
/// `prefix` and end with `suffix`.
fn named<'a>(text: &'a str, prefix: &str, suffix: &str) -> Vec<&'a str> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices("\"./") {
        let rest = &text[at + 3..];
        let Some(end) = rest.find('"') else { continue };
        let name = &rest[..end];
        if name.starts_with(prefix) && name.ends_with(suffix) && !found.contains(&name) {
            found.push(name);
        }
    }
    found
}

impl Split {
    /// The split modules the reader's `glue` loads, from the folder `dir`
    /// beside it; `None` when the glue loads none (a reader built without
    /// the split step).
    pub fn find(dir: &Path, glue: &str) -> io::Result<Option<Split>> {
        let Some(loader_name) = named(glue, "broadsheet-split-", ".js").first().copied() else {
            return Ok(None);
        };
        let loader = std::fs::read_to_string(dir.join(loader_name))?;
        let modules = named(&loader, "broadsheet-split-", ".wasm")
            .into_iter()
            .map(|name| Ok((name.to_string(), std::fs::read(dir.join(name))?)))
            .collect::<io::Result<_>>()?;
        Ok(Some(Split {
            loader_name: loader_name.to_string(),
            loader,
            modules,
        }))
    }

    /// `glue` with the loader inside it, in place of its import, fetching
    /// the modules from the page through `from_page` (a function of the
    /// module's name that gives a promise of its `Response`).
    pub fn inline_into(&self, glue: &str, from_page: &str) -> Result<String, String> {
        // wasm-bindgen imports the loader once per split, each under its
        // own name.
        let from = format!("from \"./{}\"", self.loader_name);
        let imports: Vec<(&str, &str)> = glue
            .lines()
            .filter(|line| line.contains(&from))
            .map(|line| {
                line.trim()
                    .strip_prefix("import * as ")
                    .and_then(|rest| rest.split_whitespace().next())
                    .map(|binding| (line, binding))
                    .ok_or_else(|| format!("unexpected import of the split loader: {line}"))
            })
            .collect::<Result<_, _>>()?;
        let Some(&(_, binding)) = imports.first() else {
            return Err("the glue does not import the split loader".into());
        };
        let mut exports = Vec::new();
        let mut body = String::new();
        for line in self.loader.lines() {
            // The loader imports `initSync` from the glue: here it is the
            // glue's own function.
            if line.starts_with("import ") {
                continue;
            }
            let line = match line.strip_prefix("export const ") {
                Some(rest) => {
                    let name = rest.split_whitespace().next().unwrap_or_default();
                    exports.push(name.to_string());
                    format!("const {rest}")
                }
                None => line.to_string(),
            };
            body.push_str(&line);
            body.push('\n');
        }
        for (name, _) in &self.modules {
            let fetch = format!("fetch(new URL(\"./{name}\", import.meta.url))");
            if !body.contains(&fetch) {
                return Err(format!(
                    "the split loader does not fetch {name} as expected"
                ));
            }
            body = body.replace(&fetch, &format!("{from_page}(\"{name}\")"));
        }
        let mut glue = glue.to_string();
        for (i, (line, name)) in imports.iter().enumerate() {
            let inline = match i {
                0 => format!(
                    "const {binding} = (() => {{\n{body}return {{ {} }};\n}})();",
                    exports.join(", ")
                ),
                _ => format!("const {name} = {binding};"),
            };
            glue = glue.replacen(line, &inline, 1);
        }
        Ok(glue)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GLUE: &str = "import * as import1 from \"./broadsheet-split-ab.js\"\n\
                        import * as import2 from \"./broadsheet-split-ab.js\"\n\
                        function initSync(m) { return wasm; }\n\
                        imports[\"./__wasm_split.js\"] = import1;\n";
    const LOADER: &str = "import { initSync } from \"./broadsheet-reader-1.js\";\n\
                          function getSharedImports() { return initSync(undefined, undefined); }\n\
                          export const __wasm_split_load_search = () => fetch(new URL(\"./broadsheet-split-search-cd.wasm\", import.meta.url));\n";

    #[test]
    fn finds_the_loader_and_its_modules() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("broadsheet-split-ab.js"), LOADER).unwrap();
        std::fs::write(dir.path().join("broadsheet-split-search-cd.wasm"), b"\0asm").unwrap();
        let split = Split::find(dir.path(), GLUE).unwrap().unwrap();
        assert_eq!(split.loader_name, "broadsheet-split-ab.js");
        assert_eq!(
            split.modules,
            vec![(
                "broadsheet-split-search-cd.wasm".to_string(),
                b"\0asm".to_vec()
            )]
        );
        assert!(Split::find(dir.path(), "import * as x from \"./other.js\"")
            .unwrap()
            .is_none());
    }

    #[test]
    fn the_loader_goes_inside_the_glue_and_reads_the_page() {
        let split = Split {
            loader_name: "broadsheet-split-ab.js".into(),
            loader: LOADER.into(),
            modules: vec![("broadsheet-split-search-cd.wasm".into(), Vec::new())],
        };
        let glue = split.inline_into(GLUE, "fromPage").unwrap();
        assert!(!glue.contains("import "), "{glue}");
        assert!(!glue.contains("export "), "{glue}");
        assert!(glue.starts_with("const import1 = (() => {\n"));
        assert!(glue.contains("\nconst import2 = import1;\n"));
        assert!(glue.contains("return { __wasm_split_load_search };"));
        assert!(glue.contains("fromPage(\"broadsheet-split-search-cd.wasm\")"));
        assert!(glue.contains("function initSync(m)"));
        // A loader that fetches its module some other way is refused, not
        // left to fail in the browser.
        let other = Split {
            loader: LOADER.replace("fetch(", "get("),
            ..split
        };
        assert!(other.inline_into(GLUE, "fromPage").is_err());
    }
}
