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

/// The feed's own members are checked before its items, wherever they
/// stand: past the listed findings of a class, the feed's are listed and
/// the last items' are not, though the items come first.
#[test]
fn feed_members_come_before_items_in_the_count() {
    let items = vec![r#"{"id": "a", "title": 5}"#; 1_500].join(",");
    let text = format!(
        "{{\"items\": [{items}], \"title\": 1, \"version\": \"https://jsonfeed.org/version/1.1\"}}"
    );
    let messages = findings(&text);
    let wrong: Vec<_> = messages
        .iter()
        .filter(|m| m.class == Class::WrongType)
        .collect();
    // 1,000 listed, and the count.
    assert_eq!(wrong.len(), 1_001);
    assert!(wrong.iter().any(|m| m.message.starts_with("`$.title` is")));
    assert!(
        wrong
            .iter()
            .any(|m| m.message.starts_with("`$.items[998].title`"))
    );
    assert!(
        !wrong
            .iter()
            .any(|m| m.message.starts_with("`$.items[999].title`"))
    );
    assert!(
        wrong
            .iter()
            .any(|m| m.message == "501 more findings of this class are not listed (1501 in all)")
    );
    // Every id after the first repeats it, and names it.
    let repeated = messages
        .iter()
        .filter(|m| m.class == Class::DuplicateEntryId)
        .count();
    assert_eq!(repeated, 1_001);
}

/// Names and ids are compared unescaped, a numeric id by its digits.
#[test]
fn escaped_names_and_ids_repeat_plain_ones() {
    let text = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "t", "\u0074itle": "u", "feed_url": "https://example.com/f.json", "items": [
{"id": "a", "content_text": "", "date_published": "2023-08-08T22:37:00Z"},
{"id": "\u0061", "content_text": "", "date_published": "2023-08-08T22:37:00Z"},
{"id": "7", "content_text": "", "date_published": "2023-08-08T22:37:00Z"},
{"id": 7, "content_text": "", "date_published": "2023-08-08T22:37:00Z"}]}"#;
    let messages = findings(text);
    let found: Vec<_> = messages
        .iter()
        .map(|m| (m.class, m.line, m.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                Class::DuplicateMember,
                1,
                "`$` has a second `title` member; readers keep one or the other"
            ),
            (
                Class::DuplicateEntryId,
                3,
                "`$.items[1].id` `a` is also the id of `$.items[0]`, on line 2"
            ),
            (
                Class::NumericItemId,
                5,
                "`$.items[3].id` is the number `7`; ids are strings (`\"7\"`), and some readers reject the whole feed"
            ),
            (
                Class::DuplicateEntryId,
                5,
                "`$.items[3].id` `7` is also the id of `$.items[2]`, on line 4"
            ),
        ]
    );
}

/// A repeated member name is found however many names come between:
/// names are compared one by one up to `Names::FEW`, hashed past it.
#[test]
fn repeated_members_found_before_and_past_the_few() {
    let feed = |extra: &str| {
        format!(
            "{{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"t\", \"feed_url\": \"https://example.com/f.json\", \"items\": [{{\"id\": \"x\", \"content_text\": \"\", \"date_published\": \"2023-08-08T22:37:00Z\"{extra}}}]}}"
        )
    };
    let names = |from: usize, to: usize| -> String {
        (from..to).map(|i| format!(", \"_x{i}\": 1")).collect()
    };
    for (extra, repeated, why) in [
        // Nothing repeated, among few names or many.
        (names(0, 3), 0, "few, all distinct"),
        (names(0, 40), 0, "many, all distinct"),
        // Repeated while the names are still few.
        (names(0, 3) + ", \"_x1\": 2", 1, "repeat among the few"),
        // The first use among the few, the repeat after the switch.
        (
            names(0, 30) + ", \"_x1\": 2",
            1,
            "repeat of an early name past the few",
        ),
        // Both past the switch.
        (names(0, 30) + ", \"_x25\": 2", 1, "repeat of a late name"),
        // A known member repeated past the switch, and escaped.
        (
            names(0, 30) + ", \"\\u0069d\": \"y\"",
            1,
            "escaped `id` again",
        ),
        // Each repeated name counts once per repeat.
        (names(0, 30) + &names(0, 2), 2, "two repeats"),
    ] {
        let messages = findings(&feed(&extra));
        let count = messages
            .iter()
            .filter(|m| m.class == Class::DuplicateMember)
            .count();
        assert_eq!(count, repeated, "{why}: {messages:#?}");
    }
}
