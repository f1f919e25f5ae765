//! The feeds of the chosen entries: the ranking pass keeps each feed's
//! best candidates, and this names the section and tag feeds, reads again
//! the articles the cache stood for (once, however many feeds they make),
//! renders each entry's content once, and makes every [`Feed`] of the set.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use super::rank::{Accumulator, Candidate, Group};
use super::{Report, keeps, process};
use crate::config::feeds::{FeedFormat, FeedOptions, SECTIONS_DIR, TAGS_DIR};
use crate::config::{Config, ContentMode};
use crate::diagnostic::Diagnostic;
use crate::feed::order::order;
use crate::feed::set::{self, FirstUse};
use crate::feed::{self, Feed, FeedEntry, Header};
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
}

/// A feed of the set before its entries are resolved.
struct Chosen {
    path: String,
    header: Header,
    options: FeedOptions,
    candidates: Vec<Candidate>,
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
                    Candidate::Fresh { file, entry } if full && bodies_gone => {
                        Some((*file, Some(entry)))
                    }
                    Candidate::Fresh { .. } => None,
                })
        })
        .collect();
    wanted.sort_unstable_by_key(|(file, _)| *file);
    wanted.dedup_by_key(|(file, _)| *file);
    let read: Vec<(u32, Option<Arc<NormalizedEntry>>, Vec<Diagnostic>)> = wanted
        .into_par_iter()
        .map(|(file, before)| {
            let processed = process(&files[file as usize], config);
            match processed.outcome {
                Outcome::Entry(entry) => {
                    let unchanged = before.is_some_and(|b| b.key() == entry.key());
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
pub(super) fn resolve(
    config: &Config,
    files: &[PathBuf],
    acc: Accumulator,
    report: &mut Report,
    notes: bool,
) -> (Option<SetFeed>, Vec<SetFeed>) {
    let chosen = choose(config, files, acc, &mut report.diagnostics);
    let reread = read_again(config, files, &chosen, report, notes);

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

    // Content, rendered once for each entry any full-content feed holds.
    let mut to_render: Vec<&Arc<NormalizedEntry>> = chosen
        .iter()
        .zip(&lists)
        .filter(|(c, _)| c.options.content == ContentMode::Full)
        .flat_map(|(_, list)| list)
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

    let mut main = None;
    let mut others = Vec::with_capacity(chosen.len());
    for (c, list) in chosen.into_iter().zip(lists) {
        let full = c.options.content == ContentMode::Full;
        let entries: Vec<FeedEntry> = list
            .into_iter()
            .map(|entry| FeedEntry {
                content: if full {
                    rendered.get(&at(&entry)).cloned().flatten()
                } else {
                    None
                },
                entry,
            })
            .collect();
        let is_main = c.path.is_empty();
        match feed::from_entries(config, c.header, entries) {
            Some(feed) => {
                let made = SetFeed {
                    path: c.path,
                    formats: c.options.formats,
                    feed,
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
    (main, others)
}
