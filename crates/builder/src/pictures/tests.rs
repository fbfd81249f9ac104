//! The pictures stage on real files: a source folder with pictures beside
//! its articles, a bundle folder, and the cache between two builds.

use std::fs;
use std::io::Cursor;

use image::{ImageFormat, Rgb, RgbImage};

use super::*;

/// A source folder holding `articles/a.md` (as a draft whose body shows
/// `html`) and a few pictures.
struct Sources {
    dir: tempfile::TempDir,
}

impl Sources {
    fn new() -> Sources {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("content");
        fs::create_dir_all(root.join("articles/img")).unwrap();
        fs::create_dir_all(root.join("pages/Report_files")).unwrap();
        fs::write(root.join("articles/img/kiln.jpg"), photo(1000, 500)).unwrap();
        fs::write(root.join("articles/img/kiln copy.jpg"), photo(1000, 500)).unwrap();
        fs::write(root.join("pages/Report_files/march.jpg"), photo(700, 700)).unwrap();
        fs::write(
            root.join("articles/img/broken.jpg"),
            b"\xFF\xD8\xFF\xE0 not really",
        )
        .unwrap();
        fs::write(dir.path().join("secret.jpg"), photo(10, 10)).unwrap();
        Sources { dir }
    }

    fn draft(&self, origin: &str, html: &str) -> Draft {
        Draft {
            file: self
                .dir
                .path()
                .join("content")
                .join(origin)
                .display()
                .to_string(),
            origin: origin.into(),
            line: 3,
            html: html.into(),
            ..Draft::default()
        }
    }
}

fn photo(width: u32, height: u32) -> Vec<u8> {
    let image = RgbImage::from_fn(width, height, |x, y| {
        Rgb([(x % 251) as u8, (y % 241) as u8, ((x ^ y) % 13 * 19) as u8])
    });
    let mut out = Vec::new();
    image
        .write_to(&mut Cursor::new(&mut out), ImageFormat::Jpeg)
        .unwrap();
    out
}

fn messages(diags: &[Diagnostic]) -> Vec<String> {
    diags.iter().map(|d| d.message.clone()).collect()
}

#[test]
fn local_pictures_are_made_written_and_shown() {
    let sources = Sources::new();
    let out = sources.dir.path().join("bundle");
    let mut sink = DiskSink::create(&out).unwrap();
    let mut drafts = vec![
        sources.draft(
            "articles/a.md",
            "<p><img src=\"img/kiln.jpg\" alt=\"Kiln\" title=\"The kiln\" loading=\"lazy\"></p>\
             <p>Same picture, another name: <img src=\"img/kiln%20copy.jpg?v=2\" alt=\"again\"></p>",
        ),
        sources.draft(
            "pages/report.html",
            "<p><img src=\"./Report_files/march.jpg\" alt=\"March\"></p>\
             <p><img src=\"https://example.org/remote.jpg\" alt=\"r\"></p>",
        ),
    ];
    let cache_file = sources.dir.path().join("cache/x.pictures");
    let mut cache = PictureCache::open(Some(cache_file.clone()), false);
    let mut diags = Vec::new();
    let report = run(&mut drafts, &mut sink, &mut cache, &mut diags, false).unwrap();
    cache.save().unwrap();
    assert!(diags.is_empty(), "{:?}", messages(&diags));
    // Two distinct pictures (one file holds the other's bytes): 1000 px
    // wide → 480, 960, 1000; 700 px → 480, 700.
    assert_eq!((report.pictures, report.made), (2, 2));
    assert_eq!(drafts[0].pictures.len(), 3);
    assert_eq!(drafts[1].pictures.len(), 2);
    for picture in drafts.iter().flat_map(|d| &d.pictures) {
        let bytes = fs::read(out.join(&picture.path)).unwrap();
        picture.verify(&bytes).unwrap();
        assert!(picture.path.starts_with("images/") && picture.path.ends_with(".jpg"));
    }
    let html = &drafts[0].html;
    assert!(html.starts_with("<figure><img src=\"images/"), "{html}");
    assert!(
        html.contains("<figcaption>The kiln</figcaption></figure>"),
        "{html}"
    );
    assert!(html.contains(" 480w, images/"), "{html}");
    assert!(html.contains("width=\"1000\" height=\"500\""), "{html}");
    assert_eq!(html.matches("loading=\"lazy\"").count(), 1, "{html}");
    assert!(drafts[1]
        .html
        .contains("src=\"https://example.org/remote.jpg\""));
    assert!(crate::sanitize::forbidden_markup(html).is_none());

    // Built again with the cache: nothing made, everything in place.
    sink.finish(&manifest()).unwrap();
    let mut sink = DiskSink::create(&out).unwrap();
    let mut again = vec![
        sources.draft(
            "articles/a.md",
            "<p><img src=\"img/kiln.jpg\" alt=\"Kiln\"></p>",
        ),
        sources.draft(
            "pages/report.html",
            "<img src=\"Report_files/march.jpg\" alt=\"\">",
        ),
    ];
    let mut next = PictureCache::open(Some(cache_file), false);
    let report = run(&mut again, &mut sink, &mut next, &mut diags, false).unwrap();
    assert_eq!((report.pictures, report.made), (2, 0));
    assert_eq!(sink.unchanged.files, 5);
    assert_eq!(again[0].pictures, drafts[0].pictures);
    // A made file gone from the folder: made again.
    fs::remove_file(out.join(&drafts[1].pictures[0].path)).unwrap();
    let mut sink = DiskSink::create(&out).unwrap();
    let mut third = vec![sources.draft(
        "pages/report.html",
        "<img src=\"Report_files/march.jpg\" alt=\"\">",
    )];
    let report = run(&mut third, &mut sink, &mut next, &mut diags, false).unwrap();
    assert_eq!(report.made, 1);
    assert!(out.join(&drafts[1].pictures[0].path).is_file());
}

#[test]
fn with_thumbnails_each_card_shows_its_first_shown_picture_small() {
    let sources = Sources::new();
    let out = sources.dir.path().join("bundle");
    let drafts = || {
        vec![
            sources.draft(
                "articles/a.md",
                "<p><img src=\"img/kiln.jpg\" alt=\"Kiln\"></p>\
                 <p><img src=\"../pages/Report_files/march.jpg\" alt=\"March\"></p>",
            ),
            // Its first picture is broken: the next one is the card's.
            sources.draft(
                "articles/b.md",
                "<p><img src=\"img/broken.jpg\" alt=\"B\"></p>\
                 <p><img src=\"/pages/Report_files/march.jpg\" alt=\"M\"></p>",
            ),
            sources.draft("articles/c.md", "<p>No pictures.</p>"),
        ]
    };
    let cache_file = sources.dir.path().join("cache/x.pictures");
    let mut cache = PictureCache::open(Some(cache_file.clone()), false);
    let mut sink = DiskSink::create(&out).unwrap();
    let mut diags = Vec::new();
    let mut made = drafts();
    let report = run(&mut made, &mut sink, &mut cache, &mut diags, true).unwrap();
    cache.save().unwrap();
    assert_eq!(diags.len(), 1, "the broken one: {:?}", messages(&diags));
    // Three tried, the broken one among them.
    assert_eq!((report.pictures, report.made), (2, 3));
    let (a, b) = (
        made[0].thumb.clone().unwrap(),
        made[1].thumb.clone().unwrap(),
    );
    assert_eq!((a.width, a.height), (192, 128));
    assert_eq!((b.width, b.height), (192, 128));
    assert_ne!(a.path, b.path, "kiln's and march's");
    assert!(made[2].thumb.is_none());
    for (draft, thumb) in [(&made[0], &a), (&made[1], &b)] {
        // Listed with the article's files (saved, mirrored, counted),
        // never in its body.
        let file = draft
            .pictures
            .iter()
            .find(|p| p.path == thumb.path)
            .unwrap();
        file.verify(&fs::read(out.join(&thumb.path)).unwrap())
            .unwrap();
        assert!(!draft.html.contains(&thumb.path));
        let back = image::load_from_memory(&fs::read(out.join(&thumb.path)).unwrap()).unwrap();
        assert_eq!((back.width(), back.height()), (192, 128));
    }
    // Built again: nothing made (the broken one is tried again), the same
    // thumbnails.
    sink.finish(&manifest()).unwrap();
    let mut sink = DiskSink::create(&out).unwrap();
    let mut next = PictureCache::open(Some(cache_file.clone()), false);
    let mut again = drafts();
    let report = run(&mut again, &mut sink, &mut next, &mut diags, true).unwrap();
    assert_eq!((report.pictures, report.made), (2, 1));
    assert_eq!(
        (again[0].thumb.as_ref(), again[1].thumb.as_ref()),
        (Some(&a), Some(&b))
    );
    // Turned off: no thumbnail, none of their files.
    let mut off = drafts();
    run(
        &mut off,
        &mut DiskSink::dry_run(),
        &mut next,
        &mut diags,
        false,
    )
    .unwrap();
    assert!(off.iter().all(|d| d.thumb.is_none()));
    assert!(off
        .iter()
        .flat_map(|d| &d.pictures)
        .all(|p| p.path != a.path && p.path != b.path));
}

#[test]
fn a_missing_broken_or_outside_picture_costs_that_picture_only() {
    let sources = Sources::new();
    let mut sink = DiskSink::dry_run();
    let mut drafts = vec![sources.draft(
        "articles/a.md",
        "<p><img src=\"img/gone.jpg\" alt=\"A rally\"></p>\
         <p><img src=\"img/broken.jpg\" alt=\"Broken\"></p>\
         <p><img src=\"../../secret.jpg\" alt=\"Outside\"></p>\
         <p><img src=\"img/kiln.jpg\" alt=\"Kept\"></p>",
    )];
    let mut diags = Vec::new();
    let report = run(
        &mut drafts,
        &mut sink,
        &mut PictureCache::default(),
        &mut diags,
        false,
    )
    .unwrap();
    assert_eq!(report.pictures, 1);
    let html = &drafts[0].html;
    assert!(
        html.contains("<span class=\"picture-missing\">A rally</span>"),
        "{html}"
    );
    assert!(
        html.contains("<span class=\"picture-missing\">Outside</span>"),
        "{html}"
    );
    assert!(html.contains("alt=\"Kept\""));
    let said = messages(&diags);
    assert_eq!(said.len(), 3, "{said:?}");
    assert!(diags
        .iter()
        .all(|d| d.line == 3 && d.file.ends_with("a.md")));
    assert!(
        said.iter()
            .any(|m| m.starts_with("picture `img/gone.jpg`: not found")),
        "{said:?}"
    );
    assert!(
        said.iter()
            .any(|m| m.starts_with("picture `img/broken.jpg`: the picture cannot be decoded")),
        "{said:?}"
    );
    assert!(
        said.iter().any(|m| m.contains("outside the source folder")),
        "{said:?}"
    );
}

#[test]
fn only_addresses_without_a_host_are_local() {
    for local in [
        "img/x.jpg",
        "./a b.png",
        "/images/x.jpg",
        "x.jpg?a:b",
        "Report_files/x.gif",
    ] {
        assert!(is_local(local), "{local}");
    }
    for remote in [
        "https://e.org/x.jpg",
        "//e.org/x.jpg",
        "data:image/png;base64,AA",
        "",
        "#x",
    ] {
        assert!(!is_local(remote), "{remote}");
    }
}

fn manifest() -> broadsheet_core::Manifest {
    broadsheet_core::Manifest {
        format: broadsheet_core::FORMAT_NAME.into(),
        version: broadsheet_core::FORMAT_VERSION,
        build_id: "t".into(),
        site: broadsheet_core::Site::default(),
        articles: 0,
        taxonomy: broadsheet_core::Taxonomy::default(),
        cards_per_shard: 32,
        head: broadsheet_core::ShardRef::describe("head.x.json".into(), b"{}"),
        segments: Vec::new(),
        slugs: broadsheet_core::PackedShards::named("slugs", "all"),
        bytes: 0,
        pictures: 0,
    }
}
