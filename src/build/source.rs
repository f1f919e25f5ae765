//! Finding the article files in a folder and reading each as text.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::article::Format;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::error::Error;

/// What identifies a file's version, as git's index does: size, inode,
/// and modification and change times to the nanosecond.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FileStamp {
    /// Size in bytes.
    pub size: u64,
    /// Modification time: seconds and nanoseconds since the epoch.
    pub mtime: (i64, u32),
    /// Status change time: seconds and nanoseconds since the epoch.
    pub ctime: (i64, u32),
    /// Inode number.
    pub inode: u64,
}

impl FileStamp {
    /// A digest of the stamp, for fingerprints: a candidate for a feed
    /// carries this, not the stamp, so that the many candidates a ranking
    /// holds stay small (the whole stamp made the feed set's peak memory
    /// 6 MB larger).
    pub fn digest(&self) -> std::num::NonZeroU64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::hash::DefaultHasher::new();
        (self.size, self.mtime, self.ctime, self.inode).hash(&mut hasher);
        std::num::NonZeroU64::new(hasher.finish()).unwrap_or(std::num::NonZeroU64::MIN)
    }

    /// The stamp of the file at `path` (following symlinks, as
    /// [`fs::metadata`] does).
    pub fn at(path: &Path) -> std::io::Result<Self> {
        fs::metadata(path).map(|m| Self::of(&m))
    }

    /// The stamp of a file's metadata.
    #[cfg(unix)]
    pub fn of(metadata: &fs::Metadata) -> Self {
        use std::os::unix::fs::MetadataExt;
        let nanos = |n: i64| u32::try_from(n).unwrap_or(0);
        Self {
            size: metadata.size(),
            mtime: (metadata.mtime(), nanos(metadata.mtime_nsec())),
            ctime: (metadata.ctime(), nanos(metadata.ctime_nsec())),
            inode: metadata.ino(),
        }
    }

    /// The stamp of a file's metadata.
    #[cfg(not(unix))]
    pub fn of(metadata: &fs::Metadata) -> Self {
        let since = |t: std::io::Result<std::time::SystemTime>| {
            t.ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or((0, 0), |d| (d.as_secs() as i64, d.subsec_nanos()))
        };
        Self {
            size: metadata.len(),
            mtime: since(metadata.modified()),
            ctime: since(metadata.created()),
            inode: 0,
        }
    }
}

/// The article files found under a folder, and the problems met on the way.
#[derive(Debug, Default)]
pub struct Listing {
    /// Article files, sorted by path.
    pub files: Vec<PathBuf>,
    /// Unreadable folders, broken symlinks, links out of the folder.
    pub diagnostics: Vec<Diagnostic>,
    /// Every folder walked, with its stamp taken before it was read: while
    /// no folder's stamp changes, no file was added, removed or renamed
    /// in any of them (the idea of git's untracked cache).
    pub folders: Vec<(PathBuf, FileStamp)>,
    /// Whether the folders' stamps alone decide this listing: not when a
    /// symlink was followed (what it points to can change elsewhere) or a
    /// problem was met (it must be met, and reported, again).
    pub replayable: bool,
}

/// Lists the article files under `dir`, sorted by path. Hidden files and
/// editor leftovers are skipped. A symlink is followed only to a file
/// inside `dir`; symlinked folders are not followed, so no link can loop.
pub fn list_articles(dir: &Path) -> Result<Listing, Error> {
    let root = fs::canonicalize(dir).map_err(|source| Error::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut listing = Listing {
        replayable: true,
        ..Listing::default()
    };
    // The stamp is taken before the folder is read: a change made while it
    // is read shows in the next run's stamp.
    let (metadata, entries) = open_folder(dir).map_err(|source| Error::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    listing
        .folders
        .push((dir.to_path_buf(), FileStamp::of(&metadata)));
    let mut links = Vec::new();
    let below = read_folder(&root, dir, entries, &mut listing, &mut links);
    // The folders in it (a site's sections, thousands of files each) are
    // walked on every core, each into a listing of its own; joined in the
    // order met, they list the folders as a walk of one folder at a time
    // does, each before the folders it holds.
    let walked: Vec<(Listing, Vec<(PathBuf, PathBuf)>)> = below
        .into_par_iter()
        .map(|folder| walk(&root, folder))
        .collect();
    for (sub, sub_links) in walked {
        listing.files.extend(sub.files);
        listing.diagnostics.extend(sub.diagnostics);
        listing.folders.extend(sub.folders);
        listing.replayable &= sub.replayable;
        links.extend(sub_links);
    }
    if !links.is_empty() {
        drop_second_copies(dir, &root, &mut listing, links);
    }
    listing.replayable &= listing.diagnostics.is_empty();
    // Byte order: as deterministic as path order, and far cheaper to sort;
    // on every core, since nothing else can start before the listing ends.
    listing
        .files
        .par_sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    Ok(listing)
}

/// Leaves out the symlinks (`links`, with their targets) to a file the
/// listing holds already, or that another symlink, first in path order,
/// points to: the same article published twice, under two ids, would
/// show twice in every reader. Each is warned about.
fn drop_second_copies(
    dir: &Path,
    root: &Path,
    listing: &mut Listing,
    mut links: Vec<(PathBuf, PathBuf)>,
) {
    links.sort_by(|a, b| a.0.as_os_str().cmp(b.0.as_os_str()));
    let linked: std::collections::HashSet<&Path> = links.iter().map(|(l, _)| l.as_path()).collect();
    // Where each target is published: a file listed itself (no folder on
    // the way is a symlink, as the walk follows none), else the first
    // symlink to it.
    let mut published: std::collections::HashMap<PathBuf, PathBuf> = listing
        .files
        .iter()
        .filter(|f| !linked.contains(f.as_path()))
        .filter_map(|f| Some((root.join(f.strip_prefix(dir).ok()?), f.clone())))
        .collect();
    let mut dropped = std::collections::HashSet::new();
    for (link, target) in &links {
        match published.get(target) {
            Some(first) => {
                listing.diagnostics.push(Diagnostic::warning(
                    "duplicate-file",
                    link,
                    format!(
                        "the symlink points to `{}`, which is published already; it is not read again",
                        crate::diagnostic::show(first)
                    ),
                ));
                dropped.insert(link.clone());
            }
            None => {
                published.insert(target.clone(), link.clone());
            }
        }
    }
    listing.files.retain(|f| !dropped.contains(f));
}

/// A folder's stamp, taken before it is opened for reading.
fn open_folder(dir: &Path) -> std::io::Result<(fs::Metadata, fs::ReadDir)> {
    let metadata = fs::metadata(dir)?;
    Ok((metadata, fs::read_dir(dir)?))
}

fn unreadable(path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(
        "unreadable",
        path,
        format!("cannot read: {e}; its articles are left out"),
    )
}

/// Lists the folder `top` and every folder in it, depth first, each
/// folder before the folders it holds. A list of folders still to read
/// stands in for recursion, so a folder nested thousands deep costs no
/// stack, and only one folder is open at a time, so a folder of
/// thousands of folders opens no more.
fn walk(root: &Path, top: PathBuf) -> (Listing, Vec<(PathBuf, PathBuf)>) {
    let mut listing = Listing {
        replayable: true,
        ..Listing::default()
    };
    let mut links = Vec::new();
    let mut pending = vec![top];
    while let Some(dir) = pending.pop() {
        match open_folder(&dir) {
            Ok((metadata, entries)) => {
                listing
                    .folders
                    .push((dir.clone(), FileStamp::of(&metadata)));
                let below = read_folder(root, &dir, entries, &mut listing, &mut links);
                // Last pushed, first read: the first folder met is next.
                pending.extend(below.into_iter().rev());
            }
            Err(e) => listing.diagnostics.push(unreadable(&dir, e)),
        }
    }
    (listing, links)
}

/// Reads one folder's entries: its article files and the problems met go
/// to `listing`, the symlinks followed (with their targets) to `links`;
/// the folders in it come back, in the order met.
fn read_folder(
    root: &Path,
    dir: &Path,
    entries: fs::ReadDir,
    listing: &mut Listing,
    links: &mut Vec<(PathBuf, PathBuf)>,
) -> Vec<PathBuf> {
    let mut below = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                listing.diagnostics.push(unreadable(dir, e));
                continue;
            }
        };
        let file_name = entry.file_name();
        let name = file_name.to_string_lossy();
        if is_ignored(&name) {
            continue;
        }
        // `entry.path()`, in one allocation of the right size (it copies
        // the folder's path, then grows it for the name).
        let mut path = PathBuf::with_capacity(dir.as_os_str().len() + 1 + file_name.len());
        path.push(dir);
        path.push(&file_name);
        let kind = match entry.file_type() {
            Ok(kind) => kind,
            Err(e) => {
                listing.diagnostics.push(unreadable(&path, e));
                continue;
            }
        };
        if kind.is_dir() {
            below.push(path);
        } else if Format::of_name(&name).is_none() {
            continue;
        } else if kind.is_symlink() {
            listing.replayable = false;
            match fs::canonicalize(&path) {
                Err(e) => listing.diagnostics.push(Diagnostic::error(
                    "broken-symlink",
                    &path,
                    format!("the symlink cannot be followed: {e}"),
                )),
                Ok(target) if !target.starts_with(root) => listing.diagnostics.push(Diagnostic::error(
                    "symlink-outside",
                    &path,
                    format!("the symlink points outside the articles folder, to `{}`; it is not read", crate::diagnostic::show(&target)),
                )),
                Ok(target) if target.is_dir() => {}
                Ok(target) => {
                    links.push((path.clone(), target));
                    listing.files.push(path);
                }
            }
        } else {
            listing.files.push(path);
        }
    }
    below
}

/// Hidden files, editor backups and lock files.
pub(crate) fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".bak")
}

fn binary(path: &Path, bytes: &[u8]) -> Diagnostic {
    let message = if looks_like_utf16(bytes) {
        "the file looks like UTF-16 text without a byte-order mark, which feedpub cannot tell from binary; save it as UTF-8"
    } else {
        "the file holds NUL bytes or mostly control characters; it is binary, not an article"
    };
    Diagnostic::error("binary-file", path, message)
}

/// Whether the bytes look like UTF-16 text of mostly Latin script: in
/// their first KiB, every other byte is NUL (the high byte of each unit,
/// at even offsets for big-endian and odd ones for little-endian), and
/// the others are not.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024) & !1];
    if head.len() < 8 {
        return false;
    }
    let nul_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let half = head.len() / 2;
    let (even, odd) = (nul_at(0), nul_at(1));
    (even * 10 >= half * 9 && odd * 10 < half) || (odd * 10 >= half * 9 && even * 10 < half)
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::File::options()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<fs::File> {
    fs::File::open(path)
}

/// Reads a file as text, within the size limit. UTF-8 is read as it is;
/// UTF-16 with a byte-order mark and legacy 8-bit encodings (detected with
/// chardetng, as browsers do) are decoded with a warning; binary files are
/// rejected.
pub fn load(
    path: &Path,
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(String, FileStamp), Diagnostic> {
    let unreadable = |e: std::io::Error| {
        Diagnostic::error("unreadable", path, format!("cannot read the file: {e}"))
    };
    // One open and one fstat per file: opening without blocking means a
    // FIFO cannot hang the run, and the open file says what it is.
    let mut file = open_nonblocking(path).map_err(unreadable)?;
    let metadata = file.metadata().map_err(unreadable)?;
    if !metadata.is_file() {
        return Err(Diagnostic::error(
            "not-a-file",
            path,
            "not a regular file (a FIFO, socket or device); it was not read",
        ));
    }
    if metadata.len() > config.max_article_bytes {
        return Err(Diagnostic::error(
            "too-large",
            path,
            format!(
                "the file has {} bytes; the limit (`max_article_bytes`) is {}",
                metadata.len(),
                config.max_article_bytes
            ),
        ));
    }
    // The stamp comes from the open file, before reading: a change made
    // while it is read shows in the next run's stamp.
    let stamp = FileStamp::of(&metadata);
    let bytes =
        read_stamped(&mut file, stamp.size, config.max_article_bytes).map_err(unreadable)?;
    if bytes.len() as u64 > config.max_article_bytes {
        return Err(Diagnostic::error(
            "too-large",
            path,
            format!(
                "the file grew past the limit (`max_article_bytes`) of {} bytes",
                config.max_article_bytes
            ),
        ));
    }
    Ok((decode(path, bytes, diagnostics)?, stamp))
}

/// Reads the `size` bytes a file's stamp counts, and no more: a buffer
/// of that size is filled by one `read` (`read_to_end` reads 8 KiB at a
/// time and asks once more to see the end). A file written to since it
/// was stamped has another stamp next run, and is read again then. A
/// size of 0 may be a file system that does not know it: then the file
/// is read to its end, up to one byte past `limit`.
fn read_stamped(file: &mut fs::File, size: u64, limit: u64) -> std::io::Result<Vec<u8>> {
    let Ok(size) = usize::try_from(size) else {
        return Err(std::io::ErrorKind::OutOfMemory.into());
    };
    if size == 0 {
        let mut bytes = Vec::new();
        file.take(limit + 1).read_to_end(&mut bytes)?;
        return Ok(bytes);
    }
    let mut bytes = vec![0; size];
    let mut filled = 0;
    while filled < size {
        match file.read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    bytes.truncate(filled);
    Ok(bytes)
}

/// Turns a file's bytes into text; see [`load`].
pub fn decode(
    path: &Path,
    bytes: Vec<u8>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<String, Diagnostic> {
    // UTF-16 is full of NUL bytes, so its byte-order mark is looked for first.
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(&bytes)
        && encoding != encoding_rs::UTF_8
    {
        let (text, malformed) = encoding.decode_without_bom_handling(&bytes[bom..]);
        if malformed {
            return Err(Diagnostic::error(
                "bad-encoding",
                path,
                format!(
                    "the file starts with a {} byte-order mark but is not valid {}",
                    encoding.name(),
                    encoding.name()
                ),
            ));
        }
        diagnostics.push(Diagnostic::warning(
            "not-utf8",
            path,
            format!(
                "the file is {}, not UTF-8; read it as {}",
                encoding.name(),
                encoding.name()
            ),
        ));
        return Ok(text.into_owned());
    }
    if memchr::memchr(0, &bytes).is_some() {
        return Err(binary(path, &bytes));
    }
    // Checked with SIMD: std's check falls back to a byte at a time
    // wherever a multi-byte character comes every few dozen bytes (in real
    // news text, typographic quotes and accented names do), and took a
    // fifth of a build. The bytes then become the text as they are (a
    // copy of every file was 5% of a build's instructions).
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: `simdutf8` has just found `bytes` valid UTF-8, which is
        // all `from_utf8_unchecked` asks.
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    // Valid UTF-8 text with controls is text, warned about later; bytes
    // that are neither UTF-8 nor mostly printable are binary.
    let controls = bytes
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    if controls * 10 > bytes.len() {
        return Err(binary(path, &bytes));
    }

    // Text whose valid parts hold characters past ASCII is UTF-8 with a
    // fault (a stray byte, a cut-off character), not a legacy encoding:
    // read as windows-1252 it would be mojibake throughout (`CafÃ©`).
    // Legacy 8-bit text almost never makes a valid multi-byte sequence.
    let utf8_beyond_ascii = bytes.utf8_chunks().any(|chunk| !chunk.valid().is_ascii());
    if utf8_beyond_ascii {
        return Err(not_utf8(path, &bytes, true));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, malformed) = encoding.decode_without_bom_handling(&bytes);
    if malformed || encoding == encoding_rs::UTF_8 {
        return Err(not_utf8(path, &bytes, false));
    }
    diagnostics.push(Diagnostic::warning(
        "not-utf8",
        path,
        format!(
            "the file is not UTF-8; read it as {} (detected); save it as UTF-8 to be sure",
            encoding.name()
        ),
    ));
    Ok(text.into_owned())
}

/// The error for a file that is neither UTF-8 nor in an encoding feedpub
/// recognises, at its first byte that is not UTF-8; `faulty` when the
/// rest of the file is UTF-8.
fn not_utf8(path: &Path, bytes: &[u8], faulty: bool) -> Diagnostic {
    let valid = std::str::from_utf8(bytes)
        .err()
        .map_or(0, |e| e.valid_up_to());
    let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
    let column = std::str::from_utf8(&bytes[..valid]).map_or(1, |before| {
        before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1
    });
    Diagnostic::error(
        "bad-encoding",
        path,
        if faulty {
            format!(
                "byte {valid} (0x{:02X}) is not UTF-8, in a file of UTF-8 text; the file was not read: fix or remove the byte",
                bytes.get(valid).copied().unwrap_or_default()
            )
        } else {
            format!(
                "byte {valid} is not UTF-8 and the file is in no encoding feedpub recognises; save it as UTF-8"
            )
        },
    )
    .at(line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A symlink to an article listed already is left out with a warning;
    /// of two symlinks to a file not listed itself (a hidden one), the
    /// first in path order is kept.
    #[cfg(unix)]
    #[test]
    fn second_copies_through_symlinks_are_left_out() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().expect("temp dir");
        let articles = dir.path().join("articles");
        fs::create_dir_all(articles.join("x")).expect("folders");
        fs::write(articles.join("x/real.txt"), "T").expect("write");
        fs::write(articles.join(".hidden.txt"), "T").expect("write");
        symlink(articles.join("x/real.txt"), articles.join("a-link.txt")).expect("link");
        symlink(articles.join(".hidden.txt"), articles.join("b-one.txt")).expect("link");
        symlink(articles.join(".hidden.txt"), articles.join("c-two.txt")).expect("link");
        let listing = list_articles(&articles).expect("listed");
        let names: Vec<String> = listing
            .files
            .iter()
            .map(|f| {
                f.strip_prefix(&articles)
                    .expect("inside")
                    .display()
                    .to_string()
            })
            .collect();
        assert_eq!(names, ["b-one.txt", "x/real.txt"]);
        let warned: Vec<(&str, String)> = listing
            .diagnostics
            .iter()
            .map(|d| {
                let name = d
                    .path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default();
                (d.code, name.to_owned())
            })
            .collect();
        assert_eq!(
            warned,
            [
                ("duplicate-file", "a-link.txt".to_owned()),
                ("duplicate-file", "c-two.txt".to_owned())
            ]
        );
        assert!(!listing.replayable);
    }

    /// Listed paths are the paths the folder's entries give, however the
    /// folder is named.
    #[test]
    fn listed_paths_are_the_entries_paths() {
        let work = tempfile::tempdir().expect("temp dir");
        let root = work.path().join("articles");
        fs::create_dir_all(root.join("2023/08")).expect("folders");
        for name in [
            "a.txt",
            "b c.md",
            "2023/d.txt",
            "2023/08/é.txt",
            ".hidden.txt",
            "x.pdf",
        ] {
            fs::write(root.join(name), "x").expect("writable");
        }
        fn naive(dir: &Path, out: &mut Vec<PathBuf>) {
            for entry in fs::read_dir(dir).expect("readable") {
                let entry = entry.expect("entry");
                let name = entry.file_name().to_string_lossy().into_owned();
                if entry.file_type().expect("type").is_dir() {
                    naive(&entry.path(), out);
                } else if !is_ignored(&name) && Format::of_name(&name).is_some() {
                    out.push(entry.path());
                }
            }
        }
        let with_slash = PathBuf::from(format!("{}/", root.display()));
        for dir in [root.clone(), with_slash, root.join("2023/..")] {
            let mut expected = Vec::new();
            naive(&dir, &mut expected);
            expected.sort_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
            assert_eq!(
                list_articles(&dir).expect("lists").files,
                expected,
                "{}",
                dir.display()
            );
            assert_eq!(expected.len(), 4);
        }
    }

    #[test]
    fn ignored_names() {
        let cases: &[(&str, bool)] = &[
            // Hidden files.
            (".hidden.txt", true),
            // Emacs lock files.
            (".#story.txt", true),
            // Emacs autosave files.
            ("#story.txt#", true),
            // Backup files.
            ("story.txt~", true),
            // Vim swap files.
            ("story.txt.swp", true),
            // Ordinary articles.
            ("story.txt", false),
        ];
        for (name, ignored) in cases {
            assert_eq!(is_ignored(name), *ignored, "{name}");
        }
    }
}
