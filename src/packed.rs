//! The single-file copy (`broadsheet pack`): the bundle travels inside
//! the page, in `<script type="application/json" id="broadsheet-pack">`, as
//! a map from bundle path to file text (binary files as base64). There is no server, and a `file://`
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

/// A file of the single-file copy, as its bytes: a binary one (core's
/// `packed_as_base64`) travels as base64 text.
pub fn file(path: &str) -> Option<Vec<u8>> {
    let text = FILES.with(|files| files.as_ref()?.get(path).cloned())?;
    if !broadsheet_core::packed_as_base64(path) {
        return Some(text.into_bytes());
    }
    let binary = web_sys::window()?.atob(&text).ok()?;
    Some(binary.chars().map(|c| c as u8).collect())
}
