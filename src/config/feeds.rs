//! The feed set's settings: which feeds a build writes besides the main
//! one (one per section, one per tag, and `[[feeds]]` tables), in which
//! formats, each checked before any work starts.

use std::collections::BTreeSet;

use super::ContentMode;
// Named by the doc links of `FamilyOptions` and `Filter`.
#[cfg(doc)]
use crate::feed::set::term_key;

mod raw;

pub(super) use raw::{RawFeed, RawSet};

/// A format a feed is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FeedFormat {
    /// RSS 2.0, `rss.xml`.
    Rss,
    /// Atom 1.0, `atom.xml`.
    Atom,
    /// JSON Feed 1.1, `feed.json`.
    Json,
}

impl FeedFormat {
    /// Every format, in the default order.
    pub const ALL: [Self; 3] = [Self::Rss, Self::Atom, Self::Json];

    /// The file the format is written to, in the feed's folder.
    pub fn file_name(self) -> &'static str {
        match self {
            Self::Rss => super::RSS_FILE,
            Self::Atom => super::ATOM_FILE,
            Self::Json => super::JSON_FILE,
        }
    }

    /// Its media type, as autodiscovery links and servers name it.
    pub fn media_type(self) -> &'static str {
        match self {
            Self::Rss => "application/rss+xml",
            Self::Atom => "application/atom+xml",
            Self::Json => "application/feed+json",
        }
    }

    /// Its name in the config and in messages.
    pub fn name(self) -> &'static str {
        match self {
            Self::Rss => "rss",
            Self::Atom => "atom",
            Self::Json => "json",
        }
    }

    /// How people call it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Rss => "RSS",
            Self::Atom => "Atom",
            Self::Json => "JSON Feed",
        }
    }

    fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// How one feed is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedOptions {
    /// How many entries it holds, newest first; 0 for all.
    pub limit: usize,
    /// Full content or summaries only.
    pub content: ContentMode,
    /// The formats written, in the order given (the first is the one the
    /// subscription list names).
    pub formats: Vec<FeedFormat>,
    /// Whether, and how, the whole history is kept in archive pages
    /// (RFC 5005 archived feeds) beside the feed; `None` for none.
    pub archive: Option<Archive>,
}

/// How a feed's history is paged (RFC 5005 section 4): every entry, in
/// the order of first publication, fills pages of `page_size`; each page
/// that is full is an archive document that never changes unless an
/// entry in it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Archive {
    /// Entries per page.
    pub page_size: usize,
}

/// The default of `archive_page_size`.
pub const DEFAULT_PAGE_SIZE: usize = 100;

/// The most entries an archive page may hold: a page is one document,
/// written and validated whole.
pub const MAX_PAGE_SIZE: usize = 10_000;

/// The folder, inside a feed's, of its archive pages.
pub const ARCHIVE_DIR: &str = "archive";

/// How the feeds of a family (one per section, or one per tag) are made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FamilyOptions {
    /// Written like this.
    pub options: FeedOptions,
    /// Title, with `{name}` for the section's or tag's name and `{site}`
    /// for the site's title.
    pub title: String,
    /// Description, with the same placeholders.
    pub description: String,
    /// Names to show for sections or tags, by key (see [`term_key`]),
    /// instead of their first spelling: `business` as `Business & Economy`.
    pub names: std::collections::BTreeMap<String, String>,
}

/// Which articles a `[[feeds]]` feed takes: an article must pass every
/// condition given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// It has at least one of these tags (as keys; see [`term_key`]).
    pub any_tags: BTreeSet<String>,
    /// It has every one of these tags.
    pub all_tags: BTreeSet<String>,
    /// It is in one of these sections.
    pub sections: BTreeSet<String>,
    /// One of its authors has one of these names (as keys).
    pub authors: BTreeSet<String>,
}

/// A feed of a `[[feeds]]` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExplicitFeed {
    /// Its folder under the output folder, `/`-separated, ending in `/`.
    pub path: String,
    /// Its title.
    pub title: String,
    /// Its description.
    pub description: String,
    /// How it is written.
    pub options: FeedOptions,
    /// Which articles it takes.
    pub filter: Filter,
}

/// Every feed a build writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedSet {
    /// The main feed, of every article, in the output folder itself.
    pub main: FeedOptions,
    /// One feed per section, under `sections/`, when on.
    pub sections: Option<FamilyOptions>,
    /// One feed per tag, under `tags/`, when on.
    pub tags: Option<FamilyOptions>,
    /// The `[[feeds]]` feeds, in the order written.
    pub explicit: Vec<ExplicitFeed>,
    /// The most feeds a build may write; a set of more is an error.
    pub max_feeds: usize,
}

/// The default of `max_feeds`.
pub const DEFAULT_MAX_FEEDS: usize = 10_000;

impl FeedSet {
    /// Whether any feed but the main one depends on what an article's
    /// section, tags or authors are.
    pub fn has_groups(&self) -> bool {
        self.sections.is_some() || self.tags.is_some() || !self.explicit.is_empty()
    }

    /// Whether any feed keeps archive pages.
    pub fn has_pages(&self) -> bool {
        self.main.archive.is_some()
            || self
                .sections
                .as_ref()
                .is_some_and(|f| f.options.archive.is_some())
            || self
                .tags
                .as_ref()
                .is_some_and(|f| f.options.archive.is_some())
            || self.explicit.iter().any(|f| f.options.archive.is_some())
    }

    /// Whether the ranking pass keeps each candidate's body: only when a
    /// full-content feed holds every entry (`limit` 0), which would read
    /// the archive twice otherwise. Else the bodies go as soon as an
    /// article is read, and the few entries a full-content feed publishes
    /// are read again at the end: a feed set's candidates (a few thousand,
    /// of which each full-content feed publishes its `limit`) would
    /// otherwise hold their whole text.
    pub fn keeps_bodies(&self) -> bool {
        let all_full = |o: &FeedOptions| o.content == ContentMode::Full && o.limit == 0;
        all_full(&self.main)
            || self.sections.as_ref().is_some_and(|f| all_full(&f.options))
            || self.tags.as_ref().is_some_and(|f| all_full(&f.options))
            || self.explicit.iter().any(|f| all_full(&f.options))
    }
}

/// The folder of the section feeds.
pub const SECTIONS_DIR: &str = "sections";
/// The folder of the tag feeds.
pub const TAGS_DIR: &str = "tags";
