//! The schemas in `tests/schemas/` (RELAX NG for RSS and Atom, JSON
//! Schema for JSON Feed) accept every feed feedpub writes and reject
//! broken ones.

mod common;

use std::fs;
use std::path::Path;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The committed feeds and every golden feed of the end-to-end cases pass
/// the schemas and the validator with no error and no warning.
#[test]
fn generated_feeds_are_valid() {
    // Only the feeds: a build also leaves its lock file and rank cache there.
    let is_feed = |p: &std::path::PathBuf| {
        p.extension()
            .is_some_and(|e| e == "xml" || e == "json" || e == "opml")
    };
    let mut files: Vec<_> = common::walk(&repo().join("feeds"))
        .into_iter()
        .filter(is_feed)
        .collect();
    files.extend(
        common::walk(&repo().join("tests/cmd"))
            .into_iter()
            .filter(|p| {
                // Under a case's expected output, at any depth.
                p.ancestors().any(|d| d.to_string_lossy().ends_with(".out")) && is_feed(p)
            }),
    );
    // JSON feeds are checked when there are any; the count is of all.
    assert!(files.len() >= 10, "only {} feeds", files.len());
    let mut problems = Vec::new();
    for path in &files {
        let bytes = fs::read(path).expect("readable");
        let name = path.file_name().map(Path::new).expect("named");
        // The validator's warnings a case allows its feeds (its TOML's
        // `feeds_may_warn`, as tests/cmd.rs reads it).
        let may_warn: Vec<String> = path
            .ancestors()
            .find(|d| d.to_string_lossy().ends_with(".out"))
            .and_then(|out| fs::read_to_string(out.with_extension("toml")).ok())
            .and_then(|case| case.parse::<toml::Table>().ok())
            .and_then(|case| case.get("feeds_may_warn")?.as_array().cloned())
            .into_iter()
            .flatten()
            .filter_map(|class| class.as_str().map(|c| format!("warning[{c}]")))
            .collect();
        for problem in common::check_valid(name, &bytes) {
            if may_warn.iter().any(|w| problem.contains(w)) {
                continue;
            }
            problems.push(format!("{}: {problem}", path.display()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Each negative fixture names the schema it must fail.
#[test]
fn schemas_reject_broken_feeds() {
    let dir = repo().join("tests/schemas/invalid");
    let files = common::walk(&dir);
    assert!(files.len() >= 12, "only {} negative fixtures", files.len());
    let mut accepted = Vec::new();
    for path in &files {
        let name = path.file_name().expect("named").to_string_lossy();
        let schema = if name.starts_with("rss-") {
            "rss.rng"
        } else {
            "atom.rng"
        };
        let bytes = fs::read(path).expect("readable");
        if common::relaxng::validate(&repo().join("tests/schemas").join(schema), &bytes).is_ok() {
            accepted.push(name.into_owned());
        }
    }
    assert!(
        accepted.is_empty(),
        "the schemas accepted broken feeds: {accepted:?}"
    );
}

/// The near-miss fixtures of the validator that are feeds of a format
/// pass the schema too, so the schemas are not simply rejecting everything.
#[test]
fn schemas_accept_the_validator_baselines() {
    for (file, schema) in [
        ("rss/baseline.xml", "rss.rng"),
        ("atom/baseline.xml", "atom.rng"),
    ] {
        let bytes = fs::read(repo().join("tests/fixtures/validate").join(file)).expect("readable");
        let result = common::relaxng::validate(&repo().join("tests/schemas").join(schema), &bytes);
        assert!(result.is_ok(), "{file}: {result:?}");
    }
}

/// Each JSON fixture of the validator whose header says `"schema":
/// "reject"` fails the JSON Feed schema, and each that says `"accept"`
/// passes it: the schema and the validator read the spec alike.
#[test]
fn json_schema_agrees_with_the_fixtures() {
    let dir = repo().join("tests/fixtures/validate/json");
    let mut disagreements = Vec::new();
    let (mut rejected, mut accepted) = (0, 0);
    for path in common::walk(&dir) {
        let name = path.file_name().expect("named").to_string_lossy();
        let bytes = fs::read(&path).expect("readable");
        let header = common::json_test_header(&String::from_utf8_lossy(&bytes));
        let result = common::json_schema::validate(&bytes);
        match header.and_then(|h| h.schema).as_deref() {
            Some("reject") => {
                rejected += 1;
                match &result {
                    Ok(()) => disagreements.push(format!("{name}: the schema accepts it")),
                    Err(errors) if errors.iter().any(|e| e.starts_with("not JSON")) => {
                        disagreements.push(format!("{name}: {errors:?}"));
                    }
                    Err(_) => {}
                }
            }
            Some("accept") => {
                accepted += 1;
                if let Err(errors) = result {
                    disagreements.push(format!("{name}: the schema rejects it: {errors:?}"));
                }
            }
            Some(other) => disagreements.push(format!("{name}: unknown schema `{other}`")),
            None => {}
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
    assert!(
        rejected >= 20 && accepted >= 5,
        "{rejected} rejected, {accepted} accepted"
    );
}
