//! One run: find the article files, read and normalise each (in parallel),
//! assemble the feed, write both formats, and put them in place.

pub mod cache;
pub mod rank;
pub mod source;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering as AtomicOrdering};

use rayon::prelude::*;

use crate::article::{self, Body, Format};
use crate::build::rank::{Accumulator, Candidate};
use crate::config::{Config, ContentMode};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;
use crate::feed;
use crate::feed::order::Cut;
use crate::normalize::{self, NormalizedEntry, Outcome};
use crate::publish::{self, Planned, Written};
use crate::validate;
use crate::write::{atom as atom_writer, rss as rss_writer};
use cache::{Cache, Encoder, Kind as CachedKind, Record};
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
    process_within(path, config, &Cut::NONE)
}

/// [`process`], normalising in full only the entries within the ranking
/// `cut` (see [`normalize::normalize_within`]).
pub fn process_within(path: &Path, config: &Config, cut: &Cut<'_>) -> Processed {
    let mut diagnostics = Vec::new();
    let mut stamp = None;
    let outcome = match source::load(path, config, &mut diagnostics) {
        Ok((text, file_stamp)) => {
            stamp = Some(file_stamp);
            let format = Format::of(path).unwrap_or(Format::News);
            match article::read(path, format, text, &config.news, &mut diagnostics) {
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

/// Reads every article and ranks it: one parallel pass. A file the cache
/// knows unchanged is not read. `exclude` lists files already found to
/// share an id with another, which count as rejected. Records for the
/// next run's cache are made only when `recording`.
fn rank<'c>(
    config: &Config,
    files: &[PathBuf],
    cache: Option<&'c Cache>,
    exclude: &BTreeSet<u32>,
    recording: bool,
    mode_notes: bool,
) -> (Accumulator, Encoder<'c>) {
    let known = cache.map_or_else(|| vec![None; files.len()], |c| c.match_files(files));
    let keep_bodies = config.content == ContentMode::Full;
    // The newest cut any worker has found (see `outranked`).
    let shared = AtomicI64::new(i64::MIN);
    files
        .par_iter()
        .zip(known)
        .enumerate()
        // Pieces big enough for a worker's best `limit` to form and turn
        // away most entries (see `Accumulator::threshold`).
        .with_min_len(256)
        .fold(
            || (Accumulator::new(config.limit), Encoder::default()),
            |(mut acc, mut encoder), (index, (path, known))| {
                let file = u32::try_from(index).unwrap_or(u32::MAX);
                if exclude.contains(&file) {
                    acc.rejected += 1;
                    if recording {
                        encoder.unrecorded(file, path);
                    }
                    return (acc, encoder);
                }
                // A clean cache record stands for the file.
                if let (Some(cache), Some(at)) = (cache, known)
                    && let Some(record) = cache.record(at)
                    && let Ok(stamp) = FileStamp::at(path)
                    && cache.is_clean(&record.stamp, &stamp)
                {
                    if recording {
                        encoder.keep(file, &record);
                    }
                    match &record.kind {
                        CachedKind::Draft => acc.drafts += 1,
                        CachedKind::Entry { updated, id }
                            if cut(&acc, &shared).excludes(updated, id) =>
                        {
                            acc.count(file, id);
                        }
                        CachedKind::Entry { updated, id } => {
                            acc.add(
                                file,
                                Candidate::Cached {
                                    file,
                                    updated: *updated,
                                    id: (*id).to_owned(),
                                },
                            );
                            publish_cut(&acc, &shared);
                        }
                    }
                    return (acc, encoder);
                }
                // An entry that cannot beat the last of this worker's best
                // `limit` cannot make the feed: it is only ranked.
                let processed = process_within(path, config, &cut(&acc, &shared));
                // Notes say what was left out on purpose; they are no
                // problem, and the article may still be recorded.
                let clean = processed
                    .diagnostics
                    .iter()
                    .all(|d| d.severity == Severity::Note);
                acc.problems.extend(
                    processed
                        .diagnostics
                        .into_iter()
                        .filter(|d| keeps(mode_notes, d))
                        .map(|d| (file, d)),
                );
                // An article with no problem is recorded for the next run.
                let stamp = processed.stamp.filter(|_| clean);
                // `None` for an article never recorded: it is read again.
                let mut record = |kind: Option<CachedKind<'_>>| match (stamp, kind) {
                    _ if !recording => {}
                    (Some(stamp), Some(kind)) => encoder.push(
                        file,
                        &Record {
                            path,
                            stamp,
                            kind,
                            raw: None,
                        },
                    ),
                    _ => encoder.unrecorded(file, path),
                };
                match processed.outcome {
                    Outcome::Entry(mut entry) => {
                        record(Some(CachedKind::Entry {
                            updated: entry.updated,
                            id: &entry.id,
                        }));
                        if !keep_bodies {
                            entry.body = Body::empty();
                        }
                        acc.add(file, Candidate::Fresh(entry));
                        publish_cut(&acc, &shared);
                    }
                    Outcome::Ranked { updated, id } => {
                        record(Some(CachedKind::Entry { updated, id: &id }));
                        acc.count(file, &id);
                    }
                    Outcome::Draft => {
                        record(Some(CachedKind::Draft));
                        acc.drafts += 1;
                    }
                    Outcome::Invalid => {
                        record(None);
                        acc.rejected += 1;
                    }
                }
                (acc, encoder)
            },
        )
        .reduce(
            || (Accumulator::new(config.limit), Encoder::default()),
            |(acc, mut encoder), (later, later_encoder)| {
                encoder.append(later_encoder);
                (acc.merge(later), encoder)
            },
        )
}

/// Whether a diagnostic goes into the report: notes only when `notes`.
fn keeps(notes: bool, diagnostic: &Diagnostic) -> bool {
    notes || diagnostic.severity != Severity::Note
}

/// The ranking cut for the next article: an entry cannot make the feed
/// when it ranks below the last of this worker's best `limit` (at its last
/// trim), or is older, in whole seconds, than the newest such cut any
/// worker has published in `shared`. Either way at least `limit` entries
/// rank above it, whatever the other workers find; so which entries are
/// turned away depends on timing, but never which make the feed.
fn cut<'a>(acc: &'a Accumulator, shared: &AtomicI64) -> Cut<'a> {
    Cut {
        before_second: Some(shared.load(AtomicOrdering::Relaxed)),
        after: acc.threshold(),
    }
}

/// Shares this worker's cut (see [`cut`]) when it is newer than the one
/// shared.
fn publish_cut(acc: &Accumulator, shared: &AtomicI64) {
    if let Some((cut, _)) = acc.threshold() {
        let seconds = cut.timestamp();
        if seconds > shared.load(AtomicOrdering::Relaxed) {
            shared.fetch_max(seconds, AtomicOrdering::Relaxed);
        }
    }
}

/// Finds files that share an id (hash groups checked against the real
/// ids) and reports each, naming the others.
fn duplicates(config: &Config, files: &[PathBuf], acc: &mut Accumulator) -> BTreeSet<u32> {
    let mut rejected = BTreeSet::new();
    for group in acc.possible_duplicates() {
        let mut by_id: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for &file in &group {
            if let Outcome::Entry(e) = process(&files[file as usize], config).outcome {
                by_id.entry(e.id.clone()).or_default().push(file);
            }
        }
        for (id, shared) in by_id.into_iter().filter(|(_, v)| v.len() > 1) {
            for &file in &shared {
                let others: Vec<String> = shared
                    .iter()
                    .filter(|&&o| o != file)
                    .map(|&o| format!("`{}`", crate::diagnostic::show(&files[o as usize])))
                    .collect();
                acc.problems.push((
                    file,
                    Diagnostic::error(
                        "duplicate-id",
                        &files[file as usize],
                        format!(
                            "id `{id}` is also the id of {}; give each article its own slug or id",
                            others.join(", ")
                        ),
                    ),
                ));
                rejected.insert(file);
            }
        }
    }
    rejected
}

/// Builds the feeds (or, in check mode, compares them with the files).
/// The report comes back even when the run fails, so that every
/// diagnostic can be shown.
pub fn build(config: &Config, mode: BuildMode) -> (Report, Result<(), Error>) {
    let mut report = Report::default();
    let result = build_into(config, mode, &mut report);
    (report, result)
}

fn build_into(config: &Config, mode: BuildMode, report: &mut Report) -> Result<(), Error> {
    let fingerprint = cache::fingerprint(config);
    // The cache is written after a build that publishes a limited feed
    // (it holds what ranks each article; with every article published
    // there is nothing to rank), with the time the run started (by the
    // file system's clock, before any file is looked at).
    let started = (!mode.no_cache && !mode.check && config.limit > 0)
        .then(|| cache::now(&config.out))
        .flatten();
    let writes_cache = started.is_some();
    let cache = if mode.no_cache || config.limit == 0 {
        None
    } else {
        Cache::load(&config.out, fingerprint)
    };
    // The folder is listed unless the cache's listing still holds.
    let listing = match cache.as_ref().and_then(|c| c.listing(&config.articles)) {
        Some(listing) => listing,
        None => source::list_articles(&config.articles)?,
    };
    let listed = cache::listing_bytes(&config.articles, &listing);
    report.diagnostics.extend(listing.diagnostics);
    let files = listing.files;
    let (mut acc, mut encoder) = rank(
        config,
        &files,
        cache.as_ref(),
        &BTreeSet::new(),
        writes_cache,
        mode.notes,
    );
    let shared = duplicates(config, &files, &mut acc);
    if !shared.is_empty() {
        // Entries sharing an id are all left out; rank again without them,
        // so that the next best take their places. Rare, so a second pass
        // is fine.
        let problems = std::mem::take(&mut acc.problems);
        (acc, encoder) = rank(
            config,
            &files,
            cache.as_ref(),
            &shared,
            writes_cache,
            mode.notes,
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
    // The cache is saved on a thread of its own while the feeds are
    // written, checked and put in place (its temporary file is named for
    // this process, and putting the feeds in place, which clears the
    // temporary files killed runs left, leaves it alone). Best effort:
    // without a cache the next run only takes longer.
    let save = || {
        if let Some(started) = started {
            let _ = cache::save(
                &config.out,
                &publish::own_temp_prefix(),
                fingerprint,
                started,
                &listed,
                &encoder,
                cache.as_ref(),
            );
        }
    };
    std::thread::scope(|scope| {
        let saving = std::thread::Builder::new()
            .name("feedpub-cache".to_owned())
            .spawn_scoped(scope, save)
            .map_err(|_| save())
            .ok();
        let published = publish(config, mode, files, acc.best, acc.ids, report);
        if let Some(handle) = saving {
            handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        }
        published
    })?;
    if counted > 0 {
        return Err(Error::Invalid { count: counted });
    }
    Ok(())
}

/// Writes the feeds of the chosen candidates, checks them and puts them
/// in place (or, in check mode, compares them with the files).
fn publish(
    config: &Config,
    mode: BuildMode,
    files: Vec<PathBuf>,
    best: Vec<Candidate>,
    ids: Vec<(u64, u32)>,
    report: &mut Report,
) -> Result<(), Error> {
    let (feed, spent) = resolve(config, &files, best, report, mode.notes);
    let Some(feed) = feed else {
        return Err(Error::NothingToPublish {
            path: config.articles.clone(),
        });
    };
    report.published = feed.entries.len();
    // The two formats are written on both cores at once.
    let (rss, atom) = rayon::join(|| rss_writer::write(&feed), || atom_writer::write(&feed));
    let plans = [
        Planned {
            path: config.rss_path(),
            bytes: rss,
        },
        Planned {
            path: config.atom_path(),
            bytes: atom,
        },
    ];
    // As soon as one feed is validated (its core is then free), the
    // changed feeds are written beside their places and flushed to disk,
    // on a thread of their own (a flush waits on the disk, not a core),
    // while the other feed is still validated; none is put in place unless
    // both are valid.
    let (checked, staged) = std::thread::scope(|scope| {
        let staging = std::sync::Mutex::new(None);
        let once = std::sync::Once::new();
        let start_staging = || {
            once.call_once(|| {
                if !mode.check {
                    let handle = std::thread::Builder::new()
                        .name("feedpub-publish".to_owned())
                        .spawn_scoped(scope, || publish::stage(&config.out, &plans))
                        .ok();
                    *staging.lock().unwrap_or_else(|e| e.into_inner()) = handle;
                }
            });
        };
        let checked = check_output(config, &plans, report, &start_staging);
        start_staging();
        let staged = staging
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            });
        (checked, staged)
    });
    checked?;
    // What the build holds per article (the feed's entries, every article
    // of the archive under `--limit 0`; the listing; the ids) is no
    // longer needed.
    free_in_background((feed, files, ids, spent));
    put_in_place(config, mode, &plans, staged, report)
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

/// Publishes the checked feeds (`staged` already, or staged now) or, in
/// check mode, compares them with the files on disk.
fn put_in_place(
    config: &Config,
    mode: BuildMode,
    plans: &[Planned],
    staged: Option<Result<publish::Staged, Error>>,
    report: &mut Report,
) -> Result<(), Error> {
    if mode.check {
        let mut stale = Vec::new();
        for plan in plans {
            if publish::is_stale(plan)? {
                stale.push(plan.path.clone());
            }
        }
        report.files = plans
            .iter()
            .map(|p| (p.path.clone(), Written::Unchanged))
            .collect();
        if !stale.is_empty() {
            return Err(Error::Stale { paths: stale });
        }
    } else {
        let staged = match staged {
            Some(staged) => staged?,
            None => publish::stage(&config.out, plans)?,
        };
        let written = staged.commit(plans)?;
        report.files = plans.iter().map(|p| p.path.clone()).zip(written).collect();
    }
    Ok(())
}

/// The feed of the chosen candidates: those the cache stood for are read
/// now (in parallel), the only articles a rerun reads unchanged; `None`
/// when there is none. Also the boxes the entries were moved out of, to be
/// freed with the rest at the end (not while the feeds are written and
/// validated on every core).
#[allow(clippy::vec_box)] // The candidates' own boxes, kept only to be freed.
fn resolve(
    config: &Config,
    files: &[PathBuf],
    best: Vec<Candidate>,
    report: &mut Report,
    notes: bool,
) -> (Option<feed::Feed>, Vec<Box<NormalizedEntry>>) {
    let fresh = best.iter().all(|c| matches!(c, Candidate::Fresh(_)));
    if fresh && best.is_sorted_by(|a, b| crate::feed::order::order(a.key(), b.key()).is_le()) {
        // Nothing to read again, and in order: each entry moves out of its
        // box straight into the feed, on every core (an archive's worth of
        // entries is 30 MB: gathering them in a list of their own first
        // cost that much fresh memory, and a pass of one core).
        let mut boxes: Vec<Box<NormalizedEntry>> = best
            .into_iter()
            .filter_map(|c| match c {
                Candidate::Fresh(entry) => Some(entry),
                Candidate::Cached { .. } => None,
            })
            .collect();
        let Some(updated) = boxes.first().map(|e| e.updated) else {
            return (None, boxes);
        };
        let feed = feed::from_ordered(
            config,
            updated,
            boxes
                .par_iter_mut()
                .map(|entry| std::mem::take(&mut **entry)),
        );
        return (Some(feed), boxes);
    }
    let resolved: Vec<(Option<NormalizedEntry>, Vec<Diagnostic>)> = best
        .into_par_iter()
        .map(|candidate| match candidate {
            Candidate::Fresh(entry) => (Some(*entry), Vec::new()),
            Candidate::Cached { file, .. } => {
                let processed = process(&files[file as usize], config);
                match processed.outcome {
                    Outcome::Entry(entry) => (Some(*entry), processed.diagnostics),
                    // Changed since it was listed: report it, leave it out.
                    _ => (None, processed.diagnostics),
                }
            }
        })
        .collect();
    let mut entries = Vec::with_capacity(resolved.len());
    for (entry, diagnostics) in resolved {
        report
            .diagnostics
            .extend(diagnostics.into_iter().filter(|d| keeps(notes, d)));
        entries.extend(entry);
    }
    (feed::assemble(config, entries), Vec::new())
}

/// Runs the validator over the feeds about to be written: an error keeps
/// the old feeds in place; a warning is reported against the feed file.
/// `validated` is called when either feed has been validated.
fn check_output(
    config: &Config,
    plans: &[Planned],
    report: &mut Report,
    validated: &(dyn Fn() + Sync),
) -> Result<(), Error> {
    let site = &config.site;
    let check = |plan: &Planned, name: &str| {
        let url = site.feeds_url.join(name).map(String::from).ok();
        validate::validate(&plan.bytes, &validate::Options { url })
    };
    // Both feeds are validated at once, one per core.
    let (rss_messages, atom_messages) = rayon::join(
        || {
            let messages = check(&plans[0], crate::config::RSS_FILE);
            validated();
            messages
        },
        || {
            let messages = check(&plans[1], crate::config::ATOM_FILE);
            validated();
            messages
        },
    );
    for (plan, format, messages) in [
        (&plans[0], "RSS", rss_messages),
        (&plans[1], "Atom", atom_messages),
    ] {
        for m in messages {
            if m.severity == Severity::Error {
                return Err(Error::InvalidOutput {
                    format,
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
mod tests {
    use super::*;
    use crate::config::Overrides;

    fn config(dir: &Path) -> Config {
        let file = dir.join("feedpub.toml");
        std::fs::write(&file, "base_url = \"https://example.com/\"\n").expect("writable");
        Config::load(Overrides {
            config: Some(file),
            ..Overrides::default()
        })
        .expect("valid config")
    }

    /// A feed that fails validation is never put in place.
    #[test]
    fn invalid_output_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = config(dir.path());
        let broken = Planned {
            path: config.rss_path(),
            bytes: b"<rss version=\"2.0\"><channel><title>t</title></channel></rss>".to_vec(),
        };
        let fine_atom = Planned {
            path: config.atom_path(),
            bytes: Vec::new(),
        };
        let mut report = Report::default();
        let result = check_output(&config, &[broken, fine_atom], &mut report, &|| {});
        match result {
            Err(Error::InvalidOutput { format, message }) => {
                assert_eq!(format, "RSS");
                assert!(message.contains("MissingElement"), "{message}");
            }
            other => panic!("expected InvalidOutput, got {other:?}"),
        }
    }
}
