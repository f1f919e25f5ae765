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
        // Ids in a scheme whose syntax they break.
        (
            "a.md",
            "---\ntitle: T\ndate: 2023-08-08\nid: \"tag:example.com:story\"\n---\nBody.\n",
            &[("invalid-id", Some(4))],
        ),
        (
            "a.md",
            "---\ntitle: T\ndate: 2023-08-08\nid: \"urn:uuid:1234\"\n---\nBody.\n",
            &[("invalid-id", Some(4))],
        ),
        // A title of characters that do not show is none, in either form.
        (
            "a.txt",
            "\u{200B}\u{200B}\n\nDek\n\nBody.\n\nUpdated: 2023-08-08\n",
            &[("missing-title", None)],
        ),
        (
            "a.md",
            "---\ntitle: \"\u{FEFF}\u{2060} &#8203;\"\ndate: 2023-08-08\n---\nBody.\n",
            &[("missing-title", None)],
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
        // A Markdown lead's inline HTML is read as a browser reads it: a
        // script's text is no text, a tag goes.
        (
            "a.md",
            "---\ntitle: T\ndate: 2023-08-08\n---\nPara <script>alert(1)</script> <b>one</b>.\n",
            "T",
            "Para one.",
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

/// Pictures and enclosures as normalised: (front matter lines, the
/// picture URL and type, the enclosure URL, type and length; or the line
/// of the `invalid-media` error). The entry's link is
/// `https://news.example.com/a/`.
#[test]
fn media() {
    type Want = Result<
        (
            Option<(&'static str, Option<&'static str>)>,
            Option<(&'static str, &'static str, Option<u64>)>,
        ),
        usize,
    >;
    let cases: &[(&str, Want)] = &[
        // An absolute picture URL, its type from the extension.
        (
            "image: https://cdn.example.com/a.JPG",
            Ok((
                Some(("https://cdn.example.com/a.JPG", Some("image/jpeg"))),
                None,
            )),
        ),
        // A relative URL resolves against the entry's link.
        (
            "image: pictures/a.png",
            Ok((
                Some((
                    "https://news.example.com/a/pictures/a.png",
                    Some("image/png"),
                )),
                None,
            )),
        ),
        // A root-relative one against its host.
        (
            "image: /pictures/a.png",
            Ok((
                Some(("https://news.example.com/pictures/a.png", Some("image/png"))),
                None,
            )),
        ),
        // An unknown picture type is no error: the picture has no `type`.
        (
            "image: https://example.com/picture",
            Ok((Some(("https://example.com/picture", None)), None)),
        ),
        // A given type wins over the extension, lower-cased.
        (
            "image: { url: a.jpg, type: Image/WebP }",
            Ok((
                Some(("https://news.example.com/a/a.jpg", Some("image/webp"))),
                None,
            )),
        ),
        // An enclosure, its type from the extension, no length.
        (
            "enclosure: https://example.com/a.mp3",
            Ok((
                None,
                Some(("https://example.com/a.mp3", "audio/mpeg", None)),
            )),
        ),
        // The table form with a length.
        (
            "enclosure: { url: show.bin, type: audio/ogg, length: 123 }",
            Ok((
                None,
                Some((
                    "https://news.example.com/a/show.bin",
                    "audio/ogg",
                    Some(123),
                )),
            )),
        ),
        // A `javascript:` URL.
        ("image: \"javascript:alert(1)\"", Err(4)),
        // A `data:` URL.
        ("image: \"data:image/png;base64,AAAA\"", Err(4)),
        // Another scheme than http(s).
        ("enclosure: ftp://example.com/a.mp3", Err(4)),
        // A relative URL that cannot be resolved (a bad host).
        ("image: //exa%mple.com/a.jpg", Err(4)),
        // A control character.
        ("image: \"a\\u0007.jpg\"", Err(4)),
        // A negative length.
        ("enclosure: { url: a.mp3, length: -5 }", Err(4)),
        // A fractional length.
        ("enclosure: { url: a.mp3, length: 1.5 }", Err(4)),
        // An enclosure of unknown extension without a type.
        ("enclosure: https://example.com/a.xyz", Err(4)),
        // A type that is no MIME type.
        ("enclosure: { url: a.mp3, type: audio }", Err(4)),
        // A width that is no whole number.
        ("image: { url: a.jpg, width: 12.5 }", Err(4)),
        // A height that is negative.
        ("image: { url: a.jpg, height: -1 }", Err(4)),
    ];
    for (front, want) in cases {
        let text = format!("---\ntitle: T\ndate: 2023-08-08\n{front}\n---\nBody.\n");
        let (outcome, codes) = run("a.md", &text);
        match (want, outcome) {
            (Ok((image, enclosure)), Outcome::Entry(entry)) => {
                assert!(codes.is_empty(), "{front}: {codes:?}");
                let got = entry
                    .image
                    .as_ref()
                    .map(|i| (i.url.as_str(), i.mime_type.as_deref()));
                assert_eq!(got, *image, "{front}");
                let got = entry
                    .enclosure
                    .as_ref()
                    .map(|e| (e.url.as_str(), e.mime_type.as_str(), e.length));
                assert_eq!(got, *enclosure, "{front}");
            }
            (Err(line), Outcome::Invalid) => {
                assert_eq!(codes, [("invalid-media", Some(*line))], "{front}");
            }
            (want, outcome) => panic!("{front}: want {want:?}, got {outcome:?} {codes:?}"),
        }
    }
}

/// Every media fault of an article is reported in one run.
#[test]
fn every_media_fault_is_reported() {
    let text = "---\ntitle: T\ndate: 2023-08-08\nimage: { url: \"javascript:x\", width: wide }\nenclosure: { url: \"data:x\", length: -1 }\n---\nBody.\n";
    let (outcome, codes) = run("a.md", text);
    assert!(matches!(outcome, Outcome::Invalid));
    assert_eq!(
        codes,
        [
            ("invalid-media", Some(4)),
            ("invalid-media", Some(4)),
            ("invalid-media", Some(5)),
            ("invalid-media", Some(5)),
        ]
    );
}

/// Spellings of a tag that differ only in case, blanks or Unicode form
/// are one tag, under its first spelling, in the order first seen.
#[test]
fn tags_keep_the_first_spelling_of_each() {
    let text = "---\ntitle: T\ndate: 2023-08-08T22:37:00+04:00\ntags: [Economy, economy, ' ECONOMY ', Économie, \"E\u{301}conomie\", Ports  and  Trade, ports and trade, Economy]\n---\nBody.\n";
    let (outcome, found) = run("a.md", text);
    assert_eq!(found, Vec::new());
    let Outcome::Entry(entry) = outcome else {
        panic!("an entry: {outcome:?}");
    };
    assert_eq!(entry.tags, ["Economy", "Économie", "Ports and Trade"]);
}

/// A plain ASCII tag and a tag in other characters are one tag when their
/// keys are equal, whichever comes first: the Kelvin sign (U+212A) is an
/// upper-case K once normalised, so `\u{212A}elvin` and `kelvin` are one
/// term (kept as `Kelvin`), while `Straße` and `strasse` are two.
#[test]
fn ascii_and_other_spellings_of_one_tag_are_one() {
    for (tags, kept) in [
        ("[Kelvin, \"\u{212A}ELVIN\", kelvin]", vec!["Kelvin"]),
        ("[\"\u{212A}elvin\", KELVIN, kelvin]", vec!["Kelvin"]),
        (
            "[Straße, strasse, STRASSE, STRAßE]",
            vec!["Straße", "strasse"],
        ),
        (
            "[\"Caf\u{e9}\", cafe, CAFÉ, café]",
            vec!["Caf\u{e9}", "cafe"],
        ),
        // A no-break space is kept in the tag but is a blank in its key.
        ("[a b, A  B, ' a b', \"A\u{a0}B\"]", vec!["a b"]),
        ("[\"a\u{a0}b\", A B]", vec!["a\u{a0}b"]),
    ] {
        let text =
            format!("---\ntitle: T\ndate: 2023-08-08T22:37:00+04:00\ntags: {tags}\n---\nBody.\n");
        let (outcome, found) = run("a.md", &text);
        assert_eq!(found, Vec::new(), "{tags}");
        let Outcome::Entry(entry) = outcome else {
            panic!("an entry: {outcome:?}");
        };
        assert_eq!(entry.tags, kept, "{tags}");
    }
}

/// A date readers would drop (before 1970) or pin above every newer
/// entry (more than a day ahead: a year's typo, most often) is published
/// as written, with a warning at its line; a date within the range is
/// not, however near its edges.
#[test]
fn implausible_dates_are_published_with_a_warning() {
    let tomorrow = chrono::Utc::now() + chrono::Duration::hours(20);
    let cases: Vec<(String, Found)> = vec![
        // A typo in the year of the update line.
        (
            "Title\n\nA dek.\n\nBody.\n\nUpdated: August 08, 3023, 10:37 PM".to_owned(),
            &[("implausible-date", Some(7))],
        ),
        // Before 1970, in front matter: both dates, each at its line.
        (
            "---\ntitle: T\ndate: 1969-07-20T20:17:00Z\nupdated: 1969-07-21T02:56:00Z\n---\nBody.\n"
                .to_owned(),
            &[("implausible-date", Some(3)), ("implausible-date", Some(4))],
        ),
        // The first second of 1970, and a date less than a day ahead.
        (
            "---\ntitle: T\ndate: 1970-01-01T00:00:00Z\n---\nBody.\n".to_owned(),
            &[],
        ),
        (
            format!(
                "---\ntitle: T\ndate: {}\n---\nBody.\n",
                tomorrow.format("%Y-%m-%dT%H:%M:%SZ")
            ),
            &[],
        ),
    ];
    for (text, want) in &cases {
        let name = if text.starts_with("---") {
            "a.md"
        } else {
            "a.txt"
        };
        let (outcome, got) = run(name, text);
        assert!(
            matches!(outcome, Outcome::Entry(_)),
            "{text:?}: {outcome:?}"
        );
        assert_eq!(got, *want, "{text:?}");
    }
}
