//! A published site (`--site-files`): feeds, sitemap, static pages, what a rebuild removes.

use broadsheet_builder::{read_bundle, Opened};

use crate::common::*;

#[test]
fn feeds_and_sitemap_for_the_published_site() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("bundle");
    let base = "https://example.org/archive/";
    let out = build_fixture(
        "site",
        &bundle,
        &["--url", base, "--site-files", dir.path().to_str().unwrap()],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("2 feeds, 1 sitemap file and 0 pages written"),
        "{stderr}"
    );
    let Opened {
        manifest, entries, ..
    } = read_bundle(&bundle).unwrap();
    assert_eq!(manifest.site.url.as_deref(), Some(base));

    // The feeds parse as Atom, with what RFC 4287 requires of each entry.
    let all = std::fs::read(dir.path().join("feeds/all.atom")).unwrap();
    let feed = feed_rs::parser::parse(&all[..]).unwrap();
    assert_eq!(feed.id, format!("{base}feeds/all.atom"));
    assert!(feed.updated.is_some());
    let dated = entries.iter().filter(|e| e.date.is_some()).count();
    assert_eq!(feed.entries.len(), dated);
    for entry in &feed.entries {
        assert!(
            entry.id.starts_with(&format!("{base}articles/")),
            "{}",
            entry.id
        );
        assert!(entry.title.is_some() && entry.updated.is_some());
        assert_eq!(entry.links[0].href, entry.id);
    }
    let newest = feed.entries[0].updated.unwrap();
    assert!(feed.entries.iter().all(|e| e.updated.unwrap() <= newest));
    // A feed per section with dated articles (undated ones cannot be in a
    // feed: Atom needs a date).
    let news = std::fs::read(dir.path().join("feeds/sections/news.atom")).unwrap();
    let news = feed_rs::parser::parse(&news[..]).unwrap();
    assert_eq!(news.entries.len(), 1);
    assert!(news.entries[0].categories.iter().any(|c| c.term == "news"));

    // The sitemap is well-formed XML in the sitemaps.org namespace, with the
    // home page and every article, addresses absolute under the site's.
    let sitemap = std::fs::read_to_string(dir.path().join("sitemap.xml")).unwrap();
    let mut reader = quick_xml::Reader::from_str(&sitemap);
    let mut locs = Vec::new();
    let mut root = None;
    let mut in_loc = false;
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Start(e) => {
                let name = e.name().as_ref().to_string();
                if root.is_none() {
                    let ns = e
                        .try_get_attribute("xmlns")
                        .unwrap()
                        .map(|a| a.value.into_owned());
                    root = Some((name.clone(), ns));
                }
                in_loc = name == "loc";
            }
            quick_xml::events::Event::Text(t) if in_loc => {
                locs.push(t.into_inner().into_owned());
            }
            quick_xml::events::Event::End(_) => in_loc = false,
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(
        root,
        Some((
            "urlset".to_string(),
            Some("http://www.sitemaps.org/schemas/sitemap/0.9".to_string())
        ))
    );
    assert_eq!(locs.len(), entries.len() + 1);
    assert!(locs.iter().all(|l| l.starts_with(base)), "{locs:?}");

    // Without a site URL there is nothing to point the files at.
    let out = build_fixture(
        "mixed",
        &bundle,
        &["--site-files", dir.path().to_str().unwrap()],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--site-files needs the site's URL"));
}

#[test]
fn a_static_page_for_every_article_when_the_folder_holds_the_reader() {
    let dir = tempfile::tempdir().unwrap();
    let shell = format!(
        "<!doctype html><html><head>{CSP}<title>Broadsheet</title></head>\
         <body><noscript>JavaScript</noscript></body></html>"
    );
    std::fs::write(dir.path().join("index.html"), &shell).unwrap();
    let bundle = dir.path().join("bundle");
    let args = [
        "--url",
        "https://example.org/archive/",
        "--site-files",
        dir.path().to_str().unwrap(),
    ];
    let out = build_fixture("site", &bundle, &args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let Opened { entries, .. } = read_bundle(&bundle).unwrap();
    assert!(
        stderr.contains(&format!("and {} pages written", entries.len() + 1)),
        "{stderr}"
    );
    for entry in &entries {
        let page =
            std::fs::read_to_string(dir.path().join(format!("articles/{}.html", entry.slug)))
                .unwrap();
        assert!(page.contains("<div id=\"prerender\""), "{page}");
        assert!(
            page.contains(&format!(
                "<link rel=\"canonical\" href=\"https://example.org/archive/articles/{}\">",
                entry.slug
            )),
            "{page}"
        );
        assert!(!page.contains("<script"), "no script comes from the bundle");
    }
    let index = std::fs::read_to_string(dir.path().join("index.html")).unwrap();
    assert!(index.contains("class=\"cards\""));
    // Building again over the same folder gives the same pages, not doubles.
    let out = build_fixture("site", &bundle, &args);
    assert!(out.status.success());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("index.html")).unwrap(),
        index
    );

    // Without article pages: only the list's page.
    let lean = tempfile::tempdir().unwrap();
    std::fs::write(lean.path().join("index.html"), &shell).unwrap();
    let site = lean.path().to_str().unwrap();
    let out = build_fixture(
        "site",
        &lean.path().join("bundle"),
        &[
            "--url",
            "https://example.org/archive/",
            "--site-files",
            site,
            "--no-article-pages",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!lean.path().join("articles").exists());
    let index = std::fs::read_to_string(lean.path().join("index.html")).unwrap();
    assert!(index.contains("class=\"cards\""));
}

#[test]
fn a_section_called_all_keeps_the_archive_feed_whole() {
    let src = markdown_sources(&[
        ("a.md", "Everything at once", "All"),
        ("b.md", "Dock strike", "News"),
        ("c.md", "School opens", "Reports"),
    ]);
    let site = tempfile::tempdir().unwrap();
    build_site(src.path(), site.path());
    let feed = |path: &str| {
        let bytes = std::fs::read(site.path().join(path)).unwrap();
        let feed = feed_rs::parser::parse(&bytes[..]).unwrap();
        feed.entries.len()
    };
    assert_eq!(
        feed("feeds/all.atom"),
        3,
        "the archive's feed has every article"
    );
    assert_eq!(feed("feeds/sections/all.atom"), 1);
    assert_eq!(feed("feeds/sections/news.atom"), 1);
}

#[test]
fn a_withdrawn_article_leaves_no_page_behind() {
    let src = markdown_sources(&[
        ("a.md", "Teachers meet", "News"),
        ("b.md", "Withdrawn report", "Reports"),
    ]);
    let site = tempfile::tempdir().unwrap();
    std::fs::write(
        site.path().join("index.html"),
        format!("<!doctype html><html><head>{CSP}<title>B</title></head><body></body></html>"),
    )
    .unwrap();
    // A page of the publisher's own, which the builder never wrote.
    std::fs::create_dir_all(site.path().join("articles")).unwrap();
    std::fs::write(site.path().join("articles/about.html"), "about us").unwrap();
    let build = || build_site(src.path(), site.path());
    build();
    let page = site.path().join("articles/withdrawn-report.html");
    let feed = site.path().join("feeds/sections/reports.atom");
    assert!(page.exists() && feed.exists());

    std::fs::remove_file(src.path().join("b.md")).unwrap();
    let stderr = build();
    assert!(!page.exists(), "the withdrawn article's page is gone");
    assert!(!feed.exists(), "and its section's feed, now empty");
    assert!(
        stderr.contains("2 files an earlier build wrote, no longer published, removed"),
        "{stderr}"
    );
    assert!(site.path().join("articles/teachers-meet.html").exists());
    assert!(
        site.path().join("articles/about.html").exists(),
        "not the builder's: kept"
    );
    assert!(site.path().join("index.html").exists());
    let sitemap = std::fs::read_to_string(site.path().join("sitemap.xml")).unwrap();
    assert!(!sitemap.contains("withdrawn-report"));
}

#[test]
fn a_site_in_urdu_writes_its_pages_feeds_and_term_names_in_urdu() {
    let src = tempfile::tempdir().unwrap();
    std::fs::write(
        src.path().join("broadsheet.toml"),
        "[site]\ntitle = \"Archive\"\nlanguage = \"ur\"\n\
         [[taxonomy.sections]]\nname = \"News\"\nlabels = { ur = \"خبریں\", ar = \"أخبار\" }\n",
    )
    .unwrap();
    for (i, title) in ["Dock strike", "School opens"].iter().enumerate() {
        std::fs::write(
            src.path().join(format!("{i}.md")),
            format!(
                "---\ntitle: \"{title}\"\ndate: 2024-05-0{}\nsection: News\n---\nText.\n",
                i + 1
            ),
        )
        .unwrap();
    }
    let site = tempfile::tempdir().unwrap();
    let shell = format!(
        "<!doctype html><html><head>{CSP}<title>Broadsheet</title>\
         <link rel=\"alternate\" href=\"feeds/all.atom\" data-message=\"shell.feed\" title=\"All articles\">\
         </head><body><noscript><p data-message=\"shell.noscript\">Broadsheet needs JavaScript.</p></noscript></body></html>"
    );
    std::fs::write(site.path().join("index.html"), &shell).unwrap();
    build_site(src.path(), site.path());

    let Opened { manifest, .. } = read_bundle(&site.path().join("bundle")).unwrap();
    let arabic = manifest
        .taxonomy
        .labels
        .iter()
        .find(|l| l.0 == "ar")
        .unwrap();
    assert_eq!(
        (&*arabic.1, &*arabic.2, &*arabic.3),
        ("section", "news", "أخبار")
    );
    assert_eq!(
        manifest.taxonomy.sections[0].label, "News",
        "the bundle keeps the canonical name"
    );

    let index = std::fs::read_to_string(site.path().join("index.html")).unwrap();
    assert!(index.contains("<html lang=\"ur\" dir=\"rtl\""), "{index}");
    assert!(index.contains("<p class=\"kicker\">خبریں</p>"), "{index}");
    // ICU's Urdu: the month's name and the language's digits and order.
    assert!(index.contains(">1 مئی، 2024</time>"), "{index}");
    assert!(index.contains("title=\"تمام مضامین\""), "{index}");
    assert!(!index.contains("needs JavaScript"), "{index}");
    let feed = std::fs::read_to_string(site.path().join("feeds/sections/news.atom")).unwrap();
    assert!(feed.contains("<title>Archive — خبریں</title>"), "{feed}");
}
