//! The feed model both writers read: which entries, in which order, with
//! which feed-level values.

pub mod content;
pub mod order;
pub mod set;

use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;
use url::Url;

use crate::config::{Config, ContentMode, Person};
use crate::feed::order::order;
use crate::normalize::NormalizedEntry;

/// Text of the generator element.
pub const GENERATOR: &str = "feedpub";

/// One entry in a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedEntry {
    /// The normalised article, shared by every feed of the set it is in.
    pub entry: Arc<NormalizedEntry>,
    /// Full HTML (Atom `<content type="html">`, RSS `content:encoded`,
    /// JSON Feed `content_html`), or `None` in summary mode; rendered
    /// once for every feed that shows it.
    pub content: Option<Arc<str>>,
}

/// A feed, ready to be written as RSS or Atom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feed {
    /// Atom `<id>`; RSS has none.
    pub id: String,
    /// RSS `<title>`, Atom `<title>`.
    pub title: String,
    /// RSS `<description>`, Atom `<subtitle>`.
    pub description: String,
    /// RSS `<link>`, Atom `<link rel="alternate">`.
    pub link: Url,
    /// RSS `<language>`, Atom `xml:lang`.
    pub language: Option<String>,
    /// Atom feed `<author>`, RSS `<managingEditor>` when it has an email.
    pub author: Person,
    /// RSS `<lastBuildDate>`, Atom `<updated>`: the newest entry's updated time.
    pub updated: DateTime<FixedOffset>,
    /// Where the RSS feed is published (its `atom:link rel="self"`).
    pub rss_url: Url,
    /// Where the Atom feed is published (its `<link rel="self">`).
    pub atom_url: Url,
    /// Where the JSON Feed is published (its `feed_url`).
    pub json_url: Url,
    /// Where the document stands in the feed's archive (RFC 5005); empty
    /// for a feed that keeps none.
    pub history: History,
    /// The WebSub hubs that announce the feed's changes (RSS
    /// `<atom:link rel="hub">`, Atom `<link rel="hub">`, JSON Feed `hubs`).
    pub hubs: Vec<Url>,
    /// The entries, newest first.
    pub entries: Vec<FeedEntry>,
}

/// RFC 5005 links: a subscription document links to its newest archive
/// page; an archive page is marked `fh:archive` and links to the
/// subscription document and its neighbours. RSS carries them as
/// `atom:link`; JSON Feed has no such thing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    /// Whether this document is an archive page: `<fh:archive/>`.
    pub archive: bool,
    /// `rel="current"`: the subscription document.
    pub current: Option<FormatUrls>,
    /// `rel="prev-archive"`: the page before (for a subscription
    /// document, the newest page).
    pub prev: Option<FormatUrls>,
    /// `rel="next-archive"`: the page after.
    pub next: Option<FormatUrls>,
}

impl History {
    /// Whether the document has anything of RFC 5005 to write.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// One document's URL in each XML format: a link in an RSS document goes
/// to the RSS one, in an Atom document to the Atom one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatUrls {
    /// The RSS document's URL.
    pub rss: Url,
    /// The Atom document's URL.
    pub atom: Url,
}

/// The namespace of RFC 5005's `fh:archive`.
pub const HISTORY_NS: &str = "http://purl.org/syndication/history/1.0";

impl Feed {
    /// About how many bytes the feed takes as XML, to size the buffer it
    /// is written to once (a 100,000-entry feed is tens of megabytes, and
    /// growing by doubling copies all of it again).
    pub fn xml_size_hint(&self) -> usize {
        self.entries
            .iter()
            .map(|e| {
                let entry = &e.entry;
                // Escaping grows text a little; the markup around each
                // value is a few hundred bytes.
                512 + entry.title.len()
                    + entry.summary.len() * 9 / 8
                    + entry.id.len()
                    + entry.link.as_str().len()
                    + e.content.as_ref().map_or(0, |c| c.len() * 9 / 8)
            })
            .sum::<usize>()
            + 2048
    }
}

/// How many entries ahead of the one being written the writers read the
/// first byte of each of its strings (see [`touch`]).
const AHEAD: usize = 4;

/// Reads the first byte of each of an entry's strings, so that they are
/// on their way into the cache when the entry is written: the writers of
/// a feed of the whole archive wait mostly for each entry's strings,
/// scattered over the heap. Writing the 100,000-entry feeds took 159 ms
/// (RSS) and 166 ms (Atom) without this, 117 and 115 ms with it; an
/// `_mm_prefetch` hint did better (97 and 94 ms) but needed `unsafe`.
fn touch(entry: &FeedEntry) {
    let e = &entry.entry;
    for text in [&e.title, &e.summary, &e.link, &e.id] {
        std::hint::black_box(text.as_bytes().first().copied());
    }
}

impl Feed {
    /// The entries in order, for a writer: each entry's strings are read
    /// [`AHEAD`] entries before it is given (see [`touch`]).
    pub fn entries_ahead(&self) -> impl Iterator<Item = &FeedEntry> {
        self.entries.iter().enumerate().map(|(i, entry)| {
            if let Some(ahead) = self.entries.get(i + AHEAD) {
                touch(ahead);
            }
            entry
        })
    }
}

/// What a feed says about itself, apart from its entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Atom `<id>`, JSON Feed has none at feed level.
    pub id: String,
    /// RSS `<title>`, Atom `<title>`, JSON Feed `title`.
    pub title: String,
    /// RSS `<description>`, Atom `<subtitle>`, JSON Feed `description`.
    pub description: String,
    /// Where the feed's files are published: the feeds URL, or a folder
    /// under it.
    pub folder: Url,
}

impl Header {
    /// The main feed's.
    pub fn main(config: &Config) -> Self {
        let site = &config.site;
        Self {
            id: site.ids.feed_id().to_owned(),
            title: site.title.clone(),
            description: site.description.clone(),
            folder: site.feeds_url.clone(),
        }
    }

    /// The header of a feed of the set at `path` (a folder under the
    /// output folder, ending in `/`). Its id is the main feed's tag URI
    /// with `feeds/` and the path after it: no entry id has a `/` after
    /// the prefix, so none can be a feed's.
    pub fn at(config: &Config, path: &str, title: String, description: String) -> Self {
        let site = &config.site;
        let encoded =
            percent_encoding::utf8_percent_encode(path, percent_encoding::CONTROLS).to_string();
        Self {
            id: format!("{}feeds/{encoded}", site.ids.feed_id()),
            title,
            description,
            folder: site
                .feeds_url
                .join(&encoded)
                .unwrap_or_else(|_| site.feeds_url.clone()),
        }
    }
}

/// Makes a feed of its header and entries (in feed order, see
/// [`order::order`]); `None` when there is no entry, since a feed's
/// updated time is its newest entry's.
pub fn from_entries(config: &Config, header: Header, entries: Vec<FeedEntry>) -> Option<Feed> {
    let updated = entries.first()?.entry.updated;
    Some(made(config, header, updated, entries))
}

/// A feed's header with no entry, for a feed whose files are kept as they
/// are: `updated` is its newest entry's.
pub fn without_entries(config: &Config, header: Header, updated: DateTime<FixedOffset>) -> Feed {
    made(config, header, updated, Vec::new())
}

fn made(
    config: &Config,
    header: Header,
    updated: DateTime<FixedOffset>,
    entries: Vec<FeedEntry>,
) -> Feed {
    let site = &config.site;
    let join = |name: &str| {
        header
            .folder
            .join(name)
            .unwrap_or_else(|_| header.folder.clone())
    };
    Feed {
        id: header.id,
        title: header.title,
        description: header.description,
        link: site.base_url.clone(),
        language: site.language.clone(),
        author: site.author.clone(),
        updated,
        rss_url: join(crate::config::RSS_FILE),
        atom_url: join(crate::config::ATOM_FILE),
        json_url: join(crate::config::JSON_FILE),
        history: History::default(),
        hubs: site.hubs.clone(),
        entries,
    }
}

/// An entry's content as a feed in `mode` shows it. Empty content is never
/// written: validators warn on a blank element, and readers that show
/// content would show nothing.
pub fn render(entry: &NormalizedEntry, mode: ContentMode) -> Option<Arc<str>> {
    match mode {
        ContentMode::Full => Some(content::render(&entry.body, &entry.link))
            .filter(|html| !html.trim().is_empty())
            .map(Arc::from),
        ContentMode::Summary => None,
    }
}

/// The main feed of these entries alone: the newest `limit` of them (all
/// when `limit` is 0), content rendered only for those; `None` when there
/// is none. For tests and benches; a build assembles its feed set in
/// `build`.
pub fn assemble(config: &Config, mut entries: Vec<NormalizedEntry>) -> Option<Feed> {
    entries.par_sort_by(|a, b| order(a.key(), b.key()));
    if config.limit > 0 {
        entries.truncate(config.limit);
    }
    let entries = entries
        .into_par_iter()
        .map(|entry| FeedEntry {
            content: render(&entry, config.content),
            entry: Arc::new(entry),
        })
        .collect();
    from_entries(config, Header::main(config), entries)
}

/// A small feed for the writers' tests.
#[cfg(test)]
pub(crate) fn sample() -> Feed {
    use crate::article::{Body, Paragraphs};
    let at = |s: &str| DateTime::parse_from_rfc3339(s).expect("valid test date");
    let url = |s: &str| Url::parse(s).expect("valid test URL");
    let entry = |slug: &str, title: &str, summary: &str, updated: &str| NormalizedEntry {
        source: format!("articles/{slug}.txt").into(),
        slug: slug.to_owned(),
        id: format!("tag:example.com,2023:/{slug}"),
        link: format!("https://example.com/{slug}/"),
        title: title.to_owned(),
        summary: summary.to_owned(),
        published: at("2023-08-08T22:37:00+04:00"),
        updated: at(updated),
        authors: vec![Person {
            name: "Ana Ruiz".to_owned(),
            email: None,
        }],
        tags: vec!["City".to_owned()],
        section: None,
        image: None,
        enclosure: None,
        body: Body::Paragraphs(Paragraphs::from_texts(["Body."])),
    };
    Feed {
        id: "tag:example.com,2023:/".to_owned(),
        title: "Example & Co".to_owned(),
        description: "All the <news>".to_owned(),
        link: url("https://example.com/"),
        language: Some("en".to_owned()),
        author: Person {
            name: "Desk".to_owned(),
            email: Some("desk@example.com".to_owned()),
        },
        updated: at("2023-08-09T10:00:00Z"),
        rss_url: url("https://example.com/feeds/rss.xml"),
        atom_url: url("https://example.com/feeds/atom.xml"),
        json_url: url("https://example.com/feeds/feed.json"),
        history: History::default(),
        hubs: Vec::new(),
        entries: vec![
            FeedEntry {
                entry: Arc::new(entry(
                    "b",
                    "Fish &amp; <b>chips</b> ]]>",
                    "a < b & c",
                    "2023-08-09T10:00:00Z",
                )),
                content: Some(Arc::from("<p>x ]]> y</p>")),
            },
            FeedEntry {
                entry: Arc::new(entry(
                    "a",
                    "\u{645}\u{631}\u{62d}\u{628}\u{627} \u{1F600}",
                    "",
                    "2023-08-08T22:37:00+04:00",
                )),
                content: None,
            },
        ],
    }
}

/// [`sample`] with a picture and an enclosure on each entry: every part
/// on the first (text that needs escaping included), the least on the
/// second.
#[cfg(test)]
pub(crate) fn sample_with_media() -> Feed {
    use crate::normalize::{Enclosure, Image};
    let mut feed = sample();
    let full = Arc::make_mut(&mut feed.entries[0].entry);
    full.image = Some(Box::new(Image {
        url: "https://example.com/pictures/tunnel.jpg?w=1200&h=800".to_owned(),
        mime_type: Some("image/jpeg".to_owned()),
        description: Some("The tunnel <entrance> & \"gate\" ]]>".to_owned()),
        credit: Some("Ana Ruiz / EPA".to_owned()),
        width: Some(1200),
        height: Some(800),
    }));
    full.enclosure = Some(Box::new(Enclosure {
        url: "https://example.com/audio/tunnel.mp3".to_owned(),
        mime_type: "audio/mpeg".to_owned(),
        length: Some(1_234_567),
    }));
    let least = Arc::make_mut(&mut feed.entries[1].entry);
    least.image = Some(Box::new(Image {
        url: "https://example.com/pictures/a".to_owned(),
        ..Image::default()
    }));
    least.enclosure = Some(Box::new(Enclosure {
        url: "https://example.com/report.pdf".to_owned(),
        mime_type: "application/pdf".to_owned(),
        length: None,
    }));
    feed
}

/// Requires `ours` to write every one of [`variants`] byte for byte as
/// `reference` does.
#[cfg(test)]
pub(crate) fn assert_same_bytes(ours: fn(&Feed) -> Vec<u8>, reference: fn(&Feed) -> Vec<u8>) {
    let feeds = variants();
    assert!(feeds.len() > 100);
    for (n, feed) in feeds.iter().enumerate() {
        let ours = String::from_utf8(ours(feed)).expect("UTF-8");
        let theirs = String::from_utf8(reference(feed)).expect("UTF-8");
        assert_eq!(ours, theirs, "feed variant {n}");
    }
}

/// Feeds for the writers' byte-for-byte tests: [`sample`], each optional
/// part of the feed and of an entry present and absent, and pseudo-random
/// feeds whose text mixes every character XML escapes, `]]>`, non-ASCII
/// and plain words.
#[cfg(test)]
pub(crate) fn variants() -> Vec<Feed> {
    let base = sample();
    let mut feeds = vec![base.clone()];
    let mut no_language = base.clone();
    no_language.language = None;
    feeds.push(no_language);
    let mut no_email = base.clone();
    no_email.author.email = None;
    feeds.push(no_email);
    let mut summaries_only = base.clone();
    for e in &mut summaries_only.entries {
        e.content = None;
    }
    feeds.push(summaries_only);
    let mut no_authors = base.clone();
    for e in &mut no_authors.entries {
        let entry = Arc::make_mut(&mut e.entry);
        entry.authors.clear();
        entry.tags.clear();
    }
    feeds.push(no_authors);
    let mut permalink = base.clone();
    for e in &mut permalink.entries {
        let entry = Arc::make_mut(&mut e.entry);
        entry.id = entry.link.clone();
    }
    feeds.push(permalink);
    let mut empty = base.clone();
    empty.entries.clear();
    feeds.push(empty);
    let media = sample_with_media();
    feeds.push(media.clone());
    let mut media_summaries = media;
    for e in &mut media_summaries.entries {
        e.content = None;
        Arc::make_mut(&mut e.entry).authors.clear();
    }
    feeds.push(media_summaries);
    let mut hubs = base.clone();
    hubs.hubs = vec![
        Url::parse("https://hub.example.net/").expect("valid test URL"),
        Url::parse("https://hub.example.org/publish?a=1&b='2'").expect("valid test URL"),
    ];
    feeds.push(hubs);

    // xorshift64*: the same feeds on every run.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |below: usize| {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        (state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % below
    };
    const PIECES: [&str; 16] = [
        "word", " ", "&", "<", ">", "'", "\"", "]]>", "]]", "&amp;", "é", "\u{645}", "😀",
        "<p>x</p>", "\n", "",
    ];
    let text = |next: &mut dyn FnMut(usize) -> usize, most: usize| {
        (0..next(most + 1))
            .map(|_| PIECES[next(PIECES.len())])
            .collect::<String>()
    };
    for _ in 0..150 {
        let mut feed = base.clone();
        feed.title = text(&mut next, 6);
        feed.description = text(&mut next, 6);
        feed.author = Person {
            name: text(&mut next, 4),
            email: (next(2) == 0).then(|| format!("desk{}@example.com", text(&mut next, 2))),
        };
        let template = base.entries[0].clone();
        feed.entries = (0..next(5))
            .map(|_| {
                let mut e = template.clone();
                let entry = Arc::make_mut(&mut e.entry);
                entry.title = text(&mut next, 8);
                entry.summary = text(&mut next, 8);
                entry.id = format!("tag:example.com,2023:/{}", next(1000));
                entry.authors = (0..next(4))
                    .map(|_| Person {
                        name: text(&mut next, 3),
                        email: (next(2) == 0).then(|| "a'b@example.com".to_owned()),
                    })
                    .collect();
                entry.tags = (0..next(4)).map(|_| text(&mut next, 3)).collect();
                let offset =
                    FixedOffset::east_opt((next(57) as i32 - 28) * 1800).expect("within a day");
                let seconds = next(4_000_000_000) as i64 - 500_000_000;
                let at = |s| {
                    DateTime::from_timestamp(s, 0)
                        .expect("in range")
                        .with_timezone(&offset)
                };
                entry.published = at(seconds);
                entry.updated = at(seconds + next(1_000_000) as i64);
                e.content = (next(3) != 0).then(|| Arc::from(text(&mut next, 12)));
                entry.image = (next(3) == 0).then(|| {
                    Box::new(crate::normalize::Image {
                        url: format!("https://example.com/{}.png?a=1&b=2", next(100)),
                        mime_type: (next(2) == 0).then(|| "image/png".to_owned()),
                        description: (next(2) == 0).then(|| text(&mut next, 6)),
                        credit: (next(2) == 0).then(|| text(&mut next, 3)),
                        width: (next(2) == 0).then(|| next(5000) as u32),
                        height: (next(2) == 0).then(|| next(5000) as u32),
                    })
                });
                entry.enclosure = (next(3) == 0).then(|| {
                    Box::new(crate::normalize::Enclosure {
                        url: format!("https://example.com/{}.mp3?a=1&b=2", next(100)),
                        mime_type: "audio/mpeg".to_owned(),
                        length: (next(2) == 0).then(|| next(1 << 30) as u64),
                    })
                });
                e
            })
            .collect();
        feeds.push(feed);
    }
    feeds
}
