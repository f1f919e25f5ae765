//! `index.html` in a real browser: headless Chromium (Debian package
//! `chromium`; CI installs it in `.ci/run`) loads the page of a site from
//! a running `feedpub serve` (which builds it first), and the test checks the DOM it rendered (the feeds' titles,
//! an entry title in Arabic, the autodiscovery links) and keeps
//! screenshots under `target/` (`page-screenshot.png`, 1280 wide, light;
//! `page-screenshot-phone-dark.png`, 390 wide, dark). Without Chromium
//! the test says so and passes.

mod common;

use common::serve::{Served, serve_in};

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The browser's binary, as Debian names it.
const CHROMIUM: &str = "chromium";

/// How long one browser run may take before it is stopped.
const BROWSER_TIMEOUT: Duration = Duration::from_secs(90);

const ARABIC_TITLE: &str = "مهرجان التراث يعود إلى الميناء";

/// A small site: two sections, a tag feed, a `[[feeds]]` feed, an
/// article with an Arabic title and one whose title holds markup.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    fs::write(
        root.join("feedpub.toml"),
        r#"base_url = "https://news.example.com/"
title = "The Harbour Courier"
description = "News from the city and the coast"
language = "en"
timezone = "Asia/Dubai"
tag_date = "2023"
section_feeds = true
tag_feeds = true

[[feeds]]
path = "culture-desk"
title = "Culture desk"
description = "Festivals, museums and books"
tags = ["Heritage"]
"#,
    )
    .expect("config");
    let articles = root.join("articles");
    for (path, text) in [
        (
            "culture/festival.md",
            format!(
                "---\ntitle: \"{ARABIC_TITLE}\"\ndate: 2024-05-01T10:00:00+04:00\nsummary: \"The heritage festival returns to the old port, with music every night.\"\nauthor: Layla Haddad\ntags: [Heritage]\n---\n\nThe festival returns.\n"
            ),
        ),
        (
            "city/tram.txt",
            "Council approves <tram> extension & new stops\n\nThe line will reach the harbour by 2026.\n\nThe council voted on Tuesday.\n\nUpdated: April 02, 2024, 09:30 AM".to_owned(),
        ),
    ] {
        let file = articles.join(path);
        fs::create_dir_all(file.parent().expect("has a folder")).expect("mkdir");
        fs::write(file, text).expect("article");
    }
    dir
}

/// The page's URL on a running `feedpub serve`: the root of the output
/// folder, as a person following the printed URL opens it. The server's
/// answer is checked first: the page's bytes, as `text/html`.
fn page_url(served: &Served) -> String {
    let url = served.url.clone();
    let mut answer = ureq::get(&url).call().expect("the server answers");
    let kind = answer
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    assert_eq!(kind.as_deref(), Some("text/html; charset=utf-8"));
    let body = answer.body_mut().read_to_vec().expect("a body");
    let page = fs::read(served.out(feedpub::write::page::FILE_NAME)).expect("the page is built");
    assert!(body == page, "the server's page is not the built one");
    url
}

/// Whether the browser is installed.
fn chromium_installed() -> bool {
    Command::new(CHROMIUM)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Runs headless Chromium with `args` then `url`, with a profile of its
/// own, stopping it after [`BROWSER_TIMEOUT`].
fn chromium(profile: &Path, args: &[&str], url: &str) -> Output {
    let mut child = Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    // Read the pipes on threads, so that a full pipe never stalls it.
    let mut stdout = child.stdout.take().expect("piped");
    let mut stderr = child.stderr.take().expect("piped");
    let out = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut bytes).map(|_| bytes)
    });
    let err = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut stderr, &mut bytes).map(|_| bytes)
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("waits") {
            break status;
        }
        if started.elapsed() > BROWSER_TIMEOUT {
            child.kill().expect("stops");
            panic!("chromium did not finish within {BROWSER_TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    Output {
        status,
        stdout: out.join().expect("reader").expect("stdout"),
        stderr: err.join().expect("reader").expect("stderr"),
    }
}

/// The folder cargo builds into (`target/`, or `CARGO_TARGET_DIR`).
fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("the tmp folder is in the target folder")
        .to_path_buf()
}

/// A PNG's width and height, from its header.
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let header = bytes.get(..24)?;
    if !header.starts_with(b"\x89PNG\r\n\x1a\n") || header.get(12..16)? != b"IHDR" {
        return None;
    }
    let number = |at: usize| Some(u32::from_be_bytes(header.get(at..at + 4)?.try_into().ok()?));
    Some((number(16)?, number(20)?))
}

/// Takes a screenshot of `url` at `width` x 1600 into `path`, and checks
/// it is a real picture of that size.
fn screenshot(profile: &Path, url: &str, width: u32, extra: &[&str], path: &Path) {
    let _ = fs::remove_file(path);
    let shot = format!("--screenshot={}", path.display());
    let size = format!("--window-size={width},1600");
    let mut args = vec![shot.as_str(), size.as_str()];
    args.extend_from_slice(extra);
    let run = chromium(profile, &args, url);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let bytes = fs::read(path).expect("chromium wrote the screenshot");
    assert_eq!(png_size(&bytes), Some((width, 1600)), "{}", path.display());
    // A blank page compresses to a few hundred bytes; text takes far more.
    assert!(
        bytes.len() > 20_000,
        "{} has {} bytes",
        path.display(),
        bytes.len()
    );
}

#[test]
fn chromium_renders_the_page() {
    if !chromium_installed() {
        println!("page_browser: skipped: chromium is not installed (Debian package chromium)");
        return;
    }
    let started = Instant::now();
    let served = serve_in(site(), &[]);
    let url = page_url(&served);
    let profile = tempfile::tempdir().expect("temp dir");

    let dom = chromium(profile.path(), &["--dump-dom"], &url);
    assert!(
        dom.status.success(),
        "{}",
        String::from_utf8_lossy(&dom.stderr)
    );
    let dom = String::from_utf8(dom.stdout).expect("the DOM is UTF-8");
    let dumped = started.elapsed();
    for want in [
        "<h1>The Harbour Courier</h1>",
        "<h4>Culture desk</h4>",
        "<h4>The Harbour Courier: culture</h4>",
        "<h4>The Harbour Courier: Heritage</h4>",
        ARABIC_TITLE,
        // Markup in a title is text in the browser too.
        "Council approves &lt;tram&gt; extension &amp; new stops",
        r#"<link rel="alternate" type="application/rss+xml" title="The Harbour Courier" href="https://news.example.com/feeds/rss.xml">"#,
        r#"<link rel="alternate" type="application/atom+xml" title="The Harbour Courier" href="https://news.example.com/feeds/atom.xml">"#,
        r#"<link rel="alternate" type="application/feed+json" title="The Harbour Courier" href="https://news.example.com/feeds/feed.json">"#,
        r#"value="https://news.example.com/feeds/culture-desk/atom.xml" readonly"#,
    ] {
        assert!(dom.contains(want), "the rendered DOM lacks {want}:\n{dom}");
    }
    assert!(
        !dom.contains("<tram>"),
        "markup in a title became an element"
    );

    let target = target_dir();
    screenshot(
        profile.path(),
        &url,
        1280,
        &[],
        &target.join("page-screenshot.png"),
    );
    screenshot(
        profile.path(),
        &url,
        390,
        &["--force-dark-mode"],
        &target.join("page-screenshot-phone-dark.png"),
    );
    println!(
        "page_browser: DOM checked in {:.1} s, screenshots in {:.1} s more, kept in {}",
        dumped.as_secs_f64(),
        (started.elapsed() - dumped).as_secs_f64(),
        target.display()
    );
}
