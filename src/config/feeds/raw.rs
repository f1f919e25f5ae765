//! The feed-set keys of `feedpub.toml` as written, and their check into a
//! [`FeedSet`]: formats, archive pages, section and tag families, and
//! `[[feeds]]` tables with their paths and filters.

use std::collections::BTreeSet;

use serde::Deserialize;

use super::super::ContentMode;
use super::{
    ARCHIVE_DIR, Archive, DEFAULT_MAX_FEEDS, DEFAULT_PAGE_SIZE, ExplicitFeed, FamilyOptions,
    FeedFormat, FeedOptions, FeedSet, Filter, MAX_PAGE_SIZE, SECTIONS_DIR, TAGS_DIR,
};
use crate::feed::set::term_key;

/// `feedpub.toml`'s feed-set keys as written.
#[derive(Debug, Default, Deserialize)]
pub(in crate::config) struct RawSet {
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
pub(in crate::config) struct RawFeed {
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
    pub(in crate::config) fn check(
        self,
        limit: usize,
        content: ContentMode,
    ) -> Result<FeedSet, String> {
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
            crate::config::xml_text(title, &format!("{at}.title"))?;
            if let Some(description) = &raw.description {
                crate::config::xml_text(description, &format!("{at}.description"))?;
            }
            let keys = |list: Option<Vec<String>>, key: &str| -> Result<BTreeSet<String>, String> {
                // An empty list would filter nothing, which is surely not
                // what was meant: `tags = []` is not "no tags".
                if list.as_ref().is_some_and(Vec::is_empty) {
                    return Err(format!(
                        "`{at}.{key}` is an empty list; name at least one, or leave the key out to match every article"
                    ));
                }
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
        archives_apart(&main, &explicit)?;
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
        crate::config::xml_text(&text, &format!("{key}.{what}"))?;
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
                let term = term_key(&term).into_owned();
                let name = name.trim().to_owned();
                if term.is_empty() || name.is_empty() {
                    return Err(format!(
                        "`{key}.names` has an empty name or value; expected something like `business = \"Business & Economy\"`"
                    ));
                }
                crate::config::xml_text(&name, &format!("{key}.names"))?;
                names.insert(term, name);
            }
            names
        },
    }))
}

/// The most folders a `[[feeds]]` path may have: a feed's files lie up to
/// three levels below it (`archive/rss/1.xml`), and the search for stale
/// files looks [`crate::publish::STALE_DEPTH`] levels deep.
pub const MAX_PATH_FOLDERS: usize = 8;

const _: () = assert!(MAX_PATH_FOLDERS + 3 < crate::publish::STALE_DEPTH);

/// The names of the files feedpub writes in a feed's folder or the
/// output folder: no folder of a feed may be named so.
const FILE_NAMES: &[&str] = &[
    crate::config::RSS_FILE,
    "atom.xml",
    "feed.json",
    crate::publish::INDEX_FILE,
    crate::write::page::FILE_NAME,
];

/// Refuses a `[[feeds]]` path inside the archive folder of the main feed
/// or of another `[[feeds]]` feed that keeps archive pages: its folders
/// would stand where the pages are.
fn archives_apart(main: &FeedOptions, explicit: &[ExplicitFeed]) -> Result<(), String> {
    for (n, feed) in explicit.iter().enumerate() {
        let parts: Vec<&str> = feed.path.trim_end_matches('/').split('/').collect();
        for (k, part) in parts.iter().enumerate() {
            if *part != ARCHIVE_DIR {
                continue;
            }
            let owner = parts[..k].join("/");
            let archived = if owner.is_empty() {
                main.archive.is_some().then(|| "the main feed".to_owned())
            } else {
                explicit
                    .iter()
                    .position(|f| {
                        f.path.trim_end_matches('/') == owner && f.options.archive.is_some()
                    })
                    .map(|m| format!("`feeds[{m}]`"))
            };
            if let Some(owner) = archived {
                return Err(format!(
                    "`feeds[{n}].path` `{}` is inside the folder of {owner}'s archive pages; expected another folder",
                    feed.path
                ));
            }
        }
    }
    Ok(())
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
    } else if trimmed.split('/').count() > MAX_PATH_FOLDERS {
        Some("has more than 8 folders; expected a shorter path")
    } else {
        trimmed.split('/').find_map(|part| {
            if part.is_empty() {
                Some("has an empty folder name (`//`)")
            } else if part == "." || part == ".." {
                Some("has a `.` or `..` part; expected plain folder names")
            } else if part.starts_with('.') {
                Some("has a folder name starting with `.`, which servers hide")
            } else if FILE_NAMES.contains(&part) {
                Some("has a folder named as a file feedpub writes (`rss.xml`, `atom.xml`, `feed.json`, `index.opml`, `index.html`); expected another name")
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
