//! The bundle a build writes: read back through the core's types, byte-identical across builds, tidied, refused under `--strict`, counted in a dry run, every file named.

use std::path::Path;

use broadsheet_builder::{read_bundle, Opened};
use broadsheet_core::{
    slug_bucket, BodyShard, CardShard, DateRange, Direction, Facet, FacetData, FacetIndex, Filter,
    SlugShard, Sort,
};

use crate::common::*;

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

    let opened = read_bundle(dir.path()).unwrap();
    let Opened {
        manifest,
        segments,
        entries,
    } = &opened;
    assert_eq!(manifest.articles, 3);
    let slugs: Vec<&str> = entries.iter().map(|e| e.slug.as_str()).collect();
    // Newest first, undated last; the second same-titled file gets `-2`.
    assert_eq!(slugs[0], "teachers-meet-in-lahore");
    assert_eq!(slugs[1], "teachers-meet-in-lahore-2");
    let urdu = &entries[2];
    assert_eq!(manifest.segments.last().unwrap().key, "undated");
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
    let shard_ref = opened.body_shard(0).unwrap();
    let bytes = std::fs::read(dir.path().join(&shard_ref.path)).unwrap();
    shard_ref.verify(&bytes).unwrap();
    assert!(shard_ref.path.ends_with(".json.gz"), "stored gzipped");
    let shard = BodyShard::from_json(&read_stored(&dir.path().join(&shard_ref.path))).unwrap();
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
    assert_eq!(&head.cards, entries);

    // Every slug is found: its date in the archive's bucket, which names
    // its segment, and its position in that segment's bucket.
    let read = |shard: &broadsheet_core::ShardRef| {
        let bytes = std::fs::read(dir.path().join(&shard.path)).unwrap();
        shard.verify(&bytes).unwrap();
        SlugShard::from_json(&bytes).unwrap()
    };
    for (position, entry) in (0u32..).zip(entries) {
        let bucket = slug_bucket(&entry.slug, manifest.slugs.len());
        let date = read(&manifest.slugs.get(bucket).unwrap()).position(&entry.slug);
        assert_eq!(date, Some(entry.date.map_or(0, |d| d.packed())));
        let segment = manifest.segment_for(entry.date).unwrap();
        let (at, local) = manifest.locate(position).unwrap();
        assert_eq!(segment, at);
        let slugs = &segments[segment].slugs;
        let bucket = slug_bucket(&entry.slug, slugs.len());
        assert_eq!(
            read(&slugs.get(bucket).unwrap()).position(&entry.slug),
            Some(local)
        );
    }

    // The facet data gives the same lists as the entries.
    let parts: Vec<(FacetData, broadsheet_core::Remap)> = manifest
        .segments
        .iter()
        .zip(segments)
        .map(|(r, s)| {
            let bytes = std::fs::read(dir.path().join(&r.facets.path)).unwrap();
            r.facets.verify(&bytes).unwrap();
            (
                FacetData::from_json(&bytes).unwrap(),
                broadsheet_core::Remap::new(&s.dictionary, tax),
            )
        })
        .collect();
    let parts: Vec<_> = parts.iter().map(|(d, r)| (d, r)).collect();
    let facets = FacetIndex::from_segments(&parts, tax).unwrap();
    let pakistan = tax.find(Facet::Country, "pakistan").unwrap();
    let listing = facets.evaluate(
        &Filter::default().toggled(Facet::Country, pakistan),
        DateRange::default(),
        None,
        Sort::Newest,
    );
    let want: Vec<u32> = (0u32..)
        .zip(entries)
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
        "head.",
        "segments/undated.",
        "facets/undated.",
        "cards/undated.00000.",
        "slugs/undated.00000.",
        "slugs/all.00000.",
        "bodies/undated.00000.",
        "search/undated.index.",
        "search/terms/undated.00000.",
        "search/postings/undated.00000.",
        "search/pairs/undated.00000.",
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
    let opened = read_bundle(dir.path()).unwrap();
    let on_disk = walk(&dir.path().join("bodies")).len();
    assert_eq!(on_disk, opened.body_shards().count());
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
fn the_bundle_names_every_file_it_has() {
    // Saving the whole archive for offline reading fetches what the
    // manifest, the shard table and the search index name: that must be
    // every file, and their sizes must add up to the manifest's `bytes`.
    let dir = tempfile::tempdir().unwrap();
    let out = build(dir.path(), &[]);
    assert!(out.status.success());
    let Opened {
        manifest, segments, ..
    } = read_bundle(dir.path()).unwrap();
    let mut named: Vec<String> = manifest
        .first_screen()
        .iter()
        .map(|s| s.path.clone())
        .chain(manifest.slugs.iter().map(|s| s.path))
        .chain(segments.iter().flat_map(|s| s.shards()).map(|s| s.path))
        .collect();
    for segment in &manifest.segments {
        let root: broadsheet_core::SearchIndex =
            serde_json::from_slice(&read_stored(&dir.path().join(&segment.search.path))).unwrap();
        for shard in root.shards() {
            named.push(shard.path.clone());
        }
    }
    named.sort();
    named.dedup();
    let mut on_disk = files_in(dir.path());
    on_disk.retain(|p| p != "manifest.json");
    assert_eq!(named, on_disk);
    let bytes: u64 = on_disk
        .iter()
        .map(|p| std::fs::metadata(dir.path().join(p)).unwrap().len())
        .sum();
    assert_eq!(manifest.bytes, bytes);
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
fn a_rebuild_leaves_files_it_would_write_the_same_and_says_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let first = build(dir.path(), &[]);
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert!(stderr.contains("unchanged (0 bytes)"), "{stderr}");
    let body = walk(&dir.path().join("bodies")).remove(0);
    let before = std::fs::metadata(&body).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let again = build(dir.path(), &[]);
    let stderr = String::from_utf8_lossy(&again.stderr);
    // Only the manifest is written again.
    assert!(stderr.contains("1 file new or changed"), "{stderr}");
    assert_eq!(
        std::fs::metadata(&body).unwrap().modified().unwrap(),
        before
    );
    let total = walk(dir.path()).len();
    assert!(
        stderr.contains(&format!("{} files unchanged", total - 1)),
        "{stderr}"
    );
}

/// What a device saves of an edition (broadsheet-core's `edition::files`,
/// the reader's list) is every file the builder wrote, each once.
#[test]
fn an_editions_file_list_is_every_file_of_the_bundle() {
    use broadsheet_core::{edition, Manifest, SearchIndex, Segment};
    let out = tempfile::tempdir().unwrap();
    assert!(build(out.path(), &[]).status.success());
    let dir = out.path();
    let read = |p: &str| read_stored(&dir.join(p));
    let manifest = Manifest::decode(&read("manifest.json")).unwrap();
    let tables: Vec<Segment> = manifest
        .segments
        .iter()
        .map(|s| Segment::from_json(&read(&s.table.path)).unwrap())
        .collect();
    let roots: Vec<SearchIndex> = manifest
        .segments
        .iter()
        .map(|s| SearchIndex::from_json(&read(&s.search.path)).unwrap())
        .collect();
    let files = edition::files(&manifest, &tables, &roots);
    let mut listed: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
    listed.push("manifest.json".into());
    listed.sort();
    assert_eq!(listed, files_in(dir));
    // Every size is recorded, and right.
    for f in &files {
        let stored = std::fs::metadata(dir.join(&f.path)).unwrap().len();
        assert_eq!(f.bytes, stored, "{}", f.path);
    }
}
