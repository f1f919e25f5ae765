//! Errors that stop a run.

use std::io;
use std::path::PathBuf;

/// A reason the run could not finish. Problems inside articles are not
/// errors but [`Diagnostic`](crate::diagnostic::Diagnostic)s; they become
/// [`Error::Invalid`] only at the end.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read.
    #[error("cannot read `{}`: {source}", crate::diagnostic::show(path))]
    Read {
        /// What was read.
        path: PathBuf,
        /// Why it failed.
        source: io::Error,
    },
    /// A file or folder could not be written.
    #[error("cannot write `{}`: {source}", crate::diagnostic::show(path))]
    Write {
        /// What was written.
        path: PathBuf,
        /// Why it failed.
        source: io::Error,
    },
    /// A command-line flag has a bad value.
    #[error("{flag}: {message}")]
    Flag {
        /// The flag, as `--timezone`.
        flag: &'static str,
        /// What is wrong, starting with the bad value.
        message: String,
    },
    /// The configuration is wrong.
    #[error("{}: {message}", crate::diagnostic::show(path))]
    Config {
        /// The config file (or the default name when flags were wrong).
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// Articles had errors (or, under `--strict`, warnings).
    #[error("{count} problem{} in the articles", if *count == 1 { "" } else { "s" })]
    Invalid {
        /// How many diagnostics counted.
        count: usize,
    },
    /// Nothing could be published: no article was valid.
    #[error(
        "no article could be published from `{}`; the feeds were left as they were",
        crate::diagnostic::show(path)
    )]
    NothingToPublish {
        /// The articles folder.
        path: PathBuf,
    },
    /// `validate` found errors in feed files.
    #[error("{count} feed file{} failed validation", if *count == 1 { "" } else { "s" })]
    InvalidFeeds {
        /// How many files failed.
        count: usize,
    },
    /// A feed feedpub generated failed its own validation; nothing was
    /// written.
    #[error(
        "the generated {format} file `{}` fails validation, so the old files were kept: {message}",
        crate::diagnostic::show(path)
    )]
    InvalidOutput {
        /// `RSS`, `Atom`, `JSON Feed` or `OPML`.
        format: &'static str,
        /// The file it would have been.
        path: PathBuf,
        /// The first error, as `line:col: [Class] message`.
        message: String,
    },
    /// The articles would make more feeds (archive pages counted) than
    /// `max_feeds` allows.
    #[error(
        "the articles make {count} feeds{}, more than `max_feeds` ({max}); nothing was written. Raise `max_feeds`, or turn off `tag_feeds` or `section_feeds`{}",
        if *pages > 0 { format!(" and {pages} archive pages") } else { String::new() },
        if *pages > 0 { ", or make `archive_page_size` larger" } else { "" }
    )]
    TooManyFeeds {
        /// Feeds the set would have.
        count: usize,
        /// Archive pages it would have.
        pages: usize,
        /// `max_feeds`.
        max: usize,
    },
    /// `links --feed` named a feed the set does not have.
    #[error("no feed at `{path}`; the feeds are {}", listed(known))]
    UnknownFeed {
        /// The path asked for.
        path: String,
        /// The feeds' paths.
        known: Vec<String>,
    },
    /// `index.html` in the output folder is someone else's page, which the
    /// build's page would replace.
    #[error(
        "`{}` was not written by feedpub (it has no `<meta name=\"generator\" content=\"feedpub\">`), so nothing was written; move it away, or set `page = false` in the config to keep it",
        crate::diagnostic::show(path)
    )]
    ForeignPage {
        /// The page.
        path: PathBuf,
    },
    /// `--check` found feeds that a build would change.
    #[error("out of date: {}", paths.iter().map(|p| format!("`{}`", crate::diagnostic::show(p))).collect::<Vec<_>>().join(", "))]
    Stale {
        /// The feeds that would change.
        paths: Vec<PathBuf>,
    },
    /// `serve` could not listen on its address.
    #[error("cannot listen on `{address}`: {source}")]
    Listen {
        /// The address, as `127.0.0.1:8080`.
        address: String,
        /// Why it failed.
        source: io::Error,
    },
    /// `serve` could not watch a folder for changes.
    #[error(
        "cannot watch `{}` for changes: {message}",
        crate::diagnostic::show(path)
    )]
    Watch {
        /// The folder.
        path: PathBuf,
        /// Why it failed.
        message: String,
    },
}

impl Error {
    /// The process exit code: 1 for problems in the input, 2 when the run
    /// could not happen.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Invalid { .. }
            | Self::NothingToPublish { .. }
            | Self::Stale { .. }
            | Self::InvalidFeeds { .. }
            | Self::InvalidOutput { .. }
            | Self::TooManyFeeds { .. } => 1,
            Self::Read { .. }
            | Self::Write { .. }
            | Self::Config { .. }
            | Self::Flag { .. }
            | Self::ForeignPage { .. }
            | Self::UnknownFeed { .. }
            | Self::Listen { .. }
            | Self::Watch { .. } => 2,
        }
    }
}

/// The first few of a list of feed paths, for a message of one line: a
/// set of thousands of tag feeds is not printed whole.
fn listed(known: &[String]) -> String {
    const SHOWN: usize = 10;
    let mut text = known
        .iter()
        .take(SHOWN)
        .map(|p| format!("`{p}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if known.len() > SHOWN {
        text.push_str(&format!(
            " and {} more (`feedpub links` lists them all)",
            known.len() - SHOWN
        ));
    }
    text
}
