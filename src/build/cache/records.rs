//! The records: one per listed file, saying what the cache remembers of
//! its article (a draft, an entry's id and updated time, or nothing), with
//! the file's stamp. Records are written by an [`Encoder`] in listing
//! order, and a listed file is matched to its record in one sweep.

use rayon::prelude::*;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, TimeZone};

use super::Cache;
use super::format::{Cursor, INSTANT_LEN, STAMP_LEN, narrow, path_bytes, push_bytes, push_stamp};
use crate::build::source::FileStamp;
use crate::feed::set::Membership;

// The tag after a record's path (see the format in `format.rs`).
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
        /// Its published instant.
        published: Kept,
        /// Its section, tags and authors.
        groups: Groups<'a>,
    },
}

/// An instant as the cache keeps it (seconds and offset), made a
/// date-time only when read: a rerun without section or tag feeds never
/// reads an entry's published time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kept {
    seconds: i64,
    offset: i32,
}

impl Kept {
    /// How the cache keeps `instant`.
    pub fn of(instant: &DateTime<FixedOffset>) -> Self {
        Self {
            seconds: instant.timestamp(),
            offset: instant.offset().local_minus_utc(),
        }
    }

    /// The instant, when the bytes make one.
    pub fn get(self) -> Option<DateTime<FixedOffset>> {
        FixedOffset::east_opt(self.offset)?
            .timestamp_opt(self.seconds, 0)
            .single()
    }
}

/// Separates the parts of [`Groups`]: no cleaned text holds it (XML 1.0
/// cannot carry it).
const PART: char = '\u{1e}';
/// Separates the items of a part.
const ITEM: char = '\u{1f}';

/// An entry's section, tags and authors as the cache keeps them: one
/// string, `section RS tag US tag ... RS author US author ...`, held as
/// bytes and checked as UTF-8 only when read: a rerun of a build without
/// section or tag feeds never reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Groups<'a>(&'a [u8]);

impl<'a> Groups<'a> {
    /// The string an entry's groups are kept as.
    pub fn encode(member: Membership<'_>) -> String {
        // A separator in a term becomes a blank; a term is copied once,
        // with no string of its own.
        let push = |out: &mut String, text: &str| {
            if text.contains([PART, ITEM]) {
                out.extend(
                    text.chars()
                        .map(|c| if c == PART || c == ITEM { ' ' } else { c }),
                );
            } else {
                out.push_str(text);
            }
        };
        let mut out = String::with_capacity(64);
        push(&mut out, member.section.unwrap_or_default());
        out.push(PART);
        for (i, tag) in member.tags.iter().enumerate() {
            if i > 0 {
                out.push(ITEM);
            }
            push(&mut out, tag);
        }
        out.push(PART);
        for (i, name) in member.authors.names().enumerate() {
            if i > 0 {
                out.push(ITEM);
            }
            push(&mut out, name);
        }
        out
    }

    /// The groups kept as `encoded`.
    pub fn of(encoded: &'a str) -> Self {
        Self(encoded.as_bytes())
    }

    /// The three parts; none when the bytes are not UTF-8 (a cache is
    /// checksummed, so only another build's could hold such).
    fn parts(self) -> (&'a str, &'a str, &'a str) {
        let text = simdutf8::basic::from_utf8(self.0).unwrap_or_default();
        let mut parts = text.splitn(3, PART);
        (
            parts.next().unwrap_or_default(),
            parts.next().unwrap_or_default(),
            parts.next().unwrap_or_default(),
        )
    }

    /// The section (when there is one), the tags and the authors' names.
    pub fn read(self) -> (Option<&'a str>, Vec<String>, Vec<String>) {
        let (section, tags, authors) = self.parts();
        let list = |part: &str| {
            part.split(ITEM)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        };
        (
            Some(section).filter(|s| !s.is_empty()),
            list(tags),
            list(authors),
        )
    }
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
        let (id, groups) = match &record.kind {
            Kind::Draft => ("", &[][..]),
            Kind::Entry { id, groups, .. } => (*id, groups.0),
        };
        let buf = self
            .buffer(4 + path.len() + 1 + STAMP_LEN + 2 * INSTANT_LEN + 8 + id.len() + groups.len());
        let start = buf.len();
        push_bytes(buf, path);
        match &record.kind {
            Kind::Draft => {
                buf.push(DRAFT);
                push_stamp(buf, &record.stamp);
            }
            Kind::Entry {
                updated,
                id,
                published,
                groups,
            } => {
                buf.push(ENTRY);
                push_stamp(buf, &record.stamp);
                for instant in [Kept::of(updated), *published] {
                    buf.extend_from_slice(&instant.seconds.to_le_bytes());
                    buf.extend_from_slice(&instant.offset.to_le_bytes());
                }
                push_bytes(buf, id.as_bytes());
                push_bytes(buf, groups.0);
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
    pub(super) fn ordered(&self) -> Vec<&[u8]> {
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

impl<'a> Cursor<'a> {
    /// Steps over one file's entry, giving its path's bytes.
    pub(super) fn skip_entry(&mut self) -> Option<&'a [u8]> {
        let path = self.bytes_field()?;
        match self.u8()? {
            DRAFT => self.take(STAMP_LEN)?,
            ENTRY => {
                self.take(STAMP_LEN + 2 * INSTANT_LEN)?;
                self.bytes_field()?;
                self.bytes_field()?
            }
            UNRECORDED => &[],
            _ => return None,
        };
        Some(path)
    }

    /// An instant: seconds and offset.
    fn instant(&mut self) -> Option<DateTime<FixedOffset>> {
        let seconds = self.u64()? as i64;
        let offset = FixedOffset::east_opt(self.i32()?)?;
        offset.timestamp_opt(seconds, 0).single()
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
                let updated = self.instant()?;
                let published = Kept {
                    seconds: self.u64()? as i64,
                    offset: self.i32()?,
                };
                Kind::Entry {
                    updated,
                    published,
                    id: self.string()?,
                    groups: Groups(self.bytes_field()?),
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::cache::tests::{STARTED, stamp};
    use crate::build::cache::{CACHE_FILE, listing_bytes, save};
    use crate::build::source::Listing;
    use std::fs;

    /// Groups read back as they were written; a separator inside a term
    /// becomes a blank, so it never splits the term.
    #[test]
    fn groups_round_trip() {
        let tags = vec!["Caf\u{e9}".to_owned(), "a\u{1e}b\u{1f}c".to_owned()];
        let names = vec!["Ana Ruiz".to_owned(), "x\u{1f}y".to_owned()];
        let encoded = Groups::encode(Membership {
            section: Some("world\u{1e}news"),
            tags: &tags,
            authors: crate::feed::set::Authors::Names(&names),
        });
        let (section, tags, names) = Groups::of(&encoded).read();
        assert_eq!(section, Some("world news"));
        assert_eq!(tags, ["Caf\u{e9}", "a b c"]);
        assert_eq!(names, ["Ana Ruiz", "x y"]);
        // No section, tags or authors.
        let empty = Groups::encode(Membership::NONE);
        assert_eq!(Groups::of(&empty).read(), (None, Vec::new(), Vec::new()));
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
                    Kind::Entry {
                        updated,
                        id,
                        published: Kept::of(&updated),
                        groups: Groups::of("world\u{1e}a\u{1f}b\u{1e}Ana"),
                    }
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
}
