//! The checked configuration of a run: `feedpub.toml` with command-line
//! overrides, every value validated before any work starts.

pub mod feeds;
pub mod hubs;

use std::path::{Path, PathBuf};

use chrono_tz::Tz;
use serde::Deserialize;
use url::Url;

use crate::article::NewsOptions;
use crate::error::Error;
use crate::normalize::link::{LinkPattern, TagScheme};
use crate::text::date::{DateOptions, DateOrder, ZoneAbbreviations};
use crate::text::uri;
use feeds::FeedSet;

/// The name of the configuration file looked for in the current directory.
pub const DEFAULT_FILE: &str = "feedpub.toml";

/// What each entry's content holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ContentMode {
    /// The full article as HTML (`content:encoded`, Atom `<content>`).
    #[default]
    Full,
    /// Only the summary; no content element.
    Summary,
}

impl std::str::FromStr for ContentMode {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "full" => Ok(Self::Full),
            "summary" => Ok(Self::Summary),
            _ => Err(format!(
                "unknown content mode `{s}`; expected `full` or `summary`"
            )),
        }
    }
}

/// A person or organisation credited in a feed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// The name (Atom `<name>`, RSS `dc:creator`).
    pub name: String,
    /// An email address (Atom `<email>`, RSS `<author>`/`<managingEditor>`).
    pub email: Option<String>,
}

/// What the feeds say about the site.
#[derive(Debug, Clone)]
pub struct Site {
    /// The site's home page (RSS channel `<link>`, Atom `rel="alternate"`).
    pub base_url: Url,
    /// Whether `base_url` was given; false only where it is optional
    /// (see [`Overrides::base_url_optional`]), when it is the placeholder.
    pub base_url_known: bool,
    /// Where the feed files are published (for the `rel="self"` links).
    pub feeds_url: Url,
    /// Feed title (RSS `<title>`, Atom `<title>`).
    pub title: String,
    /// Feed description (RSS `<description>`, Atom `<subtitle>`).
    pub description: String,
    /// Language tag (RSS `<language>`, Atom `xml:lang`).
    pub language: Option<String>,
    /// The feed's author, used for entries that name none.
    pub author: Person,
    /// How entry and feed ids are made.
    pub ids: TagScheme,
    /// The WebSub hubs every feed names (RSS `<atom:link rel="hub">`, Atom
    /// `<link rel="hub">`, JSON Feed `hubs`), in the order configured.
    pub hubs: Vec<Url>,
}

/// Everything a run needs, checked.
#[derive(Debug, Clone)]
pub struct Config {
    /// The folder of articles.
    pub articles: PathBuf,
    /// The folder the feeds are written to.
    pub out: PathBuf,
    /// The folder of this output folder's state (rank cache, archive
    /// pages' fingerprints, lock): its own folder under `state_dir` (see
    /// [`crate::state`]), never inside the output folder's published files.
    pub state: PathBuf,
    /// The site.
    pub site: Site,
    /// How timestamps are read.
    pub dates: DateOptions,
    /// How many entries a feed holds; 0 for all.
    pub limit: usize,
    /// Longest summary, in characters.
    pub summary_max_chars: usize,
    /// How an entry's link is made from its slug.
    pub link: LinkPattern,
    /// Full content or summaries only.
    pub content: ContentMode,
    /// Options of the plain-text reader.
    pub news: NewsOptions,
    /// Largest article file read, in bytes.
    pub max_article_bytes: u64,
    /// Every feed the build writes; the main one's limit and content are
    /// `limit` and `content`.
    pub feeds: FeedSet,
    /// Whether `build` tells the hubs about the feed files it changed
    /// (`ping`, `--ping`); never without hubs.
    pub ping: bool,
    /// Whether `build` writes `index.html`, the page people read beside
    /// the feeds (`page`, on by default).
    pub page: bool,
}

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

/// Values given on the command line; each beats the file.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    /// `--config`: a file that must exist.
    pub config: Option<PathBuf>,
    /// `--articles`.
    pub articles: Option<PathBuf>,
    /// `--out`.
    pub out: Option<PathBuf>,
    /// `--state-dir`: relative to the current folder, as `--out` is.
    pub state_dir: Option<PathBuf>,
    /// `--timezone`.
    pub timezone: Option<String>,
    /// `--base-url`.
    pub base_url: Option<String>,
    /// `--limit`.
    pub limit: Option<usize>,
    /// `--content`.
    pub content: Option<ContentMode>,
    /// `--ping`: turns pinging on whatever the file says.
    pub ping: bool,
    /// The command can run without a `base_url` (`inspect`, which only
    /// reads): when there is none, [`PLACEHOLDER_BASE_URL`] stands in and
    /// [`Site::base_url_known`] is false.
    pub base_url_optional: bool,
}

/// The base URL that stands in for a missing `base_url` where one is
/// optional: under the `.invalid` top-level domain (RFC 2606), so it can
/// never be mistaken for a real site.
pub const PLACEHOLDER_BASE_URL: &str = "https://base-url.invalid/";

/// The default link pattern: the slug as a folder under the base URL.
pub const DEFAULT_LINK_PATTERN: &str = "{slug}/";

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
            Some(p) => p,
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

    /// The path of the RSS feed.
    pub fn rss_path(&self) -> PathBuf {
        self.out.join(RSS_FILE)
    }

    /// The path of the Atom feed.
    pub fn atom_path(&self) -> PathBuf {
        self.out.join(ATOM_FILE)
    }
}

/// The RSS feed's file name.
pub const RSS_FILE: &str = "rss.xml";
/// The Atom feed's file name.
pub const ATOM_FILE: &str = "atom.xml";
/// The JSON Feed's file name.
pub const JSON_FILE: &str = "feed.json";

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
        Some(v) => Ok(Some(v.trim().to_owned())),
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
