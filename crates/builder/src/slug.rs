//! URL slugs and facet keys: lower-case ASCII, transliterated from any script.

use broadsheet_core::Facet;

/// `"Dock workers in Valparaíso!"` → `"dock-workers-in-valparaiso"`;
/// `"لاہور"` → `"lahor"`. Empty when nothing transliterable remains.
pub fn slugify(text: &str) -> String {
    // Apostrophes join words ("Circle's" → "circles"), they do not split them.
    let joined: String = text
        .chars()
        .filter(|c| !matches!(c, '\'' | '’' | 'ʼ'))
        .collect();
    let ascii = deunicode::deunicode(&joined);
    let mut out = String::with_capacity(ascii.len());
    let mut dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    truncate_on_dash(out, 80)
}

/// Cuts a slug to at most `max` bytes, at a dash when there is one.
fn truncate_on_dash(slug: String, max: usize) -> String {
    if slug.len() <= max {
        return slug;
    }
    let cut = &slug[..max];
    match cut.rfind('-') {
        Some(i) if i > max / 2 => cut[..i].to_string(),
        _ => cut.to_string(),
    }
}

/// Is this already a valid slug (what [`slugify`] would produce)?
pub fn is_slug(text: &str) -> bool {
    !text.is_empty() && slugify(text) == text
}

/// The key a label is filed under. Language tags are their own keys
/// (lower-cased), so `?lang=ur` reads naturally.
pub fn key_for(facet: Facet, label: &str) -> String {
    match facet {
        Facet::Language => label.to_ascii_lowercase(),
        Facet::Year => label.to_string(),
        _ => {
            let key = slugify(label);
            if key.is_empty() {
                // Labels with nothing transliterable still need a key.
                format!(
                    "t-{}",
                    &broadsheet_core::content_hash(label.as_bytes())[..8]
                )
            } else {
                key
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        let cases = [
            (
                "Dock workers in Valparaíso win",
                "dock-workers-in-valparaiso-win",
            ),
            ("  May Day — Lahore, 2023!  ", "may-day-lahore-2023"),
            ("Zürich conference", "zurich-conference"),
            ("Hong Kong", "hong-kong"),
            ("C++ & Rust", "c-rust"),
            ("The Circle's schools", "the-circles-schools"),
            ("Workers’ rights", "workers-rights"),
            ("", ""),
            ("—", ""),
        ];
        for (input, want) in cases {
            assert_eq!(slugify(input), want, "{input:?}");
        }
        // Non-Latin scripts transliterate to something non-empty and stable.
        let urdu = slugify("لاہور میں طلبہ");
        assert!(!urdu.is_empty() && is_slug(&urdu), "{urdu}");
        let long = slugify(&"word ".repeat(40));
        assert!(long.len() <= 80 && !long.ends_with('-'), "{long}");
    }
}
