//! The feed model both writers read: which entries, in which order, with
//! which feed-level values.

pub mod content;
pub mod order;

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
    /// The normalised article.
    pub entry: NormalizedEntry,
    /// Full HTML (Atom `<content type="html">`, RSS `content:encoded`),
    /// or `None` in summary mode.
    pub content: Option<String>,
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
    /// The entries, newest first.
    pub entries: Vec<FeedEntry>,
}

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
pub const AHEAD: usize = 4;

/// Reads the first byte of each of an entry's strings, so that they are
/// on their way into the cache when the entry is written: the writers of
/// a feed of the whole archive wait mostly for each entry's strings,
/// scattered over the heap. Writing the 100,000-entry feeds took 159 ms
/// (RSS) and 166 ms (Atom) without this, 117 and 115 ms with it; an
/// `_mm_prefetch` hint did better (97 and 94 ms) but needed `unsafe`.
pub fn touch(entry: &FeedEntry) {
    let e = &entry.entry;
    for text in [&e.title, &e.summary, &e.link, &e.id] {
        std::hint::black_box(text.as_bytes().first().copied());
    }
}

/// Builds the feed from every valid entry: the newest `limit` of them
/// (all when `limit` is 0), content rendered only for those. `None` when
/// there is no entry.
pub fn assemble(config: &Config, mut entries: Vec<NormalizedEntry>) -> Option<Feed> {
    // Ranked entries come in order already (a cached one read again may
    // have changed): checking is one pass, sorting many.
    if !entries.is_sorted_by(|a, b| order(a.key(), b.key()).is_le()) {
        entries.par_sort_by(|a, b| order(a.key(), b.key()));
    }
    if config.limit > 0 {
        entries.truncate(config.limit);
    }
    let updated = entries.first()?.updated;
    Some(from_ordered(config, updated, entries.into_par_iter()))
}

/// Builds the feed from its entries, given in feed order (see [`order::order`]),
/// the first `updated` at: one parallel pass, in which content is rendered
/// (with `--limit 0 --content full` every article of the archive is
/// rendered here) and each entry moved once, straight into the feed.
pub fn from_ordered(
    config: &Config,
    updated: DateTime<FixedOffset>,
    entries: impl IndexedParallelIterator<Item = NormalizedEntry>,
) -> Feed {
    let site = &config.site;
    let join = |name: &str| {
        site.feeds_url
            .join(name)
            .unwrap_or_else(|_| site.feeds_url.clone())
    };
    Feed {
        id: site.ids.feed_id().to_owned(),
        title: site.title.clone(),
        description: site.description.clone(),
        link: site.base_url.clone(),
        language: site.language.clone(),
        author: site.author.clone(),
        updated,
        rss_url: join(crate::config::RSS_FILE),
        atom_url: join(crate::config::ATOM_FILE),
        json_url: join(crate::config::JSON_FILE),
        entries: entries
            .map(|entry| FeedEntry {
                content: match config.content {
                    // Empty content is never written: validators warn on a
                    // blank element, and readers that show content would
                    // show nothing.
                    ContentMode::Full => Some(content::render(&entry.body, &entry.link))
                        .filter(|html| !html.trim().is_empty()),
                    ContentMode::Summary => None,
                },
                entry,
            })
            .collect(),
    }
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
        entries: vec![
            FeedEntry {
                entry: entry(
                    "b",
                    "Fish &amp; <b>chips</b> ]]>",
                    "a < b & c",
                    "2023-08-09T10:00:00Z",
                ),
                content: Some("<p>x ]]> y</p>".to_owned()),
            },
            FeedEntry {
                entry: entry(
                    "a",
                    "\u{645}\u{631}\u{62d}\u{628}\u{627} \u{1F600}",
                    "",
                    "2023-08-08T22:37:00+04:00",
                ),
                content: None,
            },
        ],
    }
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
        e.entry.authors.clear();
        e.entry.tags.clear();
    }
    feeds.push(no_authors);
    let mut permalink = base.clone();
    for e in &mut permalink.entries {
        e.entry.id = e.entry.link.to_string();
    }
    feeds.push(permalink);
    let mut empty = base.clone();
    empty.entries.clear();
    feeds.push(empty);

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
                e.entry.title = text(&mut next, 8);
                e.entry.summary = text(&mut next, 8);
                e.entry.id = format!("tag:example.com,2023:/{}", next(1000));
                e.entry.authors = (0..next(4))
                    .map(|_| Person {
                        name: text(&mut next, 3),
                        email: (next(2) == 0).then(|| "a'b@example.com".to_owned()),
                    })
                    .collect();
                e.entry.tags = (0..next(4)).map(|_| text(&mut next, 3)).collect();
                let offset =
                    FixedOffset::east_opt((next(57) as i32 - 28) * 1800).expect("within a day");
                let seconds = next(4_000_000_000) as i64 - 500_000_000;
                let at = |s| {
                    DateTime::from_timestamp(s, 0)
                        .expect("in range")
                        .with_timezone(&offset)
                };
                e.entry.published = at(seconds);
                e.entry.updated = at(seconds + next(1_000_000) as i64);
                e.content = (next(3) != 0).then(|| text(&mut next, 12));
                e
            })
            .collect();
        feeds.push(feed);
    }
    feeds
}
