//! The rank cache: what a rerun needs to know of each unchanged article
//! without reading it: is it a draft, and if not, its id and updated time.
//!
//! It is an optimisation only. Each record carries the file's
//! [`FileStamp`] (size, inode, modification and change times to the
//! nanosecond); a file whose stamp differs is read again, and so is one
//! whose modification time is not older than the cache itself, since it
//! may have changed within the clock's resolution after the cache was
//! written (git's "racily clean" rule). Only articles with no diagnostic
//! are recorded, so every problem is reported again on every run. A cache
//! that is missing, truncated, corrupt (checksum), of another format
//! version or feedpub version, or made under another configuration is
//! ignored and rewritten. The entries that make the feed are always read
//! from their files, so the feeds never depend on the cache's contents.
//!
//! Format: `FPCACHE2`, a fingerprint (u64), then records in listing order
//! (each keyed by its path's FNV-1a hash, to keep the cache small), then a
//! FNV-1a checksum (u64) of everything before it. Integers are
//! little-endian; strings are a u32 length and UTF-8 bytes.

use rayon::prelude::*;
use std::fs;
use std::io::Write;
use std::path::Path;

use chrono::{DateTime, FixedOffset, TimeZone};

use crate::config::Config;
use crate::source::FileStamp;

/// The cache's file name in the output folder.
pub const CACHE_FILE: &str = ".feedpub-cache";

const MAGIC: &[u8; 8] = b"FPCACHE2";

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
    /// FNV-1a hash of the path as listed: a path costs 8 bytes.
    pub path: u64,
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
/// fast, stable, but not mixed (see [`crate::rank::id_hash`]).
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

/// The hash a path is recorded by.
pub fn path_hash(path: &Path) -> u64 {
    fnv1a(path.as_os_str().as_encoded_bytes())
}

/// A fingerprint of everything that decides how an article reads: the
/// feedpub version and every configuration value used by readers and
/// normalisation.
pub fn fingerprint(config: &Config) -> u64 {
    let described = format!(
        "{}|{:?}|{:?}|{:?}|{:?}|{}|{}",
        env!("CARGO_PKG_VERSION"),
        config.site.ids,
        config.dates,
        config.news,
        config.link,
        config.summary_max_chars,
        config.max_article_bytes,
    );
    fnv1a(described.as_bytes())
}

/// Appends records to a list of fixed-size chunks, to be written as a
/// cache: merging the encoders of parallel workers moves chunks, never
/// copies bytes, and no buffer doubles past what it holds. Records are
/// written in path-hash order, the order a run looks them up in, so a
/// loaded cache needs no sorting.
#[derive(Debug, Default)]
pub struct Encoder<'c> {
    chunks: Vec<Vec<u8>>,
    /// Each record's path hash and bytes.
    index: Vec<(u64, Bytes<'c>)>,
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

    /// Adds a record read from the cache: its bytes are kept, not copied.
    pub fn keep(&mut self, record: &Record<'c>) {
        match record.raw {
            Some(raw) => self.index.push((record.path, Bytes::Kept(raw))),
            None => self.push(record),
        }
    }

    /// Adds one record.
    pub fn push(&mut self, record: &Record<'_>) {
        let id = match &record.kind {
            Kind::Draft => "",
            Kind::Entry { id, .. } => id,
        };
        let buf = self.buffer(8 + 48 + 1 + 12 + 4 + id.len());
        let start = buf.len();
        buf.extend_from_slice(&record.path.to_le_bytes());
        let s = &record.stamp;
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
        match &record.kind {
            Kind::Draft => buf.push(0),
            Kind::Entry { updated, id } => {
                buf.push(1);
                buf.extend_from_slice(&updated.timestamp().to_le_bytes());
                buf.extend_from_slice(&updated.offset().local_minus_utc().to_le_bytes());
                buf.extend_from_slice(&(id.len() as u32).to_le_bytes());
                buf.extend_from_slice(id.as_bytes());
            }
        }
        let end = buf.len();
        let chunk = self.chunks.len() - 1;
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        self.index.push((
            record.path,
            Bytes::Encoded(narrow(chunk), narrow(start), narrow(end)),
        ));
    }

    /// Adds another encoder's records.
    pub fn append(&mut self, other: Encoder<'c>) {
        let offset = u32::try_from(self.chunks.len()).unwrap_or(u32::MAX);
        self.chunks.extend(other.chunks);
        self.index
            .extend(other.index.into_iter().map(|(hash, bytes)| match bytes {
                Bytes::Encoded(chunk, start, end) => {
                    (hash, Bytes::Encoded(chunk + offset, start, end))
                }
                kept @ Bytes::Kept(_) => (hash, kept),
            }));
    }

    /// The records' bytes in the order they are written: by path hash,
    /// then by bytes (for two paths that share a hash).
    fn ordered(&self) -> Vec<&[u8]> {
        let mut records: Vec<(u64, &[u8])> = self
            .index
            .iter()
            .map(|&(hash, bytes)| match bytes {
                Bytes::Encoded(chunk, start, end) => (
                    hash,
                    &self.chunks[chunk as usize][start as usize..end as usize],
                ),
                Bytes::Kept(raw) => (hash, raw),
            })
            .collect();
        records.par_sort_unstable();
        records.into_iter().map(|(_, bytes)| bytes).collect()
    }
}

/// A cache read from disk and checked.
#[derive(Debug)]
pub struct Cache {
    bytes: Vec<u8>,
    /// When the cache was written: files modified at or after this are
    /// read again.
    written_at: (i64, u32),
    /// Where each record starts, found when the cache is loaded (while
    /// the folder is listed), so that records parse on every core.
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

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn i32(&mut self) -> Option<i32> {
        Some(i32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    /// A u32 length, then that many bytes.
    fn bytes_field(&mut self) -> Option<&'a [u8]> {
        let len = u32::from_le_bytes(self.take(4)?.try_into().ok()?);
        self.take(usize::try_from(len).ok()?)
    }

    fn string(&mut self) -> Option<&'a str> {
        std::str::from_utf8(self.bytes_field()?).ok()
    }

    /// Steps over one record without reading it.
    fn skip_record(&mut self) -> Option<()> {
        self.take(8 + 48)?;
        match self.take(1)?[0] {
            0 => Some(()),
            1 => {
                self.take(12)?;
                self.bytes_field().map(|_| ())
            }
            _ => None,
        }
    }

    fn record(&mut self) -> Option<Record<'a>> {
        let start = self.at;
        let path = self.u64()?;
        let size = self.u64()?;
        let mtime = (self.u64()? as i64, u32::try_from(self.u64()?).ok()?);
        let ctime = (self.u64()? as i64, u32::try_from(self.u64()?).ok()?);
        let inode = self.u64()?;
        let kind = match self.take(1)?[0] {
            0 => Kind::Draft,
            1 => {
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
        Some(Record {
            path,
            stamp: FileStamp {
                size,
                mtime,
                ctime,
                inode,
            },
            kind,
            raw: self.bytes.get(start..self.at),
        })
    }
}

impl Cache {
    /// Reads the cache in `out`; `None` when it is missing or cannot be
    /// trusted (see the module documentation).
    pub fn load(out: &Path, fingerprint: u64) -> Option<Self> {
        let path = out.join(CACHE_FILE);
        let metadata = fs::metadata(&path).ok()?;
        let written_at = FileStamp::of(&metadata).mtime;
        let bytes = fs::read(&path).ok()?;
        let body_len = bytes.len().checked_sub(8)?;
        let (body, sum) = bytes.split_at(body_len);
        if checksum(&[body]) != u64::from_le_bytes(sum.try_into().ok()?) {
            return None;
        }
        let mut cursor = Cursor { bytes: body, at: 0 };
        if cursor.take(8)? != MAGIC || cursor.u64()? != fingerprint {
            return None;
        }
        let mut starts = Vec::new();
        while cursor.at < body.len() {
            starts.push(cursor.at);
            cursor.skip_record()?;
        }
        Some(Self {
            bytes,
            written_at,
            starts,
        })
    }

    /// The records, sorted by path hash for [`Self::match_files`]; none at all
    /// when one does not parse (the checksum makes that a format bug).
    pub fn records(&self) -> Vec<Record<'_>> {
        let body = &self.bytes[..self.bytes.len() - 8];
        let parsed: Option<Vec<Record<'_>>> = self
            .starts
            .par_iter()
            .map(|&at| Cursor { bytes: body, at }.record())
            .collect();
        let Some(mut records) = parsed else {
            return Vec::new();
        };
        // Written in this order; an older or hand-made file may not be.
        if !records.is_sorted_by_key(|r| r.path) {
            records.par_sort_unstable_by_key(|r| r.path);
        }
        records
    }

    /// The record of each file (by index in `files`), from `records` (as
    /// [`Self::records`] gives them, sorted by path hash): files sorted by
    /// their hash are matched in one sequential sweep, which stays in cache
    /// where a binary search per file would not. A hash two records share
    /// matches neither.
    pub fn match_files<'r, 'a>(
        records: &'r [Record<'a>],
        files: &[std::path::PathBuf],
    ) -> Vec<Option<&'r Record<'a>>> {
        if records.is_empty() {
            return vec![None; files.len()];
        }
        let mut by_hash: Vec<(u64, usize)> = files
            .par_iter()
            .enumerate()
            .map(|(i, f)| (path_hash(f), i))
            .collect();
        by_hash.par_sort_unstable();
        let mut matched = vec![None; files.len()];
        let mut r = 0;
        for (hash, file) in by_hash {
            while r < records.len() && records[r].path < hash {
                r += 1;
            }
            let shared = records.get(r + 1).is_some_and(|next| next.path == hash);
            if !shared && records.get(r).is_some_and(|record| record.path == hash) {
                matched[file] = Some(&records[r]);
            }
        }
        matched
    }

    /// Whether writing these records would give this cache's bytes.
    pub fn holds(&self, fingerprint: u64, records: &Encoder<'_>) -> bool {
        let body = &self.bytes[..self.bytes.len() - 8];
        let mut at = 16;
        body.get(8..16) == Some(&fingerprint.to_le_bytes()[..])
            && records.ordered().into_iter().all(|record| {
                let here = body.get(at..at + record.len());
                // A record kept from this cache, in its place, is the same.
                let same = here.is_some_and(|h| std::ptr::eq(h, record) || h == record);
                at += record.len();
                same
            })
            && at == body.len()
    }

    /// Whether a record still describes the file with this stamp.
    pub fn is_clean(&self, record: &Record<'_>, stamp: &FileStamp) -> bool {
        record.stamp == *stamp && stamp.mtime < self.written_at
    }
}

/// Writes a cache of these records to `out`, atomically. Best effort: a
/// cache that cannot be written only costs the next run time.
pub fn write(out: &Path, fingerprint: u64, records: &Encoder<'_>) -> std::io::Result<()> {
    let mut head = Vec::with_capacity(16);
    head.extend_from_slice(MAGIC);
    head.extend_from_slice(&fingerprint.to_le_bytes());
    let mut sum = Checksum::new();
    sum.update(&head);
    let mut temp = tempfile::Builder::new()
        .prefix(crate::output::TEMP_PREFIX)
        .suffix(".tmp")
        .tempfile_in(out)?;
    {
        let mut writer = std::io::BufWriter::new(temp.as_file_mut());
        writer.write_all(&head)?;
        for record in records.ordered() {
            sum.update(record);
            writer.write_all(record)?;
        }
        writer.write_all(&sum.finish().to_le_bytes())?;
        writer.flush()?;
    }
    temp.persist(out.join(CACHE_FILE)).map_err(|e| e.error)?;
    Ok(())
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

    #[test]
    fn round_trip_and_rejections() {
        let dir = tempfile::tempdir().expect("temp dir");
        let updated = DateTime::parse_from_rfc3339("2023-08-08T22:37:00+04:00").expect("valid");
        let records = [
            Record {
                path: path_hash(Path::new("articles/a.txt")),
                stamp: stamp(1),
                kind: Kind::Draft,
                raw: None,
            },
            Record {
                path: path_hash(Path::new("articles/b.txt")),
                stamp: stamp(2),
                kind: Kind::Entry {
                    updated,
                    id: "tag:x,2023:/b",
                },
                raw: None,
            },
        ];
        let mut encoder = Encoder::default();
        for r in &records {
            encoder.push(r);
        }
        write(dir.path(), 42, &encoder).expect("writes");
        let cache = Cache::load(dir.path(), 42).expect("loads");
        let mut sorted = records.to_vec();
        sorted.sort_by_key(|r| r.path);
        // Loaded records also carry the bytes they were read from.
        fn unread<'a>(records: Vec<Record<'a>>) -> Vec<(u64, FileStamp, Kind<'a>)> {
            records
                .into_iter()
                .map(|r| (r.path, r.stamp, r.kind))
                .collect()
        }
        assert_eq!(unread(cache.records()), unread(sorted));
        let loaded = cache.records();
        assert!(loaded.iter().all(|r| r.raw.is_some()));
        // Kept as read, they write the same cache.
        let mut kept = Encoder::default();
        for r in &loaded {
            kept.keep(r);
        }
        assert!(cache.holds(42, &kept));
        let files = [
            Path::new("articles/b.txt").to_path_buf(),
            Path::new("articles/c.txt").to_path_buf(),
        ];
        let matched = Cache::match_files(&loaded, &files);
        assert_eq!(
            matched[0].map(|r| (r.path, r.stamp)),
            Some((records[1].path, records[1].stamp))
        );
        assert_eq!(matched[1], None);
        assert!(cache.is_clean(&records[0], &stamp(1)));
        assert!(
            !cache.is_clean(&records[0], &stamp(3)),
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

    /// Records added in any order, by any number of merged encoders, give
    /// the same cache bytes, and load in path-hash order.
    #[test]
    fn bytes_do_not_depend_on_push_order() {
        let updated = DateTime::parse_from_rfc3339("2023-08-08T22:37:00+04:00").expect("valid");
        let ids: Vec<String> = (0..3000)
            .map(|i| format!("tag:x,2023:/story-{i}"))
            .collect();
        let records: Vec<Record<'_>> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| Record {
                path: path_hash(Path::new(&format!("articles/{i}.txt"))),
                stamp: stamp(i as u64),
                kind: if i % 7 == 0 {
                    Kind::Draft
                } else {
                    Kind::Entry { updated, id }
                },
                raw: None,
            })
            .collect();
        let write_in = |order: &[usize], pieces: usize| {
            let dir = tempfile::tempdir().expect("temp dir");
            let mut whole = Encoder::default();
            for part in order.chunks(order.len().div_ceil(pieces)) {
                let mut encoder = Encoder::default();
                for &i in part {
                    encoder.push(&records[i]);
                }
                whole.append(encoder);
            }
            write(dir.path(), 7, &whole).expect("writes");
            let cache = Cache::load(dir.path(), 7).expect("loads");
            assert!(cache.holds(7, &whole));
            let loaded = cache.records();
            assert!(loaded.is_sorted_by_key(|r| r.path));
            assert_eq!(loaded.len(), records.len());
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
        let cache = Cache {
            bytes: Vec::new(),
            written_at: (1_700_000_000, 5),
            starts: Vec::new(),
        };
        let record = Record {
            path: 1,
            stamp: stamp(1),
            kind: Kind::Draft,
            raw: None,
        };
        // Modified in the same nanosecond the cache was written: re-read.
        assert!(!cache.is_clean(&record, &stamp(1)));
    }
}
