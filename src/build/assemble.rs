//! The feeds of the chosen entries: the ranking pass keeps each feed's
//! best candidates, and this names the section and tag feeds, reads again
//! the articles the cache stood for (once, however many feeds they make),
//! renders each entry's content once, and makes every [`Feed`] of the set.
//! A subscription feed whose files are on disk as this build would write
//! them is not made (see [`Kept`]).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;

use super::pages;
use super::rank::{Accumulator, Candidate, Group, Paged};
use super::{Report, keeps, process};
use crate::article::Body;
use crate::config::feeds::{FeedFormat, FeedOptions, SECTIONS_DIR, TAGS_DIR};
use crate::config::{Config, ContentMode};
use crate::diagnostic::Diagnostic;
use crate::feed::order::order;
use crate::feed::set::{self, FirstUse};
use crate::feed::{self, Feed, FeedEntry, FormatUrls, Header, History};
use crate::normalize::{NormalizedEntry, Outcome};

/// One feed of the set, made.
#[derive(Debug)]
pub struct SetFeed {
    /// Its folder under the output folder: empty for the main feed,
    /// otherwise ending in `/`.
    pub path: String,
    /// The formats it is written in.
    pub formats: Vec<FeedFormat>,
    /// The feed.
    pub feed: Feed,
    /// For an archive page of the feed at `path`, its number.
    pub page: Option<usize>,
    /// Whether its files are kept as they are (see [`Kept`]): then `feed`
    /// has its header and updated time, for the subscription list and the
    /// page, but no entry, and nothing is written.
    pub kept: bool,
}

/// A feed of the set before its entries are resolved.
struct Chosen {
    path: String,
    header: Header,
    options: FeedOptions,
    candidates: Vec<Candidate>,
    /// Every entry, when the feed keeps archive pages.
    paged: Option<Vec<Paged>>,
}

/// What a build knows of the archive pages written before.
pub(super) struct PageContext<'a> {
    /// What every page depends on (see `pages::paginate`).
    pub identity: u64,
    /// The pages' fingerprints as last written.
    pub state: &'a pages::State,
    /// Whether a page may be kept as written (the cache was read, and
    /// the build writes).
    pub trusted: bool,
    /// Whether a file of the output folder is the one the last build put
    /// there and validated, untouched since (see `known_valid`).
    pub in_place: &'a (dyn Fn(&Path) -> bool + Sync),
}

/// The files of the set that are not made again, and the fingerprint of
/// every archive page and subscription feed.
///
/// An archive page is kept when its fingerprint is the saved one and the
/// cache stood for every entry on it (see `pages::paginate`). So is a
/// subscription feed other than the main one, without archive pages,
/// when the cache stood for every entry it holds, its fingerprint (see
/// `pages::feed_fingerprint`) is the saved one, and each of its files is
/// the one the last build validated and put in place: its articles are
/// not read again, and it is neither written nor validated. A rerun after
/// one edit made each of the 633 files of a set of 211 feeds again, to
/// find most of them unchanged.
#[derive(Debug, Default)]
pub(super) struct Kept {
    /// The files kept as they are: pages and subscription feeds.
    pub files: Vec<PathBuf>,
    /// The files of the subscription feeds kept, to be recorded as known
    /// valid again.
    pub feed_files: Vec<PathBuf>,
    /// The key and fingerprint of each page and subscription feed on disk
    /// after the build, for the next build.
    pub fingerprints: Vec<(String, u128)>,
}

/// Every feed of the set, in a fixed order (the main feed, the `[[feeds]]`
/// in the config's order, then sections and tags by folder), with its
/// chosen candidates. Section and tag feeds are named here; terms that
/// share a slug are reported.
fn choose(
    config: &Config,
    files: &[PathBuf],
    acc: Accumulator,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Chosen> {
    let set = &config.feeds;
    let site_title = &config.site.title;
    let mut chosen = vec![Chosen {
        path: String::new(),
        header: Header::main(config),
        options: set.main.clone(),
        candidates: acc.main.best,
        paged: acc.main.paged,
    }];
    for (feed, top) in set.explicit.iter().zip(acc.explicit) {
        chosen.push(Chosen {
            path: feed.path.clone(),
            header: Header::at(
                config,
                &feed.path,
                feed.title.clone(),
                feed.description.clone(),
            ),
            options: feed.options.clone(),
            candidates: top.best,
            paged: top.paged,
        });
    }
    for (family, groups, dir, what) in [
        (&set.sections, acc.sections, SECTIONS_DIR, "section"),
        (&set.tags, acc.tags, TAGS_DIR, "tag"),
    ] {
        let Some(family) = family else { continue };
        let firsts: BTreeMap<String, FirstUse> = groups
            .iter()
            .map(|(key, group)| (key.clone(), group.first.clone()))
            .collect();
        // A `names` key no article's term matches is most often a typo,
        // which would leave the feed under its first spelling, unsaid.
        for key in family.names.keys().filter(|key| !firsts.contains_key(*key)) {
            diagnostics.push(Diagnostic::warning(
                "unused-name",
                &config.source,
                format!(
                    "`{what}_feeds.names` has `{key}`, which is no {what} of any article; it names nothing (a typo?)"
                ),
            ));
        }
        let mut groups: HashMap<String, Group> = groups;
        for named in set::name_family(dir, what, &firsts, files, diagnostics) {
            let Some(group) = groups.remove(&named.key) else {
                continue;
            };
            let (title, description) =
                set::family_text(family, &named.key, &named.name, site_title);
            chosen.push(Chosen {
                header: Header::at(config, &named.path, title, description),
                path: named.path,
                options: family.options.clone(),
                candidates: group.top.best,
                paged: group.top.paged,
            });
        }
    }
    chosen
}

/// What the set's feed at a folder is, for links to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedInfo {
    /// Its folder under the output folder: empty for the main feed,
    /// otherwise ending in `/`.
    pub path: String,
    /// Its title.
    pub title: String,
    /// The formats it is written in.
    pub formats: Vec<FeedFormat>,
    /// The URL of its folder; each format's file is in it.
    pub folder: url::Url,
}

/// Every feed the set has, in the set's order, without making any: a
/// `[[feeds]]` feed that no article matches is not written, so not
/// listed.
pub(super) fn describe(config: &Config, files: &[PathBuf], acc: Accumulator) -> Vec<FeedInfo> {
    let mut ignored = Vec::new();
    choose(config, files, acc, &mut ignored)
        .into_iter()
        .filter(|c| c.path.is_empty() || !c.candidates.is_empty())
        .map(|c| FeedInfo {
            path: c.path,
            title: c.header.title,
            formats: c.options.formats,
            folder: c.header.folder,
        })
        .collect()
}

/// An article an archived feed's pages (or the entries after its last
/// page) need read again.
struct PageFile {
    /// Index of its file in the listing.
    file: u32,
    /// Whether the cache stood for it (else its problems were reported
    /// in this run already).
    cached: bool,
    /// Whether its feed shows full content, which needs its body.
    full: bool,
}

/// Reads again, once each however many feeds hold them, the articles the
/// feeds publish that the ranking pass did not keep in full: those the
/// cache stood for, and, when the ranking let bodies go (see
/// `FeedSet::keeps_bodies`), those a full-content feed publishes. Gives
/// each file's entry as read now (`None` when it is no longer one).
/// Problems are reported as read, but for an article read in this run
/// whose entry did not change: its problems were reported the first time.
fn read_again(
    config: &Config,
    files: &[PathBuf],
    chosen: &[Chosen],
    pages: &[PageFile],
    report: &mut Report,
    notes: bool,
) -> HashMap<u32, Option<Arc<NormalizedEntry>>> {
    let bodies_gone = !config.feeds.keeps_bodies();
    let mut wanted: Vec<(u32, Option<&Arc<NormalizedEntry>>)> = chosen
        .iter()
        .flat_map(|c| {
            let full = c.options.content == ContentMode::Full;
            c.candidates
                .iter()
                .filter_map(move |candidate| match candidate {
                    Candidate::Cached { file, .. } => Some((*file, None)),
                    Candidate::Fresh { file, entry, .. } if full && bodies_gone => {
                        Some((*file, Some(entry)))
                    }
                    Candidate::Fresh { .. } => None,
                })
        })
        .collect();
    // The entries of archive pages to make, and of subscription feeds'
    // last partial pages; those read in the first pass had their problems
    // reported then.
    let seen: HashSet<u32> = pages.iter().filter(|p| !p.cached).map(|p| p.file).collect();
    wanted.extend(pages.iter().map(|p| (p.file, None)));
    // Only what a full-content feed or page shows keeps its body: the
    // pages of a long history would otherwise hold every article's text.
    let bodies: HashSet<u32> = chosen
        .iter()
        .filter(|c| c.options.content == ContentMode::Full)
        .flat_map(|c| c.candidates.iter().map(Candidate::file))
        .chain(pages.iter().filter(|p| p.full).map(|p| p.file))
        .collect();
    wanted.sort_unstable_by_key(|(file, before)| (*file, before.is_none()));
    wanted.dedup_by_key(|(file, _)| *file);
    let read: Vec<(u32, Option<Arc<NormalizedEntry>>, Vec<Diagnostic>)> = wanted
        .into_par_iter()
        .map(|(file, before)| {
            let processed = process(&files[file as usize], config);
            match processed.outcome {
                Outcome::Entry(mut entry) => {
                    let unchanged =
                        before.is_some_and(|b| b.key() == entry.key()) || seen.contains(&file);
                    if !bodies.contains(&file) {
                        entry.body = Body::empty();
                    }
                    let diagnostics = if unchanged {
                        Vec::new()
                    } else {
                        processed.diagnostics
                    };
                    (file, Some(Arc::from(entry)), diagnostics)
                }
                // Changed since it was listed: report it, leave it out.
                _ => (file, None, processed.diagnostics),
            }
        })
        .collect();
    let mut reread = HashMap::with_capacity(read.len());
    for (file, entry, diagnostics) in read {
        report
            .diagnostics
            .extend(diagnostics.into_iter().filter(|d| keeps(notes, d)));
        reread.insert(file, entry);
    }
    reread
}

/// Every feed of the set: the chosen candidates resolved to entries (those
/// the cache stood for read now, in parallel: the only articles a rerun
/// reads unchanged), content rendered once per entry, each feed made. A
/// `[[feeds]]` feed that no article matches is left out with a warning;
/// the main feed comes first, and is `None` when no article is valid.
/// Feeds whose files are kept (see [`Kept`]) come without entries.
pub(super) fn resolve(
    config: &Config,
    files: &[PathBuf],
    acc: Accumulator,
    context: &PageContext<'_>,
    report: &mut Report,
    notes: bool,
) -> (Option<SetFeed>, Vec<SetFeed>, Kept) {
    let mut chosen = choose(config, files, acc, &mut report.diagnostics);
    let mut kept = Kept::default();
    // Each subscription feed's fingerprint, and the updated time of each
    // kept one, whose candidates are let go: none is read again.
    let feed_prints: Vec<Option<u128>> = chosen
        .iter()
        .map(|c| {
            let eligible = !c.path.is_empty() && c.options.archive.is_none();
            eligible
                .then(|| {
                    let formats = &c.options.formats;
                    pages::feed_fingerprint(
                        context.identity,
                        &c.path,
                        formats,
                        &c.header,
                        &c.candidates,
                        files,
                    )
                })
                .flatten()
        })
        .collect();
    let kept_updated: Vec<Option<DateTime<FixedOffset>>> = chosen
        .iter_mut()
        .zip(&feed_prints)
        .map(|(c, print)| {
            let print = print.as_ref()?;
            let unchanged = context.trusted
                && c.candidates.iter().all(Candidate::cached)
                && context.state.get(&pages::feed_key(&c.path)) == Some(print);
            if !unchanged {
                return None;
            }
            let paths: Vec<PathBuf> = c
                .options
                .formats
                .iter()
                .map(|&f| config.feed_file(&c.path, f))
                .collect();
            if !paths.iter().all(|p| (context.in_place)(p)) {
                return None;
            }
            let newest = c.candidates.iter().min_by(|a, b| order(a.key(), b.key()))?;
            let updated = newest.key().0;
            kept.files.extend(paths.iter().cloned());
            kept.feed_files.extend(paths);
            c.candidates.clear();
            Some(updated)
        })
        .collect();
    // Each archived feed's history; the entries after its last full page
    // join its subscription feed.
    let histories: Vec<Option<pages::History>> = chosen
        .iter_mut()
        .map(|c| {
            let (Some(archive), Some(paged)) = (c.options.archive, c.paged.take()) else {
                return None;
            };
            let formats = pages::page_formats(&c.options.formats);
            let history = pages::paginate(
                paged,
                archive,
                &c.path,
                &formats,
                files,
                &config.out,
                context.identity,
                context.state,
                context.trusted,
            );
            let held: HashSet<u32> = c.candidates.iter().map(Candidate::file).collect();
            for m in history.tail.iter().filter(|m| !held.contains(&m.file)) {
                c.candidates.push(Candidate::Cached {
                    file: m.file,
                    updated: m.updated,
                    id: Arc::clone(&m.id),
                    stamp: m.stamp.map(|s| s.digest()),
                });
            }
            Some(history)
        })
        .collect();
    let page_files: Vec<PageFile> = chosen
        .iter()
        .zip(&histories)
        .filter_map(|(c, h)| Some((c.options.content == ContentMode::Full, h.as_ref()?)))
        .flat_map(|(full, h)| {
            let tail = h.tail.iter();
            let made = h.pages.iter().filter(|p| !p.kept).flat_map(|p| &p.members);
            tail.chain(made).map(move |m| PageFile {
                file: m.file,
                cached: m.cached,
                full,
            })
        })
        .collect();
    let reread = read_again(config, files, &chosen, &page_files, report, notes);

    // Each feed's entries, in order.
    let lists: Vec<Vec<Arc<NormalizedEntry>>> = chosen
        .iter()
        .map(|c| {
            let mut any_read = false;
            let mut entries: Vec<Arc<NormalizedEntry>> = c
                .candidates
                .iter()
                .filter_map(|candidate| {
                    let file = match candidate {
                        Candidate::Fresh { file, .. } | Candidate::Cached { file, .. } => file,
                    };
                    match (reread.get(file), candidate) {
                        (Some(read), _) => {
                            any_read = true;
                            read.clone()
                        }
                        (None, Candidate::Fresh { entry, .. }) => Some(Arc::clone(entry)),
                        (None, Candidate::Cached { .. }) => None,
                    }
                })
                .collect();
            // An article read again may have changed its updated time.
            if any_read && !entries.is_sorted_by(|a, b| order(a.key(), b.key()).is_le()) {
                entries.sort_by(|a, b| order(a.key(), b.key()));
            }
            entries
        })
        .collect();

    // The fingerprint of each subscription feed: a kept one's as it was,
    // a made one's when every entry could be read (an entry gone since
    // the first pass makes its bytes depend on more than its fingerprint
    // says).
    for (((c, list), print), updated) in chosen
        .iter()
        .zip(&lists)
        .zip(&feed_prints)
        .zip(&kept_updated)
    {
        if let Some(print) = print
            && (updated.is_some() || list.len() == c.candidates.len())
        {
            kept.fingerprints.push((pages::feed_key(&c.path), *print));
        }
    }

    // Each archive page to make: its feed, number and entries (in feed
    // order), and its fingerprint when every entry could be read.
    let mut page_lists: Vec<(usize, &pages::Page, Vec<Arc<NormalizedEntry>>)> = Vec::new();
    for (index, (c, history)) in chosen.iter().zip(&histories).enumerate() {
        let Some(history) = history else { continue };
        for page in &history.pages {
            let key = pages::key(&c.path, page.number);
            if page.kept {
                for format in pages::page_formats(&c.options.formats) {
                    kept.files.push(config.out.join(pages::page_path(
                        &c.path,
                        format,
                        page.number,
                    )));
                }
                if let Some(fingerprint) = page.fingerprint {
                    kept.fingerprints.push((key, fingerprint));
                }
                continue;
            }
            let mut entries: Vec<Arc<NormalizedEntry>> = page
                .members
                .iter()
                .filter_map(|m| reread.get(&m.file).cloned().flatten())
                .collect();
            // An entry gone since the first pass makes the page's bytes
            // depend on more than its fingerprint says.
            if let (Some(fingerprint), true) =
                (page.fingerprint, entries.len() == page.members.len())
            {
                kept.fingerprints.push((key, fingerprint));
            }
            entries.sort_by(|a, b| order(a.key(), b.key()));
            page_lists.push((index, page, entries));
        }
    }

    // Content, rendered once for each entry any full-content feed holds.
    let mut to_render: Vec<&Arc<NormalizedEntry>> = chosen
        .iter()
        .zip(&lists)
        .filter(|(c, _)| c.options.content == ContentMode::Full)
        .flat_map(|(_, list)| list)
        .chain(
            page_lists
                .iter()
                .filter(|(index, _, _)| chosen[*index].options.content == ContentMode::Full)
                .flat_map(|(_, _, list)| list),
        )
        .collect();
    to_render.sort_unstable_by_key(|e| Arc::as_ptr(e) as usize);
    to_render.dedup_by_key(|e| Arc::as_ptr(e) as usize);
    let at = |e: &Arc<NormalizedEntry>| Arc::as_ptr(e) as usize;
    let rendered: HashMap<usize, Option<Arc<str>>> = to_render
        .par_iter()
        .map(|e| (at(e), feed::render(e, ContentMode::Full)))
        .collect::<Vec<_>>()
        .into_iter()
        .collect();

    let feed_entries = |list: Vec<Arc<NormalizedEntry>>, full: bool| -> Vec<FeedEntry> {
        list.into_iter()
            .map(|entry| FeedEntry {
                content: if full {
                    rendered.get(&at(&entry)).cloned().flatten()
                } else {
                    None
                },
                entry,
            })
            .collect()
    };
    let mut others = Vec::with_capacity(chosen.len() + page_lists.len());
    for (index, page, list) in page_lists {
        let c = &chosen[index];
        let full = c.options.content == ContentMode::Full;
        let Some(mut feed) = feed::from_entries(config, c.header.clone(), feed_entries(list, full))
        else {
            continue;
        };
        let urls = |number: usize| page_urls(&c.header, number);
        let own = urls(page.number);
        // The feed's own URLs are the subscription document's: the page's
        // `current`.
        let current = FormatUrls {
            rss: std::mem::replace(&mut feed.rss_url, own.rss),
            atom: std::mem::replace(&mut feed.atom_url, own.atom),
        };
        feed.history = History {
            archive: true,
            current: Some(current),
            prev: (page.number > 1).then(|| urls(page.number - 1)),
            next: page.has_next.then(|| urls(page.number + 1)),
        };
        // Nobody subscribes to an archive page, and no hub is told about
        // one.
        feed.hubs.clear();
        others.push(SetFeed {
            path: c.path.clone(),
            formats: pages::page_formats(&c.options.formats),
            feed,
            page: Some(page.number),
            kept: false,
        });
    }
    let mut main = None;
    for (((c, list), history), updated) in chosen
        .into_iter()
        .zip(lists)
        .zip(&histories)
        .zip(kept_updated)
    {
        if let Some(updated) = updated {
            others.push(SetFeed {
                path: c.path,
                formats: c.options.formats,
                feed: feed::without_entries(config, c.header, updated),
                page: None,
                kept: true,
            });
            continue;
        }
        let full = c.options.content == ContentMode::Full;
        let entries = feed_entries(list, full);
        let is_main = c.path.is_empty();
        let newest_page = history.as_ref().map_or(0, |h| h.pages.len());
        let prev = (newest_page > 0).then(|| page_urls(&c.header, newest_page));
        match feed::from_entries(config, c.header, entries) {
            Some(mut feed) => {
                feed.history.prev = prev;
                let made = SetFeed {
                    path: c.path,
                    formats: c.options.formats,
                    feed,
                    page: None,
                    kept: false,
                };
                if is_main {
                    main = Some(made);
                } else {
                    others.push(made);
                }
            }
            None if !is_main => report.diagnostics.push(Diagnostic::warning(
                "empty-feed",
                &config.out.join(&c.path),
                format!(
                    "no article matches the filter of the feed `{}`; it is not written",
                    c.path
                ),
            )),
            None => {}
        }
    }
    (main, others, kept)
}

/// The URLs of a feed's archive page in each XML format.
fn page_urls(header: &Header, number: usize) -> FormatUrls {
    let url = |format| {
        header
            .folder
            .join(&pages::page_path("", format, number))
            .unwrap_or_else(|_| header.folder.clone())
    };
    FormatUrls {
        rss: url(FeedFormat::Rss),
        atom: url(FeedFormat::Atom),
    }
}
