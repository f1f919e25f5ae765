//! The feed as JSON Feed 1.1 (<https://www.jsonfeed.org/version/1.1/>).
//!
//! Members come in a fixed order (the structs' field order), pretty-printed
//! with a 2-space indent, so the same feed gives the same bytes. Dates are
//! RFC 3339 in each article's own offset, in whole seconds, as the Atom
//! feed writes them. Titles and summaries are plain text; content is HTML.
//! An entry's picture is the item's `image`; its enclosure its one
//! `attachments` member (`size_in_bytes` only when known).

use serde::Serialize;

use crate::config::Person;
use crate::feed::{Feed, FeedEntry};
use crate::text::date::push_rfc3339_offset;

/// The `version` member of every feed written.
pub const VERSION: &str = "https://jsonfeed.org/version/1.1";

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: &'a str,
    feed_url: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    hubs: Vec<Hub<'a>>,
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    authors: [Author<'a>; 1],
    items: Vec<Item<'a>>,
}

/// A JSON Feed author: a name only. JSON Feed has no email member, and
/// its `url` is "a site owned by the author": a `mailto:` URL is no site,
/// readers show `url` as a link to a page, and the address would be
/// published for harvesting in one more place. The email stays in the RSS
/// and Atom feeds, which have a place for it.
#[derive(Serialize)]
struct Author<'a> {
    name: &'a str,
}

/// A WebSub hub that announces the feed's changes.
#[derive(Serialize)]
struct Hub<'a> {
    r#type: &'static str,
    url: &'a str,
}

#[derive(Serialize)]
struct Item<'a> {
    id: &'a str,
    url: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    summary: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_html: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    date_published: String,
    date_modified: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<Author<'a>>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    attachments: Option<[Attachment<'a>; 1]>,
}

/// A JSON Feed attachment: the entry's enclosure.
#[derive(Serialize)]
struct Attachment<'a> {
    url: &'a str,
    mime_type: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    size_in_bytes: Option<u64>,
}

/// Writes the feed as JSON Feed 1.1, pretty-printed, ending in a newline.
pub fn write(feed: &Feed) -> Vec<u8> {
    let json = JsonFeed {
        version: VERSION,
        title: &feed.title,
        home_page_url: feed.link.as_str(),
        feed_url: feed.json_url.as_str(),
        hubs: feed
            .hubs
            .iter()
            .map(|hub| Hub {
                r#type: "WebSub",
                url: hub.as_str(),
            })
            .collect(),
        description: &feed.description,
        language: feed.language.as_deref(),
        authors: [author(&feed.author)],
        items: feed.entries.iter().map(item).collect(),
    };
    let mut out = Vec::with_capacity(feed.xml_size_hint());
    // Every value is a string or a struct of strings, and a `Vec` takes
    // any number of bytes: serialising cannot fail.
    serde_json::to_writer_pretty(&mut out, &json).expect("strings serialise into a Vec");
    out.push(b'\n');
    out
}

fn author(person: &Person) -> Author<'_> {
    Author { name: &person.name }
}

fn rfc3339(instant: &chrono::DateTime<chrono::FixedOffset>) -> String {
    let mut out = String::with_capacity(25);
    push_rfc3339_offset(instant, &mut out);
    out
}

fn item(feed_entry: &FeedEntry) -> Item<'_> {
    let e = &feed_entry.entry;
    let content_html = feed_entry.content.as_deref();
    // JSON Feed 1.1 requires `content_html` or `content_text` in every
    // item. Without content the summary is the text; an entry with neither
    // gets an empty `content_text`: the member is present, so the item is
    // valid, and it says truthfully that there is no text. Repeating the
    // title there instead would show it twice, since readers show the
    // title above the content (the RSS and Atom feeds carry no text for
    // such an entry either).
    let content_text = content_html.is_none().then_some(e.summary.as_str());
    Item {
        id: &e.id,
        url: e.link.as_str(),
        title: &e.title,
        summary: &e.summary,
        content_html,
        content_text,
        image: e.image.as_ref().map(|image| image.url.as_str()),
        date_published: rfc3339(&e.published),
        date_modified: rfc3339(&e.updated),
        authors: e.authors.iter().map(author).collect(),
        tags: &e.tags,
        attachments: e.enclosure.as_ref().map(|enclosure| {
            [Attachment {
                url: &enclosure.url,
                mime_type: &enclosure.mime_type,
                size_in_bytes: enclosure.length,
            }]
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed;

    /// The sample feed, byte for byte: member order, indent, escaping and
    /// the dates' own offsets.
    #[test]
    fn sample_bytes() {
        let want = r#"{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "Example & Co",
  "home_page_url": "https://example.com/",
  "feed_url": "https://example.com/feeds/feed.json",
  "description": "All the <news>",
  "language": "en",
  "authors": [
    {
      "name": "Desk"
    }
  ],
  "items": [
    {
      "id": "tag:example.com,2023:/b",
      "url": "https://example.com/b/",
      "title": "Fish &amp; <b>chips</b> ]]>",
      "summary": "a < b & c",
      "content_html": "<p>x ]]> y</p>",
      "date_published": "2023-08-08T22:37:00+04:00",
      "date_modified": "2023-08-09T10:00:00+00:00",
      "authors": [
        {
          "name": "Ana Ruiz"
        }
      ],
      "tags": [
        "City"
      ]
    },
    {
      "id": "tag:example.com,2023:/a",
      "url": "https://example.com/a/",
      "title": "مرحبا 😀",
      "content_text": "",
      "date_published": "2023-08-08T22:37:00+04:00",
      "date_modified": "2023-08-08T22:37:00+04:00",
      "authors": [
        {
          "name": "Ana Ruiz"
        }
      ],
      "tags": [
        "City"
      ]
    }
  ]
}
"#;
        let got = String::from_utf8(write(&feed::sample())).expect("UTF-8");
        assert_eq!(got, want);
    }

    /// The picture is the item's `image`, the enclosure its one
    /// attachment, with a size only when known.
    #[test]
    fn picture_and_enclosure() {
        let feed = feed::sample_with_media();
        let value: serde_json::Value =
            serde_json::from_slice(&write(&feed)).expect("parses as JSON");
        let items = &value["items"];
        assert_eq!(
            items[0]["image"],
            "https://example.com/pictures/tunnel.jpg?w=1200&h=800"
        );
        assert_eq!(
            items[0]["attachments"],
            serde_json::json!([{
                "url": "https://example.com/audio/tunnel.mp3",
                "mime_type": "audio/mpeg",
                "size_in_bytes": 1_234_567
            }])
        );
        assert_eq!(items[1]["image"], "https://example.com/pictures/a");
        assert_eq!(
            items[1]["attachments"],
            serde_json::json!([{
                "url": "https://example.com/report.pdf",
                "mime_type": "application/pdf"
            }])
        );
    }

    /// Hubs follow `feed_url`, each with `type` `WebSub` and its `url`,
    /// in their order; a feed without hubs has no `hubs` member.
    #[test]
    fn hubs() {
        let mut feed = feed::sample();
        let plain = String::from_utf8(write(&feed)).expect("UTF-8");
        assert!(!plain.contains("\"hubs\""), "{plain}");
        feed.hubs = vec![
            url::Url::parse("https://hub.example.net/").expect("valid"),
            url::Url::parse("https://hub.example.org/p?a=1&b=2").expect("valid"),
        ];
        let text = String::from_utf8(write(&feed)).expect("UTF-8");
        let want = r#"  "feed_url": "https://example.com/feeds/feed.json",
  "hubs": [
    {
      "type": "WebSub",
      "url": "https://hub.example.net/"
    },
    {
      "type": "WebSub",
      "url": "https://hub.example.org/p?a=1&b=2"
    }
  ],
  "description""#;
        assert!(text.contains(want), "{text}");
    }

    /// Every variant is JSON, with the members JSON Feed 1.1 requires.
    #[test]
    fn every_variant_is_json() {
        for (n, feed) in feed::variants().iter().enumerate() {
            let value: serde_json::Value =
                serde_json::from_slice(&write(feed)).expect("parses as JSON");
            assert_eq!(value["version"], VERSION, "variant {n}");
            let items = value["items"].as_array().expect("items is an array");
            assert_eq!(items.len(), feed.entries.len(), "variant {n}");
            for item in items {
                assert!(
                    item.get("content_html").is_some() != item.get("content_text").is_some(),
                    "variant {n}: exactly one of content_html and content_text"
                );
            }
        }
    }

    /// Every variant passes the JSON Feed 1.1 schema of the tests (with
    /// its formats: absolute URLs, RFC 3339 dates) and the validator with
    /// nothing to say, but for the variants that repeat an id or hold
    /// content that is not clean HTML.
    #[test]
    fn every_variant_passes_the_schema_and_the_validator() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/schemas/jsonfeed-1.1.schema.json"))
                .expect("the schema is JSON");
        let schema = jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("the schema is a JSON Schema");
        for (n, feed) in feed::variants().iter().enumerate() {
            let bytes = write(feed);
            let value: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
            let errors: Vec<String> = schema.iter_errors(&value).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "variant {n}: {errors:?}");
            let mut ids: Vec<&str> = feed.entries.iter().map(|e| e.entry.id.as_str()).collect();
            ids.sort_unstable();
            let repeated = ids.windows(2).any(|w| w[0] == w[1]);
            // The random variants' content is not always clean HTML, as
            // rendered content always is.
            let unclean = feed
                .entries
                .iter()
                .filter_map(|e| e.content.as_deref())
                .any(|html| !crate::validate::html_is_clean(html));
            for m in crate::validate::validate(&bytes, &crate::validate::Options::default()) {
                use crate::validate::Class;
                let allowed = match m.class {
                    Class::DuplicateEntryId => repeated,
                    Class::NotHtml | Class::ContainsRelativeURI | Class::SecurityRisk => unclean,
                    _ => false,
                };
                assert!(allowed, "variant {n}: {m:?}");
            }
        }
    }

    /// What we write is what `feed-rs`, a third-party reader, reads back,
    /// for every variant. feed-rs trims every text, takes `content_text`
    /// as the content when there is no HTML, and gives items without
    /// authors the feed's, once per name.
    #[test]
    fn round_trip_through_feed_rs() {
        for (n, feed) in feed::variants().iter().enumerate() {
            let parsed = feed_rs::parser::parse(&write(feed)[..]).expect("feed-rs reads it");
            assert_eq!(
                parsed.title.map(|t| t.content),
                Some(feed.title.trim().to_owned()),
                "variant {n}"
            );
            assert_eq!(parsed.entries.len(), feed.entries.len(), "variant {n}");
            for (entry, fe) in parsed.entries.iter().zip(&feed.entries) {
                let e = &fe.entry;
                assert_eq!(entry.id, e.id, "variant {n}");
                assert_eq!(
                    entry.title.as_ref().map(|t| t.content.as_str()),
                    Some(e.title.trim()),
                    "variant {n}"
                );
                assert_eq!(entry.links[0].href, e.link.as_str(), "variant {n}");
                assert_eq!(
                    entry.published.map(|d| d.timestamp()),
                    Some(e.published.timestamp()),
                    "variant {n}"
                );
                assert_eq!(
                    entry.updated.map(|d| d.timestamp()),
                    Some(e.updated.timestamp()),
                    "variant {n}"
                );
                assert_eq!(
                    entry.summary.as_ref().map(|s| s.content.as_str()),
                    (!e.summary.is_empty()).then(|| e.summary.trim()),
                    "variant {n}"
                );
                let content = entry.content.as_ref().and_then(|c| c.body.as_deref());
                let (want, mime) = match fe.content.as_deref() {
                    Some(html) => (html, "text/html"),
                    None => (e.summary.as_str(), "text/plain"),
                };
                assert_eq!(content, Some(want.trim()), "variant {n}");
                assert_eq!(
                    entry.content.as_ref().map(|c| c.content_type.to_string()),
                    Some(mime.to_owned()),
                    "variant {n}"
                );
                let mut want_authors: Vec<&str> = Vec::new();
                let people = if e.authors.is_empty() {
                    std::slice::from_ref(&feed.author)
                } else {
                    &e.authors[..]
                };
                // feed-rs keeps a name unless it equals, untrimmed, one
                // kept (trimmed) before.
                for person in people {
                    if !want_authors.contains(&person.name.as_str()) {
                        want_authors.push(person.name.trim());
                    }
                }
                let authors: Vec<&str> = entry.authors.iter().map(|a| a.name.as_str()).collect();
                assert_eq!(authors, want_authors, "variant {n}");
                let tags: Vec<&str> = entry.categories.iter().map(|c| c.term.as_str()).collect();
                let want_tags: Vec<&str> = e.tags.iter().map(|t| t.trim()).collect();
                assert_eq!(tags, want_tags, "variant {n}");
            }
        }
    }

    /// Text with every character JSON escapes, `</script>`, the line and
    /// paragraph separators and characters outside the BMP reads back
    /// as it was written.
    #[test]
    fn awkward_text_survives() {
        let controls: String = (0u8..0x20).map(char::from).collect();
        let text = format!("{controls}\"\\/ \u{7f} </script> \u{2028}\u{2029} 😀 𝄞 \u{10FFFF} é");
        let mut feed = feed::sample();
        feed.title = text.clone();
        let entry = std::sync::Arc::make_mut(&mut feed.entries[0].entry);
        entry.title = text.clone();
        entry.summary = text.clone();
        entry.tags = vec![text.clone()];
        feed.entries[0].content = Some(std::sync::Arc::from(text.as_str()));
        let bytes = write(&feed);
        let value: serde_json::Value = serde_json::from_slice(&bytes).expect("parses as JSON");
        assert_eq!(value["title"], text.as_str());
        let item = &value["items"][0];
        for member in ["title", "summary", "content_html"] {
            assert_eq!(item[member], text.as_str(), "{member}");
        }
        assert_eq!(item["tags"][0], text.as_str());
        // Raw control characters would make the document invalid JSON.
        assert!(!bytes.iter().any(|&b| b < 0x20 && b != b'\n'));
    }
}
