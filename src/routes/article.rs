//! One article: header, body from its shard, terms linking back to the list.

use std::sync::Arc;

use broadsheet_core::{Entry, Facet};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::{
    ArticleNav, ArticleTools, Byline, ErrorPanel, ReadingProgress, RelatedArticles, TermLinks,
    Translations,
};
use crate::data::Archive;
use crate::routes::NotFound;
use crate::words::{self, t, tf, tn};

#[component]
pub fn ArticlePage() -> impl IntoView {
    let archive = expect_context::<Arc<Archive>>();
    let params = use_params_map();
    let query = use_query_map();
    // `/articles/<slug>`, or `?article=<slug>` in the single-file copy.
    let slug = Memo::new(move |_| {
        params
            .with(|p| p.get("slug"))
            .or_else(|| query.with(|q| q.get("article")))
            .unwrap_or_default()
    });
    let found = LocalResource::new(move || archive.clone().find_slug(slug.get()));
    view! {
        <Transition fallback=|| view! { <p class="loading">{t("article.loading")}</p> }>
            {move || found.get().map(|found| match found {
                Ok(Some((position, entry))) => view! { <Article position entry/> }.into_any(),
                Ok(None) => view! {
                    <NotFound what=t("article.not-found")/>
                }.into_any(),
                Err(e) => {
                    crate::prerender::done();
                    view! { <ErrorPanel title=t(e.headline()) detail=e.to_string()/> }.into_any()
                }
            })}
        </Transition>
    }
}

#[component]
fn Article(position: u32, entry: Entry) -> impl IntoView {
    let archive = expect_context::<Arc<Archive>>();
    let tax = &archive.manifest.taxonomy;
    let language = tax
        .term(Facet::Language, entry.language)
        .map(|t| t.key.clone())
        .unwrap_or_default();
    let section = tax
        .term(Facet::Section, entry.section.unwrap_or(u32::MAX))
        .cloned();
    let body = {
        let archive = archive.clone();
        let (shard, id) = (entry.shard, entry.id.clone());
        LocalResource::new(move || {
            let archive = archive.clone();
            let id = id.clone();
            async move {
                let shard = archive.body_shard(position, shard).await?;
                Ok::<_, crate::data::LoadError>(shard.body(&id).cloned())
            }
        })
    };
    // Ready (or failed) once the body has arrived.
    Effect::new(move |_| {
        if body.get().is_some() {
            crate::prerender::done();
        }
    });
    let minutes = entry.reading_minutes();
    let heading_ref = NodeRef::new();
    crate::focus::heading_on_arrival(heading_ref);
    let description = entry.summary.clone();
    let article_ref = NodeRef::new();
    view! {
        <Title text=entry.title.clone()/>
        <Meta name="description" content=description/>
        <ReadingProgress id=entry.id.clone() article=article_ref/>
        <article class="article" lang=language dir=entry.dir.as_str() node_ref=article_ref>
            <header class="article-head">
                {section.map(|s| view! {
                    <a class="kicker" href=crate::paths::list_filtered(Facet::Section, &s.key)>{s.label}</a>
                })}
                <h1 tabindex="-1" node_ref=heading_ref>{entry.title.clone()}</h1>
                <Byline entry=entry.clone()/>
                <p class="reading-time"><bdi lang=words::lang()>{tn("article.minutes", u64::from(minutes), &[])}</bdi></p>
                <ArticleTools entry=entry.clone()/>
            </header>
            <Transition fallback=|| view! { <p class="loading">{t("article.loading")}</p> }>
                {move || body.get().map(|loaded| match loaded {
                    Ok(Some(body)) => view! {
                        <div class="article-body" class:excerpt=body.excerpt
                            inner_html=broadsheet_core::pictures::rebase(&body.html, &crate::paths::bundle_file(""))></div>
                        {(body.excerpt || body.title_derived).then(|| view! {
                            <p class="excerpt-note" role="note" lang=words::lang() dir=words::dir()>
                                {[(body.excerpt, "article.excerpt"), (body.title_derived, "article.title-derived")]
                                    .into_iter().filter(|(on, _)| *on).map(|(_, key)| t(key)).collect::<Vec<_>>().join(" ")}
                            </p>
                        })}
                        {body.source.url.filter(|u| u.starts_with("https://") || u.starts_with("http://")).map(|url| view! {
                            <p class="original" lang=words::lang() dir=words::dir()>{original_at(&url)}</p>
                        })}
                        <Translations translations=body.translations/>
                        <RelatedArticles links=body.related/>
                    }.into_any(),
                    Ok(None) => view! {
                        <ErrorPanel title=t("article.missing") detail=t("article.missing-detail")/>
                    }.into_any(),
                    Err(e) => view! { <ErrorPanel title=t(e.headline()) detail=e.to_string()/> }.into_any(),
                })}
            </Transition>
            <footer class="article-foot">
                <TermLinks facet=Facet::Region indices=entry.regions.clone()/>
                <TermLinks facet=Facet::Country indices=entry.countries.clone()/>
                <TermLinks facet=Facet::Tag indices=entry.tags.clone()/>
            </footer>
        </article>
        <ArticleNav position/>
    }
}

/// "Originally published at <a>example.org</a>", the link where the
/// language puts the host.
fn original_at(url: &str) -> impl IntoView {
    let text = tf("article.original", &[("host", "\u{0}")]);
    let (before, after) = text.split_once('\u{0}').unwrap_or((&text, ""));
    view! {
        {before.to_string()}
        <a href=url.to_string() rel="noopener noreferrer nofollow"><bdi>{host_of(url).to_string()}</bdi></a>
        {after.to_string()}
    }
}

/// The host of an outside address, as link text (`https://www.example.org/a`
/// → `example.org`).
fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    host.strip_prefix("www.").unwrap_or(host)
}
