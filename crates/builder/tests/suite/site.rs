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

/// A Trunk shell in short: its hashed style sheet, glue and wasm, its
/// classic and module inline scripts.
fn trunk_shell(site: &std::path::Path, build: &str) {
    std::fs::write(
        site.join("index.html"),
        format!(
            "<!doctype html><html><head>{CSP}<script>watch()</script><title>B</title>\
             <link rel=\"stylesheet\" href=\"/styles-{build}.css\" integrity=\"sha384-x\"/>\
             <link rel=\"modulepreload\" href=\"/broadsheet-reader-{build}.js\">\
             <script type=\"module\">import init, * as bindings from '/broadsheet-reader-{build}.js';\n\
             const wasm = await init({{ module_or_path: '/broadsheet-reader-{build}_bg.wasm' }});\n\
             window.wasmBindings = bindings;</script></head>\
             <body><noscript>Needs JavaScript.</noscript></body></html>"
        ),
    )
    .unwrap();
    std::fs::write(
        site.join(format!("styles-{build}.css")),
        format!("/* {build} */"),
    )
    .unwrap();
    for name in [
        format!("broadsheet-reader-{build}.js"),
        format!("broadsheet-reader-{build}_bg.wasm"),
    ] {
        std::fs::write(site.join(name), build).unwrap();
    }
}

#[test]
fn an_article_page_names_only_files_a_new_reader_does_not_rename() {
    let src = markdown_sources(&[
        ("a.md", "Teachers meet", "News"),
        ("b.md", "Dock strike", "Reports"),
    ]);
    let site = tempfile::tempdir().unwrap();
    trunk_shell(site.path(), "1a");
    build_site(src.path(), site.path());
    let read = |path: &str| std::fs::read_to_string(site.path().join(path)).unwrap();
    let page = read("articles/dock-strike.html");
    assert!(
        page.contains("<link rel=\"stylesheet\" href=\"reader.css\">"),
        "{page}"
    );
    assert!(
        page.contains("<script defer src=\"reader.js\"></script>"),
        "{page}"
    );
    assert!(page.contains("Text of Dock strike."), "{page}");
    for hashed in ["1a", "<noscript", "modulepreload", "watch()", "'sha256-"] {
        assert!(!page.contains(hashed), "{hashed} in {page}");
    }
    // Every page links the stable style sheet; Trunk's is moved there.
    assert_eq!(read("reader.css"), "/* 1a */");
    assert!(!site.path().join("styles-1a.css").exists());
    let index = read("index.html");
    assert!(index.contains("href=\"reader.css\"") && !index.contains("styles-1a"));
    assert!(
        index.contains("watch()") && index.contains("_bg.wasm"),
        "{index}"
    );
    // The loader runs the shell's scripts: the article page starts the reader.
    let loader = read("reader.js");
    assert!(loader.contains("watch()"), "{loader}");
    assert!(
        loader.contains("import('/broadsheet-reader-1a.js')"),
        "{loader}"
    );
    // The worker answers a page with the shell, never with the loader.
    assert!(!read("sw.js").contains("reader.js"));

    // A new reader: the two stable files change, no article page does.
    let modified = |path: &str| {
        std::fs::metadata(site.path().join(path))
            .unwrap()
            .modified()
            .unwrap()
    };
    let before = modified("articles/dock-strike.html");
    std::thread::sleep(std::time::Duration::from_millis(20));
    trunk_shell(site.path(), "2b");
    let said = build_site(src.path(), site.path());
    // The old reader's files are still in the folder, but no page loads
    // them: the edition seals the new reader only, and the build says so.
    let worker = read("sw.js");
    assert!(
        worker.contains("\"broadsheet-reader-2b_bg.wasm\""),
        "{worker}"
    );
    assert!(!worker.contains("broadsheet-reader-1a"), "{worker}");
    assert!(
        said.contains("broadsheet-reader-1a.js and 1 more: an earlier reader's"),
        "{said}"
    );
    assert_eq!(read("articles/dock-strike.html"), page);
    assert_eq!(
        modified("articles/dock-strike.html"),
        before,
        "not even rewritten"
    );
    assert_eq!(read("reader.css"), "/* 2b */");
    assert!(read("reader.js").contains("import('/broadsheet-reader-2b.js')"));
}

/// Bytes of every file below `dir`, as a host counts them.
fn folder_bytes(dir: &std::path::Path) -> u64 {
    files_in(dir)
        .iter()
        .map(|p| std::fs::metadata(dir.join(p)).unwrap().len())
        .sum()
}

#[test]
fn within_a_size_budget_older_articles_get_a_summary_page() {
    let src = tempfile::tempdir().unwrap();
    // Two dated articles (the feeds link them: their pages stay whole) and
    // four long undated ones, last in the list.
    let long = "The committee met again and read the minutes. ".repeat(400);
    for (i, title) in ["Dock strike", "School opens"].iter().enumerate() {
        let text = format!(
            "---\ntitle: {title}\ndate: 2024-05-0{}\nsummary: About {title}.\n---\n{long}\n",
            i + 1
        );
        std::fs::write(src.path().join(format!("d{i}.md")), text).unwrap();
    }
    for i in 0..4 {
        let text = format!("---\ntitle: Undated report {i}\nsummary: Report {i} in short.\n---\nReport {i}. {long}\n");
        std::fs::write(src.path().join(format!("u{i}.md")), text).unwrap();
    }
    let site = tempfile::tempdir().unwrap();
    trunk_shell(site.path(), "1a");
    let bundle = site.path().join("bundle");
    let build = |extra: &[&str]| {
        let mut args = vec![
            "build",
            src.path().to_str().unwrap(),
            "--out",
            bundle.to_str().unwrap(),
            "--url",
            "https://example.org/",
            "--site-files",
            site.path().to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        broadsheet(&args)
    };
    assert!(build(&[]).status.success());
    let whole = folder_bytes(site.path());
    let Opened { entries, .. } = read_bundle(&site.path().join("bundle")).unwrap();
    let page = |i: usize| {
        std::fs::read_to_string(
            site.path()
                .join(format!("articles/{}.html", entries[i].slug)),
        )
        .unwrap()
    };
    let saved_by_one = (page(5).len() as u64).saturating_sub(2_500);
    assert!(saved_by_one > 15_000, "a long page: {saved_by_one}");

    // Room for all but about two and a half long pages.
    let budget = whole - saved_by_one * 5 / 2;
    let out = build(&["--max-site-bytes", &budget.to_string()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(folder_bytes(site.path()) <= budget, "{stderr}");
    let summaries: Vec<usize> = (0..entries.len())
        .filter(|&i| page(i).contains("class=\"summary-only\""))
        .collect();
    assert_eq!(summaries, [3, 4, 5], "the oldest, in list order: {stderr}");
    assert!(
        stderr.contains("of 6 article pages, 3 hold the whole text, 3 the summary only"),
        "{stderr}"
    );
    let summary = page(5);
    assert!(summary.contains(&format!("<h1>{}</h1>", entries[5].title)));
    assert!(summary.contains(&format!("<p>{}</p>", entries[5].summary)));
    assert!(
        summary.contains("its whole text opens in the archive&#39;s reader"),
        "{summary}"
    );
    assert!(!summary.contains("read the minutes"));
    assert!(page(0).contains("read the minutes") && page(2).contains("read the minutes"));

    // A budget the rest of the site alone goes over: a clear error.
    let out = build(&["--max-site-bytes", "10K"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("--max-site-bytes 10.0 KB: the site takes")
            && stderr.contains("with a summary page for every article"),
        "{stderr}"
    );
}
