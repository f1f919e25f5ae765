//! One run: find the article files, read and normalise each (in parallel),
//! assemble the feed, write both formats, and put them in place.
//!
//! Data flows one way through the modules: [`source`] lists the files,
//! `read` reads each into an entry and ranks it (folding into a
//! [`rank::Accumulator`], with `duplicates` leaving out entries that share
//! an id), `assemble` makes the feed of the best, and `publish` writes,
//! validates and puts the feeds in place; [`cache`] lets a rerun skip the
//! articles it knows unchanged. This module runs the stages in turn, and
//! then, under `ping`, has [`crate::websub`] tell the hubs which feed
//! files changed.

mod assemble;
pub mod cache;
mod deliver;
mod duplicates;
mod index_page;
mod known_valid;
pub mod pages;
mod pipeline;
mod progress;
pub mod rank;
mod read;
pub mod source;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::article::{self, Format};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;
use crate::feed::order::{Cut, Ranking};
use crate::normalize::{self, Outcome};
use crate::publish::Written;
use crate::websub::{self, Ping, Timing, Topic};
pub use assemble::FeedInfo;
use cache::Cache;
pub use progress::Progress;
use source::FileStamp;

/// How a build behaves.
#[derive(Debug, Clone, Copy, Default)]
pub struct BuildMode {
    /// Write nothing; fail when a feed would change or an article is bad.
    pub check: bool,
    /// Any diagnostic, warnings included, fails the run before writing.
    pub strict: bool,
    /// Neither read nor write the rank cache.
    pub no_cache: bool,
    /// Keep notes (what the readers left out of articles) in the report.
    /// Otherwise each article's notes are let go as soon as it is read, so
    /// that memory does not grow with the archive.
    pub notes: bool,
    /// Remove feed files the build no longer writes (otherwise each is
    /// reported).
    pub prune: bool,
}

/// What a build did.
#[derive(Debug, Default)]
pub struct Report {
    /// Every problem found, in file order (and, when the mode asks for
    /// them, the notes).
    pub diagnostics: Vec<Diagnostic>,
    /// Articles published in the feeds.
    pub published: usize,
    /// Articles read and valid (the feeds hold the newest `limit` of them).
    pub valid: usize,
    /// Drafts left out.
    pub drafts: usize,
    /// Articles left out for errors.
    pub rejected: usize,
    /// Each feed file and what happened to it.
    pub files: Vec<(PathBuf, Written)>,
    /// The feed files whose bytes this run changed and put in place, with
    /// the URLs they are published at, in the order of `files`.
    pub changed: Vec<Topic>,
    /// The hubs told (or not) about the changed feed files, under `ping`.
    pub pings: Vec<Ping>,
    /// The state files an older feedpub kept in the output folder, which
    /// this build removed (the state folder holds them now).
    pub cleaned: Vec<PathBuf>,
}

/// The result of reading one file.
#[derive(Debug)]
pub struct Processed {
    /// What became of it.
    pub outcome: Outcome,
    /// Its problems.
    pub diagnostics: Vec<Diagnostic>,
    /// The file's stamp when it was read, when it could be read.
    pub stamp: Option<FileStamp>,
}

/// Reads and normalises one article file.
pub fn process(path: &Path, config: &Config) -> Processed {
    process_within(path, config, &Cut::NONE, true)
}

/// [`process`], normalising in full only the entries within the ranking
/// `cut` (see [`normalize::normalize_within`]), and noting what the reader
/// left out only when `notes` is asked for.
pub fn process_within(path: &Path, config: &Config, cut: &dyn Ranking, notes: bool) -> Processed {
    let mut diagnostics = Vec::new();
    let mut stamp = None;
    let outcome = match source::load(path, config, &mut diagnostics) {
        Ok((text, file_stamp)) => {
            stamp = Some(file_stamp);
            let format = Format::of(path).unwrap_or(Format::News);
            match article::read(path, format, text, &config.news, notes, &mut diagnostics) {
                Some(article) => {
                    normalize::normalize_within(article, config, cut, &mut diagnostics)
                }
                None => Outcome::Invalid,
            }
        }
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            Outcome::Invalid
        }
    };
    Processed {
        outcome,
        diagnostics,
        stamp,
    }
}

/// Whether a diagnostic goes into the report: notes only when `notes`.
fn keeps(notes: bool, diagnostic: &Diagnostic) -> bool {
    notes || diagnostic.severity != Severity::Note
}

/// Every feed of the set the articles make, for links to them: the
/// articles are read (those the cache knows unchanged are not), nothing is
/// written.
pub fn feed_set(config: &Config) -> Result<Vec<FeedInfo>, Error> {
    let cache = (config.limit > 0)
        .then(|| Cache::load(&config.state, cache::fingerprint(config)))
        .flatten();
    let listing = match cache.as_ref().and_then(|c| c.listing(&config.articles)) {
        Some(listing) => listing,
        None => source::list_articles(&config.articles)?,
    };
    let (mut acc, _) = read::rank(
        config,
        &listing.files,
        cache.as_ref(),
        &BTreeSet::new(),
        false,
        false,
        &Progress::default(),
    );
    if acc.valid == 0 {
        return Err(Error::NothingToPublish {
            path: config.articles.clone(),
        });
    }
    too_many_feeds(config, &acc)?;
    acc.trim();
    Ok(assemble::describe(config, &listing.files, acc))
}

/// Refuses a set of more feeds than `max_feeds`, each archive page
/// counted as a feed: a page is a document like a feed, and a page size
/// of 1 would make two files of every article.
fn too_many_feeds(config: &Config, acc: &rank::Accumulator) -> Result<(), Error> {
    let count = acc.feed_count();
    let pages = acc.page_count(&config.feeds);
    let max = config.feeds.max_feeds;
    if count.saturating_add(pages) > max {
        return Err(Error::TooManyFeeds { count, pages, max });
    }
    Ok(())
}

/// Builds the feeds (or, in check mode, compares them with the files).
/// The report comes back even when the run fails, so that every
/// diagnostic can be shown.
///
/// Under `ping` (never in check mode), once the feeds are in place the
/// hubs are told about every feed file whose bytes changed, also when a
/// bad article makes the run fail (the others were published). A ping
/// that fails is a `hub-ping` warning in the report and leaves the result
/// as it was: the feeds are published either way.
pub fn build(config: &Config, mode: BuildMode) -> (Report, Result<(), Error>) {
    build_observed(config, mode, &Progress::default())
}

/// [`build`], counting the article files listed and read in `progress`
/// as it goes (one atomic add per file), for a progress display.
pub fn build_observed(
    config: &Config,
    mode: BuildMode,
    progress: &Progress,
) -> (Report, Result<(), Error>) {
    let mut report = Report::default();
    let result = build_into(config, mode, progress, &mut report);
    if config.ping && !mode.check {
        report.pings = websub::announce(&config.site.hubs, &report.changed, &Timing::DEFAULT);
        report.diagnostics.extend(websub::warnings(&report.pings));
    }
    (report, result)
}

fn build_into(
    config: &Config,
    mode: BuildMode,
    progress: &Progress,
    report: &mut Report,
) -> Result<(), Error> {
    // The run's turn at the output folder, before anything is read: of two
    // runs at once, the second reads after the first has published.
    let lock = if mode.check {
        None
    } else {
        Some(crate::publish::lock(&config.out, &config.state)?)
    };
    let fingerprint = cache::fingerprint(config);
    // The cache is written after a build that publishes a limited feed
    // (it holds what ranks each article; with every article published
    // there is nothing to rank), with the time the run started (by the
    // file system's clock, before any file is looked at).
    let started = (!mode.no_cache && !mode.check && config.limit > 0)
        .then(|| cache::now(&config.state))
        .flatten();
    let writes_cache = started.is_some();
    let cache = if mode.no_cache || config.limit == 0 {
        None
    } else {
        Cache::load(&config.state, fingerprint)
    };
    // The folder is listed unless the cache's listing still holds.
    let listing = match cache.as_ref().and_then(|c| c.listing(&config.articles)) {
        Some(listing) => listing,
        None => source::list_articles(&config.articles)?,
    };
    let listed = cache::listing_bytes(&config.articles, &listing);
    report.diagnostics.extend(listing.diagnostics);
    let files = listing.files;
    let (mut acc, mut encoder) = read::rank(
        config,
        &files,
        cache.as_ref(),
        &BTreeSet::new(),
        writes_cache,
        mode.notes,
        progress,
    );
    let shared = duplicates::reject(config, &files, &mut acc);
    if !shared.is_empty() {
        // Entries sharing an id are all left out; rank again without them,
        // so that the next best take their places. Rare, so a second pass
        // is fine.
        let problems = std::mem::take(&mut acc.problems);
        (acc, encoder) = read::rank(
            config,
            &files,
            cache.as_ref(),
            &shared,
            writes_cache,
            mode.notes,
            progress,
        );
        acc.problems = problems;
    }
    acc.trim();
    acc.problems.sort_by_key(|(file, _)| *file);
    report
        .diagnostics
        .extend(acc.problems.drain(..).map(|(_, d)| d));
    report.valid = acc.valid;
    report.drafts = acc.drafts;
    report.rejected = acc.rejected;
    too_many_feeds(config, &acc)?;

    // Notes never fail a build; warnings do under `--strict`.
    let fatal = if mode.strict {
        Severity::Warning
    } else {
        Severity::Error
    };
    let counted = report
        .diagnostics
        .iter()
        .filter(|d| d.severity >= fatal)
        .count();
    if mode.strict && counted > 0 {
        return Err(Error::Invalid { count: counted });
    }
    // The cache is saved in the state folder while the feeds are published
    // (its temporary file is named for this process, and putting the feeds
    // in place, which clears the temporary files killed runs left, leaves
    // it alone).
    // Best effort: without a cache the next run only takes longer.
    let save_cache = || {
        if let Some(started) = started {
            let _ = cache::save(
                &config.state,
                &crate::publish::own_temp_prefix(),
                fingerprint,
                started,
                &listed,
                &encoder,
                cache.as_ref(),
            );
        }
    };
    let ids = std::mem::take(&mut acc.ids);
    deliver::deliver(config, mode, files, acc, ids, report, &save_cache, lock)?;
    let counted = report
        .diagnostics
        .iter()
        .filter(|d| d.severity >= fatal)
        .count();
    if counted > 0 {
        return Err(Error::Invalid { count: counted });
    }
    Ok(())
}
