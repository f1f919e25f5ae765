//! Archive pages (RFC 5005 archived feeds), through the real binary: every
//! entry is on exactly one page or in the subscription feed; pages follow
//! first publication; a new article touches only the subscription feeds
//! and the newest pages; an edit rewrites only its own page; pages are
//! linked to each other and to the subscription feed; `--check` sees a
//! page that is not as the build would write it.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

const CONFIG: &str = "base_url = \"https://news.example.com/\"\ntag_date = \"2023\"\nlimit = 3\narchive = true\narchive_page_size = 5\nsection_feeds = { limit = 2, archive = true, archive_page_size = 4 }\n";

/// A Markdown article in `section`, published on `day` of 2024 (and
/// updated on `updated`, a day of 2024 too).
fn article(dir: &Path, section: &str, name: &str, day: u32, updated: u32, title: &str) {
    let folder = dir.join("articles").join(section);
    fs::create_dir_all(&folder).expect("folder");
    let published = chrono::NaiveDate::from_yo_opt(2024, day).expect("day");
    let updated = chrono::NaiveDate::from_yo_opt(2024, updated).expect("day");
    fs::write(
        folder.join(format!("{name}.md")),
        format!("---\ntitle: {title}\ndate: {published}T08:00:00Z\nupdated: {updated}T09:00:00Z\n---\nThe text of {title}.\n"),
    )
    .expect("article");
}

/// Sets every article's modification time an hour back, so that the rank
/// cache trusts them (a file changed in the second the cache was written
/// is read again, which would hide what this test looks at).
fn settle(dir: &Path) {
    let past = SystemTime::now() - Duration::from_secs(3600);
    for path in common::walk(&dir.join("articles")) {
        let file = fs::File::options().write(true).open(&path).expect("open");
        file.set_modified(past).expect("touch");
    }
}

/// The site: 23 articles in two sections, published on days 1 to 23.
fn site() -> tempfile::TempDir {
    let work = tempfile::tempdir().expect("temp dir");
    let dir = work.path();
    fs::write(dir.join("feedpub.toml"), CONFIG).expect("config");
    for day in 1..=23 {
        let section = if day % 2 == 0 { "world" } else { "city" };
        article(
            dir,
            section,
            &format!("a{day:02}"),
            day,
            day,
            &format!("Story {day}"),
        );
    }
    settle(dir);
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

/// The entry ids of an Atom document, with its links by relation.
fn read_atom(path: &Path) -> (Vec<String>, BTreeMap<String, String>, bool) {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let feed = atom_syndication::Feed::read_from(&bytes[..]).expect("atom");
    let ids = feed.entries.iter().map(|e| e.id.clone()).collect();
    let links = feed
        .links
        .iter()
        .map(|l| (l.rel.clone(), l.href.clone()))
        .collect();
    let text = String::from_utf8_lossy(&bytes);
    (ids, links, text.contains("<fh:archive/>"))
}

fn id(day: u32) -> String {
    format!("tag:news.example.com,2023:/a{day:02}")
}

#[test]
fn every_entry_is_on_one_page_or_in_the_subscription_feed() {
    let work = site();
    let dir = work.path();
    build(dir);
    let feeds = dir.join("feeds");
    // Main feed: 23 entries, pages of 5: four full pages, three left.
    let mut seen = BTreeSet::new();
    for number in 1..=4u32 {
        let (ids, links, archive) = read_atom(&feeds.join(format!("archive/atom/{number}.xml")));
        assert!(archive, "page {number} is marked fh:archive");
        let want: Vec<String> = (1..=5).rev().map(|k| id((number - 1) * 5 + k)).collect();
        assert_eq!(ids, want, "page {number}: its five, newest first");
        for i in ids {
            assert!(seen.insert(i), "an entry on two pages");
        }
        let page = |n: u32| format!("https://news.example.com/feeds/archive/atom/{n}.xml");
        assert_eq!(links.get("self"), Some(&page(number)));
        assert_eq!(
            links.get("current").map(String::as_str),
            Some("https://news.example.com/feeds/atom.xml")
        );
        assert_eq!(
            links.get("prev-archive"),
            (number > 1).then(|| page(number - 1)).as_ref()
        );
        assert_eq!(
            links.get("next-archive"),
            (number < 4).then(|| page(number + 1)).as_ref()
        );
    }
    assert!(
        !feeds.join("archive/atom/5.xml").exists(),
        "no partial page"
    );
    // The subscription feed: its newest 3, which are the three left over.
    let (ids, links, archive) = read_atom(&feeds.join("atom.xml"));
    assert!(!archive);
    assert_eq!(ids, [id(23), id(22), id(21)]);
    assert_eq!(
        links.get("prev-archive").map(String::as_str),
        Some("https://news.example.com/feeds/archive/atom/4.xml")
    );
    seen.extend(ids);
    assert_eq!(seen.len(), 23, "every entry somewhere");
    // RSS pages hold the same entries.
    let rss = fs::read(feeds.join("archive/rss/2.xml")).expect("rss page");
    let channel = rss::Channel::read_from(&rss[..]).expect("rss");
    let guids: Vec<String> = channel
        .items
        .iter()
        .filter_map(|i| i.guid.as_ref().map(|g| g.value.clone()))
        .collect();
    assert_eq!(guids, (6..=10).rev().map(id).collect::<Vec<_>>());
    // A section's pages: `world` has the 11 even days, pages of 4: two
    // full pages, and its subscription feed holds its newest 2 and the
    // 3 left over (days 18, 20, 22).
    let (ids, _, _) = read_atom(&feeds.join("sections/world/archive/atom/2.xml"));
    assert_eq!(ids, [id(16), id(14), id(12), id(10)]);
    let (ids, _, _) = read_atom(&feeds.join("sections/world/atom.xml"));
    assert_eq!(ids, [id(22), id(20), id(18)]);
    // No page is in JSON Feed, nor in the subscription list.
    assert!(!feeds.join("archive/json").exists());
    let opml = fs::read_to_string(feeds.join("index.opml")).expect("opml");
    assert!(!opml.contains("archive/"), "{opml}");
    // Every page passes the validator with nothing to say.
    for page in common::walk(&feeds)
        .iter()
        .filter(|p| p.to_string_lossy().contains("/archive/"))
    {
        let out = common::feedpub(dir, &["validate", &page.to_string_lossy()]);
        assert_eq!(out.status.code(), Some(0), "{}", page.display());
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn new_articles_touch_only_the_newest_pages() {
    let work = site();
    let dir = work.path();
    build(dir);
    // Nothing changed: nothing written.
    assert_eq!(build(dir), BTreeSet::new());
    // Day 24 joins the partial pages (main: 4 of 5; `city`, whose 12
    // entries filled three pages: 1 of 4): the subscription feeds change,
    // no page does.
    article(dir, "city", "a24", 24, 24, "Story 24");
    settle(dir);
    let written = build(dir);
    assert!(
        written.iter().all(|f| !f.contains("archive/")),
        "{written:?}"
    );
    assert!(written.contains("atom.xml") && written.contains("sections/city/atom.xml"));
    // Day 25 completes the main feed's page 5 and `world`'s page 3: each
    // is written, and the page before each gains its next-archive link;
    // nothing older changes.
    article(dir, "world", "a25", 25, 25, "Story 25");
    settle(dir);
    let written = build(dir);
    let pages: BTreeSet<&str> = written
        .iter()
        .filter(|f| f.contains("archive/"))
        .map(String::as_str)
        .collect();
    assert_eq!(
        pages,
        BTreeSet::from([
            "archive/atom/4.xml",
            "archive/atom/5.xml",
            "archive/rss/4.xml",
            "archive/rss/5.xml",
            "sections/world/archive/atom/2.xml",
            "sections/world/archive/atom/3.xml",
            "sections/world/archive/rss/2.xml",
            "sections/world/archive/rss/3.xml"
        ])
    );
}

#[test]
fn an_edit_rewrites_only_its_own_page_and_keeps_its_place() {
    let work = site();
    let dir = work.path();
    build(dir);
    // Day 7 (main page 2; `city` page 1) gets a new title and a newer
    // updated time: it moves to the top of the subscription feeds, but
    // stays on its pages, which are the only pages written.
    article(dir, "city", "a07", 7, 200, "Story 7, revised");
    settle(dir);
    let written = build(dir);
    let pages: BTreeSet<&str> = written
        .iter()
        .filter(|f| f.contains("archive/"))
        .map(String::as_str)
        .collect();
    assert_eq!(
        pages,
        BTreeSet::from([
            "archive/atom/2.xml",
            "archive/rss/2.xml",
            "sections/city/archive/atom/1.xml",
            "sections/city/archive/rss/1.xml"
        ])
    );
    let feeds = dir.join("feeds");
    let (ids, _, _) = read_atom(&feeds.join("archive/atom/2.xml"));
    assert_eq!(ids[0], id(7), "newest updated first within the page");
    assert!(
        fs::read_to_string(feeds.join("archive/atom/2.xml"))
            .expect("page")
            .contains("Story 7, revised")
    );
    let (ids, _, _) = read_atom(&feeds.join("atom.xml"));
    assert_eq!(ids[0], id(7), "the edit is news in the subscription feed");
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

#[test]
fn a_changed_configuration_makes_every_page_again() {
    let work = site();
    let dir = work.path();
    build(dir);
    // The site's title is in every page, though it ranks no article.
    fs::write(
        dir.join("feedpub.toml"),
        format!("{CONFIG}title = \"The Evening Paper\"\n"),
    )
    .expect("config");
    let written = build(dir);
    let pages = written.iter().filter(|f| f.contains("archive/")).count();
    // 23 articles: 4 full pages of 5 in the main feed; 3 of 4 in `city`
    // (12 articles) and 2 in `world` (11); each page in RSS and Atom.
    assert_eq!(pages, 2 * (4 + 3 + 2), "{written:?}");
    let feeds = dir.join("feeds");
    let page = fs::read_to_string(feeds.join("archive/rss/1.xml")).expect("page");
    assert!(page.contains("<title>The Evening Paper</title>"), "{page}");
    // What the rerun left is what a build from nothing writes.
    let rerun = snapshot(&feeds);
    fs::remove_dir_all(&feeds).expect("remove");
    let out = common::feedpub(dir, &["build", "--no-cache"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(snapshot(&feeds), rerun);
}

#[test]
fn pages_are_trusted_until_checked_or_rebuilt_without_the_cache() {
    let work = site();
    let dir = work.path();
    build(dir);
    let page = dir.join("feeds/archive/rss/1.xml");
    let good = fs::read(&page).expect("page");
    let mut tampered = good.clone();
    tampered.extend_from_slice(b"<!-- changed by hand -->\n");
    fs::write(&page, &tampered).expect("tamper");
    // A usual rerun does not read the page again (that is what keeps a
    // rerun of a long history cheap).
    build(dir);
    assert_eq!(fs::read(&page).expect("page"), tampered);
    // `--check` makes every page and compares.
    let check = common::feedpub(dir, &["build", "--check"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&check.stderr).contains("archive/rss/1.xml"));
    // Without the cache every page is made again.
    let out = common::feedpub(dir, &["build", "--no-cache"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(fs::read(&page).expect("page"), good);
    // A page deleted by hand is made again.
    fs::remove_file(&page).expect("remove");
    assert!(build(dir).contains("archive/rss/1.xml"));
}

#[test]
fn pages_no_longer_written_are_reported_then_pruned() {
    let work = site();
    let dir = work.path();
    build(dir);
    // Bigger pages: pages 4 of the main feed is no longer written.
    fs::write(
        dir.join("feedpub.toml"),
        CONFIG.replace("archive_page_size = 5", "archive_page_size = 6"),
    )
    .expect("config");
    let out = common::feedpub(dir, &["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("feeds/archive/atom/4.xml") && stderr.contains("stale-feed"),
        "{stderr}"
    );
    assert!(
        dir.join("feeds/archive/atom/4.xml").exists(),
        "kept until pruned"
    );
    let out = common::feedpub(dir, &["build", "--prune"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(!dir.join("feeds/archive/atom/4.xml").exists());
    assert!(dir.join("feeds/archive/atom/3.xml").exists());
}
