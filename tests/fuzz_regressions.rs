//! Inputs the fuzzers once crashed on, kept as regression tests. Each file
//! in `tests/fuzz_regressions/` is named for its target: `article-*` must
//! hold the article invariants in both formats, `timestamp-*` the
//! timestamp invariants in every zone the fuzzer uses, `validate-*` must
//! validate without panicking.

mod common;

use std::path::Path;

use feedpub::article::Format;
use feedpub::config::{Config, Overrides};

#[test]
fn fuzz_regressions_hold() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let config = Config::load(Overrides {
        config: Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions.toml")),
        ..Overrides::default()
    })
    .expect("valid config");
    let files = common::walk(&dir);
    assert!(!files.is_empty());
    let zones = [
        "UTC",
        "America/New_York",
        "Europe/London",
        "Australia/Lord_Howe",
    ];
    let mut failures = Vec::new();
    for path in files {
        let name = path
            .file_name()
            .expect("named")
            .to_string_lossy()
            .into_owned();
        let bytes = std::fs::read(&path).expect("readable");
        let result = match name.split('-').next() {
            Some("article") => [Format::News, Format::Markdown]
                .into_iter()
                .try_for_each(|f| {
                    feedpub::testing::properties::article(&bytes, f, &config).map(drop)
                }),
            Some("timestamp") => zones.iter().try_for_each(|z| {
                feedpub::testing::properties::timestamp(
                    &String::from_utf8_lossy(&bytes),
                    z.parse().expect("zone"),
                )
            }),
            Some("validate") => {
                let _ = feedpub::validate::validate(&bytes, &feedpub::validate::Options::default());
                Ok(())
            }
            _ => Err(format!("{name}: not named for a fuzz target")),
        };
        if let Err(problem) = result {
            failures.push(format!("{name}: {problem}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
