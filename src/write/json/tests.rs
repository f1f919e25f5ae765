use super::*;
use crate::feed;

/// Text with every escape JSON has, and the characters around it, at
/// each place around the 32-byte blocks the escaper passes over.
fn awkward_strings() -> Vec<String> {
    let mut strings: Vec<String> = (0u8..0x80).map(|b| char::from(b).to_string()).collect();
    for length in [31, 32, 33, 34, 64, 65, 100] {
        for at in [0, 1, 30, 31, 32, 33, 63, 64, 99] {
            for special in [
                "\"", "\\", "\n", "\u{1}", "\u{1f}", "\u{7f}", "é", "😀", "\u{2028}",
            ] {
                let mut text = "a".repeat(length);
                if at < length {
                    text.replace_range(at..=at, special);
                }
                strings.push(text);
            }
        }
    }
    strings
        .extend(["", "plain", "\\\"\u{8}\u{c}\r\t", "\\u0041 </script> مرحبا"].map(String::from));
    strings
}

/// Strings are escaped as serde_json escapes them.
#[test]
fn strings_are_escaped_as_serde_json_does() {
    for text in awkward_strings() {
        let mut json = Pretty::with_capacity(0);
        json.string(&text);
        let want = serde_json::to_string(&text).expect("a string serialises");
        assert_eq!(
            String::from_utf8(json.out).expect("UTF-8"),
            want,
            "{text:?}"
        );
    }
}

/// Every variant of the feed, and one of awkward text in every
/// member, comes out byte for byte as serde's derive and serde_json's
/// pretty printer wrote it.
#[test]
fn bytes_are_serde_jsons() {
    let mut feeds = feed::variants();
    for (n, text) in awkward_strings().into_iter().enumerate() {
        let mut feed = if n % 2 == 0 {
            feed::sample()
        } else {
            feed::sample_with_media()
        };
        feed.title = text.clone();
        feed.description = text.clone();
        let entry = std::sync::Arc::make_mut(&mut feed.entries[0].entry);
        entry.title = text.clone();
        entry.summary = text.clone();
        entry.tags = vec![text.clone(), text.clone()];
        feed.entries[0].content = (n % 3 == 0).then(|| std::sync::Arc::from(text.as_str()));
        if n % 5 == 0 {
            feed.hubs = vec![url::Url::parse("https://hub.example.net/a?b=\"c\"").expect("valid")];
            feed.language = None;
            std::sync::Arc::make_mut(&mut feed.entries[0].entry)
                .authors
                .clear();
        }
        feeds.push(feed);
    }
    let mut empty = feed::sample();
    empty.entries.clear();
    feeds.push(empty);
    for (n, feed) in feeds.iter().enumerate() {
        let ours = String::from_utf8(write(feed)).expect("UTF-8");
        let theirs = String::from_utf8(serde_oracle::write(feed)).expect("UTF-8");
        assert_eq!(ours, theirs, "feed {n}");
    }
}

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
    let value: serde_json::Value = serde_json::from_slice(&write(&feed)).expect("parses as JSON");
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
/// nothing to say, but for the variants that repeat an id, hold content
/// that is not clean HTML or dates out of the plausible range.
#[test]
fn every_variant_passes_the_schema_and_the_validator() {
    let schema: serde_json::Value = serde_json::from_str(include_str!(
        "../../../tests/schemas/jsonfeed-1.1.schema.json"
    ))
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
        // The random variants' dates span 1954 to 2080, past what readers
        // take as plausible at both ends.
        let implausible = feed.entries.iter().any(|e| {
            [e.entry.published, e.entry.updated]
                .iter()
                .any(|d| crate::text::date::implausible(d.timestamp()).is_some())
        });
        for m in crate::validate::validate(&bytes, &crate::validate::Options::default()) {
            use crate::validate::Class;
            let allowed = match m.class {
                Class::DuplicateEntryId => repeated,
                Class::ImplausibleDate => implausible,
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
