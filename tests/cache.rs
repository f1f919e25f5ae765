//! The rank cache is an optimisation only: a build with it writes exactly
//! the bytes and reports exactly the problems a build without it does,
//! through edits, additions, deletions, renames, moves between folders,
//! same-size rewrites and corruption.

mod common;

use std::fs;
use std::path::Path;
use std::time::Duration;

use feedpub::article::Format;

const CONFIG: &str = "base_url = \"https://news.example.com/\"\ntag_date = \"2023\"\nlimit = 20\n";

fn build(dir: &Path, args: &[&str]) -> (Vec<u8>, Vec<u8>, String) {
    let run = common::feedpub(dir, args);
    let out = args
        .windows(2)
        .find(|w| w[0] == "--out")
        .map_or("feeds", |w| w[1]);
    let read = |name: &str| fs::read(dir.join(out).join(name)).unwrap_or_default();
    (
        read("rss.xml"),
        read("atom.xml"),
        String::from_utf8_lossy(&run.stderr).into_owned(),
    )
}

/// Builds with the cache, then without it into another folder: same bytes,
/// same diagnostics.
fn assert_same(dir: &Path, step: &str) {
    let cached = build(dir, &["build"]);
    let fresh = build(dir, &["build", "--no-cache", "--out", "fresh"]);
    assert!(!cached.0.is_empty(), "{step}: no feed\n{}", cached.2);
    assert!(cached.0 == fresh.0, "{step}: RSS differs");
    assert!(cached.1 == fresh.1, "{step}: Atom differs");
    let strip = |s: &str| s.replace("fresh/", "feeds/");
    assert_eq!(
        strip(&cached.2),
        strip(&fresh.2),
        "{step}: diagnostics differ"
    );
}

fn article(dir: &Path, name: &str) -> std::path::PathBuf {
    dir.join("articles").join(name)
}

#[test]
fn cached_builds_write_what_uncached_builds_write() {
    let work = tempfile::tempdir().expect("temp dir");
    let dir = work.path();
    fs::write(dir.join("feedpub.toml"), CONFIG).expect("config");
    feedpub::testing::corpus::write(&dir.join("articles"), 300, Format::News).expect("corpus");
    assert_same(dir, "first build");
    assert!(
        common::state_of(dir, "feeds")
            .join(feedpub::build::cache::CACHE_FILE)
            .is_file()
    );
    assert_same(dir, "nothing changed");

    // An old article becomes the newest.
    let (name, text) = feedpub::testing::corpus::article(5, Format::News);
    let edited = text.rsplit_once("Updated: ").expect("dated").0.to_owned()
        + "Updated: 2031-01-01T00:00:00Z";
    fs::write(article(dir, &name), edited).expect("writable");
    assert_same(dir, "an article moved to the top");

    // One becomes invalid, one is removed, one is added.
    let (bad, _) = feedpub::testing::corpus::article(6, Format::News);
    fs::write(article(dir, &bad), "Only a title").expect("writable");
    let (gone, _) = feedpub::testing::corpus::article(7, Format::News);
    fs::remove_file(article(dir, &gone)).expect("removable");
    fs::write(
        article(dir, "new.txt"),
        "New story\n\nDek\n\nBody.\n\nUpdated: 2030-06-01T00:00:00Z",
    )
    .expect("writable");
    assert_same(dir, "invalid, removed and added articles");

    // A same-size rewrite with the old modification time put back: only the
    // change time gives it away.
    let path = article(dir, "new.txt");
    let before = fs::metadata(&path).expect("stat");
    std::thread::sleep(Duration::from_millis(20));
    // Same size, but dated 2010: it must leave the newest 20.
    fs::write(
        &path,
        "New story\n\nDek\n\nBody.\n\nUpdated: 2010-06-01T00:00:00Z",
    )
    .expect("writable");
    let file = fs::File::options().write(true).open(&path).expect("open");
    file.set_modified(before.modified().expect("mtime"))
        .expect("touch");
    let (rss, _, _) = build(dir, &["build"]);
    assert_eq!(fs::metadata(&path).expect("stat").len(), before.len());
    assert!(
        !String::from_utf8_lossy(&rss).contains("New story"),
        "the rewrite was missed"
    );
    assert_same(dir, "same-size rewrite");

    // A duplicate id appears and disappears.
    fs::copy(article(dir, "new.txt"), dir.join("articles/sub-new.txt")).expect("copy");
    fs::write(
        article(dir, "dup.md"),
        "---\ntitle: Dup\ndate: 2030-07-01\nslug: new\n---\nBody\n",
    )
    .expect("writable");
    assert_same(dir, "duplicate ids");
    fs::remove_file(article(dir, "dup.md")).expect("removable");
    assert_same(dir, "duplicate removed");

    // A corrupt cache is ignored, and rewritten.
    let cache = common::state_of(dir, "feeds").join(feedpub::build::cache::CACHE_FILE);
    let mut bytes = fs::read(&cache).expect("cache");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xFF;
    fs::write(&cache, &bytes).expect("writable");
    assert_same(dir, "corrupt cache");
    fs::write(&cache, b"garbage").expect("writable");
    assert_same(dir, "foreign cache");
    fs::write(
        dir.join("feedpub.toml"),
        format!("{CONFIG}timezone = \"Asia/Dubai\"\n"),
    )
    .expect("config");
    assert_same(dir, "configuration changed");
}

/// Files added, removed, renamed or moved anywhere below the articles
/// folder are seen by a cached build, though its listing is replayed from
/// the cache while no folder changes.
#[test]
fn folder_changes_are_seen() {
    let work = tempfile::tempdir().expect("temp dir");
    let dir = work.path();
    fs::write(dir.join("feedpub.toml"), CONFIG).expect("config");
    let articles = dir.join("articles");
    feedpub::testing::corpus::write(&articles, 120, Format::News).expect("corpus");
    fs::create_dir_all(articles.join("2023/08")).expect("folders");
    // Some of the newest articles in subfolders.
    let newest = |i: u64| {
        let (name, text) = feedpub::testing::corpus::article(i, Format::News);
        let text = text.rsplit_once("Updated: ").expect("dated").0.to_owned()
            + &format!("Updated: 2031-01-{:02}T00:00:00Z", i + 1);
        (name, text)
    };
    for (i, folder) in [(0, "2023"), (1, "2023/08"), (2, "2023/08")] {
        let (name, text) = newest(i);
        fs::remove_file(articles.join(&name)).expect("removable");
        fs::write(articles.join(folder).join(name), text).expect("writable");
    }
    let settle = || std::thread::sleep(Duration::from_millis(30));
    settle();
    assert_same(dir, "first build");
    let (name3, text3) = newest(3);
    let (name4, text4) = newest(4);
    let name_deep = newest(1).0;
    type Change<'a> = Box<dyn Fn() + 'a>;
    let steps: Vec<(&str, Change<'_>)> = vec![
        (
            "added deep down",
            Box::new(|| fs::write(articles.join("2023/08").join(&name3), &text3).expect("w")),
        ),
        (
            "added at the top",
            Box::new(|| fs::write(articles.join(&name4), &text4).expect("w")),
        ),
        (
            "removed deep down",
            Box::new(|| fs::remove_file(articles.join("2023/08").join(&name3)).expect("rm")),
        ),
        (
            "renamed",
            Box::new(|| {
                fs::rename(articles.join(&name4), articles.join("renamed.txt")).expect("mv")
            }),
        ),
        (
            "moved to a subfolder",
            Box::new(|| {
                fs::rename(
                    articles.join("renamed.txt"),
                    articles.join("2023/renamed.txt"),
                )
                .expect("mv")
            }),
        ),
        (
            "moved up",
            Box::new(|| {
                fs::rename(
                    articles.join("2023/08").join(&name_deep),
                    articles.join(&name_deep),
                )
                .expect("mv")
            }),
        ),
        (
            "folder renamed",
            Box::new(|| {
                fs::rename(articles.join("2023/08"), articles.join("2023/09")).expect("mv")
            }),
        ),
        (
            "folder removed",
            Box::new(|| fs::remove_dir_all(articles.join("2023/09")).expect("rm")),
        ),
        (
            "folder added",
            Box::new(|| {
                fs::create_dir(articles.join("2024")).expect("mkdir");
                fs::write(articles.join("2024").join(&name3), &text3).expect("w");
            }),
        ),
        (
            "folder replaced by a copy",
            Box::new(|| {
                let copy = dir.join("copy");
                fs::create_dir(&copy).expect("mkdir");
                for entry in fs::read_dir(&articles).expect("list") {
                    let entry = entry.expect("entry");
                    if entry.file_type().expect("type").is_file() {
                        fs::copy(entry.path(), copy.join(entry.file_name())).expect("copy");
                    }
                }
                fs::remove_dir_all(&articles).expect("rm");
                fs::rename(&copy, &articles).expect("mv");
            }),
        ),
    ];
    for (step, change) in &steps {
        // Nothing changed: the listing is replayed.
        settle();
        assert_same(dir, &format!("before: {step}"));
        settle();
        change();
        assert_same(dir, step);
    }
}

/// A rerun with nothing changed rewrites neither feed.
#[test]
fn unchanged_reruns_write_nothing() {
    let work = tempfile::tempdir().expect("temp dir");
    let dir = work.path();
    fs::write(dir.join("feedpub.toml"), CONFIG).expect("config");
    feedpub::testing::corpus::write(&dir.join("articles"), 100, Format::News).expect("corpus");
    build(dir, &["build"]);
    let mtime = |n: &str| {
        fs::metadata(dir.join("feeds").join(n))
            .and_then(|m| m.modified())
            .expect("mtime")
    };
    let before = (mtime("rss.xml"), mtime("atom.xml"));
    std::thread::sleep(Duration::from_millis(20));
    let run = common::feedpub(dir, &["build", "-v"]);
    assert!(String::from_utf8_lossy(&run.stderr).contains("unchanged `feeds/rss.xml`"));
    assert_eq!((mtime("rss.xml"), mtime("atom.xml")), before);
}
