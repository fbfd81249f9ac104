//! The contract between the reader and its service worker (`public/sw.js`,
//! which the builder seals per edition with these values filled in: see
//! `crates/builder/src/site/edition.rs`): which pages the worker answers
//! with the app shell, and how caches are named.

/// The reader's own pages, as paths relative to the site's base: the list
/// (`""`, `index.html`), `bookmarks` and `articles/<slug>`. A JavaScript
/// regular expression source; the worker answers only these with the shell
/// when offline, and sends any other page of the scope to the network.
pub const READER_PAGES: &str = r"^(|index\.html|bookmarks|articles\/[a-z0-9-]+)$";

/// The name of one of a site's caches: `broadsheet:<scope path>:<kind>`,
/// `scope` being the path the worker is registered for (`/`,
/// `/broadsheet/`), so archives sharing an origin keep apart.
pub fn cache_name(scope: &str, kind: &str) -> String {
    format!("{CACHE_NAMESPACE}:{scope}:{kind}")
}

/// What every cache name starts with.
pub const CACHE_NAMESPACE: &str = "broadsheet";

/// The cache of bundle files read so far (kind `shards`).
pub const SHARDS: &str = "shards";

#[cfg(test)]
mod tests {
    use super::*;

    /// The pattern as the worker reads it: the reader's routes (`src/app.rs`)
    /// and nothing else.
    fn matches(path: &str) -> bool {
        let inner = READER_PAGES
            .strip_prefix("^(")
            .and_then(|p| p.strip_suffix(")$"))
            .unwrap();
        inner.split('|').any(|alternative| match alternative {
            r"articles\/[a-z0-9-]+" => path.strip_prefix("articles/").is_some_and(|slug| {
                !slug.is_empty()
                    && slug
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            }),
            other => other.replace('\\', "") == path,
        })
    }

    #[test]
    fn the_worker_answers_the_reader_pages_only() {
        for page in ["", "index.html", "bookmarks", "articles/dock-strike-2024"] {
            assert!(matches(page), "{page}");
        }
        for other in [
            "feeds/all.atom",
            "articles/",
            "articles/a/b",
            "about.html",
            "Bookmarks",
        ] {
            assert!(!matches(other), "{other}");
        }
    }

    #[test]
    fn caches_are_named_per_scope() {
        assert_eq!(
            cache_name("/broadsheet/", SHARDS),
            "broadsheet:/broadsheet/:shards"
        );
    }
}
