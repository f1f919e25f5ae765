//! Delivering a build's feed set: the chosen entries make the feeds (see
//! [`assemble`]), each written in its formats; every file
//! is validated, and the changed ones are staged and put in place with
//! [`crate::publish`] (or, in check mode, compared with the files on
//! disk). Feed files the build no longer writes are reported, and removed
//! only under `--prune`. The rank cache is saved meanwhile, on a thread of
//! its own.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use url::Url;

use super::assemble::SetFeed;
use super::known_valid::KnownValid;
use super::rank::Accumulator;
use super::{BuildMode, Report, assemble, pages};
use crate::config::Config;
use crate::config::feeds::FeedFormat;
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;
use crate::feed::Feed;
use crate::publish::{self, Planned, Written};
use crate::validate;
use crate::websub::Topic;
use crate::write::{atom as atom_writer, json as json_writer, opml, page, rss as rss_writer};

/// Publishes the feeds of the chosen candidates (see [`publish_feeds`])
/// while `save_cache` saves the rank cache on a thread of its own (or,
/// with no thread to be had, first). `lock` is the run's turn at the
/// output folder (none in check mode).
#[allow(
    clippy::too_many_arguments,
    reason = "what the build read, handed on once, and the run's turn"
)]
pub(super) fn deliver(
    config: &Config,
    mode: BuildMode,
    files: Vec<PathBuf>,
    acc: Accumulator,
    ids: Vec<(u64, u32)>,
    report: &mut Report,
    save_cache: &(dyn Fn() + Sync),
    lock: Option<publish::Lock>,
) -> Result<(), Error> {
    std::thread::scope(|scope| {
        let saving = std::thread::Builder::new()
            .name("feedpub-cache".to_owned())
            .spawn_scoped(scope, save_cache)
            .map_err(|_| save_cache())
            .ok();
        let published = publish_feeds(config, mode, files, acc, ids, report, lock);
        if let Some(handle) = saving {
            handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        }
        published
    })
}

/// A feed file's bytes.
pub fn write(format: FeedFormat, feed: &Feed) -> Vec<u8> {
    match format {
        FeedFormat::Rss => rss_writer::write(feed),
        FeedFormat::Atom => atom_writer::write(feed),
        FeedFormat::Json => json_writer::write(feed),
    }
}

/// The subscription list of the set: one outline per feed, pointing at its
/// first format; last modified when the newest feed was.
fn subscriptions(config: &Config, feeds: &[SetFeed]) -> opml::Subscriptions {
    let site = &config.site;
    opml::Subscriptions {
        title: site.title.clone(),
        owner_name: Some(site.author.name.clone()),
        owner_email: site.author.email.clone(),
        date_modified: feeds
            .iter()
            .filter(|f| f.page.is_none())
            .map(|f| f.feed.updated)
            .max_by_key(|updated| (updated.timestamp(), updated.timestamp_subsec_nanos()))
            .unwrap_or_default(),
        outlines: feeds
            .iter()
            .filter(|f| f.page.is_none())
            .filter_map(|f| {
                let format = *f.formats.first()?;
                Some(opml::Outline {
                    text: f.feed.title.clone(),
                    description: Some(f.feed.description.clone()),
                    xml_url: self_url(&f.feed, format).clone(),
                    html_url: f.feed.link.clone(),
                    language: f.feed.language.clone(),
                    version: (format == FeedFormat::Rss).then_some(opml::RSS_VERSION),
                })
            })
            .collect(),
    }
}

/// Where a feed's file of a format is published: its self link.
pub(super) fn self_url(feed: &Feed, format: FeedFormat) -> &Url {
    match format {
        FeedFormat::Rss => &feed.rss_url,
        FeedFormat::Atom => &feed.atom_url,
        FeedFormat::Json => &feed.json_url,
    }
}

/// Where a feed's (or archive page's) file of a format goes.
fn feed_file(config: &Config, feed: &SetFeed, format: FeedFormat) -> PathBuf {
    match feed.page {
        Some(number) => config
            .out
            .join(pages::page_path(&feed.path, format, number)),
        None => config.feed_file(&feed.path, format),
    }
}

/// Writes the feeds of the chosen candidates, checks them and puts them
/// in place (or, in check mode, compares them with the files).
fn publish_feeds(
    config: &Config,
    mode: BuildMode,
    files: Vec<PathBuf>,
    acc: Accumulator,
    ids: Vec<(u64, u32)>,
    report: &mut Report,
    lock: Option<publish::Lock>,
) -> Result<(), Error> {
    // The run's turn at the output folder, taken before anything was read
    // (none in check mode), passed on to whichever thread stages the files.
    let lock = std::sync::Mutex::new(lock);
    let take_lock = || {
        let held = lock.lock().unwrap_or_else(|e| e.into_inner()).take();
        held.map_or_else(|| publish::lock(&config.out, &config.state), Ok)
    };
    let paged = config.feeds.has_pages();
    // The fingerprints of the pages and feeds last written, and the files
    // this build of feedpub validated before, still in place; none in
    // check mode, which makes every file and writes nothing.
    let (state, known) = if mode.check {
        (pages::State::new(), KnownValid::default())
    } else {
        (
            pages::load_state(&config.state),
            KnownValid::load(&config.state),
        )
    };
    let in_place = |path: &Path| known.in_place(&config.out, path, url_of(config, path).as_deref());
    let context = assemble::PageContext {
        identity: pages::identity(config),
        state: &state,
        trusted: !mode.check,
        in_place: &in_place,
    };
    let (main, others, kept) = assemble::resolve(config, &files, acc, &context, report, mode.notes);
    let Some(main) = main else {
        return Err(Error::NothingToPublish {
            path: config.articles.clone(),
        });
    };
    report.published = main.feed.entries.len();
    let feeds: Vec<SetFeed> = std::iter::once(main).chain(others).collect();
    // Every file of every feed, written on every core.
    let jobs: Vec<(&SetFeed, FeedFormat)> = feeds
        .iter()
        .filter(|f| !f.kept)
        .flat_map(|f| f.formats.iter().map(move |&format| (f, format)))
        .collect();
    // The URL each feed file is published at (its self link), for the
    // hubs told about the changed ones.
    let urls: Vec<Option<Url>> = jobs
        .iter()
        .map(|&(f, format)| f.page.is_none().then(|| self_url(&f.feed, format).clone()))
        .collect();
    // What is written besides the feeds, small and made here.
    let mut extra = vec![Planned {
        path: config.out.join(publish::INDEX_FILE),
        bytes: opml::write(&subscriptions(config, &feeds)),
    }];
    if config.page {
        super::index_page::check_existing(config)?;
        // The main feed is the set's first.
        if let Some(main) = feeds.first() {
            extra.push(Planned {
                path: config.out.join(page::FILE_NAME),
                bytes: page::write(&super::index_page::page(config, main, &feeds)),
            });
        }
    }
    let paths: Vec<PathBuf> = jobs
        .iter()
        .map(|&(f, format)| feed_file(config, f, format))
        .collect();
    let planned: Vec<&Path> = paths
        .iter()
        .map(PathBuf::as_path)
        .chain(extra.iter().map(|p| p.path.as_path()))
        .chain(kept.files.iter().map(PathBuf::as_path))
        .collect();
    let found = publish::find_stale(&config.out, &planned);
    // Only what feedpub wrote is pruned: a file it has a record of
    // writing, or a feed that says feedpub generated it. A file named
    // like a feed that is neither (a podcast's `rss.xml` of the site's
    // own, in an output folder that is the site) stays, whatever the flag.
    // The record is read for this even in check mode, which trusts it
    // with nothing else.
    let loaded;
    let record = if mode.check {
        loaded = KnownValid::load(&config.state);
        &loaded
    } else {
        &known
    };
    let (stale, foreign): (Vec<PathBuf>, Vec<PathBuf>) = found.into_iter().partition(|path| {
        record.recorded(&config.out, path)
            || written_by_feedpub(path)
            || sibling_by_feedpub(path, &planned)
    });
    for path in &foreign {
        report.diagnostics.push(Diagnostic::warning(
            "foreign-file",
            path,
            "named like a file feedpub writes, but feedpub has no record of writing it and it does not say feedpub generated it; it is left in place, even by `--prune`",
        ));
    }
    // Nor is anything pruned by a build that could not read every
    // article: the feeds of an unreadable folder would go with it.
    let unread = report
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error);
    let prune = mode.prune && !unread;
    if mode.prune && unread && !stale.is_empty() {
        report.diagnostics.push(Diagnostic::warning(
            "not-pruned",
            &config.articles,
            format!(
                "{} stale file{} not removed: some articles could not be read, and their feeds may be among them; fix the errors and run `feedpub build --prune` again",
                stale.len(),
                if stale.len() == 1 { " was" } else { "s were" }
            ),
        ));
    }
    if !prune {
        for path in &stale {
            let message = if is_page(config, path) {
                "this build no longer writes this page (`page = false`), but people may still open it; remove it with `feedpub build --prune`"
            } else {
                "this build no longer writes this feed file, but its subscribers may still fetch it; remove it with `feedpub build --prune`"
            };
            report
                .diagnostics
                .push(Diagnostic::warning("stale-feed", path, message));
        }
    }
    let mode = BuildMode { prune, ..mode };
    if mode.strict {
        let counted = report
            .diagnostics
            .iter()
            .filter(|d| d.severity >= Severity::Warning)
            .count();
        if counted > 0 {
            return Err(Error::Invalid { count: counted });
        }
    }
    // Every file is written and validated on every core, each validated
    // as soon as it is written (see `Pipeline`). The changed files are
    // written beside their places and flushed to disk on threads of their
    // own (a flush waits on the disk, not a core), started once every
    // file is written and half the bytes are validated (a core is then
    // soon free: with the feeds of a large archive, a thread writing 40 MB
    // beside two validators slowed them), while the rest is validated;
    // none is put in place unless all are valid.
    // The URL each file is validated at, and recorded at as known valid.
    let validated_at: Vec<Option<String>> = paths
        .iter()
        .chain(extra.iter().map(|p| &p.path))
        .map(|path| url_of(config, path))
        .collect();
    let slots: Vec<OnceLock<Planned>> = paths
        .iter()
        .map(|_| OnceLock::new())
        .chain(extra.into_iter().map(OnceLock::from))
        .collect();
    let (results, staged) = std::thread::scope(|scope| {
        let staging = std::sync::Mutex::new(None);
        let once = std::sync::Once::new();
        let start_staging = || {
            once.call_once(|| {
                if !mode.check {
                    let handle = std::thread::Builder::new()
                        .name("feedpub-publish".to_owned())
                        .spawn_scoped(scope, || {
                            let plans: Vec<&Planned> =
                                slots.iter().filter_map(OnceLock::get).collect();
                            publish::stage(take_lock()?, &config.out, &config.state, &plans)
                        })
                        .ok();
                    *staging.lock().unwrap_or_else(|e| e.into_inner()) = handle;
                }
            });
        };
        let pipeline = super::pipeline::Pipeline::new(&slots);
        let results = pipeline.run(
            |i| {
                let (&(f, format), path) = (jobs.get(i)?, paths.get(i)?);
                Some(Planned {
                    path: path.clone(),
                    bytes: write(format, &f.feed),
                })
            },
            |i, plan| {
                let url = validated_at.get(i).cloned().flatten();
                if known.holds(&config.out, plan, url.as_deref()) {
                    Vec::new()
                } else {
                    check_one(config, plan, url)
                }
            },
            &start_staging,
        );
        start_staging();
        let staged = staging
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            });
        (results, staged)
    });
    // Every slot is full: a feed's `write` always gives its file.
    let mut plans = Vec::with_capacity(slots.len());
    let mut plan_urls = Vec::with_capacity(slots.len());
    let mut findings = Vec::with_capacity(slots.len());
    for ((slot, found), url) in slots.into_iter().zip(results).zip(validated_at) {
        if let Some(plan) = slot.into_inner() {
            plans.push(plan);
            plan_urls.push(url);
            findings.push(found);
        }
    }
    // Files validated with no finding are recorded as known valid once in
    // place.
    let clean: Vec<bool> = findings.iter().map(Vec::is_empty).collect();
    let checked = report_checks(config, &plans, findings, report);
    checked?;
    // What the build holds per article (the feeds' entries, every article
    // of the archive under `--limit 0`; the listing; the ids) is no
    // longer needed.
    free_in_background((feeds, files, ids));
    // The fingerprints of pages and feeds are saved with the files they
    // stand for, under the same lock, so that they never describe another
    // build's; so is the record of files known valid, where the files of
    // the feeds kept stay.
    let save_pages = || {
        if paged || !state.is_empty() || !kept.fingerprints.is_empty() {
            pages::save_state(&config.state, &kept.fingerprints);
        }
        // Stale files feedpub wrote stay on its record while they stay
        // in place, so that a later `--prune` knows them.
        let left: &[PathBuf] = if mode.prune { &[] } else { &stale };
        let kept_urls: Vec<Option<String>> = kept
            .feed_files
            .iter()
            .chain(left)
            .map(|p| url_of(config, p))
            .collect();
        let valid: Vec<(&Path, Option<&str>)> = plans
            .iter()
            .zip(&plan_urls)
            .zip(&clean)
            .filter(|(_, clean)| **clean)
            .map(|((plan, url), _)| (plan.path.as_path(), url.as_deref()))
            .chain(
                kept.feed_files
                    .iter()
                    .chain(left)
                    .zip(&kept_urls)
                    .map(|(path, url)| (path.as_path(), url.as_deref())),
            )
            .collect();
        super::known_valid::save(&config.state, &config.out, &valid);
    };
    // The files staged already, or staged now.
    let staged = || match staged {
        Some(staged) => staged,
        None => publish::stage(take_lock()?, &config.out, &config.state, &plans),
    };
    put_in_place(mode, &plans, staged, &stale, report, save_pages)?;
    // `files` follows `plans`, whose feed files come first, as `urls` does;
    // archive pages, which nobody subscribes to, have no URL to announce.
    report.changed = report
        .files
        .iter()
        .zip(urls)
        .filter(|((_, written), _)| *written == Written::Replaced)
        .filter_map(|((path, _), url)| {
            Some(Topic {
                path: path.clone(),
                url: url?,
            })
        })
        .collect();
    report.files.extend(
        kept.files
            .into_iter()
            .map(|path| (path, publish::Written::Unchanged)),
    );
    Ok(())
}

/// Frees `value` on a thread of its own, which nobody waits for: a build
/// holds several allocations per article, and freeing a large archive's
/// worth (and the allocator tidying its free lists after) took 60-120 ms
/// at the end of a `--limit 0` build of 100,000 articles. Should the
/// process end first, the operating system takes the memory back all at
/// once. Without a thread, it is freed here.
fn free_in_background<T: Send + 'static>(value: T) {
    // On failure the closure, and the value with it, is dropped here.
    let _ = std::thread::Builder::new()
        .name("feedpub-free".to_owned())
        .spawn(move || drop(value));
}

/// Publishes the checked feeds (as `staged` gives them), and under
/// `--prune` removes the `stale` files; or, in check mode, compares them
/// with the files on disk.
fn put_in_place(
    mode: BuildMode,
    plans: &[Planned],
    staged: impl FnOnce() -> Result<publish::Staged, Error>,
    stale: &[PathBuf],
    report: &mut Report,
    then: impl FnOnce(),
) -> Result<(), Error> {
    let prune: &[PathBuf] = if mode.prune { stale } else { &[] };
    if mode.check {
        let mut changed = Vec::new();
        for plan in plans {
            if publish::is_stale(plan)? {
                changed.push(plan.path.clone());
            }
        }
        changed.extend(prune.iter().cloned());
        report.files = plans
            .iter()
            .map(|p| (p.path.clone(), Written::Unchanged))
            .collect();
        if !changed.is_empty() {
            return Err(Error::Stale { paths: changed });
        }
    } else {
        let committed = staged()?.commit(plans, prune, then)?;
        report.cleaned = committed.cleaned;
        report.files = plans
            .iter()
            .map(|p| p.path.clone())
            .zip(committed.written)
            .collect();
        report
            .files
            .extend(prune.iter().map(|p| (p.clone(), Written::Removed)));
    }
    Ok(())
}

/// Whether a feed file says feedpub generated it: an RSS or Atom feed,
/// or an archive page, whose `<generator>` in its first 8 KiB is
/// feedpub's. (JSON Feed and OPML files say nothing of it: only the
/// record knows them.)
fn written_by_feedpub(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::with_capacity(8 << 10);
    let read = std::fs::File::open(path).and_then(|f| f.take(8 << 10).read_to_end(&mut head));
    read.is_ok() && memchr::memmem::find(&head, b"<generator>feedpub</generator>").is_some()
}

/// Whether a JSON Feed or OPML file, which cannot say who generated it,
/// stands beside an RSS or Atom feed that feedpub writes in this build
/// or that says feedpub generated it: the files of one feed folder (or
/// of the output folder) are written together.
fn sibling_by_feedpub(path: &Path, planned: &[&Path]) -> bool {
    let Some(folder) = path.parent() else {
        return false;
    };
    [FeedFormat::Rss, FeedFormat::Atom].iter().any(|format| {
        let sibling = folder.join(format.file_name());
        planned.contains(&sibling.as_path()) || written_by_feedpub(&sibling)
    })
}

/// The format a planned file is in, by its name.
fn format_of(path: &Path) -> Option<FeedFormat> {
    let name = path.file_name()?.to_str()?;
    FeedFormat::ALL.into_iter().find(|f| f.file_name() == name)
}

/// Whether a planned file is the page (`index.html` in the output folder).
fn is_page(config: &Config, path: &Path) -> bool {
    path == config.out.join(page::FILE_NAME)
}

/// What a planned file is, for messages: its feed format, `HTML` for the
/// page, else `OPML`.
fn label_of(config: &Config, path: &Path) -> &'static str {
    match format_of(path) {
        Some(format) => format.label(),
        None if is_page(config, path) => "HTML",
        None => "OPML",
    }
}

/// The validator's findings on one file, checked against the URL it is
/// published at (the page by the page's checks).
fn check_one(config: &Config, plan: &Planned, url: Option<String>) -> Vec<validate::Message> {
    if is_page(config, &plan.path) {
        return validate::validate_page(&plan.bytes);
    }
    validate::validate(
        &plan.bytes,
        &validate::Options {
            url,
            own_output: true,
        },
    )
}

/// The URL a file of the output folder is published at.
fn url_of(config: &Config, path: &Path) -> Option<String> {
    let relative = path
        .strip_prefix(&config.out)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    config.site.feeds_url.join(&relative).map(String::from).ok()
}

/// Reports what the validator found in the files about to be written:
/// an error keeps the old files in place; a warning is reported against
/// the file.
fn report_checks(
    config: &Config,
    plans: &[Planned],
    results: Vec<Vec<validate::Message>>,
    report: &mut Report,
) -> Result<(), Error> {
    for (plan, messages) in plans.iter().zip(results) {
        for m in messages {
            if m.severity == Severity::Error {
                return Err(Error::InvalidOutput {
                    format: label_of(config, &plan.path),
                    path: plan.path.clone(),
                    message: format!(
                        "{}:{}: [{}] {}",
                        m.line,
                        m.column,
                        m.class.name(),
                        m.message
                    ),
                });
            }
            report.diagnostics.push(
                Diagnostic::warning(m.class.name(), &plan.path, m.message).at(m.line, m.column),
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
