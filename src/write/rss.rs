//! The feed as RSS 2.0, with the `atom`, `content` and `dc` namespaces.
//!
//! Each item has a title, a link, a `guid` with `isPermaLink="false"` (the
//! guid is a tag URI, not the link), `pubDate` (the published time in RFC
//! 822 with a four-digit year and a numeric offset), the summary as
//! `description`, the full HTML as `content:encoded`, and its author as
//! `<author>` (`email (Name)`) when it has one author with an email
//! address, as the specification requires one, or else its authors' names
//! as `dc:creator`: never both, which would say the same thing twice. An entry's enclosure is `<enclosure>`
//! (one per item, as the RSS Advisory Board's profile requires; `length`
//! `0` when unknown, as it prescribes), its picture Media RSS
//! `<media:content>` (see [`crate::write::media`]).

use crate::config::Person;
use crate::feed::{Feed, FeedEntry, GENERATOR, HISTORY_NS, History};
use crate::text::date::push_rfc822;
use crate::write::media::{self, MEDIA_NS};
use crate::write::xml::XmlWriter;

const ATOM_NS: &str = "http://www.w3.org/2005/Atom";
const CONTENT_NS: &str = "http://purl.org/rss/1.0/modules/content/";
const DC_NS: &str = "http://purl.org/dc/elements/1.1/";

/// Writes the feed as RSS 2.0, pretty-printed, with an XML declaration.
/// A namespace is declared only when the feed uses it.
pub fn write(feed: &Feed) -> Vec<u8> {
    let mut xml = XmlWriter::with_capacity(feed.xml_size_hint());
    xml.declaration(r#"<?xml version="1.0" encoding="utf-8"?>"#);
    let mut root = vec![("version", "2.0"), ("xmlns:atom", ATOM_NS)];
    if feed.entries.iter().any(|e| e.content.is_some()) {
        root.push(("xmlns:content", CONTENT_NS));
    }
    if feed
        .entries
        .iter()
        .any(|e| author_element(&e.entry).is_none() && !e.entry.authors.is_empty())
    {
        root.push(("xmlns:dc", DC_NS));
    }
    if feed.entries.iter().any(|e| e.entry.image.is_some()) {
        root.push(("xmlns:media", MEDIA_NS));
    }
    if feed.history.archive {
        root.push(("xmlns:fh", HISTORY_NS));
    }
    xml.start("rss", &root);
    xml.start("channel", &[]);
    xml.text_element("title", &feed.title);
    xml.text_element("link", feed.link.as_str());
    xml.text_element("description", &feed.description);
    if let Some(language) = &feed.language {
        xml.text_element("language", language);
    }
    person(&mut xml, "managingEditor", &feed.author);
    xml.text_element_with("lastBuildDate", |out| push_rfc822(&feed.updated, out));
    xml.text_element("generator", GENERATOR);
    xml.text_element("docs", "https://www.rssboard.org/rss-specification");
    xml.empty(
        "atom:link",
        &[
            ("href", feed.rss_url.as_str()),
            ("rel", "self"),
            ("type", "application/rss+xml"),
        ],
    );
    history(&mut xml, &feed.history);
    // WebSub's discovery: the hubs next to the self link they announce.
    for hub in &feed.hubs {
        xml.empty("atom:link", &[("href", hub.as_str()), ("rel", "hub")]);
    }
    for entry in feed.entries_ahead() {
        item(&mut xml, entry);
    }
    xml.end("channel");
    xml.end("rss");
    let mut out = xml.into_string();
    out.push('\n');
    out.into_bytes()
}

/// RSS's person form, `email (Name)`, when the person has an email (the
/// specification requires one); nothing otherwise.
/// The RFC 5005 marker and links, as `fh:archive` and `atom:link`.
fn history(xml: &mut XmlWriter, history: &History) {
    if history.archive {
        xml.empty("fh:archive", &[]);
    }
    for (rel, urls) in [
        ("current", &history.current),
        ("prev-archive", &history.prev),
        ("next-archive", &history.next),
    ] {
        if let Some(urls) = urls {
            xml.empty(
                "atom:link",
                &[
                    ("href", urls.rss.as_str()),
                    ("rel", rel),
                    ("type", "application/rss+xml"),
                ],
            );
        }
    }
}

fn person(xml: &mut XmlWriter, name: &str, person: &Person) {
    if let Some(email) = &person.email {
        xml.start(name, &[]);
        xml.text(email);
        xml.text(" (");
        xml.text(&comment_text(&person.name));
        xml.text(")");
        xml.end(name);
    }
}

/// A name as the text of an RFC 822 comment, `email (name)`: parentheses
/// that pair up stay as they are (a nested comment, `Lena Park
/// (Reuters)`), and a parenthesis without its partner or a backslash is
/// quoted with a backslash, so that the comment always ends where the
/// name does.
fn comment_text(name: &str) -> std::borrow::Cow<'_, str> {
    if !name.contains(['(', ')', '\\']) {
        return std::borrow::Cow::Borrowed(name);
    }
    let chars: Vec<char> = name.chars().collect();
    let mut paired = vec![false; chars.len()];
    let mut open = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '(' => open.push(i),
            ')' => {
                if let Some(start) = open.pop() {
                    paired[start] = true;
                    paired[i] = true;
                }
            }
            _ => {}
        }
    }
    let mut out = String::with_capacity(name.len() + 4);
    for (&c, &paired) in chars.iter().zip(&paired) {
        if c == '\\' || (matches!(c, '(' | ')') && !paired) {
            out.push('\\');
        }
        out.push(c);
    }
    std::borrow::Cow::Owned(out)
}

fn item(xml: &mut XmlWriter, feed_entry: &FeedEntry) {
    let e = &feed_entry.entry;
    xml.start("item", &[]);
    xml.text_element("title", &e.title);
    xml.text_element("link", e.link.as_str());
    if !e.summary.is_empty() {
        // RSS descriptions are HTML: the plain-text summary is escaped for
        // HTML, in CDATA.
        xml.cdata_element(
            "description",
            &quick_xml::escape::partial_escape(e.summary.as_str()),
        );
    }
    if let Some(author) = author_element(e) {
        person(xml, "author", author);
    }
    for tag in &e.tags {
        xml.text_element("category", tag);
    }
    if let Some(enclosure) = &e.enclosure {
        let length = enclosure.length.unwrap_or(0).to_string();
        xml.empty(
            "enclosure",
            &[
                ("url", &enclosure.url),
                ("length", &length),
                ("type", &enclosure.mime_type),
            ],
        );
    }
    let guid_attributes: &[(&str, &str)] = if e.id == e.link.as_str() {
        &[]
    } else {
        &[("isPermaLink", "false")]
    };
    xml.start("guid", guid_attributes);
    xml.text(&e.id);
    xml.end("guid");
    xml.text_element_with("pubDate", |out| push_rfc822(&e.published, out));
    if let Some(content) = &feed_entry.content {
        xml.cdata_element("content:encoded", content);
    }
    if let Some(image) = &e.image {
        media::write(xml, image);
    }
    if author_element(e).is_none() {
        for author in &e.authors {
            xml.text_element("dc:creator", &author.name);
        }
    }
    xml.end("item");
}

/// The one author an item names in `<author>`: its only author, when that
/// author has an email address (RSS's `author` is one address, and must
/// hold one). Every other item names its authors as `dc:creator`, never
/// both: `<author>` beside `dc:creator` says the same thing twice, which
/// the W3C validator warns about (`DuplicateItemSemantics`).
fn author_element(e: &crate::normalize::NormalizedEntry) -> Option<&Person> {
    match e.authors.as_slice() {
        [only] if only.email.is_some() => Some(only),
        _ => None,
    }
}

/// The feed as the `rss` crate writes it from its own model: what
/// [`write`] must match byte for byte.
#[cfg(test)]
pub(crate) mod reference {
    use std::collections::BTreeMap;

    use rss::extension::atom::{AtomExtension, Link};
    use rss::extension::dublincore::DublinCoreExtension;
    use rss::extension::{Extension, ExtensionMap};
    use rss::{Category, Channel, Enclosure, Guid, Item};

    use crate::config::Person;
    use crate::feed::{Feed, FeedEntry, GENERATOR};
    // The oracle's own date formatting, not the writer's.
    use crate::testing::properties::rss_date;

    /// Writes the feed as RSS 2.0, pretty-printed, with an XML declaration.
    pub fn write(feed: &Feed) -> Vec<u8> {
        let channel = Channel {
            title: feed.title.clone(),
            link: feed.link.to_string(),
            description: feed.description.clone(),
            language: feed.language.clone(),
            managing_editor: rss_person(&feed.author),
            last_build_date: Some(rss_date(&feed.updated)),
            generator: Some(GENERATOR.to_owned()),
            docs: Some("https://www.rssboard.org/rss-specification".to_owned()),
            atom_ext: Some(AtomExtension {
                links: std::iter::once(Link {
                    href: feed.rss_url.to_string(),
                    rel: "self".to_owned(),
                    mime_type: Some("application/rss+xml".to_owned()),
                    ..Link::default()
                })
                .chain(feed.hubs.iter().map(|hub| Link {
                    href: hub.to_string(),
                    rel: "hub".to_owned(),
                    ..Link::default()
                }))
                .collect(),
            }),
            items: feed.entries.iter().map(item).collect(),
            namespaces: feed
                .entries
                .iter()
                .any(|e| e.entry.image.is_some())
                .then(|| ("media".to_owned(), super::MEDIA_NS.to_owned()))
                .into_iter()
                .collect::<BTreeMap<_, _>>(),
            ..Channel::default()
        };
        // The crate writes the XML declaration itself.
        let out = channel
            .pretty_write_to(Vec::with_capacity(feed.xml_size_hint()), b' ', 2)
            .expect("writing to a Vec cannot fail");
        let mut out = String::from_utf8(out).expect("the crate writes UTF-8");
        out = crate::write::media::reference::self_close(&out, "media:thumbnail");
        out.push('\n');
        out.into_bytes()
    }

    fn extension(element: crate::write::media::reference::Element) -> Extension {
        Extension {
            name: element.name,
            value: element.value,
            attrs: element.attrs,
            children: element
                .children
                .into_iter()
                .map(|(k, v)| (k, v.into_iter().map(extension).collect()))
                .collect(),
        }
    }

    /// RSS's person form: `email (Name)`.
    fn rss_person(person: &Person) -> Option<String> {
        person
            .email
            .as_ref()
            .map(|email| format!("{email} ({})", super::comment_text(&person.name)))
    }

    fn item(feed_entry: &FeedEntry) -> Item {
        let e = &feed_entry.entry;
        let creators: Vec<String> = if super::author_element(e).is_some() {
            Vec::new()
        } else {
            e.authors.iter().map(|a| a.name.clone()).collect()
        };
        Item {
            title: Some(e.title.clone()),
            link: Some(e.link.to_string()),
            // RSS descriptions are HTML: the plain-text summary is escaped once
            // for HTML here, and once more for XML by the writer.
            description: (!e.summary.is_empty())
                .then(|| quick_xml::escape::partial_escape(e.summary.as_str()).into_owned()),
            author: super::author_element(e).and_then(rss_person),
            categories: e
                .tags
                .iter()
                .map(|t| Category {
                    name: t.clone(),
                    domain: None,
                })
                .collect(),
            guid: Some(Guid {
                value: e.id.clone(),
                permalink: e.id == e.link.as_str(),
            }),
            pub_date: Some(rss_date(&e.published)),
            content: feed_entry.content.as_deref().map(str::to_owned),
            enclosure: e.enclosure.as_ref().map(|enclosure| Enclosure {
                url: enclosure.url.clone(),
                length: enclosure.length.unwrap_or(0).to_string(),
                mime_type: enclosure.mime_type.clone(),
            }),
            extensions: e
                .image
                .as_ref()
                .map(|image| {
                    let content = extension(crate::write::media::reference::content(image));
                    let mut map = ExtensionMap::new();
                    map.entry("media".to_owned())
                        .or_default()
                        .insert("content".to_owned(), vec![content]);
                    map
                })
                .unwrap_or_default(),
            dublin_core_ext: (!creators.is_empty()).then(|| DublinCoreExtension {
                creators,
                ..DublinCoreExtension::default()
            }),
            ..Item::default()
        }
    }
}

#[cfg(test)]
mod tests;
