//! `build --format json`: every stdout line is a JSON object, the
//! diagnostics first, then the error that stopped the run if any, then a
//! summary whose counts are the ones `-v` prints; nothing else on stdout.

mod common;

use std::fs;
use std::path::Path;

use serde_json::{Value, json};

/// A site with a good article, a bad one, two drafts and a stale feed file.
fn site(dir: &Path) {
    fs::create_dir_all(dir.join("articles")).expect("mkdir");
    fs::create_dir_all(dir.join("feeds/tags/gone")).expect("mkdir");
    fs::write(
        dir.join("feedpub.toml"),
        "base_url = \"https://example.com/\"\n",
    )
    .expect("config");
    fs::write(
        dir.join("articles/bad.txt"),
        "Ferry returns\n\nThe night ferry runs again.\n\nUpdated: February 30, 2023, 10:37 PM\n",
    )
    .expect("article");
    fs::write(
        dir.join("articles/good.md"),
        "---\ntitle: Good one\ndate: 2024-03-01T10:00:00Z\n---\nBody text here.\n",
    )
    .expect("article");
    for name in ["draft-a", "draft-b"] {
        fs::write(
            dir.join(format!("articles/{name}.md")),
            "---\ntitle: Not yet\ndate: 2024-03-02T10:00:00Z\ndraft: true\n---\nSoon.\n",
        )
        .expect("draft");
    }
    // A feed an earlier build wrote (its generator says so), no longer
    // written.
    fs::write(
        dir.join("feeds/tags/gone/rss.xml"),
        "<rss version=\"2.0\"><channel><generator>feedpub</generator></channel></rss>",
    )
    .expect("stale");
}

/// Each stdout line parsed as JSON; panics on a line that is not.
fn lines(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn diagnostics_then_the_error_then_a_summary_matching_verbose() {
    let dir = tempfile::tempdir().expect("temp dir");
    site(dir.path());
    let run = common::feedpub(dir.path(), &["build", "--format", "json"]);
    assert_eq!(run.status.code(), Some(1));
    let got = lines(&run.stdout);
    assert_eq!(
        got,
        vec![
            json!({"type": "diagnostic", "file": "articles/bad.txt", "severity": "error", "code": "invalid-date", "line": 5, "column": 10, "message": "cannot read date `February 30, 2023, 10:37 PM`: no such day: 2023-02-30"}),
            json!({"type": "diagnostic", "file": "feeds/tags/gone/rss.xml", "severity": "warning", "code": "stale-feed", "line": null, "column": null, "message": "this build no longer writes this feed file, but its subscribers may still fetch it; remove it with `feedpub build --prune`"}),
            json!({"type": "error", "message": "1 problem in the articles", "exit_code": 1}),
            // The three feed formats, index.opml and index.html.
            json!({"type": "summary", "check": false,
                "files": {"written": 5, "unchanged": 0, "pruned": 0, "stale": 1, "out_of_date": 0},
                "articles": {"published": 1, "valid": 1, "rejected": 1, "drafts": 2},
                "diagnostics": {"errors": 1, "warnings": 1, "notes": 0},
                "pings": null, "exit_code": 1}),
        ]
    );
    // The human line still goes to stderr, and only it.
    assert_eq!(
        String::from_utf8_lossy(&run.stderr),
        "feedpub: error: 1 problem in the articles\n"
    );
    // Keys in a stable order, as documented.
    let text = String::from_utf8_lossy(&run.stdout);
    assert!(text.starts_with(
        "{\"type\":\"diagnostic\",\"file\":\"articles/bad.txt\",\"severity\":\"error\",\"code\":"
    ));

    // A second run: everything unchanged; -v's summary says the same counts.
    let again = common::feedpub(dir.path(), &["build", "--format", "json", "-v"]);
    let summary = lines(&again.stdout).pop().expect("a summary");
    assert_eq!(summary["files"]["unchanged"], 5, "{summary}");
    assert_eq!(summary["files"]["written"], 0, "{summary}");
    let human = common::feedpub(dir.path(), &["build", "-v"]);
    let err = String::from_utf8_lossy(&human.stderr);
    let a = &summary["articles"];
    let line = format!(
        "feedpub: {} entries published of {} valid articles; {} rejected, {} drafts",
        a["published"], a["valid"], a["rejected"], a["drafts"]
    );
    assert!(err.contains(&line), "{line}\n{err}");
    assert!(human.stdout.is_empty());
}

#[test]
fn quiet_keeps_errors_and_check_counts_stale_feeds() {
    let dir = tempfile::tempdir().expect("temp dir");
    site(dir.path());
    let run = common::feedpub(dir.path(), &["build", "--format", "json", "-q", "--check"]);
    assert_eq!(run.status.code(), Some(1));
    let got = lines(&run.stdout);
    let types: Vec<&str> = got.iter().filter_map(|l| l["type"].as_str()).collect();
    // -q: the error diagnostic only, not the stale-feed warning.
    assert_eq!(types, ["diagnostic", "error", "summary"], "{got:?}");
    assert_eq!(got[0]["severity"], "error");
    let summary = &got[2];
    assert_eq!(summary["check"], true);
    // Nothing was built before: every file would be written (the three
    // feed formats, index.opml and index.html).
    assert_eq!(summary["files"]["out_of_date"], 5, "{summary}");
    assert_eq!(summary["files"]["unchanged"], 0, "{summary}");
    assert_eq!(summary["exit_code"], 1);
    assert!(!dir.path().join("feeds/rss.xml").exists(), "check wrote");
}

#[test]
fn a_config_error_is_a_json_error_and_a_human_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = common::feedpub(dir.path(), &["build", "--format", "json"]);
    assert_eq!(run.status.code(), Some(2));
    let message = "feedpub.toml: no `base_url`; set it in the config or with `--base-url`";
    assert_eq!(
        lines(&run.stdout),
        vec![json!({"type": "error", "message": message, "exit_code": 2})]
    );
    assert_eq!(
        String::from_utf8_lossy(&run.stderr),
        format!("feedpub: error: {message}\n")
    );
}
