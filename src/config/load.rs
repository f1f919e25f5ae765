//! Loading the configuration: `feedpub.toml` as written, read and checked
//! value by value with the command line's overrides into a [`Config`].

use std::path::{Path, PathBuf};

use chrono_tz::Tz;
use serde::Deserialize;
use url::Url;

use super::{
    Config, ContentMode, DEFAULT_FILE, DEFAULT_LINK_PATTERN, Overrides, PLACEHOLDER_BASE_URL,
    Person, Site, feeds, hubs,
};
use crate::article::NewsOptions;
use crate::error::Error;
use crate::normalize::link::{LinkPattern, TagScheme};
use crate::text::date::{DateOptions, DateOrder, ZoneAbbreviations};
use crate::text::uri;

/// `feedpub.toml` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    base_url: Option<String>,
    feeds_url: Option<String>,
    title: Option<String>,
    description: Option<String>,
    language: Option<String>,
    author: Option<Person>,
    timezone: Option<String>,
    date_order: Option<String>,
    zone_abbreviations: Option<std::collections::BTreeMap<String, String>>,
    limit: Option<usize>,
    summary_max_chars: Option<usize>,
    link_pattern: Option<String>,
    tag_date: Option<String>,
    articles: Option<PathBuf>,
    out: Option<PathBuf>,
    state_dir: Option<PathBuf>,
    content: Option<String>,
    boilerplate: Option<Vec<String>>,
    credits: Option<Vec<String>>,
    max_article_bytes: Option<u64>,
    max_feeds: Option<usize>,
    formats: Option<Vec<String>>,
    archive: Option<bool>,
    archive_page_size: Option<usize>,
    section_feeds: Option<toml::Value>,
    tag_feeds: Option<toml::Value>,
    feeds: Option<Vec<feeds::RawFeed>>,
    hubs: Option<Vec<String>>,
    ping: Option<bool>,
    page: Option<bool>,
}

impl Config {
    /// Reads the config file (the one named, or `feedpub.toml` in the
    /// current directory when present) and applies the overrides.
    pub fn load(overrides: Overrides) -> Result<Self, Error> {
        let (file, dir) = match &overrides.config {
            Some(path) => (read_file(path)?, parent(path)),
            None => {
                let path = Path::new(DEFAULT_FILE);
                if path.is_file() {
                    (read_file(path)?, PathBuf::new())
                } else {
                    (FileConfig::default(), PathBuf::new())
                }
            }
        };
        let source = overrides
            .config
            .clone()
            .unwrap_or_else(|| PathBuf::from(DEFAULT_FILE));
        let bad = |message: String| Error::Config {
            path: source.clone(),
            message,
        };

        // A bad value from a flag is blamed on the flag, not on a file
        // that may not even exist.
        let base_url_known = overrides.base_url.is_some() || file.base_url.is_some();
        let base_url = match (&overrides.base_url, file.base_url) {
            (Some(flag), _) => site_url(flag).map_err(|message| Error::Flag {
                flag: "--base-url",
                message,
            })?,
            (None, Some(key)) => site_url(&key).map_err(|m| bad(format!("`base_url` {m}")))?,
            (None, None) if overrides.base_url_optional => Url::parse(PLACEHOLDER_BASE_URL)
                .map_err(|e| bad(format!("cannot make the placeholder base URL: {e}")))?,
            (None, None) => {
                return Err(bad(
                    "no `base_url`; set it in the config or with `--base-url`".to_owned(),
                ));
            }
        };
        let feeds_url = match file.feeds_url {
            Some(u) => site_url(&u).map_err(|m| bad(format!("`feeds_url` {m}")))?,
            None => base_url
                .join("feeds/")
                .map_err(|e| bad(format!("cannot make the feeds URL: {e}")))?,
        };
        let host = base_url.host_str().unwrap_or_default().to_owned();
        let title = non_empty(file.title, "title")
            .map_err(&bad)?
            .unwrap_or_else(|| host.clone());
        let description = non_empty(file.description, "description")
            .map_err(&bad)?
            .unwrap_or_else(|| title.clone());
        let language = match file.language {
            Some(tag) if is_language_tag(&tag) => Some(tag),
            Some(tag) => {
                return Err(bad(format!(
                    "`language` `{tag}` is not a language tag; expected something like `en` or `en-GB`"
                )));
            }
            None => None,
        };
        let author = match file.author {
            Some(p) if p.name.trim().is_empty() => {
                return Err(bad("`author.name` is empty".to_owned()));
            }
            Some(Person { email: Some(e), .. }) if !uri::is_email(&e) => {
                return Err(bad(format!("`author.email` `{e}` is not an email address")));
            }
            Some(p) => {
                super::xml_text(&p.name, "author.name").map_err(&bad)?;
                p
            }
            None => Person {
                name: title.clone(),
                email: None,
            },
        };
        let ids = TagScheme::new(
            &base_url,
            file.tag_date.as_deref().unwrap_or(TagScheme::DEFAULT_DATE),
        )
        .map_err(&bad)?;
        let timezone = match (&overrides.timezone, file.timezone) {
            (Some(flag), _) => time_zone(flag).map_err(|message| Error::Flag {
                flag: "--timezone",
                message,
            })?,
            (None, Some(name)) => time_zone(&name).map_err(&bad)?,
            (None, None) => Tz::UTC,
        };
        let order = file
            .date_order
            .map(|o| o.parse::<DateOrder>())
            .transpose()
            .map_err(&bad)?;
        let abbreviations = match &file.zone_abbreviations {
            Some(map) => ZoneAbbreviations::new(map.iter().map(|(k, v)| (k.as_str(), v.as_str())))
                .map_err(&bad)?,
            None => ZoneAbbreviations::default(),
        };
        let link = LinkPattern::new(
            file.link_pattern.as_deref().unwrap_or(DEFAULT_LINK_PATTERN),
            &base_url,
        )
        .map_err(&bad)?;
        let content = match overrides.content {
            Some(mode) => mode,
            None => file
                .content
                .map(|c| c.parse::<ContentMode>())
                .transpose()
                .map_err(&bad)?
                .unwrap_or_default(),
        };
        let summary_max_chars = file.summary_max_chars.unwrap_or(300);
        if summary_max_chars < 10 {
            return Err(bad(format!(
                "`summary_max_chars` is {summary_max_chars}; expected at least 10"
            )));
        }
        let mut news = NewsOptions::default();
        if let Some(extra) = file.boilerplate {
            for line in &extra {
                news.add_boilerplate(line);
            }
        }
        for credit in file.credits.iter().flatten() {
            news.add_credit(check_credit(credit).map_err(&bad)?);
        }
        let limit = overrides.limit.or(file.limit).unwrap_or(50);
        let feeds = feeds::RawSet {
            max_feeds: file.max_feeds,
            formats: file.formats,
            archive: file.archive,
            archive_page_size: file.archive_page_size,
            section_feeds: file.section_feeds,
            tag_feeds: file.tag_feeds,
            feeds: file.feeds,
        }
        .check(limit, content)
        .map_err(&bad)?;
        let hubs = hubs::check(file.hubs.as_deref().unwrap_or_default()).map_err(&bad)?;
        let ping = overrides.ping || file.ping.unwrap_or(false);
        if ping && hubs.is_empty() {
            return Err(bad(
                "pinging is on (`ping` or `--ping`) but there is no hub to ping; expected `hubs = [\"https://...\"]` in the config".to_owned(),
            ));
        }
        let out = overrides
            .out
            .clone()
            .unwrap_or_else(|| dir.join(file.out.unwrap_or_else(|| "feeds".into())));
        let state_dir = match (overrides.state_dir.clone(), file.state_dir) {
            (Some(flag), _) => non_empty_path(flag, "--state-dir").map_err(&bad)?,
            (None, Some(key)) => dir.join(non_empty_path(key, "state_dir").map_err(&bad)?),
            (None, None) => dir.join(crate::state::DEFAULT_DIR),
        };
        Ok(Self {
            source: source.clone(),
            articles: overrides
                .articles
                .clone()
                .unwrap_or_else(|| dir.join(file.articles.unwrap_or_else(|| "articles".into()))),
            state: crate::state::folder(&state_dir, &out, &dir),
            out,
            site: Site {
                base_url,
                base_url_known,
                feeds_url,
                title,
                description,
                language,
                author,
                ids,
                hubs,
            },
            dates: DateOptions {
                timezone,
                order,
                abbreviations,
            },
            limit,
            summary_max_chars,
            link,
            content,
            news,
            max_article_bytes: file.max_article_bytes.unwrap_or(16 * 1024 * 1024),
            feeds,
            ping,
            page: file.page.unwrap_or(true),
        })
    }
}

fn parent(path: &Path) -> PathBuf {
    path.parent().map(Path::to_path_buf).unwrap_or_default()
}

fn read_file(path: &Path) -> Result<FileConfig, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    toml::from_str(&text).map_err(|e| {
        let place = e.span().map(|span| {
            let head = text.get(..span.start).unwrap_or(&text);
            let line = head.matches('\n').count() + 1;
            let col = head.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
            format!("{line}:{col}: ")
        });
        Error::Config {
            path: path.to_path_buf(),
            message: format!("{}{}", place.unwrap_or_default(), e.message().trim_end()),
        }
    })
}

/// Checks a value of `credits`: a credit ends a caption's last line, so
/// it is not blank, holds no line break (or other control character),
/// and has at most the six words a credit may have.
fn check_credit(credit: &str) -> Result<&str, String> {
    let trimmed = credit.trim();
    let problem = if trimmed.is_empty() {
        "is empty"
    } else if trimmed.contains(char::is_control) {
        "holds a line break or another control character"
    } else if trimmed.split_whitespace().nth(6).is_some() {
        "has more than six words"
    } else {
        return Ok(trimmed);
    };
    Err(format!(
        "`credits` value `{}` {problem}; expected a photo credit such as `Times Wire`",
        credit.escape_debug()
    ))
}

/// A folder named by `key` (a config key or a flag), which must not be
/// empty: an empty path would mean the current folder without saying so.
fn non_empty_path(path: PathBuf, key: &str) -> Result<PathBuf, String> {
    if path.as_os_str().is_empty() {
        return Err(format!(
            "`{key}` is empty; expected a folder such as `{}`",
            crate::state::DEFAULT_DIR
        ));
    }
    Ok(path)
}

fn non_empty(value: Option<String>, key: &str) -> Result<Option<String>, String> {
    match value {
        Some(v) if v.trim().is_empty() => Err(format!("`{key}` is empty")),
        Some(v) => {
            super::xml_text(&v, key)?;
            Ok(Some(v.trim().to_owned()))
        }
        None => Ok(None),
    }
}

/// Reads a `timezone` value (or `--timezone`): an IANA zone name.
pub fn time_zone(name: &str) -> Result<Tz, String> {
    name.parse::<Tz>().map_err(|_| {
        format!("unknown time zone `{name}`; expected an IANA name such as `Asia/Dubai` or `UTC`")
    })
}

/// Checks a site URL (`base_url`, `feeds_url`, `--base-url`): absolute
/// http(s) with a host, ending in `/` so that relative links resolve
/// inside it. The message starts with the bad value; the caller puts the
/// key or flag before it.
pub fn site_url(text: &str) -> Result<Url, String> {
    let mut url = Url::parse(text).map_err(|e| {
        format!("`{text}` is not a URL ({e}); expected something like `https://example.com/`")
    })?;
    if !uri::is_web_url(&url) {
        return Err(format!("`{text}` is not an http(s) URL with a host"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!(
            "`{text}` has a query or fragment; expected a plain folder URL"
        ));
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

/// A loose check of a BCP 47 tag: letters and digits in dash-separated
/// parts of 1 to 8, the first of 2 to 3 letters.
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or_default();
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests;
