//! The Content-Security-Policy of every page the builder writes or rewrites:
//! the hashes of a page's inline scripts (Trunk's wasm loader, the
//! reader-failed notice), computed here and nowhere else, and the image
//! directive the `[images]` policy calls for.

use base64::Engine as _;
use sha2::{Digest, Sha256};

use crate::config::RemoteImages;

/// Where `index.html` (the Trunk source) asks for the inline scripts'
/// hashes; replaced by them, and on later runs the hashes are replaced by
/// the current ones.
const PLACEHOLDER: &str = "__INLINE_SCRIPT_HASHES__";

/// The shell's image directive as `index.html` writes it, and as it reads
/// when images on other hosts are kept.
const IMG_SRC_OWN: &str = "img-src 'self';";
const IMG_SRC_ANY: &str = "img-src 'self' https: http:;";

/// A CSP source expression allowing exactly `text`: `'sha256-…'`.
pub fn source(text: &str) -> String {
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes()))
    )
}

/// The page with its CSP's `script-src` naming exactly the hashes of its
/// inline scripts (in place of the placeholder, or of the hashes an earlier
/// run wrote), and its image directive set by `images`. `Err` when the
/// page has no `script-src` to fill.
pub fn seal(html: &str, images: RemoteImages) -> Result<String, String> {
    let own = html.replace(IMG_SRC_ANY, IMG_SRC_OWN);
    let html = if images.loads_remote() {
        own.replace(IMG_SRC_OWN, IMG_SRC_ANY)
    } else {
        own
    };
    let hashes: Vec<String> = super::shell::inline_scripts(&html)
        .into_iter()
        .map(|(_, text)| source(text))
        .collect();
    let start = html
        .find("script-src ")
        .ok_or("the page has no Content-Security-Policy script-src")?;
    let end = start + html[start..].find([';', '"']).unwrap_or(html.len() - start);
    let kept: Vec<&str> = html[start + "script-src ".len()..end]
        .split_whitespace()
        .filter(|s| *s != PLACEHOLDER && !s.starts_with("'sha256-"))
        .collect();
    let directive = format!("script-src {} {}", kept.join(" "), hashes.join(" "));
    Ok(format!(
        "{}{}{}",
        &html[..start],
        directive.trim_end(),
        &html[end..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHELL: &str =
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; \
        script-src 'self' 'wasm-unsafe-eval' __INLINE_SCRIPT_HASHES__; img-src 'self';\">\
        <script>one()</script><script src=\"x.js\"></script><scripts></scripts>\
        <script type=\"module\">two()</script>";

    #[test]
    fn the_policy_names_exactly_the_inline_scripts() {
        let sealed = seal(SHELL, RemoteImages::Link).unwrap();
        let want = format!(
            "script-src 'self' 'wasm-unsafe-eval' {} {};",
            source("one()"),
            source("two()")
        );
        assert!(sealed.contains(&want), "{sealed}");
        // Sealing again, after a script changed, replaces the hashes.
        let changed = sealed.replace("two()", "three()");
        let resealed = seal(&changed, RemoteImages::Link).unwrap();
        assert!(resealed.contains(&source("three()")) && !resealed.contains(&source("two()")));
        assert_eq!(resealed.matches("'sha256-").count(), 2);
    }

    #[test]
    fn the_image_directive_follows_the_policy_both_ways() {
        let keep = seal(SHELL, RemoteImages::Keep).unwrap();
        assert!(keep.contains(IMG_SRC_ANY));
        assert!(seal(&keep, RemoteImages::Strip)
            .unwrap()
            .contains(IMG_SRC_OWN));
    }

    #[test]
    fn a_page_without_a_policy_is_an_error() {
        assert!(seal("<html><script>x</script></html>", RemoteImages::Link).is_err());
    }

    /// The same hash a browser computes: SHA-256 of the UTF-8 text, base64.
    #[test]
    fn the_source_of_a_known_text() {
        assert_eq!(
            source("alert(1)"),
            "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
        );
    }
}
