//! The site's feeds as an OPML 2.0 subscription list, so that a reader
//! imports the whole set (main feed, sections, tags, each format) at once.
//!
//! Every feed is one `<outline type="rss">`: OPML 2.0 calls a subscription
//! list a list of nodes of type `rss`, whatever the format of the feed
//! they point at. The head carries the list's title, its `dateModified`
//! (RFC 822 with a four-digit year, taken from the data, never from the
//! clock), the owner when known and `docs` naming the specification. The
//! layout is the feeds': pretty-printed, two spaces a level, a final line
//! break.

use chrono::{DateTime, FixedOffset};
use url::Url;

use crate::text::date::push_rfc822;
use crate::write::xml::XmlWriter;

/// Where the OPML 2.0 specification is published, for `<docs>`.
pub const DOCS: &str = "http://opml.org/spec2.opml";

/// The OPML `version` attribute of an outline pointing at an RSS 0.91,
/// 0.92 or 2.0 feed, as the specification lists it. It defines none for
/// Atom or JSON Feed, so their outlines leave the attribute out.
pub const RSS_VERSION: &str = "RSS";

/// A subscription list: the head of the document and its feeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscriptions {
    /// `<head><title>`: what the list is, such as the site's name.
    pub title: String,
    /// `<head><ownerName>`, when the site names its owner.
    pub owner_name: Option<String>,
    /// `<head><ownerEmail>`, when the site gives an address.
    pub owner_email: Option<String>,
    /// `<head><dateModified>`: when the set last changed, from the data
    /// (the newest feed's update time), never from the clock.
    pub date_modified: DateTime<FixedOffset>,
    /// The feeds, one outline each, in the order given.
    pub outlines: Vec<Outline>,
}

/// One feed of the list: an `<outline type="rss">`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    /// The feed's title: both the `text` and the `title` attribute.
    pub text: String,
    /// The `description` attribute: the feed's own description.
    pub description: Option<String>,
    /// The `xmlUrl` attribute: where the feed is published.
    pub xml_url: Url,
    /// The `htmlUrl` attribute: the page the feed follows.
    pub html_url: Url,
    /// The `language` attribute: the feed's language tag.
    pub language: Option<String>,
    /// The `version` attribute: [`RSS_VERSION`] for RSS feeds, `None`
    /// for the formats OPML names no version for.
    pub version: Option<&'static str>,
}

/// Writes the list as OPML 2.0, pretty-printed, with an XML declaration.
/// Attribute values are written as given: titles and descriptions are
/// single lines by the time a feed holds them. OPML 2.0 wants at least
/// one outline; a site always has its main feed, so the list is never
/// empty in practice, and an empty one is written with an empty body.
pub fn write(list: &Subscriptions) -> Vec<u8> {
    let mut xml = XmlWriter::with_capacity(512 + list.outlines.len() * 256);
    xml.declaration(r#"<?xml version="1.0" encoding="utf-8"?>"#);
    xml.start("opml", &[("version", "2.0")]);
    xml.start("head", &[]);
    xml.text_element("title", &list.title);
    xml.text_element_with("dateModified", |out| push_rfc822(&list.date_modified, out));
    if let Some(name) = &list.owner_name {
        xml.text_element("ownerName", name);
    }
    if let Some(email) = &list.owner_email {
        xml.text_element("ownerEmail", email);
    }
    xml.text_element("docs", DOCS);
    xml.end("head");
    xml.start("body", &[]);
    for outline in &list.outlines {
        let mut attributes = vec![
            ("type", "rss"),
            ("text", outline.text.as_str()),
            ("title", outline.text.as_str()),
            ("xmlUrl", outline.xml_url.as_str()),
            ("htmlUrl", outline.html_url.as_str()),
        ];
        if let Some(description) = &outline.description {
            attributes.push(("description", description));
        }
        if let Some(language) = &outline.language {
            attributes.push(("language", language));
        }
        if let Some(version) = outline.version {
            attributes.push(("version", version));
        }
        xml.empty("outline", &attributes);
    }
    xml.end("body");
    xml.end("opml");
    let mut out = xml.into_string();
    out.push('\n');
    out.into_bytes()
}

#[cfg(test)]
mod tests;
