//! Integration tests: the real `broadsheet` binary on fixture folders, read
//! back through broadsheet-core's types.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;

use broadsheet_builder::{read_bundle, Opened};
use broadsheet_core::{
    slug_bucket, BodyShard, CardShard, DateRange, Direction, Facet, FacetData, FacetIndex, Filter,
    SlugShard, Sort,
};
use common::walk;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn broadsheet(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_broadsheet"))
        .args(args)
        .output()
        .expect("runs the broadsheet binary")
}

fn build(out: &Path, extra: &[&str]) -> Output {
    build_fixture("mixed", out, extra)
}

fn build_fixture(name: &str, out: &Path, extra: &[&str]) -> Output {
    let src = fixture(name);
    let mut args = vec![
        "build",
        src.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    broadsheet(&args)
}

#[test]
fn builds_a_bundle_that_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let out = build(dir.path(), &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    // The bad file is named with its line, and skipped; the rest build.
    assert!(
        stderr.contains("mixed/bad-date.md:3: error: bad date: day 30 does not exist"),
        "{stderr}"
    );
    assert!(stderr.contains("3 articles imported"), "{stderr}");
    assert!(
        stderr.contains("slug `teachers-meet-in-lahore` is already used"),
        "{stderr}"
    );

    let Opened {
        manifest,
        tables,
        entries,
    } = read_bundle(dir.path()).unwrap();
    assert_eq!(manifest.articles, 3);
    let slugs: Vec<&str> = entries.iter().map(|e| e.slug.as_str()).collect();
    // Newest first, undated last; the second same-titled file gets `-2`.
    assert_eq!(slugs[0], "teachers-meet-in-lahore");
    assert_eq!(slugs[1], "teachers-meet-in-lahore-2");
    let urdu = &entries[2];
    assert_eq!(urdu.date, None);
    assert_eq!(urdu.dir, Direction::Rtl);
    let tax = &manifest.taxonomy;
    assert_eq!(
        tax.term(Facet::Language, urdu.language).unwrap().label,
        "اردو"
    );
    assert_eq!(
        tax.find(Facet::Country, "pakistan")
            .map(|i| tax.countries[i as usize].count),
        Some(2)
    );

    // Bodies are sanitized and verified by their hash.
    let shard_ref = tables.bodies.get(entries[0].shard as usize).unwrap();
    let bytes = std::fs::read(dir.path().join(&shard_ref.path)).unwrap();
    shard_ref.verify(&bytes).unwrap();
    let shard = BodyShard::from_json(&bytes).unwrap();
    let body = shard.body(&entries[0].id).unwrap();
    assert!(
        body.html.contains("Teachers met to discuss pay."),
        "{}",
        body.html
    );
    assert!(
        !body.html.contains("script") && !body.html.contains("javascript:"),
        "{}",
        body.html
    );
    assert_eq!(body.source.line, 1);
    assert_eq!(body.source.file, "good-one.md", "inside its source folder");

    // The first card shard is the head of the list.
    let head = CardShard::from_json(&std::fs::read(dir.path().join(&manifest.head.path)).unwrap())
        .unwrap();
    assert_eq!(head.cards, entries);

    // Every slug is found in its bucket, at its position.
    for (position, entry) in (0u32..).zip(&entries) {
        let bucket = slug_bucket(&entry.slug, tables.slugs.len());
        let shard = tables.slugs.get(bucket).unwrap();
        let bytes = std::fs::read(dir.path().join(&shard.path)).unwrap();
        shard.verify(&bytes).unwrap();
        let slugs = SlugShard::from_json(&bytes).unwrap();
        assert_eq!(slugs.position(&entry.slug), Some(position));
    }

    // The facet data gives the same lists as the entries.
    let bytes = std::fs::read(dir.path().join(&manifest.facets.path)).unwrap();
    manifest.facets.verify(&bytes).unwrap();
    let facets = FacetIndex::from_data(&FacetData::from_json(&bytes).unwrap(), tax).unwrap();
    let pakistan = tax.find(Facet::Country, "pakistan").unwrap();
    let listing = facets.evaluate(
        &Filter::default().toggled(Facet::Country, pakistan),
        DateRange::default(),
        None,
        Sort::Newest,
    );
    let want: Vec<u32> = (0u32..)
        .zip(&entries)
        .filter(|(_, e)| e.countries.contains(&pakistan))
        .map(|(p, _)| p)
        .collect();
    assert_eq!(listing.positions, want);
}

#[test]
fn builds_are_byte_identical() {
    // The same sources at two other paths, written in opposite orders (so
    // their folders list them differently), built by separate processes.
    let copies = tempfile::tempdir().unwrap();
    let sources = walk(&fixture("mixed"));
    let copy = |to: &Path, reverse: bool| {
        let mut files = sources.clone();
        if reverse {
            files.reverse();
        }
        for file in files {
            let target = to.join(file.strip_prefix(fixture("mixed")).unwrap());
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(&file, &target).unwrap();
        }
    };
    let here = copies.path().join("one");
    let there = copies.path().join("deeper/and/other");
    copy(&here, false);
    copy(&there, true);
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let build_from = |src: &Path, out: &Path| {
        let out = broadsheet(&[
            "build",
            src.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    build_from(&here, a.path());
    build_from(&there, b.path());
    let files = |d: &Path| -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<_> = walk(d)
            .into_iter()
            .map(|p| {
                (
                    p.strip_prefix(d).unwrap().display().to_string(),
                    std::fs::read(&p).unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let (fa, fb) = (files(a.path()), files(b.path()));
    let differ: Vec<&str> = fa
        .iter()
        .zip(&fb)
        .filter(|(x, y)| x != y)
        .map(|(x, _)| x.0.as_str())
        .collect();
    assert!(
        differ.is_empty() && fa.len() == fb.len(),
        "differ: {differ:?}"
    );
    let names: Vec<&str> = fa.iter().map(|f| f.0.as_str()).collect();
    for prefix in [
        "manifest.json",
        "tables.",
        "facets.",
        "cards/00000.",
        "slugs/00000.",
        "bodies/00000.",
        "search/index.",
        "search/terms/00000.",
        "search/postings/00000.",
        "search/pairs/00000.",
    ] {
        assert_eq!(
            names.iter().filter(|n| n.starts_with(prefix)).count(),
            1,
            "{prefix} in {names:?}"
        );
    }
    assert_eq!(fa, fb);
}

#[test]
fn rebuilding_into_the_same_folder_removes_stale_shards() {
    let dir = tempfile::tempdir().unwrap();
    assert!(build(dir.path(), &[]).status.success());
    assert!(build(dir.path(), &["--shard-bytes", "10"]).status.success());
    let tables = read_bundle(dir.path()).unwrap().tables;
    let on_disk = walk(&dir.path().join("bodies")).len();
    assert_eq!(on_disk, tables.bodies.len());
    assert_eq!(on_disk, 3, "one article per shard at 10 bytes");
}

#[test]
fn strict_mode_fails_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("bundle");
    let out = build(&out_dir, &["--strict"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing written"));
    assert!(!out_dir.exists());
}

#[test]
fn dry_run_reports_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("bundle");
    let out = build(&out_dir, &["--dry-run"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("mixed/bad-date.md:3: error: bad date"),
        "{stderr}"
    );
    assert!(stderr.contains("3 articles imported"), "{stderr}");
    assert!(
        stderr.contains("would be written (dry run: nothing written)"),
        "{stderr}"
    );
    assert!(!out_dir.exists());
}

#[test]
fn ls_json_lists_every_article() {
    let dir = tempfile::tempdir().unwrap();
    assert!(build(dir.path(), &[]).status.success());
    let out = broadsheet(&["ls", dir.path().to_str().unwrap(), "--json"]);
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    for key in [
        "id", "slug", "title", "date", "section", "regions", "tags", "authors", "language",
        "summary",
    ] {
        assert!(lines.iter().all(|l| l.get(key).is_some()), "missing {key}");
    }
    assert_eq!(lines[0]["countries"][0], "Pakistan");
    assert_eq!(lines[2]["language"], "ur");
}

#[test]
fn ls_on_a_foreign_folder_says_why() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("manifest.json"),
        r#"{"format":"other","version":1}"#,
    )
    .unwrap();
    let out = broadsheet(&["ls", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("`other` file, not a Broadsheet bundle"),
        "{err}"
    );
}

/// Runs a search against a built bundle on disk, as the reader would.
fn search(dir: &Path, q: &str) -> Vec<String> {
    use broadsheet_core::search::{IndexCache, TextQuery};
    use broadsheet_core::SearchIndex;
    let Opened {
        manifest, entries, ..
    } = read_bundle(dir).unwrap();
    let root = std::fs::read(dir.join(&manifest.search.path)).unwrap();
    manifest.search.verify(&root).unwrap();
    let index = SearchIndex::from_json(&root).unwrap();
    let hits = IndexCache::new()
        .run(&index, &TextQuery::parse(q), |r| {
            std::fs::read(dir.join(&r.path)).ok()
        })
        .unwrap();
    hits.docs
        .iter()
        .map(|(d, _)| entries[*d as usize].slug.clone())
        .collect()
}

#[test]
fn the_bundle_carries_a_search_index() {
    let dir = tempfile::tempdir().unwrap();
    assert!(build(dir.path(), &[]).status.success());
    let cases: &[(&str, &[&str])] = &[
        (
            "teachers ",
            &["teachers-meet-in-lahore", "teachers-meet-in-lahore-2"],
        ),
        ("teacher pay ", &["teachers-meet-in-lahore"]),
        ("طلبہ", &["lhwr-myn-jls"]),
        // Sanitized away: never indexed, never found.
        ("alert ", &[]),
        ("javascript ", &[]),
    ];
    for (q, want) in cases {
        let mut got = search(dir.path(), q);
        got.sort();
        assert_eq!(got, *want, "{q:?}");
    }
}

#[test]
fn plain_text_becomes_excerpts() {
    let dir = tempfile::tempdir().unwrap();
    let out = build_fixture("golden/text", dir.path(), &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("kashmir.txt:16: warning: the same entry as line 5; merged into it"),
        "{stderr}"
    );
    assert!(stderr.contains("5 articles imported"), "{stderr}");

    let Opened {
        manifest,
        tables,
        entries,
    } = read_bundle(dir.path()).unwrap();
    let mut titles: Vec<&str> = entries.iter().map(|e| e.title.as_str()).collect();
    titles.sort();
    assert_eq!(
        titles,
        [
            "<script>alert(\"listing\")</script> Editors’ note",
            "A final teaser that the copy cut off in the middle of a",
            "Muzaffarabad power-cut protest draws thousands",
            "Srinagar traders keep shutters down for a third day",
            "Students from Baramulla and Sopore met in a village hall to plan a reading circle on…",
        ]
    );
    // The heading is every entry's section; no entry is dated.
    let tax = &manifest.taxonomy;
    assert_eq!(tax.sections.len(), 1);
    assert_eq!(tax.sections[0].label, "Kashmir");
    assert!(entries
        .iter()
        .all(|e| e.date.is_none() && e.section == Some(0)));

    // Bodies are the escaped teasers, marked as excerpts, markers stripped.
    for entry in &entries {
        let shard = tables.bodies.get(entry.shard as usize).unwrap();
        let bytes = std::fs::read(dir.path().join(&shard.path)).unwrap();
        let body = BodyShard::from_json(&bytes).unwrap();
        let body = body.body(&entry.id).unwrap();
        assert!(body.excerpt, "{}", entry.title);
        let untitled = entry.title.starts_with("Students") || entry.title.starts_with("A final");
        assert_eq!(body.title_derived, untitled, "{}", entry.title);
        assert!(!body.html.contains("[…]"), "{}", body.html);
        assert!(
            !body.html.contains("<img") && !body.html.contains("<script"),
            "{}",
            body.html
        );
    }
}

#[test]
fn a_site_config_with_pages_feeds_and_sniffed_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = build_fixture("site", dir.path(), &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    // The feed's summary-only item and the saved page are one article; the
    // page's fuller text is kept. Two files no importer knows are counted.
    assert!(
        stderr.contains("pages/dock.html:1: warning: the same article as"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "5 files read (2 other files ignored): 5 articles imported, 1 merged, 0 skipped, 1 warning;"
        ),
        "{stderr}"
    );
    let Opened {
        manifest, entries, ..
    } = read_bundle(dir.path()).unwrap();
    assert_eq!(manifest.site.title, "Fixture site");
    assert_eq!(
        manifest.site.url.as_deref(),
        Some("https://archive.example.org/")
    );
    let by_title = |t: &str| {
        entries
            .iter()
            .find(|e| e.title == t)
            .unwrap_or_else(|| panic!("no article {t}"))
    };
    let labels = |facet: Facet, indices: &[u32]| -> Vec<String> {
        indices
            .iter()
            .map(|&i| manifest.taxonomy.terms(facet)[i as usize].label.clone())
            .collect()
    };
    let dock = by_title("Dock workers win pay dispute");
    assert_eq!(
        dock.date.map(|d| d.to_string()).as_deref(),
        Some("2021-05-01")
    );
    // The JSON-LD place is a configured country, which brings its region.
    assert_eq!(labels(Facet::Country, &dock.countries), ["Chile"]);
    assert_eq!(labels(Facet::Region, &dock.regions), ["Latin America"]);
    // A listing heading that is an alias files under the canonical region.
    let mirpur = by_title("Teachers in Mirpur call off their sit-in");
    assert_eq!(labels(Facet::Region, &mirpur.regions), ["Kashmir"]);
    // The config forces the feed importer on a file with no extension, and
    // sets its section; another is recognised by its content.
    let exported = by_title("Exported report");
    assert_eq!(
        labels(Facet::Section, exported.section.as_slice()),
        ["Exports"]
    );
    by_title("Sniffed from its content");
    // Images are stripped everywhere; the page's text and address are kept.
    let bodies: Vec<broadsheet_core::Body> = walk(&dir.path().join("bodies"))
        .iter()
        .flat_map(|p| {
            serde_json::from_slice::<BodyShard>(&std::fs::read(p).unwrap())
                .unwrap()
                .bodies
        })
        .collect();
    assert!(bodies.iter().all(|b| !b.html.contains("<img")));
    let dock_body = bodies.iter().find(|b| b.id == dock.id).unwrap();
    assert!(
        dock_body.html.contains("vote on Friday"),
        "{}",
        dock_body.html
    );
    assert!(!dock_body.excerpt);
    assert_eq!(
        dock_body.source.url.as_deref(),
        Some("https://www.example.org/dock/")
    );
}

#[test]
fn config_mistakes_and_forced_importers() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("broadsheet.toml");
    std::fs::write(
        &config,
        "[site]\ntitle = \"x\"\n\n[[sources]]\npath = \"a\"\nsection = \"b\"\nimport = \"feed\"\n",
    )
    .unwrap();
    let src = fixture("site");
    let bundle = dir.path().join("bundle");
    let run = |extra: &[&str]| {
        let mut args = vec![
            "build",
            src.to_str().unwrap(),
            "--out",
            bundle.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        broadsheet(&args)
    };
    let out = run(&["--config", config.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("broadsheet.toml:7: error: unknown field `import`, expected one of"),
        "{stderr}"
    );
    assert!(!bundle.exists(), "nothing is written");

    // Forced through the listing importer, a feed's XML is text: escaped,
    // never markup.
    let feed = src.join("feeds/news.rss");
    let out = broadsheet(&[
        "build",
        feed.to_str().unwrap(),
        "--out",
        bundle.to_str().unwrap(),
        "--importer",
        "listing",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let Opened { entries, .. } = read_bundle(&bundle).unwrap();
    assert!(
        entries.iter().any(|e| e.title.starts_with("<?xml")),
        "{entries:?}"
    );

    // A file named on the command line that no importer recognises is an
    // error, not silence.
    let notes = src.join("misc/NOTES");
    let out = broadsheet(&[
        "build",
        notes.to_str().unwrap(),
        "--out",
        bundle.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("misc/NOTES:1: error: not a source this builder recognises"),
        "{stderr}"
    );
}

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
fn the_bundle_names_every_file_it_has() {
    // Saving the whole archive for offline reading fetches what the
    // manifest, the shard table and the search index name: that must be
    // every file, and their sizes must add up to the manifest's `bytes`.
    let dir = tempfile::tempdir().unwrap();
    let out = build(dir.path(), &[]);
    assert!(out.status.success());
    let Opened {
        manifest, tables, ..
    } = read_bundle(dir.path()).unwrap();
    let mut named: Vec<String> = [
        &manifest.head,
        &manifest.facets,
        &manifest.tables,
        &manifest.search,
    ]
    .iter()
    .map(|s| s.path.clone())
    .chain(tables.shards().map(|s| s.path))
    .collect();
    let root: broadsheet_core::SearchIndex =
        serde_json::from_slice(&std::fs::read(dir.path().join(&manifest.search.path)).unwrap())
            .unwrap();
    for shard in root.shards() {
        named.push(shard.path.clone());
        if shard.path.starts_with("search/terms/") {
            let chunk: broadsheet_core::TermChunk =
                serde_json::from_slice(&std::fs::read(dir.path().join(&shard.path)).unwrap())
                    .unwrap();
            named.extend(chunk.postings.iter().map(|p| p.path.clone()));
        }
    }
    named.sort();
    named.dedup();
    let mut on_disk: Vec<String> = walk(dir.path())
        .iter()
        .map(|p| {
            p.strip_prefix(dir.path())
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|p| p != "manifest.json")
        .collect();
    on_disk.sort();
    assert_eq!(named, on_disk);
    let bytes: u64 = on_disk
        .iter()
        .map(|p| std::fs::metadata(dir.path().join(p)).unwrap().len())
        .sum();
    assert_eq!(manifest.bytes, bytes);
}

/// The reader shell's policy, as `index.html` writes it (the builder fills
/// the hashes and refuses a shell without one).
const CSP: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; \
    script-src 'self' __INLINE_SCRIPT_HASHES__; img-src 'self';\">";

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

/// A content folder of Markdown articles, `(file name, title, section)`.
fn markdown_sources(articles: &[(&str, &str, &str)]) -> tempfile::TempDir {
    let src = tempfile::tempdir().unwrap();
    for (i, (file, title, section)) in articles.iter().enumerate() {
        std::fs::write(
            src.path().join(file),
            format!("---\ntitle: \"{title}\"\ndate: 2024-05-0{}\nsection: {section}\n---\nText of {title}.\n", i + 1),
        )
        .unwrap();
    }
    src
}

/// Builds `src` into `site/bundle` with the site files, for
/// `https://example.org/`; returns what the builder reported.
fn build_site(src: &Path, site: &Path) -> String {
    let out = broadsheet(&[
        "build",
        src.to_str().unwrap(),
        "--out",
        site.join("bundle").to_str().unwrap(),
        "--url",
        "https://example.org/",
        "--site-files",
        site.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    stderr
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
