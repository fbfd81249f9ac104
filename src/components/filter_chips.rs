//! What narrows the list, as removable chips (search text, facet values,
//! dates), plus "clear all".

use std::sync::Arc;

use broadsheet_core::{quoted, Query};
use leptos::prelude::*;

use crate::data::Archive;
use crate::paths;
use crate::words::{t, tf, words};

struct Chip {
    what: String,
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
                what: t("chips.search"),
                label: quoted(&q.text, &words()),
                href: link(Query {
                    text: String::new(),
                    sort: None,
                    ..base.clone()
                }),
            });
        }
        for (facet, terms) in q.filter.active() {
            for &term in terms {
                let Some(found) = tax.term(facet, term) else {
                    continue;
                };
                chips.push(Chip {
                    what: t(facet.title_key()),
                    label: found.label.clone(),
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
                what: t("facet.from"),
                label: words().date(from),
                href: link(without.clone()),
            });
            without.range.from = q.range.from;
        }
        if let Some(to) = q.range.to {
            without.range.to = None;
            chips.push(Chip {
                what: t("facet.to"),
                label: words().date(to),
                href: link(without),
            });
        }
        chips
    };
    move || {
        let chips = chips();
        (!chips.is_empty()).then(|| {
            view! {
                <ul class="chips" aria-label=t("chips.label")>
                    {chips.into_iter().map(|chip| {
                        let aria = tf("chips.remove", &[("what", &chip.what), ("value", &chip.label)]);
                        view! {
                            <li>
                                <a class="chip" href=chip.href aria-label=aria>
                                    <span class="chip-facet">{format!("{}: ", chip.what)}</span>
                                    <bdi>{chip.label}</bdi>
                                    <span aria-hidden="true">" ×"</span>
                                </a>
                            </li>
                        }
                    }).collect_view()}
                    <li><a class="chip clear" href=paths::page("/")>{t("chips.clear")}</a></li>
                </ul>
            }
        })
    }
}
