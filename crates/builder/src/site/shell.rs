//! The shell every static page is made from, taken apart once: the
//! reader's `index.html` as Trunk wrote it becomes the full shell (the
//! list page and `404.html`), a lean one (an article page: the same head
//! without comments, inline scripts or preloads) and `reader.js`, the
//! shell's inline scripts as one file for the lean pages to load.
//!
//! An archive has one article page per article, so what a page repeats is
//! paid a hundred thousand times, and what a page names is rewritten a
//! hundred thousand times when it changes. The lean page therefore names
//! only files whose names never change — the style sheet under
//! [`STYLE`] (Trunk's `styles-<hash>.css`, copied), the loader under
//! [`LOADER`] —, so a new reader rewrites those two files and no article
//! page.

/// The meta holding the could-not-start notice's words, in the site's
/// language: the full shell carries it, an article page's loader adds it
/// ([`with_notice`]), so a hundred thousand pages do not repeat it.
const NOTICE: &str = "broadsheet-reader-failed";

/// The style sheet every page links, whatever the reader's build.
pub const STYLE: &str = "reader.css";
/// The loader an article page runs (the shell's inline scripts).
pub const LOADER: &str = "reader.js";

/// The shell, taken apart.
#[derive(Debug, PartialEq)]
pub struct Shell {
    /// The list's page and the deep-link fallback: the shell as Trunk wrote
    /// it, its style sheet linked as [`STYLE`].
    pub full: String,
    /// An article page's shell: the same head without comments, inline
    /// scripts, preloads or the whitespace between tags, [`LOADER`] run
    /// instead, and no `<noscript>` (the page reads without a script).
    pub lean: String,
    /// [`LOADER`]'s text: the shell's classic inline scripts, then Trunk's
    /// module loader made a dynamic `import()` (a classic script cannot
    /// import statically, and a failed import then reaches the
    /// could-not-start notice as an unhandled rejection). None for a shell
    /// without inline scripts.
    pub loader: Option<String>,
    /// The file the shell linked as its style sheet (Trunk's
    /// `styles-<hash>.css`), when it linked one.
    pub style: Option<String>,
}

/// Takes the shell apart. A hand-made shell may link no Trunk style sheet
/// and run no script; `Err` when it links two, or has a module script
/// that is not Trunk's loader.
pub fn split(shell: &str) -> Result<Shell, String> {
    let (full, style) = stable_style(shell)?;
    let loader = loader(&full)?;
    let lean = lean(&full, loader.is_some());
    Ok(Shell {
        full,
        lean,
        loader,
        style,
    })
}

/// The shell with Trunk's style sheet (`styles-<hash>.css`) linked as
/// [`STYLE`], and the file it linked (none when it linked none of Trunk's).
fn stable_style(shell: &str) -> Result<(String, Option<String>), String> {
    let mut found = None;
    for (start, end) in tags(shell, "link") {
        let tag = &shell[start..end];
        let href = attribute(tag, "href").unwrap_or_default();
        let name = href.rsplit('/').next().unwrap_or_default();
        if attribute(tag, "rel").as_deref() == Some("stylesheet")
            && name.starts_with("styles-")
            && name.ends_with(".css")
        {
            if found.is_some() {
                return Err("the reader's index.html links two of Trunk's style sheets".into());
            }
            found = Some((start, end, name.to_string()));
        }
    }
    let Some((start, end, name)) = found else {
        return Ok((shell.to_string(), None));
    };
    let link = format!("<link rel=\"stylesheet\" href=\"{STYLE}\">");
    let full = format!("{}{link}{}", &shell[..start], &shell[end..]);
    Ok((full, Some(name)))
}

/// The shell's inline scripts as one classic script: classic ones as they
/// are, Trunk's module loader with its static import made dynamic.
fn loader(shell: &str) -> Result<Option<String>, String> {
    const IMPORT: &str = "import init, * as bindings from ";
    let mut classic = Vec::new();
    let mut module = None;
    for (attributes, text) in inline_scripts(shell) {
        if attributes.contains("type=\"module\"") {
            if module.is_some() {
                return Err("the reader's index.html has two module scripts".into());
            }
            module = Some(text);
        } else {
            classic.push(text.trim());
        }
    }
    let mut out = String::from("// Written by the builder from the reader's index.html.\n");
    for text in &classic {
        out.push_str(text);
        out.push('\n');
    }
    let Some(module) = module else {
        return Ok((!classic.is_empty()).then_some(out));
    };
    let at = module
        .find(IMPORT)
        .ok_or("Trunk's loader no longer starts with `import init, * as bindings from`")?;
    let after = &module[at + IMPORT.len()..];
    let end = after
        .find(';')
        .ok_or("Trunk's loader: the import has no end")?;
    let path = after[..end].trim();
    let rest = after[end + 1..].trim();
    out.push_str(&format!(
        "import({path}).then(async (bindings) => {{\nconst init = bindings.default;\n{rest}\n}});\n"
    ));
    Ok(Some(out))
}

/// The lean shell: see [`Shell::lean`].
fn lean(full: &str, loads: bool) -> String {
    let mut out = String::with_capacity(full.len());
    let mut rest = full;
    while let Some(at) = rest.find('<') {
        out.push_str(rest[..at].trim());
        rest = &rest[at..];
        let skip = if rest.starts_with("<!--") {
            rest.find("-->").map(|end| end + "-->".len())
        } else if rest.starts_with("<script") || rest.starts_with("<noscript") {
            let close = if rest.starts_with("<script") {
                "</script>"
            } else {
                "</noscript>"
            };
            rest.find(close).map(|end| end + close.len())
        } else if rest.starts_with("<meta") {
            let end = rest.find('>').map_or(rest.len(), |end| end + 1);
            let name = attribute(&rest[..end], "name").unwrap_or_default();
            (name == NOTICE).then_some(end)
        } else if rest.starts_with("<link") {
            let end = rest.find('>').map_or(rest.len(), |end| end + 1);
            let rel = attribute(&rest[..end], "rel").unwrap_or_default();
            matches!(rel.as_str(), "modulepreload" | "preload").then_some(end)
        } else {
            None
        };
        match skip {
            Some(skip) => rest = &rest[skip..],
            None => {
                let end = rest.find('>').map_or(rest.len(), |end| end + 1);
                if loads && rest.starts_with("</head>") {
                    out.push_str(&format!("<script defer src=\"{LOADER}\"></script>"));
                }
                out.push_str(&rest[..end]);
                rest = &rest[end..];
            }
        }
    }
    out.push_str(rest.trim());
    out
}

/// The loader, first adding the could-not-start notice's words that the
/// lean pages leave out, as `full` (the full shell, in the site's
/// language) holds them; the loader as it is when `full` has none.
pub fn with_notice(loader: &str, full: &str) -> String {
    let words = tags(full, "meta")
        .map(|(start, end)| &full[start..end])
        .find(|tag| attribute(tag, "name").as_deref() == Some(NOTICE))
        .and_then(|tag| attribute(tag, "content"));
    let Some(words) = words else {
        return loader.to_string();
    };
    // The attribute as written (HTML-escaped): set as the content of a
    // meta, read back as text by the notice.
    let words = crate::text::unescape_text(&words);
    let literal = serde_json::to_string(&words).expect("a string");
    format!(
        "// The could-not-start notice's words (an article page leaves them out).\n\
         if (!document.querySelector('meta[name=\"{NOTICE}\"]')) {{\n\
         \x20 const words = document.createElement('meta');\n\
         \x20 words.name = '{NOTICE}';\n\
         \x20 words.content = {literal};\n\
         \x20 document.head.append(words);\n\
         }}\n{loader}"
    )
}

/// The start and end of every `<name …>` tag.
fn tags<'a>(html: &'a str, name: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
    let open = format!("<{name}");
    let mut from = 0;
    std::iter::from_fn(move || loop {
        let at = from + html[from..].find(&open)?;
        let end = at + html[at..].find('>')? + 1;
        from = end;
        if html[at + open.len()..].starts_with(|c: char| c.is_ascii_whitespace() || c == '>') {
            return Some((at, end));
        }
    })
}

/// An attribute's value in a start tag (double quotes, as Trunk writes).
fn attribute(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    let end = tag[at..].find('"')?;
    Some(tag[at..at + end].to_string())
}

/// Every inline script (no `src`): its attributes and its text, in order
/// (`csp.rs` hashes the texts).
pub fn inline_scripts(html: &str) -> Vec<(&str, &str)> {
    let mut scripts = Vec::new();
    for (start, end) in tags(html, "script") {
        let attributes = &html[start + "<script".len()..end - 1];
        let Some(close) = html[end..].find("</script>") else {
            break;
        };
        if !attributes.contains("src=") {
            scripts.push((attributes, &html[end..end + close]));
        }
    }
    scripts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What Trunk 0.21 writes, in short (its loader verbatim in form).
    const TRUNK: &str = "<!doctype html>\n<html lang=\"en\">\n  <head>\n    \
        <meta charset=\"utf-8\">\n    <!-- a comment -->\n    \
        <meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'self' 'wasm-unsafe-eval' 'sha256-x'\">\n    \
        <base href=\"/news/\">\n    \
        <meta name=\"broadsheet-reader-failed\" content=\"It could not start &amp; &quot;stopped&quot;.\">\n    \
        <script>\n      (function () { addEventListener('error', function () {}); })();\n    </script>\n    \
        <title>Broadsheet</title>\n    \
        <link rel=\"stylesheet\" href=\"/news/styles-4f2a.css\" integrity=\"sha384-abc\"/>\n    \
        <link rel=\"modulepreload\" href=\"/news/broadsheet-reader-9c.js\" crossorigin=\"anonymous\">\n    \
        <link rel=\"icon\" href=\"icon.svg\">\n\
        <script type=\"module\">\nimport init, * as bindings from '/news/broadsheet-reader-9c.js';\n\
        const wasm = await init({ module_or_path: '/news/broadsheet-reader-9c_bg.wasm' });\n\n\
        window.wasmBindings = bindings;\n\
        dispatchEvent(new CustomEvent(\"TrunkApplicationStarted\", {detail: {wasm}}));</script>\n  \
        </head>\n  <body>\n    <noscript><p>Needs JavaScript.</p></noscript>\n  </body>\n</html>\n";

    #[test]
    fn the_full_shell_links_the_stable_style_sheet() {
        let shell = split(TRUNK).unwrap();
        assert_eq!(shell.style.as_deref(), Some("styles-4f2a.css"));
        assert!(shell
            .full
            .contains("<link rel=\"stylesheet\" href=\"reader.css\">"));
        assert!(!shell.full.contains("styles-4f2a"));
        // Everything else as Trunk wrote it: the inline scripts stay.
        assert!(shell.full.contains("<!-- a comment -->"));
        assert!(shell.full.contains("import init, * as bindings"));
        // Taken apart again from its own output: nothing left to move.
        let again = split(&shell.full).unwrap();
        assert_eq!(again.style, None);
        assert_eq!((again.full, again.lean), (shell.full, shell.lean));
    }

    #[test]
    fn the_lean_shell_names_only_stable_files() {
        let lean = split(TRUNK).unwrap().lean;
        assert_eq!(
            lean,
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
             <meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'self' 'wasm-unsafe-eval' 'sha256-x'\">\
             <base href=\"/news/\"><title>Broadsheet</title>\
             <link rel=\"stylesheet\" href=\"reader.css\"><link rel=\"icon\" href=\"icon.svg\">\
             <script defer src=\"reader.js\"></script></head><body></body></html>"
        );
    }

    #[test]
    fn the_loader_runs_the_classic_scripts_then_imports_the_reader() {
        let loader = split(TRUNK).unwrap().loader.unwrap();
        let classic = loader
            .find("addEventListener('error'")
            .expect("the classic script");
        let import = loader
            .find("import('/news/broadsheet-reader-9c.js').then(async (bindings) => {")
            .expect("the dynamic import");
        assert!(classic < import, "{loader}");
        assert!(loader.contains("const init = bindings.default;"));
        assert!(loader
            .contains("await init({ module_or_path: '/news/broadsheet-reader-9c_bg.wasm' });"));
        assert!(loader.contains("TrunkApplicationStarted"));
        assert!(!loader.contains("import init"));
    }

    #[test]
    fn the_loader_brings_the_notice_the_lean_pages_leave_out() {
        let shell = split(TRUNK).unwrap();
        assert!(shell.full.contains("name=\"broadsheet-reader-failed\""));
        assert!(!shell.lean.contains("broadsheet-reader-failed"));
        let loader = shell.loader.unwrap();
        let with = with_notice(&loader, &shell.full);
        assert!(with.ends_with(&loader));
        assert!(
            with.contains("words.content = \"It could not start & \\\"stopped\\\".\";"),
            "{with}"
        );
        // A shell without the notice: the loader as it is.
        assert_eq!(with_notice(&loader, "<html><head></head></html>"), loader);
    }

    #[test]
    fn a_hand_made_shell_keeps_its_own_files() {
        let own = "<html><head><title>x</title><link rel=\"stylesheet\" href=\"site.css\">\
                   </head><body><p>Hello</p></body></html>";
        let shell = split(own).unwrap();
        assert_eq!((shell.style, shell.loader), (None, None));
        assert_eq!(shell.full, own);
        assert!(shell.lean.contains("href=\"site.css\"") && !shell.lean.contains("<script"));
        // Classic scripts alone still make a loader.
        let classic = split("<head><script>go()</script></head><body></body>").unwrap();
        assert_eq!(
            classic.lean,
            "<head><script defer src=\"reader.js\"></script></head><body></body>"
        );
        assert!(classic.loader.unwrap().ends_with("go()\n"));
    }

    #[test]
    fn a_shell_it_cannot_take_apart_is_an_error() {
        let two = TRUNK.replace(
            "<title>",
            "<link rel=\"stylesheet\" href=\"/styles-b.css\"><title>",
        );
        assert!(split(&two).unwrap_err().contains("two of Trunk's"));
        let other = TRUNK.replace("import init, * as bindings from", "import { go } from");
        assert!(split(&other).unwrap_err().contains("no longer starts"));
    }
}
