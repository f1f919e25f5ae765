//! The feed as Atom 1.0 (RFC 4287).
//!
//! Titles and summaries are plain text (`type="text"`); content is escaped
//! HTML (`type="html"`). Dates are RFC 3339 in whole seconds. The feed has
//! `rel="self"` and `rel="alternate"` links and an author, so every entry
//! has one. An entry's enclosure is a `<link rel="enclosure">` with its
//! `type` (and `length` when known), its picture Media RSS
//! `<media:content>` (see [`crate::write::media`]).

use crate::config::Person;
use crate::feed::{Feed, FeedEntry, GENERATOR, HISTORY_NS, History};
use crate::text::date::push_rfc3339_offset;
use crate::write::media::{self, MEDIA_NS};
use crate::write::xml::XmlWriter;

/// Writes the feed as Atom 1.0, pretty-printed, with an XML declaration.
pub fn write(feed: &Feed) -> Vec<u8> {
    let mut xml = XmlWriter::with_capacity(feed.xml_size_hint());
    xml.declaration(r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let mut root = vec![("xmlns", "http://www.w3.org/2005/Atom")];
    if feed.entries.iter().any(|e| e.entry.image.is_some()) {
        root.push(("xmlns:media", MEDIA_NS));
    }
    if feed.history.archive {
        root.push(("xmlns:fh", HISTORY_NS));
    }
    if let Some(language) = &feed.language {
        root.push(("xml:lang", language));
    }
    xml.start("feed", &root);
    xml.text_element("title", &feed.title);
    xml.text_element("id", &feed.id);
    xml.text_element_with("updated", |out| push_rfc3339_offset(&feed.updated, out));
    person(&mut xml, &feed.author);
    xml.text_element("generator", GENERATOR);
    // The site link first: some readers take a feed's first `<link>` for
    // the site, whatever its `rel`.
    link(&mut xml, feed.link.as_str(), "alternate", "text/html");
    link(
        &mut xml,
        feed.atom_url.as_str(),
        "self",
        "application/atom+xml",
    );
    history(&mut xml, &feed.history);
    // WebSub's discovery: the hubs next to the self link they announce.
    for hub in &feed.hubs {
        xml.empty("link", &[("href", hub.as_str()), ("rel", "hub")]);
    }
    xml.text_element("subtitle", &feed.description);
    for entry in feed.entries_ahead() {
        self::entry(&mut xml, entry);
    }
    xml.end("feed");
    let mut out = xml.into_string();
    out.push('\n');
    out.into_bytes()
}

/// The RFC 5005 marker and links.
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
            link(xml, urls.atom.as_str(), rel, "application/atom+xml");
        }
    }
}

fn person(xml: &mut XmlWriter, person: &Person) {
    xml.start("author", &[]);
    xml.text_element("name", &person.name);
    if let Some(email) = &person.email {
        xml.text_element("email", email);
    }
    xml.end("author");
}

fn link(xml: &mut XmlWriter, href: &str, rel: &str, mime_type: &str) {
    xml.empty("link", &[("href", href), ("rel", rel), ("type", mime_type)]);
}

fn entry(xml: &mut XmlWriter, feed_entry: &FeedEntry) {
    let e = &feed_entry.entry;
    xml.start("entry", &[]);
    xml.text_element("title", &e.title);
    xml.text_element("id", &e.id);
    xml.text_element_with("updated", |out| push_rfc3339_offset(&e.updated, out));
    for author in &e.authors {
        person(xml, author);
    }
    for tag in &e.tags {
        xml.empty("category", &[("term", tag)]);
    }
    link(xml, e.link.as_str(), "alternate", "text/html");
    if let Some(enclosure) = &e.enclosure {
        // Atom has no "unknown" length: a zero is left out, not written.
        let length = enclosure.length.filter(|&l| l > 0).map(|l| l.to_string());
        let mut attributes = vec![
            ("href", enclosure.url.as_str()),
            ("rel", "enclosure"),
            ("type", enclosure.mime_type.as_str()),
        ];
        if let Some(length) = &length {
            attributes.push(("length", length));
        }
        xml.empty("link", &attributes);
    }
    xml.text_element_with("published", |out| push_rfc3339_offset(&e.published, out));
    if !e.summary.is_empty() {
        xml.text_element("summary", &e.summary);
    }
    if let Some(html) = &feed_entry.content {
        xml.start("content", &[("type", "html")]);
        xml.text(html);
        xml.end("content");
    }
    if let Some(image) = &e.image {
        media::write(xml, image);
    }
    xml.end("entry");
}

/// The feed as the `atom_syndication` crate writes it from its own model:
/// what [`write`] must match byte for byte.
#[cfg(test)]
pub(crate) mod reference {
    use atom_syndication::extension::{Extension, ExtensionMap};
    use atom_syndication::{Category, Content, Entry, Generator, Link, Person, Text, WriteConfig};

    use crate::config;
    use crate::feed::{Feed, FeedEntry, GENERATOR};

    /// Writes the feed as Atom 1.0, pretty-printed, with an XML declaration.
    pub fn write(feed: &Feed) -> Vec<u8> {
        let atom = atom_syndication::Feed {
            id: feed.id.clone(),
            title: Text::plain(feed.title.clone()),
            subtitle: Some(Text::plain(feed.description.clone())),
            updated: feed.updated,
            authors: vec![person(&feed.author)],
            links: [
                link(feed.link.as_str(), "alternate", "text/html"),
                link(feed.atom_url.as_str(), "self", "application/atom+xml"),
            ]
            .into_iter()
            .chain(feed.hubs.iter().map(|hub| Link {
                href: hub.to_string(),
                rel: "hub".to_owned(),
                ..Link::default()
            }))
            .collect(),
            generator: Some(Generator {
                value: GENERATOR.to_owned(),
                uri: None,
                version: None,
            }),
            lang: feed.language.clone(),
            entries: feed.entries.iter().map(entry).collect(),
            namespaces: feed
                .entries
                .iter()
                .any(|e| e.entry.image.is_some())
                .then(|| ("media".to_owned(), super::MEDIA_NS.to_owned()))
                .into_iter()
                .collect(),
            ..atom_syndication::Feed::default()
        };
        let mut out = Vec::with_capacity(feed.xml_size_hint());
        out.extend_from_slice(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let config = WriteConfig {
            write_document_declaration: false,
            indent_size: Some(2),
        };
        let out = atom
            .write_with_config(std::mem::take(&mut out), config)
            .expect("writing to a Vec cannot fail");
        let mut out = String::from_utf8(out).expect("the crate writes UTF-8");
        out = crate::write::media::reference::self_close(&out, "media:thumbnail");
        out.push('\n');
        out.into_bytes()
    }

    /// The crate's extension element. It writes attribute values as the
    /// bytes given, unescaped (a `&` in a URL would make the feed
    /// ill-formed), so the values are escaped here.
    fn extension(element: crate::write::media::reference::Element) -> Extension {
        Extension {
            name: element.name,
            value: element.value,
            attrs: element
                .attrs
                .into_iter()
                .map(|(k, v)| (k, quick_xml::escape::escape(v.as_str()).into_owned()))
                .collect(),
            children: element
                .children
                .into_iter()
                .map(|(k, v)| (k, v.into_iter().map(extension).collect()))
                .collect(),
        }
    }

    fn person(p: &config::Person) -> Person {
        Person {
            name: p.name.clone(),
            email: p.email.clone(),
            ..Person::default()
        }
    }

    fn link(href: &str, rel: &str, mime_type: &str) -> Link {
        Link {
            href: href.to_owned(),
            rel: rel.to_owned(),
            mime_type: Some(mime_type.to_owned()),
            ..Link::default()
        }
    }

    fn entry(feed_entry: &FeedEntry) -> Entry {
        let e = &feed_entry.entry;
        Entry {
            id: e.id.clone(),
            title: Text::plain(e.title.clone()),
            updated: e.updated,
            published: Some(e.published),
            authors: e.authors.iter().map(person).collect(),
            links: std::iter::once(link(e.link.as_str(), "alternate", "text/html"))
                .chain(e.enclosure.as_ref().map(|enclosure| Link {
                    href: enclosure.url.clone(),
                    rel: "enclosure".to_owned(),
                    mime_type: Some(enclosure.mime_type.clone()),
                    length: enclosure.length.filter(|&l| l > 0).map(|l| l.to_string()),
                    ..Link::default()
                }))
                .collect(),
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
            summary: (!e.summary.is_empty()).then(|| Text::plain(e.summary.clone())),
            content: feed_entry.content.as_ref().map(|html| Content {
                value: Some(html.to_string()),
                content_type: Some("html".to_owned()),
                ..Content::default()
            }),
            categories: e
                .tags
                .iter()
                .map(|t| Category {
                    term: t.clone(),
                    ..Category::default()
                })
                .collect(),
            ..Entry::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed;
    use std::sync::Arc;

    /// Byte for byte what the `atom_syndication` crate writes (see
    /// [`feed::variants`]).
    #[test]
    fn same_bytes_as_the_atom_crate() {
        feed::assert_same_bytes(write, reference::write);
    }

    /// A zero enclosure length (front matter may say `length: 0`, RSS's
    /// way to say "unknown") is left out of Atom, where a `length` is a
    /// size from 1.
    #[test]
    fn zero_enclosure_length_is_left_out() {
        let mut feed = feed::sample_with_media();
        let entry = Arc::make_mut(&mut feed.entries[0].entry);
        if let Some(enclosure) = entry.enclosure.as_mut() {
            enclosure.length = Some(0);
        }
        let xml = String::from_utf8(write(&feed)).expect("UTF-8");
        assert!(xml.contains("rel=\"enclosure\""), "{xml}");
        assert!(!xml.contains("length="), "{xml}");
    }

    /// The picture and the enclosure read back as written: a
    /// `rel="enclosure"` link after the alternate one (`length` only when
    /// known) and one `<media:content>` with its description, credit and
    /// thumbnail.
    #[test]
    fn round_trip_media() {
        let feed = feed::sample_with_media();
        let xml = write(&feed);
        let atom = atom_syndication::Feed::read_from(&xml[..]).expect("reads back");
        assert_eq!(
            atom.namespaces.get("media").map(String::as_str),
            Some(MEDIA_NS)
        );
        for (entry, fe) in atom.entries.iter().zip(&feed.entries) {
            let e = &fe.entry;
            let want = e.enclosure.as_ref().expect("test enclosure");
            let links: Vec<&str> = entry.links.iter().map(|l| l.rel.as_str()).collect();
            assert_eq!(links, ["alternate", "enclosure"]);
            let got = &entry.links[1];
            assert_eq!(got.href, want.url);
            assert_eq!(got.mime_type.as_deref(), Some(want.mime_type.as_str()));
            assert_eq!(got.length, want.length.map(|l| l.to_string()));
            let image = e.image.as_ref().expect("test picture");
            let contents = &entry.extensions["media"]["content"];
            assert_eq!(contents.len(), 1);
            let content = &contents[0];
            let attr = |name: &str| content.attrs.get(name).map(String::as_str);
            assert_eq!(attr("url"), Some(image.url.as_str()));
            assert_eq!(attr("medium"), Some("image"));
            assert_eq!(attr("type"), image.mime_type.as_deref());
            assert_eq!(
                attr("width").map(str::to_owned),
                image.width.map(|w| w.to_string())
            );
            let child = |name: &str| {
                content
                    .children
                    .get(name)
                    .and_then(|c| c.first())
                    .and_then(|c| c.value.clone())
            };
            assert_eq!(child("description"), image.description);
            assert_eq!(child("credit"), image.credit);
            let thumbnail = &content.children["thumbnail"][0];
            assert_eq!(
                thumbnail.attrs.get("url").map(String::as_str),
                Some(image.url.as_str())
            );
        }
    }

    /// What we write is what the `atom_syndication` crate reads back.
    #[test]
    fn round_trip() {
        let feed = feed::sample();
        let xml = write(&feed);
        let atom = atom_syndication::Feed::read_from(&xml[..]).expect("reads back");
        assert_eq!(atom.id, feed.id);
        assert_eq!(atom.title.value, feed.title);
        assert_eq!(
            atom.subtitle.as_ref().map(|s| s.value.as_str()),
            Some(feed.description.as_str())
        );
        assert_eq!(atom.updated, feed.updated);
        assert_eq!(atom.lang, feed.language);
        assert_eq!(atom.authors[0].name, "Desk");
        let rels: Vec<(&str, &str)> = atom
            .links
            .iter()
            .map(|l| (l.rel.as_str(), l.href.as_str()))
            .collect();
        // The site link comes first: readers that take the first `<link>`
        // for the site must not get the feed's own URL.
        assert_eq!(
            rels,
            [
                ("alternate", feed.link.as_str()),
                ("self", feed.atom_url.as_str())
            ]
        );
        assert_eq!(atom.entries.len(), feed.entries.len());
        for (entry, fe) in atom.entries.iter().zip(&feed.entries) {
            let e = &fe.entry;
            assert_eq!(entry.id, e.id);
            assert_eq!(entry.title.value, e.title);
            assert_eq!(entry.title.r#type, atom_syndication::TextType::Text);
            assert_eq!(entry.updated, e.updated);
            assert_eq!(entry.published, Some(e.published));
            assert_eq!(entry.links[0].href, e.link.as_str());
            assert_eq!(
                entry.summary.as_ref().map(|s| s.value.clone()),
                (!e.summary.is_empty()).then(|| e.summary.clone())
            );
            assert_eq!(
                entry.content.as_ref().and_then(|c| c.value.as_deref()),
                fe.content.as_deref()
            );
            assert_eq!(entry.authors[0].name, "Ana Ruiz");
            assert_eq!(entry.categories[0].term, "City");
        }
    }

    /// Hubs are `<link rel="hub">` after the self link, in their order,
    /// with no type, and read back as such.
    #[test]
    fn hub_links() {
        let mut feed = feed::sample();
        feed.hubs = vec![
            url::Url::parse("https://hub.example.net/").expect("valid"),
            url::Url::parse("https://hub.example.org/p?a=1&b=2").expect("valid"),
        ];
        let xml = write(&feed);
        let text = String::from_utf8(xml.clone()).expect("UTF-8");
        assert!(
            text.contains(concat!(
                r#"<link href="https://example.com/feeds/atom.xml" rel="self" type="application/atom+xml"/>"#,
                "\n  ",
                r#"<link href="https://hub.example.net/" rel="hub"/>"#,
                "\n  ",
                r#"<link href="https://hub.example.org/p?a=1&amp;b=2" rel="hub"/>"#,
            )),
            "{text}"
        );
        let atom = atom_syndication::Feed::read_from(&xml[..]).expect("reads back");
        let links: Vec<(&str, &str, Option<&str>)> = atom
            .links
            .iter()
            .map(|l| (l.rel.as_str(), l.href.as_str(), l.mime_type.as_deref()))
            .collect();
        assert_eq!(
            links,
            [
                ("alternate", feed.link.as_str(), Some("text/html")),
                ("self", feed.atom_url.as_str(), Some("application/atom+xml")),
                ("hub", "https://hub.example.net/", None),
                ("hub", "https://hub.example.org/p?a=1&b=2", None),
            ]
        );
    }
}
