//! Incremental builds: a build parses only the sources the source cache
//! does not know, keeps the segments of the earlier build in its folder
//! made from the same inputs, and writes exactly what a build from scratch
//! (`--full`, into an empty folder) writes.

use std::path::Path;

use crate::common::{build_from, files_in};

const TAGS: [&str; 6] = [
    "labour",
    "students",
    "elections",
    "courts",
    "housing",
    "press",
];
const COUNTRIES: [&str; 4] = ["Pakistan", "India", "Sri Lanka", "Myanmar"];

/// Article `i` of a synthetic archive: one a day from 2021, so 1,200 of
/// them make three segments (174, 512 and 514 articles).
fn write_article(src: &Path, i: usize, extra: &str) {
    let day = broadsheet_core::Date::from_day_number(
        broadsheet_core::Date::parse("2021-01-01")
            .unwrap()
            .day_number()
            + i as u32,
    )
    .unwrap();
    let text = format!(
        "---\ntitle: \"Report {i} on {tag}\"\ndate: {day}\ntags: [{tag}, {other}]\n\
         countries: [{country}]\n---\nWorkers and students met in the {i}th week. \
         The {tag} committee spoke about wages and {other}. {extra}\n",
        tag = TAGS[i % TAGS.len()],
        other = TAGS[(i / 3) % TAGS.len()],
        country = COUNTRIES[i % COUNTRIES.len()],
    );
    std::fs::write(src.join(format!("{i:04}.md")), text).unwrap();
}

fn build(src: &Path, out: &Path, extra: &[&str]) -> String {
    let output = build_from(src, out, extra);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    stderr
}

/// `(sources, segments)` kept from the earlier build, as its report says:
/// `reused from the earlier build: 19 of 21 sources (not parsed again), 1
/// of 3 segments (not made again)`.
fn report(stderr: &str) -> [(usize, usize); 2] {
    let at = stderr
        .find("reused from the earlier build: ")
        .unwrap_or_else(|| panic!("no reuse report in {stderr}"));
    let line = stderr[at..].lines().next().unwrap();
    let numbers: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|w| w.parse().ok())
        .collect();
    [(numbers[0], numbers[1]), (numbers[2], numbers[3])]
}

/// `(reused, segments)`.
fn kept(stderr: &str) -> (usize, usize) {
    report(stderr)[1]
}

/// The number of sources taken from the cache.
fn cached(stderr: &str) -> usize {
    report(stderr)[0].0
}

/// Every file of both folders, byte for byte.
fn assert_same_folders(a: &Path, b: &Path) {
    let names = files_in(a);
    assert_eq!(names, files_in(b));
    for name in &names {
        let (x, y) = (std::fs::read(a.join(name)), std::fs::read(b.join(name)));
        assert!(x.unwrap() == y.unwrap(), "{name} differs");
    }
}

#[test]
fn an_incremental_build_keeps_unchanged_segments_and_writes_what_a_full_build_writes() {
    let src = tempfile::tempdir().unwrap();
    for i in 0..1200 {
        write_article(src.path(), i, "");
    }
    let inc = tempfile::tempdir().unwrap();
    let first = build(src.path(), inc.path(), &[]);
    let (reused, segments) = kept(&first);
    assert_eq!(reused, 0, "{first}");
    assert_eq!(segments, 3, "{first}");

    // Nothing changed: every segment is kept, only the manifest is written.
    let again = build(src.path(), inc.path(), &[]);
    assert_eq!(kept(&again), (segments, segments), "{again}");
    assert!(again.contains("1 file new or changed"), "{again}");

    // A new article, a correction to the oldest, a recent one deleted: the
    // middle segment stays as it was.
    write_article(src.path(), 1200, "");
    write_article(src.path(), 7, "A correction was added.");
    std::fs::remove_file(src.path().join("1150.md")).unwrap();
    let changed = build(src.path(), inc.path(), &[]);
    assert_eq!(kept(&changed), (1, segments), "{changed}");

    let full = tempfile::tempdir().unwrap();
    let scratch = build(src.path(), full.path(), &["--full"]);
    assert_eq!(kept(&scratch).0, 0, "{scratch}");
    assert_same_folders(inc.path(), full.path());
}

#[test]
fn a_segment_with_a_missing_file_is_made_again() {
    let src = tempfile::tempdir().unwrap();
    for i in 0..1200 {
        write_article(src.path(), i, "");
    }
    let out = tempfile::tempdir().unwrap();
    build(src.path(), out.path(), &[]);
    let reference = tempfile::tempdir().unwrap();
    build(src.path(), reference.path(), &[]);
    // The oldest body shard goes missing (a half-copied mirror).
    let bodies = files_in(&out.path().join("bodies"));
    let lost = bodies.first().unwrap();
    std::fs::remove_file(out.path().join("bodies").join(lost)).unwrap();
    let again = build(src.path(), out.path(), &[]);
    let (reused, segments) = kept(&again);
    assert_eq!(reused, segments - 1, "{again}");
    assert_same_folders(out.path(), reference.path());
}

/// The one file in `dir` (the source cache's).
/// The one file in the cache folder `dir` whose name ends in `.extension`.
fn cache_file(dir: &Path, extension: &str) -> std::path::PathBuf {
    let files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|f| f.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files.into_iter().next().unwrap()
}

#[test]
fn only_new_and_changed_sources_are_parsed_again() {
    let cache = tempfile::tempdir().unwrap();
    let cache_arg = cache.path().to_str().unwrap();
    let src = tempfile::tempdir().unwrap();
    for i in 0..20 {
        write_article(src.path(), i, "");
    }
    let out = tempfile::tempdir().unwrap();
    let first = build(src.path(), out.path(), &["--cache", cache_arg]);
    assert_eq!(cached(&first), 0, "{first}");
    // Nothing changed: the cache file is left as it is.
    let file = cache_file(cache.path(), "sources");
    let written = std::fs::metadata(&file).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let same = build(src.path(), out.path(), &["--cache", cache_arg]);
    assert_eq!(cached(&same), 20, "{same}");
    assert_eq!(
        std::fs::metadata(&file).unwrap().modified().unwrap(),
        written
    );

    // Touched (same bytes, new time): taken from the cache. Changed: parsed.
    let touched = src.path().join("0003.md");
    let bytes = std::fs::read(&touched).unwrap();
    std::fs::write(&touched, &bytes).unwrap();
    write_article(src.path(), 5, "Edited.");
    write_article(src.path(), 20, "");
    let second = build(src.path(), out.path(), &["--cache", cache_arg]);
    assert_eq!(cached(&second), 19, "{second}");
    let search = crate::common::search(out.path(), "edited");
    assert_eq!(search.len(), 1, "{search:?}");

    // --full parses everything; --no-cache neither reads nor keeps one.
    let full = build(src.path(), out.path(), &["--cache", cache_arg, "--full"]);
    assert_eq!(cached(&full), 0, "{full}");
    let other = tempfile::tempdir().unwrap();
    let none = build(src.path(), other.path(), &["--no-cache"]);
    assert_eq!(cached(&none), 0, "{none}");
    assert_same_folders(out.path(), other.path());
}

/// A synthetic archive of articles `0..n` built once, with a source cache
/// of its own.
struct WithCache {
    cache: tempfile::TempDir,
    src: tempfile::TempDir,
    out: tempfile::TempDir,
}

impl WithCache {
    fn new(n: usize) -> WithCache {
        let archive = WithCache {
            cache: tempfile::tempdir().unwrap(),
            src: tempfile::tempdir().unwrap(),
            out: tempfile::tempdir().unwrap(),
        };
        for i in 0..n {
            write_article(archive.src.path(), i, "");
        }
        archive.build();
        archive
    }

    /// Builds into the same folder with the same cache; its report.
    fn build(&self) -> String {
        let cache = self.cache.path().to_str().unwrap();
        build(self.src.path(), self.out.path(), &["--cache", cache])
    }

    /// The cache's file.
    fn file(&self) -> std::path::PathBuf {
        cache_file(self.cache.path(), "sources")
    }
}

#[test]
fn related_articles_are_worked_out_from_the_words_an_earlier_build_analysed() {
    let archive = WithCache::new(40);
    let (src, out) = (archive.src.path(), archive.out.path());
    let words = cache_file(archive.cache.path(), "words");
    let before = std::fs::read(&words).unwrap();
    // A new article: the file gains its words (the others are taken from
    // it), and the folder is what a build from scratch writes.
    write_article(src, 40, "Strike.");
    archive.build();
    let after = std::fs::read(&words).unwrap();
    assert!(
        after.len() > before.len(),
        "{} → {}",
        before.len(),
        after.len()
    );
    let scratch = tempfile::tempdir().unwrap();
    build(src, scratch.path(), &["--full", "--no-cache"]);
    assert_same_folders(out, scratch.path());
    // A damaged file is as good as none: the same folder again.
    std::fs::write(&words, &after[..after.len() / 2]).unwrap();
    write_article(src, 41, "Strike again.");
    archive.build();
    let scratch = tempfile::tempdir().unwrap();
    build(src, scratch.path(), &["--full", "--no-cache"]);
    assert_same_folders(out, scratch.path());
}

#[test]
fn a_settled_file_is_known_by_its_size_and_time_a_touched_or_fresh_one_by_its_bytes() {
    let archive = WithCache::new(6);
    let (src, out) = (archive.src.path(), archive.out.path());
    let path = |i: usize| src.join(format!("{i:04}.md"));
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let set_time = |i: usize, time: std::time::SystemTime| {
        let file = std::fs::File::options().write(true).open(path(i)).unwrap();
        file.set_modified(time).unwrap();
    };
    // Another word of the same length, written over the file in place.
    let rewrite = |i: usize| {
        let text = std::fs::read_to_string(path(i)).unwrap();
        std::fs::write(path(i), text.replace("wages", "rents")).unwrap();
    };
    for i in 0..6 {
        set_time(i, hour_ago);
    }
    // Settled times are recorded (the files were read by their bytes).
    let first = archive.build();
    assert_eq!(cached(&first), 6, "{first}");
    let recorded = std::fs::read(archive.file()).unwrap();
    // Nothing changed: every file known by its stamp, the cache left as it is.
    let again = archive.build();
    assert_eq!(cached(&again), 6, "{again}");
    assert_eq!(std::fs::read(archive.file()).unwrap(), recorded);
    // Other bytes under the same size and time: the stamp stands for the
    // bytes, so the file is not read (its earlier reading is what shows).
    rewrite(2);
    set_time(2, hour_ago);
    let unread = archive.build();
    assert_eq!(cached(&unread), 6, "{unread}");
    assert!(crate::common::search(out, "rents").is_empty());
    // Touched (a new time, settled): read, and known by its new bytes.
    set_time(2, hour_ago + std::time::Duration::from_secs(60));
    let touched = archive.build();
    assert_eq!(cached(&touched), 5, "{touched}");
    assert_eq!(crate::common::search(out, "rents").len(), 1);
    // Changed just now, size kept: a time this recent is never trusted.
    rewrite(3);
    let fresh = archive.build();
    assert_eq!(cached(&fresh), 5, "{fresh}");
    assert_eq!(crate::common::search(out, "rents").len(), 2);
    // A touched file whose bytes are the same is taken by them, its new
    // time recorded for the next build (the file changed just now, too,
    // once its time is settled).
    set_time(4, hour_ago + std::time::Duration::from_secs(120));
    set_time(3, hour_ago + std::time::Duration::from_secs(180));
    let same = archive.build();
    assert_eq!(cached(&same), 6, "{same}");
    let before = std::fs::read(archive.file()).unwrap();
    archive.build();
    assert_eq!(
        std::fs::read(archive.file()).unwrap(),
        before,
        "nothing new to record"
    );
}

#[test]
fn the_source_cache_grows_by_appending_and_is_written_again_when_mostly_stale() {
    let archive = WithCache::new(20);
    let (src, out) = (&archive.src, &archive.out);
    let file = archive.file();
    let before = std::fs::read(&file).unwrap();
    // One new source and one changed: their entries are appended, the
    // rest of the file is left as it was.
    write_article(src.path(), 20, "");
    write_article(src.path(), 4, "Edited.");
    archive.build();
    let appended = std::fs::read(&file).unwrap();
    assert!(appended.len() > before.len() && appended.starts_with(&before));
    // The later entry for the changed file is the one taken.
    let again = archive.build();
    assert_eq!(cached(&again), 21, "{again}");
    assert_eq!(crate::common::search(out.path(), "edited").len(), 1);
    // Most sources removed: the stale entries would outnumber the live
    // ones, so the file is written again with the live ones alone.
    for i in 6..21 {
        std::fs::remove_file(src.path().join(format!("{i:04}.md"))).unwrap();
    }
    write_article(src.path(), 30, "");
    let fewer = archive.build();
    assert_eq!(cached(&fewer), 6, "{fewer}");
    let compacted = std::fs::read(&file).unwrap();
    assert!(
        compacted.len() < before.len() / 2,
        "{} of {}",
        compacted.len(),
        before.len()
    );
    let last = archive.build();
    assert_eq!(cached(&last), 7, "{last}");
}

#[test]
fn a_damaged_source_cache_is_reported_and_every_source_read() {
    let archive = WithCache::new(10);
    let file = archive.file();
    let mut bytes = std::fs::read(&file).unwrap();
    bytes.truncate(bytes.len() / 2);
    std::fs::write(&file, bytes).unwrap();
    let again = archive.build();
    assert!(again.contains("cannot be used"), "{again}");
    assert_eq!(cached(&again), 0, "{again}");
    assert!(again.contains("10 articles imported"), "{again}");
    // The next build finds a good cache again.
    let third = archive.build();
    assert_eq!(cached(&third), 10, "{third}");
}

/// Copies one of the sample archive's pictures to `to`.
fn sample_picture(name: &str, to: &Path) {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/articles/img");
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::copy(sample.join(name), to).unwrap();
}

#[test]
fn pictures_are_made_once_and_an_incremental_build_writes_what_a_full_one_does() {
    let src = tempfile::tempdir().unwrap();
    sample_picture("kasur-kiln-dawn.jpg", &src.path().join("img/kiln.jpg"));
    sample_picture("may-day-attendance.png", &src.path().join("img/chart.png"));
    for i in 0..40 {
        write_article(src.path(), i, "");
    }
    write_article(src.path(), 40, "\n\n![A kiln](img/kiln.jpg \"At dawn\")\n");
    write_article(src.path(), 41, "\n\n![A chart](img/chart.png)\n");
    let out = tempfile::tempdir().unwrap();
    let first = build(src.path(), out.path(), &[]);
    assert!(
        first.contains("2 pictures shown (2 made by this build"),
        "{first}"
    );
    // Kiln: 480, 960 and 1600 px; chart: 480, 960 and 1200.
    assert_eq!(files_in(&out.path().join("images")).len(), 6);
    // A new article showing a picture the archive has: nothing made again.
    write_article(src.path(), 42, "\n\n![The same kiln](img/kiln.jpg)\n");
    let again = build(src.path(), out.path(), &[]);
    assert!(
        again.contains("2 pictures shown (0 made by this build"),
        "{again}"
    );
    let full = tempfile::tempdir().unwrap();
    build(src.path(), full.path(), &["--full"]);
    assert_same_folders(out.path(), full.path());
    // A picture no article shows any more leaves the folder.
    write_article(src.path(), 41, "");
    let last = build(src.path(), out.path(), &[]);
    assert!(last.contains("1 picture shown (0 made"), "{last}");
    assert_eq!(files_in(&out.path().join("images")).len(), 3);
}

#[test]
fn a_picture_a_feed_encloses_travels_with_the_archive_when_saved_beside_it() {
    let src = tempfile::tempdir().unwrap();
    sample_picture(
        "kasur-kiln-dawn.jpg",
        &src.path().join("feeds/images/kiln.jpg"),
    );
    let feed = r#"<?xml version="1.0"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel>
<title>Reports</title><link>https://example.org/</link>
<item><title>The kiln at dawn</title><guid>kiln</guid><link>https://example.org/kiln</link>
<pubDate>Sat, 01 May 2021 10:00:00 GMT</pubDate>
<enclosure url="images/kiln.jpg" length="1" type="image/jpeg"/>
<description>Workers fired the kiln before sunrise.</description></item>
<item><title>A lost picture</title><guid>lost</guid>
<pubDate>Sun, 02 May 2021 10:00:00 GMT</pubDate>
<media:content url="images/gone.jpg" medium="image"><media:description>A rally</media:description></media:content>
<description>Its picture was not saved.</description></item>
</channel></rss>"#;
    std::fs::write(src.path().join("feeds/reports.xml"), feed).unwrap();
    let out = tempfile::tempdir().unwrap();
    let said = build(src.path(), out.path(), &[]);
    assert!(
        said.contains("1 picture shown (1 made by this build"),
        "{said}"
    );
    // Made from the file beside the feed, not linked to example.org.
    assert_eq!(files_in(&out.path().join("images")).len(), 3);
    // The missing one costs its picture, with the feed's name and the address.
    assert!(said.contains("reports.xml"), "{said}");
    assert!(
        said.contains("picture `images/gone.jpg`: not found"),
        "{said}"
    );
}
