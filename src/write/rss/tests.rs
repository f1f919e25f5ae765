use super::*;
use crate::feed;
use crate::testing::properties::rss_date;
use rss::Channel;

/// Byte for byte what the `rss` crate writes, on feeds with every
/// optional part present and absent and text with every character
/// that needs escaping.
#[test]
fn names_become_well_formed_comments() {
    for (name, want) in [
        // Nothing to quote.
        ("Lena Park", "Lena Park"),
        // Parentheses that pair up are a nested comment.
        ("Lena Park (Reuters)", "Lena Park (Reuters)"),
        // An opening parenthesis without its partner is quoted.
        ("Karim(Mansour", "Karim\\(Mansour"),
        // So is a closing one, and only the one without a partner.
        ("a) (b)", "a\\) (b)"),
        // A backslash would quote what follows it.
        ("back\\slash", "back\\\\slash"),
    ] {
        assert_eq!(super::comment_text(name), want, "{name}");
        let value = format!("desk@example.com ({})", super::comment_text(name));
        assert!(crate::validate::values::is_rss_contact(&value), "{value}");
    }
}

#[test]
fn same_bytes_as_the_rss_crate() {
    feed::assert_same_bytes(write, reference::write);
}

/// The picture and the enclosure read back as written: one
/// `<enclosure>` (length `0` when unknown) and one `<media:content>`
/// holding the description, credit and thumbnail.
#[test]
fn round_trip_media() {
    let feed = feed::sample_with_media();
    let xml = write(&feed);
    let channel = Channel::read_from(&xml[..]).expect("reads back");
    assert_eq!(
        channel.namespaces.get("media").map(String::as_str),
        Some(MEDIA_NS)
    );
    for (item, fe) in channel.items.iter().zip(&feed.entries) {
        let e = &fe.entry;
        let want = e.enclosure.as_ref().expect("test enclosure");
        let got = item.enclosure.as_ref().expect("enclosure");
        assert_eq!(got.url, want.url);
        assert_eq!(got.mime_type, want.mime_type);
        assert_eq!(got.length, want.length.unwrap_or(0).to_string());
        let image = e.image.as_ref().expect("test picture");
        let contents = &item.extensions["media"]["content"];
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
        assert_eq!(
            attr("height").map(str::to_owned),
            image.height.map(|h| h.to_string())
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

/// What we write is what the `rss` crate reads back.
#[test]
fn round_trip() {
    let feed = feed::sample();
    let xml = write(&feed);
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
    assert_eq!(channel.atom_ext.as_ref().map(|a| a.links.len()), Some(1));
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
            Some(rss_date(&e.published).as_str())
        );
        let description = item
            .description
            .as_deref()
            .map(|d| htmlize::unescape(d).into_owned());
        assert_eq!(
            description,
            (!e.summary.is_empty()).then(|| e.summary.clone())
        );
        assert_eq!(item.content.as_deref(), fe.content.as_deref());
        assert_eq!(item.author, None, "no email, no <author>");
        let creators = &item.dublin_core_ext.as_ref().expect("dc").creators;
        assert_eq!(creators, &["Ana Ruiz"]);
        assert_eq!(item.categories[0].name, "City");
    }
}

/// Hubs are `atom:link rel="hub"` after the self link, in their order,
/// and read back as such.
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
            r#"<atom:link href="https://example.com/feeds/rss.xml" rel="self" type="application/rss+xml"/>"#,
            "\n    ",
            r#"<atom:link href="https://hub.example.net/" rel="hub"/>"#,
            "\n    ",
            r#"<atom:link href="https://hub.example.org/p?a=1&amp;b=2" rel="hub"/>"#,
        )),
        "{text}"
    );
    let channel = Channel::read_from(&xml[..]).expect("reads back");
    let links: Vec<(&str, &str)> = channel
        .atom_ext
        .as_ref()
        .expect("atom:link")
        .links
        .iter()
        .map(|l| (l.rel.as_str(), l.href.as_str()))
        .collect();
    assert_eq!(
        links,
        [
            ("self", feed.rss_url.as_str()),
            ("hub", "https://hub.example.net/"),
            ("hub", "https://hub.example.org/p?a=1&b=2"),
        ]
    );
}
