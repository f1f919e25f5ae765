//! The committed feeds, determinism, and what other parsers read.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use serde_json::Value;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The published files of an output folder, by path under it. A build
/// writes no dotfile there (its state is in `.feedpub/`), but a working
/// copy built by an older feedpub may still hold one until its next build;
/// they are left out.
fn published(out: &Path) -> BTreeMap<String, Vec<u8>> {
    common::walk(out)
        .into_iter()
        .filter_map(|path| {
            let rel = path.strip_prefix(out).expect("under out");
            let hidden = rel
                .components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
            (!hidden).then(|| {
                let bytes = fs::read(&path).expect("readable");
                (rel.to_string_lossy().replace('\\', "/"), bytes)
            })
        })
        .collect()
}

/// `feeds/` is exactly what a build of `articles/` writes: every file of
/// the feed set, and no other.
#[test]
fn committed_feeds_are_fresh() {
    let out = tempfile::tempdir().expect("temp dir");
    let state = tempfile::tempdir().expect("temp dir");
    // The state goes to a folder of its own, not the repository's `.feedpub/`.
    let args = [
        "build",
        "--out",
        out.path().to_str().expect("utf-8 path"),
        "--state-dir",
        state.path().to_str().expect("utf-8 path"),
    ];
    let run = common::feedpub(repo(), &args);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        run.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let fresh = published(out.path());
    assert_eq!(
        fresh.len(),
        common::walk(out.path()).len(),
        "a build wrote a dotfile into its output folder"
    );
    let committed = published(&repo().join("feeds"));
    assert!(fresh.len() >= 30, "only {} files in the set", fresh.len());
    assert_eq!(
        fresh.keys().collect::<Vec<_>>(),
        committed.keys().collect::<Vec<_>>(),
        "feeds/ does not hold the files a build writes; run `cargo run --release -- build` and commit them"
    );
    for (name, bytes) in &fresh {
        assert!(
            *bytes == committed[name],
            "feeds/{name} is stale; run `cargo run --release -- build` and commit it\n{}",
            common::first_difference(&committed[name], bytes)
        );
    }
}

/// Same input, same bytes: touching the files, or creating them in another
/// order, changes nothing, and unchanged files are not rewritten.
#[test]
fn builds_are_deterministic() {
    let work = tempfile::tempdir().expect("temp dir");
    common::copy_dir(&repo().join("articles"), &work.path().join("articles"));
    fs::copy(
        repo().join("feedpub.toml"),
        work.path().join("feedpub.toml"),
    )
    .expect("copy");
    let first = common::feedpub(work.path(), &["build"]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let feeds = work.path().join("feeds");
    let files = published(&feeds);
    let mtimes = || -> BTreeMap<String, SystemTime> {
        files
            .keys()
            .map(|name| {
                let time = fs::metadata(feeds.join(name))
                    .and_then(|m| m.modified())
                    .expect("mtime");
                (name.clone(), time)
            })
            .collect()
    };
    let times = mtimes();

    // Touch every article into the future.
    let later = SystemTime::now() + Duration::from_secs(3600);
    for path in common::walk(&work.path().join("articles")) {
        let file = fs::File::options().write(true).open(&path).expect("open");
        file.set_modified(later).expect("touch");
    }
    std::thread::sleep(Duration::from_millis(20));
    let second = common::feedpub(work.path(), &["build"]);
    assert!(second.status.success());
    assert!(published(&feeds) == files, "a second build changed the set");
    assert_eq!(mtimes(), times, "an unchanged file was rewritten");

    // The same articles, created in reverse order in another folder.
    let other = tempfile::tempdir().expect("temp dir");
    let mut paths = common::walk(&repo().join("articles"));
    paths.reverse();
    for path in paths {
        let target = other
            .path()
            .join("articles")
            .join(path.strip_prefix(repo().join("articles")).expect("under"));
        fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        fs::copy(&path, target).expect("copy");
    }
    fs::copy(
        repo().join("feedpub.toml"),
        other.path().join("feedpub.toml"),
    )
    .expect("copy");
    let third = common::feedpub(other.path(), &["build"]);
    assert!(third.status.success());
    assert!(
        published(&other.path().join("feeds")) == files,
        "files created in another order made another set"
    );
}

/// One entry as feed-rs reads it from any format.
#[derive(Debug, PartialEq, Eq)]
struct Read {
    id: String,
    title: Option<String>,
    link: Option<String>,
    published: Option<i64>,
    updated: Option<i64>,
}

/// Every committed feed, in each of its formats, is read by feed-rs (which
/// reads RSS, Atom and JSON Feed) as the same entries in the same order;
/// an entry has one id in every feed it is in, with the same title and
/// link; each feed's updated time is its newest entry's.
#[test]
fn every_feed_agrees_across_formats_and_feeds() {
    let feeds = repo().join("feeds");
    let files = published(&feeds);
    let mut folders: BTreeMap<String, Vec<(&str, &Vec<u8>)>> = BTreeMap::new();
    for (name, bytes) in &files {
        let (folder, file) = name.rsplit_once('/').unwrap_or(("", name));
        if ["rss.xml", "atom.xml", "feed.json"].contains(&file) {
            folders
                .entry(folder.to_owned())
                .or_default()
                .push((file, bytes));
        }
    }
    assert!(folders.len() >= 10, "only {} feeds", folders.len());
    let mut everywhere: BTreeMap<String, (Option<String>, Option<String>)> = BTreeMap::new();
    let mut in_several = 0;
    for (folder, formats) in &folders {
        let mut reference: Option<(&str, Vec<Read>)> = None;
        for (file, bytes) in formats {
            let feed = feed_rs::parser::parse(&bytes[..])
                .unwrap_or_else(|e| panic!("feed-rs cannot read {folder}/{file}: {e}"));
            let entries: Vec<Read> = feed
                .entries
                .iter()
                .map(|e| Read {
                    id: e.id.clone(),
                    title: e.title.as_ref().map(|t| t.content.clone()),
                    link: e.links.first().map(|l| l.href.clone()),
                    published: e.published.map(|d| d.timestamp()),
                    // RSS has no updated time of an entry.
                    updated: (*file != "rss.xml")
                        .then(|| e.updated.map(|d| d.timestamp()))
                        .flatten(),
                })
                .collect();
            assert!(!entries.is_empty(), "{folder}/{file} has no entry");
            // RSS has its lastBuildDate, which feed-rs does not read as the
            // feed's updated time, and JSON Feed has none.
            if *file == "atom.xml" {
                let newest = entries.iter().filter_map(|e| e.updated).max();
                assert_eq!(
                    feed.updated.map(|d| d.timestamp()),
                    newest,
                    "{folder}/{file}: the feed's updated time is its newest entry's"
                );
            }
            match &reference {
                None => reference = Some((file, entries)),
                Some((first, seen)) => {
                    assert_eq!(seen.len(), entries.len(), "{folder}: {first} and {file}");
                    for (a, b) in seen.iter().zip(&entries) {
                        assert_eq!(a.id, b.id, "{folder}: {first} and {file} order");
                        assert_eq!(a.title, b.title, "{folder}: {first} and {file}");
                        assert_eq!(a.link, b.link, "{folder}: {first} and {file}");
                        assert_eq!(a.published, b.published, "{folder}: {first} and {file}");
                        if a.updated.is_some() && b.updated.is_some() {
                            assert_eq!(a.updated, b.updated, "{folder}: {first} and {file}");
                        }
                    }
                }
            }
        }
        let (_, entries) = reference.expect("a format");
        for e in entries {
            match everywhere.get(&e.id) {
                Some(seen) => {
                    in_several += 1;
                    assert_eq!(
                        seen,
                        &(e.title.clone(), e.link.clone()),
                        "{} in {folder}",
                        e.id
                    );
                }
                None => {
                    everywhere.insert(e.id.clone(), (e.title.clone(), e.link.clone()));
                }
            }
        }
    }
    assert!(in_several > 10, "entries in several feeds: {in_several}");
}

/// What `inspect --json` says of each sample article, by id.
fn inspected() -> BTreeMap<String, Value> {
    let run = common::feedpub(repo(), &["inspect", "--json", "articles"]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    String::from_utf8(run.stdout)
        .expect("utf-8")
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).expect("json"))
        .filter(|v| v["status"] == "ok")
        .map(|v| (v["id"].as_str().expect("id").to_owned(), v))
        .collect()
}

fn instant(value: &Value) -> i64 {
    chrono::DateTime::parse_from_rfc3339(value.as_str().expect("a date"))
        .expect("rfc 3339")
        .timestamp()
}

/// Each parser reads, for every entry, the title, link, id, published
/// instant and summary that `inspect` reports for the article.
#[test]
fn parsers_read_what_inspect_says() {
    let articles = inspected();
    assert!(
        articles.len() >= 10,
        "only {} sample articles",
        articles.len()
    );
    let rss = fs::read(repo().join("feeds/rss.xml")).expect("committed");
    let atom = fs::read(repo().join("feeds/atom.xml")).expect("committed");
    let readings = [
        ("rss crate", common::rss_entries(&rss)),
        ("atom_syndication", common::atom_entries(&atom)),
        ("feed-rs on RSS", common::feed_rs_entries(&rss)),
        ("feed-rs on Atom", common::feed_rs_entries(&atom)),
    ];
    for (parser, entries) in readings {
        let entries = entries.unwrap_or_else(|e| panic!("{parser}: {e}"));
        assert_eq!(
            entries.len(),
            articles.len(),
            "{parser}: every sample article is in the feed"
        );
        for entry in entries {
            let article = &articles[&entry.id];
            assert_eq!(entry.title, article["title"], "{parser}");
            assert_eq!(entry.link, article["link"], "{parser}");
            assert_eq!(entry.published, instant(&article["published"]), "{parser}");
            assert_eq!(
                entry.summary.as_deref(),
                article["summary"].as_str(),
                "{parser}"
            );
        }
    }
    // Atom's updated is the article's updated.
    let feed = atom_syndication::Feed::read_from(&atom[..]).expect("atom");
    for entry in feed.entries {
        assert_eq!(
            entry.updated.timestamp(),
            instant(&articles[&entry.id]["updated"])
        );
    }
    let feed = feed_rs::parser::parse(&atom[..]).expect("atom");
    for entry in feed.entries {
        let updated = entry.updated.expect("feed-rs reads updated").timestamp();
        assert_eq!(updated, instant(&articles[&entry.id]["updated"]), "feed-rs");
    }
}

/// An edit rewrites only the files of the feeds the article is in (the
/// main feed and its archive page, its section, its tags, the `[[feeds]]`
/// it matches); every other file of the set keeps its bytes and its
/// modification time.
#[test]
fn an_edit_rewrites_only_the_feeds_it_is_in() {
    let work = tempfile::tempdir().expect("temp dir");
    common::copy_dir(&repo().join("articles"), &work.path().join("articles"));
    fs::copy(
        repo().join("feedpub.toml"),
        work.path().join("feedpub.toml"),
    )
    .expect("copy");
    let first = common::feedpub(work.path(), &["build"]);
    assert!(first.status.success());
    let feeds = work.path().join("feeds");
    let mtime = |name: &str| {
        fs::metadata(feeds.join(name))
            .and_then(|m| m.modified())
            .expect("mtime")
    };
    let before = published(&feeds);
    let times: BTreeMap<String, SystemTime> = before
        .keys()
        .map(|name| (name.clone(), mtime(name)))
        .collect();
    std::thread::sleep(Duration::from_millis(20));
    // A new headline for an article in `environment`, tagged Energy and
    // climate, which the `climate` feed takes.
    let article = work
        .path()
        .join("articles/environment/grid-holds-in-heatwave.txt");
    let text = fs::read_to_string(&article).expect("readable");
    let (_, rest) = text.split_once('\n').expect("a title line");
    fs::write(
        &article,
        format!("Grid holds firm in record heatwave\n{rest}"),
    )
    .expect("writable");
    let second = common::feedpub(work.path(), &["build"]);
    assert!(second.status.success());
    let after = published(&feeds);
    let changed: Vec<&String> = after
        .iter()
        .filter(|(name, bytes)| before.get(*name) != Some(*bytes))
        .map(|(name, _)| name)
        .collect();
    let folders: std::collections::BTreeSet<&str> = changed
        .iter()
        .map(|name| name.rsplit_once('/').map_or("", |(folder, _)| folder))
        .collect();
    assert_eq!(
        folders.into_iter().collect::<Vec<_>>(),
        [
            "",
            "archive/atom",
            "archive/rss",
            "climate",
            "sections/environment",
            "tags/climate",
            "tags/energy"
        ]
    );
    // Of the main feed's archive pages, only the article's own page, in
    // each format.
    let pages: Vec<&str> = changed
        .iter()
        .filter(|name| name.starts_with("archive/"))
        .map(|name| name.rsplit('/').next().unwrap_or_default())
        .collect();
    assert_eq!(pages.len(), 2, "{changed:?}");
    assert_eq!(pages[0], pages[1], "{changed:?}");
    for (name, time) in &times {
        if !changed.contains(&name) {
            assert_eq!(mtime(name), *time, "{name} was rewritten unchanged");
        }
    }
}
