//! The listing and the stamps: the cache's listing part, replaying a
//! folder listing from it, and whether a recorded stamp still describes
//! its file or folder (by the racily-clean rule the [cache](super)
//! describes).
//!
//! The listing is replayed from the cache only when every folder walked
//! has the stamp it had before it was read, by the same racily-clean rule
//! (a file added, removed or renamed changes its folder's modification
//! and change times, as in git's untracked cache), the articles folder is
//! named as before, and that listing followed no symlink and met no
//! problem; otherwise the folder is listed again.

use rayon::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

use super::Cache;
use super::format::{Cursor, narrow, path_bytes, push_bytes, push_stamp};
use crate::build::source::{FileStamp, Listing};

/// The cache's listing part for a listing of the folder named `articles`.
/// A listing that is not replayable keeps no folders.
pub fn listing_bytes(articles: &Path, listing: &Listing) -> Vec<u8> {
    let mut buf = Vec::new();
    buf.push(u8::from(listing.replayable));
    push_bytes(&mut buf, path_bytes(articles));
    let folders: &[(PathBuf, FileStamp)] = if listing.replayable {
        &listing.folders
    } else {
        &[]
    };
    buf.extend_from_slice(&narrow(folders.len()).to_le_bytes());
    for (path, stamp) in folders {
        push_bytes(&mut buf, path_bytes(path));
        push_stamp(&mut buf, stamp);
    }
    buf
}

impl Cache {
    /// The listing of the folder named `articles` as the cache remembers
    /// it, when nothing can have changed it (see the module documentation).
    pub fn listing(&self, articles: &Path) -> Option<Listing> {
        let mut cursor = Cursor {
            bytes: self.body(),
            at: self.listing.start,
        };
        if cursor.u8()? != 1 || cursor.bytes_field()? != path_bytes(articles) {
            return None;
        }
        let count = cursor.u32()?;
        if count == 0 {
            return None;
        }
        let mut folders = Vec::with_capacity(usize::try_from(count).ok()?);
        for _ in 0..count {
            let path = cursor.path()?;
            let stamp = cursor.stamp()?;
            if !self.is_clean(&stamp, &FileStamp::at(path).ok()?) {
                return None;
            }
            folders.push((path.to_path_buf(), stamp));
        }
        let body = self.body();
        let files: Option<Vec<PathBuf>> = self
            .starts
            .par_iter()
            .map(|&at| Some(Cursor { bytes: body, at }.path()?.to_path_buf()))
            .collect();
        Some(Listing {
            files: files?,
            diagnostics: Vec::new(),
            folders,
            replayable: true,
        })
    }

    /// Whether a recorded stamp still describes the file or folder with
    /// this stamp: the same, and modified before the run that recorded it
    /// started. The same but modified later is racily clean: dirty.
    pub fn is_clean(&self, recorded: &FileStamp, stamp: &FileStamp) -> bool {
        if recorded != stamp {
            return false;
        }
        let clean = stamp.mtime < self.started;
        if !clean {
            self.racy.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        clean
    }
}

/// The file system's time now, as it stamps files in the state folder
/// `state` (beside the configuration, so mostly on the articles' file
/// system): the modification time of a probe file made there (and the
/// folder, if it is missing) and removed. `None` when no file can be made
/// there.
pub fn now(state: &Path) -> Option<(i64, u32)> {
    fs::create_dir_all(state).ok()?;
    let probe = tempfile::Builder::new()
        .prefix(&crate::publish::own_temp_prefix())
        .suffix(".tmp")
        .tempfile_in(state)
        .ok()?;
    Some(FileStamp::of(&probe.as_file().metadata().ok()?).mtime)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::cache::tests::stamp;
    use crate::build::cache::{Encoder, save};

    /// The time `seconds` from now.
    fn from_now(seconds: i64) -> (i64, u32) {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("after 1970");
        (now.as_secs() as i64 + seconds, now.subsec_nanos())
    }

    #[test]
    fn racily_clean_files_are_dirty() {
        let cache = |started| Cache {
            bytes: Vec::new(),
            stamp: FileStamp::default(),
            started,
            racy: std::sync::atomic::AtomicBool::new(false),
            listing: 0..0,
            starts: Vec::new(),
        };
        // Modified before the run started: clean.
        let before = cache((1_700_000_000, 6));
        assert!(before.is_clean(&stamp(1), &stamp(1)));
        assert!(!before.racy.load(std::sync::atomic::Ordering::Relaxed));
        // Modified in the nanosecond the run started, or after: re-read,
        // and the cache is to be rewritten.
        for started in [
            (1_700_000_000, 5),
            (1_699_999_999, 999_999_999),
            (1_600_000_000, 0),
        ] {
            let racy = cache(started);
            assert!(!racy.is_clean(&stamp(1), &stamp(1)), "{started:?}");
            assert!(racy.racy.load(std::sync::atomic::Ordering::Relaxed));
        }
        // A stamp that differs is dirty, not racy.
        let other = cache((1_700_000_000, 6));
        assert!(!other.is_clean(&stamp(1), &stamp(2)));
        assert!(!other.racy.load(std::sync::atomic::Ordering::Relaxed));
    }

    /// Writes a cache of `listing` (all files unrecorded) as if its run
    /// had started `age` seconds from now, and loads it.
    fn cache_of(state: &Path, articles: &Path, listing: &Listing, age: i64) -> Cache {
        let mut encoder = Encoder::default();
        for (i, file) in listing.files.iter().enumerate() {
            encoder.unrecorded(i as u32, file);
        }
        save(
            state,
            ".feedpub-test-",
            5,
            from_now(age),
            &listing_bytes(articles, listing),
            &encoder,
            None,
        )
        .expect("writes");
        Cache::load(state, 5).expect("loads")
    }

    /// The listing is replayed only while no folder changed; each change
    /// that adds, removes or renames a file, anywhere below, is seen.
    #[test]
    fn listings_replay_until_a_folder_changes() {
        let work = tempfile::tempdir().expect("temp dir");
        let state = work.path().join(".feedpub/feeds-00000000");
        let articles = work.path().join("articles");
        fs::create_dir_all(articles.join("2023/08")).expect("folders");
        fs::create_dir_all(&state).expect("folder");
        for path in [
            "a.txt",
            "b.md",
            "2023/c.txt",
            "2023/08/d.txt",
            "2023/08/notes.pdf",
        ] {
            fs::write(articles.join(path), "text").expect("writable");
        }
        let list = || crate::build::source::list_articles(&articles).expect("lists");
        let replayed = |age: i64| {
            let listing = list();
            let cache = cache_of(&state, &articles, &listing, age);
            cache.listing(&articles).map(|l| (l.files, listing.files))
        };
        let (again, listed) = replayed(10).expect("nothing changed");
        assert_eq!(again, listed);
        assert_eq!(listed.len(), 4);
        // Written no later than the folders changed: racily clean, listed again.
        assert!(replayed(-10).is_none(), "racily clean");

        let changes: &[(&str, &dyn Fn())] = &[
            ("file added deep down", &|| {
                fs::write(articles.join("2023/08/e.txt"), "x").expect("w")
            }),
            ("file removed", &|| {
                fs::remove_file(articles.join("2023/c.txt")).expect("rm")
            }),
            ("file renamed", &|| {
                fs::rename(articles.join("a.txt"), articles.join("z.txt")).expect("mv")
            }),
            ("folder added", &|| {
                fs::create_dir(articles.join("2024")).expect("mkdir")
            }),
            ("hidden file added", &|| {
                fs::write(articles.join("2023/.x.txt"), "x").expect("w")
            }),
        ];
        for (what, change) in changes {
            let listing = list();
            let cache = cache_of(&state, &articles, &listing, 10);
            // The cache says its run started 10 s ago, so it trusts folder
            // times from just now: let the file system's clock (which
            // ticks every few milliseconds) move on before the change, or
            // the change may leave the folder's time as it was listed.
            std::thread::sleep(std::time::Duration::from_millis(30));
            change();
            assert!(cache.listing(&articles).is_none(), "{what}: replayed");
            let (again, listed) = replayed(10).expect("settled");
            assert_eq!(again, listed, "{what}");
        }
        // An edit in place changes no folder: replayed.
        let listing = list();
        let cache = cache_of(&state, &articles, &listing, 10);
        fs::write(articles.join("b.md"), "new text").expect("writable");
        assert_eq!(
            cache.listing(&articles).expect("replayed").files,
            listing.files
        );
        // Named otherwise (another folder, or the same by another name): listed.
        assert!(cache.listing(&work.path().join("./articles")).is_none());
        // The folder replaced by another with the same files.
        fs::rename(&articles, work.path().join("old")).expect("mv");
        fs::create_dir(&articles).expect("mkdir");
        for file in &listing.files {
            let name = file.strip_prefix(&articles).expect("inside");
            fs::create_dir_all(articles.join(name).parent().expect("parent")).expect("mkdir");
            fs::write(articles.join(name), "text").expect("writable");
        }
        assert!(
            cache_of(&state, &articles, &listing, 3600)
                .listing(&articles)
                .is_none()
        );
    }

    /// A listing that followed a symlink or met a problem is never
    /// replayed: what it found can change without its folder changing.
    #[cfg(unix)]
    #[test]
    fn listings_with_links_or_problems_are_not_replayed() {
        let work = tempfile::tempdir().expect("temp dir");
        let state = work.path().join(".feedpub/feeds-00000000");
        let articles = work.path().join("articles");
        fs::create_dir_all(articles.join("sub")).expect("folders");
        fs::create_dir_all(&state).expect("folder");
        fs::write(articles.join("sub/a.txt"), "text").expect("writable");
        std::os::unix::fs::symlink("sub/a.txt", articles.join("b.txt")).expect("symlink");
        let listing = crate::build::source::list_articles(&articles).expect("lists");
        assert!(!listing.replayable);
        assert!(
            cache_of(&state, &articles, &listing, 10)
                .listing(&articles)
                .is_none()
        );
        fs::remove_file(articles.join("b.txt")).expect("rm");
        std::os::unix::fs::symlink("missing.txt", articles.join("b.txt")).expect("symlink");
        let listing = crate::build::source::list_articles(&articles).expect("lists");
        assert!(!listing.diagnostics.is_empty());
        assert!(!listing.replayable);
        assert!(
            cache_of(&state, &articles, &listing, 10)
                .listing(&articles)
                .is_none()
        );
    }
}
