//! Sources of every kind through the binary: plain text, a site config with pages, feeds and sniffed files, config mistakes and forced importers.

use broadsheet_builder::{read_bundle, Opened};
use broadsheet_core::{BodyShard, Facet};

use crate::common::*;

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

    let opened = read_bundle(dir.path()).unwrap();
    let Opened {
        manifest, entries, ..
    } = &opened;
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
    for (position, entry) in (0u32..).zip(entries) {
        let shard = opened.body_shard(position).unwrap();
        let body = BodyShard::from_json(&read_stored(&dir.path().join(&shard.path))).unwrap();
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
            serde_json::from_slice::<BodyShard>(&read_stored(p))
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

/// Found in the sample: a saved page's `Page_files/` folder, under a
/// source read with a forced importer, made an "article" of its picture.
#[test]
fn a_saved_pages_own_folder_is_not_read_as_sources() {
    let src = tempfile::tempdir().unwrap();
    std::fs::write(
        src.path().join("broadsheet.toml"),
        "[[sources]]\npath = \"pages\"\nimporter = \"html\"\n",
    )
    .unwrap();
    let pages = src.path().join("pages");
    std::fs::create_dir_all(pages.join("hall_files")).unwrap();
    std::fs::create_dir_all(pages.join("other_files")).unwrap();
    std::fs::write(
        pages.join("hall.html"),
        "<html><head><title>Convention in the hall</title></head>\
         <body><article><h1>Convention in the hall</h1><p>Delegates met.</p>\
         <img src=\"hall_files/hall.jpg\" alt=\"The hall\"></article></body></html>",
    )
    .unwrap();
    std::fs::write(
        pages.join("hall_files/hall.jpg"),
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
    )
    .unwrap();
    // A folder that only looks like one (no page beside it) is read.
    std::fs::write(
        pages.join("other_files/note.html"),
        "<html><head><title>A note</title></head><body><p>Kept.</p></body></html>",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = broadsheet(&[
        "build",
        src.path().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    let Opened { entries, .. } = read_bundle(out.path()).unwrap();
    let titles: Vec<&str> = entries.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert!(titles.contains(&"Convention in the hall") && titles.contains(&"A note"));
}
