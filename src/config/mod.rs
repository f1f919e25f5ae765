//! The checked configuration of a run: `feedpub.toml` with command-line
//! overrides, every value validated before any work starts.

pub mod feeds;
pub mod hubs;
mod load;

use std::path::PathBuf;

use serde::Deserialize;
use url::Url;

use crate::article::NewsOptions;
use crate::normalize::link::{LinkPattern, TagScheme};
use crate::text::date::DateOptions;
use feeds::FeedSet;
pub use load::{site_url, time_zone};

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
    /// The config file read (or `feedpub.toml`, where there is none), for
    /// diagnostics about what it says.
    pub source: PathBuf,
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
    /// The path of the RSS feed.
    pub fn rss_path(&self) -> PathBuf {
        self.out.join(RSS_FILE)
    }

    /// The path of the Atom feed.
    pub fn atom_path(&self) -> PathBuf {
        self.out.join(ATOM_FILE)
    }

    /// The path of the file of a feed of the set in `format`: `folder` is
    /// the feed's folder under the output folder (empty for the main
    /// feed, otherwise ending in `/`).
    pub fn feed_file(&self, folder: &str, format: feeds::FeedFormat) -> PathBuf {
        self.out.join(folder).join(format.file_name())
    }
}

/// The RSS feed's file name.
pub const RSS_FILE: &str = "rss.xml";
/// The Atom feed's file name.
pub const ATOM_FILE: &str = "atom.xml";
/// The JSON Feed's file name.
pub const JSON_FILE: &str = "feed.json";

/// Checks that a configured text that feeds carry (a title, a
/// description, a name) holds only characters XML can carry: a control
/// character there is the configuration's fault, not a feed's.
pub(crate) fn xml_text(value: &str, key: &str) -> Result<(), String> {
    match value.chars().find(|&c| !crate::text::xml::is_xml_char(c)) {
        Some(c) => Err(format!(
            "`{key}` has the character U+{:04X}, which XML cannot carry; remove it",
            u32::from(c)
        )),
        None => Ok(()),
    }
}
