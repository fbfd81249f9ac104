//! Language tags: the BCP 47 shape every source and the config are checked
//! against.

/// Checks the shape of a BCP 47 tag and normalizes its case
/// (`UR-pk` → `ur-PK`, `pa-arab` → `pa-Arab`).
pub fn normalize_language(tag: &str) -> Option<String> {
    let mut parts = tag.split(['-', '_']);
    let primary = parts.next()?;
    if !(2..=3).contains(&primary.len()) || !primary.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let mut out = primary.to_ascii_lowercase();
    for part in parts {
        if part.is_empty() || part.len() > 8 || !part.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return None;
        }
        out.push('-');
        match part.len() {
            2 => out.push_str(&part.to_ascii_uppercase()),
            4 => {
                out.push_str(&part[..1].to_ascii_uppercase());
                out.push_str(&part[1..].to_ascii_lowercase());
            }
            _ => out.push_str(&part.to_ascii_lowercase()),
        }
    }
    Some(out)
}

/// The first well-formed tag among what a source says, else the build's
/// default (normalized when it can be).
pub fn or_default<'a>(said: impl IntoIterator<Item = &'a str>, default: &str) -> String {
    said.into_iter()
        .find_map(|tag| normalize_language(tag.trim()))
        .or_else(|| normalize_language(default))
        .unwrap_or_else(|| default.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_normalize() {
        let cases = [
            ("en", Some("en")),
            ("UR-pk", Some("ur-PK")),
            ("pa-arab", Some("pa-Arab")),
            ("zh-Hant-HK", Some("zh-Hant-HK")),
            ("e", None),
            ("english!", None),
            ("en--US", None),
        ];
        for (tag, want) in cases {
            assert_eq!(normalize_language(tag).as_deref(), want, "{tag}");
        }
    }

    #[test]
    fn the_first_well_formed_tag_wins_else_the_default() {
        assert_eq!(or_default(["english!", " UR-pk "], "en"), "ur-PK");
        assert_eq!(or_default([], "EN"), "en");
        assert_eq!(or_default(["??"], "x"), "x");
    }
}
