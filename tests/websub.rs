//! WebSub pings, end to end: the real binary builds the feeds with
//! `--ping` (or `ping = true`) against real HTTP servers on 127.0.0.1
//! (`common::hub`), which record what they get.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::hub::{self, Answer, Hub, Request};

/// A copy of the feed-set case's articles (sections, tags of several
/// scripts, a `[[feeds]]` feed) with these hubs, in a temporary folder.
fn site(hubs: &[String], extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd/feed-set.in");
    common::copy_dir(&from, dir.path());
    let config = dir.path().join("feedpub.toml");
    let text = fs::read_to_string(&config).expect("readable");
    let listed: Vec<String> = hubs.iter().map(|h| format!("\"{h}\"")).collect();
    let head = format!("hubs = [{}]\n{extra}", listed.join(", "));
    fs::write(&config, format!("{head}{text}")).expect("writable");
    dir
}

/// The smallest site: one article, one feed file (`rss.xml`), so that a
/// build changes exactly one feed file.
fn one_feed_site(hubs: &[String], extra: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let listed: Vec<String> = hubs.iter().map(|h| format!("\"{h}\"")).collect();
    fs::write(
        dir.path().join("feedpub.toml"),
        format!(
            "base_url = \"https://news.example.org/\"\nformats = [\"rss\"]\nhubs = [{}]\n{extra}",
            listed.join(", ")
        ),
    )
    .expect("writable");
    fs::create_dir(dir.path().join("articles")).expect("mkdir");
    fs::write(
        dir.path().join("articles/night.txt"),
        "Museum night draws record crowds\n\nThousands queued.\n\nBody.\n\nUpdated: August 06, 2024, 11:00 PM\n",
    )
    .expect("writable");
    dir
}

/// Every feed file under `feeds/` (not the subscription list) and its
/// bytes.
fn feed_files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    common::walk(&dir.join("feeds"))
        .into_iter()
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| ["rss.xml", "atom.xml", "feed.json"].contains(&n))
        })
        .map(|p| {
            let bytes = fs::read(&p).expect("readable");
            (p, bytes)
        })
        .collect()
}

/// A feed file's self URL, as its own bytes say: RSS `atom:link
/// rel="self"`, Atom `link rel="self"`, JSON Feed `feed_url`.
fn self_url(path: &Path, bytes: &[u8]) -> String {
    match path.file_name().and_then(|n| n.to_str()) {
        Some("rss.xml") => {
            let channel = rss::Channel::read_from(bytes).expect("RSS");
            let links = channel.atom_ext.expect("atom:link").links;
            links
                .into_iter()
                .find(|l| l.rel == "self")
                .expect("a self link")
                .href
        }
        Some("atom.xml") => {
            let feed = atom_syndication::Feed::read_from(bytes).expect("Atom");
            feed.links
                .into_iter()
                .find(|l| l.rel == "self")
                .expect("a self link")
                .href
        }
        _ => {
            let value: serde_json::Value = serde_json::from_slice(bytes).expect("JSON");
            value["feed_url"].as_str().expect("feed_url").to_owned()
        }
    }
}

/// The self URLs of the feed files whose bytes differ between two
/// snapshots (or are new).
fn changed_urls(
    before: &BTreeMap<PathBuf, Vec<u8>>,
    after: &BTreeMap<PathBuf, Vec<u8>>,
) -> BTreeSet<String> {
    after
        .iter()
        .filter(|(path, bytes)| before.get(*path) != Some(*bytes))
        .map(|(path, bytes)| self_url(path, bytes))
        .collect()
}

/// Checks that each request is a WebSub publish ping, as a form POST to
/// the hub's path, and returns the `hub.url` of each.
fn pinged(requests: &[Request]) -> Vec<String> {
    requests
        .iter()
        .map(|r| {
            assert_eq!(r.method, "POST", "{r:?}");
            assert_eq!(r.target, "/hub", "{r:?}");
            assert_eq!(
                r.header("content-type"),
                Some("application/x-www-form-urlencoded"),
                "{r:?}"
            );
            let form = r.form();
            assert_eq!(form.len(), 2, "{r:?}");
            assert_eq!(form[0], ("hub.mode".to_owned(), "publish".to_owned()));
            assert_eq!(form[1].0, "hub.url");
            // Form-encoded as it must be: reserved characters escaped.
            let encoded: String =
                url::form_urlencoded::byte_serialize(form[1].1.as_bytes()).collect();
            assert_eq!(
                r.body,
                format!("hub.mode=publish&hub.url={encoded}"),
                "{r:?}"
            );
            form[1].1.clone()
        })
        .collect()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Each hub gets one POST per feed file the build changed, naming the
/// file's self URL: every file on the first build, none on a rerun with
/// nothing changed, and after an edit only those whose bytes changed. A
/// plain run says nothing about pings that worked; `-v` lists them.
#[test]
fn pings_every_changed_feed_file_once_per_hub() {
    let (a, b) = (
        Hub::start(Answer::Status(204)),
        Hub::start(Answer::Status(202)),
    );
    let dir = site(&[a.url(), b.url()], "");
    let work = dir.path();

    let output = common::feedpub(work, &["build", "--ping"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(!stderr(&output).contains("hub"), "{}", stderr(&output));
    let first = feed_files(work);
    let every: BTreeSet<String> = changed_urls(&BTreeMap::new(), &first);
    // Several feeds of the set, each in three formats, non-ASCII tag
    // folders among them.
    assert!(every.len() > 20, "{every:?}");
    assert!(
        every
            .iter()
            .any(|u| u.contains("/tags/%E7%B5%8C%E6%B8%88/")),
        "{every:?}"
    );
    for hub in [&a, &b] {
        let urls = pinged(&hub.take());
        let distinct: BTreeSet<String> = urls.iter().cloned().collect();
        assert_eq!(urls.len(), distinct.len(), "one POST per file: {urls:?}");
        assert_eq!(distinct, every);
    }

    // Nothing changed: no file rewritten, nobody pinged.
    let output = common::feedpub(work, &["build", "--ping"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(feed_files(work), first);
    assert_eq!(a.take(), []);
    assert_eq!(b.take(), []);

    // One article edited: only the files of the feeds it is in.
    let article = work.join("articles/world/oil-prices.txt");
    let text = fs::read_to_string(&article).expect("readable");
    fs::write(
        &article,
        text.replace(
            "Body paragraph about oil prices.",
            "Body paragraph, corrected.",
        ),
    )
    .expect("writable");
    let output = common::feedpub(work, &["build", "--ping", "-v"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let second = feed_files(work);
    let changed = changed_urls(&first, &second);
    assert!(
        !changed.is_empty() && changed.len() < every.len(),
        "{changed:?}"
    );
    for hub in [&a, &b] {
        let urls = pinged(&hub.take());
        assert_eq!(urls.len(), changed.len(), "{urls:?}");
        assert_eq!(urls.into_iter().collect::<BTreeSet<_>>(), changed);
        // `-v` names each ping made.
        for url in &changed {
            let line = format!("feedpub: pinged `{}` about `{url}` (", hub.url());
            assert!(
                stderr(&output).contains(&line),
                "{line}\n{}",
                stderr(&output)
            );
        }
    }
}

/// `ping = true` in the config pings without the flag; `--check` never
/// pings, whether the feeds are up to date or not.
#[test]
fn ping_from_the_config_and_never_under_check() {
    let hub = Hub::start(Answer::Status(204));
    let dir = one_feed_site(&[hub.url()], "ping = true\n");
    let work = dir.path();
    let output = common::feedpub(work, &["build", "--check", "--ping"]);
    assert_eq!(output.status.code(), Some(1), "stale: {}", stderr(&output));
    let output = common::feedpub(work, &["build"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        pinged(&hub.take()),
        ["https://news.example.org/feeds/rss.xml"]
    );
    let output = common::feedpub(work, &["build", "--check", "--ping"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(hub.take(), []);
}

/// A bad article fails the run (exit 1), but the others are published,
/// and the hubs are told.
#[test]
fn pings_after_a_run_with_a_bad_article() {
    let hub = Hub::start(Answer::Status(204));
    let dir = one_feed_site(&[hub.url()], "");
    let work = dir.path();
    fs::write(
        work.join("articles/bad.txt"),
        "Title\n\nUpdated: February 30, 2023\n",
    )
    .expect("writable");
    let output = common::feedpub(work, &["build", "--ping"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(
        pinged(&hub.take()),
        ["https://news.example.org/feeds/rss.xml"]
    );
}

/// Runs a one-feed build with `--ping` against a failing hub: exit 0, the
/// feed in place, and one `hub-ping` warning naming the hub and the feed.
/// Returns the warning's line and the run's wall time.
fn failing_build(hub_url: &str) -> (String, Duration) {
    let dir = one_feed_site(&[hub_url.to_owned()], "");
    let work = dir.path();
    let started = Instant::now();
    let output = common::feedpub(work, &["build", "--ping"]);
    let took = started.elapsed();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(work.join("feeds/rss.xml").is_file(), "the feed is in place");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "{err}");
    let want = format!(
        "feeds/rss.xml: warning[hub-ping]: hub `{hub_url}` was not told that `https://news.example.org/feeds/rss.xml` changed: "
    );
    assert!(lines[0].starts_with(&want), "{err}");
    (lines[0].to_owned(), took)
}

/// A hub answering 500 is tried three times, then warned about.
#[test]
fn hub_answering_500_is_retried_then_warned_about() {
    let hub = Hub::start(Answer::Status(500));
    let (warning, _) = failing_build(&hub.url());
    assert!(
        warning.contains("it answered `500` (3 attempts)"),
        "{warning}"
    );
    let urls = pinged(&hub.take());
    assert_eq!(urls, ["https://news.example.org/feeds/rss.xml"; 3]);
}

/// A 4xx refuses this request: it is not sent again.
#[test]
fn hub_answering_404_is_not_retried() {
    let hub = Hub::start(Answer::Status(404));
    let (warning, _) = failing_build(&hub.url());
    assert!(
        warning.contains("it answered `404` (1 attempt)"),
        "{warning}"
    );
    assert_eq!(hub.take().len(), 1);
}

/// A port nobody listens on: refused on every attempt, then a warning.
#[test]
fn refused_connection_is_warned_about() {
    let url = hub::refusing_url();
    let (warning, _) = failing_build(&url);
    assert!(
        warning.contains("the connection was refused (3 attempts)"),
        "{warning}"
    );
}

/// A hub that takes the request and never answers: each attempt times out,
/// and the build ends, with a warning, within the bound.
#[test]
fn silent_hub_times_out_within_the_bound() {
    let hub = Hub::start(Answer::Silence);
    let (warning, took) = failing_build(&hub.url());
    assert!(
        warning.contains("no answer within 5.0 s (3 attempts)"),
        "{warning}"
    );
    assert_eq!(hub.requests().len(), 3);
    // Three 5-second attempts and 1.5 s of waits (16.5 s), all made
    // within the round's 20-second budget; never forever.
    assert!(took >= Duration::from_secs(15), "{took:?}");
    assert!(took < Duration::from_secs(25), "{took:?}");
}

/// A 5xx is tried again after a wait, and a later 2xx is success: no
/// warning, and `-v` says which attempt it took.
#[test]
fn retried_after_a_503_then_taken() {
    let hub = Hub::start(Answer::Statuses(&[503, 204]));
    let dir = one_feed_site(&[hub.url()], "");
    let output = common::feedpub(dir.path(), &["build", "--ping", "-v"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(!err.contains("warning"), "{err}");
    let line = format!(
        "feedpub: pinged `{}` about `https://news.example.org/feeds/rss.xml` (204, at attempt 2)",
        hub.url()
    );
    assert!(err.contains(&line), "{err}");
    assert_eq!(
        pinged(&hub.take()),
        ["https://news.example.org/feeds/rss.xml"; 2]
    );
}

/// A hub that is down is not sent the rest of a large set's pings once
/// the first have failed: a few warnings name the feeds tried, and one
/// counts the rest, whose first it names.
#[test]
fn a_hub_that_is_down_costs_a_few_lines() {
    let url = hub::refusing_url();
    let dir = site(std::slice::from_ref(&url), "");
    let output = common::feedpub(dir.path(), &["build", "--ping"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    let files = feed_files(dir.path()).len();
    let lines: Vec<&str> = err.lines().filter(|l| l.contains("[hub-ping]")).collect();
    // At most four pings to one hub at a time: those fail, the rest wait
    // for none of them.
    let tried = lines.len() - 1;
    assert!((1..=4).contains(&tried), "{err}");
    let last = lines.last().expect("a summary");
    let summary = " more feed files changed: it had already failed in this build; its subscribers see the change when they next fetch the feed";
    assert!(last.ends_with(summary), "{err}");
    assert!(
        last.contains(&format!("` and {} more feed files", files - tried - 1)),
        "{err}"
    );
    assert!(
        last.contains(&format!(
            "hub `{url}` was not told that `https://news.example.org/feeds/"
        )),
        "{err}"
    );
}

/// However many feeds changed and however slow the hub, a round keeps to
/// its budget: each attempt's time-out is cut to the time left, at most
/// `per_hub` pings go to one hub at a time, and what is not sent in time
/// is reported unsent.
#[test]
fn a_round_keeps_to_its_budget() {
    use feedpub::websub::{self, Outcome, Timing, Topic};
    let hub = Hub::start(Answer::Silence);
    let timing = Timing {
        connect: Duration::from_millis(500),
        attempt: Duration::from_millis(400),
        attempts: 3,
        backoff: Duration::from_millis(100),
        per_hub: 2,
        // Less than the 1.5 s three attempts and their waits would take.
        budget: Duration::from_millis(600),
    };
    let topics: Vec<Topic> = (0..40)
        .map(|n| Topic {
            path: PathBuf::from(format!("feeds/tags/t{n}/rss.xml")),
            url: url::Url::parse(&format!("https://news.example.org/feeds/tags/t{n}/rss.xml"))
                .expect("valid"),
        })
        .collect();
    let hubs = [url::Url::parse(&hub.url()).expect("valid")];
    let started = Instant::now();
    let pings = websub::announce(&hubs, &topics, &timing);
    let took = started.elapsed();
    // Kept to its budget (0.6 s), a round ends in well under a second;
    // without one, 40 pings two at a time, each three attempts of 0.4 s
    // and their waits, would take 30 s. The bound sits between the two,
    // far from both: a bound of 1.2 s failed at 1.5 s on a machine busy
    // with other tests.
    assert!(took < Duration::from_secs(6), "{took:?}");
    assert_eq!(pings.len(), topics.len());
    for (ping, topic) in pings.iter().zip(&topics) {
        assert_eq!(&ping.topic, topic);
    }
    let unanswered = pings
        .iter()
        .filter(|p| matches!(p.outcome, Outcome::Unreachable { .. }))
        .count();
    assert!((1..=2).contains(&unanswered), "{pings:?}");
    assert!(
        pings.iter().all(|p| !matches!(
            p.outcome,
            Outcome::Accepted { .. } | Outcome::Refused { .. }
        )),
        "{pings:?}"
    );
    // Two at a time, each tried twice: the third attempt would end past
    // the budget.
    let requests = hub.requests().len();
    assert!((2..=4).contains(&requests), "{requests}");
    // Warnings: one per ping sent, one for the rest.
    let warnings = websub::warnings(&pings);
    assert_eq!(warnings.len(), unanswered + 1, "{warnings:?}");
}

/// Pinging with no hub to ping is a config error (exit 2), before any
/// work (a bad hub is too: the `bad-hubs` case).
#[test]
fn ping_needs_hubs() {
    let dir = one_feed_site(&[], "");
    let output = common::feedpub(dir.path(), &["build", "--ping"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "feedpub: error: feedpub.toml: pinging is on (`ping` or `--ping`) but there is no hub to ping; expected `hubs = [\"https://...\"]` in the config\n"
    );
    assert!(!dir.path().join("feeds").exists());
}
