//! Each article's slug and id: unique in the bundle, chosen deterministically,
//! clashes reported.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::draft::Draft;
use crate::slug::slugify;
use crate::Diagnostic;

/// Chooses each draft's slug and id. Drafts arrive in source-path order, so
/// the first file keeps a contested slug and later ones get `-2`, `-3`, ….
pub fn assign_identity(
    drafts: Vec<Draft>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(Draft, String, String)> {
    let mut slugs: HashMap<String, String> = HashMap::new();
    let mut ids: HashSet<String> = HashSet::new();
    let mut out = Vec::with_capacity(drafts.len());
    for draft in drafts {
        let base = draft.slug.clone().unwrap_or_else(|| {
            let s = slugify(&draft.title);
            if s.is_empty() {
                "article".to_string()
            } else {
                s
            }
        });
        let mut slug = base.clone();
        let mut n = 2;
        while slugs.contains_key(&slug) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        if slug != base {
            diags.push(Diagnostic::warning(
                Path::new(&draft.file),
                draft.line,
                format!(
                    "slug `{base}` is already used by {}; this article gets `{slug}`",
                    slugs[&base]
                ),
            ));
        }
        let id = match &draft.id {
            Some(id) if !ids.contains(id) => id.clone(),
            Some(id) => {
                let fresh = derived_id(&slug);
                diags.push(Diagnostic::warning(
                    Path::new(&draft.file),
                    draft.line,
                    format!("id `{id}` is already used; this article gets `{fresh}`"),
                ));
                fresh
            }
            None => derived_id(&slug),
        };
        ids.insert(id.clone());
        slugs.insert(slug.clone(), draft.file.clone());
        out.push((draft, id, slug));
    }
    out
}

fn derived_id(slug: &str) -> String {
    broadsheet_core::content_hash(slug.as_bytes())[..12].to_string()
}
