//! `feedpub init` through the real binary: the files it writes, the site
//! they make building cleanly, files kept on a second run, and bad flags.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{feedpub, walk};

/// The files of `dir`, relative to it.
fn files(dir: &Path) -> Vec<PathBuf> {
    walk(dir)
        .into_iter()
        .map(|p| p.strip_prefix(dir).expect("under dir").to_path_buf())
        .collect()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Sorted as [`walk`] sorts them; `.gitignore` first.
const STARTING_FILES: [&str; 4] = [
    ".gitignore",
    "articles/night-ferry-returns.txt",
    "articles/writing-articles.md",
    "feedpub.toml",
];

#[test]
fn init_writes_the_starting_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = feedpub(dir.path(), &["init"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let want: Vec<PathBuf> = STARTING_FILES.iter().map(PathBuf::from).collect();
    assert_eq!(files(dir.path()), want);
    let err = stderr(&out);
    for file in STARTING_FILES {
        assert!(err.contains(&format!("wrote `{file}`")), "{err}");
    }
    // No --base-url: the placeholder, and a word about changing it.
    let config = fs::read_to_string(dir.path().join("feedpub.toml")).expect("config");
    assert!(
        config.contains("base_url = \"https://example.com/\""),
        "{config}"
    );
    assert!(config.contains("CHANGE THIS"), "{config}");
    assert!(err.contains("no --base-url"), "{err}");
    let ignore = fs::read_to_string(dir.path().join(".gitignore")).expect("gitignore");
    assert!(ignore.lines().any(|l| l == ".feedpub/"), "{ignore}");
    // The plain-text sample ends on its date line, as scraped articles do.
    let text =
        fs::read_to_string(dir.path().join("articles/night-ferry-returns.txt")).expect("sample");
    assert!(!text.ends_with('\n'));
    assert!(
        text.lines()
            .last()
            .unwrap_or_default()
            .starts_with("Updated: "),
        "{text}"
    );
}

#[test]
fn the_new_site_builds_valid_feeds_without_a_warning() {
    let cases: &[&[&str]] = &[
        // No flag at all: the placeholder URL must build too.
        &["init", "site"],
        // Every flag, with a title TOML must escape.
        &[
            "init",
            "site",
            "--base-url",
            "https://news.example.org/local",
            "--title",
            "The \"Bay\" Courier \\ news",
            "--timezone",
            "Asia/Dubai",
        ],
    ];
    for args in cases {
        let root = tempfile::tempdir().expect("temp dir");
        let out = feedpub(root.path(), args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        let site = root.path().join("site");
        let build = feedpub(&site, &["build"]);
        assert_eq!(build.status.code(), Some(0), "{args:?}: {}", stderr(&build));
        assert_eq!(stderr(&build), "", "{args:?}: a warning");
        let feeds = site.join("feeds");
        for name in ["rss.xml", "atom.xml", "feed.json", "index.opml"] {
            let path = feeds.join(name);
            let bytes = fs::read(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
            let mut problems = common::check_valid(Path::new(name), &bytes);
            problems.extend(common::check_feed_file(Path::new(name), &bytes));
            assert!(problems.is_empty(), "{args:?}: {problems:#?}");
        }
        // Both samples are entries, read as the formats mean them.
        let rss = fs::read(feeds.join("rss.xml")).expect("rss");
        let entries = common::rss_entries(&rss).expect("readable");
        let titles: Vec<&str> = entries.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Night ferry service returns to the bay",
                "How to write an article for this site"
            ],
            "{args:?}"
        );
        if args.contains(&"--title") {
            let atom = fs::read_to_string(feeds.join("atom.xml")).expect("atom");
            assert!(
                atom.contains("<title>The \"Bay\" Courier \\ news</title>")
                    || atom.contains("<title>The &quot;Bay&quot; Courier \\ news</title>"),
                "{atom}"
            );
            assert!(atom.contains("https://news.example.org/local/"), "{atom}");
        }
    }
}

#[test]
fn init_never_overwrites() {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = feedpub(dir.path(), &["init"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    // An edited file, and one removed to be written again.
    let config = dir.path().join("feedpub.toml");
    fs::write(&config, "base_url = \"https://mine.example/\"\n").expect("edit");
    fs::remove_file(dir.path().join(".gitignore")).expect("remove");
    let before: Vec<(PathBuf, Vec<u8>)> = walk(dir.path())
        .into_iter()
        .map(|p| {
            let bytes = fs::read(&p).expect("readable");
            (p, bytes)
        })
        .collect();
    let second = feedpub(
        dir.path(),
        &["init", "--base-url", "https://other.example/"],
    );
    assert_eq!(second.status.code(), Some(0), "{}", stderr(&second));
    for (path, bytes) in &before {
        assert_eq!(
            &fs::read(path).expect("readable"),
            bytes,
            "{path:?} changed"
        );
    }
    let err = stderr(&second);
    for file in &STARTING_FILES[1..] {
        assert!(err.contains(&format!("kept `{file}`")), "{err}");
    }
    assert!(err.contains("wrote `.gitignore`"), "{err}");
    assert_eq!(err.lines().count(), 4, "{err}");
}

#[test]
fn a_kept_gitignore_without_the_state_folder_gets_a_note() {
    let cases: &[(&str, bool)] = &[
        // A project's own .gitignore, which knows nothing of feedpub.
        ("target/\n", true),
        // One that leaves the state folder out already.
        ("target/\n/.feedpub/\n", false),
    ];
    for (text, note) in cases {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::write(dir.path().join(".gitignore"), text).expect("write");
        let out = feedpub(dir.path(), &["init", "--base-url", "https://mine.example/"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("kept `.gitignore`"), "{err}");
        assert_eq!(
            err.contains("`.gitignore` does not leave out `.feedpub/`"),
            *note,
            "{text:?}: {err}"
        );
        assert_eq!(
            fs::read_to_string(dir.path().join(".gitignore")).expect("readable"),
            *text
        );
    }
}

#[test]
fn samples_stay_out_of_a_folder_of_articles() {
    // An existing site's articles would be published with the samples.
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir(dir.path().join("articles")).expect("mkdir");
    fs::write(
        dir.path().join("articles/mine.md"),
        "---\ntitle: Mine\n---\n",
    )
    .expect("write");
    let out = feedpub(dir.path(), &["init", "--base-url", "https://mine.example/"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let want: Vec<PathBuf> = [".gitignore", "articles/mine.md", "feedpub.toml"]
        .iter()
        .map(PathBuf::from)
        .collect();
    assert_eq!(files(dir.path()), want);
    let err = stderr(&out);
    assert!(
        err.contains("left out the sample `articles/writing-articles.md`"),
        "{err}"
    );
}

#[test]
fn bad_flags_exit_2_and_write_nothing() {
    let cases: &[(&[&str], &str)] = &[
        // No such zone.
        (
            &["--timezone", "Mars/Olympus"],
            "--timezone: unknown time zone `Mars/Olympus`",
        ),
        // Not http(s).
        (
            &["--base-url", "ftp://example.com/"],
            "--base-url: `ftp://example.com/` is not an http(s) URL",
        ),
        // Not a URL at all.
        (
            &["--base-url", "example.com"],
            "--base-url: `example.com` is not a URL",
        ),
        // A query has no place in a folder URL.
        (
            &["--base-url", "https://example.com/?a=1"],
            "--base-url: `https://example.com/?a=1` has a query",
        ),
        // A blank title.
        (&["--title", "  "], "--title: is empty"),
    ];
    for (flags, message) in cases {
        let root = tempfile::tempdir().expect("temp dir");
        let mut args = vec!["init", "site"];
        args.extend_from_slice(flags);
        let out = feedpub(root.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{flags:?}");
        let err = stderr(&out);
        assert!(
            err.starts_with(&format!("feedpub: error: {message}")),
            "{err}"
        );
        assert!(!root.path().join("site").exists(), "{flags:?} wrote");
    }
}

#[test]
fn init_makes_a_missing_folder() {
    let root = tempfile::tempdir().expect("temp dir");
    let out = feedpub(root.path(), &["init", "new/site"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let want: Vec<PathBuf> = STARTING_FILES.iter().map(PathBuf::from).collect();
    assert_eq!(files(&root.path().join("new/site")), want);
    assert!(
        stderr(&out).contains("wrote `new/site/feedpub.toml`"),
        "{}",
        stderr(&out)
    );
}
