//! The commands that read a bundle back: `ls`, `ls --files`.

use crate::common::*;
use broadsheet_builder::read_bundle;

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

#[test]
fn ls_files_names_every_file_by_role_and_checks_each() {
    let dir = tempfile::tempdir().unwrap();
    // The sample archive: it has pictures.
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    assert!(build_from(&sample, dir.path(), &[]).status.success());
    let out = broadsheet(&["ls", dir.path().to_str().unwrap(), "--files", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let files: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let named = |role: &str| -> Vec<String> {
        files[role]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().to_string())
            .collect()
    };
    let manifest = read_bundle(dir.path()).unwrap().manifest;
    let mut first = vec!["manifest.json", &manifest.head.path];
    for segment in &manifest.segments {
        first.extend([
            segment.table.path.as_str(),
            &segment.facets.path,
            &segment.search.path,
        ]);
    }
    assert_eq!(named("first_screen"), first);
    assert_eq!(
        named("pictures").len(),
        26,
        "seven pictures, three widths each, and five cards' thumbnails"
    );
    // Every file on disk is named once, and nothing else is.
    let mut listed: Vec<String> = [
        "segments", "facets", "cards", "bodies", "slugs", "search", "pictures",
    ]
    .iter()
    .flat_map(|role| named(role))
    .chain(["manifest.json".to_string()])
    .collect();
    listed.sort();
    let on_disk = files_in(dir.path());
    assert_eq!(listed, on_disk);
    assert_eq!(files["count"], on_disk.len());
    // A damaged file is named, not listed.
    let body = dir.path().join(&named("bodies")[0]);
    std::fs::write(&body, b"{}").unwrap();
    let out = broadsheet(&["ls", dir.path().to_str().unwrap(), "--files"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&named("bodies")[0]), "{stderr}");
}

#[test]
fn check_measures_a_folder_against_each_host() {
    let dir = tempfile::tempdir().unwrap();
    assert!(build(dir.path(), &[]).status.success());
    let out = broadsheet(&["check", dir.path().to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    for host in [
        "GitHub Pages",
        "Cloudflare Pages",
        "GitLab Pages",
        "Netlify",
    ] {
        assert!(stderr.contains(&format!("fits {host}")), "{stderr}");
    }
    // A file over Cloudflare's 25 MiB (sparse: no 26 MiB written).
    let big = std::fs::File::create(dir.path().join("video.mp4")).unwrap();
    big.set_len(26 << 20).unwrap();
    let out = broadsheet(&[
        "check",
        dir.path().to_str().unwrap(),
        "--host",
        "cloudflare-pages",
        "--host",
        "github-pages",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(
        stderr.contains("error: does not fit Cloudflare Pages: video.mp4 is 27.3 MB and Cloudflare Pages takes files of at most 25 MiB"),
        "{stderr}"
    );
    assert!(stderr.contains("fits GitHub Pages"), "{stderr}");
    // `build --host` checks what it published, and fails the same way.
    let out = build(dir.path(), &["--host", "cloudflare-pages"]);
    assert!(!out.status.success());
}
