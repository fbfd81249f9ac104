//! Links between the language versions of one article (drafts sharing a
//! `translation` key).

use std::collections::HashMap;

use broadsheet_core::Translation;

use super::Article;

/// For each position whose article has other language versions, links to
/// them, in list order.
pub fn links(articles: &[Article]) -> HashMap<usize, Vec<Translation>> {
    let mut groups: HashMap<&str, Vec<usize>> = HashMap::new();
    for (position, article) in articles.iter().enumerate() {
        if let Some(key) = &article.entry.translation {
            groups.entry(key).or_default().push(position);
        }
    }
    let mut out = HashMap::new();
    for members in groups.values().filter(|m| m.len() > 1) {
        for &position in members {
            let others = members
                .iter()
                .filter(|&&p| p != position)
                .map(|&p| {
                    let e = &articles[p].entry;
                    Translation {
                        language: e.language,
                        slug: e.slug.clone(),
                        title: e.title.clone(),
                    }
                })
                .collect();
            out.insert(position, others);
        }
    }
    out
}
