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

/// `feeds/` is exactly what a build of `articles/` writes.
#[test]
fn committed_feeds_are_fresh() {
    let out = tempfile::tempdir().expect("temp dir");
    let args = ["build", "--out", out.path().to_str().expect("utf-8 path")];
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
    for name in ["rss.xml", "atom.xml"] {
        let fresh = fs::read(out.path().join(name)).expect("built");
        let committed = fs::read(repo().join("feeds").join(name)).expect("committed");
        assert!(
            fresh == committed,
            "feeds/{name} is stale; run `cargo run --release -- build` and commit it\n{}",
            common::first_difference(&committed, &fresh)
        );
    }
}

/// Same input, same bytes: touching the files, or creating them in another
/// order, changes nothing, and unchanged feeds are not rewritten.
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
    let read = |name: &str| fs::read(feeds.join(name)).expect("built");
    let mtime = |name: &str| {
        fs::metadata(feeds.join(name))
            .and_then(|m| m.modified())
            .expect("mtime")
    };
    let (rss, atom) = (read("rss.xml"), read("atom.xml"));
    let (rss_time, atom_time) = (mtime("rss.xml"), mtime("atom.xml"));

    // Touch every article into the future.
    let later = SystemTime::now() + Duration::from_secs(3600);
    for path in common::walk(&work.path().join("articles")) {
        let file = fs::File::options().write(true).open(&path).expect("open");
        file.set_modified(later).expect("touch");
    }
    std::thread::sleep(Duration::from_millis(20));
    let second = common::feedpub(work.path(), &["build"]);
    assert!(second.status.success());
    assert_eq!(read("rss.xml"), rss);
    assert_eq!(read("atom.xml"), atom);
    assert_eq!(
        mtime("rss.xml"),
        rss_time,
        "an unchanged feed was rewritten"
    );
    assert_eq!(
        mtime("atom.xml"),
        atom_time,
        "an unchanged feed was rewritten"
    );

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
    assert_eq!(
        fs::read(other.path().join("feeds/rss.xml")).expect("built"),
        rss
    );
    assert_eq!(
        fs::read(other.path().join("feeds/atom.xml")).expect("built"),
        atom
    );
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
