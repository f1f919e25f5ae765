//! The feed as RSS 2.0, with the `atom`, `content` and `dc` namespaces.
//!
//! Each item has a title, a link, a `guid` with `isPermaLink="false"` (the
//! guid is a tag URI, not the link), `pubDate` (the published time in RFC
//! 822 with a four-digit year and a numeric offset), the summary as
//! `description`, the full HTML as `content:encoded`, authors' names as
//! `dc:creator`, and `<author>` only for authors with an email address, as
//! the specification requires one.

use std::collections::BTreeMap;

use rss::extension::atom::{AtomExtension, Link};
use rss::extension::dublincore::DublinCoreExtension;
use rss::{Category, Channel, Guid, Item};

use crate::config::Person;
use crate::error::Error;
use crate::feed::{Feed, FeedEntry, GENERATOR};
use crate::normalize::date::to_rfc822;

/// Writes the feed as RSS 2.0, pretty-printed, with an XML declaration.
pub fn write(feed: &Feed) -> Result<Vec<u8>, Error> {
    let channel = Channel {
        title: feed.title.clone(),
        link: feed.link.to_string(),
        description: feed.description.clone(),
        language: feed.language.clone(),
        managing_editor: rss_person(&feed.author),
        last_build_date: Some(to_rfc822(&feed.updated)),
        generator: Some(GENERATOR.to_owned()),
        docs: Some("https://www.rssboard.org/rss-specification".to_owned()),
        atom_ext: Some(AtomExtension {
            links: vec![Link {
                href: feed.rss_url.to_string(),
                rel: "self".to_owned(),
                mime_type: Some("application/rss+xml".to_owned()),
                ..Link::default()
            }],
        }),
        items: feed.entries.iter().map(item).collect(),
        namespaces: BTreeMap::new(),
        ..Channel::default()
    };
    // The crate writes the XML declaration itself.
    let mut out = channel
        .pretty_write_to(Vec::with_capacity(feed.xml_size_hint()), b' ', 2)
        .map_err(|e| Error::Render {
            format: "RSS",
            message: e.to_string(),
        })?;
    out.push(b'\n');
    Ok(out)
}

/// RSS's person form: `email (Name)`.
fn rss_person(person: &Person) -> Option<String> {
    person
        .email
        .as_ref()
        .map(|email| format!("{email} ({})", person.name))
}

fn item(feed_entry: &FeedEntry) -> Item {
    let e = &feed_entry.entry;
    let creators: Vec<String> = e.authors.iter().map(|a| a.name.clone()).collect();
    Item {
        title: Some(e.title.clone()),
        link: Some(e.link.to_string()),
        // RSS descriptions are HTML: the plain-text summary is escaped once
        // for HTML here, and once more for XML by the writer.
        description: (!e.summary.is_empty())
            .then(|| quick_xml::escape::partial_escape(e.summary.as_str()).into_owned()),
        author: e.authors.iter().find_map(rss_person),
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
        pub_date: Some(to_rfc822(&e.published)),
        content: feed_entry.content.clone(),
        dublin_core_ext: (!creators.is_empty()).then(|| DublinCoreExtension {
            creators,
            ..DublinCoreExtension::default()
        }),
        ..Item::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed;

    /// What we write is what the `rss` crate reads back.
    #[test]
    fn round_trip() {
        let feed = feed::sample();
        let xml = write(&feed).expect("writes");
        let channel = Channel::read_from(&xml[..]).expect("reads back");
        assert_eq!(channel.title, feed.title);
        assert_eq!(channel.description, feed.description);
        assert_eq!(channel.link, feed.link.as_str());
        assert_eq!(channel.language, feed.language);
        assert_eq!(
            channel.last_build_date.as_deref(),
            Some("Wed, 09 Aug 2023 10:00:00 +0000")
        );
        assert_eq!(
            channel.managing_editor.as_deref(),
            Some("desk@example.com (Desk)")
        );
        let self_link = &channel.atom_ext.as_ref().expect("atom:link").links[0];
        assert_eq!(
            (self_link.rel.as_str(), self_link.href.as_str()),
            ("self", feed.rss_url.as_str())
        );
        assert_eq!(channel.items.len(), feed.entries.len());
        for (item, fe) in channel.items.iter().zip(&feed.entries) {
            let e = &fe.entry;
            assert_eq!(item.title.as_deref(), Some(e.title.as_str()));
            assert_eq!(item.link.as_deref(), Some(e.link.as_str()));
            let guid = item.guid.as_ref().expect("guid");
            assert_eq!(
                (guid.value.as_str(), guid.permalink),
                (e.id.as_str(), false)
            );
            assert_eq!(
                item.pub_date.as_deref(),
                Some(to_rfc822(&e.published).as_str())
            );
            let description = item
                .description
                .as_deref()
                .map(|d| htmlize::unescape(d).into_owned());
            assert_eq!(
                description,
                (!e.summary.is_empty()).then(|| e.summary.clone())
            );
            assert_eq!(item.content, fe.content);
            assert_eq!(item.author, None, "no email, no <author>");
            let creators = &item.dublin_core_ext.as_ref().expect("dc").creators;
            assert_eq!(creators, &["Ana Ruiz"]);
            assert_eq!(item.categories[0].name, "City");
        }
    }
}
