//! Where builds keep their state, through the real binary: the rank
//! cache, the archive pages' fingerprints and the lock are in the state
//! folder (`.feedpub/<output folder>-<hash>/`), never in the output
//! folder; each output folder has its own; the state files an older
//! feedpub left in the output folder go on the first build; `--check`
//! writes nothing.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, SystemTime};

use feedpub::build::{cache::CACHE_FILE, pages::STATE_FILE};
use feedpub::publish::LOCK_FILE;
use feedpub::state::{DEFAULT_DIR, LEGACY_FILES};

const CONFIG: &str = "base_url = \"https://news.example.com/\"\ntag_date = \"2023\"\nlimit = 3\narchive = true\narchive_page_size = 4\n";

/// A site of twelve Markdown articles, modified an hour ago (so that the
/// rank cache trusts them: a file changed in the second the cache was
/// written is read again).
fn site() -> tempfile::TempDir {
    let work = tempfile::tempdir().expect("temp dir");
    let dir = work.path();
    fs::write(dir.join("feedpub.toml"), CONFIG).expect("config");
    let articles = dir.join("articles");
    fs::create_dir(&articles).expect("folder");
    let past = SystemTime::now() - Duration::from_secs(3600);
    for day in 1..=12 {
        let path = articles.join(format!("a{day:02}.md"));
        fs::write(
            &path,
            format!("---\ntitle: Story {day}\ndate: 2024-01-{day:02}T08:00:00Z\n---\nThe text of story {day}.\n"),
        )
        .expect("article");
        let file = fs::File::options().write(true).open(&path).expect("open");
        file.set_modified(past).expect("touch");
    }
    work
}

fn run(dir: &Path, args: &[&str]) -> Output {
    common::feedpub(dir, args)
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs a build that must succeed.
fn build(dir: &Path, args: &[&str]) -> Output {
    let output = run(dir, args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    output
}

/// The files under `dir` whose path has a part starting with a dot.
fn dotfiles(dir: &Path) -> Vec<PathBuf> {
    common::walk(dir)
        .into_iter()
        .filter(|path| {
            path.strip_prefix(dir)
                .expect("under dir")
                .components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
        })
        .collect()
}

/// The folders directly under `dir`, by name.
fn folders(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Every file under `dir` with its bytes and modification time.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    common::walk(dir)
        .into_iter()
        .map(|path| {
            let bytes = fs::read(&path).expect("readable");
            let time = fs::metadata(&path)
                .and_then(|m| m.modified())
                .expect("mtime");
            (path, (bytes, time))
        })
        .collect()
}

/// The output folder holds only the feeds; the cache, the pages'
/// fingerprints and the lock are in the state folder, and a rerun reads
/// them there: a page changed by hand is not made again while the cache
/// and the fingerprints say it is as last written, and is once they are
/// gone.
#[test]
fn state_is_kept_beside_the_config_not_with_the_feeds() {
    let work = site();
    let dir = work.path();
    build(dir, &["build"]);
    let out = dir.join("feeds");
    assert!(out.join("rss.xml").is_file());
    assert!(out.join("archive/rss/1.xml").is_file());
    assert_eq!(dotfiles(&out), Vec::<PathBuf>::new());
    let state = common::state_of(dir, "feeds");
    for name in [CACHE_FILE, STATE_FILE, LOCK_FILE] {
        assert!(state.join(name).is_file(), "no {name} in {state:?}");
    }
    let name = state.file_name().expect("named").to_string_lossy();
    assert_eq!(folders(&dir.join(DEFAULT_DIR)), [name.into_owned()]);

    let page = out.join("archive/rss/1.xml");
    let good = fs::read(&page).expect("page");
    let mut tampered = good.clone();
    tampered.extend_from_slice(b"<!-- changed by hand -->\n");
    fs::write(&page, &tampered).expect("tamper");
    build(dir, &["build"]);
    assert_eq!(
        fs::read(&page).expect("page"),
        tampered,
        "the rerun did not use the state"
    );
    fs::remove_dir_all(&state).expect("removable");
    build(dir, &["build"]);
    assert_eq!(fs::read(&page).expect("page"), good, "made again");
    assert!(state.join(CACHE_FILE).is_file(), "the state is made again");
}

/// One configuration, two output folders: each has its own state, both
/// builds work, and every spelling of an output folder finds its own.
#[test]
fn each_output_folder_has_its_own_state() {
    let work = site();
    let dir = work.path();
    build(dir, &["build", "--out", "a"]);
    build(dir, &["build", "--out", "b", "--limit", "2"]);
    let (a, b) = (common::state_of(dir, "a"), common::state_of(dir, "b"));
    assert_ne!(a, b);
    for state in [&a, &b] {
        for name in [CACHE_FILE, STATE_FILE, LOCK_FILE] {
            assert!(state.join(name).is_file(), "no {name} in {state:?}");
        }
    }
    for out in ["a", "b"] {
        assert!(dir.join(out).join("rss.xml").is_file());
        assert_eq!(dotfiles(&dir.join(out)), Vec::<PathBuf>::new());
    }
    // Other spellings of `a`: the same state folder, so the same lock.
    let absolute = dir.join("a");
    for spelling in ["./a", "a/", "b/../a", absolute.to_str().expect("utf-8")] {
        build(dir, &["build", "--out", spelling]);
    }
    build(dir, &["build", "--out", "a", "--state-dir", "./.feedpub/"]);
    assert_eq!(folders(&dir.join(DEFAULT_DIR)).len(), 2);
    // Builds to both at once, each twice: neither waits on the other's
    // lock, and all succeed.
    let children: Vec<_> = ["a", "b", "a", "b"]
        .iter()
        .map(|out| {
            std::process::Command::new(env!("CARGO_BIN_EXE_feedpub"))
                .args(["build", "--out", out])
                .current_dir(dir)
                .env_clear()
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("starts")
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().expect("waits");
        assert!(output.status.success(), "{}", stderr(&output));
    }
    assert_eq!(folders(&dir.join(DEFAULT_DIR)).len(), 2);
}

/// `state_dir` in the config is relative to the config's folder;
/// `--state-dir` to the current folder.
#[test]
fn state_dir_moves_the_state() {
    let work = site();
    let dir = work.path();
    fs::write(
        dir.join("feedpub.toml"),
        format!("{CONFIG}state_dir = \"var/feedpub\"\n"),
    )
    .expect("config");
    build(dir, &["build"]);
    let state = feedpub::state::folder(&dir.join("var/feedpub"), &dir.join("feeds"), dir);
    assert!(state.join(CACHE_FILE).is_file(), "{state:?}");
    assert!(!dir.join(DEFAULT_DIR).exists());
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let flag = elsewhere.path().join("state");
    build(
        dir,
        &["build", "--state-dir", flag.to_str().expect("utf-8")],
    );
    let state = feedpub::state::folder(&flag, &dir.join("feeds"), dir);
    assert!(state.join(LOCK_FILE).is_file(), "{state:?}");
    assert_eq!(dotfiles(&dir.join("feeds")), Vec::<PathBuf>::new());
}

/// An output folder built by an older feedpub holds its state files; the
/// first build removes them (quietly, or with a line under `-v`; never a
/// warning, so `--strict` passes), and later builds have nothing to say.
#[test]
fn old_state_files_leave_the_output_folder() {
    for args in [&["build"][..], &["build", "--strict", "-v"]] {
        let work = site();
        let dir = work.path();
        let out = dir.join("feeds");
        fs::create_dir(&out).expect("folder");
        for name in LEGACY_FILES {
            fs::write(out.join(name), b"left by an older feedpub").expect("writable");
        }
        // `--check` writes nothing, so removes nothing either.
        let check = run(dir, &["build", "--check"]);
        assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
        assert_eq!(dotfiles(&out).len(), LEGACY_FILES.len());

        let first = build(dir, args);
        let said = stderr(&first);
        assert_eq!(dotfiles(&out), Vec::<PathBuf>::new(), "{args:?}");
        if args.contains(&"-v") {
            let lines: Vec<&str> = said
                .lines()
                .filter(|l| l.contains("removed the old state files"))
                .collect();
            assert_eq!(lines.len(), 1, "{said}");
            for name in LEGACY_FILES {
                assert!(lines[0].contains(&format!("`feeds/{name}`")), "{said}");
            }
            assert!(lines[0].contains(".feedpub/feeds-"), "{said}");
        } else {
            assert_eq!(said, "", "a plain build stays quiet");
        }
        let again = build(dir, &["build", "-v"]);
        assert!(
            !stderr(&again).contains("removed the old state"),
            "{}",
            stderr(&again)
        );
    }
}

/// `build --check` creates no state folder (nor output folder), and
/// leaves an existing one as it was.
#[test]
fn check_writes_no_state() {
    let work = site();
    let dir = work.path();
    let check = run(dir, &["build", "--check"]);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    assert!(!dir.join(DEFAULT_DIR).exists(), "a state folder was made");
    assert!(!dir.join("feeds").exists(), "an output folder was made");

    build(dir, &["build"]);
    let before = snapshot(&dir.join(DEFAULT_DIR));
    std::thread::sleep(Duration::from_millis(20));
    let check = run(dir, &["build", "--check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(
        before == snapshot(&dir.join(DEFAULT_DIR)),
        "the state changed"
    );
}

/// Builds to one output folder at once, through different spellings of
/// it and of the state folder, take turns on one lock: all succeed, the
/// feeds are what one build writes, and no temporary file is left in
/// either folder.
#[test]
fn concurrent_builds_to_one_output_folder_share_a_lock() {
    let work = site();
    let dir = work.path();
    let reference = tempfile::tempdir().expect("temp dir");
    let reference_state = tempfile::tempdir().expect("temp dir");
    build(
        dir,
        &[
            "build",
            "--out",
            reference.path().to_str().expect("utf-8"),
            "--state-dir",
            reference_state.path().to_str().expect("utf-8"),
        ],
    );
    let spellings: [&[&str]; 4] = [
        &["build"],
        &["build", "--out", "./feeds"],
        &["build", "--state-dir", ".feedpub/."],
        &["build", "--out", "feeds/", "--state-dir", "./.feedpub"],
    ];
    let children: Vec<_> = spellings
        .iter()
        .map(|args| {
            std::process::Command::new(env!("CARGO_BIN_EXE_feedpub"))
                .args(*args)
                .current_dir(dir)
                .env_clear()
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("starts")
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().expect("waits");
        assert!(output.status.success(), "{}", stderr(&output));
    }
    assert_eq!(folders(&dir.join(DEFAULT_DIR)).len(), 1);
    for name in ["rss.xml", "atom.xml", "feed.json", "archive/atom/1.xml"] {
        assert_eq!(
            fs::read(dir.join("feeds").join(name)).expect("built"),
            fs::read(reference.path().join(name)).expect("built"),
            "{name}"
        );
    }
    let state = common::state_of(dir, "feeds");
    for folder in [dir.join("feeds"), state] {
        let temporaries: Vec<PathBuf> = common::walk(&folder)
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "tmp"))
            .collect();
        assert!(temporaries.is_empty(), "left over: {temporaries:?}");
    }
}

/// A build that waits for another's turn reads the articles after that
/// build has published, not before: of two overlapping runs, the last to
/// publish has read the newest text. Here the test holds the output
/// folder's lock, the build starts and waits for it (seen in
/// `/proc/locks`), an article changes, and the lock is let go: the feeds
/// hold the change.
#[test]
fn a_build_that_waits_for_its_turn_reads_the_articles_after_it() {
    use std::os::unix::fs::MetadataExt;
    let work = site();
    let dir = work.path();
    build(dir, &["build"]);
    let out = dir.join("feeds");
    let held = fs::File::open(&out).expect("the output folder");
    held.lock().expect("locked");
    let inode = fs::metadata(&out).expect("metadata").ino();
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_feedpub"))
        .arg("build")
        .current_dir(dir)
        .env_clear()
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("starts");
    // A waiter on the folder's lock is a `->` line whose device field,
    // `major:minor:inode`, ends in the folder's inode.
    let waiting = || {
        fs::read_to_string("/proc/locks").is_ok_and(|locks| {
            locks.lines().any(|line| {
                line.contains("->")
                    && line
                        .split_whitespace()
                        .filter(|field| field.contains(':'))
                        .any(|field| field.rsplit(':').next() == Some(&inode.to_string()))
            })
        })
    };
    let since = std::time::Instant::now();
    while !waiting() {
        assert!(
            since.elapsed() < Duration::from_secs(120),
            "the build never waited for the output folder's lock"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    let article = dir.join("articles").join("a12.md");
    fs::write(
        &article,
        "---\ntitle: Story 12, changed while the build waited\ndate: 2024-01-12T08:00:00Z\n---\nThe text of story 12.\n",
    )
    .expect("edited");
    drop(held);
    let output = child.wait_with_output().expect("waits");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let rss = fs::read_to_string(out.join("rss.xml")).expect("built");
    assert!(
        rss.contains("Story 12, changed while the build waited"),
        "the build published what it read before its turn:\n{rss}"
    );
}
