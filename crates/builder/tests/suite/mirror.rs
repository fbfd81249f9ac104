//! `broadsheet mirror`: a copy of a published site brought up to date from
//! a build, file by file, checked, the manifest last, old files kept for a
//! grace period.

use std::path::Path;

use crate::common::{broadsheet, build_site, files_in, markdown_sources, CSP};

fn mirror(from: &Path, to: &Path, extra: &[&str]) -> (bool, String) {
    let mut args = vec!["mirror", from.to_str().unwrap(), to.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = broadsheet(&args);
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A site folder holding a reader shell, built from three articles.
fn site() -> (tempfile::TempDir, tempfile::TempDir) {
    let src = markdown_sources(&[
        ("a.md", "Teachers meet", "News"),
        ("b.md", "Dock strike", "Reports"),
        ("c.md", "Harvest report", "Reports"),
    ]);
    let site = tempfile::tempdir().unwrap();
    std::fs::write(
        site.path().join("index.html"),
        format!(
            "<!doctype html><html><head>{CSP}<title>B</title><script src=\"app.js\"></script>\
             </head><body></body></html>"
        ),
    )
    .unwrap();
    std::fs::write(site.path().join("app.js"), "start()").unwrap();
    build_site(src.path(), site.path());
    (src, site)
}

fn same_tree(a: &Path, b: &Path) {
    let ignore = |p: &String| p == ".broadsheet-mirror";
    let left: Vec<String> = files_in(a).into_iter().filter(|p| !ignore(p)).collect();
    let right: Vec<String> = files_in(b).into_iter().filter(|p| !ignore(p)).collect();
    assert_eq!(left, right);
    for p in &left {
        assert_eq!(
            std::fs::read(a.join(p)).unwrap(),
            std::fs::read(b.join(p)).unwrap(),
            "{p}"
        );
    }
}

#[test]
fn a_mirror_copies_what_it_lacks_and_keeps_old_files_for_a_while() {
    let (src, site) = site();
    // A publisher's own file, below the top (the top's are the app shell).
    std::fs::create_dir_all(site.path().join("own")).unwrap();
    std::fs::write(site.path().join("own/notes.txt"), "ours").unwrap();
    let copy = tempfile::tempdir().unwrap();
    let (ok, first) = mirror(site.path(), copy.path(), &[]);
    assert!(ok, "{first}");
    same_tree(site.path(), copy.path());
    let all = files_in(site.path()).len();
    assert!(first.contains(&format!("{all} files copied")), "{first}");
    assert!(
        first.contains("but for 1 file no build records"),
        "own/notes.txt is nobody's record (the record's own files are the record): {first}"
    );

    // Nothing new: nothing copied.
    let (ok, again) = mirror(site.path(), copy.path(), &[]);
    assert!(ok && again.contains("0 files copied (0 bytes)"), "{again}");

    // One new article: only what changed is copied, and the files of the
    // old edition wait out the grace period.
    std::fs::write(
        src.path().join("d.md"),
        "---\ntitle: A new report\ndate: 2024-06-01\nsection: Reports\n---\nNew.\n",
    )
    .unwrap();
    build_site(src.path(), site.path());
    let before: Vec<String> = files_in(copy.path());
    let (ok, update) = mirror(site.path(), copy.path(), &[]);
    assert!(ok, "{update}");
    let copied: usize = update
        .split(" files copied")
        .next()
        .and_then(|s| s.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{update}"));
    assert!(copied > 0 && copied < all, "{update}");
    assert!(
        update.contains("kept for readers of older editions"),
        "{update}"
    );
    let record = std::fs::read_to_string(copy.path().join(".broadsheet-mirror")).unwrap();
    let waiting: Vec<&str> = record
        .lines()
        .map(|l| l.split_once(' ').unwrap().1)
        .collect();
    assert!(!waiting.is_empty());
    for p in &waiting {
        assert!(
            before.contains(&p.to_string()),
            "{p} was in the old edition"
        );
        assert!(
            copy.path().join(p).exists(),
            "{p} kept during the grace period"
        );
    }
    // Past the grace period (none): they go, and the copy is the site.
    let (ok, settled) = mirror(site.path(), copy.path(), &["--grace", "0"]);
    assert!(ok, "{settled}");
    let files = if waiting.len() == 1 { "file" } else { "files" };
    assert!(
        settled.contains(&format!(
            "{} {files} no edition has needed for 0 seconds removed",
            waiting.len()
        )),
        "{settled}"
    );
    same_tree(site.path(), copy.path());
}

#[test]
fn a_damaged_source_stops_the_mirror_before_it_switches() {
    let (_src, site) = site();
    let copy = tempfile::tempdir().unwrap();
    assert!(mirror(site.path(), copy.path(), &[]).0);
    let manifest_before = std::fs::read(copy.path().join("bundle/manifest.json")).unwrap();
    // A body shard of the source is altered (same name, other bytes).
    let body = files_in(&site.path().join("bundle"))
        .into_iter()
        .find(|p| p.starts_with("bodies/"))
        .unwrap();
    let path = site.path().join("bundle").join(&body);
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[10] ^= 1;
    std::fs::write(&path, &bytes).unwrap();
    std::fs::remove_file(copy.path().join("bundle").join(&body)).unwrap();
    let (ok, stderr) = mirror(site.path(), copy.path(), &[]);
    assert!(!ok);
    assert!(
        stderr.contains(&body) && stderr.contains("not the file its edition records"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(copy.path().join("bundle/manifest.json")).unwrap(),
        manifest_before
    );
}

#[test]
fn verify_finds_and_repairs_a_damaged_copy() {
    let (_src, site) = site();
    let copy = tempfile::tempdir().unwrap();
    assert!(mirror(site.path(), copy.path(), &[]).0);
    let card = files_in(&copy.path().join("bundle"))
        .into_iter()
        .find(|p| p.starts_with("cards/"))
        .unwrap();
    let page = files_in(&copy.path().join("articles")).remove(0);
    std::fs::write(copy.path().join("bundle").join(&card), "{}").unwrap();
    std::fs::write(copy.path().join("articles").join(&page), "<p>tampered</p>").unwrap();
    // Without --verify, a file of the right name is taken for the right file.
    let (ok, quick) = mirror(site.path(), copy.path(), &[]);
    assert!(ok && quick.contains("0 files copied"), "{quick}");
    let (ok, checked) = mirror(site.path(), copy.path(), &["--verify"]);
    assert!(ok, "{checked}");
    assert!(
        checked.contains("2 files copied") && checked.contains("2 damaged files repaired"),
        "{checked}"
    );
    same_tree(site.path(), copy.path());
}

#[test]
fn a_bundle_folder_mirrors_too_and_a_stranger_folder_is_refused() {
    let (_src, site) = site();
    let copy = tempfile::tempdir().unwrap();
    let (ok, stderr) = mirror(&site.path().join("bundle"), copy.path(), &["--grace", "0"]);
    assert!(ok, "{stderr}");
    let bundle: Vec<String> = files_in(&site.path().join("bundle"));
    assert_eq!(files_in(copy.path()), bundle);
    let empty = tempfile::tempdir().unwrap();
    let (ok, stderr) = mirror(empty.path(), copy.path(), &[]);
    assert!(
        !ok && stderr.contains("holds no Broadsheet site or bundle"),
        "{stderr}"
    );
}
