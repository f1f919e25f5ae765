//! Normalising whole articles: every fault reported, text read as what
//! it is written in.

use std::path::Path;

use super::*;
use crate::article::{self, NewsOptions};
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
        true,
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
        // Neither title nor date, both reported.
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

/// A plain-text field is text: markup-like text is kept and flagged at the
/// field; a Markdown field is HTML: its markup is removed, silently.
#[test]
fn format_decides_what_markup_is() {
    let cases: &[(&str, &str, &str, &str, Found)] = &[
        // A plain-text headline about a tag keeps it.
        (
            "a.txt",
            "Why the <div> tag still matters\n\nA dek.\n\nBody.\n\nUpdated: 2023-08-08\n",
            "Why the <div> tag still matters",
            "A dek.",
            &[("markup-like-text", Some(1))],
        ),
        // A dek mentioning angle brackets keeps them, flagged at its line.
        (
            "a.txt",
            "Title\n\nWrite <angle brackets> round it.\n\nBody.\n\nUpdated: 2023-08-08\n",
            "Title",
            "Write <angle brackets> round it.",
            &[("markup-like-text", Some(3))],
        ),
        // A comparison is text, and no warning.
        (
            "a.txt",
            "Rates: 3 < 4 > 2\n\nA dek.\n\nBody.\n\nUpdated: 2023-08-08\n",
            "Rates: 3 < 4 > 2",
            "A dek.",
            &[],
        ),
        // A Markdown title's quoted attribute holds `>`.
        (
            "a.md",
            "---\ntitle: '<abbr title=\"a>b\">NATO</abbr> summit opens'\ndate: 2023-08-08\n---\nBody.\n",
            "NATO summit opens",
            "Body.",
            &[],
        ),
        // A Markdown summary's tags are removed without a word.
        (
            "a.md",
            "---\ntitle: T\ndate: 2023-08-08\nsummary: <em>Short</em> and <b>bold</b>\n---\nBody.\n",
            "T",
            "Short and bold",
            &[],
        ),
        // A Markdown lead keeps a code span's tag as text, read once.
        (
            "a.md",
            "---\ntitle: T\ndate: 2023-08-08\n---\nUse `<div>` &amp;lt; here.\n",
            "T",
            "Use <div> &lt; here.",
            &[],
        ),
    ];
    for (name, text, title, summary, want) in cases {
        let (outcome, got) = run(name, text);
        let Outcome::Entry(entry) = outcome else {
            panic!("{text:?}: {outcome:?}");
        };
        assert_eq!(
            (entry.title.as_str(), entry.summary.as_str()),
            (*title, *summary),
            "{text:?}"
        );
        assert_eq!(got, *want, "{text:?}");
    }
}
