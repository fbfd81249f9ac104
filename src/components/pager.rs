//! Previous / next page links that keep the current filters, search and sort.

use broadsheet_core::Page;
use leptos::prelude::*;

use crate::paths;
use crate::words::{t, tf};

#[component]
pub fn Pager(page: Signal<Page>, pairs: Signal<Vec<(&'static str, String)>>) -> impl IntoView {
    let link = move |number: usize| {
        let mut all = pairs.get();
        if number > 1 {
            all.push(("page", number.to_string()));
        }
        paths::list_with(&all)
    };
    move || {
        let p = page.get();
        (p.count > 1).then(|| {
            view! {
                <nav class="pager" aria-label=t("pager.label")>
                    {(p.number > 1).then(|| view! { <a rel="prev" href=link(p.number - 1)>{t("pager.previous")}</a> })}
                    <span class="pager-status">{tf("pager.status", &[("page", &crate::words::words().number(p.number as u64)), ("count", &crate::words::words().number(p.count as u64))])}</span>
                    {(p.number < p.count).then(|| view! { <a rel="next" href=link(p.number + 1)>{t("pager.next")}</a> })}
                </nav>
            }
        })
    }
}
