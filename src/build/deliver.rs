//! Delivering a build's feeds: the chosen entries make the feed (see
//! [`assemble`](super::assemble)), which is written as RSS and Atom; each
//! is validated, and the changed files are staged and put in place with
//! [`crate::publish`] (or, in check mode, compared with the files on
//! disk). The rank cache is saved meanwhile, on a thread of its own.

use std::path::PathBuf;

use super::rank::Candidate;
use super::{BuildMode, Report, assemble};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;
use crate::publish::{self, Planned, Written};
use crate::validate;
use crate::write::{atom as atom_writer, rss as rss_writer};

/// Publishes the feeds of the chosen candidates (see [`publish_feeds`])
/// while `save_cache` saves the rank cache on a thread of its own (or,
/// with no thread to be had, first).
pub(super) fn deliver(
    config: &Config,
    mode: BuildMode,
    files: Vec<PathBuf>,
    best: Vec<Candidate>,
    ids: Vec<(u64, u32)>,
    report: &mut Report,
    save_cache: &(dyn Fn() + Sync),
) -> Result<(), Error> {
    std::thread::scope(|scope| {
        let saving = std::thread::Builder::new()
            .name("feedpub-cache".to_owned())
            .spawn_scoped(scope, save_cache)
            .map_err(|_| save_cache())
            .ok();
        let published = publish_feeds(config, mode, files, best, ids, report);
        if let Some(handle) = saving {
            handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        }
        published
    })
}

/// Writes the feeds of the chosen candidates, checks them and puts them
/// in place (or, in check mode, compares them with the files).
fn publish_feeds(
    config: &Config,
    mode: BuildMode,
    files: Vec<PathBuf>,
    best: Vec<Candidate>,
    ids: Vec<(u64, u32)>,
    report: &mut Report,
) -> Result<(), Error> {
    let (feed, spent) = assemble::resolve(config, &files, best, report, mode.notes);
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
    use std::path::Path;

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
