//! W3C-style fixtures: each file under `tests/fixtures/validate/` starts
//! with a comment saying what it tests and what the validator must say:
//!
//! ```text
//! <!--
//!   Description: A date without a zone
//!   Expect: InvalidRFC822Date
//!   Url: https://example.com/rss.xml      (optional: where it is published)
//!   Own-output: yes                       (optional: judged as `build` judges its own)
//! -->
//! ```
//!
//! An HTML fixture (`*.html`) is checked as a page, as `feedpub validate`
//! checks a file so named, and has the same comment.
//!
//! `Expect` lists classes that must be reported, `!Class` for classes that
//! must not be, and `!Error` / `!Warning` for no errors / no warnings at all.
//!
//! JSON has no comments: a JSON fixture (`*.json`) says the same in an
//! extension member, which the validator never looks into, on its own
//! lines and with no braces inside (so that it can be read even from a
//! fixture that is not JSON):
//!
//! ```text
//! "_test": {
//!   "description": "Two items with one id",
//!   "expect": "DuplicateEntryId, !Warning",
//!   "url": "https://example.com/feed.json",   (optional)
//!   "schema": "reject"                         (optional: see tests/schemas.rs)
//! }
//! ```

mod common;

use std::path::Path;

use feedpub::diagnostic::Severity;
use feedpub::validate::{self, Class};

struct Header {
    expect: Vec<String>,
    url: Option<String>,
    /// Validated as feedpub's own output (`Own-output: yes`).
    own_output: bool,
}

fn header(text: &str) -> Option<Header> {
    let json = text
        .trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
        .starts_with(['{', '[']);
    if json {
        let fields = common::json_test_header(text)?;
        return Some(Header {
            expect: fields
                .expect?
                .split(',')
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect(),
            url: fields.url,
            own_output: false,
        });
    }
    let start = text.find("<!--")?;
    let end = start + text[start..].find("-->")?;
    let comment = &text[start + 4..end];
    let field = |name: &str| {
        comment
            .lines()
            .find_map(|l| l.trim().strip_prefix(name).map(|v| v.trim().to_owned()))
    };
    Some(Header {
        expect: field("Expect:")?
            .split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect(),
        url: field("Url:"),
        own_output: field("Own-output:").is_some_and(|v| v == "yes"),
    })
}

/// A fixture's text, for reading its header: UTF-16 ones (with their
/// byte order mark or without, starting `<`) decoded, others as UTF-8
/// with anything else replaced (the header is ASCII in every fixture's
/// encoding).
fn readable(bytes: &[u8]) -> String {
    let units = |be: bool| -> Vec<u16> {
        let skip = if bytes.starts_with(b"<") || bytes.starts_with(b"\0<") {
            0
        } else {
            2
        };
        bytes[skip..]
            .chunks_exact(2)
            .map(|p| {
                if be {
                    u16::from_be_bytes([p[0], p[1]])
                } else {
                    u16::from_le_bytes([p[0], p[1]])
                }
            })
            .collect()
    };
    match bytes {
        [0xFF, 0xFE, ..] | [b'<', 0, ..] => String::from_utf16_lossy(&units(false)),
        [0xFE, 0xFF, ..] | [0, b'<', ..] => String::from_utf16_lossy(&units(true)),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

#[test]
fn every_fixture_behaves_as_its_header_says() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/validate");
    let files = common::walk(&dir);
    assert!(files.len() >= 150, "only {} fixtures", files.len());
    let mut failures = Vec::new();
    let mut tripped: std::collections::BTreeSet<&str> = Default::default();
    for path in &files {
        let name = path
            .strip_prefix(&dir)
            .expect("under dir")
            .display()
            .to_string();
        let bytes = std::fs::read(path).expect("readable");
        let Some(header) = header(&readable(&bytes)) else {
            failures.push(format!("{name}: no `Expect:` header"));
            continue;
        };
        let options = validate::Options {
            url: header.url,
            own_output: header.own_output,
        };
        let messages = if validate::is_page_name(path) {
            validate::validate_page(&bytes)
        } else {
            validate::validate(&bytes, &options)
        };
        let found = |class: &str| messages.iter().any(|m| m.class.name() == class);
        let mut problems = Vec::new();
        for expectation in &header.expect {
            match expectation.strip_prefix('!') {
                Some("Error") if messages.iter().any(|m| m.severity == Severity::Error) => {
                    problems.push("expected no error".to_owned());
                }
                Some("Warning") if messages.iter().any(|m| m.severity == Severity::Warning) => {
                    problems.push("expected no warning".to_owned());
                }
                Some("Error" | "Warning") => {}
                Some(class) if found(class) => problems.push(format!("expected no {class}")),
                Some(_) => {}
                None if Class::from_name(expectation).is_none() => {
                    problems.push(format!("unknown class {expectation}"));
                }
                None if !found(expectation) => problems.push(format!("expected {expectation}")),
                None => {
                    tripped.insert(Class::from_name(expectation).expect("checked").name());
                }
            }
        }
        if !problems.is_empty() {
            let said: Vec<String> = messages
                .iter()
                .map(|m| {
                    format!(
                        "    {}:{} {}[{}] {}",
                        m.line,
                        m.column,
                        m.severity,
                        m.class.name(),
                        m.message
                    )
                })
                .collect();
            failures.push(format!(
                "{name}: {}\n{}",
                problems.join("; "),
                said.join("\n")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures fail:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
    // Every class but the size limit (tested below) has a fixture that trips it.
    let untested: Vec<&str> = Class::ALL
        .iter()
        .map(|c| c.name())
        .filter(|n| !tripped.contains(n) && *n != "TooLarge")
        .collect();
    assert!(
        untested.is_empty(),
        "classes no fixture trips: {untested:?}"
    );
}

/// A file over the limit is refused before it is read.
#[test]
fn too_large_files_are_refused_unread() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.xml");
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(validate::MAX_BYTES + 1).expect("sparse file");
    let messages =
        validate::validate_file(&path, &validate::Options::default()).expect("validates");
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].class, Class::TooLarge);
}
