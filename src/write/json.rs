//! The feed as JSON Feed 1.1 (<https://www.jsonfeed.org/version/1.1/>).
//!
//! Members come in a fixed order (the order `write` takes them in), pretty-printed
//! with a 2-space indent, so the same feed gives the same bytes. Dates are
//! RFC 3339 in each article's own offset, in whole seconds, as the Atom
//! feed writes them. Titles and summaries are plain text; content is HTML.
//! An entry's picture is the item's `image`; its enclosure its one
//! `attachments` member (`size_in_bytes` only when known).

use crate::feed::{Feed, FeedEntry};
use crate::text::date::push_rfc3339_offset;
use crate::text::escape::split_at_specials;

/// The `version` member of every feed written.
pub const VERSION: &str = "https://jsonfeed.org/version/1.1";

/// Writes the feed as JSON Feed 1.1, pretty-printed, ending in a newline.
///
/// The layout is serde_json's pretty printer's, byte for byte (a test
/// holds it to it): written here so that strings are escaped a block of
/// bytes at a time rather than byte by byte, which was most of the time
/// taken to write a large feed.
///
/// A JSON Feed author is a name only. JSON Feed has no email member, and
/// its `url` is "a site owned by the author": a `mailto:` URL is no site,
/// readers show `url` as a link to a page, and the address would be
/// published for harvesting in one more place. The email stays in the RSS
/// and Atom feeds, which have a place for it.
pub fn write(feed: &Feed) -> Vec<u8> {
    let mut json = Pretty::with_capacity(feed.xml_size_hint());
    json.open(b'{');
    json.member("version", VERSION);
    json.member("title", &feed.title);
    json.member("home_page_url", feed.link.as_str());
    json.member("feed_url", feed.json_url.as_str());
    if !feed.hubs.is_empty() {
        json.key("hubs");
        json.open(b'[');
        for hub in &feed.hubs {
            json.item();
            json.open(b'{');
            json.member("type", "WebSub");
            json.member("url", hub.as_str());
            json.close(b'}');
        }
        json.close(b']');
    }
    json.member("description", &feed.description);
    if let Some(language) = &feed.language {
        json.member("language", language);
    }
    json.key("authors");
    json.names([feed.author.name.as_str()]);
    json.key("items");
    json.open(b'[');
    for entry in feed.entries_ahead() {
        json.item();
        item(&mut json, entry);
    }
    json.close(b']');
    json.close(b'}');
    let mut out = json.out;
    out.push(b'\n');
    out
}

/// One item, as an object.
fn item(json: &mut Pretty, feed_entry: &FeedEntry) {
    let e = &feed_entry.entry;
    json.open(b'{');
    json.member("id", &e.id);
    json.member("url", e.link.as_str());
    json.member("title", &e.title);
    if !e.summary.is_empty() {
        json.member("summary", &e.summary);
    }
    // JSON Feed 1.1 requires `content_html` or `content_text` in every
    // item. Without content the summary is the text; an entry with neither
    // gets an empty `content_text`: the member is present, so the item is
    // valid, and it says truthfully that there is no text. Repeating the
    // title there instead would show it twice, since readers show the
    // title above the content (the RSS and Atom feeds carry no text for
    // such an entry either).
    match feed_entry.content.as_deref() {
        Some(html) => json.member("content_html", html),
        None => json.member("content_text", &e.summary),
    }
    if let Some(image) = &e.image {
        json.member("image", image.url.as_str());
    }
    let mut date = String::with_capacity(25);
    push_rfc3339_offset(&e.published, &mut date);
    json.member("date_published", &date);
    date.clear();
    push_rfc3339_offset(&e.updated, &mut date);
    json.member("date_modified", &date);
    if !e.authors.is_empty() {
        json.key("authors");
        json.names(e.authors.iter().map(|person| person.name.as_str()));
    }
    if !e.tags.is_empty() {
        json.key("tags");
        json.open(b'[');
        for tag in &e.tags {
            json.item();
            json.string(tag);
        }
        json.close(b']');
    }
    if let Some(enclosure) = &e.enclosure {
        json.key("attachments");
        json.open(b'[');
        json.item();
        json.open(b'{');
        json.member("url", &enclosure.url);
        json.member("mime_type", &enclosure.mime_type);
        if let Some(length) = enclosure.length {
            json.key("size_in_bytes");
            json.out.extend_from_slice(length.to_string().as_bytes());
        }
        json.close(b'}');
        json.close(b']');
    }
    json.close(b'}');
}

/// A pretty-printed JSON document as serde_json's `PrettyFormatter`
/// writes it: two spaces of indent a level, `": "` after a key, and an
/// empty object or array as `{}` or `[]`.
struct Pretty {
    out: Vec<u8>,
    depth: usize,
    /// Whether the innermost object or array has no value yet.
    empty: bool,
}

impl Pretty {
    fn with_capacity(capacity: usize) -> Self {
        Self {
            out: Vec::with_capacity(capacity),
            depth: 0,
            empty: true,
        }
    }

    /// Opens an object (`{`) or an array (`[`).
    fn open(&mut self, bracket: u8) {
        self.out.push(bracket);
        self.depth += 1;
        self.empty = true;
    }

    /// Closes the innermost object (`}`) or array (`]`).
    fn close(&mut self, bracket: u8) {
        self.depth -= 1;
        if !self.empty {
            self.line();
        }
        self.out.push(bracket);
        self.empty = false;
    }

    /// Starts the next value of an array, or member of an object.
    fn item(&mut self) {
        if !self.empty {
            self.out.push(b',');
        }
        self.line();
        self.empty = false;
    }

    fn line(&mut self) {
        self.out.push(b'\n');
        for _ in 0..self.depth {
            self.out.extend_from_slice(b"  ");
        }
    }

    /// Starts a member: its key, then the value comes.
    fn key(&mut self, key: &str) {
        self.item();
        self.string(key);
        self.out.extend_from_slice(b": ");
    }

    /// A member whose value is a string.
    fn member(&mut self, key: &str, value: &str) {
        self.key(key);
        self.string(value);
    }

    /// An array of authors, each an object with its name.
    fn names<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) {
        self.open(b'[');
        for name in names {
            self.item();
            self.open(b'{');
            self.member("name", name);
            self.close(b'}');
        }
        self.close(b']');
    }

    /// A JSON string, escaped as serde_json escapes it: `"` and `\\`, the
    /// C0 controls as `\b`, `\t`, `\n`, `\f`, `\r` or `\u00xx` (lower-case
    /// hex), and nothing else (see [`split_at_specials`]).
    fn string(&mut self, value: &str) {
        let special = |b: u8| u8::from(b < 0x20) | u8::from(b == b'"') | u8::from(b == b'\\');
        let out = &mut self.out;
        out.push(b'"');
        split_at_specials(value, special, |text, byte| {
            out.extend_from_slice(text.as_bytes());
            match byte {
                None => {}
                Some(b'"') => out.extend_from_slice(b"\\\""),
                Some(b'\\') => out.extend_from_slice(b"\\\\"),
                Some(0x08) => out.extend_from_slice(b"\\b"),
                Some(b'\t') => out.extend_from_slice(b"\\t"),
                Some(b'\n') => out.extend_from_slice(b"\\n"),
                Some(0x0C) => out.extend_from_slice(b"\\f"),
                Some(b'\r') => out.extend_from_slice(b"\\r"),
                Some(control) => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    out.extend_from_slice(b"\\u00");
                    out.push(HEX[usize::from(control >> 4)]);
                    out.push(HEX[usize::from(control & 0xF)]);
                }
            }
        });
        out.push(b'"');
    }
}

#[cfg(test)]
mod serde_oracle;

#[cfg(test)]
mod tests;
