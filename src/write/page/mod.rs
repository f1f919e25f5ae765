//! `index.html`: the feed set as a page people read, beside the feeds.
//!
//! Browsers show a feed as raw text or offer it as a download, and XSLT,
//! the old way of dressing a feed up as a page, is being removed from
//! them. So the build writes this page instead: every feed of the set
//! with a link and a read-only address field per format (selectable and
//! copyable without any script), the newest entries of the main feed,
//! and the main feed's autodiscovery links. It is plain HTML with an
//! inline style sheet ([`style`]): no script and no external resource.
//!
//! Every value comes from the feed model: URLs are absolute and URI-safe
//! already, titles and summaries are plain text. Text and attribute values
//! are escaped alike (the five characters XML escapes), and characters
//! HTML calls non-characters, which XML allows, are written as U+FFFD so
//! that the page parses without error. The bytes depend only on the set:
//! the one time on the page is the main feed's newest entry's.

mod discovery;
pub mod style;

use chrono::{DateTime, FixedOffset, SecondsFormat};
use url::Url;

use crate::config::feeds::FeedFormat;

pub use discovery::alternate_link;

/// The name of the page in the output folder.
pub const FILE_NAME: &str = "index.html";

/// The tag that marks a page as feedpub's: a build replaces (and
/// `--prune` removes) only an `index.html` that has it.
pub const GENERATOR_TAG: &str = "<meta name=\"generator\" content=\"feedpub\">";

/// How far into a page [`GENERATOR_TAG`] is looked for: feedpub writes it
/// before anything of the site's (the title, the description).
pub const GENERATOR_WITHIN: usize = 1024;

/// Whether the start of a page (its first [`GENERATOR_WITHIN`] bytes or
/// fewer) says feedpub wrote it.
pub fn is_ours(head: &[u8]) -> bool {
    let head = head.get(..GENERATOR_WITHIN).unwrap_or(head);
    memchr::memmem::find(head, GENERATOR_TAG.as_bytes()).is_some()
}

/// Reads the start of the page at `path`: whether feedpub wrote it, or
/// `None` when there is no such file (nothing there, a folder, or a
/// path that cannot be one: writing it will say why).
pub fn file_is_ours(path: &std::path::Path) -> std::io::Result<Option<bool>> {
    use std::io::Read;
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return Ok(None);
    }
    let file = std::fs::File::open(path)?;
    let mut head = Vec::with_capacity(GENERATOR_WITHIN);
    file.take(GENERATOR_WITHIN as u64).read_to_end(&mut head)?;
    Ok(Some(is_ours(&head)))
}

/// How many of the main feed's newest entries the page shows at most (the
/// main feed's own limit may be lower).
pub const MAX_ENTRIES: usize = 20;

/// Everything the page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// `<html lang>`: the site's language tag.
    pub lang: String,
    /// The site's title: `<title>` and the `<h1>`.
    pub title: String,
    /// The site's description: `<meta name="description">` and the
    /// paragraph under the heading.
    pub description: String,
    /// The site's home page.
    pub home: Url,
    /// The main feed's updated time (its newest entry's).
    pub updated: DateTime<FixedOffset>,
    /// The main feed's files, for the autodiscovery links in `<head>`.
    pub discovery: Vec<FeedFile>,
    /// The main feed's title, which the autodiscovery links carry.
    pub discovery_title: String,
    /// The feeds of the set, in groups, the main feed's first.
    pub groups: Vec<Group>,
    /// The newest entries of the main feed, newest first.
    pub entries: Vec<Entry>,
    /// Where the subscription list (`index.opml`) is published.
    pub opml: Url,
}

/// A kind of feed of the set, under a heading of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupKind {
    /// The main feed.
    Main,
    /// The `[[feeds]]` of the config.
    Explicit,
    /// One feed per section.
    Sections,
    /// One feed per tag.
    Tags,
}

impl GroupKind {
    /// The group's heading.
    fn heading(self) -> &'static str {
        match self {
            Self::Main => "Everything",
            Self::Explicit => "Selections",
            Self::Sections => "By section",
            Self::Tags => "By tag",
        }
    }

    /// The group's heading's id, unique on the page.
    fn id(self) -> &'static str {
        match self {
            Self::Main => "feeds-main",
            Self::Explicit => "feeds-more",
            Self::Sections => "feeds-sections",
            Self::Tags => "feeds-tags",
        }
    }
}

/// Feeds of one kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// What they are.
    pub kind: GroupKind,
    /// The feeds, in the set's order.
    pub feeds: Vec<PageFeed>,
}

/// One feed of the set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageFeed {
    /// Its title.
    pub title: String,
    /// Its description.
    pub description: String,
    /// Its files, one per format, in the formats' configured order.
    pub files: Vec<FeedFile>,
}

/// One file of a feed: a format and where it is published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedFile {
    /// The format.
    pub format: FeedFormat,
    /// Its URL (the feed's self link).
    pub url: Url,
}

/// An entry of the main feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its title, plain text.
    pub title: String,
    /// Its article's URL.
    pub link: String,
    /// When it was first published.
    pub published: DateTime<FixedOffset>,
    /// When it was last updated.
    pub updated: DateTime<FixedOffset>,
    /// Its authors' names.
    pub authors: Vec<String>,
    /// Its summary, plain text; may be empty.
    pub summary: String,
}

/// Appends `text` escaped for HTML text or a double-quoted attribute
/// value, with HTML's non-characters (U+FDD0 to U+FDEF, and the last two
/// code points of every plane), which are parse errors in HTML but
/// allowed in XML, written as U+FFFD.
fn push_escaped(out: &mut String, text: &str) {
    let is_nonchar = |c: char| {
        let n = u32::from(c);
        (0xFDD0..=0xFDEF).contains(&n) || n & 0xFFFE == 0xFFFE
    };
    if text.contains(is_nonchar) {
        let replaced: String = text
            .chars()
            .map(|c| if is_nonchar(c) { '\u{FFFD}' } else { c })
            .collect();
        crate::text::xml::escape_into(out, &replaced);
    } else {
        crate::text::xml::escape_into(out, text);
    }
}

/// Text escaped, as a new string.
fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

/// An instant as `<time datetime="RFC 3339">`, shown as `8 Aug 2023
/// 22:37 +04:00` in its own offset.
fn push_time(out: &mut String, at: &DateTime<FixedOffset>) {
    out.push_str("<time datetime=\"");
    out.push_str(&at.to_rfc3339_opts(SecondsFormat::Secs, true));
    out.push_str("\">");
    out.push_str(&at.format("%-d %b %Y %H:%M %:z").to_string());
    out.push_str("</time>");
}

/// Writes the page.
pub fn write(page: &Page) -> Vec<u8> {
    // About the page's size, so that a set of thousands of feeds (a
    // page of megabytes) is written into one buffer, not grown by
    // doubling: each feed takes about 150 bytes and its title, and each
    // of its files about 330 and the feed's title and URL twice.
    let size: usize = page
        .groups
        .iter()
        .flat_map(|g| &g.feeds)
        .map(|f| {
            150 + f.title.len()
                + f.description.len()
                + f.files
                    .iter()
                    .map(|file| 330 + 2 * (f.title.len() + file.url.as_str().len()))
                    .sum::<usize>()
        })
        .sum();
    let mut out = String::with_capacity(4096 + style::CSS.len() + size + page.entries.len() * 1024);
    write_head(&mut out, page);
    out.push_str("<body>\n<header>\n<h1>");
    push_escaped(&mut out, &page.title);
    out.push_str("</h1>\n");
    if page.description != page.title {
        out.push_str("<p>");
        push_escaped(&mut out, &page.description);
        out.push_str("</p>\n");
    }
    out.push_str("<p class=\"muted\">Updated ");
    push_time(&mut out, &page.updated);
    out.push_str(". <a href=\"");
    push_escaped(&mut out, page.home.as_str());
    out.push_str("\">Go to the site</a></p>\n");
    out.push_str(concat!(
        "<nav aria-label=\"On this page\">\n<ul>\n",
        "<li><a href=\"#subscribe\">Subscribe</a></li>\n",
        "<li><a href=\"#latest\">Latest entries</a></li>\n",
        "</ul>\n</nav>\n</header>\n<main>\n",
    ));
    write_feeds(&mut out, page);
    write_entries(&mut out, page);
    out.push_str("</main>\n<footer>\n<p><a href=\"");
    push_escaped(&mut out, page.opml.as_str());
    out.push_str(concat!(
        "\">Every feed as a subscription list (OPML)</a>, which most feed readers import at once.</p>\n",
        "<p class=\"muted\">Made by feedpub from the feeds themselves.</p>\n",
        "</footer>\n</body>\n</html>\n",
    ));
    out.into_bytes()
}

fn write_head(out: &mut String, page: &Page) {
    out.push_str("<!DOCTYPE html>\n<html lang=\"");
    push_escaped(out, &page.lang);
    out.push_str(concat!(
        "\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
    ));
    out.push_str(GENERATOR_TAG);
    out.push_str("\n<title>");
    push_escaped(out, &page.title);
    out.push_str(": feeds</title>\n<meta name=\"description\" content=\"");
    push_escaped(out, &page.description);
    out.push_str("\">\n");
    for file in &page.discovery {
        out.push_str(&alternate_link(
            file.format,
            &page.discovery_title,
            file.url.as_str(),
        ));
        out.push('\n');
    }
    out.push_str("<style>\n");
    out.push_str(style::CSS);
    out.push_str("</style>\n</head>\n");
}

fn write_feeds(out: &mut String, page: &Page) {
    out.push_str(concat!(
        "<section aria-labelledby=\"subscribe\">\n",
        "<h2 id=\"subscribe\">Subscribe</h2>\n",
        "<p>To follow this site, give a feed reader one of these addresses: ",
        "select an address and copy it, or open a link in a reader. ",
        "RSS, Atom and JSON Feed hold the same entries; most readers take any of them.</p>\n",
    ));
    let mut number = 0usize;
    for group in &page.groups {
        out.push_str("<section aria-labelledby=\"");
        out.push_str(group.kind.id());
        out.push_str("\">\n<h3 id=\"");
        out.push_str(group.kind.id());
        out.push_str("\">");
        out.push_str(group.kind.heading());
        out.push_str("</h3>\n<ul class=\"feeds\">\n");
        for feed in &group.feeds {
            number += 1;
            write_feed(out, feed, number);
        }
        out.push_str("</ul>\n</section>\n");
    }
    out.push_str("</section>\n");
}

/// One feed: its title, description and a link and address field per
/// format. Field ids are numbered in page order, so they are unique.
fn write_feed(out: &mut String, feed: &PageFeed, number: usize) {
    out.push_str("<li class=\"feed\">\n<h4>");
    push_escaped(out, &feed.title);
    out.push_str("</h4>\n");
    if feed.description != feed.title {
        out.push_str("<p>");
        push_escaped(out, &feed.description);
        out.push_str("</p>\n");
    }
    out.push_str("<ul class=\"formats\">\n");
    let title = escaped(&feed.title);
    for file in &feed.files {
        let url = escaped(file.url.as_str());
        let label = file.format.label();
        let id = format!("feed-{number}-{}", file.format.name());
        out.push_str(&format!(
            concat!(
                "<li class=\"format\"><a href=\"{url}\" type=\"{media}\">{label}<span class=\"vh\">: {title}</span></a>\n",
                "<label for=\"{id}\">{label} address<span class=\"vh\"> of {title}</span></label>\n",
                "<input id=\"{id}\" type=\"url\" value=\"{url}\" readonly></li>\n",
            ),
            url = url,
            media = file.format.media_type(),
            label = label,
            title = title,
            id = id,
        ));
    }
    out.push_str("</ul>\n</li>\n");
}

fn write_entries(out: &mut String, page: &Page) {
    out.push_str(concat!(
        "<section aria-labelledby=\"latest\">\n",
        "<h2 id=\"latest\">Latest entries</h2>\n",
    ));
    if page.entries.is_empty() {
        out.push_str("<p>No entries yet.</p>\n</section>\n");
        return;
    }
    out.push_str("<ol class=\"entries\">\n");
    for entry in &page.entries {
        out.push_str("<li>\n<article>\n<h3><a href=\"");
        push_escaped(out, &entry.link);
        out.push_str("\">");
        push_escaped(out, &entry.title);
        out.push_str("</a></h3>\n<p class=\"meta\">");
        push_time(out, &entry.published);
        if entry.updated != entry.published {
            out.push_str(", updated ");
            push_time(out, &entry.updated);
        }
        if !entry.authors.is_empty() {
            out.push_str(", by ");
            for (n, name) in entry.authors.iter().enumerate() {
                if n > 0 {
                    out.push_str(", ");
                }
                push_escaped(out, name);
            }
        }
        out.push_str("</p>\n");
        if !entry.summary.is_empty() {
            out.push_str("<p>");
            push_escaped(out, &entry.summary);
            out.push_str("</p>\n");
        }
        out.push_str("</article>\n</li>\n");
    }
    out.push_str("</ol>\n</section>\n");
}

#[cfg(test)]
mod tests;
