//! The starting files of a new site (`feedpub init`): a commented
//! `feedpub.toml`, one sample article in each format and a `.gitignore`
//! for feedpub's state. An existing file is never overwritten.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono_tz::Tz;
use url::Url;

use crate::config::DEFAULT_FILE;
use crate::error::Error;

/// The site's URL written when none is given; the config says to change it.
pub const PLACEHOLDER_BASE_URL: &str = "https://example.com/";

/// The folder feedpub keeps its state in, beside `feedpub.toml`; the
/// generated `.gitignore` leaves it out of version control.
pub const STATE_DIR: &str = crate::state::DEFAULT_DIR;

/// The folder the sample articles go in (the config's default `articles`).
pub const ARTICLES_DIR: &str = "articles";

/// A plain-text news article in the shape scraped articles have.
const SAMPLE_TEXT: &str = include_str!("samples/night-ferry-returns.txt");
/// A Markdown article with YAML front matter.
const SAMPLE_MARKDOWN: &str = include_str!("samples/writing-articles.md");

/// What `feedpub init` was told, every value checked.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// `base_url`; [`PLACEHOLDER_BASE_URL`] when not given.
    pub base_url: Option<Url>,
    /// `title`; left to its default (the host name) when not given.
    pub title: Option<String>,
    /// `timezone`; left to its default (UTC) when not given.
    pub timezone: Option<Tz>,
}

/// What became of one starting file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The file was written.
    Written,
    /// A file was already there, and was left alone.
    Kept,
    /// A sample article was not written, because the articles folder
    /// already held files: it would have been published with them.
    Skipped,
}

/// One starting file and what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Made {
    /// The file's path: the site folder joined with its place in it.
    pub path: PathBuf,
    /// Written, kept or skipped.
    pub outcome: Outcome,
}

/// The starting files, by their place in the site folder, with their text.
pub fn files(settings: &Settings) -> Vec<(PathBuf, String)> {
    let articles = Path::new(ARTICLES_DIR);
    vec![
        (PathBuf::from(DEFAULT_FILE), config_text(settings)),
        (
            articles.join("night-ferry-returns.txt"),
            SAMPLE_TEXT.to_owned(),
        ),
        (
            articles.join("writing-articles.md"),
            SAMPLE_MARKDOWN.to_owned(),
        ),
        (PathBuf::from(".gitignore"), gitignore_text()),
    ]
}

/// Writes the starting files into `dir` (made when missing), leaving every
/// existing file as it is, and says what became of each. Sample articles
/// go only into an articles folder that is new or empty.
pub fn init(dir: &Path, settings: &Settings) -> Result<Vec<Made>, Error> {
    let articles = dir.join(ARTICLES_DIR);
    fs::create_dir_all(&articles).map_err(|source| Error::Write {
        path: articles.clone(),
        source,
    })?;
    let had_articles = fs::read_dir(&articles)
        .map_err(|source| Error::Read {
            path: articles.clone(),
            source,
        })?
        .next()
        .is_some();
    let mut made = Vec::new();
    for (place, text) in files(settings) {
        let path = dir.join(&place);
        let is_sample = place.starts_with(ARTICLES_DIR);
        let outcome = if is_sample && had_articles && !exists(&path) {
            Outcome::Skipped
        } else {
            write_new(&path, &text)?
        };
        made.push(Made { path, outcome });
    }
    Ok(made)
}

/// Whether the `.gitignore` at `path` has a line leaving out the state
/// folder (`.feedpub/`, `/.feedpub/`, `.feedpub` or `/.feedpub`); true
/// when it cannot be read, since then nothing useful can be said.
pub fn ignores_state(path: &Path) -> bool {
    let Ok(text) = fs::read_to_string(path) else {
        return true;
    };
    text.lines().any(|line| {
        let line = line.trim();
        let line = line.strip_prefix('/').unwrap_or(line);
        line.strip_suffix('/').unwrap_or(line) == STATE_DIR
    })
}

/// Whether anything (a file, a folder, a link, even a broken one) is at
/// `path`.
fn exists(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

/// Creates `path` with `text`, or leaves whatever is there: `create_new`
/// fails on an existing file (or link) instead of truncating it, with no
/// gap between a check and the write.
fn write_new(path: &Path, text: &str) -> Result<Outcome, Error> {
    let file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path);
    let mut file = match file {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Ok(Outcome::Kept),
        Err(source) => {
            return Err(Error::Write {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|source| Error::Write {
            path: path.to_path_buf(),
            source,
        })?;
    Ok(Outcome::Written)
}

fn gitignore_text() -> String {
    format!(
        "# feedpub's state folder: what builds remember between runs, never published.\n{STATE_DIR}/\n"
    )
}

/// A TOML string literal of `text`, escaped as TOML needs.
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// The commented `feedpub.toml`: every key set is explained, and the main
/// optional keys are there as commented-out examples.
pub fn config_text(settings: &Settings) -> String {
    let mut out = String::from(
        "# feedpub configuration. Every key but base_url is optional; feedpub's\n\
         # docs/configuration.md lists them all. Paths are relative to this file.\n\n",
    );
    match &settings.base_url {
        Some(url) => {
            out.push_str("# The site's URL: every link in the feeds is resolved against it.\n");
            out.push_str(&format!("base_url = {}\n", toml_string(url.as_str())));
        }
        None => {
            out.push_str(
                "# The site's URL: every link in the feeds is resolved against it.\n\
                 # CHANGE THIS to your site's address before you publish the feeds.\n",
            );
            out.push_str(&format!(
                "base_url = {}\n",
                toml_string(PLACEHOLDER_BASE_URL)
            ));
        }
    }
    out.push('\n');
    match &settings.title {
        Some(title) => {
            out.push_str("# The feeds' title (RSS and Atom <title>).\n");
            out.push_str(&format!("title = {}\n", toml_string(title)));
        }
        None => out.push_str(
            "# The feeds' title (RSS and Atom <title>); the host of base_url when not set.\n\
             # title = \"The Harbour Courier\"\n",
        ),
    }
    out.push('\n');
    match &settings.timezone {
        Some(zone) => {
            out.push_str(
                "# The IANA time zone of timestamps that name none (\"Updated: March 14, 2025, 09:30 AM\").\n",
            );
            out.push_str(&format!("timezone = {}\n", toml_string(zone.name())));
        }
        None => out.push_str(
            "# The IANA time zone of timestamps that name none (\"Updated: March 14, 2025, 09:30 AM\");\n\
             # UTC when not set.\n\
             # timezone = \"Asia/Dubai\"\n",
        ),
    }
    out.push_str(OPTIONAL_KEYS);
    out
}

/// The main optional keys, commented out; the `[author]` table comes last,
/// since every key after a table header belongs to the table.
const OPTIONAL_KEYS: &str = r#"
# More keys you may want; uncomment and edit.

# RSS <description>, Atom <subtitle>; the title when not set.
# description = "News from the city and the coast"

# The feeds' language tag.
# language = "en"

# The date in the entries' tag: ids, a date on which you owned the domain.
# Choose it once and never change it (2000 when not set).
# tag_date = "2025"

# Where an entry links to, relative to base_url: {slug}, {year}, {month}, {day}.
# link_pattern = "{slug}/"

# How to read all-numeric dates such as 03/04/2025: "dmy" or "mdy".
# date_order = "dmy"

# Entries per feed, newest first (0 for all), and what each entry holds:
# "full" HTML content or "summary" only.
# limit = 50
# content = "full"

# The formats each feed is written in.
# formats = ["rss", "atom", "json"]

# The folders the articles are read from and the feeds written to.
# articles = "articles"
# out = "feeds"
# Where feedpub keeps what builds remember (never published).
# state_dir = ".feedpub"

# One feed per section (an article's folder) and one per tag.
# section_feeds = true
# tag_feeds = { limit = 20, content = "summary" }

# Keep the main feed's whole history in archive pages.
# archive = true

# index.html in the output folder, a page listing the feeds and the newest
# entries for people who open a feed link in a browser (on when not set).
# page = false

# WebSub hubs told about every changed feed by `feedpub build --ping`.
# hubs = ["https://pubsubhubbub.appspot.com/"]

# The feed's author, for entries that name none; the title when not set.
# [author]
# name = "The newsroom"
# email = "newsroom@example.com"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain-text sample ends on its `Updated:` line, with no newline,
    /// as scraped articles do.
    #[test]
    fn text_sample_ends_without_newline() {
        assert!(!SAMPLE_TEXT.ends_with('\n'));
        let last = SAMPLE_TEXT.lines().last().unwrap_or_default();
        assert_eq!(last, "Updated: March 14, 2025, 09:30 AM");
    }

    /// Each way of setting a key writes a config `feedpub.toml` reads.
    #[test]
    fn config_text_is_toml() {
        let cases: &[Settings] = &[
            // Nothing given: the placeholder URL, title and zone commented out.
            Settings::default(),
            // Everything given, with a title TOML must escape.
            Settings {
                base_url: Url::parse("https://news.example.org/").ok(),
                title: Some("The \"Courier\" \\ news".to_owned()),
                timezone: Some(Tz::Asia__Dubai),
            },
        ];
        for settings in cases {
            let text = config_text(settings);
            let table: toml::Table = toml::from_str(&text).expect("the config is TOML");
            let url = table.get("base_url").and_then(toml::Value::as_str);
            let want = settings
                .base_url
                .as_ref()
                .map_or(PLACEHOLDER_BASE_URL, Url::as_str);
            assert_eq!(url, Some(want), "{text}");
            assert_eq!(
                table.get("title").and_then(toml::Value::as_str),
                settings.title.as_deref()
            );
            assert_eq!(
                table.get("timezone").and_then(toml::Value::as_str),
                settings.timezone.map(Tz::name)
            );
        }
    }

    /// Which `.gitignore` lines leave out the state folder.
    #[test]
    fn gitignore_lines() {
        let cases: &[(&str, bool)] = &[
            // What init writes.
            (".feedpub/\n", true),
            // Anchored to the repository's root.
            ("/.feedpub/\n", true),
            // Without the slash, it matches the folder too.
            ("target\n.feedpub\n", true),
            // Blanks around it do not matter here.
            ("  .feedpub/  \n", true),
            // Another folder.
            ("feeds/\n", false),
            // Only a file in it.
            (".feedpub/cache\n", false),
            // Empty.
            ("", false),
        ];
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(".gitignore");
        for (text, want) in cases {
            fs::write(&path, text).expect("writable");
            assert_eq!(ignores_state(&path), *want, "{text:?}");
        }
    }

    /// Every commented-out example is a line the config reads once its
    /// `# ` is taken away.
    #[test]
    fn commented_examples_are_valid_keys() {
        let uncommented: String = OPTIONAL_KEYS
            .lines()
            .filter_map(|line| line.strip_prefix("# "))
            .filter(|line| line.contains(" = ") || line.starts_with('['))
            .map(|line| format!("{line}\n"))
            .collect();
        let text = format!("base_url = \"{PLACEHOLDER_BASE_URL}\"\n{uncommented}");
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(DEFAULT_FILE);
        fs::write(&path, &text).expect("writable");
        let loaded = crate::config::Config::load(crate::config::Overrides {
            config: Some(path),
            ..crate::config::Overrides::default()
        });
        assert!(loaded.is_ok(), "{loaded:?}\n{text}");
    }
}
