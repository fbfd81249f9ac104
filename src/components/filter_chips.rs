//! What narrows the list, as removable chips (search text, facet values,
//! dates), plus "clear all".

use std::sync::Arc;

use broadsheet_core::{quoted, Query};
use leptos::prelude::*;

use crate::data::Archive;
use crate::paths;

struct Chip {
    what: &'static str,
    label: String,
    /// The list without this chip.
    href: String,
}

#[component]
pub fn FilterChips(query: Memo<Query>) -> impl IntoView {
    let archive = expect_context::<Arc<Archive>>();
    let chips = move || {
        let q = query.get();
        let tax = &archive.manifest.taxonomy;
        let base = Query {
            page: 1,
            ..q.clone()
        };
        let link = |next: Query| paths::list_query(&next, tax);
        let mut chips = Vec::new();
        if q.has_text() {
            chips.push(Chip {
                what: "Search",
                label: quoted(&q.text),
                href: link(Query {
                    text: String::new(),
                    sort: None,
                    ..base.clone()
                }),
            });
        }
        for (facet, terms) in q.filter.active() {
            for &term in terms {
                let Some(t) = tax.term(facet, term) else {
                    continue;
                };
                chips.push(Chip {
                    what: facet.title(),
                    label: t.label.clone(),
                    href: link(Query {
                        filter: q.filter.toggled(facet, term),
                        ..base.clone()
                    }),
                });
            }
        }
        let mut without = base.clone();
        if let Some(from) = q.range.from {
            without.range.from = None;
            chips.push(Chip {
                what: "From",
                label: from.long_form(),
                href: link(without.clone()),
            });
            without.range.from = q.range.from;
        }
        if let Some(to) = q.range.to {
            without.range.to = None;
            chips.push(Chip {
                what: "To",
                label: to.long_form(),
                href: link(without),
            });
        }
        chips
    };
    move || {
        let chips = chips();
        (!chips.is_empty()).then(|| {
            view! {
                <ul class="chips" aria-label="Active filters">
                    {chips.into_iter().map(|chip| {
                        let aria = format!("Remove {}: {}", chip.what, chip.label);
                        view! {
                            <li>
                                <a class="chip" href=chip.href aria-label=aria>
                                    <span class="chip-facet">{chip.what}": "</span>
                                    <bdi>{chip.label}</bdi>
                                    <span aria-hidden="true">" ×"</span>
                                </a>
                            </li>
                        }
                    }).collect_view()}
                    <li><a class="chip clear" href=paths::href("/")>"Clear all"</a></li>
                </ul>
            }
        })
    }
}
