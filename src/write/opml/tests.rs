use chrono::DateTime;
use quick_xml::Reader;
use quick_xml::events::Event;

use super::*;

fn url(text: &str) -> Url {
    Url::parse(text).expect("a test URL")
}

/// A site with its main feed in two formats and one tag feed.
fn small_list() -> Subscriptions {
    Subscriptions {
        title: "Example News feeds".to_owned(),
        owner_name: Some("The Desk".to_owned()),
        owner_email: Some("desk@example.com".to_owned()),
        date_modified: DateTime::parse_from_rfc3339("2023-08-08T22:37:00+04:00").expect("a date"),
        outlines: vec![
            Outline {
                text: "Example News".to_owned(),
                description: Some("All the news".to_owned()),
                xml_url: url("https://example.com/rss.xml"),
                html_url: url("https://example.com/"),
                language: Some("en".to_owned()),
                version: Some(RSS_VERSION),
            },
            Outline {
                text: "Example News".to_owned(),
                description: None,
                xml_url: url("https://example.com/atom.xml"),
                html_url: url("https://example.com/"),
                language: None,
                version: None,
            },
            Outline {
                text: "Example News: climate".to_owned(),
                description: None,
                xml_url: url("https://example.com/tags/climate/rss.xml"),
                html_url: url("https://example.com/tags/climate/"),
                language: Some("en".to_owned()),
                version: Some(RSS_VERSION),
            },
        ],
    }
}

/// The layout, byte for byte: attribute order, the date's form and the
/// final line break are part of the output's stability.
#[test]
fn golden_bytes() {
    let want = r#"<?xml version="1.0" encoding="utf-8"?>
<opml version="2.0">
  <head>
    <title>Example News feeds</title>
    <dateModified>Tue, 08 Aug 2023 22:37:00 +0400</dateModified>
    <ownerName>The Desk</ownerName>
    <ownerEmail>desk@example.com</ownerEmail>
    <docs>http://opml.org/spec2.opml</docs>
  </head>
  <body>
    <outline type="rss" text="Example News" title="Example News" xmlUrl="https://example.com/rss.xml" htmlUrl="https://example.com/" description="All the news" language="en" version="RSS"/>
    <outline type="rss" text="Example News" title="Example News" xmlUrl="https://example.com/atom.xml" htmlUrl="https://example.com/"/>
    <outline type="rss" text="Example News: climate" title="Example News: climate" xmlUrl="https://example.com/tags/climate/rss.xml" htmlUrl="https://example.com/tags/climate/" language="en" version="RSS"/>
  </body>
</opml>
"#;
    let got = String::from_utf8(write(&small_list())).expect("UTF-8");
    assert_eq!(got, want);
}

/// Owner fields are left out when unknown, not written empty.
#[test]
fn owner_is_optional() {
    let mut list = small_list();
    list.owner_name = None;
    list.owner_email = None;
    let got = String::from_utf8(write(&list)).expect("UTF-8");
    assert!(!got.contains("owner"), "{got}");
}

/// What a reader sees of a list: the head's elements by name and each
/// outline's attributes, in order.
#[derive(Debug, Default, PartialEq, Eq)]
struct Read {
    version: Option<String>,
    head: Vec<(String, String)>,
    outlines: Vec<Vec<(String, String)>>,
}

/// Reads a written list back with quick-xml, unescaping everything.
fn read_back(bytes: &[u8]) -> Read {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    let mut reader = Reader::from_str(text);
    let mut read = Read::default();
    let mut path: Vec<String> = Vec::new();
    let attributes = |e: &quick_xml::events::BytesStart<'_>| -> Vec<(String, String)> {
        e.attributes()
            .map(|a| {
                let a = a.expect("a well-formed attribute");
                (
                    String::from_utf8(a.key.as_ref().to_vec()).expect("UTF-8"),
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .expect("escaped well")
                        .into_owned(),
                )
            })
            .collect()
    };
    loop {
        match reader.read_event().expect("well-formed") {
            Event::Start(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).expect("UTF-8");
                if name == "opml" {
                    read.version = attributes(&e)
                        .into_iter()
                        .find(|(k, _)| k == "version")
                        .map(|(_, v)| v);
                }
                if path.last().is_some_and(|p| p == "head") {
                    read.head.push((name.clone(), String::new()));
                }
                path.push(name);
            }
            Event::Empty(e) => {
                assert_eq!(path.last().map(String::as_str), Some("body"));
                read.outlines.push(attributes(&e));
            }
            Event::Text(t) if path.len() == 3 => {
                let last = read.head.last_mut().expect("inside a head element");
                last.1.push_str(&t.decode().expect("UTF-8"));
            }
            Event::GeneralRef(r) if path.len() == 3 => {
                let name = r.decode().expect("UTF-8");
                let c = match name.as_ref() {
                    "lt" => "<",
                    "gt" => ">",
                    "amp" => "&",
                    "apos" => "'",
                    "quot" => "\"",
                    other => panic!("unexpected reference `{other}`"),
                };
                let last = read.head.last_mut().expect("inside a head element");
                last.1.push_str(c);
            }
            Event::End(_) => {
                path.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    read
}

/// What the list should read as.
fn expected(list: &Subscriptions) -> Read {
    let mut head = vec![("title".to_owned(), list.title.clone())];
    let mut date = String::new();
    push_rfc822(&list.date_modified, &mut date);
    head.push(("dateModified".to_owned(), date));
    if let Some(name) = &list.owner_name {
        head.push(("ownerName".to_owned(), name.clone()));
    }
    if let Some(email) = &list.owner_email {
        head.push(("ownerEmail".to_owned(), email.clone()));
    }
    head.push(("docs".to_owned(), DOCS.to_owned()));
    let outlines = list
        .outlines
        .iter()
        .map(|o| {
            let mut a = vec![
                ("type", "rss".to_owned()),
                ("text", o.text.clone()),
                ("title", o.text.clone()),
                ("xmlUrl", o.xml_url.to_string()),
                ("htmlUrl", o.html_url.to_string()),
            ];
            if let Some(d) = &o.description {
                a.push(("description", d.clone()));
            }
            if let Some(l) = &o.language {
                a.push(("language", l.clone()));
            }
            if let Some(v) = o.version {
                a.push(("version", v.to_owned()));
            }
            a.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
        })
        .collect();
    Read {
        version: Some("2.0".to_owned()),
        head,
        outlines,
    }
}

/// Every XML special character and non-ASCII text (accents, CJK, Arabic,
/// an emoji) in titles, descriptions, the owner and URLs survives a
/// round trip through a real XML reader.
#[test]
fn escaping_round_trips() {
    let tricky = r#"<Tom & "Jerry's"> ]]> café 東京 مرحبا 😀"#;
    let mut list = small_list();
    list.title = tricky.to_owned();
    list.owner_name = Some(format!("{tricky} owner"));
    list.outlines[0].text = tricky.to_owned();
    list.outlines[0].description = Some(format!("about {tricky}"));
    list.outlines[1].xml_url = url("https://example.com/atom.xml?a=1&b='2'");
    let bytes = write(&list);
    let text = String::from_utf8(bytes.clone()).expect("UTF-8");
    assert!(!text.contains("& "), "a raw ampersand: {text}");
    assert!(!text.contains("\"Jerry"), "a raw quote: {text}");
    assert_eq!(read_back(&bytes), expected(&list));
}

/// The small list reads back as written.
#[test]
fn small_list_round_trips() {
    let list = small_list();
    assert_eq!(read_back(&write(&list)), expected(&list));
}

/// Writing twice gives the same bytes: nothing depends on the clock or
/// on map order.
#[test]
fn deterministic() {
    assert_eq!(write(&small_list()), write(&small_list()));
}

/// What the writer produces passes the validator's OPML rules with no
/// error and no warning, with and without the optional fields.
#[test]
fn output_validates_cleanly() {
    let mut bare = small_list();
    bare.owner_name = None;
    bare.owner_email = None;
    let mut tricky = small_list();
    tricky.title = r#"<Tom & "Jerry's"> 東京"#.to_owned();
    tricky.outlines[0].text = "<b>not markup</b> & more".to_owned();
    for list in [small_list(), bare, tricky] {
        let messages =
            crate::validate::validate(&write(&list), &crate::validate::Options::default());
        assert_eq!(messages, [], "{list:?}");
    }
}
