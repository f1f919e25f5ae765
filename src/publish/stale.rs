//! Feed files a build no longer writes. Subscribers of a feed whose file
//! disappears get errors, so such files are never removed silently: a
//! build reports them, and removes them only when asked (`--prune`).

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::config::feeds::{ARCHIVE_DIR, FeedFormat};
use crate::error::Error;

/// The name of the subscription list of the feed set.
pub const INDEX_FILE: &str = "index.opml";

/// Folders deeper than this under the output folder are not looked into:
/// feedpub writes nothing deeper, and a hostile tree stays cheap.
pub const MAX_DEPTH: usize = 16;

/// The name of the page people read, in the output folder itself (see
/// [`crate::write::page`]).
pub const PAGE_FILE: &str = crate::write::page::FILE_NAME;

/// The files under `out` named like a file feedpub writes (a feed of any
/// format, the subscription list, or the page in `out` itself when it
/// says feedpub wrote it: an `index.html` deeper down, or one of the
/// site's own, is not feedpub's) that are not in `planned`, sorted. Hidden files and folders and symbolic links to folders are not
/// looked into.
pub fn find_stale(out: &Path, planned: &[&Path]) -> Vec<PathBuf> {
    let planned: HashSet<&Path> = planned.iter().copied().collect();
    let mut found = Vec::new();
    walk(out, 0, &planned, &mut found);
    let page = out.join(PAGE_FILE);
    if !planned.contains(page.as_path())
        && page.is_file()
        && matches!(crate::write::page::file_is_ours(&page), Ok(Some(true)))
    {
        found.push(page);
    }
    found.sort();
    found
}

fn is_feed_name(name: &str) -> bool {
    name == INDEX_FILE || FeedFormat::ALL.iter().any(|f| f.file_name() == name)
}

/// Whether `path` (named `name`) is named like an archive page:
/// `archive/<format>/<n>.xml` (see `config::feeds::ARCHIVE_DIR`).
fn is_page(path: &Path, name: &str) -> bool {
    let numbered = name
        .strip_suffix(".xml")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    let mut folders = path.ancestors().skip(1).filter_map(Path::file_name);
    numbered
        && folders
            .next()
            .is_some_and(|f| f == FeedFormat::Rss.name() || f == FeedFormat::Atom.name())
        && folders.next().is_some_and(|f| f == ARCHIVE_DIR)
}

fn walk(dir: &Path, depth: usize, planned: &HashSet<&Path>, found: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if name.starts_with('.') {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if kind.is_dir() {
            if depth < MAX_DEPTH {
                walk(&path, depth + 1, planned, found);
            }
        } else if (is_feed_name(name) || is_page(&path, name)) && !planned.contains(path.as_path())
        {
            found.push(path);
        }
    }
}

/// Removes stale files (from [`find_stale`]), then each folder under `out`
/// that this left empty.
pub fn prune(out: &Path, stale: &[PathBuf]) -> Result<(), Error> {
    for path in stale {
        match fs::remove_file(path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => {
                return Err(Error::Write {
                    path: path.clone(),
                    source,
                });
            }
        }
        let mut folder = path.parent();
        while let Some(dir) = folder {
            if dir == out || !dir.starts_with(out) || fs::remove_dir(dir).is_err() {
                break;
            }
            folder = dir.parent();
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_only_unplanned_feed_files_and_prunes_them() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path();
        let write = |rel: &str| {
            let path = out.join(rel);
            fs::create_dir_all(path.parent().expect("parent")).expect("folder");
            fs::write(&path, b"x").expect("writable");
            path
        };
        let kept = write("rss.xml");
        let tag = write("tags/old/atom.xml");
        let json = write("tags/old/feed.json");
        write("tags/old/notes.txt");
        write(".cache/rss.xml");
        let index = write("index.opml");
        let other = write("sections/world/rss.xml");
        let page = out.join("index.html");
        fs::write(&page, crate::write::page::GENERATOR_TAG).expect("writable");
        // Only the page in the output folder itself is feedpub's.
        write("tags/old/index.html");
        let planned = [kept.as_path(), index.as_path()];
        let stale = find_stale(out, &planned);
        let mut want = vec![other.clone(), tag.clone(), json.clone(), page.clone()];
        want.sort();
        assert_eq!(stale, want);
        prune(out, &stale).expect("prunes");
        assert!(!tag.exists() && !json.exists() && !other.exists() && !page.exists());
        // A folder with another file stays; an emptied one goes.
        assert!(out.join("tags/old/notes.txt").exists());
        assert!(!out.join("sections").exists());
        assert!(kept.exists() && index.exists());
    }

    /// A page of the site's own in the output folder is never stale, so
    /// never pruned; feedpub's is.
    #[test]
    fn only_feedpubs_own_page_is_stale() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path();
        let page = out.join(PAGE_FILE);
        fs::write(&page, "<!DOCTYPE html><title>Our site</title>").expect("writable");
        assert_eq!(find_stale(out, &[]), Vec::<PathBuf>::new());
        fs::write(
            &page,
            format!("<!DOCTYPE html>{}", crate::write::page::GENERATOR_TAG),
        )
        .expect("writable");
        assert_eq!(find_stale(out, &[]), std::slice::from_ref(&page));
        // Planned, it is not stale.
        assert_eq!(find_stale(out, &[page.as_path()]), Vec::<PathBuf>::new());
    }
}
