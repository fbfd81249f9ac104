//! A labelled row of links to the list filtered by each term of one facet.

use std::sync::Arc;

use broadsheet_core::Facet;
use leptos::prelude::*;

use crate::data::Archive;
use crate::paths;
use crate::words::t;

#[component]
pub fn TermLinks(facet: Facet, indices: Vec<u32>) -> impl IntoView {
    let archive = expect_context::<Arc<Archive>>();
    let links = paths::term_links(&archive.manifest.taxonomy, facet, &indices);
    (!links.is_empty()).then(|| {
        view! {
            <div class="terms" data-facet=facet.param()>
                <span class="terms-facet">{t(facet.title_key())}</span>
                <ul>
                    {links.into_iter().map(|(label, href)| view! {
                        <li><a class="chip" href=href>{label}</a></li>
                    }).collect_view()}
                </ul>
            </div>
        }
    })
}
