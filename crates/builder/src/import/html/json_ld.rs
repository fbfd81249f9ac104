//! schema.org JSON-LD: the most trusted of a page's metadata.

use serde_json::Value;

use super::Page;
use crate::text::clean_line;

impl Page {
    pub(super) fn json_ld(&mut self, a: &Value) {
        push_text(
            &mut self.titles,
            a.get("headline").or_else(|| a.get("name")),
        );
        for key in ["datePublished", "dateCreated", "dateModified"] {
            if let Some(date) = a.get(key).and_then(Value::as_str) {
                self.dates.push((date.to_string(), "JSON-LD"));
            }
        }
        let authors = people(a.get("author"));
        if !authors.is_empty() {
            self.authors.push(authors);
        }
        push_text(&mut self.sections, a.get("articleSection"));
        if let Some(keywords) = a.get("keywords") {
            self.tags.push(match keywords {
                Value::String(s) => split_list(s),
                other => texts(other),
            });
        }
        push_text(&mut self.descriptions, a.get("description"));
        match a.get("inLanguage") {
            Some(Value::String(s)) => self.languages.push(s.clone()),
            Some(Value::Object(o)) => push_text(&mut self.languages, o.get("alternateName")),
            _ => {}
        }
        push_text(&mut self.urls, a.get("url"));
        match a.get("mainEntityOfPage") {
            Some(Value::String(s)) => self.urls.push(s.clone()),
            Some(Value::Object(o)) => push_text(&mut self.urls, o.get("@id")),
            _ => {}
        }
        for key in ["contentLocation", "spatialCoverage"] {
            self.places.extend(places(a.get(key)));
        }
        self.article_body = a
            .get("articleBody")
            .and_then(Value::as_str)
            .map(str::to_string);
    }
}

/// The first schema.org article in a JSON-LD value (arrays and `@graph`
/// searched too).
pub(super) fn find_article(value: &Value) -> Option<&Value> {
    match value {
        Value::Array(items) => items.iter().find_map(find_article),
        Value::Object(object) => {
            let is_article = match object.get("@type") {
                Some(Value::String(t)) => is_article_type(t),
                Some(Value::Array(types)) => {
                    types.iter().filter_map(Value::as_str).any(is_article_type)
                }
                _ => false,
            };
            if is_article {
                Some(value)
            } else {
                object.get("@graph").and_then(find_article)
            }
        }
        _ => None,
    }
}

pub(super) fn is_article_type(t: &str) -> bool {
    let t = t.rsplit(['/', ':']).next().unwrap_or(t);
    t.ends_with("Article") || t == "BlogPosting" || t == "Report"
}

/// The names of the people (or organisations) of a JSON-LD `author`.
pub(super) fn people(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => split_list(s),
        Some(Value::Object(o)) => texts(o.get("name").unwrap_or(&Value::Null)),
        Some(Value::Array(items)) => items.iter().flat_map(|i| people(Some(i))).collect(),
        _ => Vec::new(),
    }
}

/// The names of JSON-LD places (`"Lahore"`, `{"@type": "Place", "name":
/// "Lahore"}`, or a list of them).
pub(super) fn places(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => texts(&Value::String(s.clone())),
        Some(Value::Object(o)) => texts(o.get("name").unwrap_or(&Value::Null)),
        Some(Value::Array(items)) => items.iter().flat_map(|i| places(Some(i))).collect(),
        _ => Vec::new(),
    }
}

/// Every string of a JSON value (a string, or an array of them).
pub(super) fn texts(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => vec![clean_line(s)],
        Value::Array(items) => items.iter().flat_map(texts).collect(),
        _ => Vec::new(),
    }
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect()
}

pub(super) fn push_text(out: &mut Vec<String>, value: Option<&Value>) {
    out.extend(value.map(texts).unwrap_or_default().into_iter().take(1));
}

pub(super) fn split_list(s: &str) -> Vec<String> {
    s.split([',', ';'])
        .map(clean_line)
        .filter(|s| !s.is_empty())
        .collect()
}

pub(super) fn dedup(items: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    for item in items {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&item)) {
            out.push(item);
        }
    }
    out
}
