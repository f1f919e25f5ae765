//! What `index.html` shows, taken from the feed set the build is about to
//! publish (see [`crate::write::page`]): the same feeds, files and
//! entries, so the page never says anything the feeds do not.

use super::assemble::SetFeed;
use crate::config::Config;
use crate::config::feeds::{SECTIONS_DIR, TAGS_DIR};
use crate::error::Error;
use crate::feed::Feed;
use crate::publish::INDEX_FILE;
use crate::write::page::{self, Entry, FeedFile, Group, GroupKind, Page, PageFeed};

/// The language of the page's own words, for a site that names none.
const DEFAULT_LANG: &str = "en";

/// The kind of the set's feed at `path`: sections and tags are under
/// their folders when those feeds are on (a `[[feeds]]` feed may not be
/// there then), everything else is a `[[feeds]]` one.
fn kind(config: &Config, path: &str) -> GroupKind {
    let first = path.split('/').next().unwrap_or_default();
    if path.is_empty() {
        GroupKind::Main
    } else if first == SECTIONS_DIR && config.feeds.sections.is_some() {
        GroupKind::Sections
    } else if first == TAGS_DIR && config.feeds.tags.is_some() {
        GroupKind::Tags
    } else {
        GroupKind::Explicit
    }
}

/// A feed's files, one per format, in its formats' order.
fn files(feed: &SetFeed) -> Vec<FeedFile> {
    feed.formats
        .iter()
        .map(|&format| FeedFile {
            format,
            url: super::deliver::self_url(&feed.feed, format).clone(),
        })
        .collect()
}

/// The newest entries of the main feed the page shows: its first
/// [`page::MAX_ENTRIES`] (fewer when the feed holds fewer).
fn entries(main: &Feed) -> Vec<Entry> {
    main.entries
        .iter()
        .take(page::MAX_ENTRIES)
        .map(|e| {
            let entry = &e.entry;
            let authors = if entry.authors.is_empty() {
                vec![main.author.name.clone()]
            } else {
                entry.authors.iter().map(|a| a.name.clone()).collect()
            };
            Entry {
                title: entry.title.clone(),
                link: entry.link.clone(),
                published: entry.published,
                updated: entry.updated,
                authors,
                summary: entry.summary.clone(),
            }
        })
        .collect()
}

/// The page of a feed set: `feeds` holds the main feed first, then the
/// others in the set's order (archive pages, which nobody subscribes to,
/// are left out).
pub(super) fn page(config: &Config, main: &SetFeed, feeds: &[SetFeed]) -> Page {
    let site = &config.site;
    let mut groups: Vec<Group> = Vec::new();
    for feed in feeds.iter().filter(|f| f.page.is_none()) {
        let kind = kind(config, &feed.path);
        let listed = PageFeed {
            title: feed.feed.title.clone(),
            description: feed.feed.description.clone(),
            files: files(feed),
        };
        match groups.last_mut() {
            Some(group) if group.kind == kind => group.feeds.push(listed),
            _ => groups.push(Group {
                kind,
                feeds: vec![listed],
            }),
        }
    }
    Page {
        lang: site
            .language
            .clone()
            .unwrap_or_else(|| DEFAULT_LANG.to_owned()),
        title: site.title.clone(),
        description: site.description.clone(),
        home: site.base_url.clone(),
        updated: main.feed.updated,
        discovery: files(main),
        discovery_title: main.feed.title.clone(),
        groups,
        entries: entries(&main.feed),
        opml: site
            .feeds_url
            .join(INDEX_FILE)
            .unwrap_or_else(|_| site.feeds_url.clone()),
    }
}

/// Refuses to replace an `index.html` in the output folder that feedpub
/// did not write: it is the site's own page, and a build must never
/// overwrite it silently.
pub(super) fn check_existing(config: &Config) -> Result<(), Error> {
    let path = config.out.join(page::FILE_NAME);
    match page::file_is_ours(&path) {
        Ok(None | Some(true)) => Ok(()),
        Ok(Some(false)) => Err(Error::ForeignPage { path }),
        Err(source) => Err(Error::Read { path, source }),
    }
}
