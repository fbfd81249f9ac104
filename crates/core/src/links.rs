//! Addresses inside a published archive, as the reader writes them: the
//! base path a site is served under, list addresses with their query, and
//! the single-file copy's `?article=` addresses (a `file://` page may
//! change only its query). Pure text; the reader adds the page's own base.

/// A base path from the page's `<base href>` path: no trailing slash (`""`
/// at the root of a host, `"/broadsheet"` under a sub-path).
pub fn base_path(pathname: &str) -> String {
    pathname.trim_end_matches('/').to_string()
}

/// A path inside the site (`/`, `/?q=x`, `/articles/x`, `/bookmarks`) in
/// the single-file copy `file`: the list keeps its query, an article
/// becomes `?article=<slug>`, bookmarks `?bookmarks`.
pub fn packed_href(file: &str, path: &str) -> String {
    match path.strip_prefix("/articles/") {
        Some(slug) => format!("{file}?article={}", encode_query_value(slug)),
        None if path == "/bookmarks" => format!("{file}?bookmarks"),
        None => format!("{file}{}", path.trim_start_matches('/')),
    }
}

/// The list's path with these query pairs (`/` without any).
pub fn list_path(pairs: &[(&str, String)]) -> String {
    let query = pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", encode_query_value(v)))
        .collect::<Vec<_>>()
        .join("&");
    if query.is_empty() {
        "/".into()
    } else {
        format!("/?{query}")
    }
}

/// Percent-encodes a query value (RFC 3986 unreserved characters stay).
/// Keys are ASCII slugs or language tags, so this rarely has work to do;
/// it keeps hand-made values safe all the same.
pub fn encode_query_value(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        for (pathname, base) in [
            ("/", ""),
            ("", ""),
            ("/broadsheet/", "/broadsheet"),
            ("/a/b", "/a/b"),
        ] {
            assert_eq!(base_path(pathname), base, "{pathname}");
        }
        let file = "/home/r/archive.html";
        for (path, want) in [
            ("/", "/home/r/archive.html"),
            ("/?q=may%20day", "/home/r/archive.html?q=may%20day"),
            (
                "/articles/dock-strike",
                "/home/r/archive.html?article=dock-strike",
            ),
            ("/articles/a b&c", "/home/r/archive.html?article=a%20b%26c"),
            ("/bookmarks", "/home/r/archive.html?bookmarks"),
        ] {
            assert_eq!(packed_href(file, path), want, "{path}");
        }
        assert_eq!(list_path(&[]), "/");
        assert_eq!(
            list_path(&[
                ("region", "kashmir".into()),
                ("q", "\"may day\" -lahore".into())
            ]),
            "/?region=kashmir&q=%22may%20day%22%20-lahore"
        );
        assert_eq!(encode_query_value("طلبہ"), "%D8%B7%D9%84%D8%A8%DB%81");
        assert_eq!(encode_query_value("a-Z_0.~"), "a-Z_0.~");
    }
}
