//! Pictures and enclosures as readers see them: feed-rs (RSS, Atom and
//! JSON Feed) must read, for every entry, the picture and enclosure that
//! `feedpub inspect` reports for its article, the same in every format.
//!
//! feed-rs 2.4 reads an RSS `<enclosure>` as Media RSS content (beside the
//! picture), an Atom `rel="enclosure"` link and a JSON Feed attachment as
//! links. It does not read JSON Feed's item `image` at all, so that one
//! is read as JSON.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A picture as read: URL, type, description, credit, width, height.
type Picture = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<u32>,
    Option<u32>,
);

/// An enclosure as read: URL, type, length (`None` when unknown).
type Attachment = (String, String, Option<u64>);

/// What a format says of an entry's picture and enclosure, by entry id.
type Media = BTreeMap<String, (Option<Picture>, Option<Attachment>)>;

/// What `inspect --json` says, by id, for the articles in `dir`.
fn inspected(dir: &Path) -> Media {
    let run = common::feedpub(dir, &["inspect", "--json", "articles"]);
    String::from_utf8(run.stdout)
        .expect("utf-8")
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).expect("json"))
        .filter(|v| v["status"] == "ok")
        .map(|v| {
            let text = |v: &Value| v.as_str().map(str::to_owned);
            let number = |v: &Value| v.as_u64().map(|n| u32::try_from(n).expect("pixels"));
            let image = &v["image"];
            let picture = image.is_object().then(|| {
                (
                    text(&image["url"]).expect("url"),
                    text(&image["mime_type"]),
                    text(&image["description"]),
                    text(&image["credit"]),
                    number(&image["width"]),
                    number(&image["height"]),
                )
            });
            let enclosure = &v["enclosure"];
            let attachment = enclosure.is_object().then(|| {
                (
                    text(&enclosure["url"]).expect("url"),
                    text(&enclosure["mime_type"]).expect("type"),
                    enclosure["length"].as_u64(),
                )
            });
            (text(&v["id"]).expect("id"), (picture, attachment))
        })
        .collect()
}

/// The picture feed-rs reads from an RSS item or Atom entry: the Media
/// RSS content that is not the RSS enclosure (feed-rs keeps no medium),
/// with the description, credit and thumbnail of its media object.
fn xml_picture(entry: &feed_rs::model::Entry, enclosure: Option<&str>) -> Option<Picture> {
    for object in &entry.media {
        for content in &object.content {
            let url = content.url.as_ref()?.to_string();
            if Some(url.as_str()) == enclosure {
                continue;
            }
            let thumbnails: Vec<String> = object
                .thumbnails
                .iter()
                .map(|t| t.image.uri.clone())
                .collect();
            assert_eq!(
                thumbnails,
                std::slice::from_ref(&url),
                "{}: the thumbnail",
                entry.id
            );
            return Some((
                url,
                content.content_type.as_ref().map(ToString::to_string),
                object.description.as_ref().map(|d| d.content.clone()),
                object.credits.first().map(|c| c.entity.clone()),
                content.width,
                content.height,
            ));
        }
    }
    None
}

/// Reads one feed file's pictures and enclosures with feed-rs.
fn read(path: &Path) -> Media {
    let bytes = fs::read(path).expect("feed file");
    let feed = feed_rs::parser::parse(&bytes[..])
        .unwrap_or_else(|e| panic!("feed-rs cannot read {}: {e}", path.display()));
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let json: Option<Value> =
        (name == "feed.json").then(|| serde_json::from_slice(&bytes).expect("json"));
    let mut out = Media::new();
    for (n, entry) in feed.entries.iter().enumerate() {
        let (picture, attachment) = match name {
            "rss.xml" => {
                // The enclosure is the media content with a size: an RSS
                // enclosure always has a `length`, feedpub's picture never
                // has a `fileSize` (feed-rs keeps no `medium`).
                let enclosure = entry
                    .media
                    .iter()
                    .flat_map(|o| &o.content)
                    .find(|c| c.size.is_some());
                let attachment = enclosure.map(|c| {
                    let size = c.size.expect("an RSS enclosure has a length");
                    (
                        c.url.as_ref().expect("url").to_string(),
                        c.content_type.as_ref().expect("type").to_string(),
                        // RSS writes 0 for a length not known.
                        (size > 0).then_some(size),
                    )
                });
                let url = attachment.as_ref().map(|a| a.0.clone());
                (xml_picture(entry, url.as_deref()), attachment)
            }
            "atom.xml" => {
                let links: Vec<_> = entry
                    .links
                    .iter()
                    .filter(|l| l.rel.as_deref() == Some("enclosure"))
                    .collect();
                assert!(links.len() <= 1, "{}: one enclosure", entry.id);
                let attachment = links.first().map(|l| {
                    (
                        l.href.clone(),
                        l.media_type.clone().expect("a type"),
                        l.length,
                    )
                });
                (xml_picture(entry, None), attachment)
            }
            _ => {
                // The first link is the item's `url`; an attachment follows.
                let attachment = entry.links.get(1).map(|l| {
                    (
                        l.href.clone(),
                        l.media_type.clone().expect("a type"),
                        l.length,
                    )
                });
                let image = json.as_ref().and_then(|j| j["items"][n]["image"].as_str());
                // JSON Feed has a picture's URL only.
                let picture = image.map(|url| (url.to_owned(), None, None, None, None, None));
                (picture, attachment)
            }
        };
        out.insert(entry.id.clone(), (picture, attachment));
    }
    out
}

/// JSON Feed carries a picture's URL only: what the XML formats say of
/// it beyond that is dropped for the comparison.
fn url_only(media: &Media) -> Media {
    media
        .iter()
        .map(|(id, (picture, attachment))| {
            let picture = picture
                .as_ref()
                .map(|p| (p.0.clone(), None, None, None, None, None));
            (id.clone(), (picture, attachment.clone()))
        })
        .collect()
}

/// Checks that the three formats in `feeds` say what `want` says.
fn check(feeds: &Path, want: &Media) {
    let rss = read(&feeds.join("rss.xml"));
    let atom = read(&feeds.join("atom.xml"));
    let json = read(&feeds.join("feed.json"));
    assert_eq!(&rss, want, "feed-rs on {}/rss.xml", feeds.display());
    assert_eq!(&atom, want, "feed-rs on {}/atom.xml", feeds.display());
    assert_eq!(
        json,
        url_only(want),
        "feed-rs and JSON on {}/feed.json",
        feeds.display()
    );
}

/// The committed feeds: the sample's picture (from an `Image:` line, its
/// caption the description) and enclosure (a podcast) read the same in
/// every format.
#[test]
fn sample_feeds() {
    let want = inspected(repo());
    let pictures = want.values().filter(|(p, _)| p.is_some()).count();
    let enclosures = want.values().filter(|(_, a)| a.is_some()).count();
    assert!(pictures >= 1 && enclosures >= 1, "{want:?}");
    check(&repo().join("feeds"), &want);
}

/// The end-to-end cases' feeds: pictures of every form (relative, of
/// unknown type, with a size) and enclosures with and without a length.
#[test]
fn end_to_end_feeds() {
    let cases = repo().join("tests/cmd");
    for case in ["picture", "picture-markdown", "enclosure"] {
        let input: PathBuf = cases.join(format!("{case}.in"));
        let want = inspected(&input);
        assert!(
            want.values().any(|(p, a)| p.is_some() || a.is_some()),
            "{case}: {want:?}"
        );
        check(&cases.join(format!("{case}.out")), &want);
    }
}
