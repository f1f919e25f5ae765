//! The JSON Feed rules on whole documents: what they find, the path
//! they name and the place they point at.

use super::*;
use crate::validate::{Message, validate};

fn findings(text: &str) -> Vec<Message> {
    validate(text.as_bytes(), &Options::default())
}

// The feeds feedpub writes pass with nothing to say: see
// `write::json`'s tests, which check them against the schema too.

/// Findings name the JSON path and point at the value.
#[test]
fn findings_name_the_path_and_place() {
    let text = "{\n  \"version\": \"https://jsonfeed.org/version/1.1\",\n  \"title\": \"t\",\n  \"feed_url\": \"https://example.com/feed.json\",\n  \"items\": [\n    {\"id\": \"a\", \"content_text\": \"\", \"date_published\": \"2023-08-08T22:37:00Z\"},\n    {\"id\": \"b\", \"content_text\": \"\", \"date_published\": \"2023-08-08\"}\n  ]\n}\n";
    let messages = findings(text);
    assert_eq!(messages.len(), 1, "{messages:#?}");
    let m = &messages[0];
    assert_eq!(m.class, Class::InvalidRFC3339Date);
    assert!(
        m.message.starts_with("`$.items[1].date_published`"),
        "{}",
        m.message
    );
    assert_eq!((m.line, m.column), (7, 55));
}

/// A duplicate id names the other item and its line.
#[test]
fn duplicate_ids_name_the_other_item() {
    let text = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"t\", \"feed_url\": \"https://example.com/f.json\", \"items\": [\n{\"id\": \"x\", \"content_text\": \"\", \"date_published\": \"2023-08-08T22:37:00Z\"},\n{\"id\": \"x\", \"content_text\": \"\", \"date_published\": \"2023-08-08T22:37:00Z\"}]}";
    let messages = findings(text);
    assert_eq!(messages.len(), 1, "{messages:#?}");
    assert_eq!(messages[0].class, Class::DuplicateEntryId);
    assert_eq!(
        messages[0].message,
        "`$.items[1].id` `x` is also the id of `$.items[0]`, on line 2"
    );
    assert_eq!((messages[0].line, messages[0].column), (3, 8));
}

/// A syntax error and nesting past the limit are placed findings.
#[test]
fn broken_documents() {
    let messages = findings("{\n  \"title\": \"x\",\n}");
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].class, Class::InvalidJson);
    assert_eq!((messages[0].line, messages[0].column), (3, 1));
    let deep = "{\"_x\":".to_owned() + &"[".repeat(100_000);
    let messages = findings(&deep);
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].class, Class::TooDeep);
}
