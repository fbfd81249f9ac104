//! The single-file copy (`broadsheet pack`): the bundle travels inside
//! the page, in `<script type="application/json" id="broadsheet-pack">`, as
//! a map from bundle path to file text. There is no server, and a `file://`
//! page may change only its query, so an article's address is
//! `?article=<slug>` there (see `paths`).

use std::collections::HashMap;

thread_local! {
    static FILES: Option<HashMap<String, String>> = load();
}

fn load() -> Option<HashMap<String, String>> {
    let text = web_sys::window()?
        .document()?
        .get_element_by_id("broadsheet-pack")?
        .text_content()?;
    // A damaged map still means "packed": its files then read as missing
    // (a clear error page) instead of being looked for on a network.
    Some(serde_json::from_str(&text).unwrap_or_default())
}

/// Is this page a single-file copy?
pub fn active() -> bool {
    FILES.with(Option::is_some)
}

/// A bundle file of the single-file copy.
pub fn file(path: &str) -> Option<Vec<u8>> {
    FILES.with(|files| Some(files.as_ref()?.get(path)?.as_bytes().to_vec()))
}
