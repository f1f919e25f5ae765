//! Feeds a rerun keeps as they are: a section, tag or `[[feeds]]` feed
//! whose articles the rank cache knows unchanged, whose fingerprint is the
//! one saved and whose files are the ones the last build put in place is
//! not made again. Whatever a rerun keeps or makes, the output folder is
//! the one a build from nothing writes.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

const CONFIG: &str = "base_url = \"https://news.example.com/\"\ntag_date = \"2023\"\nlimit = 3\nsection_feeds = { limit = 2 }\ntag_feeds = { limit = 2, content = \"summary\" }\n\n[[feeds]]\npath = \"harbour-news/\"\ntitle = \"Harbour news\"\ndescription = \"The harbour, whatever the section\"\ntags = [\"Harbour\"]\nlimit = 2\n";

/// Writes a Markdown article in `section`, published on `day` of 2024,
/// tagged `tags`; gives its path.
fn article(dir: &Path, section: &str, name: &str, day: u32, tags: &str, title: &str) -> PathBuf {
    let folder = dir.join("articles").join(section);
    fs::create_dir_all(&folder).expect("folder");
    let date = chrono::NaiveDate::from_yo_opt(2024, day).expect("day");
    let path = folder.join(format!("{name}.md"));
    fs::write(
        &path,
        format!(
            "---\ntitle: {title}\ndate: {date}T08:00:00Z\ntags: [{tags}]\n---\nThe text of {title}.\n"
        ),
    )
    .expect("article");
    path
}

/// Sets the modification time of `files` an hour back, so that the rank
/// cache trusts them (a file changed in the second the cache was written
/// is read again, which would hide what these tests look at). Only files
/// just written: setting a time changes a file's stamp.
fn settle(files: &[&Path]) {
    let past = SystemTime::now() - Duration::from_secs(3600);
    for path in files {
        let file = fs::File::options().write(true).open(path).expect("open");
        file.set_modified(past).expect("touch");
    }
}

/// The site: 12 articles on days 1 to 12, in `world` (odd days) and
/// `city` (even days); every one tagged Metro, every third Harbour too.
fn site() -> tempfile::TempDir {
    let work = tempfile::tempdir().expect("temp dir");
    let dir = work.path();
    fs::write(dir.join("feedpub.toml"), CONFIG).expect("config");
    for day in 1..=12 {
        let section = if day % 2 == 0 { "city" } else { "world" };
        let tags = if day % 3 == 0 {
            "Metro, Harbour"
        } else {
            "Metro"
        };
        let title = format!("Story {day}");
        article(dir, section, &format!("a{day:02}"), day, tags, &title);
    }
    let files = common::walk(&dir.join("articles"));
    settle(&files.iter().map(PathBuf::as_path).collect::<Vec<_>>());
    work
}

/// Builds with `-v`; the files the build wrote, relative to `feeds/`.
fn build(dir: &Path) -> BTreeSet<String> {
    let out = common::feedpub(dir, &["build", "-v"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    stderr
        .lines()
        .filter_map(|l| l.strip_prefix("feedpub: wrote `feeds/"))
        .map(|l| l.trim_end_matches('`').to_owned())
        .collect()
}

/// Every file of the output folder, by path relative to it.
fn snapshot(feeds: &Path) -> BTreeMap<String, Vec<u8>> {
    common::walk(feeds)
        .into_iter()
        .map(|path| {
            let name = path.strip_prefix(feeds).expect("inside").to_string_lossy();
            (name.replace('\\', "/"), fs::read(&path).expect("read"))
        })
        .collect()
}

/// Asserts that the output folder holds what a build from nothing (no
/// cache, no state, an empty output folder) writes.
fn same_as_from_nothing(dir: &Path) {
    let feeds = dir.join("feeds");
    let rerun = snapshot(&feeds);
    let fresh = tempfile::tempdir().expect("temp dir");
    common::copy_dir(&dir.join("articles"), &fresh.path().join("articles"));
    fs::copy(dir.join("feedpub.toml"), fresh.path().join("feedpub.toml")).expect("config");
    let out = common::feedpub(fresh.path(), &["build", "--no-cache"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(snapshot(&fresh.path().join("feeds")), rerun);
}

/// The feeds whose fingerprints the state folder holds.
fn fingerprinted(dir: &Path) -> BTreeSet<String> {
    let state = common::walk(&dir.join(".feedpub"))
        .into_iter()
        .find(|p| p.file_name().is_some_and(|n| n == "pages"))
        .expect("a pages file in the state folder");
    fs::read_to_string(state)
        .expect("read")
        .lines()
        .filter_map(|l| l.split_once(" feed ").map(|(_, path)| path.to_owned()))
        .collect()
}

#[test]
fn an_edit_makes_only_the_feeds_that_hold_the_article() {
    let work = site();
    let dir = work.path();
    let first = build(dir);
    assert_eq!(first.len(), 3 * 6 + 2, "{first:?}");
    // Every feed but the main one is fingerprinted once written.
    assert_eq!(
        fingerprinted(dir),
        BTreeSet::from(
            [
                "harbour-news/",
                "sections/city/",
                "sections/world/",
                "tags/harbour/",
                "tags/metro/"
            ]
            .map(String::from)
        )
    );
    // Day 11 (world, Metro) gets a new title: the main feed, `world` and
    // `metro` hold it; `city`, `harbour` and `harbour-news` do not.
    let edited = article(dir, "world", "a11", 11, "Metro", "Story 11, revised");
    settle(&[&edited]);
    let written = build(dir);
    let folders: BTreeSet<&str> = written
        .iter()
        .map(|f| f.rsplit_once('/').map_or("", |(folder, _)| folder))
        .collect();
    assert_eq!(
        folders,
        BTreeSet::from(["", "sections/world", "tags/metro"]),
        "{written:?}"
    );
    same_as_from_nothing(dir);
    // With nothing changed, nothing is written but the page for people,
    // which shows the newest entries (here: the same bytes, not written).
    assert!(build(dir).is_empty());
    same_as_from_nothing(dir);
}

#[test]
fn a_kept_feed_changed_or_removed_by_hand_is_made_again() {
    let work = site();
    let dir = work.path();
    build(dir);
    let feeds = dir.join("feeds");
    let good = fs::read(feeds.join("sections/city/rss.xml")).expect("feed");
    // Touched by hand: another file than the one the build put in place.
    let mut tampered = good.clone();
    tampered.extend_from_slice(b"<!-- changed by hand -->\n");
    fs::write(feeds.join("sections/city/rss.xml"), &tampered).expect("tamper");
    fs::remove_file(feeds.join("tags/harbour/feed.json")).expect("remove");
    let written = build(dir);
    assert_eq!(
        written,
        BTreeSet::from(["sections/city/rss.xml", "tags/harbour/feed.json"].map(String::from))
    );
    assert_eq!(
        fs::read(feeds.join("sections/city/rss.xml")).expect("feed"),
        good
    );
    same_as_from_nothing(dir);
}

#[test]
fn a_tag_spelled_anew_where_its_feed_does_not_look_renames_the_feed() {
    let work = site();
    let dir = work.path();
    build(dir);
    // A tag feed is titled with the tag as its first article spells it:
    // day 3, which the `harbour` feed (the newest two: days 12 and 9) does
    // not hold.
    let title = |dir: &Path| {
        let text = fs::read_to_string(dir.join("feeds/tags/harbour/atom.xml")).expect("feed");
        let start = text.find("<title>").expect("a title") + "<title>".len();
        let end = text[start..].find("</title>").expect("its end") + start;
        text[start..end].to_owned()
    };
    assert!(title(dir).contains("Harbour"), "{}", title(dir));
    let edited = article(dir, "world", "a03", 3, "Metro, HARBOUR", "Story 3");
    settle(&[&edited]);
    let written = build(dir);
    assert!(written.contains("tags/harbour/atom.xml"), "{written:?}");
    assert!(title(dir).contains("HARBOUR"), "{}", title(dir));
    same_as_from_nothing(dir);
}
