//! The JSON writer as it was, on serde's derive and serde_json's pretty
//! printer: the oracle the hand-written writer is held to, byte for byte.

use serde::Serialize;

use crate::config::Person;
use crate::feed::{Feed, FeedEntry};
use crate::text::date::push_rfc3339_offset;

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
pub(super) fn write(feed: &Feed) -> Vec<u8> {
    let json = JsonFeed {
        version: super::VERSION,
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
