//! Normalising whole articles: every fault reported.

use std::path::Path;

use super::*;
use crate::article::{self, Format, NewsOptions};
use crate::config::Overrides;

/// Diagnostics expected: each one's code and line.
type Found = &'static [(&'static str, Option<usize>)];

fn config() -> Config {
    Config::load(Overrides {
        config: Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions.toml")),
        ..Overrides::default()
    })
    .expect("valid config")
}

/// Reads and normalises one article; what became of it and every
/// diagnostic's code and line.
fn run(name: &str, text: &str) -> (Outcome, Vec<(&'static str, Option<usize>)>) {
    let path = Path::new(name);
    let format = Format::of(path).expect("a known format");
    let mut diagnostics = Vec::new();
    let outcome = match article::read(
        path,
        format,
        text.to_owned(),
        &NewsOptions::default(),
        &mut diagnostics,
    ) {
        Some(article) => normalize(article, &config(), &mut diagnostics),
        None => Outcome::Invalid,
    };
    let codes = diagnostics.iter().map(|d| (d.code, d.line)).collect();
    (outcome, codes)
}

/// An article with several faults gets a diagnostic for each in one run,
/// and is left out once.
#[test]
fn every_fault_is_reported() {
    let cases: &[(&str, &str, Found)] = &[
        // Issue 15: neither title nor date, both reported.
        (
            "a.md",
            "---\nsummary: S\n---\nBody.\n",
            &[("missing-title", None), ("missing-date", None)],
        ),
        // A bad date does not hide a bad id or slug after it.
        (
            "a.md",
            "---\ntitle: T\ndate: someday\nid: not a uri\nslug: '!!!'\n---\nBody.\n",
            &[
                ("invalid-date", Some(3)),
                ("invalid-slug", Some(5)),
                ("invalid-id", Some(4)),
            ],
        ),
        // No date does not hide a bad author email (a warning) either.
        (
            "a.md",
            "---\ntitle: T\nauthor: Ana <not-an-email>\n---\nBody.\n",
            &[("missing-date", None), ("invalid-email", Some(3))],
        ),
        // A date of the wrong type is reported once, not also as missing.
        (
            "a.md",
            "---\ndate: 12\n---\nBody.\n",
            &[("front-matter-type", Some(2)), ("missing-title", None)],
        ),
        // Both dates unreadable: each reported, no missing-date.
        (
            "a.md",
            "---\ntitle: T\ndate: soon\nupdated: later\n---\nBody.\n",
            &[("invalid-date", Some(3)), ("invalid-date", Some(4))],
        ),
        // A plain-text article with no date line.
        (
            "a.txt",
            "Title\n\nDek\n\nBody.\n",
            &[("missing-date", None)],
        ),
    ];
    for (name, text, want) in cases {
        let (outcome, got) = run(name, text);
        assert!(matches!(outcome, Outcome::Invalid), "{text:?}: {outcome:?}");
        assert_eq!(got, *want, "{text:?}");
    }
}
