//! The feed set's settings: which feeds a build writes besides the main
//! one (one per section, one per tag, and `[[feeds]]` tables), in which
//! formats, each checked before any work starts.

use std::collections::BTreeSet;

use serde::Deserialize;

use super::ContentMode;
use crate::feed::set::term_key;

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

/// `feedpub.toml`'s feed-set keys as written.
#[derive(Debug, Default, Deserialize)]
pub(super) struct RawSet {
    pub max_feeds: Option<usize>,
    pub formats: Option<Vec<String>>,
    pub archive: Option<bool>,
    pub archive_page_size: Option<usize>,
    pub section_feeds: Option<toml::Value>,
    pub tag_feeds: Option<toml::Value>,
    pub feeds: Option<Vec<RawFeed>>,
}

/// A `[[feeds]]` table as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFeed {
    path: String,
    title: String,
    description: Option<String>,
    limit: Option<usize>,
    content: Option<String>,
    formats: Option<Vec<String>>,
    archive: Option<bool>,
    archive_page_size: Option<usize>,
    tags: Option<Vec<String>>,
    all_tags: Option<Vec<String>>,
    sections: Option<Vec<String>>,
    authors: Option<Vec<String>>,
}

/// A family's table (`section_feeds = { ... }`) as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFamily {
    limit: Option<usize>,
    content: Option<String>,
    formats: Option<Vec<String>>,
    archive: Option<bool>,
    archive_page_size: Option<usize>,
    title: Option<String>,
    description: Option<String>,
    names: Option<std::collections::BTreeMap<String, String>>,
}

impl RawSet {
    /// Checks the set; `limit` and `content` are the main feed's (the
    /// file's with the command line's overrides), which every other feed
    /// takes unless it sets its own.
    pub(super) fn check(self, limit: usize, content: ContentMode) -> Result<FeedSet, String> {
        let main = FeedOptions {
            limit,
            content,
            formats: match &self.formats {
                Some(names) => formats(names, "formats")?,
                None => FeedFormat::ALL.to_vec(),
            },
            archive: archive(self.archive, self.archive_page_size, "")?,
        };
        let main = xml_for_pages(main, "")?;
        let sections = family(self.section_feeds, "section_feeds", &main)?;
        let tags = family(self.tag_feeds, "tag_feeds", &main)?;
        let mut explicit: Vec<ExplicitFeed> = Vec::new();
        // Each path and the table that has it.
        let mut paths: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for (n, raw) in self.feeds.into_iter().flatten().enumerate() {
            let at = format!("feeds[{n}]");
            let path = feed_path(&raw.path).map_err(|m| format!("`{at}.path` {m}"))?;
            let first = path.split('/').next().unwrap_or_default();
            for (on, dir, key) in [
                (sections.is_some(), SECTIONS_DIR, "section_feeds"),
                (tags.is_some(), TAGS_DIR, "tag_feeds"),
            ] {
                if on && first == dir {
                    return Err(format!(
                        "`{at}.path` `{}` is inside `{dir}/`, where `{key}` writes its feeds; expected another folder",
                        raw.path
                    ));
                }
            }
            if let Some(other) = paths.insert(path.clone(), n) {
                return Err(format!(
                    "`{at}.path` `{}` is also the path of `feeds[{other}]`; each feed needs a folder of its own",
                    raw.path
                ));
            }
            let title = raw.title.trim();
            if title.is_empty() {
                return Err(format!("`{at}.title` is empty"));
            }
            let keys = |list: Option<Vec<String>>, key: &str| -> Result<BTreeSet<String>, String> {
                let mut keys = BTreeSet::new();
                for value in list.into_iter().flatten() {
                    let k = term_key(&value).into_owned();
                    if k.is_empty() {
                        return Err(format!("`{at}.{key}` has an empty value"));
                    }
                    keys.insert(k);
                }
                Ok(keys)
            };
            let filter = Filter {
                any_tags: keys(raw.tags, "tags")?,
                all_tags: keys(raw.all_tags, "all_tags")?,
                sections: keys(raw.sections, "sections")?,
                authors: keys(raw.authors, "authors")?,
            };
            let options = options(
                Written {
                    limit: raw.limit,
                    content: raw.content,
                    formats: raw.formats,
                    archive: raw.archive,
                    archive_page_size: raw.archive_page_size,
                },
                &main,
                &at,
            )?;
            explicit.push(ExplicitFeed {
                path,
                description: raw
                    .description
                    .map(|d| d.trim().to_owned())
                    .filter(|d| !d.is_empty())
                    .unwrap_or_else(|| title.to_owned()),
                title: title.to_owned(),
                options,
                filter,
            });
        }
        let max_feeds = self.max_feeds.unwrap_or(DEFAULT_MAX_FEEDS);
        if max_feeds <= explicit.len() {
            return Err(format!(
                "`max_feeds` is {max_feeds}, but the main feed and the `[[feeds]]` are {}; expected more",
                explicit.len() + 1
            ));
        }
        Ok(FeedSet {
            main,
            sections,
            tags,
            explicit,
            max_feeds,
        })
    }
}

/// A feed table's own options as written.
struct Written {
    limit: Option<usize>,
    content: Option<String>,
    formats: Option<Vec<String>>,
    archive: Option<bool>,
    archive_page_size: Option<usize>,
}

/// A feed's options: its own where written, else the main feed's, but for
/// `archive`, which each feed turns on for itself (a tag feed of every
/// tag's whole history is not what a main feed's archive asks for).
fn options(raw: Written, main: &FeedOptions, at: &str) -> Result<FeedOptions, String> {
    Ok(FeedOptions {
        limit: raw.limit.unwrap_or(main.limit),
        content: match raw.content {
            Some(c) => c.parse().map_err(|m| format!("`{at}.content`: {m}"))?,
            None => main.content,
        },
        formats: match &raw.formats {
            Some(names) => formats(names, &format!("{at}.formats"))?,
            None => main.formats.clone(),
        },
        archive: archive(raw.archive, raw.archive_page_size, at)?,
    })
    .and_then(|o| xml_for_pages(o, at))
}

/// Refuses archive pages for a feed with no XML format: pages are
/// written in RSS and Atom only (JSON Feed has no archive documents).
fn xml_for_pages(options: FeedOptions, at: &str) -> Result<FeedOptions, String> {
    let xml = options
        .formats
        .iter()
        .any(|f| matches!(f, FeedFormat::Rss | FeedFormat::Atom));
    if options.archive.is_some() && !xml {
        let key = if at.is_empty() {
            "formats".to_owned()
        } else {
            format!("{at}.formats")
        };
        return Err(format!(
            "`{key}` has neither `rss` nor `atom`, but archive pages are written only in those; expected one of them, or no `archive`"
        ));
    }
    Ok(options)
}

/// `archive` and `archive_page_size` of the table at `at` (empty for the
/// file's top level).
fn archive(
    on: Option<bool>,
    page_size: Option<usize>,
    at: &str,
) -> Result<Option<Archive>, String> {
    let key = |name: &str| {
        if at.is_empty() {
            name.to_owned()
        } else {
            format!("{at}.{name}")
        }
    };
    match (on, page_size) {
        (Some(true), size) => {
            let page_size = size.unwrap_or(DEFAULT_PAGE_SIZE);
            if !(1..=MAX_PAGE_SIZE).contains(&page_size) {
                return Err(format!(
                    "`{}` is {page_size}; expected 1 to {MAX_PAGE_SIZE} entries a page",
                    key("archive_page_size")
                ));
            }
            Ok(Some(Archive { page_size }))
        }
        (_, Some(_)) => Err(format!(
            "`{}` is set, but `{}` is not `true`; expected both, or neither",
            key("archive_page_size"),
            key("archive")
        )),
        (_, None) => Ok(None),
    }
}

fn formats(names: &[String], key: &str) -> Result<Vec<FeedFormat>, String> {
    let mut list = Vec::new();
    for name in names {
        let format = FeedFormat::parse(name).ok_or_else(|| {
            format!("`{key}` has unknown format `{name}`; expected `rss`, `atom` or `json`")
        })?;
        if !list.contains(&format) {
            list.push(format);
        }
    }
    if list.is_empty() {
        return Err(format!(
            "`{key}` is empty; expected at least one of `rss`, `atom` and `json`"
        ));
    }
    Ok(list)
}

/// `section_feeds`/`tag_feeds`: `true`, `false`, or a table of options.
fn family(
    value: Option<toml::Value>,
    key: &str,
    main: &FeedOptions,
) -> Result<Option<FamilyOptions>, String> {
    let raw = match value {
        None | Some(toml::Value::Boolean(false)) => return Ok(None),
        Some(toml::Value::Boolean(true)) => RawFamily {
            limit: None,
            content: None,
            formats: None,
            archive: None,
            archive_page_size: None,
            title: None,
            description: None,
            names: None,
        },
        Some(table @ toml::Value::Table(_)) => table
            .try_into()
            .map_err(|e: toml::de::Error| format!("`{key}`: {}", e.message().trim_end()))?,
        Some(other) => {
            return Err(format!(
                "`{key}` is a {}; expected `true`, `false` or a table such as `{{ limit = 20, content = \"summary\" }}`",
                other.type_str()
            ));
        }
    };
    let template = |value: Option<String>, what: &str, default: &str| -> Result<String, String> {
        let text = value.unwrap_or_else(|| default.to_owned());
        if text.trim().is_empty() {
            return Err(format!("`{key}.{what}` is empty"));
        }
        Ok(text.trim().to_owned())
    };
    Ok(Some(FamilyOptions {
        options: options(
            Written {
                limit: raw.limit,
                content: raw.content,
                formats: raw.formats,
                archive: raw.archive,
                archive_page_size: raw.archive_page_size,
            },
            main,
            key,
        )?,
        title: template(raw.title, "title", "{site}: {name}")?,
        description: template(raw.description, "description", "{name}, from {site}")?,
        names: {
            let mut names = std::collections::BTreeMap::new();
            for (term, name) in raw.names.into_iter().flatten() {
                let key = term_key(&term).into_owned();
                let name = name.trim().to_owned();
                if key.is_empty() || name.is_empty() {
                    return Err(format!(
                        "`{key}.names` has an empty name or value; expected something like `business = \"Business & Economy\"`"
                    ));
                }
                names.insert(key, name);
            }
            names
        },
    }))
}

/// Checks a `[[feeds]]` path: a relative folder of plain names, given
/// with or without a final `/`; it comes back with one.
fn feed_path(text: &str) -> Result<String, String> {
    let trimmed = text.trim_end_matches('/');
    let problem = if trimmed.is_empty() {
        Some(
            "is empty; the main feed is the output folder itself, expected a folder such as `climate/`",
        )
    } else if trimmed.starts_with('/') {
        Some("is absolute; expected a folder under the output folder, such as `climate/`")
    } else {
        trimmed.split('/').find_map(|part| {
            if part.is_empty() {
                Some("has an empty folder name (`//`)")
            } else if part == "." || part == ".." {
                Some("has a `.` or `..` part; expected plain folder names")
            } else if part.starts_with('.') {
                Some("has a folder name starting with `.`, which servers hide")
            } else if !part
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
            {
                Some("has a character other than letters, digits, `-`, `_` and `.`")
            } else {
                None
            }
        })
    };
    match problem {
        Some(problem) => Err(format!("`{text}` {problem}")),
        None => Ok(format!("{trimmed}/")),
    }
}

#[cfg(test)]
mod tests;
