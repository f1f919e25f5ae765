//! The RELAX NG schemas in `tests/schemas/` accept every feed feedpub
//! writes and reject broken ones.

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
    let is_xml = |p: &std::path::PathBuf| p.extension().is_some_and(|e| e == "xml");
    let mut files: Vec<_> = common::walk(&repo().join("feeds"))
        .into_iter()
        .filter(is_xml)
        .collect();
    files.extend(
        common::walk(&repo().join("tests/cmd"))
            .into_iter()
            .filter(|p| {
                p.parent()
                    .is_some_and(|d| d.to_string_lossy().ends_with(".out"))
                    && p.extension().is_some_and(|e| e == "xml")
            }),
    );
    assert!(files.len() >= 10, "only {} feeds", files.len());
    let mut problems = Vec::new();
    for path in &files {
        let bytes = fs::read(path).expect("readable");
        let name = path.file_name().map(Path::new).expect("named");
        // The validator's warnings a case allows its feeds (its TOML's
        // `feeds_may_warn`, as tests/cmd.rs reads it).
        let may_warn: Vec<String> = path
            .parent()
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
