//! Archive pages (RFC 5005 archived feeds): a feed with `archive` on
//! keeps its whole history. Its entries, in the order of first
//! publication (published instant in whole seconds, then id), fill pages
//! of `page_size`; each full page is an archive document at
//! `archive/<format>/<n>.xml` in the feed's folder, oldest first. The
//! entries after the last full page (fewer than a page) are in the
//! subscription feed, beside its newest `limit`, so that every entry is on
//! exactly one page or in the subscription feed.
//!
//! An entry's page depends only on its place by first publication, so a
//! new article changes only the subscription feed and, when it completes
//! a page, that page and the `next-archive` link of the page before. A
//! page whose entries the cache stood for, with the fingerprint it had
//! when last written, is not made again: a rerun reads only the articles
//! of the pages that change. The fingerprints are kept in
//! [`STATE_FILE`] in the output folder's state folder (see
//! [`crate::state`]).

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::num::NonZeroU64;
use std::path::{Path, PathBuf};

use super::rank::{Candidate, Paged};
use crate::config::Config;
use crate::config::feeds::{ARCHIVE_DIR, Archive, FeedFormat};
use crate::feed::Header;
use crate::feed::order::order;

/// The file, in the output folder's state folder, of the fingerprints of
/// the pages and of the subscription feeds (see [`feed_fingerprint`]).
pub const STATE_FILE: &str = "pages";

/// The first line of [`STATE_FILE`]; a file without it is not read.
const STATE_HEADER: &str = "feedpub pages 1";

/// One page of a feed's history.
#[derive(Debug)]
pub(super) struct Page {
    /// Its number, from 1 for the oldest.
    pub number: usize,
    /// Its entries, oldest first.
    pub members: Vec<Paged>,
    /// Whether a page follows it.
    pub has_next: bool,
    /// What its bytes depend on; `None` when an entry's file was not read
    /// cleanly.
    pub fingerprint: Option<u128>,
    /// Whether it is on disk as it would be written now, so not made.
    pub kept: bool,
}

/// A feed's history cut into pages.
#[derive(Debug)]
pub(super) struct History {
    /// The full pages, oldest first.
    pub pages: Vec<Page>,
    /// The entries after the last full page, for the subscription feed.
    pub tail: Vec<Paged>,
}

/// The pages' fingerprints as last written, by [`key`].
pub(super) type State = HashMap<String, u128>;

/// The key of a feed's page in the [`State`].
pub(super) fn key(feed_path: &str, number: usize) -> String {
    format!("{number} {feed_path}")
}

/// The formats a feed's archive pages are written in: its XML ones.
pub fn page_formats(formats: &[FeedFormat]) -> Vec<FeedFormat> {
    formats
        .iter()
        .copied()
        .filter(|f| matches!(f, FeedFormat::Rss | FeedFormat::Atom))
        .collect()
}

/// A page's path under its feed's folder (`path`, empty or ending in `/`).
pub fn page_path(path: &str, format: FeedFormat, number: usize) -> String {
    format!("{path}{ARCHIVE_DIR}/{}/{number}.xml", format.name())
}

/// What every page of a build depends on besides its own entries: this
/// build of feedpub and the configuration, whole. The site's title,
/// author, language and hubs, and each feed's title and options, all show
/// in a page's bytes, so a page written under another configuration is
/// made again. (The rank cache's fingerprint covers only what ranks an
/// article; a page kept under it kept the old site title after the title
/// changed.) Whether hubs are pinged, and whether the page for people is
/// written, change no feed's bytes, and are left out.
pub(super) fn identity(config: &Config) -> u64 {
    let mut feeds_config = config.clone();
    feeds_config.ping = false;
    feeds_config.page = false;
    let mut hasher = DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut hasher);
    env!("FEEDPUB_SOURCE_HASH").hash(&mut hasher);
    format!("{feeds_config:?}").hash(&mut hasher);
    hasher.finish()
}

/// Cuts a feed's entries into pages. `identity` is what every page of
/// the build depends on (the binary and the configuration); a page is
/// kept, not made, when `trusted` (the cache was read, and the build
/// writes), every entry on it was stood for by the cache, its fingerprint
/// is the one in `state`, and its files exist.
#[allow(
    clippy::too_many_arguments,
    reason = "the inputs of one feed's history, each used once"
)]
pub(super) fn paginate(
    mut paged: Vec<Paged>,
    archive: Archive,
    feed_path: &str,
    formats: &[FeedFormat],
    files: &[PathBuf],
    out: &Path,
    identity: u64,
    state: &State,
    trusted: bool,
) -> History {
    paged.sort_by(|a, b| (a.published, &a.id).cmp(&(b.published, &b.id)));
    let size = archive.page_size;
    let full = paged.len() / size;
    let tail = paged.split_off(full * size);
    let mut pages = Vec::with_capacity(full);
    let mut rest = paged.into_iter();
    for number in 1..=full {
        let members: Vec<Paged> = rest.by_ref().take(size).collect();
        let has_next = number < full;
        let fingerprint = fingerprint(
            identity, feed_path, formats, number, has_next, &members, files,
        );
        let kept = trusted
            && members.iter().all(|m| m.cached)
            && fingerprint.is_some()
            && state.get(&key(feed_path, number)) == fingerprint.as_ref()
            && formats
                .iter()
                .all(|&f| out.join(page_path(feed_path, f, number)).is_file());
        pages.push(Page {
            number,
            members,
            has_next,
            fingerprint,
            kept,
        });
    }
    History { pages, tail }
}

/// What a page's bytes depend on: the build's identity, the page's place
/// and neighbours, and each entry's id, file and stamp.
fn fingerprint(
    identity: u64,
    feed_path: &str,
    formats: &[FeedFormat],
    number: usize,
    has_next: bool,
    members: &[Paged],
    files: &[PathBuf],
) -> Option<u128> {
    let mut print = Fingerprint::new(identity, feed_path, formats);
    print.add(&(number, has_next));
    for m in members {
        print.entry(&m.id, files.get(m.file as usize)?, m.stamp?.digest());
    }
    Some(print.finish())
}

/// The key of a subscription feed (not one of its pages) in the [`State`].
pub(super) fn feed_key(feed_path: &str) -> String {
    format!("feed {feed_path}")
}

/// What a subscription feed's bytes depend on: the build's identity, its
/// header (a tag feed's title is the spelling of the tag's first use,
/// which may be in an article the feed does not hold), and each entry's
/// id, file and stamp, in feed order; `None` when an entry's file was not
/// read cleanly.
pub(super) fn feed_fingerprint(
    identity: u64,
    feed_path: &str,
    formats: &[FeedFormat],
    header: &Header,
    candidates: &[Candidate],
    files: &[PathBuf],
) -> Option<u128> {
    let mut print = Fingerprint::new(identity, feed_path, formats);
    print.add(&(
        &header.id,
        &header.title,
        &header.description,
        header.folder.as_str(),
    ));
    let mut ordered: Vec<&Candidate> = candidates.iter().collect();
    ordered.sort_by(|a, b| order(a.key(), b.key()));
    for c in ordered {
        let (_, id) = c.key();
        print.entry(id, files.get(c.file() as usize)?, c.stamp()?);
    }
    Some(print.finish())
}

/// A 128-bit fingerprint, as two 64-bit hashes seeded apart.
struct Fingerprint([DefaultHasher; 2]);

impl Fingerprint {
    /// One that starts with what every page and feed of a build depends
    /// on, and the feed's place and formats.
    fn new(identity: u64, feed_path: &str, formats: &[FeedFormat]) -> Self {
        let mut print = Self([DefaultHasher::new(), DefaultHasher::new()]);
        for (seed, hasher) in print.0.iter_mut().enumerate() {
            seed.hash(hasher);
        }
        print.add(&(identity, feed_path));
        for f in formats {
            print.add(f.name());
        }
        print
    }

    fn add<T: Hash + ?Sized>(&mut self, value: &T) {
        for hasher in &mut self.0 {
            value.hash(hasher);
        }
    }

    /// An entry: its id, its file and the digest of the file's stamp.
    fn entry(&mut self, id: &str, path: &Path, stamp: NonZeroU64) {
        self.add(&(id, path, stamp));
    }

    fn finish(&self) -> u128 {
        let [a, b] = [&self.0[0], &self.0[1]].map(Hasher::finish);
        (u128::from(a) << 64) | u128::from(b)
    }
}

/// The fingerprints of the pages as last written, from the state folder
/// `state`; empty when the file is missing or not one of ours.
pub(super) fn load_state(state: &Path) -> State {
    let Ok(text) = std::fs::read_to_string(state.join(STATE_FILE)) else {
        return State::new();
    };
    let mut lines = text.lines();
    if lines.next() != Some(STATE_HEADER) {
        return State::new();
    }
    lines
        .filter_map(|line| {
            let (hex, key) = line.split_once(' ')?;
            Some((key.to_owned(), u128::from_str_radix(hex, 16).ok()?))
        })
        .collect()
}

/// Writes the fingerprints of the pages now on disk, in place of the old
/// ones, atomically, in the state folder `state`; the caller holds the
/// output folder's lock. A failure only costs the next build the pages'
/// making, so it is not an error.
pub(super) fn save_state(state: &Path, pages: &[(String, u128)]) {
    let mut text = String::with_capacity(64 + pages.len() * 64);
    text.push_str(STATE_HEADER);
    text.push('\n');
    let mut sorted: Vec<&(String, u128)> = pages.iter().collect();
    sorted.sort();
    for (key, fingerprint) in sorted {
        text.push_str(&format!("{fingerprint:032x} {key}\n"));
    }
    let path = state.join(STATE_FILE);
    if pages.is_empty() {
        let _ = std::fs::remove_file(&path);
        return;
    }
    let temp = tempfile::Builder::new()
        .prefix(&crate::publish::own_temp_prefix())
        .suffix(".tmp")
        .tempfile_in(state);
    if let Ok(mut temp) = temp {
        use std::io::Write;
        if temp.write_all(text.as_bytes()).is_ok() {
            let _ = temp.persist(&path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::source::FileStamp;
    use chrono::DateTime;
    use std::sync::Arc;

    fn entry(n: u32, published: i64) -> Paged {
        Paged {
            published,
            id: Arc::from(format!("id-{n:03}")),
            updated: DateTime::parse_from_rfc3339("2024-01-01T00:00:00Z").expect("date"),
            file: n,
            stamp: Some(FileStamp::default()),
            cached: true,
        }
    }

    fn files(n: u32) -> Vec<PathBuf> {
        (0..n)
            .map(|i| PathBuf::from(format!("a/{i}.txt")))
            .collect()
    }

    #[test]
    fn pages_fill_by_first_publication() {
        // Seven entries, listed newest first, pages of three: two full
        // pages, one entry left for the subscription feed.
        let paged: Vec<Paged> = (0..7).rev().map(|n| entry(n, i64::from(n) * 60)).collect();
        let history = paginate(
            paged,
            Archive { page_size: 3 },
            "",
            &[FeedFormat::Atom],
            &files(7),
            Path::new("/nonexistent"),
            1,
            &State::new(),
            true,
        );
        let ids = |p: &Page| p.members.iter().map(|m| m.file).collect::<Vec<_>>();
        assert_eq!(history.pages.len(), 2);
        assert_eq!(ids(&history.pages[0]), [0, 1, 2]);
        assert_eq!(ids(&history.pages[1]), [3, 4, 5]);
        assert!(history.pages[0].has_next && !history.pages[1].has_next);
        assert_eq!(history.tail.iter().map(|m| m.file).collect::<Vec<_>>(), [6]);
        // Nothing is on disk, so nothing is kept.
        assert!(history.pages.iter().all(|p| !p.kept));
    }

    #[test]
    fn same_instant_is_ordered_by_id() {
        // Equal published instants: the id decides, whatever the listing.
        let paged = vec![entry(2, 0), entry(0, 0), entry(1, 0)];
        let history = paginate(
            paged,
            Archive { page_size: 2 },
            "",
            &[FeedFormat::Rss],
            &files(3),
            Path::new("/nonexistent"),
            1,
            &State::new(),
            true,
        );
        assert_eq!(
            history.pages[0]
                .members
                .iter()
                .map(|m| m.file)
                .collect::<Vec<_>>(),
            [0, 1]
        );
        assert_eq!(history.tail[0].file, 2);
    }

    #[test]
    fn fingerprint_follows_what_the_page_shows() {
        let files = files(3);
        let members = vec![entry(0, 0), entry(1, 60)];
        let base = fingerprint(1, "", &[FeedFormat::Atom], 1, false, &members, &files);
        assert!(base.is_some());
        // Another build identity, a next page, another place: each changes it.
        for other in [
            fingerprint(2, "", &[FeedFormat::Atom], 1, false, &members, &files),
            fingerprint(1, "", &[FeedFormat::Atom], 1, true, &members, &files),
            fingerprint(1, "", &[FeedFormat::Atom], 2, false, &members, &files),
            fingerprint(1, "x/", &[FeedFormat::Atom], 1, false, &members, &files),
        ] {
            assert_ne!(other, base);
        }
        // A file touched since.
        let mut touched = members.clone();
        if let Some(stamp) = &mut touched[1].stamp {
            stamp.mtime.0 += 1;
        }
        assert_ne!(
            fingerprint(1, "", &[FeedFormat::Atom], 1, false, &touched, &files),
            base
        );
        // An entry read with a problem has no stamp: no fingerprint.
        let mut unread = members;
        unread[0].stamp = None;
        assert_eq!(
            fingerprint(1, "", &[FeedFormat::Atom], 1, false, &unread, &files),
            None
        );
    }

    #[test]
    fn state_round_trips() {
        let dir = tempfile::tempdir().expect("temp dir");
        let pages = vec![(key("", 1), 7_u128), (key("tags/x/", 12), u128::MAX)];
        save_state(dir.path(), &pages);
        let state = load_state(dir.path());
        assert_eq!(state.len(), 2);
        assert_eq!(state.get(&key("tags/x/", 12)), Some(&u128::MAX));
        // A file of another kind is not read.
        std::fs::write(dir.path().join(STATE_FILE), "1 0 x\n").expect("write");
        assert!(load_state(dir.path()).is_empty());
    }
}
