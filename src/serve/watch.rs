//! Watching what a build reads: the articles folder (all of it) and the
//! config file. Events come from the operating system's notifications
//! (inotify, FSEvents, ...) through `notify`, and are debounced: an editor
//! that writes a file in several steps, or a `git checkout` touching many,
//! makes one rebuild. Nothing inside the output or the state folder
//! counts, even when it lies inside the articles folder, or every build
//! would start the next.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::build::source::is_ignored;
use crate::error::Error;

/// How long the files must be quiet before a rebuild.
pub const DEBOUNCE: Duration = Duration::from_millis(250);

/// What the watcher reports.
#[derive(Debug)]
pub enum Event {
    /// A file a build reads changed (after the quiet time).
    Changed,
    /// The watcher could not watch something; the message says what.
    Failed(String),
}

/// What is watched, with absolute, resolved paths as the notifications
/// name them.
#[derive(Debug, Clone)]
pub struct Targets {
    articles: PathBuf,
    config: Option<PathBuf>,
    skip: Vec<PathBuf>,
}

impl Targets {
    /// The articles folder, the config file when there is one, and the
    /// folders whose changes never count (the output and state folders).
    pub fn new(articles: &Path, config: Option<&Path>, skip: &[&Path]) -> Self {
        Self {
            articles: crate::state::resolve(articles),
            config: config.map(crate::state::resolve),
            skip: skip.iter().map(|p| crate::state::resolve(p)).collect(),
        }
    }

    /// Whether a change to `path` calls for a rebuild: the config file,
    /// or a file under the articles folder that a build would read (not
    /// a hidden file or an editor's backup), and nothing in a skipped
    /// folder.
    pub fn relevant(&self, path: &Path) -> bool {
        if self.skip.iter().any(|s| path.starts_with(s)) {
            return false;
        }
        if self.config.as_deref() == Some(path) {
            return true;
        }
        let Ok(inside) = path.strip_prefix(&self.articles) else {
            return false;
        };
        !inside
            .components()
            .any(|c| c.as_os_str().to_str().is_some_and(is_ignored))
    }
}

/// Watches while it lives.
pub struct Watch {
    _watcher: RecommendedWatcher,
}

impl std::fmt::Debug for Watch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Watch")
    }
}

/// Whether an event can mean new contents. Opening and reading a file
/// (as every build does with each article) cannot; closing a file written
/// can.
fn changes(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(access) => matches!(access, AccessKind::Close(AccessMode::Write)),
        _ => true,
    }
}

/// Starts watching `targets`; `report` is called, on a thread of the
/// watcher's, once per quiet time ([`DEBOUNCE`]) in which something
/// relevant changed, and for each failure.
pub fn watch(targets: Targets, report: impl FnMut(Event) + Send + 'static) -> Result<Watch, Error> {
    let (tx, rx) = mpsc::channel();
    let filter = targets.clone();
    let mut watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
        let signal = match result {
            Ok(event) if changes(&event.kind) && event.paths.iter().any(|p| filter.relevant(p)) => {
                Event::Changed
            }
            Ok(_) => return,
            Err(error) => Event::Failed(error.to_string()),
        };
        let _ = tx.send(signal);
    })
    .map_err(|e| watch_error(&targets.articles, &e))?;
    std::thread::Builder::new()
        .name("feedpub-watch".to_owned())
        .spawn(move || debounce(&rx, report))
        .map_err(|e| Error::Watch {
            path: targets.articles.clone(),
            message: e.to_string(),
        })?;
    watcher
        .watch(&targets.articles, RecursiveMode::Recursive)
        .map_err(|e| watch_error(&targets.articles, &e))?;
    // The config file's folder, not the file: an editor that saves by
    // writing a new file and renaming it over the old one would leave a
    // watch on the file itself watching nothing.
    if let Some(folder) = targets.config.as_deref().and_then(Path::parent) {
        watcher
            .watch(folder, RecursiveMode::NonRecursive)
            .map_err(|e| watch_error(folder, &e))?;
    }
    Ok(Watch { _watcher: watcher })
}

/// Passes on one `Changed` for each burst of them, once [`DEBOUNCE`] has
/// gone by without another; failures at once. Ends when the watcher is
/// dropped.
fn debounce(rx: &mpsc::Receiver<Event>, mut report: impl FnMut(Event)) {
    while let Ok(first) = rx.recv() {
        let mut changed = false;
        let mut next = Ok(first);
        loop {
            match next {
                Ok(Event::Changed) => changed = true,
                Ok(failed @ Event::Failed(_)) => report(failed),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => {
                    if changed {
                        report(Event::Changed);
                    }
                    return;
                }
            }
            next = rx.recv_timeout(DEBOUNCE);
        }
        if changed {
            report(Event::Changed);
        }
    }
}

fn watch_error(path: &Path, error: &notify::Error) -> Error {
    Error::Watch {
        path: path.to_path_buf(),
        message: error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_kinds() {
        use notify::event::{CreateKind, ModifyKind, RemoveKind};
        let cases: &[(EventKind, bool)] = &[
            // A build opening an article to read it.
            (EventKind::Access(AccessKind::Open(AccessMode::Any)), false),
            // ... and closing it.
            (
                EventKind::Access(AccessKind::Close(AccessMode::Read)),
                false,
            ),
            // An editor closing the file it wrote.
            (
                EventKind::Access(AccessKind::Close(AccessMode::Write)),
                true,
            ),
            // New contents.
            (EventKind::Modify(ModifyKind::Any), true),
            // A new article.
            (EventKind::Create(CreateKind::File), true),
            // An article removed.
            (EventKind::Remove(RemoveKind::File), true),
        ];
        for (kind, want) in cases {
            assert_eq!(changes(kind), *want, "{kind:?}");
        }
    }

    #[test]
    fn a_burst_is_one_change() {
        let (tx, rx) = mpsc::channel();
        for _ in 0..5 {
            tx.send(Event::Changed).expect("send");
        }
        tx.send(Event::Failed("gone".to_owned())).expect("send");
        drop(tx);
        let mut seen = Vec::new();
        debounce(&rx, |e| seen.push(format!("{e:?}")));
        assert_eq!(seen, ["Failed(\"gone\")", "Changed"]);
    }

    #[test]
    fn what_counts() {
        let targets = Targets {
            articles: PathBuf::from("/site/articles"),
            config: Some(PathBuf::from("/site/feedpub.toml")),
            skip: vec![
                PathBuf::from("/site/articles/feeds"),
                PathBuf::from("/site/.feedpub"),
            ],
        };
        let cases: &[(&str, bool)] = &[
            // An article.
            ("/site/articles/a.md", true),
            // An article in a section folder.
            ("/site/articles/city/b.txt", true),
            // The articles folder itself (a file created or removed in it).
            ("/site/articles", true),
            // The config file.
            ("/site/feedpub.toml", true),
            // Another file beside the config: not read by a build.
            ("/site/README.md", false),
            // The config's editor swap file.
            ("/site/.feedpub.toml.swp", false),
            // An editor's swap file among the articles.
            ("/site/articles/.a.md.swp", false),
            // A backup file.
            ("/site/articles/a.md~", false),
            // Anything in a hidden folder among the articles.
            ("/site/articles/.git/index", false),
            // The output folder, inside the articles folder here.
            ("/site/articles/feeds/rss.xml", false),
            // The state folder.
            ("/site/.feedpub/feeds-1234/cache", false),
            // Elsewhere entirely.
            ("/tmp/x", false),
        ];
        for (path, want) in cases {
            assert_eq!(targets.relevant(Path::new(path)), *want, "{path}");
        }
    }
}
