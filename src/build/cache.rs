//! The rank cache: what a rerun needs to know of each unchanged article
//! without reading it: is it a draft, and if not, its id and updated time;
//! and, when no folder changed, which files there are.
//!
//! It is an optimisation only. Each record carries the file's
//! [`FileStamp`] (size, inode, modification and change times to the
//! nanosecond); a file whose stamp differs is read again, and so is one
//! whose modification time is not older than the start of the run that
//! wrote the cache, since it may have changed after it was read within
//! the clock's resolution (git's "racily clean" rule, with the run's start
//! in place of the index's write time, which closes the gap between the
//! two; the start is read from the file system's own clock, on a probe
//! file in the output folder). A cache that held racily clean stamps is
//! rewritten, so that the next run trusts them. Only articles with no
//! diagnostic are recorded, so every problem is reported again on every
//! run.
//!
//! The listing is replayed from the cache only when every folder walked
//! has the stamp it had before it was read, by the same racily-clean rule
//! (a file added, removed or renamed changes its folder's modification
//! and change times, as in git's untracked cache), the articles folder is
//! named as before, and that listing followed no symlink and met no
//! problem; otherwise the folder is listed again.
//!
//! A cache that is missing, truncated, corrupt (checksum), of another
//! format version or another build of feedpub (version or source), or made
//! under another configuration is ignored and rewritten. The entries that make the feed are always
//! read from their files, so the feeds never depend on the cache's
//! contents.
//!
//! Format: `FPCACHE3`, a fingerprint (u64), the run's start (i64 seconds,
//! u32 nanoseconds); the listing: a replayable
//! flag (u8), the articles folder as named, the number of folders (u32)
//! and each folder's path and stamp; then one entry per listed file in
//! listing (byte) order: its path and a tag, 0 for a draft, 1 for an
//! entry, 2 for a file not recorded (it had a problem); a draft or entry
//! has its stamp, an entry its updated instant (seconds, offset) and id.
//! Last, a checksum (u64) of everything before it. Integers are
//! little-endian; strings and paths are a u32 length and their bytes; a
//! stamp is six u64s (size, mtime seconds and nanoseconds, ctime seconds
//! and nanoseconds, inode).

use rayon::prelude::*;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, TimeZone};

use crate::build::source::{FileStamp, Listing};
use crate::config::Config;

/// The cache's file name in the output folder.
pub const CACHE_FILE: &str = ".feedpub-cache";

const MAGIC: &[u8; 8] = b"FPCACHE3";

/// Bytes of a stamp: six u64s.
const STAMP_LEN: usize = 48;
/// Bytes of an updated instant: i64 seconds, i32 offset.
const INSTANT_LEN: usize = 12;

const DRAFT: u8 = 0;
const ENTRY: u8 = 1;
const UNRECORDED: u8 = 2;

/// What a record says of its article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind<'a> {
    /// A draft, left out.
    Draft,
    /// A publishable entry.
    Entry {
        /// Its updated instant.
        updated: DateTime<FixedOffset>,
        /// Its id.
        id: &'a str,
    },
}

/// One article as the cache remembers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record<'a> {
    /// The path as listed.
    pub path: &'a Path,
    /// The file's stamp when it was read.
    pub stamp: FileStamp,
    /// Draft or entry.
    pub kind: Kind<'a>,
    /// The bytes it was read from, when it was read from a cache: written
    /// again as they are.
    pub raw: Option<&'a [u8]>,
}

/// FNV-1a, 64-bit: stable across platforms and releases.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The cache's checksum: FNV-1a over little-endian 64-bit words (eight
/// times fewer steps than over bytes), the last partial word zero-padded,
/// then the length. It can be fed in pieces of any size.
#[derive(Debug)]
struct Checksum {
    hash: u64,
    pending: [u8; 8],
    filled: usize,
    length: u64,
}

impl Checksum {
    fn new() -> Self {
        Self {
            hash: 0xcbf2_9ce4_8422_2325,
            pending: [0; 8],
            filled: 0,
            length: 0,
        }
    }

    fn word(&mut self, word: [u8; 8]) {
        self.hash = (self.hash ^ u64::from_le_bytes(word)).wrapping_mul(0x0100_0000_01b3);
    }

    fn update(&mut self, mut bytes: &[u8]) {
        self.length += bytes.len() as u64;
        if self.filled > 0 {
            let take = (8 - self.filled).min(bytes.len());
            self.pending[self.filled..self.filled + take].copy_from_slice(&bytes[..take]);
            self.filled += take;
            bytes = &bytes[take..];
            if self.filled < 8 {
                return;
            }
            self.word(self.pending);
            self.filled = 0;
        }
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut word = [0; 8];
            word.copy_from_slice(w);
            self.word(word);
        }
        let rest = words.remainder();
        self.pending[..rest.len()].copy_from_slice(rest);
        self.filled = rest.len();
    }

    fn finish(mut self) -> u64 {
        if self.filled > 0 {
            self.pending[self.filled..].fill(0);
            self.word(self.pending);
        }
        self.word(self.length.to_le_bytes());
        self.hash
    }
}

/// FNV-1a over little-endian 64-bit words, as the checksum reads bytes:
/// fast, stable, but not mixed (see [`crate::build::rank::id_hash`]).
pub fn word_fnv(bytes: &[u8]) -> u64 {
    checksum(&[bytes])
}

fn checksum(pieces: &[&[u8]]) -> u64 {
    let mut sum = Checksum::new();
    for piece in pieces {
        sum.update(piece);
    }
    sum.finish()
}

/// A fingerprint of everything that decides how an article reads: the
/// feedpub version, its source (see `build.rs`: reading rules change
/// between commits without a version bump) and every configuration value
/// used by readers and normalisation.
pub fn fingerprint(config: &Config) -> u64 {
    let described = format!(
        "{}|{}|{:?}|{:?}|{:?}|{:?}|{}|{}",
        env!("CARGO_PKG_VERSION"),
        env!("FEEDPUB_SOURCE_HASH"),
        config.site.ids,
        config.dates,
        config.news,
        config.link,
        config.summary_max_chars,
        config.max_article_bytes,
    );
    fnv1a(described.as_bytes())
}

fn path_bytes(path: &Path) -> &[u8] {
    path.as_os_str().as_encoded_bytes()
}

/// A path from bytes [`path_bytes`] gave; `None` where that cannot be
/// trusted (outside Unix, bytes that are not UTF-8).
fn path_of(bytes: &[u8]) -> Option<&Path> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        Some(Path::new(std::ffi::OsStr::from_bytes(bytes)))
    }
    #[cfg(not(unix))]
    {
        std::str::from_utf8(bytes).ok().map(Path::new)
    }
}

fn push_bytes(buf: &mut Vec<u8>, bytes: &[u8]) {
    buf.extend_from_slice(&narrow(bytes.len()).to_le_bytes());
    buf.extend_from_slice(bytes);
}

fn push_stamp(buf: &mut Vec<u8>, s: &FileStamp) {
    for v in [
        s.size,
        s.mtime.0 as u64,
        u64::from(s.mtime.1),
        s.ctime.0 as u64,
        u64::from(s.ctime.1),
        s.inode,
    ] {
        buf.extend_from_slice(&v.to_le_bytes());
    }
}

fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

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

/// Appends records to a list of fixed-size chunks, to be written as a
/// cache: merging the encoders of parallel workers moves chunks, never
/// copies bytes, and no buffer doubles past what it holds. Each file is
/// added under its index in the listing, the order records are written in.
#[derive(Debug, Default)]
pub struct Encoder<'c> {
    chunks: Vec<Vec<u8>>,
    /// Each record's file index and bytes.
    index: Vec<(u32, Bytes<'c>)>,
}

/// Where a record's bytes are.
#[derive(Debug, Clone, Copy)]
enum Bytes<'c> {
    /// Encoded here: chunk, start, end.
    Encoded(u32, u32, u32),
    /// As read from the cache, unchanged: most records of a rerun.
    Kept(&'c [u8]),
}

const CHUNK: usize = 16 * 1024;

impl<'c> Encoder<'c> {
    fn buffer(&mut self, need: usize) -> &mut Vec<u8> {
        let full = self
            .chunks
            .last()
            .is_none_or(|c| c.len() + need > c.capacity());
        if full {
            self.chunks.push(Vec::with_capacity(CHUNK.max(need)));
        }
        let last = self.chunks.len() - 1;
        &mut self.chunks[last]
    }

    /// Adds file `file`'s record read from the cache: its bytes are kept,
    /// not copied.
    pub fn keep(&mut self, file: u32, record: &Record<'c>) {
        match record.raw {
            Some(raw) => self.index.push((file, Bytes::Kept(raw))),
            None => self.push(file, record),
        }
    }

    /// Adds file `file`'s record.
    pub fn push(&mut self, file: u32, record: &Record<'_>) {
        let path = path_bytes(record.path);
        let id = match &record.kind {
            Kind::Draft => "",
            Kind::Entry { id, .. } => id,
        };
        let buf = self.buffer(4 + path.len() + 1 + STAMP_LEN + INSTANT_LEN + 4 + id.len());
        let start = buf.len();
        push_bytes(buf, path);
        match &record.kind {
            Kind::Draft => {
                buf.push(DRAFT);
                push_stamp(buf, &record.stamp);
            }
            Kind::Entry { updated, id } => {
                buf.push(ENTRY);
                push_stamp(buf, &record.stamp);
                buf.extend_from_slice(&updated.timestamp().to_le_bytes());
                buf.extend_from_slice(&updated.offset().local_minus_utc().to_le_bytes());
                push_bytes(buf, id.as_bytes());
            }
        }
        self.pushed(file, start);
    }

    /// Adds file `file` with no record: it is listed, and read next time.
    pub fn unrecorded(&mut self, file: u32, path: &Path) {
        let path = path_bytes(path);
        let buf = self.buffer(4 + path.len() + 1);
        let start = buf.len();
        push_bytes(buf, path);
        buf.push(UNRECORDED);
        self.pushed(file, start);
    }

    fn pushed(&mut self, file: u32, start: usize) {
        let chunk = self.chunks.len() - 1;
        let end = self.chunks[chunk].len();
        self.index.push((
            file,
            Bytes::Encoded(narrow(chunk), narrow(start), narrow(end)),
        ));
    }

    /// Adds another encoder's records.
    pub fn append(&mut self, other: Encoder<'c>) {
        let offset = narrow(self.chunks.len());
        self.chunks.extend(other.chunks);
        self.index
            .extend(other.index.into_iter().map(|(file, bytes)| match bytes {
                Bytes::Encoded(chunk, start, end) => {
                    (file, Bytes::Encoded(chunk + offset, start, end))
                }
                kept @ Bytes::Kept(_) => (file, kept),
            }));
    }

    /// The records' bytes in the order they are written: by file index
    /// (merged workers' records arrive in that order already).
    fn ordered(&self) -> Vec<&[u8]> {
        let bytes = |bytes: &Bytes<'c>| match *bytes {
            Bytes::Encoded(chunk, start, end) => {
                &self.chunks[chunk as usize][start as usize..end as usize]
            }
            Bytes::Kept(raw) => raw,
        };
        if self.index.is_sorted_by_key(|(file, _)| *file) {
            return self.index.iter().map(|(_, b)| bytes(b)).collect();
        }
        let mut index: Vec<&(u32, Bytes<'c>)> = self.index.iter().collect();
        index.par_sort_unstable_by_key(|(file, _)| *file);
        index.into_iter().map(|(_, b)| bytes(b)).collect()
    }
}

/// A cache read from disk and checked.
#[derive(Debug)]
pub struct Cache {
    bytes: Vec<u8>,
    /// The cache file's stamp when read, to patch only that file.
    stamp: FileStamp,
    /// When the run that wrote the cache started: files and folders
    /// modified at or after this are read again.
    started: (i64, u32),
    /// Whether a stamp was found racily clean (see [`Self::is_clean`]).
    racy: std::sync::atomic::AtomicBool,
    /// Where the listing part is.
    listing: std::ops::Range<usize>,
    /// Where each file's entry starts, in listing order.
    starts: Vec<usize>,
}

/// Where the parts of a cache's body are.
struct Layout {
    /// When the run that wrote it started.
    started: (i64, u32),
    /// The listing part.
    listing: std::ops::Range<usize>,
    /// Where each file's entry starts, in listing order.
    starts: Vec<usize>,
}

struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let slice = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(slice)
    }

    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn i32(&mut self) -> Option<i32> {
        Some(i32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    /// A u32 length, then that many bytes.
    fn bytes_field(&mut self) -> Option<&'a [u8]> {
        let len = self.u32()?;
        self.take(usize::try_from(len).ok()?)
    }

    fn string(&mut self) -> Option<&'a str> {
        std::str::from_utf8(self.bytes_field()?).ok()
    }

    fn path(&mut self) -> Option<&'a Path> {
        path_of(self.bytes_field()?)
    }

    fn stamp(&mut self) -> Option<FileStamp> {
        let size = self.u64()?;
        let mtime = (self.u64()? as i64, u32::try_from(self.u64()?).ok()?);
        let ctime = (self.u64()? as i64, u32::try_from(self.u64()?).ok()?);
        let inode = self.u64()?;
        Some(FileStamp {
            size,
            mtime,
            ctime,
            inode,
        })
    }

    /// Steps over one file's entry, giving its path's bytes.
    fn skip_entry(&mut self) -> Option<&'a [u8]> {
        let path = self.bytes_field()?;
        match self.u8()? {
            DRAFT => self.take(STAMP_LEN)?,
            ENTRY => {
                self.take(STAMP_LEN + INSTANT_LEN)?;
                self.bytes_field()?
            }
            UNRECORDED => &[],
            _ => return None,
        };
        Some(path)
    }

    /// One file's entry: its record, or `None` inside when it has none.
    fn entry(&mut self) -> Option<Option<Record<'a>>> {
        let start = self.at;
        let path = self.path()?;
        let tag = self.u8()?;
        if tag == UNRECORDED {
            return Some(None);
        }
        let stamp = self.stamp()?;
        let kind = match tag {
            DRAFT => Kind::Draft,
            ENTRY => {
                let seconds = self.u64()? as i64;
                let offset = FixedOffset::east_opt(self.i32()?)?;
                let updated = offset.timestamp_opt(seconds, 0).single()?;
                Kind::Entry {
                    updated,
                    id: self.string()?,
                }
            }
            _ => return None,
        };
        Some(Some(Record {
            path,
            stamp,
            kind,
            raw: self.bytes.get(start..self.at),
        }))
    }
}

impl Cache {
    /// Reads the cache in `out`; `None` when it is missing or cannot be
    /// trusted (see the module documentation).
    pub fn load(out: &Path, fingerprint: u64) -> Option<Self> {
        let file = fs::File::open(out.join(CACHE_FILE)).ok()?;
        let metadata = file.metadata().ok()?;
        let bytes = read_all(file, usize::try_from(metadata.len()).ok()?)?;
        let body_len = bytes.len().checked_sub(8)?;
        let (body, sum) = bytes.split_at(body_len);
        // The checksum on one core, the parse on the other; a parse of
        // corrupt bytes fails or is thrown away with them.
        let (intact, parsed) = rayon::join(
            || Some(checksum(&[body]) == u64::from_le_bytes(sum.try_into().ok()?)),
            || Self::parse(body, fingerprint),
        );
        let layout = parsed.filter(|_| intact == Some(true))?;
        Some(Self {
            bytes,
            stamp: FileStamp::of(&metadata),
            started: layout.started,
            racy: std::sync::atomic::AtomicBool::new(false),
            listing: layout.listing,
            starts: layout.starts,
        })
    }

    /// Where the parts of a cache's body are; `None` when it is not a
    /// cache of this format and fingerprint, or its files are out of order.
    fn parse(body: &[u8], fingerprint: u64) -> Option<Layout> {
        let mut cursor = Cursor { bytes: body, at: 0 };
        if cursor.take(8)? != MAGIC || cursor.u64()? != fingerprint {
            return None;
        }
        let started = (cursor.u64()? as i64, cursor.u32()?);
        let listing_start = cursor.at;
        cursor.u8()?;
        cursor.bytes_field()?;
        for _ in 0..cursor.u32()? {
            cursor.bytes_field()?;
            cursor.take(STAMP_LEN)?;
        }
        let listing = listing_start..cursor.at;
        let mut starts = Vec::new();
        let mut last: Option<&[u8]> = None;
        while cursor.at < body.len() {
            starts.push(cursor.at);
            let path = cursor.skip_entry()?;
            // Files are in strict byte order, as listed: the order they are
            // matched in.
            if last.is_some_and(|last| last >= path) {
                return None;
            }
            last = Some(path);
        }
        Some(Layout {
            started,
            listing,
            starts,
        })
    }

    fn body(&self) -> &[u8] {
        &self.bytes[..self.bytes.len() - 8]
    }

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

    /// Where the entry of each of `files` (sorted by bytes, as listed) is,
    /// when the cache lists it: a sweep over both lists, in pieces on
    /// every core.
    pub fn match_files(&self, files: &[PathBuf]) -> Vec<Option<usize>> {
        let body = self.body();
        let path_at = |at: usize| Cursor { bytes: body, at }.bytes_field();
        let mut matched = vec![None; files.len()];
        matched
            .par_chunks_mut(4096)
            .zip(files.par_chunks(4096))
            .for_each(|(matched, files)| {
                let Some(first) = files.first() else { return };
                let first = path_bytes(first);
                let mut r = self
                    .starts
                    .partition_point(|&at| path_at(at).is_some_and(|p| p < first));
                for (slot, file) in matched.iter_mut().zip(files) {
                    let file = path_bytes(file);
                    while let Some(&at) = self.starts.get(r) {
                        match path_at(at) {
                            Some(path) if path < file => r += 1,
                            Some(path) if path == file => {
                                *slot = Some(at);
                                break;
                            }
                            _ => break,
                        }
                    }
                }
            });
        matched
    }

    /// The record of the entry at `at` (from [`Self::match_files`]); `None`
    /// for a file not recorded.
    pub fn record(&self, at: usize) -> Option<Record<'_>> {
        Cursor {
            bytes: self.body(),
            at,
        }
        .entry()
        .flatten()
    }

    #[cfg(test)]
    /// Whether saving this listing part and these records would leave this
    /// cache as it is: the same bytes (but for the start time), and no
    /// stamp found racily clean.
    pub fn holds(&self, fingerprint: u64, listing: &[u8], records: &Encoder<'_>) -> bool {
        let mut head = Vec::new();
        head.extend_from_slice(MAGIC);
        head.extend_from_slice(&fingerprint.to_le_bytes());
        head.extend_from_slice(&self.body()[16..28]);
        head.extend_from_slice(listing);
        !self.racy.load(std::sync::atomic::Ordering::Relaxed)
            && self
                .changes(&head, &records.ordered())
                .is_some_and(|changed| changed.is_empty())
    }

    /// The records (where they go, and their bytes) that differ from this
    /// cache's, when `head` (but for its start time) and every record's
    /// place and size are the same; `None` when they are not.
    fn changes<'r>(&self, head: &[u8], records: &[&'r [u8]]) -> Option<Vec<(usize, &'r [u8])>> {
        let body = self.body();
        let same_head = head.len() == self.listing.end
            && head[..16] == body[..16]
            && head[28..] == body[28..self.listing.end];
        let length: usize = records.iter().map(|r| r.len()).sum();
        if !same_head || head.len() + length != body.len() {
            return None;
        }
        let mut changed = Vec::new();
        let mut at = head.len();
        for (record, &start) in records.iter().zip(&self.starts) {
            if start != at {
                return None;
            }
            let here = &body[at..at + record.len()];
            // A record kept from this cache, in its place, is the same.
            if !std::ptr::eq(here, *record) && here != *record {
                changed.push((at, *record));
            }
            at += record.len();
        }
        (records.len() == self.starts.len()).then_some(changed)
    }

    /// Writes `changed` records, the start time and the checksum over the
    /// cache file this cache was read from (see [`save`]).
    #[cfg(unix)]
    fn patch(
        &self,
        out: &Path,
        started: &[u8],
        changed: &[(usize, &[u8])],
        sum: &[u8],
    ) -> std::io::Result<()> {
        use std::os::unix::fs::FileExt;
        let file = fs::File::options().write(true).open(out.join(CACHE_FILE))?;
        if FileStamp::of(&file.metadata()?) != self.stamp {
            return Err(std::io::Error::other("another cache took its place"));
        }
        for (at, bytes) in changed {
            file.write_all_at(bytes, *at as u64)?;
        }
        file.write_all_at(started, 16)?;
        file.write_all_at(sum, (self.bytes.len() - 8) as u64)
    }

    /// Patching in place is for Unix; elsewhere the cache is written anew.
    #[cfg(not(unix))]
    fn patch(
        &self,
        _out: &Path,
        _started: &[u8],
        _changed: &[(usize, &[u8])],
        _sum: &[u8],
    ) -> std::io::Result<()> {
        Err(std::io::Error::other("not patched"))
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

/// The file system's time now, as it stamps files in `out`: the
/// modification time of a probe file made there (and the folder, if it is
/// missing) and removed. `None` when no file can be made there.
pub fn now(out: &Path) -> Option<(i64, u32)> {
    fs::create_dir_all(out).ok()?;
    let probe = tempfile::Builder::new()
        .prefix(crate::publish::TEMP_PREFIX)
        .suffix(".tmp")
        .tempfile_in(out)
        .ok()?;
    Some(FileStamp::of(&probe.as_file().metadata().ok()?).mtime)
}

/// The `len` bytes of `file`, read in pieces on every core (copying 13 MB
/// out of the page cache takes one core about 7 ms).
#[cfg(unix)]
fn read_all(file: fs::File, len: usize) -> Option<Vec<u8>> {
    use std::os::unix::fs::FileExt;
    const PIECE: usize = 1 << 20;
    let mut bytes = vec![0; len];
    bytes
        .par_chunks_mut(PIECE)
        .enumerate()
        .try_for_each(|(i, piece)| file.read_exact_at(piece, (i * PIECE) as u64))
        .ok()?;
    Some(bytes)
}

/// The bytes of `file`.
#[cfg(not(unix))]
fn read_all(mut file: fs::File, len: usize) -> Option<Vec<u8>> {
    let mut bytes = Vec::with_capacity(len);
    std::io::Read::read_to_end(&mut file, &mut bytes).ok()?;
    Some(bytes)
}

/// What [`save`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// The cache held these records already: not written.
    Unchanged,
    /// The records that changed, the start time and the checksum were
    /// written over the old cache, in place.
    Patched,
    /// A new cache replaced the old one.
    Written,
}

/// Saves a cache of this listing part and these records, made by a run
/// that started at `started` (see [`now`]), in `out`. When `old` (the
/// cache this run loaded) holds them already, nothing is written; when
/// only some records changed, in place and size (an edited article), those
/// bytes, the start time and the checksum are written over the old file,
/// with the checksum last: no old file is freed and no 13 MB rewritten for
/// one edit, and a run that reads a half-patched file (killed, or two runs
/// at once) finds the checksum wrong and ignores it. Otherwise a new cache
/// is written beside it and renamed over it. Best effort: a cache that
/// cannot be written only costs the next run time. A new cache is
/// written under a temporary name starting `temp_prefix`, which the
/// caller chooses so that its own clean-up leaves the file alone.
pub fn save(
    out: &Path,
    temp_prefix: &str,
    fingerprint: u64,
    started: (i64, u32),
    listing: &[u8],
    records: &Encoder<'_>,
    old: Option<&Cache>,
) -> std::io::Result<Saved> {
    let ordered = records.ordered();
    let mut head = Vec::with_capacity(28 + listing.len());
    head.extend_from_slice(MAGIC);
    head.extend_from_slice(&fingerprint.to_le_bytes());
    head.extend_from_slice(&(started.0 as u64).to_le_bytes());
    head.extend_from_slice(&started.1.to_le_bytes());
    head.extend_from_slice(listing);
    let changes = old.and_then(|old| Some((old, old.changes(&head, &ordered)?)));
    if let Some((old, changed)) = &changes
        && changed.is_empty()
        && !old.racy.load(std::sync::atomic::Ordering::Relaxed)
    {
        return Ok(Saved::Unchanged);
    }
    let checksum = || {
        let mut sum = Checksum::new();
        sum.update(&head);
        for record in &ordered {
            sum.update(record);
        }
        sum.finish().to_le_bytes()
    };
    if let Some((old, changed)) = changes
        // Past a quarter of the records, writing anew is as cheap.
        && changed.len() <= ordered.len() / 4
        && old.patch(out, &head[16..28], &changed, &checksum()).is_ok()
    {
        return Ok(Saved::Patched);
    }
    let mut temp = tempfile::Builder::new()
        .prefix(temp_prefix)
        .suffix(".tmp")
        .tempfile_in(out)?;
    {
        // The checksum is summed as the records are written: one pass
        // over them.
        let mut sum = Checksum::new();
        let mut writer = std::io::BufWriter::with_capacity(1 << 20, temp.as_file_mut());
        sum.update(&head);
        writer.write_all(&head)?;
        for record in &ordered {
            sum.update(record);
            writer.write_all(record)?;
        }
        writer.write_all(&sum.finish().to_le_bytes())?;
        writer.flush()?;
    }
    temp.persist(out.join(CACHE_FILE)).map_err(|e| e.error)?;
    Ok(Saved::Written)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(n: u64) -> FileStamp {
        FileStamp {
            size: n,
            mtime: (1_700_000_000, 5),
            ctime: (1_700_000_001, 6),
            inode: n + 100,
        }
    }

    const STARTED: (i64, u32) = (1_800_000_000, 0);

    /// The time `seconds` from now.
    fn from_now(seconds: i64) -> (i64, u32) {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("after 1970");
        (now.as_secs() as i64 + seconds, now.subsec_nanos())
    }

    #[test]
    fn round_trip_and_rejections() {
        let dir = tempfile::tempdir().expect("temp dir");
        let updated = DateTime::parse_from_rfc3339("2023-08-08T22:37:00+04:00").expect("valid");
        let records = [
            Record {
                path: Path::new("articles/a.txt"),
                stamp: stamp(1),
                kind: Kind::Draft,
                raw: None,
            },
            Record {
                path: Path::new("articles/b.txt"),
                stamp: stamp(2),
                kind: Kind::Entry {
                    updated,
                    id: "tag:x,2023:/b",
                },
                raw: None,
            },
        ];
        let mut encoder = Encoder::default();
        encoder.push(0, &records[0]);
        encoder.push(1, &records[1]);
        encoder.unrecorded(2, Path::new("articles/c.txt"));
        let listing = listing_bytes(Path::new("articles"), &Listing::default());
        save(
            dir.path(),
            ".feedpub-test-",
            42,
            STARTED,
            &listing,
            &encoder,
            None,
        )
        .expect("writes");
        let cache = Cache::load(dir.path(), 42).expect("loads");
        let files: Vec<PathBuf> = [
            "articles/0.txt",
            "articles/b.txt",
            "articles/c.txt",
            "articles/d.txt",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let matched = cache.match_files(&files);
        assert_eq!(matched[0], None, "not listed before");
        assert_eq!(matched[3], None, "not listed before");
        // Loaded records also carry the bytes they were read from.
        let b = cache.record(matched[1].expect("listed")).expect("recorded");
        assert_eq!(
            (b.path, b.stamp, &b.kind),
            (records[1].path, records[1].stamp, &records[1].kind)
        );
        assert!(b.raw.is_some());
        // Listed, but not recorded.
        assert_eq!(cache.record(matched[2].expect("listed")), None);
        // Kept as read, they write the same cache.
        let a_at = cache.match_files(
            &files[..1]
                .iter()
                .map(|_| PathBuf::from("articles/a.txt"))
                .collect::<Vec<_>>(),
        )[0]
        .expect("listed");
        let mut kept = Encoder::default();
        kept.keep(0, &cache.record(a_at).expect("recorded"));
        kept.keep(1, &b);
        kept.unrecorded(2, Path::new("articles/c.txt"));
        assert!(cache.holds(42, &listing, &kept));
        assert!(!cache.holds(43, &listing, &kept), "another fingerprint");
        let mut fewer = Encoder::default();
        fewer.keep(0, &cache.record(a_at).expect("recorded"));
        assert!(!cache.holds(42, &listing, &fewer), "a record fewer");
        assert!(cache.is_clean(&stamp(1), &stamp(1)));
        assert!(
            !cache.is_clean(&stamp(1), &stamp(3)),
            "another stamp is dirty"
        );
        // Another configuration or version: ignored.
        assert!(Cache::load(dir.path(), 43).is_none());
        // A flipped byte: ignored.
        let path = dir.path().join(CACHE_FILE);
        let mut bytes = fs::read(&path).expect("readable");
        bytes[20] ^= 1;
        fs::write(&path, &bytes).expect("writable");
        assert!(Cache::load(dir.path(), 42).is_none());
        // Truncated: ignored.
        fs::write(&path, &bytes[..10]).expect("writable");
        assert!(Cache::load(dir.path(), 42).is_none());
    }

    /// A cache whose files are not in byte order cannot be matched in one
    /// sweep: ignored.
    #[test]
    fn unordered_files_are_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let listing = listing_bytes(Path::new("articles"), &Listing::default());
        for paths in [
            ["articles/b.txt", "articles/a.txt"],
            ["articles/a.txt", "articles/a.txt"],
        ] {
            let mut encoder = Encoder::default();
            for (i, path) in paths.iter().enumerate() {
                encoder.unrecorded(i as u32, Path::new(path));
            }
            save(
                dir.path(),
                ".feedpub-test-",
                1,
                STARTED,
                &listing,
                &encoder,
                None,
            )
            .expect("writes");
            assert!(Cache::load(dir.path(), 1).is_none(), "{paths:?}");
        }
    }

    /// Records added in any order, by any number of merged encoders, give
    /// the same cache bytes, in file order.
    #[test]
    fn bytes_do_not_depend_on_push_order() {
        let updated = DateTime::parse_from_rfc3339("2023-08-08T22:37:00+04:00").expect("valid");
        let ids: Vec<String> = (0..3000)
            .map(|i| format!("tag:x,2023:/story-{i}"))
            .collect();
        let paths: Vec<PathBuf> = (0..3000)
            .map(|i| PathBuf::from(format!("articles/{i:05}.txt")))
            .collect();
        let records: Vec<Record<'_>> = ids
            .iter()
            .zip(&paths)
            .enumerate()
            .map(|(i, (id, path))| Record {
                path,
                stamp: stamp(i as u64),
                kind: if i % 7 == 0 {
                    Kind::Draft
                } else {
                    Kind::Entry { updated, id }
                },
                raw: None,
            })
            .collect();
        let listing = listing_bytes(Path::new("articles"), &Listing::default());
        let write_in = |order: &[usize], pieces: usize| {
            let dir = tempfile::tempdir().expect("temp dir");
            let mut whole = Encoder::default();
            for part in order.chunks(order.len().div_ceil(pieces)) {
                let mut encoder = Encoder::default();
                for &i in part {
                    if i % 11 == 0 {
                        encoder.unrecorded(i as u32, &paths[i]);
                    } else {
                        encoder.push(i as u32, &records[i]);
                    }
                }
                whole.append(encoder);
            }
            save(
                dir.path(),
                ".feedpub-test-",
                7,
                STARTED,
                &listing,
                &whole,
                None,
            )
            .expect("writes");
            let cache = Cache::load(dir.path(), 7).expect("loads");
            assert!(cache.holds(7, &listing, &whole));
            let matched = cache.match_files(&paths);
            for (i, at) in matched.into_iter().enumerate() {
                let record = cache.record(at.expect("listed"));
                assert_eq!(
                    record.map(|r| r.stamp),
                    (i % 11 != 0).then(|| stamp(i as u64))
                );
            }
            fs::read(dir.path().join(CACHE_FILE)).expect("readable")
        };
        let forward: Vec<usize> = (0..records.len()).collect();
        let backward: Vec<usize> = forward.iter().rev().copied().collect();
        let strided: Vec<usize> = (0..records.len())
            .map(|i| (i * 7919) % records.len())
            .collect();
        let reference = write_in(&forward, 1);
        assert_eq!(write_in(&backward, 3), reference);
        assert_eq!(write_in(&strided, 17), reference);
    }

    /// A cache saved over an old one has the bytes a cache written anew
    /// has, whether it was left alone, patched in place or rewritten; a
    /// half-patched cache is refused.
    #[test]
    fn saving_over_a_cache_gives_the_bytes_of_a_new_one() {
        let updated = DateTime::parse_from_rfc3339("2023-08-08T22:37:00+04:00").expect("valid");
        let paths: Vec<PathBuf> = (0..200)
            .map(|i| PathBuf::from(format!("articles/{i:04}.txt")))
            .collect();
        let long_id = "tag:x,2023:/a-much-longer-id";
        let encode = |sizes: &dyn Fn(usize) -> u64, id_of: &dyn Fn(usize) -> &'static str| {
            let mut encoder = Encoder::default();
            for (i, path) in paths.iter().enumerate() {
                encoder.push(
                    i as u32,
                    &Record {
                        path,
                        stamp: stamp(sizes(i)),
                        kind: Kind::Entry {
                            updated,
                            id: id_of(i),
                        },
                        raw: None,
                    },
                );
            }
            encoder
        };
        let short = |_: usize| "tag:x,2023:/id";
        let listing = listing_bytes(Path::new("articles"), &Listing::default());
        let dir = tempfile::tempdir().expect("temp dir");
        let fresh = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join(CACHE_FILE);
        let saved = |encoder: &Encoder<'_>, started| {
            let old = Cache::load(dir.path(), 9);
            let how = save(
                dir.path(),
                ".feedpub-test-",
                9,
                started,
                &listing,
                encoder,
                old.as_ref(),
            )
            .expect("saves");
            save(
                fresh.path(),
                ".feedpub-test-",
                9,
                started,
                &listing,
                encoder,
                None,
            )
            .expect("saves");
            let bytes = fs::read(&file).expect("cache");
            if how != Saved::Unchanged {
                assert_eq!(
                    bytes,
                    fs::read(fresh.path().join(CACHE_FILE)).expect("cache")
                );
            }
            assert!(Cache::load(dir.path(), 9).is_some());
            (how, bytes)
        };
        let plain = encode(&|i| i as u64, &short);
        assert_eq!(saved(&plain, STARTED).0, Saved::Written, "no cache yet");
        let (how, before) = saved(&plain, (STARTED.0 + 1, 0));
        assert_eq!(how, Saved::Unchanged);
        assert_eq!(
            before,
            fs::read(&file).expect("cache"),
            "an unchanged cache keeps its start time"
        );
        let edited = encode(&|i| if i == 7 { 999 } else { i as u64 }, &short);
        assert_eq!(saved(&edited, (STARTED.0 + 2, 0)).0, Saved::Patched);
        let many = encode(&|i| if i % 3 == 0 { 999 } else { i as u64 }, &short);
        assert_eq!(
            saved(&many, (STARTED.0 + 3, 0)).0,
            Saved::Written,
            "a third changed"
        );
        let longer = encode(&|i| i as u64, &|i| {
            if i == 7 { long_id } else { "tag:x,2023:/id" }
        });
        assert_eq!(
            saved(&longer, (STARTED.0 + 4, 0)).0,
            Saved::Written,
            "a record grew"
        );
        let fewer = {
            let mut encoder = Encoder::default();
            encoder.unrecorded(0, &paths[0]);
            encoder
        };
        assert_eq!(
            saved(&fewer, (STARTED.0 + 5, 0)).0,
            Saved::Written,
            "files removed"
        );
        // A racily clean stamp seen: the cache is saved with the new start.
        assert_eq!(saved(&plain, (STARTED.0 + 6, 0)).0, Saved::Written);
        let old = Cache::load(dir.path(), 9).expect("loads");
        old.racy.store(true, std::sync::atomic::Ordering::Relaxed);
        let how = save(
            dir.path(),
            ".feedpub-test-",
            9,
            (STARTED.0 + 7, 0),
            &listing,
            &plain,
            Some(&old),
        );
        assert_eq!(how.expect("saves"), Saved::Patched);
        assert_eq!(
            Cache::load(dir.path(), 9).expect("loads").started,
            (STARTED.0 + 7, 0)
        );
        // Another cache of the same size took its place since it was read:
        // written anew, not patched.
        let old = Cache::load(dir.path(), 9).expect("loads");
        let bytes = fs::read(&file).expect("cache");
        std::thread::sleep(std::time::Duration::from_millis(20));
        fs::remove_file(&file).expect("rm");
        fs::write(&file, &bytes).expect("writable");
        let how = save(
            dir.path(),
            ".feedpub-test-",
            9,
            (STARTED.0 + 8, 0),
            &listing,
            &edited,
            Some(&old),
        );
        assert_eq!(how.expect("saves"), Saved::Written);
        // Killed after patching a record, before the checksum: refused.
        let old = Cache::load(dir.path(), 9).expect("loads");
        let record = plain.ordered()[7].to_vec();
        let at = old.starts[7];
        old.patch(
            dir.path(),
            &old.bytes[16..28],
            &[(at, &record)],
            &old.bytes[old.bytes.len() - 8..],
        )
        .expect("patches");
        assert!(Cache::load(dir.path(), 9).is_none(), "half-patched");
    }

    /// The checksum does not depend on how the bytes are split.
    #[test]
    fn checksum_ignores_piece_boundaries() {
        let bytes: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
        let whole = checksum(&[&bytes]);
        for cut in [0, 1, 7, 8, 9, 500, 999, 1000] {
            let (a, b) = bytes.split_at(cut);
            assert_eq!(checksum(&[a, b]), whole, "cut at {cut}");
        }
        assert_ne!(checksum(&[&bytes[..999]]), whole);
        // Zero padding cannot hide a trailing zero byte.
        assert_ne!(checksum(&[b"abc"]), checksum(&[b"abc\0"]));
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
    fn cache_of(out: &Path, articles: &Path, listing: &Listing, age: i64) -> Cache {
        let mut encoder = Encoder::default();
        for (i, file) in listing.files.iter().enumerate() {
            encoder.unrecorded(i as u32, file);
        }
        save(
            out,
            ".feedpub-test-",
            5,
            from_now(age),
            &listing_bytes(articles, listing),
            &encoder,
            None,
        )
        .expect("writes");
        Cache::load(out, 5).expect("loads")
    }

    /// The listing is replayed only while no folder changed; each change
    /// that adds, removes or renames a file, anywhere below, is seen.
    #[test]
    fn listings_replay_until_a_folder_changes() {
        let work = tempfile::tempdir().expect("temp dir");
        let out = work.path().join("feeds");
        let articles = work.path().join("articles");
        fs::create_dir_all(articles.join("2023/08")).expect("folders");
        fs::create_dir_all(&out).expect("folder");
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
            let cache = cache_of(&out, &articles, &listing, age);
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
            let cache = cache_of(&out, &articles, &listing, 10);
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
        let cache = cache_of(&out, &articles, &listing, 10);
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
            cache_of(&out, &articles, &listing, 3600)
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
        let out = work.path().join("feeds");
        let articles = work.path().join("articles");
        fs::create_dir_all(articles.join("sub")).expect("folders");
        fs::create_dir_all(&out).expect("folder");
        fs::write(articles.join("sub/a.txt"), "text").expect("writable");
        std::os::unix::fs::symlink("sub/a.txt", articles.join("b.txt")).expect("symlink");
        let listing = crate::build::source::list_articles(&articles).expect("lists");
        assert!(!listing.replayable);
        assert!(
            cache_of(&out, &articles, &listing, 10)
                .listing(&articles)
                .is_none()
        );
        fs::remove_file(articles.join("b.txt")).expect("rm");
        std::os::unix::fs::symlink("missing.txt", articles.join("b.txt")).expect("symlink");
        let listing = crate::build::source::list_articles(&articles).expect("lists");
        assert!(!listing.diagnostics.is_empty());
        assert!(!listing.replayable);
        assert!(
            cache_of(&out, &articles, &listing, 10)
                .listing(&articles)
                .is_none()
        );
    }
}
