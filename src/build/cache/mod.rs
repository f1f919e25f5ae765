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
//! file in the state folder). A cache that held racily clean stamps is
//! rewritten, so that the next run trusts them. Only articles with no
//! diagnostic are recorded, so every problem is reported again on every
//! run.
//!
//! The listing is replayed from the cache only while no folder changed
//! (see [`Cache::listing`]).
//!
//! A cache that is missing, truncated, corrupt (checksum), of another
//! format version or another build of feedpub (version or source), or made
//! under another configuration is ignored and rewritten. The entries that make the feed are always
//! read from their files, so the feeds never depend on the cache's
//! contents.
//!
//! The cache has three layers, a module each: `format` (the bytes:
//! magic, head, checksum, and how fields are read and written), `records`
//! (one record per listed file, and matching files to them) and `listing`
//! (the listing part, replaying it, and trusting stamps). This module is what the build calls: [`Cache::load`],
//! [`save`] and [`fingerprint`].

mod format;
mod listing;
mod records;
#[cfg(test)]
mod tests;

use rayon::prelude::*;
use std::fs;
use std::io::Write;
use std::path::Path;

use crate::build::source::FileStamp;
use crate::config::Config;
use format::{Checksum, Cursor, MAGIC, STAMP_LEN, checksum, head};

pub use format::{fnv1a, word_fnv};
pub use listing::{listing_bytes, now};
pub use records::{Encoder, Groups, Kept, Kind, Record};

/// The cache's file name in the output folder's state folder (see
/// [`crate::state`]).
pub const CACHE_FILE: &str = "cache";

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

impl Cache {
    /// Reads the cache in the state folder `state`; `None` when it is
    /// missing or cannot be trusted (see the module documentation).
    pub fn load(state: &Path, fingerprint: u64) -> Option<Self> {
        let file = fs::File::open(state.join(CACHE_FILE)).ok()?;
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

    #[cfg(test)]
    /// Whether saving this listing part and these records would leave this
    /// cache as it is: the same bytes (but for the start time), and no
    /// stamp found racily clean.
    pub fn holds(&self, fingerprint: u64, listing: &[u8], records: &Encoder<'_>) -> bool {
        let head = head(fingerprint, self.started, listing);
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
        state: &Path,
        started: &[u8],
        changed: &[(usize, &[u8])],
        sum: &[u8],
    ) -> std::io::Result<()> {
        use std::os::unix::fs::FileExt;
        let file = fs::File::options()
            .write(true)
            .open(state.join(CACHE_FILE))?;
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
        _state: &Path,
        _started: &[u8],
        _changed: &[(usize, &[u8])],
        _sum: &[u8],
    ) -> std::io::Result<()> {
        Err(std::io::Error::other("not patched"))
    }
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
/// that started at `started` (see [`now`]), in the state folder `state`. When `old` (the
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
    state: &Path,
    temp_prefix: &str,
    fingerprint: u64,
    started: (i64, u32),
    listing: &[u8],
    records: &Encoder<'_>,
    old: Option<&Cache>,
) -> std::io::Result<Saved> {
    let ordered = records.ordered();
    let head = head(fingerprint, started, listing);
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
        && old.patch(state, &head[16..28], &changed, &checksum()).is_ok()
    {
        return Ok(Saved::Patched);
    }
    let mut temp = tempfile::Builder::new()
        .prefix(temp_prefix)
        .suffix(".tmp")
        .tempfile_in(state)?;
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
    temp.persist(state.join(CACHE_FILE)).map_err(|e| e.error)?;
    Ok(Saved::Written)
}
