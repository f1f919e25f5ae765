//! Helpers shared by the integration tests.
#![allow(dead_code, reason = "each test binary uses its own subset")]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub mod hub;

/// Every file under `dir`, sorted.
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).expect("readable dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Copies the contents of `from` into `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    for path in walk(from) {
        let target = to.join(path.strip_prefix(from).expect("under from"));
        fs::create_dir_all(target.parent().expect("has parent")).expect("mkdir");
        fs::copy(&path, &target).expect("copy");
    }
}

/// The state folder (rank cache, pages' fingerprints, lock) of the output
/// folder `out` (relative to `dir`) of builds run in `dir` with its
/// `feedpub.toml` and the default `state_dir`.
pub fn state_of(dir: &Path, out: &str) -> PathBuf {
    feedpub::state::folder(&dir.join(feedpub::state::DEFAULT_DIR), &dir.join(out), dir)
}

/// Runs the real binary in `dir` with a clean environment.
pub fn feedpub(dir: &Path, args: &[impl AsRef<str>]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_feedpub"))
        .args(args.iter().map(AsRef::as_ref))
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .output()
        .expect("the binary runs")
}

/// A short account of where two byte strings first differ, by line.
pub fn first_difference(want: &[u8], got: &[u8]) -> String {
    let want = String::from_utf8_lossy(want);
    let got = String::from_utf8_lossy(got);
    for (i, (w, g)) in want.lines().zip(got.lines()).enumerate() {
        if w != g {
            return format!("line {}:\n  expected: {w}\n  got:      {g}", i + 1);
        }
    }
    format!(
        "lengths differ: expected {} lines, got {}",
        want.lines().count(),
        got.lines().count()
    )
}

/// One entry as a parser saw it, in a form both formats share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenEntry {
    pub id: String,
    pub title: String,
    pub link: String,
    pub published: i64,
    pub summary: Option<String>,
}

/// `rss` or `atom` for a feed file of that format (`rss.xml`, `atom.xml`,
/// or an archive page `archive/rss/<n>.xml`, `archive/atom/<n>.xml`).
pub fn xml_format(name: &Path) -> Option<&'static str> {
    let file = name.file_name()?.to_str()?;
    let folder = name
        .parent()
        .and_then(Path::file_name)
        .and_then(|f| f.to_str());
    let above = name
        .parent()
        .and_then(Path::parent)
        .and_then(Path::file_name)
        .and_then(|f| f.to_str());
    let page = above == Some("archive")
        && file
            .strip_suffix(".xml")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    if file == "rss.xml" || (page && folder == Some("rss")) {
        Some("rss")
    } else if file == "atom.xml" || (page && folder == Some("atom")) {
        Some("atom")
    } else {
        None
    }
}

/// Parses a feed file with the `rss` or `atom_syndication` crate and with
/// `feed-rs`, and checks that both see the same entries. Returns problems.
pub fn check_feed_file(name: &Path, bytes: &[u8]) -> Vec<String> {
    let mut problems = Vec::new();
    let ours = match xml_format(name) {
        Some("rss") => rss_entries(bytes),
        Some(_) => atom_entries(bytes),
        None => return problems,
    };
    let ours = match ours {
        Ok(entries) => entries,
        Err(e) => return vec![format!("{}: {e}", name.display())],
    };
    match feed_rs_entries(bytes) {
        Ok(theirs) if theirs == ours => {}
        Ok(theirs) => problems.push(format!(
            "{}: feed-rs reads\n{theirs:#?}\nbut the format's own crate reads\n{ours:#?}",
            name.display()
        )),
        Err(e) => problems.push(format!("{}: feed-rs: {e}", name.display())),
    }
    problems
}

/// Entries as the `rss` crate reads them.
pub fn rss_entries(bytes: &[u8]) -> Result<Vec<SeenEntry>, String> {
    let channel = rss::Channel::read_from(bytes).map_err(|e| e.to_string())?;
    channel
        .items
        .iter()
        .map(|item| {
            let date = item.pub_date.as_deref().ok_or("an item has no pubDate")?;
            let published = chrono::DateTime::parse_from_rfc2822(date)
                .map_err(|e| format!("pubDate `{date}`: {e}"))?;
            Ok(SeenEntry {
                id: item
                    .guid
                    .as_ref()
                    .ok_or("an item has no guid")?
                    .value
                    .clone(),
                title: item.title.clone().ok_or("an item has no title")?,
                link: item.link.clone().ok_or("an item has no link")?,
                published: published.timestamp(),
                summary: item
                    .description
                    .as_deref()
                    .map(|d| htmlize::unescape(d).into_owned()),
            })
        })
        .collect()
}

/// Entries as the `atom_syndication` crate reads them.
pub fn atom_entries(bytes: &[u8]) -> Result<Vec<SeenEntry>, String> {
    let feed = atom_syndication::Feed::read_from(bytes).map_err(|e| e.to_string())?;
    feed.entries
        .iter()
        .map(|e| {
            Ok(SeenEntry {
                id: e.id.clone(),
                title: e.title.value.clone(),
                link: e
                    .links
                    .iter()
                    .find(|l| l.rel == "alternate")
                    .ok_or("an entry has no alternate link")?
                    .href
                    .clone(),
                published: e.published.ok_or("an entry has no published")?.timestamp(),
                summary: e.summary.as_ref().map(|s| s.value.clone()),
            })
        })
        .collect()
}

/// Entries as `feed-rs`, a third-party parser, reads them.
pub fn feed_rs_entries(bytes: &[u8]) -> Result<Vec<SeenEntry>, String> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| e.to_string())?;
    let is_rss = matches!(feed.feed_type, feed_rs::model::FeedType::RSS2);
    feed.entries
        .iter()
        .map(|e| {
            let summary = e.summary.as_ref().map(|s| {
                if is_rss {
                    htmlize::unescape(s.content.as_str()).into_owned()
                } else {
                    s.content.clone()
                }
            });
            Ok(SeenEntry {
                id: e.id.clone(),
                title: e
                    .title
                    .as_ref()
                    .ok_or("an entry has no title")?
                    .content
                    .clone(),
                link: e.links.first().ok_or("an entry has no link")?.href.clone(),
                published: e
                    .published
                    .ok_or("an entry has no published date")?
                    .timestamp(),
                summary,
            })
        })
        .collect()
}

pub mod json_schema;
pub mod relaxng;
pub mod serve;

/// Validates a generated feed against its RELAX NG schema and with
/// `feedpub validate`'s rules: no error and no warning.
pub fn check_valid(name: &Path, bytes: &[u8]) -> Vec<String> {
    let mut problems = Vec::new();
    if let Some(schema) = relaxng::schema_for(name)
        && let Err(errors) = relaxng::validate(&schema, bytes)
    {
        problems.push(format!("{}: schema: {}", name.display(), errors.join("; ")));
    }
    if name.extension().is_some_and(|e| e == "json")
        && let Err(errors) = json_schema::validate(bytes)
    {
        problems.push(format!("{}: schema: {}", name.display(), errors.join("; ")));
    }
    for m in feedpub::validate::validate(
        bytes,
        &feedpub::validate::Options {
            url: None,
            own_output: true,
        },
    ) {
        problems.push(format!(
            "{}:{}:{}: {}[{}] {}",
            name.display(),
            m.line,
            m.column,
            m.severity,
            m.class.name(),
            m.message
        ));
    }
    problems
}

/// The fields of a JSON fixture's `"_test": {...}` header (see
/// tests/validate_fixtures.rs).
#[derive(Debug, Default)]
pub struct JsonTestHeader {
    pub description: Option<String>,
    pub expect: Option<String>,
    pub url: Option<String>,
    pub schema: Option<String>,
}

/// Reads a JSON fixture's `_test` header by its text, not as JSON, so that
/// a fixture that is not JSON can have one: the header holds no braces and
/// its values no escapes. `None` when there is no `"_test"` member.
pub fn json_test_header(text: &str) -> Option<JsonTestHeader> {
    let start = text.find("\"_test\"")?;
    let open = start + text[start..].find('{')?;
    let close = open + text[open..].find('}')?;
    let body = &text[open + 1..close];
    let field = |name: &str| {
        let key = format!("\"{name}\"");
        let after = &body[body.find(&key)? + key.len()..];
        let after = after.trim_start().strip_prefix(':')?.trim_start();
        let value = after.strip_prefix('"')?;
        Some(value[..value.find('"')?].to_owned())
    };
    Some(JsonTestHeader {
        description: field("description"),
        expect: field("expect"),
        url: field("url"),
        schema: field("schema"),
    })
}
