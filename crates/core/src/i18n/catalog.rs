//! A catalog: one interface language's messages, read from its JSON file
//! (`public/locales/<code>.json`). A message is a text with `{name}`
//! placeholders, or, for a count, one text per plural category
//! (`{"one": "{n} article", "other": "{n} articles"}`) — the categories are
//! Unicode CLDR's (zero, one, two, few, many, other), chosen per number by
//! the platform (`Intl.PluralRules` in the browser).

use std::collections::HashMap;

use serde_json::Value;

/// The plural categories of Unicode CLDR, in their usual order.
pub const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// One message of a catalog.
#[derive(Clone, Debug, PartialEq)]
pub enum Message {
    Text(String),
    /// `(category, text)` pairs; `other` is always among them.
    Plural(Vec<(String, String)>),
}

/// One language's messages by key.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Catalog {
    messages: HashMap<String, Message>,
}

impl Catalog {
    /// Reads a catalog file. Keys starting with `@` are notes for
    /// translators and are skipped.
    pub fn parse(json: &str) -> Result<Catalog, String> {
        let value: Value = serde_json::from_str(json).map_err(|e| format!("not JSON: {e}"))?;
        let Value::Object(map) = value else {
            return Err("a catalog is one JSON object of messages".into());
        };
        let mut catalog = Catalog::default();
        for (key, value) in map {
            match value {
                Value::String(text) => catalog.add_text(key, text),
                Value::Object(forms) => {
                    let mut plural = Vec::with_capacity(forms.len());
                    for (category, text) in forms {
                        let Value::String(text) = text else {
                            return Err(format!("{key}.{category}: a text was expected"));
                        };
                        plural.push((category, text));
                    }
                    catalog.add_count(key, plural)?;
                }
                _ => {
                    return Err(format!(
                        "{key}: a text or an object of plural forms was expected"
                    ))
                }
            }
        }
        Ok(catalog)
    }

    /// Adds a text message (a key starting with `@`, a note for
    /// translators, is skipped). For readers of catalogs that parse the
    /// JSON themselves (the browser's `JSON.parse` costs the wasm nothing).
    pub fn add_text(&mut self, key: String, text: String) {
        if !key.starts_with('@') {
            self.messages.insert(key, Message::Text(text));
        }
    }

    /// Adds a count: `(category, text)` pairs, `other` among them.
    pub fn add_count(&mut self, key: String, forms: Vec<(String, String)>) -> Result<(), String> {
        if let Some((category, _)) = forms
            .iter()
            .find(|(c, _)| !CATEGORIES.contains(&c.as_str()))
        {
            return Err(format!("{key}: {category} is not a plural category"));
        }
        if !forms.iter().any(|(c, _)| c == "other") {
            return Err(format!("{key}: a count needs its \"other\" form"));
        }
        if !key.starts_with('@') {
            self.messages.insert(key, Message::Plural(forms));
        }
        Ok(())
    }

    pub fn get(&self, key: &str) -> Option<&Message> {
        self.messages.get(key)
    }

    /// Every key, sorted.
    pub fn keys(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = self.messages.keys().map(String::as_str).collect();
        keys.sort_unstable();
        keys
    }

    pub fn len(&self) -> usize {
        self.messages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.messages.is_empty()
    }
}

impl Message {
    /// The text for plural `category` (a plain text serves every category;
    /// a missing category takes `other`).
    pub fn form(&self, category: &str) -> &str {
        match self {
            Message::Text(text) => text,
            Message::Plural(forms) => forms
                .iter()
                .find(|(c, _)| c == category)
                .or_else(|| forms.iter().find(|(c, _)| c == "other"))
                .map_or("", |(_, text)| text),
        }
    }
}

/// `template` with each `{name}` replaced by its value in `args`; an
/// unknown placeholder stays as written.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(value),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{name}` placeholders of `template`, in order.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        names.push(&after[..close]);
        rest = &after[close + 1..];
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_and_counts_read_and_notes_are_skipped() {
        let catalog = Catalog::parse(
            r#"{"@note": "for translators", "list.heading-latest": "Latest articles",
                "list.articles": {"one": "{n} article", "other": "{n} articles"}}"#,
        )
        .unwrap();
        assert_eq!(catalog.keys(), ["list.articles", "list.heading-latest"]);
        let count = catalog.get("list.articles").unwrap();
        assert_eq!(count.form("one"), "{n} article");
        assert_eq!(count.form("few"), "{n} articles");
        assert_eq!(
            catalog.get("list.heading-latest").unwrap().form("one"),
            "Latest articles"
        );
    }

    #[test]
    fn a_damaged_catalog_says_where() {
        for (json, says) in [
            ("[1]", "one JSON object"),
            (r#"{"a.b": 3}"#, "a.b: a text or"),
            (r#"{"a.b": {"one": "x"}}"#, "a.b: a count needs"),
            (
                r#"{"a.b": {"lots": "x", "other": "y"}}"#,
                "lots is not a plural",
            ),
            (r#"{"a.b": {"other": 1}}"#, "a.b.other"),
            ("{", "not JSON"),
        ] {
            let error = Catalog::parse(json).unwrap_err();
            assert!(error.contains(says), "{json}: {error}");
        }
    }

    #[test]
    fn placeholders_are_filled_by_name() {
        assert_eq!(
            fill("{n} of {total}", &[("total", "9"), ("n", "2")]),
            "2 of 9"
        );
        assert_eq!(fill("{unknown} stays", &[]), "{unknown} stays");
        assert_eq!(fill("no braces", &[("n", "1")]), "no braces");
        assert_eq!(fill("open { brace", &[]), "open { brace");
        assert_eq!(placeholders("{a} and {b}"), ["a", "b"]);
    }
}
